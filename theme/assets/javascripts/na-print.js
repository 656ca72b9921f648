/* The "In / Tải PDF" button of a notice page: the browser's print dialog, where "Save as PDF"
   gives the PDF. The button stays hidden without JavaScript, since it could do nothing. */
(function () {
  "use strict";
  document.querySelectorAll(".na-print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
