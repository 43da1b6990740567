"""The "Find your path" finder in real Chromium: answered by keyboard it shows the matching paths and writes the
choices into the address; opening that address restores them; the paths shown are the ones the build's rule
(nfp.paths.matches) picks; the home page's situations open it with their choices made; a path page saves ticks
like a checklist and its planner asks only for a date. The `page` fixture fails on any JavaScript error."""

from __future__ import annotations

import io
import re
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from pypdf import PdfReader

from nfp.durations import add_duration
from nfp.paths import SITUATION_ONLY, load_paths, matches

from checkers import layout_shifts, open_tools, wait_for_checklists
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


@pytest.mark.parametrize("choices", ["", "?stage=postdoc&horizon=leaving-within-months",
                                     *(f"?stage={n.stage}&horizon={n.horizon}" for n in SITUATION_ONLY)])
def test_the_form_and_the_paths_are_laid_out_before_the_script_wakes_up(page, site_url: str, choices: str) -> None:
    """No layout shift on /paths/: with JavaScript the form takes its place from the first paint, so the list of
    paths under it never jumps down (Lighthouse measured a shift of 0.5 on a phone before); opened with choices in
    the address (the home page's links), the first paint already shows only the matching paths."""
    # A screen tall enough to show the list (a shift counts only in view), and the site's script arriving late, as
    # on a slow phone, so the page paints before it runs.
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.route("**/assets/js/nfp.js", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto(site_url + FINDER + choices)
    page.wait_for_selector("form.nfp-finder[data-nfp-ready='1']")
    if choices:
        chosen = {name: values[0].split(",") for name, values in parse_qs(choices[1:]).items()}
        assert page.evaluate(SHOWN) == expected(**chosen)
    shifts = layout_shifts(page)
    assert sum(shifts) < 0.01, shifts


def test_a_link_with_choices_shows_the_matching_paths_before_the_site_script_arrives(page, site_url: str) -> None:
    """The page's own small script filters the list as it is parsed, so a reader on a slow connection never sees
    every path first; the form shows the choices already ticked."""
    page.route("**/assets/js/nfp.js", lambda route: route.abort())
    page.goto(site_url + FINDER + "?stage=postdoc&horizon=leaving-within-months")
    assert page.evaluate(SHOWN) == expected(stage=["postdoc"], horizon=["leaving-within-months"])
    assert page.is_checked("#nfp-find-stage-postdoc") and page.is_checked("#nfp-find-horizon-leaving-within-months")
    assert page.get_attribute("form.nfp-finder", "data-nfp-ready") is None


def test_without_javascript_a_link_with_choices_lists_every_path(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + FINDER + "?stage=postdoc&horizon=leaving-within-months")
        assert page.evaluate(SHOWN) == expected()
        assert page.is_hidden("form.nfp-finder")
    finally:
        context.close()


def note_selector(note) -> str:
    return f".nfp-finder__note[data-stage='{note.stage}'][data-horizon='{note.horizon}']"


def test_a_reader_offered_only_situation_paths_is_told_why_and_no_one_else_is(page, site_url: str) -> None:
    """The readers nfp.paths SITUATION_ONLY names (early in a PhD, leaving within months) see one sentence saying
    who can help and linking the closest guide; every other stage and horizon, and a blank form, shows no note."""
    assert SITUATION_ONLY
    options = load_paths(ROOT / "checklists" / "paths", root=ROOT).choices.options
    visible_notes = "() => [...document.querySelectorAll('.nfp-finder__note')].filter(e => !e.hidden).length"
    page.goto(site_url + FINDER)
    page.wait_for_selector("form.nfp-finder[data-nfp-ready='1']")
    assert page.evaluate(visible_notes) == 0
    named = {(note.stage, note.horizon) for note in SITUATION_ONLY}
    for stage in options["stage"]:
        for horizon in options["horizon"]:
            page.check(f"#nfp-find-stage-{stage}")
            page.check(f"#nfp-find-horizon-{horizon}")
            assert page.evaluate(visible_notes) == ((stage, horizon) in named), (stage, horizon)
    for note in SITUATION_ONLY:
        page.goto(site_url + FINDER + f"?stage={note.stage}&horizon={note.horizon}")
        page.wait_for_selector("form.nfp-finder[data-nfp-ready='1']")
        shown = page.locator(note_selector(note))
        assert shown.is_visible() and page.evaluate(visible_notes) == 1
        assert note.lead in shown.inner_text()
        page.check("#nfp-find-horizon-exploring")
        assert shown.is_hidden()
        page.check(f"#nfp-find-horizon-{note.horizon}")
        assert shown.is_visible()
        page.check("input[name=stage][value='']")
        assert shown.is_hidden()
        page.goto(site_url + FINDER + f"?stage={note.stage}&horizon={note.horizon}")
        page.click(note_selector(note) + " a")
        anchor = note.guide.partition("#")[2]
        page.wait_for_url(re.compile(re.escape(anchor) + "$"))
        assert page.locator(f"[id='{anchor}']").is_visible()


def test_without_javascript_the_notes_sit_in_the_list_intro(browser, site_url: str) -> None:
    """Without JavaScript the finder lists every path, so each note shows, led by the reader it is for."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + FINDER)
        for note in SITUATION_ONLY:
            assert page.locator(note_selector(note)).inner_text().startswith(note.lead)
    finally:
        context.close()


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
    steps = len(load_paths(ROOT / "checklists" / "paths", root=ROOT).by_id["postdoc-leaving-soon"].steps)
    assert page.text_content(".nfp-progress").strip().startswith(f"1 of {steps} done")


def test_a_path_pages_planner_asks_only_for_a_date(page, site_url: str) -> None:
    path = load_paths(ROOT / "checklists" / "paths", root=ROOT).by_id["postdoc-leaving-soon"]
    open_tools(page, site_url + f"paths/{path.id}/")
    planner = page.locator(".nfp-planner")
    assert planner.get_by_label("Their name (optional)").count() == 0, "no contact's name on a path"
    assert planner.get_by_label("Where you met (optional)").count() == 0
    assert planner.locator("input:not([type=radio])").evaluate_all("inputs => inputs.map(i => i.name)") == ["date"]
    date_field = page.get_by_label("The day you start", exact=True)
    date_field.fill("")
    page.get_by_role("button", name="Download calendar file (.ics)").click()
    assert page.locator("#nfp-planner-error").inner_text() == (
        "Enter the day you start as a full date, for example 2026-03-28.")
    date_field.fill("2026-02-02")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    assert info.value.suggested_filename == f"networking-for-phds-path--{path.id}-2026-02-02.ics"
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    events = {str(event["URL"]).rsplit("#", 1)[1]: event for event in calendar.walk("VEVENT")}
    dated = [step for step in path.steps if step.after]
    assert set(events) == {step.id for step in dated}
    for step in dated:
        event = events[step.id]
        assert event.decoded("DTSTART") == add_duration(date(2026, 2, 2), step.after)
        assert event.decoded("DTEND") == event.decoded("DTSTART") + timedelta(days=1)
        assert str(event["SUMMARY"]) == step.text
        assert str(event["DESCRIPTION"]).startswith("Counted from 2 February 2026.")
        assert f"From the path \u201c{path.title}\u201d: " in str(event["DESCRIPTION"])
    # Counting back: the label follows the choice, and the last step falls on the day to be done by.
    page.get_by_role("radio", name="Back from the day you need to be done by").check()
    page.get_by_label("The day you need to be done by", exact=True).fill("2026-09-30")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    last = max(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert date(2026, 9, 27) <= last <= date(2026, 9, 30)


def home_situation_links(page, site_url: str) -> list[tuple[str, str]]:
    page.goto(site_url)
    return page.evaluate("""() => [...document.querySelector('#start-from-your-situation ~ ul').children]
        .map(li => { const a = li.querySelectorAll('a'); return [a[0].textContent, a[1].getAttribute('href')]; })""")


def test_each_home_situation_opens_the_finder_with_its_choices(page, site_url: str) -> None:
    situations = home_situation_links(page, site_url)
    assert len(situations) >= 4
    for text, path_href in situations:
        page.goto(site_url)
        page.get_by_role("link", name=text, exact=True).click()
        page.wait_for_selector("form.nfp-finder:not([hidden])")
        query = parse_qs(urlsplit(page.url).query)
        chosen = {name: values[0].split(",") for name, values in query.items()}
        assert chosen, text
        for name, values in chosen.items():
            for value in values:
                assert page.is_checked(f"#nfp-find-{name}-{value}"), (text, name, value)
        shown = page.evaluate(SHOWN)
        assert shown == expected(**chosen), text
        assert path_href.strip("/").split("/")[-1] in shown, f"{text}: the path beside it is among those shown"


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
