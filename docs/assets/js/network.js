/*
 * My network (/my-network/): people, this week's follow-ups with the message ready to copy, contact logged in one
 * click, the job search by organisation, check-in rhythms, backup (export, import, CSV, calendar) and a printed
 * sheet. The page's data block (#nfp-network-data, rendered by hooks/nfp/network.py) gives the schema and the
 * kinds of follow-up with a message. Dates are network-data.js's, storage is network-store.js's. What only some
 * readers use is fetched on first use, which keeps the page's first load small: the site's messages when one is
 * first opened (withMessages), and the backup, spreadsheet and calendar (network-backup.js and network-files.js,
 * their own bundle) with the list of checklists whose ticks a backup carries (withFiles).
 *
 * Everything the reader typed is put on the page with textContent or value, never as HTML. Nothing is sent
 * anywhere: a link into this page carries a name in the address fragment (#add&name=...), which browsers never
 * send to a server, and it opens the form without saving anything.
 */
nfp.define("network", ["network-data", "network-store", "calendar"],
  function (data, store, calendar) {
  "use strict";

  var LOG_WORDS = { wrote: "you wrote to", met: "you met", call: "you had a call with", replied: "a reply from" };
  var TEXT_FIELDS = ["name", "where", "organisation", "role", "reach", "notes"];
  // Changes since the last export before the page suggests one.
  var REMIND_AFTER = 3;
  var plural = nfp.plural;
  // How many rows a list shows before "Show more": a notebook of 1,000 people stays quick to draw.
  var PAGE_SIZE = 50;
  var collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  var page = null; // the page set up now (Material's instant navigation swaps pages without reloading scripts)

  /* ---- Reading the schema: every limit is stated there once ---- */

  function resolve(schema, node) {
    var seen = 0;
    while (node && node.$ref && seen++ < 10) {
      node = node.$ref.replace(/^#\//, "").split("/").reduce(function (at, key) {
        return at && at[key];
      }, schema);
    }
    return node || {};
  }

  function personRules(schema) {
    var person = resolve(schema, (schema.$defs || {}).person);
    var props = person.properties || {};
    var rules = {};
    Object.keys(props).forEach(function (key) { rules[key] = resolve(schema, props[key]); });
    if (rules.tags) rules.tag = resolve(schema, rules.tags.items);
    return rules;
  }

  /* ---- Small helpers ---- */

  function $(root, selector) {
    return root.querySelector(selector);
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function clone(id) {
    return document.getElementById(id).content.firstElementChild.cloneNode(true);
  }

  function shown(element, visible) {
    element.hidden = !visible;
  }

  function longDate(iso) {
    var day = calendar.parseIsoDate(iso);
    return day ? calendar.longDate(day) : "";
  }

  function newId(people) {
    var used = {};
    people.forEach(function (person) { used[person.id] = true; });
    var alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (;;) {
      var bytes = new Uint8Array(12);
      window.crypto.getRandomValues(bytes);
      var id = "p-" + Array.prototype.map.call(bytes, function (b) { return alphabet[b % 36]; }).join("");
      if (!used[id]) return id;
    }
  }

  function copyPerson(person) {
    return JSON.parse(JSON.stringify(person));
  }

  function findPerson(notebook, id) {
    for (var i = 0; i < notebook.people.length; i++) if (notebook.people[i].id === id) return notebook.people[i];
    return null;
  }

  /** A new notebook sharing the untouched parts (change functions never alter the notebook they are given). */
  function withPeople(notebook, people) {
    return { v: notebook.v, rev: notebook.rev, settings: notebook.settings, people: people };
  }

  function replacePerson(notebook, person) {
    return withPeople(notebook, notebook.people.map(function (p) { return p.id === person.id ? person : p; }));
  }

  function monthEnd(today) {
    var day = calendar.parseIsoDate(today);
    var last = new Date(Date.UTC(day.y, day.m, 0)).getUTCDate();
    return today.slice(0, 8) + nfp.pad(last, 2);
  }

  /** A template's text with the placeholders the page knows filled from the person (the rest stay). */
  function fill(text, person, placeholders) {
    var out = String(text || "");
    Object.keys(placeholders).forEach(function (placeholder) {
      var field = placeholders[placeholder];
      var value = field === "met_on" ? longDate(person.met_on) : person[field];
      if (typeof value === "string" && value.trim()) out = out.split(placeholder).join(value.trim());
    });
    return out.replace(/\s+$/, "");
  }

  function copyText(field, status, what) {
    var text = field.value;
    function bySelection() {
      field.focus();
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) { /* not supported: the text stays selected */ }
      var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
      nfp.announce(status, copied ? what + " copied" : "Text selected: press " + (mac ? "Cmd" : "Ctrl") + "+C to copy.");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { nfp.announce(status, what + " copied"); }, bySelection);
    } else {
      bySelection();
    }
  }

  /** The address fragment of a link into the form: #add&name=...&where=...&met_on=... (never the query). */
  function readFragment(hash) {
    var parts = String(hash || "").replace(/^#/, "").split("&");
    if (parts[0] !== "add") return null;
    var fields = {};
    parts.slice(1).forEach(function (part) {
      var at = part.indexOf("=");
      if (at < 1) return;
      var key = part.slice(0, at);
      var value;
      try {
        value = decodeURIComponent(part.slice(at + 1).replace(/\+/g, " "));
      } catch (error) {
        return;
      }
      if (key === "name" || key === "where" || key === "met_on" || key === "organisation") fields[key] = value;
    });
    return fields;
  }

  /* ---- The page ---- */

  function Page(root, block) {
    this.root = root;
    this.block = block;
    this.schema = block.schema;
    this.rules = personRules(block.schema);
    this.filesLoading = null; // the promise of network-files.js and the checklists, from the first use on
    this.messagesLoading = null; // the promise of the message templates, from the first message opened
    this.notebook = null;
    this.stored = null;
    this.editing = null; // the id of the person in the form, null when adding
    this.opened = null; // the edit form's fields as it opened (see openForm)
    this.open = {}; // "person id|kind" of the messages shown in This week
    this.limits = { week: PAGE_SIZE, people: PAGE_SIZE, search: PAGE_SIZE };
    this.byId = new Map();
    this.undo = null;
    this.status = $(root, ".nfp-network__status");
    this.error = $(root, ".nfp-network__error");
    this.form = $(root, "form.nfp-person-form");
    this.neverExported = $(root, ".nfp-backup__last").textContent; // as the page first shows it ("Not exported yet.")
  }

  Page.prototype.announce = function (text) {
    nfp.announce(this.error, "");
    nfp.announce(this.status, text);
  };

  Page.prototype.fail = function (text) {
    nfp.announce(this.error, text);
  };

  /** Read the stored notebook again and draw everything from it. */
  Page.prototype.load = function () {
    var stored = store.read(this.schema);
    this.stored = stored;
    this.notebook = stored.notebook || null;
    var problem = $(this.root, ".nfp-network__problem");
    var text = "";
    if (stored.state === "damaged") {
      text = "The notebook saved in this browser could not be read (" + stored.message + "). It has been left " +
        "exactly as it is, and nothing you do here will overwrite it. Save it as a file to keep it, then import " +
        "an earlier backup or ask for help on the site's repository.";
    } else if (stored.state === "newer") {
      text = "The notebook saved in this browser was written by a newer version of this site. Reload the page " +
        "to get the newest version. Until then it is left exactly as it is, and nothing here will change it.";
    } else if (stored.state === "unavailable") {
      text = "This browser is not saving anything for this site (private browsing, or storage turned off), so " +
        "people you add here would be lost when you close the tab. The printable checklists work without it.";
    }
    $(problem, ".nfp-network__problem-text").textContent = text;
    $(problem, "[data-nfp-net=export-raw]").hidden = !stored.raw;
    shown(problem, Boolean(text));
    var usable = stored.state === "ok" || stored.state === "empty";
    all(this.root, ".nfp-week, .nfp-people, .nfp-search, .nfp-backup, .nfp-settings, .nfp-sheet").forEach(
      function (section) { section.hidden = !usable && !section.classList.contains("nfp-backup"); });
    if (!usable) {
      all(this.root, ".nfp-backup [data-nfp-net]").forEach(function (b) {
        b.disabled = b.getAttribute("data-nfp-net") !== "import" || stored.state === "newer";
      });
      return;
    }
    all(this.root, ".nfp-backup [data-nfp-net]").forEach(function (b) { b.disabled = false; });
    this.render();
  };

  Page.prototype.render = function () {
    var today = nfp.today();
    var byId = this.byId = new Map();
    this.notebook.people.forEach(function (person) { byId.set(person.id, person); });
    var due = data.dueItems(this.notebook, today, this.block);
    if (!Array.isArray(due)) {
      this.fail(due.message);
      due = [];
    }
    this.due = due;
    var byPerson = {};
    due.forEach(function (item) { if (!byPerson[item.person]) byPerson[item.person] = item; });
    var week = data.thisWeek(due, today);
    this.renderWeek(Array.isArray(week) ? week : []);
    this.renderPeople(byPerson);
    this.renderSearch(byPerson);
    this.sheetDrawn = false; // drawn when the page is printed (beforeprint), not on every change
    this.renderSettings();
    this.renderReminder();
  };

  /** The site's template for a follow-up: the job-search one for someone in a search, where there is one. */
  /** A data file the build wrote (assets/data/), as JSON: what the page fetches on first use. */
  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("nfp: " + url + " answered " + response.status);
      return response.json();
    });
  }

  /** The site's message for a due item, from `messages` (the file withMessages fetched); null if it has none. */
  function templateFor(messages, item, person) {
    if (!item.template) return null;
    var search = messages.jobSearchTemplates || {};
    if (person.search && Object.prototype.hasOwnProperty.call(search, item.template)) return search[item.template];
    return (messages.templates || {})[item.template] || null;
  }

  /**
   * Run `work(messages)` once the site's message templates are here: fetched when the reader first opens one
   * (they are the same for every person), kept for the page's life. If they cannot load, the reader is told.
   */
  Page.prototype.withMessages = function (work) {
    var self = this;
    if (!this.messagesLoading) {
      this.messagesLoading = fetchJson(this.root.getAttribute("data-nfp-messages"));
      this.messagesLoading.catch(function () { self.messagesLoading = null; }); // the next use tries again
    }
    this.messagesLoading.then(work, function () {
      self.fail("The message templates could not load. Check your connection and try again; they are also on " +
        "the Templates page.");
    });
  };

  /** Open a This week item's message: filled from the person's record once the templates are here. */
  Page.prototype.openMessage = function (row, item, person) {
    var self = this;
    this.withMessages(function (messages) {
      var template = templateFor(messages, item, person);
      // Unless the reader closed it again while the templates were on their way.
      if (template && self.open[row.getAttribute("data-key")]) {
        self.fillMessage(row, template, person, messages.placeholders || {});
      }
    });
  };

  Page.prototype.personName = function (id) {
    var person = this.byId.get(id);
    return person ? person.name : "";
  };

  /** "Show more" after a list cut at its limit: how many are left, and a button that shows the next lot. */
  Page.prototype.more = function (list, which, total) {
    var shown = Math.min(total, this.limits[which]);
    var button = $(list.parentNode, "[data-nfp-more=" + which + "]");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "md-button nfp-more-button";
      button.setAttribute("data-nfp-more", which);
      list.parentNode.insertBefore(button, list.nextSibling);
    }
    button.textContent = "Show " + Math.min(PAGE_SIZE, total - shown) + " more (" + shown + " of " + total + " shown)";
    button.hidden = shown >= total;
  };

  Page.prototype.renderWeek = function (items) {
    var self = this;
    var list = $(this.root, ".nfp-week__list");
    var fragment = document.createDocumentFragment();
    items.slice(0, this.limits.week).forEach(function (item) {
      var person = self.byId.get(item.person);
      if (!person) return;
      var row = clone("nfp-network-due");
      var key = item.person + "|" + item.kind;
      var base = "nfp-due-" + item.person + "-" + item.kind;
      row.setAttribute("data-person", item.person);
      row.setAttribute("data-key", key);
      var time = $(row, ".nfp-due__date");
      var today = nfp.today();
      time.textContent = item.date < today ? "Overdue since " + longDate(item.date) :
        item.date === today ? "Due today" : "Due " + longDate(item.date);
      $(row, ".nfp-due__name").textContent = person.name;
      $(row, ".nfp-due__org").textContent = person.organisation ? ", " + person.organisation : "";
      $(row, ".nfp-due__reason").textContent = item.reason;
      $(row, ".nfp-log").setAttribute("aria-label", "Log contact with " + person.name);
      var show = $(row, ".nfp-due__show");
      var message = $(row, ".nfp-due__message");
      if (!item.template) {
        show.remove();
        message.remove();
      } else {
        $(row, ".nfp-due__for").textContent = " for " + person.name;
        message.id = base + "-message";
        show.setAttribute("aria-controls", message.id);
        var open = Boolean(self.open[key]);
        if (open) self.openMessage(row, item, person);
        show.setAttribute("aria-expanded", String(open));
      }
      fragment.appendChild(row);
    });
    list.textContent = "";
    list.appendChild(fragment);
    this.more(list, "week", items.length);
    shown($(this.root, ".nfp-week__empty"), !items.length);
  };

  /** Fill a This week item's message from the person's record: done when the reader opens it, not for every
   * item on every change. */
  Page.prototype.fillMessage = function (row, template, person, placeholders) {
    var message = $(row, ".nfp-due__message");
    if (row.getAttribute("data-filled") !== "1") {
      var base = message.id.replace(/-message$/, "");
      $(row, ".nfp-due__template").textContent = "Template: " + template.title + ". Change what is in " +
        "[square brackets] before you send it.";
      var subject = $(row, ".nfp-due__subject");
      var body = $(row, ".nfp-due__body");
      subject.id = base + "-subject";
      body.id = base + "-body";
      $(row, ".nfp-due__subject-label").setAttribute("for", subject.id);
      $(row, ".nfp-due__body-label").setAttribute("for", body.id);
      if (template.subject) subject.value = fill(template.subject, person, placeholders);
      else {
        $(row, ".nfp-due__subject-field").remove();
        $(row, ".nfp-due__copy-subject").remove();
      }
      body.value = fill(template.body, person, placeholders);
      row.setAttribute("data-filled", "1");
    }
    message.hidden = false;
  };

  Page.prototype.describe = function (person, next) {
    var meta = [];
    var job = [person.role, person.organisation].filter(Boolean).join(", ");
    if (job) meta.push(job);
    var met = [person.where, person.met_on ? longDate(person.met_on) : ""].filter(Boolean).join(", ");
    if (met) meta.push("Met: " + met);
    if (person.reach) meta.push("Reach: " + person.reach);
    var last = person.log && person.log.length ? person.log[person.log.length - 1] : null;
    return {
      meta: meta.join(" · "),
      next: (next ? "Next: " + longDate(next.date) + ", " + next.reason + "." : "Nothing due.") +
        (last ? " Last contact: " + longDate(last.on) + " (" + last.kind + ")." : "")
    };
  };

  Page.prototype.renderPeople = function (byPerson) {
    var self = this;
    var filter = ($(this.root, "#nfp-filter").value || "").trim().toLowerCase();
    var showArchived = $(this.root, ".nfp-people__show-archived").checked;
    var people = this.notebook.people.slice().sort(function (a, b) { return collator.compare(a.name, b.name); });
    var archived = people.filter(function (p) { return p.archived; }).length;
    var listed = people.filter(function (person) {
      if (person.archived && !showArchived) return false;
      if (!filter) return true;
      return [person.name, person.organisation, person.role, person.where, person.notes, (person.tags || []).join(" ")]
        .join(" ").toLowerCase().indexOf(filter) !== -1;
    });
    var list = $(this.root, ".nfp-people__list");
    var fragment = document.createDocumentFragment();
    listed.slice(0, this.limits.people).forEach(function (person) {
      var row = clone("nfp-network-person");
      row.setAttribute("data-person", person.id);
      row.id = "person-" + person.id;
      if (person.archived) row.classList.add("nfp-person--archived");
      $(row, ".nfp-person__name").textContent = person.name + (person.archived ? " (archived)" : "");
      var text = self.describe(person, byPerson[person.id]);
      var meta = $(row, ".nfp-person__meta");
      meta.textContent = text.meta;
      if (!text.meta) meta.remove();
      $(row, ".nfp-person__next").textContent = person.archived ? "Archived: no follow-ups." : text.next;
      var tags = $(row, ".nfp-person__tags");
      if (person.tags && person.tags.length) tags.textContent = "Tags: " + person.tags.join(", ");
      else tags.remove();
      var notes = $(row, ".nfp-person__notes");
      if (person.notes) notes.textContent = person.notes;
      else notes.remove();
      all(row, ".nfp-person__for").forEach(function (span) { span.textContent = " " + person.name; });
      $(row, ".nfp-log").setAttribute("aria-label", "Log contact with " + person.name);
      if (person.archived) {
        $(row, ".nfp-log").remove();
        $(row, "[data-nfp-net=archive]").firstChild.nodeValue = "Restore";
      }
      fragment.appendChild(row);
    });
    list.textContent = "";
    list.appendChild(fragment);
    this.more(list, "people", listed.length);
    var total = people.length;
    shown($(this.root, ".nfp-people__empty"), !total);
    shown($(this.root, ".nfp-people__filter"), total > 5);
    var count = $(this.root, ".nfp-people__count");
    count.textContent = filter ? plural(listed.length, "person matches", "people match") + " \u201c" + filter + "\u201d." :
      plural(total - archived, "person", "people") + " in your notebook" +
      (archived ? ", and " + archived + " archived." : ".");
    shown(count, total > 0);
    shown($(this.root, ".nfp-people__archived"), archived > 0);
    $(this.root, ".nfp-people__archived-count").textContent = "(" + archived + ")";
  };

  Page.prototype.renderSearch = function (byPerson) {
    var groups = new Map();
    this.notebook.people.forEach(function (person) {
      if (!person.search || person.archived) return;
      var org = (person.organisation || "").trim() || "No organisation given";
      if (!groups.has(org)) groups.set(org, []);
      groups.get(org).push(person);
    });
    var names = Array.from(groups.keys()).sort(collator.compare);
    var list = $(this.root, ".nfp-search__list");
    var fragment = document.createDocumentFragment();
    var left = this.limits.search;
    var total = 0;
    groups.forEach(function (members) { total += members.length; });
    names.forEach(function (org) {
      if (left <= 0) return;
      var section = clone("nfp-network-org");
      $(section, ".nfp-org__name").textContent = org;
      var ul = $(section, ".nfp-org__people");
      groups.get(org).sort(function (a, b) { return collator.compare(a.name, b.name); }).slice(0, left)
        .forEach(function (person) {
        left--;
        var row = clone("nfp-network-contact");
        row.setAttribute("data-person", person.id);
        $(row, ".nfp-contact__name").textContent = person.name;
        var select = $(row, ".nfp-contact__status");
        select.value = person.search;
        select.setAttribute("aria-label", "Status for " + person.name);
        var next = byPerson[person.id];
        $(row, ".nfp-contact__next").textContent = next ? "Next: " + longDate(next.date) + ", " + next.reason : "";
        ul.appendChild(row);
      });
      fragment.appendChild(section);
    });
    list.textContent = "";
    list.appendChild(fragment);
    this.more(list, "search", total);
    shown($(this.root, ".nfp-search__empty"), !names.length);
  };

  Page.prototype.renderSheet = function () {
    if (this.sheetDrawn || !this.notebook) return;
    this.sheetDrawn = true;
    var self = this;
    var today = nfp.today();
    var due = this.due || [];
    var end = monthEnd(today);
    var month = calendar.longDate(calendar.parseIsoDate(today)).replace(/^\d+ /, "");
    $(this.root, ".nfp-sheet__title").textContent = "People to contact in " + month;
    var body = $(this.root, ".nfp-sheet__table tbody");
    var fragment = document.createDocumentFragment();
    var items = due.filter(function (item) { return item.date <= end; });
    items.forEach(function (item) {
      var person = self.byId.get(item.person);
      if (!person) return;
      var row = document.createElement("tr");
      [item.date < today ? "Overdue" : longDate(item.date), person.name + (person.organisation ? ", " +
        person.organisation : ""), item.reason, person.reach || ""].forEach(function (text, index) {
        var cell = document.createElement(index === 1 ? "th" : "td");
        if (index === 1) cell.setAttribute("scope", "row");
        cell.textContent = text;
        row.appendChild(cell);
      });
      var box = document.createElement("td");
      box.className = "nfp-sheet__box";
      box.textContent = "\u2610";
      row.insertBefore(box, row.firstChild);
      fragment.appendChild(row);
    });
    body.textContent = "";
    body.appendChild(fragment);
    shown($(this.root, ".nfp-sheet__empty"), !items.length);
    shown($(this.root, ".nfp-sheet__table"), items.length > 0);
  };

  Page.prototype.renderSettings = function () {
    var rhythms = this.notebook.settings.rhythms;
    var form = $(this.root, "form.nfp-rhythms");
    Object.keys(rhythms).forEach(function (key) {
      var input = form.elements[key];
      if (input && document.activeElement !== input && input.getAttribute("aria-invalid") !== "true") {
        input.value = rhythms[key];
      }
      var hint = $(this.root, "[data-nfp-rhythm=" + key + "]");
      if (hint) hint.textContent = "(check in every " + plural(rhythms[key], "month", "months") + ")";
    }, this);
  };

  Page.prototype.renderReminder = function () {
    var backup = store.backupState();
    var since = (this.notebook.rev || 0) - Math.max(backup.rev, backup.dismissed);
    var show = this.notebook.people.length > 0 && since >= REMIND_AFTER;
    var reminder = $(this.root, ".nfp-network__reminder");
    $(reminder, ".nfp-network__reminder-text").textContent = (backup.exported ?
      "You have made " + plural(since, "change", "changes") + " since your last backup." :
      "Your notebook is only in this browser and has no backup yet.") +
      " Clearing the browser's data would erase it.";
    shown(reminder, show);
    $(this.root, ".nfp-backup__last").textContent = backup.exported ?
      "Last exported: " + longDate(backup.exported.slice(0, 10)) + "." : this.neverExported;
  };

  /* ---- Changes ---- */

  var NOT_SAVED = {
    full: "This browser's storage for this site is full, so the change was not saved. Export a backup, then " +
      "free some space (delete archived people, or clear other sites' data) and try again.",
    unavailable: "This browser is not saving anything for this site (private browsing, or storage turned off), " +
      "so the change was not saved.",
    blocked: "The notebook saved in this browser cannot be read by this page, so nothing was changed."
  };

  /** Apply `change` to the stored notebook; on success re-render and announce `message(notebook)`. */
  Page.prototype.change = function (change, message) {
    var outcome = store.update(this.schema, change);
    if (outcome.result === "unchanged") return outcome;
    if (outcome.result === "invalid") {
      this.fail("This change was not saved: " + outcome.message + ".");
      return outcome;
    }
    if (outcome.result !== "saved") {
      this.fail(NOT_SAVED[outcome.result] || NOT_SAVED.unavailable);
      if (outcome.result === "blocked") this.load();
      return outcome;
    }
    this.notebook = outcome.notebook;
    this.stored = { state: "ok", notebook: outcome.notebook };
    this.keepFocus(function () { this.render(); });
    if (message) this.announce(typeof message === "function" ? message(outcome.notebook) : message);
    this.askPersistence();
    return outcome;
  };

  /** Re-render without losing the reader's place: focus goes back to the same control of the same person, or
   * to the nearest thing still there. */
  Page.prototype.keepFocus = function (draw) {
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("[data-person]") : null;
    var where = null;
    if (row && this.root.contains(row)) {
      var list = row.parentNode;
      where = {
        list: list, index: Array.prototype.indexOf.call(list.children, row), person: row.getAttribute("data-person"),
        // The job search draws its lists afresh, one per organisation: find the person again in all of them.
        scope: list.closest(".nfp-search__list") || list,
        control: active.getAttribute("data-nfp-log") ? "[data-nfp-log=" + active.getAttribute("data-nfp-log") + "]" :
          active.getAttribute("data-nfp-net") ? "[data-nfp-net=" + active.getAttribute("data-nfp-net") + "]" :
          active.classList.contains("nfp-contact__status") ? ".nfp-contact__status" : null
      };
    }
    draw.call(this);
    if (!where || this.root.contains(active)) return;
    var same = where.scope.querySelector('[data-person="' + where.person + '"]');
    var target = same && where.control ? same.querySelector(where.control) : null;
    if (!target && this.root.contains(where.list)) {
      var rows = where.list.children;
      var near = rows[Math.min(where.index, rows.length - 1)];
      target = near ? near.querySelector("button, select") : null;
    }
    if (!target) {
      target = where.scope.closest("section").querySelector("h2");
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  };

  Page.prototype.askPersistence = function () {
    var note = $(this.root, ".nfp-network__persist");
    store.askPersistence(function (answer) {
      note.textContent = answer === "granted" ?
        "Your browser has agreed to keep this notebook even when space runs low: only you can delete it, by " +
        "clearing this site's data. A backup file is still the safest copy." :
        "Your browser has not promised to keep this notebook: it may delete this site's data if space runs " +
        "low or you do not visit for a long time. Export a backup now and then to be safe.";
      note.hidden = false;
    });
  };

  Page.prototype.log = function (id, kind) {
    var today = nfp.today();
    var name = this.personName(id);
    var self = this;
    this.change(function (notebook) {
      var person = findPerson(notebook, id);
      var next = person ? data.logContact(person, kind, today, new Date()) : null;
      return next && next.ok !== false ? replacePerson(notebook, next) : null;
    }, function (notebook) {
      var due = data.dueItems(notebook, today, self.block);
      var next = Array.isArray(due) ? due.filter(function (item) { return item.person === id; })[0] : null;
      return "Logged: " + LOG_WORDS[kind] + " " + name + " today. " +
        (next ? "Next: " + next.reason + " on " + longDate(next.date) + "." : "Nothing else is due for them.");
    });
  };

  Page.prototype.archive = function (id) {
    var person = findPerson(this.notebook, id);
    if (!person) return;
    var archived = !person.archived;
    var now = new Date().toISOString();
    this.change(function (notebook) {
      var current = findPerson(notebook, id);
      if (!current) return null;
      var next = copyPerson(current);
      next.archived = archived;
      next.updated = now;
      return replacePerson(notebook, next);
    }, archived ? person.name + " archived: no more follow-ups. Tick \u201cShow archived people\u201d to see them." :
      person.name + " restored.");
  };

  Page.prototype.remove = function (id) {
    var person = findPerson(this.notebook, id);
    if (!person) return;
    var kept = copyPerson(person);
    var outcome = this.change(function (notebook) {
      if (!findPerson(notebook, id)) return null;
      return withPeople(notebook, notebook.people.filter(function (p) { return p.id !== id; }));
    }, person.name + " deleted. Press Undo to bring them back.");
    if (outcome.result !== "saved") return;
    this.undo = kept;
    var undo = $(this.root, ".nfp-network__undo");
    $(undo, ".nfp-network__undo-text").textContent = kept.name + " deleted.";
    undo.hidden = false;
    $(undo, "button").focus();
  };

  Page.prototype.undoDelete = function () {
    var person = this.undo;
    if (!person) return;
    var outcome = this.change(function (notebook) {
      if (findPerson(notebook, person.id)) return null;
      return withPeople(notebook, notebook.people.concat([person]));
    }, person.name + " is back.");
    if (outcome.result === "saved" || outcome.result === "unchanged") {
      this.undo = null;
      $(this.root, ".nfp-network__undo").hidden = true;
      var row = document.getElementById("person-" + person.id);
      var target = row ? $(row, "[data-nfp-net=edit]") : null;
      if (target) target.focus();
    }
  };

  Page.prototype.setSearch = function (id, status) {
    var now = new Date().toISOString();
    var name = this.personName(id);
    this.change(function (notebook) {
      var current = findPerson(notebook, id);
      if (!current || current.search === status) return null;
      var next = copyPerson(current);
      next.search = status;
      next.updated = now;
      return replacePerson(notebook, next);
    }, name + ": status changed.");
  };

  /* ---- The add and edit form ---- */

  Page.prototype.openForm = function (person, prefill) {
    var form = this.form;
    this.editing = person ? person.id : null;
    this.clearErrors();
    form.reset();
    var values = person || prefill || {};
    TEXT_FIELDS.concat(["met_on"]).forEach(function (key) {
      if (form.elements[key]) form.elements[key].value = values[key] || "";
    });
    form.elements.tags.value = (values.tags || []).join(", ");
    form.elements.search.value = values.search || "";
    var closeness = values.closeness || "regular";
    all(form, "input[name=closeness]").forEach(function (radio) { radio.checked = radio.value === closeness; });
    var title = $(form, ".nfp-person-form__title");
    title.textContent = person ? "Edit " + person.name : "Add a person";
    // What the form showed when it opened: a save writes only what the reader changed since, so an edit made
    // meanwhile in another tab to a field left alone here is kept.
    this.opened = person ? this.readForm().fields : null;
    form.hidden = false;
    $(this.root, "[data-nfp-net=add]").setAttribute("aria-expanded", "true");
    form.scrollIntoView({ block: "start" });
    form.elements.name.focus();
  };

  Page.prototype.closeForm = function (focusAdd) {
    this.form.hidden = true;
    this.editing = null;
    this.clearErrors();
    var add = $(this.root, "[data-nfp-net=add]");
    add.setAttribute("aria-expanded", "false");
    if (focusAdd) add.focus();
    // A link opened the form: once it is saved or closed, a reload must not open an empty form again.
    if (readFragment(window.location.hash) && window.history && history.replaceState) {
      history.replaceState(history.state, "", window.location.pathname + window.location.search);
    }
  };

  Page.prototype.clearErrors = function () {
    all(this.form, ".nfp-field__error").forEach(function (span) { span.textContent = ""; });
    all(this.form, "[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); });
    $(this.form, ".nfp-person-form__summary").textContent = "";
  };

  /** The form's values as a person's fields, and the problems found, each tied to its field. */
  Page.prototype.readForm = function () {
    var form = this.form;
    var rules = this.rules;
    var fields = {};
    var problems = [];
    TEXT_FIELDS.forEach(function (key) {
      var value = form.elements[key].value;
      value = key === "notes" ? value.replace(/\s+$/, "").replace(/^\s+/, "") : calendar.normaliseSpaces(value);
      fields[key] = value;
      var rule = rules[key] || {};
      var chars = Array.from(value).length;
      if (key === "name" && !value) problems.push({ field: "name", message: "Enter their name." });
      else if (rule.maxLength && chars > rule.maxLength) {
        problems.push({ field: key, message: "Keep this to " + rule.maxLength + " characters (it has " + chars + ")." });
      }
    });
    var met = form.elements.met_on.value;
    if (form.elements.met_on.validity && form.elements.met_on.validity.badInput) {
      problems.push({ field: "met_on", message: "Enter the day you met as a full date, or leave it empty." });
    } else if (met && !calendar.parseIsoDate(met)) {
      problems.push({ field: "met_on", message: "Enter the day you met as a full date, for example 2026-03-28." });
    }
    fields.met_on = met;
    var tags = form.elements.tags.value.split(",").map(calendar.normaliseSpaces).filter(Boolean);
    tags = tags.filter(function (tag, index) { return tags.indexOf(tag) === index; });
    var tagRule = rules.tag || {};
    var long = tags.filter(function (tag) { return tagRule.maxLength && Array.from(tag).length > tagRule.maxLength; });
    if (rules.tags && rules.tags.maxItems && tags.length > rules.tags.maxItems) {
      problems.push({ field: "tags", message: "Use at most " + rules.tags.maxItems + " tags (there are " + tags.length + ")." });
    } else if (long.length) {
      problems.push({ field: "tags", message: "Keep each tag to " + tagRule.maxLength + " characters: \u201c" +
        long[0].slice(0, 20) + "\u2026\u201d is longer." });
    }
    fields.tags = tags;
    var closeness = $(form, "input[name=closeness]:checked");
    fields.closeness = closeness ? closeness.value : "regular";
    fields.search = form.elements.search.value || null;
    return { fields: fields, problems: problems };
  };

  Page.prototype.showProblems = function (problems) {
    var form = this.form;
    problems.forEach(function (problem) {
      var field = form.elements[problem.field];
      field.setAttribute("aria-invalid", "true");
      document.getElementById("nfp-f-" + problem.field + "-error").textContent = problem.message;
    });
    $(form, ".nfp-person-form__summary").textContent = "Not saved yet: " +
      plural(problems.length, "field needs", "fields need") + " a change.";
    form.elements[problems[0].field].focus();
  };

  Page.prototype.save = function () {
    var read = this.readForm();
    this.clearErrors();
    if (read.problems.length) {
      this.showProblems(read.problems);
      return;
    }
    var fields = read.fields;
    var id = this.editing;
    var opened = this.opened;
    var now = new Date().toISOString();
    var outcome = this.change(function (notebook) {
      var person;
      if (id) {
        var current = findPerson(notebook, id);
        if (!current) return null;
        person = copyPerson(current);
      } else {
        person = { id: newId(notebook.people), log: [], archived: false, created: now };
      }
      Object.keys(fields).forEach(function (key) {
        var value = fields[key];
        if (id && opened && JSON.stringify(value) === JSON.stringify(opened[key])) return;
        if (value === "" || value === null || (Array.isArray(value) && !value.length)) delete person[key];
        else person[key] = value;
      });
      person.updated = now;
      return id ? replacePerson(notebook, person) : withPeople(notebook, notebook.people.concat([person]));
    }, (id ? "Saved your changes to " : "Added ") + fields.name + ".");
    if (outcome.result === "saved") {
      this.closeForm(false);
      var row = document.getElementById("person-" + (id || outcome.notebook.people[outcome.notebook.people.length - 1].id));
      var target = row ? $(row, "[data-nfp-net=edit]") : $(this.root, "[data-nfp-net=add]");
      target.focus();
    } else if (outcome.result === "unchanged") {
      $(this.form, ".nfp-person-form__summary").textContent = "This person is no longer in your notebook " +
        "(deleted in another tab?), so nothing was saved.";
    }
  };

  /* ---- Backup, calendar, CSV, print ---- */

  /**
   * Run the backup's `action` (network-backup.js) with the list of checklists and `args`, once that script, with
   * network-files.js (their own bundle), and the list of checklists a backup carries are here: fetched on the
   * first use, kept for the page's life. Offline, both come from what the site saved for offline use; if they
   * cannot load, the reader is told, and nothing has changed.
   */
  Page.prototype.withFiles = function (action, args) {
    var self = this;
    if (!this.filesLoading) {
      var listed = fetchJson(this.root.getAttribute("data-nfp-checklist-items"));
      this.filesLoading = Promise.all([nfp.load(this.root.getAttribute("data-nfp-files")), listed])
        .then(function (loaded) {
          var backup = nfp.use("network-backup");
          return { backup: backup, checklists: backup.readChecklistItems(loaded[1]) };
        });
      this.filesLoading.catch(function () { self.filesLoading = null; }); // the next use tries again
    }
    this.filesLoading.then(function (loaded) {
      loaded.backup[action].apply(self, [loaded.checklists].concat(args || []));
    }, function () {
      self.refuse("The backup, spreadsheet and calendar tools could not load. Check your connection and try " +
        "again; your notebook is still saved in this browser.", "");
    });
  };

  Page.prototype.exportRaw = function () {
    var raw = this.stored && this.stored.raw;
    if (!raw) return;
    var filename = "networking-for-phds-notebook-as-stored-" + nfp.today() + ".txt";
    nfp.download(filename, "text/plain;charset=utf-8", raw);
    this.announce("Saved what is stored to " + filename + ". The notebook in this browser is unchanged.");
  };

  /** Say why nothing was imported (or made): `after` follows the message, " Nothing was changed." unless given. */
  Page.prototype.refuse = function (message, after) {
    nfp.announce($(this.root, ".nfp-backup__report"), "");
    nfp.announce($(this.root, ".nfp-backup__error"), message + (after === undefined ? " Nothing was changed." : after));
  };

  Page.prototype.saveRhythms = function () {
    var form = $(this.root, "form.nfp-rhythms");
    var values = {};
    var bad = [];
    all(form, "input[type=number]").forEach(function (input) {
      var error = document.getElementById(input.id + "-error");
      var min = Number(input.min);
      var max = Number(input.max);
      var value = input.value.trim();
      var number = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(number >= min && number <= max)) {
        error.textContent = "Enter a whole number of months from " + min + " to " + max + ".";
        input.setAttribute("aria-invalid", "true");
        bad.push(input);
      } else {
        error.textContent = "";
        input.removeAttribute("aria-invalid");
        values[input.name] = number;
      }
    });
    if (bad.length) {
      bad[0].focus();
      return;
    }
    this.change(function (notebook) {
      if (JSON.stringify(notebook.settings.rhythms) === JSON.stringify(values)) return null;
      var rhythms = Object.assign({}, notebook.settings.rhythms, values);
      return { v: notebook.v, rev: notebook.rev, settings: Object.assign({}, notebook.settings, { rhythms: rhythms }),
        people: notebook.people };
    }, "Check-in rhythm saved. The dates in This week follow it now.");
  };

  /* ---- Events ---- */

  Page.prototype.bind = function () {
    var self = this;
    var root = this.root;
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var which = button.getAttribute("data-nfp-more");
      if (which) {
        self.limits[which] += PAGE_SIZE;
        var list = button.previousElementSibling;
        var first = list.querySelectorAll("[data-person]").length;
        self.render();
        var row = list.querySelectorAll("[data-person]")[first];
        var next = row && row.querySelector("button, select");
        if (next) next.focus();
        return;
      }
      var row = button.closest("[data-person]");
      var id = row ? row.getAttribute("data-person") : null;
      var kind = button.getAttribute("data-nfp-log");
      if (kind && id) {
        self.log(id, kind);
        return;
      }
      switch (button.getAttribute("data-nfp-net")) {
        case "add":
          if (self.form.hidden || self.editing) self.openForm(null);
          else self.closeForm(true);
          break;
        case "cancel": self.closeForm(true); break;
        case "edit": self.openForm(findPerson(self.notebook, id)); break;
        case "archive": self.archive(id); break;
        case "delete": self.remove(id); break;
        case "undo": self.undoDelete(); break;
        case "message": {
          var open = button.getAttribute("aria-expanded") !== "true";
          var item = self.due.filter(function (due) {
            return due.person + "|" + due.kind === row.getAttribute("data-key");
          })[0];
          var person = self.byId.get(id);
          if (open && item && person) self.openMessage(row, item, person);
          else $(row, ".nfp-due__message").hidden = true;
          button.setAttribute("aria-expanded", String(open));
          if (open) self.open[row.getAttribute("data-key")] = true;
          else delete self.open[row.getAttribute("data-key")];
          break;
        }
        case "copy-body": copyText($(row, ".nfp-due__body"), $(row, ".nfp-due__copied"), "Message"); break;
        case "copy-subject": copyText($(row, ".nfp-due__subject"), $(row, ".nfp-due__copied"), "Subject"); break;
        case "export": self.withFiles("exportAll"); break;
        case "export-raw": self.exportRaw(); break;
        case "import": $(root, ".nfp-backup__file").click(); break;
        case "calendar": self.withFiles("calendar"); break;
        case "csv": self.withFiles("csv"); break;
        case "print": window.print(); break;
        case "dismiss-reminder":
          store.noteBackup({ dismissed: self.notebook.rev || 0 });
          self.renderReminder();
          $(root, "[data-nfp-net=export]:not(.nfp-network__reminder *)").focus();
          break;
      }
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.save();
    });
    this.form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") self.closeForm(true);
    });
    $(root, "form.nfp-rhythms").addEventListener("submit", function (event) {
      event.preventDefault();
      self.saveRhythms();
    });
    root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.classList.contains("nfp-contact__status")) {
        self.setSearch(target.closest("[data-person]").getAttribute("data-person"), target.value);
      } else if (target.classList.contains("nfp-people__show-archived")) {
        self.render();
      }
    });
    $(root, "#nfp-filter").addEventListener("input", function () {
      self.limits.people = PAGE_SIZE;
      self.render();
    });
    var fileInput = $(root, ".nfp-backup__file");
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      fileInput.value = ""; // choosing the same file again is a new import
      self.withFiles("importFile", [file]);
    });
  };

  /** A link from elsewhere on the site: open the form filled in, save nothing, and drop the details from the
   * address so they stay out of the browser's history. */
  Page.prototype.followFragment = function () {
    var fields = readFragment(window.location.hash);
    if (!fields || (this.stored.state !== "ok" && this.stored.state !== "empty")) return;
    if (window.history && history.replaceState) {
      history.replaceState(history.state, "", window.location.pathname + window.location.search + "#add");
    }
    if (fields.met_on && !calendar.parseIsoDate(fields.met_on)) delete fields.met_on;
    this.openForm(null, fields);
    // The browser's own handling of the address on load can take focus back to the page: give it to the form.
    var name = this.form.elements.name;
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () {
        setTimeout(function () {
          if (document.activeElement === document.body) name.focus();
        }, 0);
      }, { once: true });
    }
    if (fields.name) this.announce("The form is filled in for " + fields.name + ". Check it, then press Save.");
  };

  function setup(root) {
    if (root.getAttribute("data-nfp-ready") === "1") return;
    var source = document.getElementById("nfp-network-data"); // a <template>: its text is in .content
    var block = JSON.parse(source.content.textContent);
    root.setAttribute("data-nfp-ready", "1");
    page = new Page(root, block);
    page.bind();
    root.hidden = false;
    page.load();
    page.followFragment();
    root.setAttribute("data-nfp-rendered", "1");
  }

  store.onOtherTab(function () {
    if (page && document.body.contains(page.root)) {
      page.keepFocus(function () { this.load(); });
    }
  });

  // The printed sheet: drawn just before printing, whether from the page's button or the browser's menu.
  window.addEventListener("beforeprint", function () {
    if (page && document.body.contains(page.root)) page.renderSheet();
  });

  window.addEventListener("hashchange", function () {
    if (page && document.body.contains(page.root)) page.followFragment();
  });

  nfp.onPage(function () {
    var root = document.getElementById("nfp-network");
    if (root) setup(root);
  });

  return { readFragment: readFragment, fill: fill, NOT_SAVED: NOT_SAVED };
});
