/* Progressive enhancement for the management pages (no inline scripts: a CSP forbids them).
   Pickers: reveal the search box above a select once JavaScript runs, and keep Enter in
   the search box from submitting the whole form. */
(function () {
  "use strict";
  function enhance(root) {
    root.querySelectorAll("[data-picker][hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("[data-picker-query]")) {
      event.preventDefault();
    }
  });
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
