// The writing coach beside a free-text answer (templates/coach/_writing_panel.html): htmx fetches the findings;
// this script only lets "Select these words in the text" put the cursor on a finding's words, so the writer can
// fix them at once. Without it the findings still show, with the words highlighted.
(function () {
  "use strict";
  document.documentElement.classList.add("writing-js");
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".writing-show") : null;
    if (!button) {
      return;
    }
    var panel = button.closest(".writing-panel");
    var field = panel && document.getElementById(panel.getAttribute("data-field"));
    if (!field || typeof field.setSelectionRange !== "function") {
      return;
    }
    var start = parseInt(button.getAttribute("data-start"), 10);
    var end = parseInt(button.getAttribute("data-end"), 10);
    field.focus();
    field.setSelectionRange(start, end);
  });
})();
