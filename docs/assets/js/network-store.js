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

  /**
   * The stored notebook: {state: "empty" | "ok", notebook} or {state: "damaged" | "newer" | "unavailable",
   * raw, message} for what must be left alone.
   */
  function read(schema) {
    if (!nfp.storage.available() && nfp.storage.get(KEY) === null) {
      return { state: "unavailable", raw: null, notebook: data.defaults() };
    }
    var raw = nfp.storage.get(KEY);
    if (raw === null) return { state: "empty", notebook: data.defaults() };
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
    var checked = data.validateNotebook(value, schema);
    if (!checked.ok) return { state: "damaged", raw: raw, message: checked.message };
    return { state: "ok", notebook: checked.notebook };
  }

  /**
   * Apply `change(notebook)` to the freshest stored notebook and save the result with `rev` + 1. `change` returns
   * the new notebook, or null to change nothing. Returns {result: "saved" | "unchanged" | "full" | "unavailable"
   * | "blocked", notebook, before}; on anything but "saved", nothing was written.
   */
  function update(schema, change) {
    var current = read(schema);
    if (current.state !== "ok" && current.state !== "empty") return { result: "blocked", stored: current };
    var next = change(current.notebook);
    if (!next) return { result: "unchanged", notebook: current.notebook };
    next.rev = (current.notebook.rev || 0) + 1;
    var result = nfp.storage.set(KEY, JSON.stringify(next));
    return { result: result, notebook: result === "saved" ? next : current.notebook, before: current.notebook };
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
