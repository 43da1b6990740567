/*
 * Fixes to markup that Material's JavaScript creates in the page, where no template override reaches.
 *
 * Keyboard access to wide tables. Material wraps every table in a scrolling box (.md-typeset__scrollwrap).
 * When a table is wider than the screen (a phone, a zoomed page), only a mouse or a finger could scroll that
 * box: it holds nothing a keyboard can reach (WCAG 2.1.1; axe: scrollable-region-focusable). Such a box
 * becomes a focusable region named after the table's first row, so Tab reaches it and the arrow keys scroll
 * it. A table that fits is left alone and adds no stop to the tab order.
 *
 * Copy buttons and tags are not navigation. Material puts the copy button of every code block, and the tags
 * of every search result, in a <nav>, so a page with two code blocks (or a search with two results) had
 * unnamed navigation landmarks that screen-reader users met when listing the page's landmarks (axe:
 * landmark-unique). Such a <nav> gets role="none": its content stays, the landmark goes.
 */
nfp.define("a11y", [], function () {
  "use strict";

  function label(box) {
    var head = box.querySelector("caption, thead tr, tr");
    var text = head ? head.textContent.replace(/\s+/g, " ").trim() : "";
    if (text.length > 80) text = text.slice(0, 77).replace(/\s+\S*$/, "") + "…";
    return text ? "Table (scrolls sideways): " + text : "Table (scrolls sideways)";
  }

  var NOT_NAVIGATION = "nav.md-code__nav:not([role]), .md-search-result nav.md-tags:not([role])";

  function unlandmark(root) {
    Array.prototype.forEach.call(root.querySelectorAll(NOT_NAVIGATION), function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // Search results are drawn again on every keystroke.
  function watchSearch() {
    var results = document.querySelector(".md-search-result");
    if (!results || results.getAttribute("data-nfp-watched") === "1") return;
    results.setAttribute("data-nfp-watched", "1");
    var observer = new MutationObserver(function () { unlandmark(results); });
    observer.observe(results, { childList: true, subtree: true });
  }

  function update() {
    unlandmark(document);
    watchSearch();
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && box.getAttribute("tabindex") !== "0") {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      } else if (!scrolls && box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      update();
    });
  });

  // On every page, after Material has wrapped the page's tables.
  nfp.onPage(update);
});
