/*
 * "Find your path": the form on /paths/ filters the list of paths, and the choices live in the address.
 *
 * Progressive enhancement: without JavaScript the page is a plain list of every path with who it is for, and
 * the form stays hidden. With it, the page's own first-paint script (hooks/nfp/templates/path_finder.js, inlined
 * after the list) has already ticked the choices the address names and hidden the paths that do not match, and
 * holds the rule (window.nfpFinder). This script takes over from there: each change filters the list again and
 * rewrites the address (?stage=postdoc&aim=industry&situations=international,introvert) with
 * history.replaceState, so the page can be bookmarked or sent to a friend. Nothing is saved or sent anywhere.
 */
nfp.define("paths", [], function () {
  "use strict";

  /** The answers as a query string, in the form's order; "" when nothing is chosen. */
  function toQuery(finder, form, answers) {
    var parts = [];
    finder.questions(form).forEach(function (question) {
      var values = answers[question.name];
      if (values.length) parts.push(encodeURIComponent(question.name) + "=" + values.map(encodeURIComponent).join(","));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function apply(finder, form, options) {
    var shown = finder.filter(form);
    nfp.announce(form.querySelector(".nfp-finder__status"),
      nfp.plural(shown, "path matches", "paths match") + " your choices.");
    if (options.updateAddress && window.history && window.history.replaceState) {
      var url = window.location.pathname + toQuery(finder, form, finder.chosen(form)) + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function setup(form) {
    if (form.getAttribute("data-nfp-ready") === "1") return;
    var finder = window.nfpFinder;
    if (!finder) throw new Error("paths: the finder page's first-paint script (window.nfpFinder) did not run");
    form.setAttribute("data-nfp-ready", "1");
    form.hidden = false;
    form.addEventListener("change", function () { apply(finder, form, { updateAddress: true }); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(finder, form, { updateAddress: false });
  }

  nfp.onPage(function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.nfp-finder"), setup);
  });

  return { toQuery: toQuery };
});
