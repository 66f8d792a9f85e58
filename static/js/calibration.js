// The calibration board (templates/reviews/calibration.html). The rows' forms post with htmx and the server
// answers every changed part out of band (the row, the distribution, the 9-box, the change log, a status line).
// Here: htmx may swap the board's refusals too (400 with each message beside its field, 403 and 409 with their
// message), focus goes where the person needs it next, and a person moves across the 9-box by dragging their
// name or from the keyboard (the ⇄ button beside it: arrow keys choose a box, Enter opens the dialog, Escape
// cancels). Either way a dialog asks for the reason, then posts the same calibrate action as the row's form
// with the rating and the potential of the box chosen. Without this script the rows' forms post and reload.
(function () {
  "use strict";

  var board = document.querySelector("[data-calibration-board]");
  if (!board) {
    return;
  }
  board.classList.add("is-live");
  var dialog = document.getElementById("move-dialog");
  var moving = null; // {review, name, rating, potential, url} of the person being moved
  var target = null; // {performance, potential} chosen with the arrow keys

  function status() {
    return document.getElementById("board-status");
  }

  // The board's forms (a row's form may already be out of the page when its answer is in: it was swapped).
  function inBoard(elt) {
    return !!(elt && elt.classList && (elt.classList.contains("calibrate-form") || elt.id === "move-form"));
  }

  // htmx swaps 2xx answers only; the board's refusals carry their parts and their true status.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var code = event.detail.xhr.status;
    if (inBoard(event.detail.elt) && (code === 400 || code === 403 || code === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // The dialog's form serves every person: it posts to the one being moved.
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "move-form" && moving) {
      event.detail.path = moving.url;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    // A swapped-out form's event is told again on the nearest element still in the page: the form that asked
    // is in the request's configuration.
    var form = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt;
    if (!inBoard(form) || !event.detail.xhr) {
      return;
    }
    var code = event.detail.xhr.status;
    // After the swap has settled (the out-of-band parts are in place by then).
    window.setTimeout(function () {
      settled(form, code);
    }, 40);
  });

  function settled(form, code) {
    if (form.id === "move-form") {
      if (code === 400) {
        var wrong = document.querySelector("#move-fields [aria-invalid=true]");
        (wrong || document.getElementById("move-reason")).focus();
        return;
      }
      var review = moving && moving.review;
      closeDialog(false);
      var chip = review && board.querySelector(".box-person[data-review='" + review + "'] .box-move");
      focusOr(code === 200 ? chip : null);
      return;
    }
    var pk = form.getAttribute("data-review");
    var row = pk && document.getElementById("review-" + pk);
    if (code === 400 && row) {
      focusOr(row.querySelector("[aria-invalid=true]"));
    } else {
      focusOr(row && row.querySelector("#change-" + pk));
    }
  }

  // Unless the answer left something to work on, focus the status line, so its words are read at once.
  function focusOr(element) {
    var line = status();
    if (element) {
      element.focus();
    } else if (line) {
      line.focus();
    }
  }

  // The 9-box.
  function chipOf(element) {
    return element && element.closest ? element.closest(".box-person[data-review]") : null;
  }

  function cell(performance, potential) {
    return board.querySelector(".nine-box td[data-performance='" + performance + "'][data-potential='" +
      potential + "']");
  }

  function clearTarget() {
    board.querySelectorAll(".nine-box td.drop-target").forEach(function (td) {
      td.classList.remove("drop-target");
    });
    target = null;
  }

  function markTarget(td) {
    clearTarget();
    if (td) {
      td.classList.add("drop-target");
      target = {performance: td.getAttribute("data-performance"), potential: td.getAttribute("data-potential")};
    }
  }

  function announce(text) {
    var live = document.getElementById("box-live");
    if (live) {
      live.textContent = text;
    }
  }

  function person(chip) {
    return {
      review: chip.getAttribute("data-review"),
      name: chip.getAttribute("data-name"),
      rating: chip.getAttribute("data-rating"),
      potential: chip.getAttribute("data-potential"),
      url: chip.getAttribute("data-url")
    };
  }

  // The option of ``select`` in ``band`` nearest to the current value (the current value when it is there).
  function choose(select, current, band) {
    var options = Array.prototype.slice.call(select.options);
    var inBand = options.filter(function (o) {
      return band === null || o.getAttribute("data-band") === String(band);
    });
    if (!inBand.length) {
      inBand = options;
    }
    var best = inBand[0];
    inBand.forEach(function (o) {
      if (Math.abs(Number(o.value) - Number(current)) < Math.abs(Number(best.value) - Number(current))) {
        best = o;
      }
    });
    select.value = best.value;
  }

  function label(select, value) {
    var option = Array.prototype.find.call(select.options, function (o) {
      return o.value === String(value);
    });
    return option ? option.textContent : "—";
  }

  function openDialog(chip, to) {
    if (!dialog) {
      return;
    }
    moving = person(chip);
    var form = document.getElementById("move-form");
    form.setAttribute("action", moving.url);
    // A new move starts clean: no message of an earlier refused one.
    dialog.querySelectorAll("#move-fields .field-errors, #move-fields .errorlist").forEach(function (list) {
      list.remove();
    });
    dialog.querySelectorAll("#move-fields [aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    var rating = document.getElementById("move-rating");
    var potential = document.getElementById("move-potential");
    var from = dialog.getAttribute("data-from-text") || "";
    dialog.querySelector("[data-move-name]").textContent = moving.name;
    dialog.querySelector("[data-move-from]").textContent = from.replace("%(rating)s", label(rating, moving.rating))
      .replace("%(potential)s", label(potential, moving.potential));
    choose(rating, moving.rating, to ? to.performance : null);
    choose(potential, moving.potential, to ? to.potential : null);
    var td = to && cell(to.performance, to.potential);
    dialog.querySelector("[data-move-to]").textContent = td ?
      (dialog.getAttribute("data-to-text") || "").replace("%(box)s", td.getAttribute("data-cell")) : "";
    document.getElementById("move-reason").value = "";
    clearTarget();
    dialog.showModal();
    document.getElementById("move-reason").focus();
  }

  function closeDialog(refocus) {
    if (!dialog) {
      return;
    }
    var review = moving && moving.review;
    if (dialog.open) {
      dialog.close();
    }
    moving = null;
    if (refocus && review) {
      var button = board.querySelector(".box-person[data-review='" + review + "'] .box-move");
      if (button) {
        button.focus();
      }
    }
  }

  if (dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-move-cancel]")) {
        closeDialog(true);
      }
    });
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Escape: close and go back to the person, as Cancel does
      closeDialog(true);
    });
  }

  // Keyboard: on a person's ⇄ button the arrow keys choose a box, Enter or Space opens the dialog for it.
  board.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(".box-move");
    var chip = chipOf(button);
    if (!chip) {
      return;
    }
    var steps = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]};
    if (steps[event.key]) {
      event.preventDefault();
      var home = chip.closest("td");
      var performance = Number(target ? target.performance : home.getAttribute("data-performance"));
      var potential = Number(target ? target.potential : home.getAttribute("data-potential"));
      performance = Math.min(2, Math.max(0, performance + steps[event.key][0]));
      potential = Math.min(2, Math.max(0, potential + steps[event.key][1]));
      var td = cell(performance, potential);
      markTarget(td);
      announce((board.getAttribute("data-target-text") || "%(box)s").replace("%(box)s", td.getAttribute("data-cell")));
    } else if (event.key === "Escape" && target) {
      event.preventDefault();
      clearTarget();
      announce("");
    }
  });

  board.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".box-move");
    var chip = chipOf(button);
    if (chip) {
      event.preventDefault();
      openDialog(chip, target);
    }
  });

  board.addEventListener("focusout", function (event) {
    if (event.target.closest && event.target.closest(".box-move") && target) {
      var next = event.relatedTarget;
      if (!next || !next.closest || next.closest(".box-move") !== event.target.closest(".box-move")) {
        clearTarget();
      }
    }
  });

  // Pointer: drag a name onto another box.
  var dragged = null;
  board.addEventListener("dragstart", function (event) {
    var chip = chipOf(event.target);
    if (!chip) {
      return;
    }
    dragged = chip;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", chip.getAttribute("data-name"));
    chip.classList.add("is-dragged");
  });
  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragged");
    }
    dragged = null;
    clearTarget();
  });
  board.addEventListener("dragover", function (event) {
    var td = dragged && event.target.closest && event.target.closest(".nine-box td[data-performance]");
    if (td) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (!td.classList.contains("drop-target")) {
        markTarget(td);
      }
    }
  });
  board.addEventListener("drop", function (event) {
    var td = dragged && event.target.closest && event.target.closest(".nine-box td[data-performance]");
    if (!td) {
      return;
    }
    event.preventDefault();
    var chip = dragged;
    var to = {performance: td.getAttribute("data-performance"), potential: td.getAttribute("data-potential")};
    chip.classList.remove("is-dragged");
    dragged = null;
    openDialog(chip, to);
  });
})();
