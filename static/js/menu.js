/* The site menu on phones (no inline scripts: a CSP forbids them). Below the breakpoint in portal.css the
   navigation and the tools fold under the "Menu" button; the button says whether they are shown
   (aria-expanded) and Escape folds them again, back on the button. Without JavaScript the button stays
   hidden and the menu stays open. */
(function () {
  "use strict";
  function setUp() {
    var toggle = document.querySelector(".site-menu__toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) { return; }
    function show(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    menu.classList.add("site-menu--foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      show(toggle.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" && toggle.offsetParent !== null) {
        show(false);
        toggle.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
