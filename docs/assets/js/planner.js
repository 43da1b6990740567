/*
 * The calendar planner: on a checklist or path page with dated items (<li data-after="P2D">), a form turns the
 * day you met or start into an iCalendar file with one all-day entry per dated step, which the reader downloads
 * and opens in a calendar app. Or the reader counts back from the day they need to be done by: the start is
 * then that day minus the checklist's longest `after`, so the last step falls on it (or just before, where a
 * month is shorter). Everything happens in this browser; nothing is sent anywhere or saved.
 *
 * The shape of `after` comes from the planner's data-after-pattern (rendered from checklists/schema.json by
 * hooks/nfp/planner.py); the dates and the file are made by calendar.js.
 */
nfp.define("planner", ["calendar"], function (calendar) {
  "use strict";

  /**
   * `text` as {years, months, weeks, days}, or null when `pattern` refuses it. Each of the pattern's groups
   * captures one number with its unit letter (3W); a pattern that captures less is refused loudly, not misread.
   */
  function parseDuration(text, pattern) {
    var match = pattern.exec(String(text || ""));
    if (!match) return null;
    var groups = match.slice(1).filter(Boolean);
    if ("P" + groups.join("") !== match[0]) {
      throw new Error("nfp: data-after-pattern must capture each number with its unit, e.g. ([0-9]{1,3}W)");
    }
    var units = { Y: 0, M: 0, W: 0, D: 0 };
    groups.forEach(function (group) { units[group.slice(-1)] = parseInt(group, 10); });
    return { years: units.Y, months: units.M, weeks: units.W, days: units.D };
  }

  function textOf(element) {
    return element ? calendar.normaliseSpaces(element.textContent) : "";
  }

  function readSteps(article, pattern) {
    return Array.prototype.map.call(article.querySelectorAll("li.nfp-item[data-after]"), function (item) {
      var templates = [];
      Array.prototype.forEach.call(item.querySelectorAll("[data-template-title]"), function (element) {
        var title = element.getAttribute("data-template-title");
        if (title && templates.indexOf(title) === -1) templates.push(title);
      });
      return {
        id: item.getAttribute("data-item-id"),
        after: parseDuration(item.getAttribute("data-after"), pattern),
        text: textOf(item.querySelector(".nfp-item__text")),
        details: textOf(item.querySelector(".nfp-item__details")),
        when: textOf(item.querySelector(".nfp-item__when")).replace(/:$/, ""),
        templates: templates
      };
    }).filter(function (step) { return step.after !== null; });
  }

  function fileSlug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  }

  function setup(section) {
    if (section.getAttribute("data-nfp-ready") === "1") return;
    var article = section.closest("article.nfp-checklist");
    var form = section.querySelector("form");
    if (!article || !form) return;
    section.setAttribute("data-nfp-ready", "1");
    var afterPattern = nfp.pattern(section, "data-after-pattern");
    var dateInput = form.querySelector("input[name=date]");
    var dateLabel = form.querySelector("label[for=" + dateInput.id + "]");
    var error = form.querySelector(".nfp-planner__error");
    var status = form.querySelector(".nfp-planner__status");
    var hint = dateInput.getAttribute("aria-describedby") || "";
    var hintText = document.getElementById(hint);
    if (!dateInput.value) dateInput.value = nfp.today();
    section.hidden = false;

    // "start" (count forward from the date) or "end" (count back from it); the date's label and hint follow.
    function mode() {
      var chosen = form.querySelector("input[name=count]:checked");
      return chosen ? chosen.value : "start";
    }

    function showMode() {
      var chosen = form.querySelector("input[name=count]:checked");
      dateLabel.textContent = chosen.getAttribute("data-date-label");
      hintText.textContent = chosen.getAttribute("data-date-hint");
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "count") showMode();
    });
    showMode();

    function showError(message) {
      nfp.announce(status, "");
      nfp.announce(error, message);
      dateInput.setAttribute("aria-invalid", "true");
      dateInput.setAttribute("aria-describedby", (hint + " " + error.id).trim());
      dateInput.focus();
    }

    function clearError() {
      nfp.announce(error, "");
      dateInput.removeAttribute("aria-invalid");
      dateInput.setAttribute("aria-describedby", hint);
    }

    // A path's planner has no contact fields (their name, where you met): those are for following up one person.
    function fieldValue(name) {
      var input = form.querySelector("input[name=" + name + "]");
      return input ? input.value : "";
    }

    // After a download: "Add <name> to My network", with what the reader typed in the address FRAGMENT, which
    // browsers never send to a server; the notebook's form opens filled in and saves nothing until Save.
    var network = form.querySelector(".nfp-planner__network");
    function offerNetwork(name, place, met) {
      if (!network) return;
      var link = network.querySelector("a");
      var fields = [["name", name], ["where", calendar.normaliseSpaces(place)], ["met_on", met ? calendar.isoDate(met) : ""]]
        .filter(function (pair) { return pair[1]; })
        .map(function (pair) { return "&" + pair[0] + "=" + encodeURIComponent(pair[1]); });
      link.href = link.getAttribute("data-network-url") + "#add" + fields.join("");
      link.textContent = name ? "Add " + name + " to My network" : "Add this person to My network";
      network.hidden = false;
    }

    dateInput.addEventListener("input", function () {
      if (dateInput.getAttribute("aria-invalid") === "true" && calendar.parseIsoDate(dateInput.value)) clearError();
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var counting = mode();
      var day = calendar.parseIsoDate(dateInput.value);
      if (!day) {
        var label = dateLabel.textContent;
        showError("Enter " + label.charAt(0).toLowerCase() + label.slice(1) + " as a full date, for example 2026-03-28.");
        return;
      }
      var steps = readSteps(article, afterPattern);
      if (!steps.length) {
        showError("This checklist has no dated steps to put in a calendar.");
        return;
      }
      var start = counting === "end" ?
        calendar.startForEnd(day, steps.map(function (step) { return step.after; })) : day;
      if (start.y < 1900 || day.y > 2199) {
        showError("Enter a date between the years 1900 and 2199.");
        return;
      }
      clearError();
      var name = calendar.normaliseSpaces(fieldValue("name"));
      var checklistId = article.getAttribute("data-checklist-id");
      var plan = calendar.buildCalendar({
        checklistId: checklistId,
        checklistTitle: section.getAttribute("data-checklist-title") || textOf(article.querySelector("h1, h2")),
        kind: section.getAttribute("data-plan-kind") || "checklist",
        pageUrl: section.getAttribute("data-page-url") || window.location.href.split("#")[0],
        start: start,
        end: counting === "end" ? day : null,
        name: name,
        place: fieldValue("place"),
        steps: steps,
        now: new Date()
      });
      var slug = fileSlug(name);
      var filename = "networking-for-phds-" + checklistId + (slug ? "-" + slug : "") + "-" +
        (counting === "end" ? "by-" : "") + calendar.isoDate(day) + ".ics";
      nfp.download(filename, "text/calendar;charset=utf-8", plan.text);
      var days = plan.events.map(function (entry) { return entry.date; }).sort(calendar.compare);
      var first = days[0];
      var last = days[days.length - 1];
      nfp.announce(status, "Downloaded " + filename + " with " + plan.events.length + " dated steps, from " +
        calendar.longDate(first) + " to " + calendar.longDate(last) + ". Open it with your calendar app to add them.");
      offerNetwork(name, fieldValue("place"), counting === "start" ? day : null);
    });
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-planner"), setup);
  });
});
