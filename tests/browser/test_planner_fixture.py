"""The planner in Chromium on a fixture site: a checklist made for the test, with a step a week for twelve weeks
(like the job-search sprint) and a step whose text names the contact with a placeholder. Readers count the
steps forward from a start day, or back from the day they need to be done by; each .ics is parsed here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from checkers import open_tools, switchable_server
from sitetools import ROOT, build_site, copy_site

from nfp.catalog import load_catalog
from nfp.durations import add_duration
from nfp.planner import dated_items

WEEKS = 12
FIXTURE = "\n".join([
    "# yaml-language-server: $schema=./schema.json",
    "id: sprint-fixture",
    "title: A twelve-week sprint for the planner's tests",
    "summary: A fixture checklist with one dated step a week for twelve weeks, for the planner's browser tests.",
    "tags: [follow-up]",
    "sections:",
    "  - title: Every week",
    "    items:",
    "      - id: week-1",
    "        text: Write to [their name] about the role",
    "        after: P1W",
    *[line for week in range(2, WEEKS + 1) for line in (
        f"      - id: week-{week}", f"        text: Do the step of week {week}", f"        after: P{week}W")],
    "",
])


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("planner-fixture")
    config = copy_site(root / "repo")
    (root / "repo" / "checklists" / "sprint-fixture.yml").write_text(FIXTURE, encoding="utf-8")
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    with switchable_server(root / "site") as server:
        yield f"{server.url}checklists/sprint-fixture/"


def download(page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    return Path(info.value.path()).read_bytes()


def summaries(raw: bytes) -> dict[str, str]:
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    return {str(event["URL"]).rsplit("#", 1)[1]: str(event["SUMMARY"]) for event in events}


def test_a_name_with_replacement_patterns_comes_out_as_typed(page, fixture_url: str) -> None:
    """String.replace read "$&" and "$'" in the reader's name as patterns (issue 16)."""
    open_tools(page, fixture_url)
    name = "Zoë $' $& $$ $1 O'Brien"
    page.get_by_role("textbox", name="Their name (optional)").fill(name)
    page.get_by_label("The day you met or start", exact=True).fill("2026-03-02")
    found = summaries(download(page))
    assert found["week-1"] == f"Write to {name} about the role"
    assert found["week-2"] == f"{name}: Do the step of week 2"


# --- Counting back from the day to be done by (the job-search sprint) --------------------------------------


def days_of(raw: bytes) -> dict[str, date]:
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    return {str(event["URL"]).rsplit("#", 1)[1]: event.decoded("DTSTART") for event in events}


def count_back(page, end: str) -> tuple[str, bytes]:
    page.get_by_role("radio", name="Back from the day you need to be done by").check()
    page.get_by_label("The day you need to be done by", exact=True).fill(end)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


@pytest.mark.parametrize("timezone_id", ["Europe/Berlin", "America/Sao_Paulo"])
def test_counting_back_puts_the_last_step_on_the_end_date(browser, fixture_url: str, timezone_id: str) -> None:
    context = browser.new_context(timezone_id=timezone_id, accept_downloads=True)
    try:
        page = context.new_page()
        open_tools(page, fixture_url)
        # Europe's clocks go forward on 29 March 2026, inside the twelve weeks.
        filename, raw = count_back(page, "2026-06-01")
        start = date(2026, 6, 1) - timedelta(weeks=WEEKS)
        assert start == date(2026, 3, 9)
        assert days_of(raw) == {f"week-{week}": start + timedelta(weeks=week) for week in range(1, WEEKS + 1)}
        assert filename == "networking-for-phds-sprint-fixture-by-2026-06-01.ics"
        event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
        assert str(event["DESCRIPTION"]).startswith("Counted back from 1 June 2026, the day to be done by.")
        assert page.get_by_role("status").filter(has_text="Downloaded").inner_text().startswith(
            f"Downloaded {filename} with 12 dated steps, from 16 March 2026 to 1 June 2026.")
    finally:
        context.close()


def test_counting_forward_from_a_start_is_unchanged(page, fixture_url: str) -> None:
    open_tools(page, fixture_url)
    assert page.get_by_role("radio", name="Forward from the day you met or start").is_checked()
    page.get_by_label("The day you met or start", exact=True).fill("2026-03-09")
    days = days_of(download(page))
    assert days == {f"week-{week}": date(2026, 3, 9) + timedelta(weeks=week) for week in range(1, WEEKS + 1)}


def test_counting_back_with_months_and_years_never_passes_the_end(page, site_url: str) -> None:
    """follow-up has steps from 1 day to 1 year: the start is the end minus the year, even across 29 February."""
    open_tools(page, f"{site_url}checklists/follow-up/")
    checklist = load_catalog(ROOT / "checklists", root=ROOT).get("follow-up")
    assert checklist is not None
    for end, start in (("2027-03-28", date(2026, 3, 28)), ("2029-02-28", date(2028, 2, 28))):
        _, raw = count_back(page, end)
        days = days_of(raw)
        assert days == {item.id: add_duration(start, item.after) for item in dated_items(checklist) if item.after}
        assert max(days.values()) == date.fromisoformat(end)


def test_the_choice_is_a_labelled_group_used_from_the_keyboard(page, fixture_url: str) -> None:
    open_tools(page, fixture_url)
    group = page.get_by_role("group", name="Count the steps")
    assert group.get_by_role("radio").count() == 2
    page.get_by_role("radio", name="Forward from the day you met or start").focus()
    page.keyboard.press("ArrowDown")  # arrow keys move the choice within a radio group
    assert page.get_by_role("radio", name="Back from the day you need to be done by").is_checked()
    page.keyboard.press("Tab")  # out of the group, to the first field
    assert page.evaluate("document.activeElement.id") == "nfp-planner-name"
    date_field = page.get_by_label("The day you need to be done by", exact=True)
    assert "counted back" in page.locator("#nfp-planner-date-hint").inner_text()
    date_field.fill("")
    page.keyboard.press("Enter")
    assert page.locator("#nfp-planner-error").inner_text() == (
        "Enter the day you need to be done by as a full date, for example 2026-03-28.")
    date_field.fill("2026-06-01")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert max(days_of(Path(info.value.path()).read_bytes()).values()) == date(2026, 6, 1)
