/*
 * My network's files: the backup ("everything": the notebook and the checklist ticks), a spreadsheet of people
 * and one calendar of follow-ups. Pure functions like network-data.js, whose validator and due dates they use;
 * loaded only when the reader first exports, imports or downloads (its own bundle, nfp-network-files.js), so the
 * page's first load stays small. Data from a file is never trusted: see network-data.js.
 */
nfp.define("network-files", ["network-data", "calendar"], function (data, calendar) {
  "use strict";

  var shared = data.files;
  var makeValidator = shared.makeValidator;
  var readNotebook = shared.readNotebook;
  var replaced = shared.replaced;
  var isSchema = shared.isSchema;
  var timeline = shared.timeline;
  var guarded = shared.guarded;
  var fail = shared.fail;
  var quote = shared.quote;
  var shown = shared.shown;
  var isObject = shared.isObject;
  var DEFAULT_RHYTHMS = shared.DEFAULT_RHYTHMS;
  var NO_SCHEMA = shared.NO_SCHEMA;
  var defaults = data.defaults;
  var dueItems = data.dueItems;
  var day = calendar.parseIsoDate;
  var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
  var plural = nfp.plural;

  // What this script writes. The schema holds the same two values as `const`, and the tests check every
  // file written here against the schema.
  var FORMAT = "networking-for-phds-everything";
  var VERSION = 1;
  // A backup of 5,000 people with long notes stays well below this; the caps only stop files made to stall
  // the page. The caller checks file.size against MAX_FILE_BYTES before reading the file.
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var MAX_NESTING = 16; // a backup nests 6 levels deep (file, notebook, people, person, log, contact)
  // SEQUENCE counts whole minutes from here to the export: each new file is a newer version of every event,
  // also when a date moved earlier (a closer rhythm), which a count of days to the event's date would hide.
  var EPOCH_MS = Date.UTC(2026, 0, 1);
  var DAY_MS = 86400000;
  var UID_DOMAIN = "networking-for-phds";
  var PRODID = "-//Networking for PhDs//My network//EN";
  var SEARCH_LABELS = { "to-contact": "to contact", wrote: "wrote", replied: "replied", spoke: "spoke",
    referred: "referred", applied: "applied" };
  var CSV_HEADER = ["Name", "Organisation", "Role", "How to reach", "Where you met", "Met on", "Closeness", "Tags",
    "Last contact", "Next follow-up", "Job search", "Notes"];

  /* ---- Backup files ------------------------------------------------------------------------------------ */

  /** The deepest nesting of arrays and objects in JSON text, in one pass, stopping early once past `limit`. */
  function nestingOver(text, limit) {
    var depth = 0;
    var inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; // a backslash: skip the escaped character
        else if (c === 34) inString = false;
      } else if (c === 34) {
        inString = true;
      } else if (c === 91 || c === 123) {
        if (++depth > limit) return true;
      } else if (c === 93 || c === 125) {
        depth--;
      }
    }
    return false;
  }

  /** The ticks this site has, from a file's {checklist id: [item ids]}; what it cannot use goes in `skipped`. */
  function readChecklists(lists, known, skipped) {
    var checklists = {};
    var unknownLists = 0;
    var unknownItems = 0;
    Object.keys(lists).forEach(function (id) {
      var items = lists[id];
      if (!hasOwn(known, id) || !Array.isArray(known[id])) {
        unknownLists++;
        return;
      }
      if (!Array.isArray(items)) {
        skipped.push("the ticks for " + quote(id) + " are not a list of item ids");
        return;
      }
      var have = new Set(known[id]);
      var kept = items.filter(function (item) { return typeof item === "string" && have.has(item); });
      unknownItems += items.length - kept.length;
      if (kept.length) checklists[id] = Array.from(new Set(kept));
    });
    if (unknownLists) skipped.push("ticks for " + plural(unknownLists, "checklist", "checklists") +
      " this site does not have");
    if (unknownItems) skipped.push(plural(unknownItems, "tick", "ticks") + " for items this site does not have");
    return checklists;
  }

  /**
   * Read a backup ("everything") or a progress file (ticks only). `rules` is the page's data: {known: {checklist
   * id: [item ids]}, checklistFormat, checklistVersion}. Returns {ok: false, message} when there is nothing to
   * import, else {ok: true, network: notebook or null, checklists: {id: [item ids]}, skipped: [reasons]}.
   * Every check runs before anything is returned, and each takes one pass over the file.
   */
  function parseBackup(text, schema, rules) {
    if (!isSchema(schema)) return fail(NO_SCHEMA);
    rules = isObject(rules) ? rules : {};
    var format = schema.properties.format.const;
    var version = schema.properties.version.const;
    // Each refusal is one sentence: what is wrong, then what to do.
    var choose = "; choose a file made with \u201cExport everything\u201d (its name starts with " + format + ").";
    if (typeof text !== "string") return fail("This file could not be read as text" + choose);
    if (text.length > MAX_FILE_BYTES) {
      return fail("This file is larger than " + MAX_FILE_BYTES / 1024 / 1024 + " MB, too large to be a backup " +
        "from this site" + choose);
    }
    if (nestingOver(text, MAX_NESTING)) {
      return fail("This file is nested far more deeply than a backup from this site, so it was not read" + choose);
    }
    var data;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      return fail("This file is not a backup from this site: it could not be read as JSON" + choose);
    }
    if (!isObject(data)) return fail("This file is not a backup from this site: it holds " +
      (Array.isArray(data) ? "a list" : "a single value") + " where a backup holds a group of fields" + choose);
    var check = makeValidator(schema);
    var known = isObject(rules.known) ? rules.known : {};
    var checklistsNode = schema.properties.checklists;
    var skipped = [];

    if (rules.checklistFormat && data.format === rules.checklistFormat) {
      if (data.version !== rules.checklistVersion) {
        return fail(typeof data.version === "number" && data.version > rules.checklistVersion ?
          "This progress file was made by a newer version of this site: reload the page to get the newest " +
          "version, then try again." : "This progress file looks damaged: its version is missing or unknown.");
      }
      if (typeof data.exported !== "string" || isNaN(Date.parse(data.exported))) {
        return fail("This progress file looks damaged: the date it was exported is missing or unreadable.");
      }
      if (!isObject(data.checklists)) return fail("This progress file looks damaged: it has no list of checklists.");
      var ticks = check(data.checklists, checklistsNode, "checklist ticks");
      if (!ticks.ok) return fail("This progress file looks damaged: " + ticks.problem + ".");
      var fromProgress = readChecklists(data.checklists, known, skipped);
      return { ok: true, network: null, checklists: fromProgress, skipped: skipped };
    }

    if (data.format !== format) {
      return fail("This file is not a backup from this site: " + (hasOwn(data, "format") ?
        "it says it is " + quote(data.format) : "it does not say what kind of file it is") + choose);
    }
    if (data.version !== version) {
      return fail(typeof data.version === "number" && data.version > version ?
        "This backup was made by a newer version of this site: reload the page to get the newest version, " +
        "then import it again." : "This backup looks damaged: its version " + (!hasOwn(data, "version") ?
        "is missing" : typeof data.version === "string" ? "is written as text, " + quote(data.version) +
        ", where this site writes the number " + version : "is " + shown(data.version) +
        ", which this site never wrote") + choose);
    }
    // The file without its notebook (format, version, date and ticks) strictly; the notebook is read below.
    var outer = check(replaced(data, "network", defaults()), schema, "backup");
    if (!outer.ok) return fail("This backup looks damaged: " + outer.problem + choose);
    var network = readNotebook(data.network, schema, true);
    if (!network.ok) return fail("This backup looks damaged: " + network.problem + choose);
    skipped = network.skipped;
    var checklists = isObject(data.checklists) ? readChecklists(data.checklists, known, skipped) : {};
    var notebook = network.notebook;
    delete notebook.rev; // the revision counts saves in one browser; the merge keeps the current one
    return { ok: true, network: notebook, checklists: checklists, skipped: skipped };
  }

  /** The backup file's object: everything, without the notebook's revision. */
  function backupFile(notebook, checklists, now) {
    if (!isObject(notebook) || !Array.isArray(notebook.people)) return fail("There is no notebook to back up.");
    var network = JSON.parse(JSON.stringify(notebook));
    delete network.rev;
    var date = now instanceof Date && !isNaN(now) ? now : new Date();
    return { format: FORMAT, version: VERSION, exported: date.toISOString(),
      checklists: isObject(checklists) ? JSON.parse(JSON.stringify(checklists)) : {}, network: network };
  }

  function sameRhythms(settings, rhythms) {
    return isObject(settings) && isObject(settings.rhythms) && Object.keys(rhythms).every(function (key) {
      return settings.rhythms[key] === rhythms[key];
    }) && Object.keys(settings.rhythms).length === Object.keys(rhythms).length;
  }

  function copyOf(value) {
    return JSON.parse(JSON.stringify(value));
  }

  /**
   * Merge an imported notebook into the current one: a person not here is added, one here is replaced only
   * when the file's copy was changed later, but never by a copy dated after `now` (a day's grace for clocks): a
   * file from a device whose clock runs ahead, or one made to look newest, must not overwrite what is here.
   * Nothing is deleted. Both notebooks must have been validated. Returns {ok, notebook, added, updated, skipped
   * (the copy here is as new or newer), future (kept here: the file's copy is dated in the future)}.
   */
  function mergeNetwork(current, incoming, now) {
    if (!isObject(current) || !Array.isArray(current.people) || !isObject(incoming) ||
        !Array.isArray(incoming.people)) {
      return fail("There is nothing to merge: the notebook here or in the file is missing.");
    }
    var people = current.people.map(copyOf);
    var where = new Map();
    people.forEach(function (person, index) { where.set(person.id, index); });
    var added = 0;
    var updated = 0;
    var skipped = 0;
    var future = 0;
    var latest = (now instanceof Date && !isNaN(now) ? now.getTime() : Date.now()) + DAY_MS;
    incoming.people.forEach(function (person) {
      if (!isObject(person) || typeof person.id !== "string") {
        skipped++;
      } else if (!where.has(person.id)) {
        where.set(person.id, people.length);
        people.push(copyOf(person));
        added++;
      } else if (Date.parse(person.updated) > latest) {
        future++;
      } else if (Date.parse(person.updated) > Date.parse(people[where.get(person.id)].updated)) {
        people[where.get(person.id)] = copyOf(person);
        updated++;
      } else {
        skipped++;
      }
    });
    var settings = sameRhythms(current.settings, DEFAULT_RHYTHMS) && isObject(incoming.settings) ?
      incoming.settings : current.settings;
    return { ok: true, notebook: { v: 1, rev: current.rev, settings: copyOf(settings), people: people },
      added: added, updated: updated, skipped: skipped, future: future };
  }

  /* ---- CSV and calendar files ----------------------------------------------------------------------------- */

  /** One CSV cell: formula-like text neutralised with a leading ', then quoted when RFC 4180 requires it. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  /** The people as a spreadsheet: UTF-8 with a BOM (so Excel reads the names right), CRLF, one row a person. */
  function peopleCsv(notebook, today) {
    var items = dueItems(notebook, today, {});
    if (!Array.isArray(items)) return items;
    var next = new Map();
    items.forEach(function (item) { if (!next.has(item.person)) next.set(item.person, item.date); });
    var rows = [CSV_HEADER];
    notebook.people.forEach(function (person) {
      if (!isObject(person)) return;
      var entries = timeline(person).filter(function (entry) { return !entry.first; });
      var last = entries.length ? entries[entries.length - 1].on : "";
      rows.push([person.name, person.organisation, person.role, person.reach, person.where, person.met_on,
        person.closeness, Array.isArray(person.tags) ? person.tags.join("; ") : "", last,
        next.get(person.id) || "", hasOwn(SEARCH_LABELS, person.search) ? SEARCH_LABELS[person.search] : "",
        person.notes]);
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  var SUMMARIES = {
    "thank-you": function (name) { return "Send " + name + " a thank-you"; },
    reminder: function (name) { return "Send " + name + " one short reminder"; },
    stop: function (name) { return "No reply from " + name + ": try someone else"; },
    "check-in": function (name) { return "Check in with " + name; }
  };

  function icsDay(value) {
    return calendar.isoDate(value).replace(/-/g, "");
  }

  /**
   * One calendar file with every follow-up: an all-day event per due item, on its date (an overdue one on
   * today). UIDs are the person's id and the kind, so importing a newer file updates events rather than
   * adding copies; SEQUENCE grows with each export, so the newest file always wins.
   * Returns {text, events: [{person, kind, date}]}.
   */
  function calendarFile(notebook, today, now, pageUrl) {
    var items = dueItems(notebook, today, {});
    if (!Array.isArray(items)) return items;
    var start = day(today);
    var date = now instanceof Date && !isNaN(now) ? now : new Date();
    var stamp = date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
    var link = String(pageUrl || "");
    var names = new Map();
    notebook.people.forEach(function (person) {
      if (isObject(person)) names.set(person.id, person);
    });
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:" + calendar.escapeText("My network: follow-ups")];
    var events = [];
    items.forEach(function (item) {
      var person = names.get(item.person);
      var name = calendar.normaliseSpaces(person.name) || "someone";
      var on = day(item.date);
      if (calendar.compare(on, start) < 0) on = start;
      var description = [item.reason.charAt(0).toUpperCase() + item.reason.slice(1) + "."];
      var where = calendar.normaliseSpaces(person.where);
      var met = day(person.met_on);
      if (where || met) {
        description.push("Met" + (where ? " at " + where : "") + (met ? " on " + calendar.longDate(met) : "") + ".");
      }
      if (link) description.push("Your notebook: " + link);
      var summary = SUMMARIES[item.kind](name);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + item.person + "." + item.kind + "@" + UID_DOMAIN,
        "SEQUENCE:" + Math.max(0, Math.floor((date.getTime() - EPOCH_MS) / 60000)),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDay(on),
        "DTEND;VALUE=DATE:" + icsDay(calendar.addDays(on, 1)),
        "SUMMARY:" + calendar.escapeText(summary),
        "DESCRIPTION:" + calendar.escapeText(description.join("\n"))
      );
      if (link) lines.push("URL:" + link.replace(/[\s"]/g, encodeURIComponent));
      lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
      events.push({ person: item.person, kind: item.kind, date: calendar.isoDate(on) });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(calendar.foldLine).join("\r\n") + "\r\n", events: events };
  }

  return {
    parseBackup: guarded(parseBackup, "reading the file"),
    mergeNetwork: guarded(mergeNetwork, "merging the file into your notebook"),
    peopleCsv: guarded(peopleCsv, "writing the spreadsheet"),
    calendarFile: guarded(calendarFile, "writing the calendar file"),
    backupFile: guarded(backupFile, "writing the backup"),
    MAX_FILE_BYTES: MAX_FILE_BYTES
  };
});
