"""A checklist used with the keyboard alone, in real Chromium: Tab reaches the toolbar and every box, Space
ticks, focus is visible, and Print, Print with my ticks, Reset and Undo work from the keyboard.

window.print is replaced by an init script that records each call (and whether ticks were to be printed),
so no print dialog opens.
"""

from __future__ import annotations

import re

import pytest

from checkers import wait_for_checklists

CHECKLIST = "checklists/conference/"
# Records window.print() calls: "with ticks" when checklist.js asked for ticks to be printed, else "empty".
STUB_PRINT = """
window.nfpPrinted = [];
window.print = () => window.nfpPrinted.push(
  document.documentElement.classList.contains("nfp-print-ticks") ? "with ticks" : "empty");
"""
DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "body";
  const action = e.getAttribute("data-nfp-action");
  if (action) return "button:" + action;
  if (e.matches("input.nfp-item__box")) return "box:" + e.getAttribute("data-item-id");
  return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + ":" + (e.textContent || "").trim().slice(0, 30);
}"""
# The outline Chromium draws around the focused element, and the page colour behind it.
FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
          page: getComputedStyle(document.body).backgroundColor, focusVisible: e.matches(":focus-visible")};
}"""


@pytest.fixture()
def keyboard_page(browser, site_url: str, request):
    scheme = getattr(request, "param", "light")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    context.add_init_script(script=STUB_PRINT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + CHECKLIST)
    wait_for_checklists(page)
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def focus(page) -> str:
    return page.evaluate(DESCRIBE_FOCUS)


def press_until(page, wanted: str, *, key: str = "Tab", limit: int = 300) -> list[str]:
    """Press `key` until the focused element is described as `wanted` (see DESCRIBE_FOCUS); the elements
    focused on the way there, in order."""
    visited = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focus(page)
        if now == wanted:
            return visited
        visited.append(now)
    raise AssertionError(f"{wanted} not reached after {limit} presses of {key}; last focused: {visited[-25:]}")


def progress(page) -> str:
    return " ".join(page.locator(".nfp-progress").inner_text().split())


def saved_ticks(page) -> list[str]:
    return page.evaluate("() => window.nfp.use('checklist').read('conference')")


def srgb_luminance(css_colour: str) -> float:
    red, green, blue = (int(value) / 255 for value in re.findall(r"\d+(?:\.\d+)?", css_colour)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((srgb_luminance(first), srgb_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_tab_passes_the_toolbar_then_space_ticks_the_first_item(keyboard_page) -> None:
    page = keyboard_page
    first = page.locator("input.nfp-item__box").first
    first_id = first.get_attribute("data-item-id")
    total = page.locator("input.nfp-item__box").count()

    visited = press_until(page, f"box:{first_id}")
    toolbar = [name for name in visited if name.startswith("button:")]
    assert toolbar[:3] == ["button:print", "button:print-progress", "button:reset"], (
        f"the toolbar's buttons are not reached in order before the first item: {visited}")

    page.keyboard.press("Space")
    assert first.is_checked()
    assert progress(page).startswith(f"1 of {total} done")
    assert saved_ticks(page) == [first_id]

    # Every other box is reachable too, in the order the items are listed.
    boxes = [f"box:{item}" for item in page.locator("input.nfp-item__box").evaluate_all(
        "boxes => boxes.map(b => b.getAttribute('data-item-id'))")]
    visited = press_until(page, boxes[-1])
    reached = [name for name in visited if name.startswith("box:")] + [boxes[-1]]
    assert reached == boxes[1:]


@pytest.mark.parametrize("keyboard_page", ["light", "dark"], indirect=True)
def test_focus_is_visible_on_boxes_and_buttons(keyboard_page) -> None:
    page = keyboard_page
    first_id = page.locator("input.nfp-item__box").first.get_attribute("data-item-id")
    for target in ("button:print", "button:reset", f"box:{first_id}"):
        press_until(page, target)
        style = page.evaluate(FOCUS_STYLE)
        assert style["focusVisible"], f"{target}: Chromium does not treat keyboard focus as visible"
        assert style["style"] not in {"none", "hidden"} and style["width"] >= 2, (
            f"{target}: no visible focus outline: {style}")
        # WCAG 1.4.11: the focus indicator stands out from the page at 3:1 or more.
        assert contrast(style["color"], style["page"]) >= 3, f"{target}: focus outline too faint: {style}"


def test_print_reset_and_undo_work_from_the_keyboard(keyboard_page) -> None:
    page = keyboard_page
    first = page.locator("input.nfp-item__box").first
    first_id = first.get_attribute("data-item-id")
    press_until(page, f"box:{first_id}")
    page.keyboard.press("Space")
    assert saved_ticks(page) == [first_id]

    press_until(page, "button:print", key="Shift+Tab")
    page.keyboard.press("Enter")
    press_until(page, "button:print-progress")
    page.keyboard.press("Space")
    assert page.evaluate("window.nfpPrinted") == ["empty", "with ticks"]

    press_until(page, "button:reset")
    page.keyboard.press("Enter")
    assert not first.is_checked()
    assert saved_ticks(page) == []
    assert progress(page).startswith("0 of")
    assert "All ticks cleared" in progress(page)

    # Undo appears right after Reset in the tab order, and brings the ticks back.
    page.keyboard.press("Tab")
    assert focus(page) == "button:undo"
    page.keyboard.press("Enter")
    assert first.is_checked()
    assert saved_ticks(page) == [first_id]
    assert focus(page) == "button:reset", "after Undo, focus should return to Reset, not to the page"
    assert page.get_by_role("button", name="Undo reset").is_hidden()
