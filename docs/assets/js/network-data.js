/*
 * My network's data: pure functions over the notebook (no page, no storage), used by network.js; the backup,
 * spreadsheet and calendar files are network-files.js's, which builds on the validator here.
 *
 * The notebook's limits (lengths, counts, kinds, patterns) are written once, in assets/schemas/network.schema.json;
 * the page hands that schema to these functions, and the small validator below implements every keyword it
 * uses. Data from a file is never trusted: a fresh object is built from the properties the schema names, so an
 * unknown key (`__proto__` and `constructor` included) is refused, never copied. No function throws or changes
 * its arguments; one given something unusable returns {ok: false, message}.
 *
 * Days are {y, m, d} computed in UTC by calendar.js, and `today` is the reader's calendar day ("2026-11-30",
 * from nfp.today()), so a reader in UTC-10 and one in UTC+13 with the same notebook see the same dates.
 * The follow-up rules are the site's settled answers (notes/session-brief.md, "One voice").
 */
nfp.define("network-data", ["calendar"], function (calendar) {
  "use strict";

  var MAX_SCHEMA_DEPTH = 32; // guards against a $ref that points back at itself
  var DEFAULT_RHYTHMS = { close: 1, regular: 3, occasional: 6 };
  var DAY_MS = 86400000;
  var THANK_YOU_WINDOW = 30; // days after meeting while a missing thank-you is still worth sending
  var REMINDER_AFTER = 7; // one short reminder a week after the first message
  var STOP_AFTER = 7; // and a week after the reminder, stop and try someone else
  var STOP_SHOWN = 7; // the "stop" item stays listed for a week, then the check-in rhythm takes over
  var SEARCH_ORDER = ["to-contact", "wrote", "replied", "spoke", "referred", "applied"];
  // Where logging each kind of contact moves a job search (never backwards), and how a check-in reason says it.
  var CONTACT_KINDS = {
    wrote: { search: "wrote", since: "since you last wrote" },
    replied: { search: "replied", since: "since they last replied" },
    call: { search: "spoke", since: "since your last call" },
    met: { search: "spoke", since: "since you last met" }
  };
  var hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
  var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  var plural = nfp.plural;

  function fail(message) {
    return { ok: false, message: message };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** A value from a file as the reader is shown it: cut short, so a huge value never floods a message. */
  function quote(value) {
    var text = String(value);
    return "\u201c" + (text.length > 30 ? text.slice(0, 30) + "\u2026" : text) + "\u201d";
  }

  /* ---- The schema-subset validator --------------------------------------------------------------------- */

  var TYPE_WORDS = { string: "text", integer: "a whole number", number: "a number", boolean: "true or false",
    array: "a list", object: "a group of fields", "null": "empty" };

  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    return typeof value;
  }

  function hasType(value, type) {
    if (type === "integer") return typeof value === "number" && Number.isInteger(value);
    if (type === "number") return typeof value === "number" && isFinite(value);
    return typeOf(value) === type;
  }

  /** Characters as JSON Schema counts them: code points, so an emoji is one character, not two. */
  function textLength(text) {
    var pairs = text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
    return text.length - (pairs ? pairs.length : 0);
  }

  /** A value as a message shows it: short text for a single value, the kind of thing for a list or group. */
  function shown(value) {
    var type = typeOf(value);
    return type === "array" || type === "object" ? TYPE_WORDS[type] : quote(value);
  }

  function typeWord(value) {
    return hasOwn(TYPE_WORDS, typeOf(value)) ? TYPE_WORDS[typeOf(value)] : "nothing";
  }

  /**
   * A validator for one schema: check(value, node, label) returns {ok: true, value: a fresh copy holding only
   * what the schema names} or {ok: false, problem: "the name is empty"}. It stops at the first problem, checks
   * sizes before it looks inside, and walks only as deep as the schema, so its work is bounded by the size of
   * the value whatever the value holds. Each schema node is read once into a plan, so 1,000 people cost 1,000
   * walks over plans, not 1,000 readings of the schema.
   */
  function makeValidator(schema) {
    var plans = new Map();
    var patterns = new Map();

    function pattern(source) {
      if (!patterns.has(source)) patterns.set(source, new RegExp(source, "u"));
      return patterns.get(source);
    }

    function target(ref) {
      var match = /^#\/\$defs\/([^/]+)$/.exec(String(ref));
      if (!match || !isObject(schema.$defs) || !isObject(schema.$defs[match[1]]) || !hasOwn(schema.$defs, match[1])) {
        throw new Error("nfp: network.schema.json has a $ref this validator cannot follow: " + ref);
      }
      return schema.$defs[match[1]];
    }

    /** What one schema node asks, read once. */
    function plan(node) {
      var found = plans.get(node);
      if (found) return found;
      var own = function (key) { return hasOwn(node, key) ? node[key] : undefined; };
      found = {
        title: typeof node.title === "string" && node !== schema ? node.title : null, // the file's title is no label
        ref: hasOwn(node, "$ref") ? target(node.$ref) : null,
        types: hasOwn(node, "type") ? [].concat(node.type) : null,
        hasConst: hasOwn(node, "const"), constant: own("const"), choices: Array.isArray(own("enum")) ? node.enum : null,
        minimum: own("minimum"), maximum: own("maximum"), minLength: own("minLength"), maxLength: own("maxLength"),
        pattern: typeof own("pattern") === "string" ? pattern(node.pattern) : null,
        maxItems: own("maxItems"), items: isObject(own("items")) ? node.items : null,
        maxProperties: own("maxProperties"), properties: isObject(own("properties")) ? node.properties : null,
        closed: node.additionalProperties === false, required: Array.isArray(own("required")) ? node.required : [],
        names: isObject(own("propertyNames")) && typeof node.propertyNames.pattern === "string" ?
          pattern(node.propertyNames.pattern) : null
      };
      plans.set(node, found);
      return found;
    }

    function problem(label, text) {
      return { ok: false, problem: (label ? "the " + label : "a value") + " " + text };
    }

    /** `titled`: the label came from a field's own title, which a shared definition's title must not replace. */
    function check(value, node, label, depth, titled) {
      if (depth > MAX_SCHEMA_DEPTH) throw new Error("nfp: network.schema.json refers to itself too deeply");
      var rules = plan(node);
      if (rules.title && !titled) label = rules.title;
      var copy = value;
      if (rules.ref) {
        var referred = check(value, rules.ref, label, depth + 1, Boolean(rules.title) || titled);
        if (!referred.ok) return referred;
        copy = referred.value;
      }
      if (rules.types && !rules.types.some(function (type) { return hasType(value, type); })) {
        return problem(label, "should be " + rules.types.map(function (type) { return TYPE_WORDS[type]; })
          .join(" or ") + ", not " + typeWord(value) + (typeof value === "string" ? " " + quote(value) : ""));
      }
      if (rules.hasConst && value !== rules.constant) {
        return problem(label, "is " + shown(value) + " where this site writes " + quote(rules.constant));
      }
      if (rules.choices && rules.choices.indexOf(value) < 0) {
        return problem(label, "is " + shown(value) + ", not one of " + rules.choices.filter(function (allowed) {
          return allowed !== null;
        }).join(", "));
      }
      if (typeof value === "number") {
        if (rules.minimum !== undefined && value < rules.minimum) return problem(label, "is below " + rules.minimum);
        if (rules.maximum !== undefined && value > rules.maximum) return problem(label, "is above " + rules.maximum);
      }
      if (typeof value === "string") return checkText(value, rules, label, copy);
      if (Array.isArray(value)) return checkArray(value, rules, label, depth, copy);
      if (isObject(value)) return checkObject(value, rules, label, depth, copy);
      return { ok: true, value: copy };
    }

    function checkText(value, rules, label, copy) {
      // A string's length counts UTF-16 units, never fewer than its characters: count only when it matters.
      if (rules.maxLength !== undefined && value.length > rules.maxLength && textLength(value) > rules.maxLength) {
        return problem(label, "is longer than " + plural(rules.maxLength, "character", "characters"));
      }
      if (rules.minLength !== undefined && textLength(value) < rules.minLength) {
        return problem(label, rules.minLength === 1 ? "is empty" :
          "is shorter than " + plural(rules.minLength, "character", "characters"));
      }
      if (rules.pattern && !rules.pattern.test(value)) {
        return problem(label, "is " + quote(value) + ", which is not in the form this site writes");
      }
      return { ok: true, value: copy };
    }

    function checkArray(value, rules, label, depth, copy) {
      if (rules.maxItems !== undefined && value.length > rules.maxItems) {
        return problem(label, "has " + value.length.toLocaleString("en-GB") + " entries, more than the " +
          rules.maxItems.toLocaleString("en-GB") + " this site keeps");
      }
      if (!rules.items) { // nothing said about the entries: keep single values, never groups
        return { ok: true, value: copy === value ? value.filter(function (item) { return typeOf(item) !== "object" &&
          typeOf(item) !== "array"; }) : copy };
      }
      var items = [];
      for (var i = 0; i < value.length; i++) {
        var item = check(value[i], rules.items, label, depth + 1, false);
        if (!item.ok) return { ok: false, problem: item.problem + " (entry " + (i + 1) + ")" };
        items.push(item.value);
      }
      return { ok: true, value: items };
    }

    function checkObject(value, rules, label, depth, copy) {
      var keys = Object.keys(value);
      if (rules.maxProperties !== undefined && keys.length > rules.maxProperties) {
        return problem(label, "has " + keys.length.toLocaleString("en-GB") + " entries, more than the " +
          rules.maxProperties.toLocaleString("en-GB") + " this site keeps");
      }
      var properties = rules.properties;
      for (var k = 0; k < keys.length; k++) {
        if (rules.closed && !(properties && hasOwn(properties, keys[k]))) {
          return problem(label, "has a field this site does not know, " + quote(keys[k]));
        }
        if (rules.names && !rules.names.test(keys[k])) return problem(label, "has an entry named " + quote(keys[k]) +
          ", which is not in the form this site writes");
      }
      for (var r = 0; r < rules.required.length; r++) {
        var key = rules.required[r];
        if (hasOwn(value, key)) continue;
        var missing = properties && hasOwn(properties, key) && isObject(properties[key]) ? properties[key].title : "";
        return { ok: false, problem: "the " + (label || "file") + " has no " + (missing || key) };
      }
      if (!properties) return { ok: true, value: copy === value ? {} : copy };
      var fresh = {};
      for (var p = 0; p < keys.length; p++) {
        if (!hasOwn(properties, keys[p])) continue; // left out: only what the schema names is copied
        var field = check(value[keys[p]], properties[keys[p]], keys[p], depth + 1, false);
        if (!field.ok) return field;
        fresh[keys[p]] = field.value;
      }
      return { ok: true, value: fresh };
    }

    return function (value, node, label) {
      return check(value, node, label, 0, false);
    };
  }

  /**
   * A shallow copy of `object` with `key` (when present) holding `value`. defineProperty keeps a "__proto__"
   * key from the file an own property, so the check that follows sees it and refuses it.
   */
  function replaced(object, key, value) {
    var copy = {};
    Object.keys(object).forEach(function (name) {
      Object.defineProperty(copy, name, { value: name === key ? value : object[name], enumerable: true,
        writable: true, configurable: true });
    });
    return copy;
  }

  function isSchema(schema) {
    return isObject(schema) && isObject(schema.$defs) && isObject(schema.$defs.notebook) &&
      isObject(schema.$defs.person) && isObject(schema.properties);
  }

  var NO_SCHEMA = "The page did not load completely: reload it and try again.";

  /**
   * Whether a day the schema's pattern let through is on the calendar (not 2026-02-30). Days 1 to 28 of
   * months 1 to 12 always are, which spares building dates for nearly every entry of a long log.
   */
  function isRealDay(text) {
    var month = +text.slice(5, 7);
    var date = +text.slice(8, 10);
    if (month >= 1 && month <= 12 && date >= 1 && date <= 28) return true;
    return calendar.parseIsoDate(text) !== null;
  }

  /** The checks a schema cannot express: real calendar days and readable timestamps. */
  function checkPerson(person) {
    if (person.met_on && !isRealDay(person.met_on)) {
      return "the day you met, " + quote(person.met_on) + ", is not a real date";
    }
    for (var i = 0; i < person.log.length; i++) {
      if (!isRealDay(person.log[i].on)) {
        return "the contact day " + quote(person.log[i].on) + " is not a real date";
      }
    }
    if (isNaN(Date.parse(person.created)) || isNaN(Date.parse(person.updated))) {
      return "its date added or date last changed is not a real date";
    }
    return null;
  }

  /** A person made from the checked copy: tags without repeats, the log in date order (oldest first). */
  function tidyPerson(person) {
    var tidy = Object.assign({}, person);
    if (tidy.tags) tidy.tags = Array.from(new Set(tidy.tags));
    if (tidy.log.every(function (entry, index) { return !index || tidy.log[index - 1].on <= entry.on; })) return tidy;
    tidy.log = tidy.log.map(function (entry, index) { return { entry: entry, index: index }; })
      .sort(function (a, b) { return a.entry.on < b.entry.on ? -1 : a.entry.on > b.entry.on ? 1 : a.index - b.index; })
      .map(function (item) { return item.entry; });
    return tidy;
  }

  function describePerson(value, index) {
    var name = isObject(value) && typeof value.name === "string" && value.name.trim() ? " (" +
      quote(value.name.trim()) + ")" : "";
    return "person " + (index + 1) + name;
  }

  /**
   * Check a notebook (the stored value, or the `network` part of a backup) against the schema.
   * Returns {ok: true, notebook: a fresh copy} or {ok: false, message}. One bad person refuses the whole
   * notebook here; parseBackup skips bad people one by one instead.
   */
  function validateNotebook(value, schema) {
    if (!isSchema(schema)) return fail(NO_SCHEMA);
    var checked = readNotebook(value, schema, false);
    return checked.ok ? { ok: true, notebook: checked.notebook } :
      fail("The notebook is not in the form this site writes: " + checked.problem + ".");
  }

  /**
   * The notebook's own fields strictly, then each person; `lenient` skips a bad person with a reason.
   * Returns {ok: true, notebook, skipped: [reasons]} or {ok: false, problem}.
   */
  function readNotebook(value, schema, lenient) {
    var check = makeValidator(schema);
    var notebookNode = schema.$defs.notebook;
    var peopleNode = notebookNode.properties.people;
    var wrong = function (problem) { return { ok: false, problem: problem }; };
    if (!isObject(value)) return wrong("the notebook should be a group of fields, not " + typeWord(value));
    // The notebook without its people first, so a bad person can be skipped rather than refuse the file.
    var outer = check(replaced(value, "people", []), notebookNode, "notebook");
    if (!outer.ok) return outer;
    var people = value.people;
    if (!Array.isArray(people)) return wrong("the list of people should be a list, not " + typeWord(value.people));
    if (people.length > peopleNode.maxItems) {
      return wrong("the notebook holds " + people.length.toLocaleString("en-GB") + " people, more than the " +
        peopleNode.maxItems.toLocaleString("en-GB") + " this site keeps");
    }
    var notebook = outer.value;
    notebook.people = [];
    var skipped = [];
    var seen = new Set();
    for (var i = 0; i < people.length; i++) {
      var person = check(people[i], peopleNode.items, "person");
      var why = person.ok ? checkPerson(person.value) : person.problem;
      if (!why && seen.has(person.value.id)) why = "another person in the file has the same id";
      if (why) {
        if (!lenient) return wrong("in " + describePerson(people[i], i) + ", " + why);
        skipped.push(describePerson(people[i], i) + ": " + why);
        continue;
      }
      seen.add(person.value.id);
      notebook.people.push(tidyPerson(person.value));
    }
    return { ok: true, notebook: notebook, skipped: skipped };
  }

  /** An empty notebook with the default check-in rhythms. */
  function defaults() {
    return { v: 1, rev: 0, settings: { rhythms: Object.assign({}, DEFAULT_RHYTHMS) }, people: [] };
  }

  /* ---- Due dates ----------------------------------------------------------------------------------------- */

  function day(text) {
    return calendar.parseIsoDate(text);
  }

  function daysBetween(from, to) {
    return Math.round((calendar.toUtc(to) - calendar.toUtc(from)) / DAY_MS);
  }

  /** The next working day after `start` (Saturday and Sunday skipped). */
  function nextWorkingDay(start) {
    var next = calendar.addDays(start, 1);
    var weekday = new Date(calendar.toUtc(next)).getUTCDay();
    if (weekday === 6) return calendar.addDays(next, 2);
    if (weekday === 0) return calendar.addDays(next, 1);
    return next;
  }

  /**
   * The person's contacts in date order, the day you met counted as a meeting before that day's entries:
   * [{on: "YYYY-MM-DD", kind, first: true for the day you met}]. Days are compared as text (YYYY-MM-DD sorts
   * as dates do) and only the ones used are parsed, so 1,000 people with long logs stay quick. A saved log is
   * already oldest first; one that is not is sorted, keeping the order of entries on the same day.
   */
  function timeline(person) {
    var entries = [];
    var sorted = true;
    var log = Array.isArray(person.log) ? person.log : [];
    for (var i = 0; i < log.length; i++) {
      var entry = log[i];
      if (!isObject(entry) || !hasOwn(CONTACT_KINDS, entry.kind) || typeof entry.on !== "string") continue;
      if (entries.length && entry.on < entries[entries.length - 1].on) sorted = false;
      entries.push({ on: entry.on, kind: entry.kind, first: false, index: entries.length });
    }
    if (!sorted) {
      entries.sort(function (a, b) { return a.on < b.on ? -1 : a.on > b.on ? 1 : a.index - b.index; });
    }
    if (day(person.met_on)) {
      var at = 0;
      while (at < entries.length && entries[at].on < person.met_on) at++;
      entries.splice(at, 0, { on: person.met_on, kind: "met", first: true });
    }
    return entries;
  }

  function checkInReason(months, last) {
    var since = !last ? "since you added them" : last.first ? "since you met" : CONTACT_KINDS[last.kind].since;
    return plural(months, "month", "months") + " " + since;
  }

  /**
   * The one thing due for a person, {date, kind, reason}, or null; the first rule that applies wins:
   * 1. thank-you: the next working day after meeting, while nothing is logged since and the meeting was at
   *    most 30 days ago (a meeting still to come is planned the same way);
   * 2. reminder: a week after a first message that is still unanswered: to someone you have never met, spoken
   *    to or heard from, or in a job search while you wait for a reply (status "wrote"); a thank-you or a
   *    check-in to someone you know expects no answer, so silence after it is not chased;
   * 3. stop: a week after the reminder, when that is still unanswered; listed for one week only, since there is
   *    nothing to log for it (never a second reminder);
   * 4. check-in: the closeness's months after the last contact (the latest entry, else the day you met, else
   *    the day the person was added), clamped at the month's end.
   */
  function dueFor(person, today, rhythms) {
    var entries = timeline(person);
    var met = day(person.met_on);
    var quiet = entries.length > 0 && entries[entries.length - 1].first; // nothing logged since meeting
    if (met && quiet && daysBetween(met, today) <= THANK_YOU_WINDOW) {
      return { date: nextWorkingDay(met), kind: "thank-you", reason: "thank-you not sent" };
    }
    var trailing = 0; // first messages and reminders since the last reply, call or meeting
    while (trailing < entries.length && entries[entries.length - 1 - trailing].kind === "wrote") trailing++;
    var last = entries.length ? entries[entries.length - 1] : null;
    var lastDay = last ? day(last.on) : null;
    if (last && !lastDay) return null; // a damaged day: nothing can be worked out for this person
    // Only outreach waits for an answer: nothing but messages so far, or a job-search message not yet answered.
    var awaiting = trailing > 0 && (trailing === entries.length || person.search === "wrote");
    if (awaiting && trailing === 1) {
      return { date: calendar.addDays(lastDay, REMINDER_AFTER), kind: "reminder",
        reason: "no reply for a week: one short reminder" };
    }
    if (awaiting && trailing === 2) {
      var stop = calendar.addDays(lastDay, STOP_AFTER);
      if (daysBetween(stop, today) <= STOP_SHOWN) {
        var organisation = typeof person.organisation === "string" ? calendar.normaliseSpaces(person.organisation) : "";
        return { date: stop, kind: "stop", reason: "no reply a week after your reminder: try someone else" +
          (organisation ? " at " + organisation : "") };
      }
    }
    var months = hasOwn(rhythms, person.closeness) ? rhythms[person.closeness] : DEFAULT_RHYTHMS.regular;
    var from = last ? lastDay : day(String(person.created).slice(0, 10));
    if (!from) return null;
    return { date: calendar.addMonths(from, months), kind: "check-in", reason: checkInReason(months, last) };
  }

  /**
   * What is due for every person not archived, sorted by date then name:
   * [{person: id, date: "YYYY-MM-DD", kind, reason, template: the kind when it is one of rules.messageKinds (the
   * kinds the site has a message for), else null}].
   */
  function dueItems(notebook, today, rules) {
    var now = day(today);
    if (!now) return fail("Today's date is missing, so nothing can be worked out: reload the page.");
    if (!isObject(notebook) || !Array.isArray(notebook.people)) return fail("There is no notebook to read.");
    var withMessage = new Set(rules && Array.isArray(rules.messageKinds) ? rules.messageKinds : []);
    var rhythms = Object.assign({}, DEFAULT_RHYTHMS);
    var saved = isObject(notebook.settings) && isObject(notebook.settings.rhythms) ? notebook.settings.rhythms : {};
    Object.keys(rhythms).forEach(function (key) {
      if (Number.isInteger(saved[key]) && saved[key] > 0) rhythms[key] = saved[key];
    });
    var found = [];
    notebook.people.forEach(function (person) {
      if (!isObject(person) || person.archived === true || typeof person.id !== "string") return;
      var due = dueFor(person, now, rhythms);
      if (!due) return;
      found.push({ name: String(person.name || ""), item: { person: person.id, date: calendar.isoDate(due.date),
        kind: due.kind, reason: due.reason, template: withMessage.has(due.kind) ? due.kind : null } });
    });
    found.sort(function (a, b) {
      return a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 :
        collator.compare(a.name, b.name) || (a.item.person < b.item.person ? -1 : 1);
    });
    return found.map(function (entry) { return entry.item; });
  }

  /** The items due by the end of this week (today and the next six days), overdue ones included. */
  function thisWeek(items, today) {
    var now = day(today);
    if (!now || !Array.isArray(items)) return fail("There is no list of follow-ups to read.");
    var last = calendar.isoDate(calendar.addDays(now, 6));
    return items.filter(function (item) {
      return isObject(item) && typeof item.date === "string" && item.date <= last;
    });
  }

  /** The person with one contact logged on `today`: the job search moved on, never back, and `updated` set. */
  function logContact(person, kind, today, now) {
    var on = day(today);
    if (!isObject(person) || !Array.isArray(person.log)) return fail("There is no person to log a contact for.");
    if (!hasOwn(CONTACT_KINDS, kind)) {
      return fail("This kind of contact is unknown: choose " + Object.keys(CONTACT_KINDS).join(", ") + ".");
    }
    if (!on) return fail("Today's date is missing, so the contact was not logged: reload the page.");
    var entry = { on: calendar.isoDate(on), kind: kind };
    var log = person.log.map(function (item) { return Object.assign({}, item); });
    var at = log.length;
    while (at > 0 && String(log[at - 1].on) > entry.on) at--; // keep the log oldest first
    log.splice(at, 0, entry);
    var next = Object.assign({}, person, { log: log });
    if (Array.isArray(person.tags)) next.tags = person.tags.slice();
    var target = CONTACT_KINDS[kind].search;
    var from = SEARCH_ORDER.indexOf(person.search);
    if (from >= 0 && SEARCH_ORDER.indexOf(target) > from) {
      next.search = target;
    }
    // Later than the last change even if this device's clock is behind, so a merge keeps this version.
    var stamp = now instanceof Date && !isNaN(now) ? now.getTime() : Date.now();
    var before = Date.parse(person.updated);
    next.updated = new Date(before >= stamp ? before + 1 : stamp).toISOString();
    return next;
  }

  /**
   * `work`, answering {ok: false, message} instead of throwing for what the checks above did not foresee (a
   * value built in memory with a cycle, a damaged schema), so the page can say so and carry on.
   */
  function guarded(work, doing) {
    return function () {
      try {
        return work.apply(null, arguments);
      } catch (error) {
        var detail = String(error && error.message).split("\n")[0].slice(0, 100); // for a bug report
        return fail("Something went wrong while " + doing + " (" + detail + "): reload the page and try again.");
      }
    };
  }

  return {
    validateNotebook: guarded(validateNotebook, "checking the notebook"),
    dueItems: guarded(dueItems, "working out who is due"),
    thisWeek: guarded(thisWeek, "listing this week's follow-ups"),
    logContact: guarded(logContact, "logging the contact"),
    defaults: defaults,
    // What network-files.js (backup, spreadsheet and calendar files, loaded on first use) builds on.
    files: {
      makeValidator: makeValidator, readNotebook: readNotebook, replaced: replaced, isSchema: isSchema,
      timeline: timeline, guarded: guarded, fail: fail, quote: quote, shown: shown, isObject: isObject,
      DEFAULT_RHYTHMS: DEFAULT_RHYTHMS, NO_SCHEMA: NO_SCHEMA
    }
  };
});
