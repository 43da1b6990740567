/*
 * Checklists: saved ticks, progress count, print and reset.
 *
 * Progressive enhancement: without JavaScript a checklist is a plain list of boxes to print. With it, each
 * tick is saved in this browser's localStorage under "nfp:checklist:<checklist id>" as
 *   {"v": 1, "ticked": ["<item id>", ...], "updated": "<ISO date>"}
 * keyed by item ids, so rewording or reordering items never loses a tick. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var PREFIX = "nfp:checklist:";

  function storageKey(checklistId) {
    return PREFIX + checklistId;
  }

  function storage() {
    try {
      var probe = "nfp:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // Private mode or storage disabled: ticks work but are not saved.
    }
  }

  /** The ticked item ids of one checklist (an empty list when nothing or something unreadable is saved). */
  function readTicked(checklistId) {
    var store = storage();
    if (!store) return [];
    try {
      var data = JSON.parse(store.getItem(storageKey(checklistId)) || "null");
      if (data && data.v === 1 && Array.isArray(data.ticked)) {
        return data.ticked.filter(function (id) { return typeof id === "string"; });
      }
    } catch (error) { /* corrupted entry: treat as empty */ }
    return [];
  }

  function writeTicked(checklistId, ticked) {
    var store = storage();
    if (!store) return false;
    if (!ticked.length) {
      store.removeItem(storageKey(checklistId));
    } else {
      store.setItem(storageKey(checklistId), JSON.stringify({
        v: 1, ticked: ticked.slice().sort(), updated: new Date().toISOString()
      }));
    }
    document.dispatchEvent(new CustomEvent("nfp:progress", { detail: { checklist: checklistId } }));
    return true;
  }

  /** Every checklist id with saved ticks in this browser. */
  function savedChecklists() {
    var store = storage();
    var ids = [];
    if (!store) return ids;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) ids.push(key.slice(PREFIX.length));
    }
    return ids.sort();
  }

  function boxes(article) {
    return Array.prototype.slice.call(article.querySelectorAll("input.nfp-item__box"));
  }

  function render(article) {
    var id = article.getAttribute("data-checklist-id");
    var ticked = readTicked(id);
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

  function printWithProgress(withTicks) {
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
      if (!storage()) setMessage(article, "(ticks cannot be saved in this browser)", false);
    }

    article.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.classList || !box.classList.contains("nfp-item__box")) return;
      var ticked = boxes(article).filter(function (b) { return b.checked; })
        .map(function (b) { return b.getAttribute("data-item-id"); });
      // Keep ticks of items this page does not show (e.g. removed in an update), so nothing is lost.
      var shown = boxes(article).map(function (b) { return b.getAttribute("data-item-id"); });
      readTicked(id).forEach(function (itemId) {
        if (shown.indexOf(itemId) === -1) ticked.push(itemId);
      });
      writeTicked(id, ticked);
      cleared = null;
      setMessage(article, "", false);
      render(article);
    });

    article.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-nfp-action]") : null;
      if (!button || !article.contains(button)) return;
      var action = button.getAttribute("data-nfp-action");
      if (action === "print") printWithProgress(false);
      if (action === "print-progress") printWithProgress(true);
      if (action === "reset") {
        var before = readTicked(id);
        if (!before.length) {
          setMessage(article, "Nothing to reset.", false);
          return;
        }
        cleared = before;
        writeTicked(id, []);
        render(article);
        setMessage(article, "All ticks cleared.", true);
      }
      if (action === "undo" && cleared) {
        writeTicked(id, cleared);
        cleared = null;
        render(article);
        setMessage(article, "Ticks restored.", false);
        var reset = article.querySelector("[data-nfp-action=reset]");
        if (reset) reset.focus();
      }
    });

    render(article);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), setup);
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-booklet__toolbar"), function (bar) {
      if (bar.getAttribute("data-nfp-ready") === "1") return;
      bar.setAttribute("data-nfp-ready", "1");
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        if (event.target.closest("[data-nfp-action=print]")) printWithProgress(false);
        if (event.target.closest("[data-nfp-action=print-progress]")) printWithProgress(true);
      });
    });
  }

  // Another tab changed the same checklist: show its ticks here too.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(PREFIX) !== 0) return;
    var id = event.key.slice(PREFIX.length);
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), function (article) {
      if (article.getAttribute("data-checklist-id") === id) render(article);
    });
  });

  // Other scripts (import of saved progress) change storage and ask the page to show it.
  document.addEventListener("nfp:refresh", function () {
    Array.prototype.forEach.call(document.querySelectorAll("article.nfp-checklist"), render);
  });

  window.nfpProgress = {
    prefix: PREFIX,
    read: readTicked,
    write: writeTicked,
    saved: savedChecklists,
    printWithProgress: printWithProgress
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
