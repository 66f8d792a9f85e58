// Draft forms save themselves while the person types (htmx posts the form and swaps in the new
// version). A submit that starts while such a save is still on its way would carry the version that
// save is about to replace and be refused as "changed elsewhere": hold the submit until the save is
// back, then submit again with the version it brought.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("draft-form") || !form.classList.contains("htmx-request")) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    form.addEventListener("htmx:afterRequest", function resubmit() {
      form.removeEventListener("htmx:afterRequest", resubmit);
      window.setTimeout(function () {
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      }, 0);
    });
  });
})();
