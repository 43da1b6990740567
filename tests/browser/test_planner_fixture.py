"""The planner in Chromium on a fixture site: a checklist made for the test, with a step a week for twelve weeks
(like the job-search sprint) and a step whose text names the contact with a placeholder.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from checkers import switchable_server
from sitetools import build_site, copy_site

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
    page.goto(fixture_url)
    name = "Zoë $' $& $$ $1 O'Brien"
    page.get_by_role("textbox", name="Their name (optional)").fill(name)
    page.get_by_label("The day you met or start", exact=True).fill("2026-03-02")
    found = summaries(download(page))
    assert found["week-1"] == f"Write to {name} about the role"
    assert found["week-2"] == f"{name}: Do the step of week 2"
