/*
 * Calendar days and iCalendar files (RFC 5545) for the planner: pure functions, no page access.
 *
 * Dates are {y, m, d} (m from 1 to 12), computed as whole days in UTC, so daylight-saving changes and the
 * reader's time zone cannot move them. Durations are {years, months, weeks, days}, parsed by planner.js with
 * the pattern the build renders from checklists/schema.json. Months and years clamp to the month's end
 * (31 January + 1 month = 28 or 29 February), as nfp.durations.add_duration does on the Python side.
 */
nfp.define("calendar", [], function () {
  "use strict";

  var UID_DOMAIN = "networking-for-phds";
  var PRODID = "-//Networking for PhDs//Follow-up planner//EN";
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var pad = nfp.pad;

  /* ---- Days ---------------------------------------------------------------------------------------------- */

  function fromUtc(ms) {
    var date = new Date(ms);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  }

  function toUtc(day) {
    var date = new Date(0);
    date.setUTCFullYear(day.y, day.m - 1, day.d); // setUTCFullYear, unlike Date.UTC, keeps years below 100
    return date.getTime();
  }

  function addDays(day, count) {
    return fromUtc(toUtc(day) + count * DAY_MS);
  }

  function daysInMonth(year, month) {
    return addDays({ y: year, m: month + 1, d: 1 }, -1).d;
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

  function compare(a, b) {
    return toUtc(a) - toUtc(b);
  }

  /** Move by whole months, keeping the day unless the month is shorter (then its last day). */
  function addMonths(day, count) {
    var monthIndex = day.m - 1 + count;
    var year = day.y + Math.floor(monthIndex / 12);
    var month = ((monthIndex % 12) + 12) % 12 + 1;
    return { y: year, m: month, d: Math.min(day.d, daysInMonth(year, month)) };
  }

  /** The day `duration` after `start`: months first, clamped to the month's end, then days. */
  function addDuration(start, duration) {
    var moved = addMonths(start, duration.months + 12 * duration.years);
    return addDays(moved, 7 * duration.weeks + duration.days);
  }

  /** The day `duration` before `end`, the other way round, so that adding it back never passes `end`. */
  function subtractDuration(end, duration) {
    var moved = addDays(end, -(7 * duration.weeks + duration.days));
    return addMonths(moved, -(duration.months + 12 * duration.years));
  }

  /** The latest start from which every duration ends on or before `end`: `end` minus the longest one. */
  function startForEnd(end, durations) {
    return durations.map(function (duration) { return subtractDuration(end, duration); })
      .reduce(function (earliest, day) { return compare(day, earliest) < 0 ? day : earliest; }, end);
  }

  /* ---- iCalendar text ------------------------------------------------------------------------------------ */

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
    for (var i = 0; i < line.length;) {
      var codePoint = line.codePointAt(i);
      var char = String.fromCodePoint(codePoint);
      var size = utf8Length(codePoint);
      if (used + size > 75) {
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

  /** A step's title: the name in place of its placeholder ("[their name]"), else before the text. */
  function stepSummary(text, name) {
    var placeholder = /\[(?:their |the person's |your contact's )?name\]/gi;
    if (!name) return text;
    // A replacer function: "$&" or "$'" in a name are the reader's characters, not replacement patterns.
    if (placeholder.test(text)) return text.replace(placeholder, function () { return name; });
    return name + ": " + text;
  }

  function icsTimestamp(date) {
    return pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) + "T" +
      pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + "Z";
  }

  /**
   * The calendar file for a plan:
   *   {checklistId, checklistTitle, pageUrl, start: {y, m, d}, end: {y, m, d} or null, name, place, now: Date,
   *    steps: [{id, after: duration, text, details, when, templates: [title]}]}
   * `end` is set when the reader counted back from the day they need to be done by.
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
    if (plan.end) context = "Counted back from " + longDate(plan.end) + ", the day to be done by.";
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
        "DTEND;VALUE=DATE:" + icsDate(addDays(day, 1)),
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

  return {
    parseIsoDate: parseIsoDate, isoDate: isoDate, longDate: longDate, compare: compare, addDuration: addDuration,
    startForEnd: startForEnd, buildCalendar: buildCalendar,
    normaliseSpaces: normaliseSpaces,
    // For network-data.js, which writes its own calendar file from the same days and iCalendar text rules.
    toUtc: toUtc, addDays: addDays, addMonths: addMonths, escapeText: escapeText, foldLine: foldLine
  };
});
