/*
 * My network's data: pure functions over the notebook (no page, no storage), used by network.js.
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

  // What this script writes. The schema holds the same two values as `const`, and the tests check every
  // file written here against the schema.
  var FORMAT = "networking-for-phds-everything";
  var VERSION = 1;
  // A backup of 5,000 people with long notes stays well below this; the caps only stop files made to stall
  // the page. The caller checks file.size against MAX_FILE_BYTES before reading the file.
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var MAX_NESTING = 16; // a backup nests 6 levels deep (file, notebook, people, person, log, contact)
  var MAX_SCHEMA_DEPTH = 32; // guards against a $ref that points back at itself
  var DEFAULT_RHYTHMS = { close: 1, regular: 3, occasional: 6 };
  var DAY_MS = 86400000;
  // SEQUENCE counts whole minutes from here to the export: each new file is a newer version of every event,
  // also when a date moved earlier (a closer rhythm), which a count of days to the event's date would hide.
  var EPOCH_MS = Date.UTC(2026, 0, 1);
  var THANK_YOU_WINDOW = 30; // days after meeting while a missing thank-you is still worth sending
  var REMINDER_AFTER = 7; // one short reminder a week after the first message
  var STOP_AFTER = 7; // and a week after the reminder, stop and try someone else
  var STOP_SHOWN = 7; // the "stop" item stays listed for a week, then the check-in rhythm takes over
  var UID_DOMAIN = "networking-for-phds";
  var PRODID = "-//Networking for PhDs//My network//EN";
  var SEARCH_ORDER = ["to-contact", "wrote", "replied", "spoke", "referred", "applied"];
  var SEARCH_LABELS = { "to-contact": "to contact", wrote: "wrote", replied: "replied", spoke: "spoke",
    referred: "referred", applied: "applied" };
  // Where logging each kind of contact moves a job search (never backwards), and how a check-in reason says it.
  var CONTACT_KINDS = {
    wrote: { search: "wrote", since: "since you last wrote" },
    replied: { search: "replied", since: "since they last replied" },
    call: { search: "spoke", since: "since your last call" },
    met: { search: "spoke", since: "since you last met" }
  };
  var CSV_HEADER = ["Name", "Organisation", "Role", "How to reach", "Where you met", "Met on", "Closeness", "Tags",
    "Last contact", "Next follow-up", "Job search", "Notes"];
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

  function defaults() {
    return { v: 1, rev: 0, settings: { rhythms: Object.assign({}, DEFAULT_RHYTHMS) }, people: [] };
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
   * when the file's copy was changed later; nothing is deleted. Both notebooks must have been validated.
   */
  function mergeNetwork(current, incoming) {
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
    incoming.people.forEach(function (person) {
      if (!isObject(person) || typeof person.id !== "string") {
        skipped++;
      } else if (!where.has(person.id)) {
        where.set(person.id, people.length);
        people.push(copyOf(person));
        added++;
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
      added: added, updated: updated, skipped: skipped };
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
   * [{person: id, date: "YYYY-MM-DD", kind, reason, template: a key of rules.templates or null}].
   */
  function dueItems(notebook, today, rules) {
    var now = day(today);
    if (!now) return fail("Today's date is missing, so nothing can be worked out: reload the page.");
    if (!isObject(notebook) || !Array.isArray(notebook.people)) return fail("There is no notebook to read.");
    var templates = rules && isObject(rules.templates) ? rules.templates : {};
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
        kind: due.kind, reason: due.reason, template: hasOwn(templates, due.kind) ? due.kind : null } });
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
    parseBackup: guarded(parseBackup, "reading the file"),
    mergeNetwork: guarded(mergeNetwork, "merging the file into your notebook"),
    dueItems: guarded(dueItems, "working out who is due"),
    thisWeek: guarded(thisWeek, "listing this week's follow-ups"),
    logContact: guarded(logContact, "logging the contact"),
    peopleCsv: guarded(peopleCsv, "writing the spreadsheet"),
    calendarFile: guarded(calendarFile, "writing the calendar file"),
    backupFile: guarded(backupFile, "writing the backup"),
    defaults: defaults,
    MAX_FILE_BYTES: MAX_FILE_BYTES
  };
});
