"""Saved progress in real Chromium: ticks survive a reload, the count follows them, Reset clears and Undo
restores, checklists keep their own ticks, and ticks are keyed by item id, so rewording or reordering items in
an update of the site never loses one.

The storage format under test is the one docs/assets/js/checklist.js documents:
localStorage["nfp:checklist:<checklist id>"] = {"v": 1, "ticked": [item ids], "updated": ISO date}.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from checkers import layout_shifts, switchable_server, wait_for_checklists
from sitetools import build_site, copy_site

KEY = "nfp:checklist:{}"


def open_checklist(page, base_url: str, checklist_id: str) -> None:
    page.goto(f"{base_url}checklists/{checklist_id}/")
    wait_for_checklists(page)


def item_ids(page) -> list[str]:
    return page.locator("input.nfp-item__box").evaluate_all("bs => bs.map(b => b.getAttribute('data-item-id'))")


def ticked_on_page(page) -> list[str]:
    return page.locator("input.nfp-item__box:checked").evaluate_all(
        "bs => bs.map(b => b.getAttribute('data-item-id'))")


def tick(page, item_id: str) -> None:
    # The reader clicks the item's text: the label is tied to its box.
    page.locator(f"li.nfp-item[data-item-id='{item_id}'] label.nfp-item__text").click()


def stored(page, checklist_id: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY.format(checklist_id))
    return None if raw is None else json.loads(raw)


def progress(page) -> str:
    return " ".join(page.locator(".nfp-progress").inner_text().split())


def test_ticks_survive_a_reload_and_the_count_follows(page, site_url: str) -> None:
    open_checklist(page, site_url, "conference")
    ids = item_ids(page)
    assert progress(page).startswith(f"0 of {len(ids)} done")
    tick(page, ids[0])
    tick(page, ids[-1])
    assert progress(page).startswith(f"2 of {len(ids)} done")

    page.reload()
    wait_for_checklists(page)
    assert ticked_on_page(page) == [ids[0], ids[-1]]
    assert progress(page).startswith(f"2 of {len(ids)} done")
    saved = stored(page, "conference")
    assert saved["v"] == 1 and sorted(saved["ticked"]) == sorted([ids[0], ids[-1]])

    tick(page, ids[0])  # untick
    page.reload()
    wait_for_checklists(page)
    assert ticked_on_page(page) == [ids[-1]]
    assert progress(page).startswith(f"1 of {len(ids)} done")


def test_reset_clears_and_undo_restores(page, site_url: str) -> None:
    open_checklist(page, site_url, "conference")
    ids = item_ids(page)
    for item_id in ids[:3]:
        tick(page, item_id)
    undo = page.get_by_role("button", name="Undo reset")
    assert undo.is_hidden()

    page.get_by_role("button", name="Reset", exact=True).click()
    assert ticked_on_page(page) == []
    assert stored(page, "conference") is None
    assert progress(page).startswith(f"0 of {len(ids)} done")
    assert "All ticks cleared" in progress(page)

    undo.click()
    assert ticked_on_page(page) == ids[:3]
    assert sorted(stored(page, "conference")["ticked"]) == sorted(ids[:3])
    assert progress(page).startswith(f"3 of {len(ids)} done")
    assert undo.is_hidden()

    # A reset that is not undone is still a reset after a reload.
    page.get_by_role("button", name="Reset", exact=True).click()
    page.reload()
    wait_for_checklists(page)
    assert ticked_on_page(page) == []


def test_two_checklists_keep_their_own_ticks(page, site_url: str) -> None:
    open_checklist(page, site_url, "conference")
    conference = item_ids(page)
    tick(page, conference[0])

    open_checklist(page, site_url, "mentors")
    mentors = item_ids(page)
    assert ticked_on_page(page) == []
    assert progress(page).startswith(f"0 of {len(mentors)} done")
    tick(page, mentors[1])
    page.get_by_role("button", name="Reset", exact=True).click()
    tick(page, mentors[2])

    assert stored(page, "conference")["ticked"] == [conference[0]]
    assert stored(page, "mentors")["ticked"] == [mentors[2]]

    # The booklet shows each checklist's own ticks on its own sheet.
    page.goto(site_url + "checklists/booklet/")
    wait_for_checklists(page)
    for checklist_id, expected in (("conference", [conference[0]]), ("mentors", [mentors[2]])):
        sheet = page.locator(f"article.nfp-checklist[data-checklist-id='{checklist_id}']")
        assert sheet.locator("input.nfp-item__box:checked").evaluate_all(
            "bs => bs.map(b => b.getAttribute('data-item-id'))") == expected
    others = page.locator("article.nfp-checklist:not([data-checklist-id='conference'])"
                          ":not([data-checklist-id='mentors']) input.nfp-item__box:checked")
    assert others.count() == 0


def test_saved_ticks_find_their_items_by_id_not_by_position(page, site_url: str) -> None:
    """State written by an older version of the page: ids in another order, and one item since removed."""
    page.goto(site_url + "about/")
    ids = ["one-new-person", "check-support", "an-item-removed-since"]
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify({v: 1, ticked: ids, "
                  "updated: '2025-01-01T00:00:00Z'}))", [KEY.format("conference"), ids])
    open_checklist(page, site_url, "conference")
    shown = item_ids(page)
    assert ticked_on_page(page) == [item for item in shown if item in ids[:2]]
    assert progress(page).startswith(f"2 of {len(shown)} done")

    # Ticking another item keeps the tick of the item this page no longer shows.
    tick(page, "plan-rest")
    assert sorted(stored(page, "conference")["ticked"]) == sorted([*ids, "plan-rest"])


@pytest.fixture(scope="module")
def updated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as a later update might ship it: the conference checklist's sections in reverse order, the
    items of each section reversed, and one ticked item reworded."""
    root = tmp_path_factory.mktemp("updated")
    config = copy_site(root / "repo")
    source = root / "repo" / "checklists" / "conference.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["sections"].reverse()
    for section in data["sections"]:
        section["items"].reverse()
        for item in section["items"]:
            if item["id"] == "read-programme":
                item["text"] = "Go through the programme and star the talks you cannot miss"
    source.write_text("# yaml-language-server: $schema=./schema.json\n"
                      + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_an_update_that_rewords_and_reorders_items_keeps_every_tick(browser, built_site, updated_site) -> None:
    ticks = ["read-programme", "ask-speaker", "plan-next-meeting"]
    context = browser.new_context()
    try:
        page = context.new_page()
        with switchable_server(built_site.path) as site:
            open_checklist(page, site.url, "conference")
            before = item_ids(page)
            for item_id in ticks:
                tick(page, item_id)

            site.serve(updated_site)  # the reader comes back after the site was updated
            page.goto(f"{site.url}checklists/conference/?after-update")
            wait_for_checklists(page)
            after = item_ids(page)
            assert after != before and sorted(after) == sorted(before), "the update did not reorder the items"
            reworded = page.locator("li.nfp-item[data-item-id='read-programme'] label.nfp-item__text")
            assert reworded.inner_text().startswith("Go through the programme")

            assert sorted(ticked_on_page(page)) == sorted(ticks)
            assert page.locator("li.nfp-item[data-item-id='read-programme'] input").is_checked()
            assert progress(page).startswith(f"3 of {len(after)} done")
    finally:
        context.close()


def test_if_saving_ticks_cannot_load_the_checklist_says_so_and_stays_printable(page_on_network,
                                                                              site_url: str) -> None:
    """checklist.js is a bundle of its own (only pages with ticks load it): if it cannot load, the reader is told,
    the items stay readable, and moving ticks, which needs it, says so in its place too."""
    page = page_on_network
    page.route("**/nfp-checklist.js", lambda route: route.abort())
    page.goto(f"{site_url}checklists/conference/")
    alert = page.locator(".nfp-toolbar [role=alert]")
    alert.wait_for()
    assert alert.inner_text().startswith("Saving ticks could not load, so ticks made now would not be kept.")
    # (in "More tools", folded away until the reader opens it)
    page.locator(".nfp-transfer [role=alert]", has_text="Export and import could not load").wait_for(
        state="attached")
    assert page.locator("input.nfp-item__box").count() > 10
    assert page.locator("label.nfp-item__text").first.is_visible()


def test_saved_ticks_arrive_without_moving_the_page_when_the_script_is_slow(page_on_network, site_url: str) -> None:
    """The toolbar is laid out from the first paint (html.nfp-js), so checklist.js arriving late, as a bundle
    on a slow connection, fills in the ticks and the count without shifting anything."""
    page = page_on_network
    open_checklist(page, site_url, "conference")
    first = item_ids(page)[:3]
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify({v: 1, ticked: ids, "
                  "updated: new Date().toISOString()}))", [KEY.format("conference"), first])

    def slowly(route) -> None:
        time.sleep(0.4)
        route.continue_()

    page.route("**/nfp-checklist.js", slowly)
    page.goto(f"{site_url}checklists/conference/")
    wait_for_checklists(page)
    assert ticked_on_page(page) == first and progress(page).startswith("3 of ")
    shifts = layout_shifts(page)
    assert sum(shifts) < 0.01, shifts

