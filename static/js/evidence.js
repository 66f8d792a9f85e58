// "Quote into my answer" on a review's evidence panel (templates/reviews/_evidence_items.html): inserts the
// item's text into the answer being written — the text field last focused in that part's form, else its first
// one — at the caret, then fires "input" so the draft autosaves as if typed. Without this script the buttons
// are not offered (the panel itself is loaded by htmx).
(function () {
  "use strict";
  var last = {};

  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches(".draft-form textarea")) { return; }
    var section = field.closest("section[id]");
    if (section) { last[section.id] = field; }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-quote]") : null;
    if (!button) { return; }
    var part = button.getAttribute("data-into");
    var section = document.getElementById(part);
    var field = last[part] || (section && section.querySelector(".draft-form textarea"));
    if (!field) { return; }
    var quote = button.getAttribute("data-quote");
    var start = field.selectionStart === undefined ? field.value.length : field.selectionStart;
    var end = field.selectionEnd === undefined ? start : field.selectionEnd;
    var before = field.value.slice(0, start);
    var after = field.value.slice(end);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var trail = after && !/^\n/.test(after) ? "\n" : "";
    field.value = before + lead + quote + trail + after;
    var caret = (before + lead + quote).length;
    field.focus();
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    var status = button.closest(".period-evidence, section") && button.closest(".period-evidence, section")
      .querySelector(".quoted-status");
    if (status) { status.textContent = button.getAttribute("data-quoted"); }
  });
})();
