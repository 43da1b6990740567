/*
 * My network's storage: the notebook in this browser's localStorage under "nfp:network", one JSON value (its
 * shape is docs/assets/schemas/network.schema.json; network-data.js checks it). Nothing is sent anywhere.
 *
 * Why localStorage and not IndexedDB: it is synchronous, so a read-modify-write cannot interleave with another
 * tab's inside one task; nfp.storage already reports a full quota; the `storage` event tells other tabs at once;
 * and 1,000 people take well under 1 MB of the usual 5 MB. Every change is a function applied to the freshest
 * stored notebook: read again, apply, write with `rev` + 1. Two tabs therefore never overwrite each other's
 * changes, and each re-renders when the other writes.
 *
 * What this version cannot read (damaged, or written by a newer version of the site) is never overwritten: the
 * page says so and offers the raw text as a file.
 */
nfp.define("network-store", ["network-data"], function (data) {
  "use strict";

  var KEY = "nfp:network";
  // When the reader last exported, at which `rev`, and the `rev` at which they said "Not now" to the reminder.
  var BACKUP_KEY = "nfp:network:backup";
  // Set once navigator.storage.persist() has been asked, so the browser is asked only once.
  var PERSIST_KEY = "nfp:network:persist";

  // The stored text last checked (or written) here and the notebook it holds, so a read after our own write, or a
  // second read of the same text, skips checking 1,000 people again.
  var checked = { raw: null, text: null };

  /**
   * The stored notebook, a fresh copy: {state: "empty" | "ok", notebook} or {state: "damaged" | "newer" |
   * "unavailable", raw, message} for what must be left alone.
   */
  function read(schema) {
    if (!nfp.storage.available() && nfp.storage.get(KEY) === null) {
      return { state: "unavailable", raw: null, notebook: data.defaults() };
    }
    var raw = nfp.storage.get(KEY);
    if (raw === null) return { state: "empty", notebook: data.defaults() };
    if (raw === checked.raw) return { state: "ok", notebook: JSON.parse(checked.text) };
    var value;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { state: "damaged", raw: raw, message: "it is not readable JSON" };
    }
    var version = data.defaults().v;
    if (value && typeof value === "object" && typeof value.v === "number" && value.v > version) {
      return { state: "newer", raw: raw };
    }
    var result = data.validateNotebook(value, schema);
    if (!result.ok) return { state: "damaged", raw: raw, message: result.message };
    checked = { raw: raw, text: JSON.stringify(result.notebook) };
    return { state: "ok", notebook: result.notebook };
  }

  /**
   * Check what a change made: the settings and the people whose record changed (the rest were checked when
   * read). Returns null when valid, else the reason.
   */
  function checkChange(before, after, schema) {
    var old = new Map();
    before.people.forEach(function (person) { old.set(person.id, JSON.stringify(person)); });
    var touched = after.people.filter(function (person) { return old.get(person.id) !== JSON.stringify(person); });
    var result = data.validateNotebook({ v: after.v, rev: after.rev, settings: after.settings, people: touched }, schema);
    if (!result.ok) return result.message;
    var ids = new Set();
    for (var i = 0; i < after.people.length; i++) {
      if (ids.has(after.people[i].id)) return "two people have the same id";
      ids.add(after.people[i].id);
    }
    return null;
  }

  /**
   * Apply `change(notebook)` to the freshest stored notebook and save the result with `rev` + 1. `change` returns
   * a new notebook (leaving the one it was given as it is), or null to change nothing. Returns {result: "saved" | "unchanged" | "full" | "unavailable"
   * | "blocked" | "invalid" (with a message), notebook, before}; on anything but "saved", nothing was written.
   */
  function update(schema, change) {
    var current = read(schema);
    if (current.state !== "ok" && current.state !== "empty") return { result: "blocked", stored: current };
    var before = current.notebook; // a fresh copy of what is stored, which `change` must not alter
    var next = change(before);
    if (!next) return { result: "unchanged", notebook: before };
    next.rev = (before.rev || 0) + 1;
    var problem = checkChange(before, next, schema);
    if (problem) return { result: "invalid", message: problem, notebook: before };
    var text = JSON.stringify(next);
    var result = nfp.storage.set(KEY, text);
    if (result === "saved") checked = { raw: text, text: text };
    return { result: result, notebook: result === "saved" ? next : before, before: before };
  }

  /** Put back exactly what was stored before (an import whose checklist ticks could not be saved). */
  function restore(notebook) {
    return nfp.storage.set(KEY, JSON.stringify(notebook));
  }

  function readJson(key) {
    try {
      var value = JSON.parse(nfp.storage.get(key) || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {};
    }
  }

  /** {exported: ISO time or absent, rev: the notebook's rev then, dismissed: rev when the reminder was put off}. */
  function backupState() {
    var state = readJson(BACKUP_KEY);
    return {
      exported: typeof state.exported === "string" ? state.exported : null,
      rev: typeof state.rev === "number" ? state.rev : 0,
      dismissed: typeof state.dismissed === "number" ? state.dismissed : 0
    };
  }

  function noteBackup(fields) {
    var state = backupState();
    Object.keys(fields).forEach(function (key) { state[key] = fields[key]; });
    return nfp.storage.set(BACKUP_KEY, JSON.stringify(state));
  }

  /**
   * Ask the browser once to keep this site's storage when space runs low; `done(answer)` gets "granted",
   * "refused" or "unsupported", and is not called when the browser was asked before.
   */
  function askPersistence(done) {
    if (nfp.storage.get(PERSIST_KEY) !== null) return;
    if (!navigator.storage || typeof navigator.storage.persist !== "function") {
      nfp.storage.set(PERSIST_KEY, "unsupported");
      done("unsupported");
      return;
    }
    nfp.storage.set(PERSIST_KEY, "asked");
    navigator.storage.persist().then(function (granted) {
      nfp.storage.set(PERSIST_KEY, granted ? "granted" : "refused");
      done(granted ? "granted" : "refused");
    }, function () {
      done("refused");
    });
  }

  /** Call `listener()` when another tab changes the notebook (or clears this site's storage). */
  function onOtherTab(listener) {
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) listener();
    });
  }

  return {
    KEY: KEY, read: read, update: update, restore: restore, backupState: backupState, noteBackup: noteBackup,
    askPersistence: askPersistence, onOtherTab: onOtherTab
  };
});
