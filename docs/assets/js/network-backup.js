/*
 * My network's backup, spreadsheet and calendar, as the page does them: loaded with network-files.js when the
 * reader first uses one (network.js withFiles), so the page's first load stays small. Each action runs with the
 * page (network.js's Page) as `this`, and says what it did in the backup section's live regions.
 */
nfp.define("network-backup", ["network-files", "network-store", "checklist", "network"],
  function (files, store, progress, network) {
  "use strict";

  var plural = nfp.plural;
  var NOT_SAVED = network.NOT_SAVED;

  function $(root, selector) {
    return root.querySelector(selector);
  }

  /** The checklists a backup carries, as the build wrote them: {known: Map of id to Set of item ids, rules}. */
  function readChecklistItems(listed) {
    if (!listed || typeof listed.format !== "string" || typeof listed.version !== "number" || !listed.items ||
        typeof listed.items !== "object") {
      throw new Error("nfp: the list of checklists is not in the form the build writes");
    }
    var known = new Map();
    Object.keys(listed.items).forEach(function (id) {
      if (Array.isArray(listed.items[id])) known.set(id, new Set(listed.items[id]));
    });
    return { known: known, rules: { known: listed.items, checklistFormat: listed.format,
      checklistVersion: listed.version } };
  }

  function exportAll(checklists) {
    var file = files.backupFile(this.notebook, progress.savedTicks(checklists.known), new Date());
    if (failed(file, backupError(this.root))) return;
    var filename = "networking-for-phds-everything-" + nfp.today() + ".json";
    nfp.download(filename, "application/json", JSON.stringify(file, null, 2) + "\n");
    store.noteBackup({ exported: new Date().toISOString(), rev: this.notebook.rev || 0 });
    this.renderReminder();
    var ticks = Object.keys(file.checklists).reduce(function (n, id) { return n + file.checklists[id].length; }, 0);
    nfp.announce($(this.root, ".nfp-backup__error"), "");
    nfp.announce($(this.root, ".nfp-backup__report"), "Exported " + plural(this.notebook.people.length, "person",
      "people") + " and " + plural(ticks, "checklist tick", "checklist ticks") + " to " + filename +
      ". Keep it somewhere safe; import it here or in another browser to restore them.");
  }

  function importText(checklists, text, filename) {
    var parsed = files.parseBackup(text, this.schema, checklists.rules);
    if (!parsed.ok) {
      this.refuse(parsed.message);
      return;
    }
    if (this.stored.state !== "ok" && this.stored.state !== "empty") {
      this.refuse("The notebook saved in this browser cannot be read by this page, so the file was not merged into it.");
      return;
    }
    // Ticks: added, never removed, only for checklists and items this site has and whose saved ticks are readable.
    var ticks = progress.mergeTicks(parsed.checklists || {}, checklists.known, null);
    var report = null;
    var outcome = { result: "unchanged" };
    if (parsed.network) {
      outcome = store.update(this.schema, function (notebook) {
        report = files.mergeNetwork(notebook, parsed.network, new Date());
        if (!report.ok) return null;
        return count(report.added) || count(report.updated) || settingsChanged(notebook, report.notebook) ?
          report.notebook : null;
      });
      if (outcome.result === "invalid") {
        this.refuse("The people in this file could not be merged with yours: " + outcome.message + ".");
        return;
      }
      if (outcome.result !== "saved" && outcome.result !== "unchanged") {
        this.refuse((NOT_SAVED[outcome.result] || NOT_SAVED.unavailable)
          .replace(/, so the change was not saved\./, ", so nothing was imported.")
          .replace(/^The notebook saved in this browser cannot be read by this page, so nothing was changed\.$/,
            "The notebook saved in this browser cannot be read by this page, so the file was not merged into it."));
        return;
      }
    }
    if (ticks.added) {
      var written = progress.writeAll(ticks.ticks);
      if (written !== "saved") {
        if (outcome.result === "saved") store.restore(outcome.before);
        this.refuse(written === "full" ? "This browser's storage for this site is full, so nothing was imported." :
          "This browser is not saving anything for this site, so nothing was imported.");
        this.load();
        return;
      }
      progress.renderAll();
    }
    this.load();
    var parts = [];
    if (report) {
      parts.push(plural(count(report.added), "person", "people") + " added", count(report.updated) + " updated",
        count(report.skipped) + " skipped (the copy here is as new or newer)");
      if (count(report.future)) {
        parts.push(count(report.future) + " kept as they are here (the file's copy is dated in the future: check " +
          "the clock of the device that made it)");
      }
    }
    var message = "Imported " + shortName(filename) + ": " + (parts.length ? parts.join(", ") + "; " : "") +
      plural(ticks.added, "checklist tick", "checklist ticks") + " added.";
    if (ticks.unreadable) {
      message += " Skipped the ticks for " + plural(ticks.unreadable, "checklist", "checklists") + " whose ticks " +
        "saved here could not be read (saved by a newer version of this site, or damaged): they were left as they are.";
    }
    if (parsed.skipped && parsed.skipped.length) {
      message += " Left out of the file: " + parsed.skipped.slice(0, 3).join("; ") +
        (parsed.skipped.length > 3 ? "; and " + (parsed.skipped.length - 3) + " more" : "") + ".";
    }
    nfp.announce($(this.root, ".nfp-backup__error"), "");
    nfp.announce($(this.root, ".nfp-backup__report"), message);
  }


  /** network-data.js answers {ok: false, message} for what it could not do: say so where the reader looks. */
  function failed(result, region) {
    if (!result || result.ok !== false) return false;
    nfp.announce(region, result.message);
    return true;
  }

  /** The backup section's error region, with its report cleared. */
  function backupError(root) {
    nfp.announce($(root, ".nfp-backup__report"), "");
    return $(root, ".nfp-backup__error");
  }

  function count(value) {
    return Array.isArray(value) ? value.length : Number(value) || 0;
  }

  function settingsChanged(a, b) {
    return JSON.stringify(a.settings) !== JSON.stringify(b.settings);
  }

  function shortName(name) {
    var text = String(name || "the file");
    return text.length > 80 ? text.slice(0, 80) + "\u2026" : text;
  }

  function calendarFile() {
    var pageUrl = window.location.href.split("#")[0];
    var file = files.calendarFile(this.notebook, nfp.today(), new Date(), pageUrl);
    if (failed(file, backupError(this.root))) return;
    var report = $(this.root, ".nfp-backup__report");
    nfp.announce($(this.root, ".nfp-backup__error"), "");
    if (!file.events || !file.events.length) {
      nfp.announce(report, "Nothing is due yet, so there is no calendar file to make. Add people or log contacts first.");
      return;
    }
    var filename = "networking-for-phds-follow-ups-" + nfp.today() + ".ics";
    nfp.download(filename, "text/calendar;charset=utf-8", file.text);
    nfp.announce(report, "Downloaded " + filename + " with " + plural(file.events.length, "follow-up",
      "follow-ups") + ". Open it with your calendar app; importing a newer file later updates the same entries.");
  }


  function peopleCsv() {
    var filename = "networking-for-phds-people-" + nfp.today() + ".csv";
    var text = files.peopleCsv(this.notebook, nfp.today());
    if (failed(text, backupError(this.root))) return;
    nfp.download(filename, "text/csv;charset=utf-8", text);
    nfp.announce($(this.root, ".nfp-backup__error"), "");
    nfp.announce($(this.root, ".nfp-backup__report"), "Downloaded " + filename + " with " +
      plural(this.notebook.people.length, "person", "people") + ". It opens in Excel, LibreOffice or Google Sheets.");
  }



  /** Check a chosen file's size, then read and import it. */
  function importFile(checklists, file) {
    var self = this;
    if (file.size > files.MAX_FILE_BYTES) {
      this.refuse("This file is larger than " + files.MAX_FILE_BYTES / 1024 / 1024 + " MB, too large to be a " +
        "backup from this site.");
      return;
    }
    file.text().then(function (text) { importText.call(self, checklists, text, file.name); }, function () {
      self.refuse("This file could not be read.");
    });
  }

  return { readChecklistItems: readChecklistItems, exportAll: exportAll, importFile: importFile,
    importText: importText, calendar: calendarFile, csv: peopleCsv };
});
