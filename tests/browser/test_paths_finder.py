"""The "Find your path" finder in real Chromium: answered by keyboard it shows the matching paths and writes the
choices into the address; opening that address restores them; the paths shown are the ones the build's rule
(nfp.paths.matches) picks; a path page saves ticks like a checklist. The `page` fixture fails on any
JavaScript error."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from nfp.paths import load_paths, matches

from checkers import open_tools, wait_for_checklists
from sitetools import ROOT

FINDER = "paths/"
SHOWN = ("() => [...document.querySelectorAll('.nfp-finder__path')].filter(e => !e.hidden)"
         ".map(e => e.querySelector('h3').id).sort()")


def expected(**chosen: list[str]) -> list[str]:
    answers = {"stage": [], "aim": [], "horizon": [], "situations": [], **chosen}
    return sorted(p.id for p in load_paths(ROOT / "checklists" / "paths", root=ROOT).paths if matches(p, answers))


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_choosing_by_keyboard_filters_and_updates_the_address(page, site_url: str) -> None:
    page.goto(site_url + FINDER)
    page.wait_for_selector("form.nfp-finder:not([hidden])")
    everything = page.evaluate(SHOWN)
    assert len(everything) >= 8
    tab_to(page, "input[name=stage]")
    assert page.evaluate("document.activeElement.value") == ""  # "Any", checked at first
    for _ in range(3):  # Any -> Early in a PhD -> Final year -> Postdoc
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#nfp-find-stage-postdoc")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "aim"
    for _ in range(2):  # Any -> Academia -> Industry
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#nfp-find-aim-industry")
    shown = page.evaluate(SHOWN)
    assert shown == expected(stage=["postdoc"], aim=["industry"])
    assert "postdoc-leaving-soon" in shown and "academic-job-market" not in shown
    assert len(shown) < len(everything)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"stage": ["postdoc"], "aim": ["industry"]}
    assert page.text_content(".nfp-finder__status").strip().startswith(f"{len(shown)} paths match")


def test_opening_the_address_restores_choices_and_results(page, site_url: str) -> None:
    page.goto(site_url + FINDER + "?stage=postdoc&aim=industry&situations=international,not-a-situation")
    page.wait_for_selector("form.nfp-finder:not([hidden])")
    assert page.is_checked("#nfp-find-stage-postdoc") and page.is_checked("#nfp-find-aim-industry")
    assert page.is_checked("#nfp-find-situations-international")
    assert not page.is_checked("#nfp-find-situations-introvert")
    assert page.is_checked("input[name=horizon][value='']")
    assert page.evaluate(SHOWN) == expected(stage=["postdoc"], aim=["industry"], situations=["international"])
    # Opening the address does not rewrite it; the first change does, and drops what the form does not offer.
    assert "not-a-situation" in page.url
    page.check("#nfp-find-horizon-leaving-within-months")
    assert parse_qs(urlsplit(page.url).query) == {
        "stage": ["postdoc"], "aim": ["industry"], "horizon": ["leaving-within-months"],
        "situations": ["international"]}


def test_no_match_says_so(page, site_url: str) -> None:
    page.goto(site_url + FINDER + "?stage=early-phd&aim=academia&horizon=leaving-within-months")
    page.wait_for_selector("form.nfp-finder:not([hidden])")
    if not page.evaluate(SHOWN):
        assert page.is_visible(".nfp-finder__none")
    else:
        assert page.is_hidden(".nfp-finder__none")


def test_a_path_page_saves_ticks_and_offers_the_planner(page, site_url: str) -> None:
    # The planner folds after the steps, like a checklist's tools: the reader opens it by its label.
    open_tools(page, site_url + "paths/postdoc-leaving-soon/")
    assert page.is_visible(".nfp-planner")
    page.focus("#box--targets")
    page.keyboard.press("Space")
    page.reload()
    wait_for_checklists(page)
    assert page.is_checked("#box--targets")
    assert page.text_content(".nfp-progress").strip().startswith("1 of 10 done")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_path_prints_on_one_or_two_sheets_with_every_step(page, site_url: str, paper: str) -> None:
    for path in load_paths(ROOT / "checklists" / "paths", root=ROOT).paths:
        page.goto(site_url + f"paths/{path.id}/")
        wait_for_checklists(page)
        page.emulate_media(media="print")
        try:
            reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        finally:
            page.emulate_media(media="screen")
        assert 1 <= len(reader.pages) <= 2, f"{path.source} prints on {len(reader.pages)} pages of {paper}"
        text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader.pages))
        for step in path.steps:
            assert re.sub(r"\s+", "", step.text)[:30] in text, (path.id, step.id)
        assert "Putthesestepsinyourcalendar" not in text
