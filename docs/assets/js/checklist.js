/*
 * Checklists: saved ticks, progress count, print and reset.
 *
 * Progressive enhancement: without JavaScript a checklist is a plain list of boxes to print. With it, each
 * tick is saved in this browser's localStorage under "nfp:checklist:<checklist id>" as
 *   {"v": 1, "ticked": ["<item id>", ...], "updated": "<ISO date>"}
 * keyed by item ids, so rewording or reordering items never loses a tick. Nothing is sent anywhere.
 * Offers read, writeAll, renderAll, savedTicks and mergeTicks to the export and import of ticks (transfer.js, and
 * My network's backup).
 */
nfp.define("checklist", [], function () {
  "use strict";

  var PREFIX = "nfp:checklist:";
  var VERSION = 1; // of the saved entry; only this file reads or writes it

  /**
   * The ticked item ids of one checklist: an empty list when nothing is saved, null when something is saved
   * that this version cannot read (damaged, or written by a newer site), so no one overwrites it unawares.
   */
  function read(checklistId) {
    var text = nfp.storage.get(PREFIX + checklistId);
    if (text === null) return [];
    try {
      var data = JSON.parse(text);
      if (data && data.v === VERSION && Array.isArray(data.ticked)) {
        return data.ticked.filter(function (id) { return typeof id === "string"; });
      }
    } catch (error) { /* damaged: reported as unreadable below */ }
    return null;
  }

  /** Save the ticked ids of one checklist: "saved", "unavailable" or "full" (see nfp.storage.set). */
  function write(checklistId, ticked) {
    return nfp.storage.set(PREFIX + checklistId, ticked.length ? JSON.stringify({
      v: VERSION, ticked: ticked.slice().sort(), updated: new Date().toISOString()
    }) : null);
  }

  /** Save several checklists ({id: ticked ids}) all or none: "saved", or why none was (see write). */
  function writeAll(tickedById) {
    var ids = Object.keys(tickedById);
    var before = ids.map(function (id) { return nfp.storage.get(PREFIX + id); });
    for (var i = 0; i < ids.length; i++) {
      var result = write(ids[i], tickedById[ids[i]]);
      if (result !== "saved") {
        for (var j = 0; j < i; j++) nfp.storage.set(PREFIX + ids[j], before[j]);
        return result;
      }
    }
    return "saved";
  }

  var NOT_SAVED = {
    unavailable: "(ticks cannot be saved in this browser)",
    full: "This tick was not saved: this browser's storage for the site is full."
  };

  function boxes(article) {
    return Array.prototype.slice.call(article.querySelectorAll("input.nfp-item__box"));
  }

  function render(article) {
    var ticked = read(article.getAttribute("data-checklist-id")) || [];
    var all = boxes(article);
    var done = 0;
    all.forEach(function (box) {
      box.checked = ticked.indexOf(box.getAttribute("data-item-id")) !== -1;
      if (box.checked) done++;
    });
    var count = article.querySelector(".nfp-progress__done");
    if (count) count.textContent = String(done);
    article.classList.toggle("nfp-checklist--complete", all.length > 0 && done === all.length);
  }

  function setMessage(article, text, undo) {
    var status = article.querySelector(".nfp-progress");
    var note = article.querySelector(".nfp-toolbar__note");
    if (!note && status) {
      note = document.createElement("span");
      note.className = "nfp-toolbar__note";
      status.appendChild(note);
    }
    if (!note) return;
    note.textContent = text ? " " + text : "";
    var undoButton = article.querySelector("[data-nfp-action=undo]");
    if (undoButton) undoButton.hidden = !undo;
  }

  function print(withTicks) {
    var root = document.documentElement;
    root.classList.toggle("nfp-print-ticks", withTicks);
    var clear = function () {
      root.classList.remove("nfp-print-ticks");
      window.removeEventListener("afterprint", clear);
    };
    window.addEventListener("afterprint", clear);
    window.print();
  }

  function setup(article) {
    if (article.getAttribute("data-nfp-ready") === "1") return;
    article.setAttribute("data-nfp-ready", "1");
    var id = article.getAttribute("data-checklist-id");
    var toolbar = article.querySelector(".nfp-toolbar");
    var cleared = null;

    if (toolbar) {
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "md-button nfp-undo";
      undo.setAttribute("data-nfp-action", "undo");
      undo.textContent = "Undo reset";
      undo.hidden = true;
      toolbar.appendChild(undo);
      toolbar.hidden = false;
      if (!nfp.storage.available()) setMessage(article, NOT_SAVED.unavailable, false);
    }

    function save(ticked) {
      var result = write(id, ticked);
      if (result !== "saved") setMessage(article, NOT_SAVED[result], false);
      return result === "saved";
    }

    article.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.classList || !box.classList.contains("nfp-item__box")) return;
      var ticked = boxes(article).filter(function (b) { return b.checked; })
        .map(function (b) { return b.getAttribute("data-item-id"); });
      // Keep ticks of items this page does not show (e.g. removed in an update), so nothing is lost.
      var shown = boxes(article).map(function (b) { return b.getAttribute("data-item-id"); });
      (read(id) || []).forEach(function (itemId) {
        if (shown.indexOf(itemId) === -1) ticked.push(itemId);
      });
      cleared = null;
      if (save(ticked)) setMessage(article, "", false);
      render(article);
    });

    article.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-nfp-action]") : null;
      if (!button || !article.contains(button)) return;
      var action = button.getAttribute("data-nfp-action");
      if (action === "print") print(false);
      if (action === "print-progress") print(true);
      if (action === "reset") {
        var before = read(id) || [];
        if (!before.length) {
          setMessage(article, "Nothing to reset.", false);
          return;
        }
        cleared = before;
        save([]);
        render(article);
        setMessage(article, "All ticks cleared.", true);
      }
      if (action === "undo" && cleared) {
        var restored = save(cleared);
        cleared = null;
        render(article);
        if (restored) setMessage(article, "Ticks restored.", false);
        var reset = article.querySelector("[data-nfp-action=reset]");
        if (reset) reset.focus();
      }
    });

    render(article);
  }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), render);
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), setup);
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-booklet__toolbar"), function (bar) {
      if (bar.getAttribute("data-nfp-ready") === "1") return;
      bar.setAttribute("data-nfp-ready", "1");
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        if (event.target.closest("[data-nfp-action=print]")) print(false);
        if (event.target.closest("[data-nfp-action=print-progress]")) print(true);
      });
    });
  });

  // Another tab changed the same checklist: show its ticks here too.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(PREFIX) !== 0) return;
    var id = event.key.slice(PREFIX.length);
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), function (article) {
      if (article.getAttribute("data-checklist-id") === id) render(article);
    });
  });

  /**
   * The saved ticks of the checklists in `known` (a Map of id to a Set of item ids) that are items this site has,
   * as {id: sorted item ids}, for a file to export (transfer.js, and My network's backup).
   */
  function savedTicks(known) {
    var checklists = {};
    known.forEach(function (items, id) {
      var ticked = (read(id) || []).filter(function (item) { return items.has(item); });
      if (ticked.length) checklists[id] = Array.from(new Set(ticked)).sort();
    });
    return checklists;
  }

  /**
   * Ticks from a file added to the saved ones, never removed, for an import (transfer.js, and My network's
   * backup): only checklists and items this site has (`known`, a Map of id to a Set of item ids), only where the
   * ticks saved here can be read, and only the checklist `only` when given. Returns {ticks: {id: the saved ticks
   * and the new ones}, for writeAll; checklists: how many had ticks to import; added, already (ticked here
   * before), skippedChecklists and skippedItems (this site does not have them), unreadable (checklists)}.
   */
  function mergeTicks(incoming, known, only) {
    var result = { ticks: {}, checklists: 0, added: 0, already: 0, skippedChecklists: 0, skippedItems: 0,
      unreadable: 0 };
    Object.keys(incoming).forEach(function (id) {
      if (only && id !== only) return;
      var listed = Array.isArray(incoming[id]) ? incoming[id] : [];
      if (!known.has(id)) {
        result.skippedChecklists++;
        return;
      }
      var items = Array.from(new Set(listed)).filter(function (item) { return known.get(id).has(item); });
      result.skippedItems += listed.length - items.length;
      if (!items.length) return;
      var current = read(id);
      if (current === null) {
        result.unreadable++;
        return;
      }
      var saved = new Set(current);
      var fresh = items.filter(function (item) { return !saved.has(item); });
      result.checklists++;
      result.added += fresh.length;
      result.already += items.length - fresh.length;
      if (fresh.length) result.ticks[id] = current.concat(fresh);
    });
    return result;
  }

  // For the export and import of ticks (transfer.js, network-backup.js), which show imported ticks with renderAll.
  return { read: read, writeAll: writeAll, renderAll: renderAll, savedTicks: savedTicks, mergeTicks: mergeTicks };
});
