/*
 * The finder's rule, and its first paint. path_finder.html inlines this script right after the list of paths,
 * so it runs before the browser paints the list (on a fresh load, and when Material's instant navigation runs
 * the page's scripts again): it ticks the choices the address names and hides the paths that do not match them.
 * A link such as /paths/?stage=postdoc opens on the filtered list, and nothing moves when paths.js (deferred)
 * wakes up and takes over the form through window.nfpFinder. Without JavaScript nothing here runs: the page is a
 * plain list of every path.
 *
 * The rule is nfp.paths.matches in the build: a blank question filters nothing; stage, aim and horizon must be
 * listed by the path; a path written for situations shows when the reader ticked one of them (or none).
 */
(function () {
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

  /** Show the paths that match the form's answers (or the "no path matches" line) and the notes for these
   * choices; returns how many paths show. */
  function filter(form) {
    var answers = chosen(form);
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-finder__path"), function (entry) {
      var show = matches(entry, answers);
      entry.hidden = !show;
      if (show) shown += 1;
    });
    var none = document.querySelector(".nfp-finder__none");
    if (none) none.hidden = shown !== 0;
    // A note for readers offered only situation paths shows when the reader chose exactly its stage and horizon.
    Array.prototype.forEach.call(document.querySelectorAll(".nfp-finder__note"), function (note) {
      note.hidden = !["stage", "horizon"].every(function (name) {
        return (answers[name] || []).indexOf(note.getAttribute("data-" + name)) !== -1;
      });
    });
    return shown;
  }

  window.nfpFinder = { questions: questions, chosen: chosen, matches: matches, restore: restore, filter: filter };

  var form = document.querySelector("form.nfp-finder");
  if (form) {
    restore(form, window.location.search);
    filter(form);
  }
})();
