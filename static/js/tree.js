// The alignment tree: a node's toggle shows and hides the objectives that serve it. htmx loads them
// on the first click (hx-trigger="click once"); this only flips the list and the button's state.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".tree-toggle");
    if (!toggle) {
      return;
    }
    var list = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (list) {
      list.hidden = !open;
    }
  });
})();
