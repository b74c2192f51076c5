/* Pickers and "New …" dialogs (no inline scripts: a CSP forbids them).

   Pickers: every <select data-picker> (core/pickers.py) becomes a Tom Select 2.6.2
   (static/vendor/tom-select): type to search, chosen people are chips (× or Backspace removes
   one), arrows and Enter choose, Escape closes the list. Options carry search words and a rank
   (the exchange's own cities first) in data-data; a select with data-picker-url also asks that
   endpoint (format=json) as one types. Without JavaScript the plain select stays.

   "New …" links (a[data-create-dialog], core/created.py): open the create page's form in a
   modal <dialog> through htmx. On success the server answers 204 with the "picker-created"
   event ({value, label}); the new record is added to the field's picker and chosen, the dialog
   closes and focus returns to the picker. Without JavaScript the link is a normal page that
   returns to the form with the record chosen. Dialogs may nest (a new organisation from the
   new person dialog). */
(function () {
  "use strict";

  var dialogs = []; // open dialogs, innermost last: {dialog, select, opener}

  // The words of the pickers in the page's language (templates/includes/picker_assets.html).
  function text(key, fallback) {
    var meta = document.querySelector('meta[name="picker-texts"]');
    return (meta && meta.getAttribute("data-" + key)) || fallback;
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function initPicker(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") {
      return;
    }
    var multiple = select.multiple;
    var url = select.getAttribute("data-picker-url");
    var settings = {
      dataAttr: "data-data",
      valueField: "value",
      labelField: "text",
      searchField: ["text", "search"],
      sortField: [{ field: "rank" }, { field: "$score" }, { field: "$order" }],
      maxOptions: 100,
      // The list follows the typing after a short pause: Tom Select waits 300 ms by default before it filters
      // and before it asks the server; our search answers take a few milliseconds, so a shorter pause.
      refreshThrottle: 100,
      loadThrottle: 150,
      create: false,
      allowEmptyOption: !multiple,
      closeAfterSelect: !multiple,
      openOnFocus: false, // as a combobox: the list opens on typing, a click or Down

      hidePlaceholder: multiple,
      plugins: multiple ? { remove_button: { title: text("remove", "Remove") } } : {},
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeHtml(text("none", "No match; try another search.")) + "</div>";
        },
        loading: function () {
          return '<div class="spinner" aria-hidden="true"></div>';
        }
      }
    };
    if (url) {
      settings.load = function (query, callback) {
        var control = this;
        var joiner = url.indexOf("?") === -1 ? "?" : "&";
        fetch(url + joiner + "format=json&q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            callback(data.results);
            // Tom Select opens the list when an answer arrives. An answer to a search the person is done with
            // (they chose an option, the text is cleared) must not open it again over the rest of the form.
            if (!control.inputValue()) { control.close(); }
          })
          .catch(function () { callback(); });
      };
    }
    var picker = new window.TomSelect(select, settings);
    // Typing starts a refresh that runs after refreshThrottle. A choice made before it runs (Enter on an option
    // the list already showed), or leaving the field (Tab), ends that search: the pending refresh would open the
    // list again and take the focus back from the next field.
    function dropPendingRefresh() {
      if (picker.refreshTimeout) {
        window.clearTimeout(picker.refreshTimeout);
        picker.refreshTimeout = null;
      }
    }
    picker.on("item_add", dropPendingRefresh);
    picker.control_input.addEventListener("blur", dropPendingRefresh);
    // Tom Select ties the label to its own combobox and hides the select (out of the tab order):
    // hide it from assistive tools too, or they meet two fields of one name.
    select.setAttribute("aria-hidden", "true");
  }

  function enhance(root) {
    if (!root.querySelectorAll) {
      return;
    }
    if (root.matches && root.matches("select[data-picker]")) {
      initPicker(root);
    }
    root.querySelectorAll("select[data-picker]").forEach(initPicker);
  }

  function fieldOf(link) {
    var form = link.closest("form");
    var name = link.getAttribute("data-for");
    var element = form && form.elements.namedItem(name);
    return element && element.tagName === "SELECT" ? element : null;
  }

  function closeDialog(entry) {
    var index = dialogs.indexOf(entry);
    if (index !== -1) {
      dialogs.splice(index, 1);
    }
    if (entry.dialog.open) {
      entry.dialog.close();
    }
    entry.dialog.remove();
    var picker = entry.select && entry.select.tomselect;
    if (picker) {
      picker.focus();
    } else {
      (entry.select || entry.opener).focus();
    }
  }

  function openDialog(link) {
    var dialog = document.createElement("dialog");
    var id = "create-dialog-" + (dialogs.length + 1);
    dialog.id = id;
    dialog.className = "create-dialog";
    dialog.setAttribute("aria-labelledby", id + "-title");
    document.body.appendChild(dialog);
    var entry = { dialog: dialog, select: fieldOf(link), opener: link };
    dialogs.push(entry);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      closeDialog(entry);
    });
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-dialog-close]")) {
        closeDialog(entry);
      }
    });
    window.htmx.ajax("GET", link.getAttribute("href"), { target: dialog, swap: "innerHTML" }).then(function () {
      if (!dialog.isConnected) {
        return;
      }
      if (!dialog.open) {
        dialog.showModal();
      }
      focusInDialog(dialog);
    });
  }

  function focusInDialog(dialog) {
    var title = dialog.querySelector("h2");
    if (title) {
      title.id = dialog.id + "-title";
    }
    var first = dialog.querySelector("[aria-invalid=true]") ||
      dialog.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      var target = first.tomselect ? first.tomselect.control_input : first;
      target.focus();
    }
  }

  function choose(select, value, label) {
    if (!select) {
      return;
    }
    var picker = select.tomselect;
    if (picker) {
      picker.addOption({ value: value, text: label, search: "", rank: 0 });
      picker.addItem(value);
      return;
    }
    var option = new Option(label, value, true, true);
    if (!select.multiple) {
      Array.prototype.forEach.call(select.options, function (other) { other.selected = false; });
    }
    select.add(option);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-create-dialog]");
    if (!link || !window.htmx || typeof HTMLDialogElement !== "function" || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    openDialog(link);
  });

  document.addEventListener("picker-created", function (event) {
    var entry = dialogs[dialogs.length - 1];
    if (!entry) {
      return;
    }
    choose(entry.select, String(event.detail.value), event.detail.label);
    closeDialog(entry);
  });

  // A form shown again with its errors: focus the first field in error.
  document.addEventListener("htmx:afterSwap", function (event) {
    var dialog = event.detail.target;
    if (dialog && dialog.tagName === "DIALOG" && dialog.open) {
      focusInDialog(dialog);
    }
  });

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
