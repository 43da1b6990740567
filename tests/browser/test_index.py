"""The checklists index in real Chromium: saved progress beside each checklist, and the filter by tag by keyboard.

Ticks are written through checklist.js (`nfp.use('checklist').writeAll`), the one script that owns their format.
"""

from __future__ import annotations

from nfp.tags import load_tags
from sitetools import ROOT

TAGS, _ = load_tags(ROOT / "checklists" / "shared", root=ROOT)


def open_index(page, site_url: str) -> None:
    page.goto(site_url + "checklists/")
    page.wait_for_function("() => !document.querySelector('.nfp-filter').hidden")


def visible_ids(page) -> list[str]:
    return page.locator(".nfp-index__entry:visible h3").evaluate_all("hs => hs.map(h => h.id)")


def test_each_checklist_shows_its_saved_progress(page, site_url: str) -> None:
    open_index(page, site_url)
    assert page.locator(".nfp-index__progress:visible").count() == 0, "nothing ticked: no progress shown"
    ids = page.locator("#conference ~ p .nfp-index__progress").get_attribute("data-item-ids").split()
    # Five real ticks and one of an item the checklist no longer has, which must not be counted.
    page.evaluate("ticked => nfp.use('checklist').writeAll({conference: ticked})", [*ids[:5], "gone-item"])
    page.reload()
    open_index(page, site_url)
    shown = page.locator(".nfp-index__progress:visible")
    assert shown.count() == 1
    assert " ".join(shown.inner_text().split()) == f"· 5 of {len(ids)} done"


def test_the_tag_filter_works_by_keyboard_and_shows_all_again(page, site_url: str) -> None:
    open_index(page, site_url)
    everything = visible_ids(page)
    assert len(everything) >= 20
    page.locator("input[name=nfp-filter][value='']").focus()
    page.keyboard.press("ArrowRight")  # the first tag, alphabetically
    first_tag = page.evaluate("() => document.activeElement.value")
    # The choice is labelled with the tag's name from checklists/shared/tags.yml, and the status repeats it.
    name = TAGS.get(first_tag).name
    assert page.evaluate("() => document.activeElement.closest('label').textContent.trim()") == name
    shown = visible_ids(page)
    assert 0 < len(shown) < len(everything)
    tagged = page.locator(".nfp-index__entry").evaluate_all(
        "(es, tag) => es.filter(e => e.dataset.tags.split(' ').includes(tag)).map(e => e.querySelector('h3').id)",
        first_tag)
    assert shown == tagged
    assert f"Showing {len(shown)} of {len(everything)} checklists about \u201c{name}\u201d." in \
        page.locator(".nfp-filter__status").inner_text()
    # Groups with no checklist left are hidden too, so no empty heading remains.
    assert all(page.locator(f"#{group} ~ ul .nfp-index__entry:visible").count()
               for group in page.locator(".nfp-index__group:visible h2").evaluate_all("hs => hs.map(h => h.id)"))
    page.keyboard.press("ArrowLeft")  # back to "All topics"
    assert visible_ids(page) == everything
