// Live reload for `notice-archive serve`: loaded from the server (never inline, so the site's
// Content-Security-Policy holds), it long-polls /livereload/<epoch>/<id> as mkdocs' own does
// and reloads the page once the server has taken in a newer save.
(function () {
  var script = document.currentScript;
  var epoch = script.getAttribute("data-epoch");
  var id = script.getAttribute("data-request");
  var req, timeout;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + id);
    req.send();
  }
  function stop() {
    if (req) { req.abort(); }
    if (timeout) { clearTimeout(timeout); }
    req = timeout = undefined;
  }
  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") { poll(); }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("beforeunload", stop);
})();
