/*
 * "Find your path": the form on /paths/ filters the list of paths, and the choices live in the address.
 *
 * Progressive enhancement: without JavaScript the page is a plain list of every path with who it is for, and
 * the form stays hidden. With it, each choice hides the paths that do not suit it and rewrites the address
 * (?stage=postdoc&aim=industry&situations=international,introvert) with history.replaceState, so the page can
 * be bookmarked or sent to a friend; opening such an address restores the choices. Only values the form
 * offers are read from the address. Nothing is saved or sent anywhere.
 *
 * The rule is nfp.paths.matches in the build: a blank question filters nothing; stage, aim and horizon must be
 * listed by the path; a path written for situations shows when the reader ticked one of them (or none).
 */
nfp.define("paths", [], function () {
  "use strict";

  function questions(form) {
    return Array.prototype.map.call(form.querySelectorAll("fieldset[data-question]"), function (fieldset) {
      var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input"));
      return {
        name: fieldset.getAttribute("data-question"),
        multiple: inputs.some(function (input) { return input.type === "checkbox"; }),
        inputs: inputs
      };
    });
  }

  /** The reader's answers: {question: [values]}, blank questions as empty lists. */
  function chosen(form) {
    var answers = {};
    questions(form).forEach(function (question) {
      answers[question.name] = question.inputs
        .filter(function (input) { return input.checked && input.value; })
        .map(function (input) { return input.value; });
    });
    return answers;
  }

  function listed(entry, name) {
    return (entry.getAttribute("data-" + name) || "").split(" ").filter(Boolean);
  }

  function matches(entry, answers) {
    return Object.keys(answers).every(function (name) {
      var values = answers[name];
      if (!values.length) return true;
      var suits = listed(entry, name);
      var shared = values.some(function (value) { return suits.indexOf(value) !== -1; });
      return name === "situations" ? (!suits.length || shared) : shared;
    });
  }

  /** The answers as a query string, in the form's order; "" when nothing is chosen. */
  function toQuery(form, answers) {
    var parts = [];
    questions(form).forEach(function (question) {
      var values = answers[question.name];
      if (values.length) parts.push(encodeURIComponent(question.name) + "=" + values.map(encodeURIComponent).join(","));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  /** Tick the inputs the address names; unknown questions and values are ignored. */
  function restore(form, search) {
    var params = new URLSearchParams(search);
    questions(form).forEach(function (question) {
      var wanted = (params.get(question.name) || "").split(",").filter(Boolean);
      if (!question.multiple) wanted = wanted.slice(0, 1);
      var known = question.inputs.some(function (input) { return input.value && wanted.indexOf(input.value) !== -1; });
      question.inputs.forEach(function (input) {
        input.checked = input.value ? wanted.indexOf(input.value) !== -1 : !known && !question.multiple;
      });
    });
  }

  function apply(form, entries, options) {
    var answers = chosen(form);
    var shown = 0;
    entries.forEach(function (entry) {
      var show = matches(entry, answers);
      entry.hidden = !show;
      if (show) shown += 1;
    });
    var none = document.querySelector(".nfp-finder__none");
    if (none) none.hidden = shown !== 0;
    nfp.announce(form.querySelector(".nfp-finder__status"),
      nfp.plural(shown, "path matches", "paths match") + " your choices.");
    if (options.updateAddress && window.history && window.history.replaceState) {
      var url = window.location.pathname + toQuery(form, answers) + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function setup(form) {
    if (form.getAttribute("data-nfp-ready") === "1") return;
    form.setAttribute("data-nfp-ready", "1");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".nfp-finder__path"));
    restore(form, window.location.search);
    form.hidden = false;
    form.addEventListener("change", function () { apply(form, entries, { updateAddress: true }); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(form, entries, { updateAddress: false });
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.nfp-finder"), setup);
  });

  return { matches: matches, toQuery: toQuery };
});
