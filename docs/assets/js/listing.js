/*
 * The checklists index: each checklist's saved progress ("5 of 19 done") and the filter by tag.
 *
 * Without JavaScript every checklist is listed and the filter stays hidden. Progress is read through
 * checklist.js, the one script that knows how ticks are saved; only ticks of items the checklist still has
 * are counted (the build lists them in data-item-ids).
 */
nfp.define("listing", ["checklist"], function (checklist) {
  "use strict";

  function showProgress(listing) {
    Array.prototype.forEach.call(listing.querySelectorAll(".nfp-index__progress"), function (element) {
      var ids = (element.getAttribute("data-item-ids") || "").split(" ").filter(Boolean);
      var ticked = checklist.read(element.getAttribute("data-checklist-id")) || [];
      var done = ids.filter(function (id) { return ticked.indexOf(id) !== -1; }).length;
      element.textContent = done ? " \u00b7 " + done + " of " + ids.length + " done" : "";
      element.hidden = !done;
    });
  }

  // Filter by the tag of the chosen radio button: its value is the tag's id (as in each checklist's data-tags),
  // its label the name readers see.
  function filter(listing, input) {
    var tag = input.value;
    var shown = 0;
    var entries = listing.querySelectorAll(".nfp-index__entry");
    Array.prototype.forEach.call(entries, function (entry) {
      var match = !tag || (entry.getAttribute("data-tags") || "").split(" ").indexOf(tag) !== -1;
      entry.hidden = !match;
      if (match) shown++;
    });
    Array.prototype.forEach.call(listing.querySelectorAll(".nfp-index__group"), function (group) {
      group.hidden = !group.querySelector(".nfp-index__entry:not([hidden])");
    });
    nfp.announce(listing.querySelector(".nfp-filter__status"), tag ?
      "Showing " + shown + " of " + nfp.plural(entries.length, "checklist", "checklists") + " about \u201c" +
      input.closest("label").textContent.trim() + "\u201d." : "");
  }

  nfp.onPage(function () {
    var listing = document.querySelector("[data-nfp-listing]");
    if (!listing) return;
    showProgress(listing);
    var fieldset = listing.querySelector(".nfp-filter");
    fieldset.hidden = false;
    listing.querySelector(".nfp-filter__status").hidden = false;
    fieldset.addEventListener("change", function (event) {
      if (event.target.name === "nfp-filter") filter(listing, event.target);
    });
    var checked = fieldset.querySelector("input:checked");
    if (checked && checked.value) filter(listing, checked);
  });

  // Another tab ticked something: count again.
  window.addEventListener("storage", function () {
    var listing = document.querySelector("[data-nfp-listing]");
    if (listing) showProgress(listing);
  });
});
