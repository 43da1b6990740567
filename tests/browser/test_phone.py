"""On a 390×844 phone screen, in real Chromium: every checklist's first item shows on load without scrolling,
and the tools that follow the items (ticks on another device, the calendar planner) sit in one disclosure that a
keyboard opens, with only its label in the summary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers import wait_for_checklists
from nfp.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = [c.id for c in load_catalog(ROOT / "checklists", root=ROOT).checklists]
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        yield context
    finally:
        context.close()


def test_every_checklists_first_item_is_in_view_on_load(phone, site_url: str) -> None:
    page = phone.new_page()
    below = []
    for checklist_id in CHECKLISTS:
        page.goto(f"{site_url}checklists/{checklist_id}/")
        wait_for_checklists(page)
        header = page.locator("header.md-header").bounding_box()
        box = page.locator("input.nfp-item__box").first.bounding_box()
        label = page.locator("label.nfp-item__text").first.bounding_box()
        assert page.evaluate("window.scrollY") == 0
        if not (box and label and box["y"] >= header["y"] + header["height"]
                and box["y"] + box["height"] <= PHONE["height"] and label["y"] < PHONE["height"]):
            below.append(f"{checklist_id}: first checkbox at {box}")
    assert not below, "first item not visible without scrolling on 390×844:\n" + "\n".join(below)


def test_the_tools_after_the_items_open_by_keyboard(phone, site_url: str) -> None:
    page = phone.new_page()
    page.goto(f"{site_url}checklists/follow-up/")
    wait_for_checklists(page)
    more = page.locator("details.nfp-more")
    summary = more.locator("summary")
    assert more.is_visible() and more.get_attribute("open") is None
    assert " ".join(summary.inner_text().split()) == \
        "More tools: calendar reminders, and your ticks on another device"
    assert summary.locator("button, input, a, select, textarea").count() == 0, "controls stay out of the summary"
    # After the last item, not before the first.
    assert page.evaluate("""() => {
      const items = document.querySelectorAll('li.nfp-item');
      return !!(items[items.length - 1].compareDocumentPosition(document.querySelector('details.nfp-more'))
                & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert not page.get_by_role("button", name="Export ticks").is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert more.get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Export ticks"
    assert page.get_by_role("button", name="Download calendar file (.ics)").is_visible()


def test_a_checklist_without_dated_items_names_only_what_it_has(phone, site_url: str) -> None:
    page = phone.new_page()
    page.goto(f"{site_url}checklists/conference/")
    wait_for_checklists(page)
    assert " ".join(page.locator("details.nfp-more > summary").inner_text().split()) == \
        "More tools: your ticks on another device"
