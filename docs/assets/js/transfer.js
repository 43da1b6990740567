/*
 * Portable progress: export saved ticks (one checklist, or all of them on the index) as
 *   {"format": <data-format>, "version": <data-version>, "exported": ISO, "checklists": {id: [item ids]}}
 * and import such a file elsewhere. Format, version and the shape of ids come from the section's data
 * attributes, rendered by hooks/nfp/planner.py (ids from checklists/schema.json). An import is checked whole
 * before anything is written: a wrong or damaged file changes nothing. A good file is merged: its ticks are
 * added, no tick is ever removed. Everything happens in this browser; nothing is sent anywhere.
 */
nfp.define("transfer", ["checklist"], function (progress) {
  "use strict";

  var MAX_IMPORT_BYTES = 256 * 1024;
  var plural = nfp.plural;

  /** What a progress file must look like, from the section's data attributes. */
  function readRules(section) {
    var version = Number(section.getAttribute("data-version"));
    if (!section.getAttribute("data-format") || !(version > 0)) {
      throw new Error("nfp: data-format and data-version are missing on .nfp-transfer");
    }
    return {
      format: section.getAttribute("data-format"),
      version: version,
      checklistId: nfp.pattern(section, "data-checklist-id-pattern"),
      itemId: nfp.pattern(section, "data-item-id-pattern")
    };
  }

  function countTicks(checklists) {
    return Object.keys(checklists).reduce(function (sum, id) { return sum + checklists[id].length; }, 0);
  }

  function exportProgress(ids, rules) {
    var checklists = {};
    ids.forEach(function (id) {
      var ticked = progress.read(id) || [];
      if (ticked.length) checklists[id] = ticked.slice().sort();
    });
    return { format: rules.format, version: rules.version, exported: new Date().toISOString(), checklists: checklists };
  }

  /**
   * Check a progress file's text. Returns {ok: true, checklists} or {ok: false, message}; never throws.
   * Every check runs before anything is written, so a bad file leaves saved ticks as they were.
   */
  function parseProgressFile(text, rules) {
    var corrupt = "This file looks damaged: ";
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: "This file is not a progress file from this site: it could not be read " +
        "as JSON. Choose a file made with \u201cExport ticks\u201d." };
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== rules.format) {
      return { ok: false, message: "This file is not a progress file from this site. Choose a file made with " +
        "\u201cExport ticks\u201d; its name starts with " + rules.format + "." };
    }
    if (data.version !== rules.version) {
      var newer = typeof data.version === "number" && data.version > rules.version;
      return { ok: false, message: newer ? "This progress file was made by a newer version of this site. " +
        "Reload the page to get the newest version, then try again." :
        corrupt + "its version is missing or unknown." };
    }
    if (typeof data.exported !== "string" || isNaN(Date.parse(data.exported))) {
      return { ok: false, message: corrupt + "the date it was exported is missing or unreadable." };
    }
    var lists = data.checklists;
    if (!lists || typeof lists !== "object" || Array.isArray(lists)) {
      return { ok: false, message: corrupt + "it has no list of checklists." };
    }
    var checklists = {};
    var ids = Object.keys(lists);
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      var items = lists[id];
      if (!rules.checklistId.test(id)) {
        return { ok: false, message: corrupt + "\u201c" + id + "\u201d is not a checklist id." };
      }
      if (!Array.isArray(items) || !items.every(function (item) {
        return typeof item === "string" && rules.itemId.test(item);
      })) {
        return { ok: false, message: corrupt + "the ticks for \u201c" + id + "\u201d are not a list of item ids." };
      }
      checklists[id] = items.filter(function (item, index) { return items.indexOf(item) === index; });
    }
    return { ok: true, checklists: checklists };
  }

  /** Keep what this page can import: checklists in scope, items this site has. */
  function selectImport(checklists, known, only) {
    var selected = {};
    var skippedChecklists = [];
    var skippedItems = 0;
    Object.keys(checklists).forEach(function (id) {
      if (only && id !== only) return;
      if (!Object.prototype.hasOwnProperty.call(known, id)) {
        skippedChecklists.push(id);
        return;
      }
      var items = checklists[id].filter(function (item) { return known[id].indexOf(item) !== -1; });
      skippedItems += checklists[id].length - items.length;
      if (items.length) selected[id] = items;
    });
    return { checklists: selected, skippedChecklists: skippedChecklists, skippedItems: skippedItems };
  }

  function setup(section) {
    if (section.getAttribute("data-nfp-ready") === "1") return;
    section.setAttribute("data-nfp-ready", "1");
    var rules = readRules(section);
    var only = section.getAttribute("data-scope") === "one" ? section.getAttribute("data-checklist-id") : null;
    var known = JSON.parse(section.getAttribute("data-known"));
    var fileInput = section.querySelector("input[type=file]");
    var error = section.querySelector(".nfp-transfer__error");
    var status = section.querySelector(".nfp-transfer__status");
    section.hidden = false;

    function fail(message) {
      nfp.announce(status, "");
      nfp.announce(error, message + " Your ticks here have not changed.");
    }

    function succeed(message) {
      nfp.announce(error, "");
      nfp.announce(status, message);
    }

    function exportTicks() {
      var ids = only ? [only] : Object.keys(known).concat(progress.saved().filter(function (id) {
        return !Object.prototype.hasOwnProperty.call(known, id);
      }));
      var data = exportProgress(ids, rules);
      var ticks = countTicks(data.checklists);
      if (!ticks) {
        nfp.announce(error, "");
        nfp.announce(status, only ? "Nothing is ticked on this checklist yet, so there is nothing to export." :
          "Nothing is ticked on any checklist yet, so there is nothing to export.");
        return;
      }
      var filename = rules.format + "-" + (only || "all") + "-" + nfp.today() + ".json";
      nfp.download(filename, "application/json", JSON.stringify(data, null, 2) + "\n");
      var lists = Object.keys(data.checklists).length;
      succeed("Exported " + plural(ticks, "tick", "ticks") + (only ? "" : " from " +
        plural(lists, "checklist", "checklists")) + " to " + filename + ". Import it on your other device.");
    }

    function importText(text, filename) {
      var parsed = parseProgressFile(text, rules);
      if (!parsed.ok) {
        fail(parsed.message);
        return;
      }
      var selection = selectImport(parsed.checklists, known, only);
      var ids = Object.keys(selection.checklists);
      if (!ids.length) {
        var others = Object.keys(parsed.checklists).filter(function (id) { return id !== only; }).length;
        fail(only && others ? "This file has no ticks for this checklist, only for " +
          plural(others, "other checklist", "other checklists") + ". Import it on the Checklists page to add them." :
          "This file has no ticks for " + (only ? "this checklist." : "the checklists on this site."));
        return;
      }
      var added = 0;
      var already = 0;
      var merged = {};
      ids.forEach(function (id) {
        var current = progress.read(id) || [];
        merged[id] = current.slice();
        selection.checklists[id].forEach(function (item) {
          if (current.indexOf(item) === -1) {
            merged[id].push(item);
            added++;
          } else {
            already++;
          }
        });
      });
      for (var i = 0; i < ids.length; i++) {
        if (progress.write(ids[i], merged[ids[i]]) !== "saved") {
          fail("This browser is not saving ticks (private browsing or storage turned off), so nothing was imported.");
          return;
        }
      }
      progress.renderAll();
      var message = "Imported " + filename + ": " + plural(added, "tick", "ticks") + " added" +
        (only ? "" : " across " + plural(ids.length, "checklist", "checklists"));
      if (already) message += ", " + already + " already ticked here";
      message += ".";
      var skipped = selection.skippedChecklists.length;
      if (skipped) message += " Skipped " + plural(skipped, "checklist", "checklists") + " this site no longer has.";
      if (selection.skippedItems) message += " Skipped " + plural(selection.skippedItems, "item", "items") + " this site no longer has.";
      if (only) {
        var rest = Object.keys(parsed.checklists).filter(function (id) { return id !== only; }).length;
        if (rest) message += " The file also has ticks for " + plural(rest, "other checklist", "other checklists") +
          ": import it on the Checklists page to add those.";
      }
      succeed(message);
    }

    section.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-nfp-transfer]") : null;
      if (!button) return;
      if (button.getAttribute("data-nfp-transfer") === "export") exportTicks();
      if (button.getAttribute("data-nfp-transfer") === "import") fileInput.click();
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      fileInput.value = ""; // choosing the same file again is a new import
      if (file.size > MAX_IMPORT_BYTES) {
        fail("This file is too large to be a progress file from this site.");
        return;
      }
      file.text().then(function (text) { importText(text, file.name); }, function () {
        fail("This file could not be read.");
      });
    });
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-transfer"), setup);
  });
});
