"""Links and buttons in the sidebars are big enough to hit (WCAG 2.2, 2.5.8 Target Size (Minimum), level AA),
measured in real Chromium at a desktop width and, with the navigation drawer open, at a phone width.

A target passes when it is at least 24 by 24 CSS pixels, or when a 24-pixel circle centred on it touches no
other target and no other small target's circle (the criterion's spacing exception). A target another element
partly covers (Material's sticky section title once did, as the sidebar scrolled beneath it) only counts as
far as it can be clicked: it fails. A sidebar scrolls, so the desktop sidebars are measured at every scroll
position, not only where Material scrolls them when a page opens. axe's target-size rule (test_a11y.py) checks
every page as it opens; this test names each target by its text.
"""

from __future__ import annotations

import pytest

MIN = 24  # CSS pixels
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# A long navigation section that Material scrolls to the current page (My network is near its end), a guide
# with a nested table of contents, and a checklist page.
PAGES = ["my-network/", "skills/follow-up/", "checklists/informational-interview/"]
SCROLL_STEP = 4  # pixels between the scroll positions measured

# Every visible target in the sidebars with the problems it has where the sidebars are scrolled now.
MEASURE = """([min, selector]) => {
  const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], " +
                  "[role=button], [tabindex]:not([tabindex='-1'])";
  const name = el => (el.textContent.trim().replace(/\\s+/g, " ") || el.getAttribute("aria-label") ||
                      el.getAttribute("title") || el.tagName.toLowerCase()).slice(0, 60);
  // The box an element is laid out in: an absolutely positioned one (a panel of the phone's drawer) escapes the
  // scrolling boxes between it and its nearest positioned ancestor.
  const container = el => {
    const position = getComputedStyle(el).position;
    if (position === "fixed") return null;
    let up = el.parentElement;
    if (position === "absolute") {
      while (up && getComputedStyle(up).position === "static" && getComputedStyle(up).transform === "none") {
        up = up.parentElement;
      }
    }
    return up;
  };
  // The part of the element inside the window and every box that clips it (the scrolling sidebar).
  const visible = el => {
    const r = el.getBoundingClientRect();
    let box = {left: Math.max(r.left, 0), top: Math.max(r.top, 0),
               right: Math.min(r.right, innerWidth), bottom: Math.min(r.bottom, innerHeight)};
    for (let up = container(el); up; up = container(up)) {
      const style = getComputedStyle(up);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const c = up.getBoundingClientRect();
      box = {left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
             right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom)};
    }
    return box.right - box.left >= 1 && box.bottom - box.top >= 1 ? box : null;
  };
  // Rows of points across the visible part: which of them a click would reach the target at.
  const reached = (el, box) => {
    let hit = 0, total = 0;
    for (let y = box.top + 0.5; y < box.bottom; y += 2) {
      for (const x of [box.left + 1, (box.left + box.right) / 2, box.right - 1]) {
        total += 1;
        const at = document.elementFromPoint(x, y);
        if (at && (at === el || el.contains(at))) hit += 1;
      }
    }
    return [hit, total];
  };
  const targets = [];
  for (const el of document.querySelectorAll(selector.split(",").map(s => s + " :is(" + TARGETS + ")").join(","))) {
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || style.pointerEvents === "none" || !el.getClientRects().length) continue;
    const box = visible(el);
    if (!box) continue;
    const [hit, total] = reached(el, box);
    if (hit === 0) continue;  // wholly behind something else (a panel of the drawer not open): not a target now
    const r = el.getBoundingClientRect();
    targets.push({el, name: name(el), rect: r, covered: hit < total,
                  small: r.width < min - 0.01 || r.height < min - 0.01,
                  cx: (r.left + r.right) / 2, cy: (r.top + r.bottom) / 2});
  }
  const gap = (t, r) => Math.hypot(Math.max(r.left - t.cx, 0, t.cx - r.right),
                                   Math.max(r.top - t.cy, 0, t.cy - r.bottom));
  const size = t => `${t.rect.width.toFixed(1)}x${t.rect.height.toFixed(1)} px`;
  const problems = [];
  for (const t of targets) {
    if (t.covered) problems.push(`'${t.name}' (${size(t)}) is partly covered by another element`);
    if (!t.small) continue;
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      const tooClose = gap(t, o.rect) < min / 2 ||
                       (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < min);
      if (tooClose) problems.push(`'${t.name}' (${size(t)}) is smaller than ${min}x${min} px and its ` +
                                  `${min}-px circle meets '${o.name}' (${size(o)})`);
    }
  }
  return {count: targets.length, problems};
}"""

SCROLL = """([wrap, top]) => { const el = document.querySelector(wrap); el.scrollTop = top; return el.scrollTop; }"""
SCROLL_RANGE = """wrap => { const el = document.querySelector(wrap);
  return el && el.clientHeight ? [el.scrollTop, el.scrollHeight - el.clientHeight] : null; }"""


def measure(page, selector: str) -> tuple[int, list[str]]:
    found = page.evaluate(MEASURE, [MIN, selector])
    return found["count"], found["problems"]


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    # Material scrolls the navigation to the current page's link on the first frame after it loads.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page


@pytest.mark.parametrize("path", PAGES)
def test_desktop_sidebar_targets_at_every_scroll_position(browser, site_url: str, path: str) -> None:
    context = browser.new_context(**SCREENS["desktop"])
    problems: dict[str, str] = {}
    counted = 0
    try:
        page = open_page(context, site_url + path)
        for side in ("primary", "secondary"):
            sidebar = f".md-sidebar--{side}"
            wrap = f"{sidebar} .md-sidebar__scrollwrap"
            scroll = page.evaluate(SCROLL_RANGE, wrap)
            if scroll is None:
                continue
            start, end = scroll
            for top in [start, *range(0, end + 1, SCROLL_STEP), end]:
                at = page.evaluate(SCROLL, [wrap, top])
                count, found = measure(page, sidebar)
                counted = max(counted, count)
                for problem in found:
                    problems.setdefault(problem, f"{side} sidebar scrolled to {at}px"
                                                 + (" (where the page opens)" if top == start else ""))
    finally:
        context.close()
    assert counted >= 5, f"/{path}: only {counted} targets found in the sidebars: is the selector still right?"
    assert not problems, f"/{path} at 1280 px, {len(problems)} target(s) too small or too close:\n" + "\n".join(
        f"  {where}: {problem}" for problem, where in problems.items())


@pytest.mark.parametrize("path", PAGES)
def test_phone_navigation_drawer_targets(browser, site_url: str, path: str) -> None:
    context = browser.new_context(**SCREENS["phone"])
    try:
        page = open_page(context, site_url + path)
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator(".md-sidebar--primary")
        drawer.locator(".md-nav__link").first.wait_for(state="visible")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        count, problems = measure(page, ".md-sidebar--primary")
    finally:
        context.close()
    assert count >= 5, f"/{path}: only {count} targets found in the open drawer: is the selector still right?"
    assert not problems, f"/{path} at 390 px, drawer open, {len(problems)} target(s) too small or too close:\n" + \
        "\n".join(f"  {problem}" for problem in problems)
