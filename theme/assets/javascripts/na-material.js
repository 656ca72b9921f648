/* mkdocs-material's small inline scripts, moved into a file so that the site's
   Content-Security-Policy can forbid inline scripts ('unsafe-inline'): see
   theme/partials/javascripts/. Each <script src> tag runs where the inline script stood
   (synchronously, in document order); `data-part` says which one this tag stands for.
   The code of each part is mkdocs-material's own (MIT licence), unminified. */
(function () {
  "use strict";
  var script = document.currentScript;
  var part = script && script.dataset.part;

  if (part === "base") {
    window.__md_scope = new URL(script.dataset.scope, location);
    window.__md_hash = function (text) {
      return [].reduce.call(text, function (hash, ch) {
        return (hash << 5) - hash + ch.charCodeAt(0);
      }, 0);
    };
    window.__md_get = function (key, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      return JSON.parse(storage.getItem(scope.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) {}
    };
    return;
  }

  if (part === "palette") {
    var palette = __md_get("__palette");
    if (palette && palette.color) {
      if (palette.color.media === "(prefers-color-scheme)") {
        var media = matchMedia("(prefers-color-scheme: light)");
        var input = document.querySelector(media.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
      Object.keys(palette.color).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, palette.color[key]);
      });
    }
    return;
  }

  if (part === "content") {
    if (script.dataset.tabsLink) {
      var tabs = __md_get("__tabs");
      if (Array.isArray(tabs)) {
        document.querySelectorAll(".tabbed-set").forEach(function (set) {
          var labels = set.querySelector(".tabbed-labels");
          for (var t = 0; t < tabs.length; t++) {
            var found = Array.prototype.find.call(labels.getElementsByTagName("label"),
              function (label) { return label.innerText.trim() === tabs[t]; });
            if (found) { document.getElementById(found.htmlFor).checked = true; return; }
          }
        });
      }
    }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
    return;
  }

  if (part === "announce") {
    var banner = document.querySelector("[data-md-component=announce]");
    if (banner) {
      var content = banner.querySelector(".md-typeset");
      if (__md_hash(content.innerHTML) === __md_get("__announce")) banner.hidden = true;
    }
    return;
  }

  if (part === "outdated") {
    var outdated = document.querySelector("[data-md-component=outdated]");
    var base = new URL(script.dataset.base, location);
    if (__md_get("__outdated", sessionStorage, base) === true && outdated) outdated.hidden = false;
    return;
  }

  if (part === "consent") {
    var form = document.forms.consent;
    var consent = __md_get("__consent");
    if (consent) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name) el.checked = consent[el.name] || false;
      });
    } else if (location.protocol !== "file:") {
      setTimeout(function () {
        document.querySelector("[data-md-component=consent]").hidden = false;
      }, 250);
    }
    ["submit", "reset"].forEach(function (action) {
      form.addEventListener(action, function (ev) {
        ev.preventDefault();
        if (ev.type === "reset") {
          Array.prototype.forEach.call(form.elements, function (el) { if (el.name) el.checked = false; });
        }
        __md_set("__consent", Object.fromEntries(Array.from(new FormData(form).keys())
          .map(function (key) { return [key, true]; })));
        location.hash = "";
        location.reload();
      });
    });
  }
})();
