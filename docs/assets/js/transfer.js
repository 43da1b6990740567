/*
 * Portable progress: export saved ticks (one checklist, or all of them on the index) as
 *   {"format": <data-format>, "version": <data-version>, "exported": ISO, "checklists": {id: [item ids]}}
 * and import such a file elsewhere. Format, version and the shape of ids come from the section's data
 * attributes, rendered by hooks/nfp/planner.py (ids from checklists/schema.json), and an export holds only
 * what an import accepts: ticks of the checklists and items this site has.
 *
 * An import never removes or damages a tick already saved. A file that is not a progress file, or too large,
 * changes nothing. Otherwise its valid part is merged (ticks are added, none removed) and the message says
 * what was skipped; saved ticks this version cannot read are left alone; if the browser cannot save all of
 * the import, it saves none of it. Everything happens in this browser; nothing is sent anywhere.
 */
nfp.define("transfer", ["checklist"], function (progress) {
  "use strict";

  // A file from this site holds a few hundred ticks: these caps only stop files made to stall the page.
  var MAX_IMPORT_BYTES = 256 * 1024;
  var MAX_TICKS = 5000;
  var MAX_CHECKLISTS = 500;
  var plural = nfp.plural;

  /** A value from a file as the reader is shown it: cut short, so a huge value never floods a message. */
  function shorten(value, length) {
    var text = String(value);
    return text.length > length ? text.slice(0, length) + "\u2026" : text;
  }

  function quote(value) {
    return "\u201c" + shorten(value, 30) + "\u201d";
  }

  function count(number) {
    return number.toLocaleString("en-GB");
  }

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

  /** A progress file with the saved ticks of the checklists in `known` ({id: Set of item ids}). */
  function exportProgress(known, rules) {
    return { format: rules.format, version: rules.version, exported: new Date().toISOString(),
      checklists: progress.savedTicks(known) };
  }

  /**
   * Check a progress file's text. Returns {ok: false, message} for a file to refuse whole, else {ok: true,
   * checklists: {id: [item ids, without repeats]}, damaged: [what was skipped and why]}; never throws.
   * Every check runs before anything is written, and each takes one pass over the file.
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
    var ids = Object.keys(lists);
    var ticks = ids.reduce(function (sum, id) { return sum + (Array.isArray(lists[id]) ? lists[id].length : 0); }, 0);
    if (ids.length > MAX_CHECKLISTS || ticks > MAX_TICKS) {
      return { ok: false, message: ids.length > MAX_CHECKLISTS ?
        "This file lists " + count(ids.length) + " checklists, more than a progress file from this site can hold " +
        "(at most " + count(MAX_CHECKLISTS) + ")." :
        "This file has " + count(ticks) + " ticks, more than a progress file from this site can hold (at most " +
        count(MAX_TICKS) + ")." };
    }
    var checklists = {};
    var damaged = [];
    var notItems = 0;
    ids.forEach(function (id) {
      var items = lists[id];
      if (!rules.checklistId.test(id)) {
        damaged.push(quote(id) + " is not a checklist id");
      } else if (!Array.isArray(items)) {
        damaged.push("the ticks for " + quote(id) + " are not a list of item ids");
      } else {
        var valid = items.filter(function (item) { return typeof item === "string" && rules.itemId.test(item); });
        notItems += items.length - valid.length;
        checklists[id] = Array.from(new Set(valid));
      }
    });
    if (notItems) damaged.push(plural(notItems, "tick is", "ticks are") + " not item ids");
    return { ok: true, checklists: checklists, damaged: damaged };
  }

  /** At most three reasons, then how many more. */
  function listDamage(damaged) {
    var shown = damaged.slice(0, 3).join("; ");
    return damaged.length > 3 ? shown + "; and " + plural(damaged.length - 3, "more problem", "more problems") : shown;
  }

  var NOT_SAVED = {
    unavailable: "This browser is not saving ticks (private browsing or storage turned off), so nothing was imported.",
    full: "This browser's storage for this site is full, so nothing was imported."
  };

  function setup(section) {
    if (section.getAttribute("data-nfp-ready") === "1") return;
    section.setAttribute("data-nfp-ready", "1");
    var rules = readRules(section);
    var only = section.getAttribute("data-scope") === "one" ? section.getAttribute("data-checklist-id") : null;
    var known = new Map();
    var listed = JSON.parse(section.getAttribute("data-known"));
    Object.keys(listed).forEach(function (id) { known.set(id, new Set(listed[id])); });
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
      var data = exportProgress(only ? new Map([[only, known.get(only)]]) : known, rules);
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
      var merged = progress.mergeTicks(parsed.checklists, known, only);
      var others = Object.keys(parsed.checklists).filter(function (id) { return id !== only; }).length;
      var unreadable = merged.unreadable ? plural(merged.unreadable, "checklist", "checklists") +
        " whose ticks saved here could not be read (saved by a newer version of this site, or damaged): they " +
        "were left as they are." : "";
      if (!merged.checklists) {
        if (only && others) {
          fail("This file has no ticks for this checklist, only for " + plural(others, "other checklist",
            "other checklists") + ". Import it on the Checklists page to add them.");
        } else if (parsed.damaged.length) {
          fail("This file looks damaged: " + listDamage(parsed.damaged) + ".");
        } else if (unreadable) {
          fail("Skipped " + unreadable);
        } else {
          fail("This file has no ticks for " + (only ? "this checklist." : "the checklists on this site."));
        }
        return;
      }
      var result = progress.writeAll(merged.ticks);
      if (result !== "saved") {
        fail(NOT_SAVED[result]);
        return;
      }
      progress.renderAll();
      var message = "Imported " + shorten(filename, 80) + ": " + plural(merged.added, "tick", "ticks") + " added" +
        (only ? "" : " across " + plural(merged.checklists, "checklist", "checklists"));
      if (merged.already) message += ", " + merged.already + " already ticked here";
      message += ".";
      var skipped = merged.skippedChecklists;
      if (skipped) message += " Skipped " + plural(skipped, "checklist", "checklists") + " this site no longer has.";
      if (merged.skippedItems) message += " Skipped " + plural(merged.skippedItems, "item", "items") + " this site no longer has.";
      if (unreadable) message += " Skipped " + unreadable;
      if (parsed.damaged.length) message += " Skipped what looks damaged: " + listDamage(parsed.damaged) + ".";
      if (only && others) {
        message += " The file also has ticks for " + plural(others, "other checklist", "other checklists") +
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
        fail("This file is larger than " + MAX_IMPORT_BYTES / 1024 + " KB, too large to be a progress file " +
          "from this site.");
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
