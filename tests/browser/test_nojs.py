"""Without JavaScript, in real Chromium: every page of the site is fully readable, a checklist is a list of
boxes to print, and nothing on the page claims to be interactive when it is not.

A JavaScript-only widget (a checklist's toolbar with its progress, Print and Reset buttons, and the like) is
marked up with the `hidden` attribute and shown by its script; without JavaScript it must stay hidden.
"""

from __future__ import annotations

import pytest

from checkers import sitemap_paths

# Problems a reader without JavaScript would meet on the page, each as one line.
PROBLEMS = """() => {
  const problems = [];
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const snippet = el => el.outerHTML.replace(/\\s+/g, " ").slice(0, 120);
  const content = document.querySelector("article.md-content__inner");
  if (!content) return ["no content (article.md-content__inner)"];
  const title = content.querySelector("h1");
  if (!title || !shown(title)) problems.push("no visible h1");

  // Everything written for the reader shows, except what a closed <details> folds away (its <summary>
  // shows) and what is marked as needing JavaScript (hidden).
  const folded = el => {
    const details = el.closest("details:not([open])");
    return details !== null && el.closest("summary") === null;
  };
  for (const el of content.querySelectorAll(
      "p, li, h2, h3, h4, h5, h6, table, pre, blockquote, dt, dd, img, summary, label, .nfp-item__more")) {
    if (el.closest("[hidden], noscript") || folded(el)) continue;
    if (!shown(el)) problems.push("content not shown: " + snippet(el));
  }

  // Controls that only a script could make work must not show.
  for (const el of document.querySelectorAll(
      "button, [role=button], input:not([type=checkbox]):not([type=hidden]), select, textarea, [data-nfp-action]")) {
    if (shown(el)) problems.push("control shown that needs JavaScript: " + snippet(el));
  }
  // The only boxes on show are checklist items, each with its item's text as its label.
  for (const box of document.querySelectorAll("input[type=checkbox]")) {
    if (!shown(box)) continue;
    if (!box.matches("input.nfp-item__box")) problems.push("checkbox shown that is not an item: " + snippet(box));
    else if (box.labels.length !== 1 || !box.labels[0].textContent.trim() || !shown(box.labels[0]))
      problems.push("item box without its text as a visible label: " + snippet(box));
  }

  for (const checklist of content.querySelectorAll("article.nfp-checklist")) {
    const id = checklist.getAttribute("data-checklist-id");
    const expected = Number(checklist.getAttribute("data-item-count"));
    const boxes = [...checklist.querySelectorAll("input.nfp-item__box")].filter(shown);
    if (boxes.length !== expected)
      problems.push(`checklist ${id}: ${boxes.length} boxes shown, ${expected} items`);
    // A checklist page says so above its items; the booklet once, above all its sheets.
    const note = checklist.querySelector(".nfp-noscript") ||
      (checklist.closest(".nfp-booklet__sheet") ? content.querySelector(".nfp-booklet__noscript") : null);
    if (!note || !shown(note)) problems.push(`checklist ${id}: no visible note that ticks are not saved`);
    for (const toolbar of checklist.querySelectorAll(".nfp-toolbar"))
      if (shown(toolbar)) problems.push(`checklist ${id}: toolbar shown`);
  }
  for (const toolbar of document.querySelectorAll(".nfp-toolbar, .nfp-progress"))
    if (shown(toolbar)) problems.push("toolbar or progress shown: " + snippet(toolbar));
  return problems;
}"""


@pytest.fixture()
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_is_readable_and_claims_nothing_without_javascript(browser, built_site, site_url: str,
                                                                       width: int) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        assert page.evaluate("1 + 1") == 2  # the test's own probes still run; the page's scripts do not
        report = []
        for path in sitemap_paths(built_site.path):
            page.goto(site_url + path)
            assert page.evaluate("() => window.nfp === undefined"), f"/{path}: our scripts ran"
            report += [f"/{path}: {problem}" for problem in page.evaluate(PROBLEMS)]
    finally:
        context.close()
    assert not report, f"{len(report)} problem(s) without JavaScript (width {width}px):\n" + "\n".join(report)


def test_a_checklist_without_javascript_is_a_plain_list_to_print(no_js_page, site_url: str) -> None:
    page = no_js_page
    page.goto(site_url + "checklists/conference/")
    boxes = page.locator("input.nfp-item__box")
    count = int(page.locator("article.nfp-checklist").get_attribute("data-item-count"))
    assert boxes.count() == count > 0
    assert all(boxes.nth(index).is_visible() for index in range(count))
    assert page.locator("input.nfp-item__box:checked").count() == 0  # nothing pretends to be saved
    assert page.locator(".nfp-toolbar").is_hidden()
    assert page.get_by_role("button").count() == 0
    note = page.locator(".nfp-noscript")
    assert note.is_visible() and "not saved" in note.inner_text()

    # Printing shows the same empty boxes: print.css hides nothing a reader needs.
    page.emulate_media(media="print")
    assert all(boxes.nth(index).is_visible() for index in range(count))
    assert page.locator("label.nfp-item__text").first.is_visible()
