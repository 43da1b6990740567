/*
 * Follow-up planner and portable progress. Everything happens in this browser; nothing is sent anywhere.
 *
 * Planner: on a checklist page with dated items (<li data-after="P2D">), a form turns the day you met or
 * start into an iCalendar file (RFC 5545) with one all-day entry per dated step, which the reader downloads
 * and opens in a calendar app. Dates are whole days computed in UTC, so daylight-saving changes and the
 * reader's time zone cannot move them; months and years clamp to the month's end (31 Jan + P1M = 28/29 Feb).
 *
 * Portable progress: export saved ticks (one checklist, or all of them on the index) as
 *   {"format": "networking-for-phds-progress", "version": 1, "exported": ISO, "checklists": {id: [item ids]}}
 * and import such a file elsewhere. An import is checked whole before anything is written: a wrong or
 * damaged file changes nothing. A good file is merged: its ticks are added, no tick is ever removed.
 * Saved ticks are read and written through window.nfpProgress (checklist.js).
 */
(function () {
  "use strict";

  var UID_DOMAIN = "networking-for-phds";
  var PRODID = "-//Networking for PhDs//Follow-up planner//EN";
  var FORMAT = "networking-for-phds-progress";
  var VERSION = 1;
  var MAX_IMPORT_BYTES = 256 * 1024;
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var DURATION = /^P(?!$)(?:(\d{1,3})Y)?(?:(\d{1,3})M)?(?:(\d{1,3})W)?(?:(\d{1,3})D)?$/;

  /* ---- Dates: {y, m, d} with m from 1 to 12, computed with UTC only ---------------------------------- */

  function fromUtc(ms) {
    var date = new Date(ms);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  }

  function toUtc(day) {
    var date = new Date(0);
    date.setUTCFullYear(day.y, day.m - 1, day.d); // setUTCFullYear, unlike Date.UTC, keeps years below 100
    return date.getTime();
  }

  function daysInMonth(year, month) {
    return fromUtc(toUtc({ y: year, m: month + 1, d: 1 }) - DAY_MS).d;
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /** "2026-03-28" as {y, m, d}, or null when it is not a real calendar date. */
  function parseIsoDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ""));
    if (!match) return null;
    var day = { y: +match[1], m: +match[2], d: +match[3] };
    if (day.m < 1 || day.m > 12 || day.d < 1 || day.d > daysInMonth(day.y, day.m)) return null;
    return day;
  }

  function isoDate(day) {
    return pad(day.y, 4) + "-" + pad(day.m, 2) + "-" + pad(day.d, 2);
  }

  function icsDate(day) {
    return pad(day.y, 4) + pad(day.m, 2) + pad(day.d, 2);
  }

  function longDate(day) {
    return day.d + " " + MONTHS[day.m - 1] + " " + day.y;
  }

  /** Today where the reader is: their calendar day, whatever the time zone. */
  function today() {
    var now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }

  function parseDuration(text) {
    var match = DURATION.exec(String(text || ""));
    if (!match) return null;
    return { years: +(match[1] || 0), months: +(match[2] || 0), weeks: +(match[3] || 0), days: +(match[4] || 0) };
  }

  /** The day `duration` (e.g. "P1M") after `start`: months first, clamped to the month's end, then days. */
  function addDuration(start, duration) {
    var parts = typeof duration === "string" ? parseDuration(duration) : duration;
    if (!parts) throw new Error("Not a duration: " + duration);
    var monthIndex = start.m - 1 + parts.months + 12 * parts.years;
    var year = start.y + Math.floor(monthIndex / 12);
    var month = (monthIndex % 12) + 1;
    var day = Math.min(start.d, daysInMonth(year, month));
    return fromUtc(toUtc({ y: year, m: month, d: day }) + (7 * parts.weeks + parts.days) * DAY_MS);
  }

  /* ---- iCalendar text (RFC 5545) ------------------------------------------------------------------------ */

  /** TEXT value escaping: backslash, semicolon, comma, and newlines as \n; other control characters dropped. */
  function escapeText(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      .replace(/[\u0000-\u001f\u007f]/g, "");
  }

  function utf8Length(codePoint) {
    if (codePoint < 0x80) return 1;
    if (codePoint < 0x800) return 2;
    if (codePoint < 0x10000) return 3;
    return 4;
  }

  /** Fold a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
  function foldLine(line) {
    var out = "";
    var used = 0;
    var limit = 75;
    for (var i = 0; i < line.length;) {
      var codePoint = line.codePointAt(i);
      var char = String.fromCodePoint(codePoint);
      var size = utf8Length(codePoint);
      if (used + size > limit) {
        out += "\r\n ";
        used = 1; // the leading space counts towards the next line's 75 octets
      }
      out += char;
      used += size;
      i += char.length;
    }
    return out;
  }

  /** A short stable hash (two FNV-1a passes over UTF-8), so the same plan always gives the same UIDs. */
  function hash(text) {
    var bytes = new TextEncoder().encode(text);
    var a = 0x811c9dc5;
    var b = 0x01000193 ^ 0x5bd1e995;
    for (var i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x5bd1e995) ^ (b >>> 15);
    }
    return pad((a >>> 0).toString(16), 8) + pad((b >>> 0).toString(16), 8);
  }

  function normaliseSpaces(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  function stepSummary(text, name) {
    var placeholder = /\[(?:their |the person's |your contact's )?name\]/gi;
    if (!name) return text;
    if (placeholder.test(text)) return text.replace(placeholder, name);
    return name + ": " + text;
  }

  function icsTimestamp(date) {
    return pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) + "T" +
      pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + "Z";
  }

  /**
   * The calendar file for a plan:
   *   {checklistId, checklistTitle, pageUrl, start: {y, m, d}, name, place, now: Date,
   *    steps: [{id, after, text, details, when, templates: [title]}]}
   * Returns {text, events: [{id, date}]}.
   */
  function buildCalendar(plan) {
    var name = normaliseSpaces(plan.name);
    var place = normaliseSpaces(plan.place);
    var stamp = icsTimestamp(plan.now || new Date());
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(plan.checklistTitle + (name ? " (" + name + ")" : ""))
    ];
    var context = name ? name + ", met" : "Met";
    context += (place ? " at " + place : "") + " on " + longDate(plan.start) + ".";
    if (!name && !place) context = "Counted from " + longDate(plan.start) + ".";
    var events = [];
    plan.steps.forEach(function (step) {
      var day = addDuration(plan.start, step.after);
      var link = plan.pageUrl + "#" + step.id;
      var summary = stepSummary(normaliseSpaces(step.text), name);
      var description = [context];
      if (step.when) description.push("When: " + step.when);
      if (step.details) description.push(normaliseSpaces(step.details));
      (step.templates || []).forEach(function (title) {
        description.push("Message template: " + normaliseSpaces(title));
      });
      description.push("From the checklist \u201c" + plan.checklistTitle + "\u201d: " + link);
      var key = [plan.checklistId, step.id, isoDate(plan.start), name.toLowerCase()].join("\u001f");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + [plan.checklistId, step.id, icsDate(plan.start), hash(key)].join(".") + "@" + UID_DOMAIN,
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDate(day),
        "DTEND;VALUE=DATE:" + icsDate(fromUtc(toUtc(day) + DAY_MS)),
        "SUMMARY:" + escapeText(summary),
        "DESCRIPTION:" + escapeText(description.join("\n")),
        "URL:" + link.replace(/[\s"]/g, encodeURIComponent),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT9H", "DESCRIPTION:" + escapeText(summary), "END:VALARM",
        "END:VEVENT"
      );
      events.push({ id: step.id, date: day });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(foldLine).join("\r\n") + "\r\n", events: events };
  }

  /* ---- Shared page helpers ------------------------------------------------------------------------------ */

  function download(filename, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /** Put `text` in a live region; the same message twice is still announced. */
  function announce(region, text) {
    if (!region) return;
    if (text && region.textContent === text) text += "\u00a0";
    region.textContent = text || "";
  }

  function fileSlug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  }

  function textOf(element) {
    return element ? normaliseSpaces(element.textContent) : "";
  }

  /* ---- The planner form --------------------------------------------------------------------------------- */

  function readSteps(article) {
    return Array.prototype.map.call(article.querySelectorAll("li.nfp-item[data-after]"), function (item) {
      var templates = [];
      if (item.getAttribute("data-template-title")) templates.push(item.getAttribute("data-template-title"));
      Array.prototype.forEach.call(item.querySelectorAll("[data-template-title]"), function (element) {
        var title = element.getAttribute("data-template-title");
        if (title && templates.indexOf(title) === -1) templates.push(title);
      });
      return {
        id: item.getAttribute("data-item-id"),
        after: item.getAttribute("data-after"),
        text: textOf(item.querySelector(".nfp-item__text")),
        details: textOf(item.querySelector(".nfp-item__details")),
        when: textOf(item.querySelector(".nfp-item__when")).replace(/:$/, ""),
        templates: templates
      };
    }).filter(function (step) { return parseDuration(step.after) !== null; });
  }

  function pageAddress(section) {
    var url = section.getAttribute("data-page-url");
    return url || window.location.href.split("#")[0];
  }

  function setupPlanner(section) {
    if (section.getAttribute("data-nfp-ready") === "1") return;
    var article = section.closest("article.nfp-checklist");
    var form = section.querySelector("form");
    if (!article || !form) return;
    section.setAttribute("data-nfp-ready", "1");
    var dateInput = form.querySelector("input[name=date]");
    var error = form.querySelector(".nfp-planner__error");
    var status = form.querySelector(".nfp-planner__status");
    var hint = dateInput.getAttribute("aria-describedby") || "";
    if (!dateInput.value) dateInput.value = isoDate(today());
    section.hidden = false;

    function showError(message) {
      announce(status, "");
      announce(error, message);
      dateInput.setAttribute("aria-invalid", "true");
      dateInput.setAttribute("aria-describedby", (hint + " " + error.id).trim());
      dateInput.focus();
    }

    function clearError() {
      announce(error, "");
      dateInput.removeAttribute("aria-invalid");
      dateInput.setAttribute("aria-describedby", hint);
    }

    dateInput.addEventListener("input", function () {
      if (dateInput.getAttribute("aria-invalid") === "true" && parseIsoDate(dateInput.value)) clearError();
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var start = parseIsoDate(dateInput.value);
      if (!start) {
        showError("Enter the day you met or start as a full date, for example 2026-03-28.");
        return;
      }
      if (start.y < 1900 || start.y > 2199) {
        showError("Enter a date between the years 1900 and 2199.");
        return;
      }
      var steps = readSteps(article);
      if (!steps.length) {
        showError("This checklist has no dated steps to put in a calendar.");
        return;
      }
      clearError();
      var name = normaliseSpaces(form.querySelector("input[name=name]").value);
      var checklistId = article.getAttribute("data-checklist-id");
      var calendar = buildCalendar({
        checklistId: checklistId,
        checklistTitle: section.getAttribute("data-checklist-title") || textOf(article.querySelector("h1, h2")),
        pageUrl: pageAddress(section),
        start: start,
        name: name,
        place: form.querySelector("input[name=place]").value,
        steps: steps,
        now: new Date()
      });
      var slug = fileSlug(name);
      var filename = "networking-for-phds-" + checklistId + (slug ? "-" + slug : "") + "-" + isoDate(start) + ".ics";
      download(filename, "text/calendar;charset=utf-8", calendar.text);
      var first = calendar.events[0].date;
      var last = calendar.events[calendar.events.length - 1].date;
      announce(status, "Downloaded " + filename + " with " + calendar.events.length + " dated steps, from " +
        longDate(first) + " to " + longDate(last) + ". Open it with your calendar app to add them.");
    });
  }

  /* ---- Export and import of saved ticks ----------------------------------------------------------------- */

  function countTicks(checklists) {
    return Object.keys(checklists).reduce(function (sum, id) { return sum + checklists[id].length; }, 0);
  }

  function plural(number, one, many) {
    return number + " " + (number === 1 ? one : many);
  }

  function exportProgress(ids) {
    var checklists = {};
    ids.forEach(function (id) {
      var ticked = window.nfpProgress.read(id);
      if (ticked.length) checklists[id] = ticked.slice().sort();
    });
    return { format: FORMAT, version: VERSION, exported: new Date().toISOString(), checklists: checklists };
  }

  /**
   * Check a progress file's text. Returns {ok: true, checklists} or {ok: false, message}; never throws.
   * Every check runs before anything is written, so a bad file leaves saved ticks as they were.
   */
  function parseProgressFile(text) {
    var corrupt = "This file looks damaged: ";
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: "This file is not a progress file from this site: it could not be read " +
        "as JSON. Choose a file made with \u201cExport ticks\u201d." };
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      return { ok: false, message: "This file is not a progress file from this site. Choose a file made with " +
        "\u201cExport ticks\u201d; its name starts with networking-for-phds-progress." };
    }
    if (data.version !== VERSION) {
      var newer = typeof data.version === "number" && data.version > VERSION;
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
      if (!SLUG.test(id)) return { ok: false, message: corrupt + "\u201c" + id + "\u201d is not a checklist id." };
      if (!Array.isArray(items) || !items.every(function (item) { return typeof item === "string" && SLUG.test(item); })) {
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

  function setupTransfer(section) {
    if (section.getAttribute("data-nfp-ready") === "1" || !window.nfpProgress) return;
    section.setAttribute("data-nfp-ready", "1");
    var only = section.getAttribute("data-scope") === "one" ? section.getAttribute("data-checklist-id") : null;
    var known = {};
    try {
      known = JSON.parse(section.getAttribute("data-known") || "{}");
    } catch (error) { /* left empty: nothing can be imported */ }
    var fileInput = section.querySelector("input[type=file]");
    var error = section.querySelector(".nfp-transfer__error");
    var status = section.querySelector(".nfp-transfer__status");
    section.hidden = false;

    function fail(message) {
      announce(status, "");
      announce(error, message + " Your ticks here have not changed.");
    }

    function succeed(message) {
      announce(error, "");
      announce(status, message);
    }

    function exportTicks() {
      var ids = only ? [only] : Object.keys(known).concat(window.nfpProgress.saved().filter(function (id) {
        return !Object.prototype.hasOwnProperty.call(known, id);
      }));
      var data = exportProgress(ids);
      var ticks = countTicks(data.checklists);
      if (!ticks) {
        announce(error, "");
        announce(status, only ? "Nothing is ticked on this checklist yet, so there is nothing to export." :
          "Nothing is ticked on any checklist yet, so there is nothing to export.");
        return;
      }
      var filename = "networking-for-phds-progress-" + (only || "all") + "-" + isoDate(today()) + ".json";
      download(filename, "application/json", JSON.stringify(data, null, 2) + "\n");
      var lists = Object.keys(data.checklists).length;
      succeed("Exported " + plural(ticks, "tick", "ticks") + (only ? "" : " from " +
        plural(lists, "checklist", "checklists")) + " to " + filename + ". Import it on your other device.");
    }

    function importText(text, filename) {
      var parsed = parseProgressFile(text);
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
        var current = window.nfpProgress.read(id);
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
        if (!window.nfpProgress.write(ids[i], merged[ids[i]])) {
          fail("This browser is not saving ticks (private browsing or storage turned off), so nothing was imported.");
          return;
        }
      }
      document.dispatchEvent(new Event("nfp:refresh"));
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-planner"), setupPlanner);
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-transfer"), setupTransfer);
  }

  // Pure parts, for tests and for anyone curious in the console.
  window.nfpPlanner = {
    addDuration: addDuration,
    parseIsoDate: parseIsoDate,
    buildCalendar: buildCalendar,
    escapeText: escapeText,
    foldLine: foldLine,
    parseProgressFile: parseProgressFile
  };

  // Material's instant navigation swaps pages without reloading scripts; document$ fires on every page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
