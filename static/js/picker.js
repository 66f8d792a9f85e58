// The searchable picker (common/widgets.py): turns each <select multiple data-picker> into a search box
// (an ARIA 1.2 combobox with a listbox) and the chosen items into chips with a remove button. The select
// stays in the form, hidden, and is what the form submits, so the server reads it as before; without this
// script it is an ordinary multiple select. Options come from the select itself, or, with
// data-picker-url, from the server (?q=…, answering {"results": [{"value", "label", "hint"}]}).
// Keyboard: type to search; Down/Up move through the matches; Enter adds or removes the highlighted one;
// Escape closes the list (or clears the search); Backspace in an empty box removes the last chip.
(function () {
  "use strict";
  var LIMIT = 50;
  var counter = 0;

  function text(select, key, value) {
    var template = select.getAttribute("data-picker-" + key) || "";
    return value === undefined ? template : template.replace("%s", value);
  }

  function normal(value) {
    return (value || "").toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function enhance(select) {
    if (select.hasAttribute("data-picker-ready")) { return; }
    select.setAttribute("data-picker-ready", "");
    var id = select.id || ("picker-" + (++counter));
    var remote = select.getAttribute("data-picker-url");
    var box = element("div", "picker");
    var chosen = element("ul", "picker-chosen");
    var input = element("input", "picker-search");
    var list = element("ul", "picker-list");
    var status = element("p", "visually-hidden");
    var active = -1;
    var shown = [];
    var timer = null;
    var asked = "";

    // The search box takes the select's id, so its <label for> and the error summary's links reach it.
    select.id = id + "-select";
    input.id = id;
    input.type = "text";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    input.placeholder = text(select, "placeholder");
    ["aria-invalid", "aria-describedby", "aria-required"].forEach(function (name) {
      if (select.hasAttribute(name)) { input.setAttribute(name, select.getAttribute(name)); }
    });
    if (select.required) {
      // A hidden required select would stop the form with a message no one can see: the server says it instead.
      input.setAttribute("aria-required", "true");
      select.required = false;
    }
    if (select.disabled) { input.disabled = true; }
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;
    chosen.setAttribute("aria-label", text(select, "chosen"));
    status.setAttribute("aria-live", "polite");
    status.setAttribute("role", "status");
    var label = document.querySelector("label[for='" + id + "']");
    if (label) { list.setAttribute("aria-label", label.textContent.trim()); }

    select.hidden = true;
    select.setAttribute("tabindex", "-1");
    select.parentNode.insertBefore(box, select);
    box.appendChild(chosen);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    box.appendChild(select);

    function say(message) { status.textContent = message; }

    function renderChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected) { return; }
        var item = element("li", "picker-chip");
        item.appendChild(element("span", "", option.textContent));
        if (!select.disabled) {
          var remove = element("button", "picker-remove", "×");
          remove.type = "button";
          remove.setAttribute("aria-label", text(select, "remove", option.textContent));
          remove.addEventListener("click", function () {
            toggle(option.value, option.textContent);
            input.focus();
          });
          item.appendChild(remove);
        }
        chosen.appendChild(item);
      });
      if (!chosen.children.length) {
        chosen.appendChild(element("li", "picker-empty muted", text(select, "empty")));
      }
    }

    function optionOf(value) {
      return Array.prototype.find.call(select.options, function (option) { return option.value === value; });
    }

    function toggle(value, label) {
      var option = optionOf(value);
      if (!option) {
        option = new Option(label, value, true, true);
        select.appendChild(option);
        say(text(select, "added", label));
      } else {
        option.selected = !option.selected;
        say(text(select, option.selected ? "added" : "removed", label));
      }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderChosen();
      if (!list.hidden) { draw(shown, false); }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) { active = -1; return; }
      active = (index + items.length) % items.length;
      Array.prototype.forEach.call(items, function (item, i) { item.classList.toggle("active", i === active); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function draw(matches, more) {
      shown = matches;
      list.textContent = "";
      matches.forEach(function (match, i) {
        var option = optionOf(match.value);
        var item = element("li", "picker-option");
        item.id = id + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", option && option.selected ? "true" : "false");
        item.appendChild(element("span", "picker-label", match.label));
        if (match.hint) { item.appendChild(element("span", "picker-hint muted", match.hint)); }
        // mousedown, not click: the search box keeps the focus.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          toggle(match.value, match.label);
        });
        list.appendChild(item);
      });
      if (!matches.length) {
        list.appendChild(element("li", "picker-note muted", text(select, "none")));
      } else if (more) {
        list.appendChild(element("li", "picker-note muted", text(select, "more")));
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= matches.length) { active = matches.length - 1; }
      if (active >= 0) { highlight(active); }
    }

    function searchLocal(query) {
      var words = normal(query).split(/\s+/).filter(Boolean);
      var matches = [];
      var more = false;
      Array.prototype.forEach.call(select.options, function (option) {
        var label = normal(option.textContent);
        if (words.every(function (word) { return label.indexOf(word) !== -1; })) {
          if (matches.length < LIMIT) {
            matches.push({ value: option.value, label: option.textContent });
          } else {
            more = true;
          }
        }
      });
      active = -1;
      draw(matches, more);
      say(text(select, "count", matches.length));
    }

    function searchRemote(query) {
      if (query.trim().length < 2) {
        shown = [];
        list.textContent = "";
        list.appendChild(element("li", "picker-note muted", text(select, "short")));
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        return;
      }
      asked = query;
      var url = remote + (remote.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (asked !== input.value) { return; } // an older answer: a newer search is on its way
          var matches = (data.results || []).map(function (r) {
            return { value: String(r.value), label: r.label, hint: r.hint || "" };
          });
          active = -1;
          draw(matches, Boolean(data.more));
          say(text(select, "count", matches.length));
        })
        .catch(function () { close(); });
    }

    function search() {
      var query = input.value;
      if (remote) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { searchRemote(query); }, 250);
      } else {
        searchLocal(query);
      }
    }

    input.addEventListener("input", search);
    input.addEventListener("focus", function () { if (!remote) { searchLocal(input.value); } });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { search(); return; }
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && shown[active]) {
          event.preventDefault(); // choosing, not submitting the form
          toggle(shown[active].value, shown[active].label);
        } else if (!list.hidden) {
          event.preventDefault();
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          input.value = "";
        }
      } else if (event.key === "Backspace" && !input.value) {
        var last = Array.prototype.filter.call(select.options, function (o) { return o.selected; }).pop();
        if (last) { toggle(last.value, last.textContent); }
      } else if (event.key === "Tab") {
        close();
      }
    });
    renderChosen();
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("select[multiple][data-picker]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(); });
  } else {
    enhanceAll();
  }
  // Parts of a page that htmx swaps in get their pickers too.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
