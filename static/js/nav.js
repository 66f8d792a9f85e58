// The menu button of narrow screens: it folds the navigation, the language switch and the account behind one
// button (a disclosure: aria-expanded on the button, the menu hidden by CSS while collapsed). Without this
// script the button stays hidden and the menu stays open, so every link is still there.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  var topbar = button.closest(".topbar");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    topbar.classList.toggle("menu-open", open);
  }

  topbar.classList.add("menu-ready");
  button.hidden = false;
  setOpen(false);

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes an open menu and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
