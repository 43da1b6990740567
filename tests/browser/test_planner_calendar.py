"""The follow-up planner in Chromium, as a reader uses it: fill the form, download the .ics, and open it with a
real iCalendar parser (the `icalendar` package), in several time zones and across month ends.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from checkers import count_downloads, open_tools

from nfp.catalog import load_catalog
from nfp.durations import add_duration
from nfp.planner import dated_items

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "checklists", root=ROOT)
CANONICAL = "https://networking-for-phds.github.io/networking-for-phds/checklists/"


def open_planner(context, site_url: str, checklist_id: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_tools(page, f"{site_url}checklists/{checklist_id}/")
    page.get_by_role("heading", name="Put these steps in your calendar").wait_for()
    return page, errors


def download_plan(page, *, start: str | None = None, name: str = "", place: str = "") -> tuple[str, bytes]:
    """Fill the planner like a reader and return the downloaded file's name and bytes."""
    if name:
        page.get_by_role("textbox", name="Their name (optional)").fill(name)
    if place:
        page.get_by_role("textbox", name="Where you met (optional)").fill(place)
    if start is not None:
        page.get_by_label("The day you met or start", exact=True).fill(start)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    download = info.value
    path = download.path()
    return download.suggested_filename, Path(path).read_bytes()


def events_of(raw: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(raw)
    events = {}
    for event in calendar.walk("VEVENT"):
        item_id = str(event["URL"]).rsplit("#", 1)[1]
        events[item_id] = event
    return events


def expected_days(checklist_id: str, start: date) -> dict[str, date]:
    checklist = CATALOG.get(checklist_id)
    assert checklist is not None
    return {item.id: add_duration(start, item.after) for item in dated_items(checklist) if item.after}


def test_after_a_conference_the_plan_opens_in_a_calendar_parser(context, site_url: str) -> None:
    page, errors = open_planner(context, site_url, "follow-up")
    filename, raw = download_plan(page, start="2026-03-28", name='Ana López; "Dr", PhD',
                                  place="EGU General Assembly, Vienna")
    assert filename == "networking-for-phds-follow-up-ana-lopez-dr-phd-2026-03-28.ics"
    assert page.get_by_role("status").filter(has_text="Downloaded").inner_text().startswith(
        f"Downloaded {filename} with 10 dated steps, from 29 March 2026 to 28 March 2027.")

    # RFC 5545 framing: CRLF line endings and folded lines of at most 75 octets.
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert re.search(rb"\r\n [^\r\n]", raw), "long lines are folded with CRLF and a space"
    raw.decode("utf-8")  # folding never splits a multi-byte character

    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Networking for PhDs" in str(calendar["PRODID"])
    events = events_of(raw)
    follow_up = CATALOG.get("follow-up")
    assert follow_up is not None
    expected = expected_days("follow-up", date(2026, 3, 28))
    assert set(events) == set(expected)
    uids = {str(event["UID"]) for event in events.values()}
    assert len(uids) == len(events) and all(uid.endswith("@networking-for-phds") for uid in uids)
    items = {item.id: item for item in follow_up.items}
    for item_id, event in events.items():
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date, "all-day entries"
        assert start == expected[item_id]
        assert end == start + timedelta(days=1)
        assert isinstance(event.decoded("DTSTAMP"), datetime)
        summary = str(event["SUMMARY"])
        assert summary == f'Ana López; "Dr", PhD: {items[item_id].text}'
        description = str(event["DESCRIPTION"])
        assert description.startswith('Ana López; "Dr", PhD, met at EGU General Assembly, Vienna on 28 March 2026.')
        assert f"{CANONICAL}follow-up/#{item_id}" in description
        assert str(event["URL"]) == f"{CANONICAL}follow-up/#{item_id}"
        if items[item_id].details:
            assert " ".join((items[item_id].details or "").split()) in description
        if items[item_id].when:
            assert f"When: {items[item_id].when}" in description
    # Commas, semicolons and quotes in the name reach the file escaped and come back intact.
    assert b'SUMMARY:Ana L\xc3\xb3pez\\; "Dr"\\, PhD: ' in raw
    assert not errors


def test_the_same_plan_gives_the_same_uids_and_another_contact_new_ones(context, site_url: str) -> None:
    page, _ = open_planner(context, site_url, "follow-up")
    _, first = download_plan(page, start="2026-05-04", name="Sam Okafor")
    _, again = download_plan(page)
    page.get_by_role("textbox", name="Their name (optional)").fill("Jo Kim")
    _, other = download_plan(page)

    def uids(raw: bytes) -> dict[str, str]:
        return {item_id: str(event["UID"]) for item_id, event in events_of(raw).items()}

    assert uids(first) == uids(again)
    assert not set(uids(first).values()) & set(uids(other).values())


@pytest.mark.parametrize("timezone_id", ["Europe/London", "America/New_York", "Pacific/Auckland"])
@pytest.mark.parametrize(("checklist_id", "start", "checks"), [
    # Europe's clocks go forward in the night of 28-29 March 2026.
    ("follow-up", "2026-03-28", {"write-notes": date(2026, 3, 29), "thank-you-note": date(2026, 3, 29)}),
    ("keep-in-touch", "2026-03-28", {"make-list": date(2026, 4, 4), "monthly-messages": date(2026, 4, 28)}),
    # The United States' clocks go forward in the night of 7-8 March 2026.
    ("follow-up", "2026-03-07", {"write-notes": date(2026, 3, 8), "act-on-suggestion": date(2026, 3, 21)}),
    # And back in the night of 31 October - 1 November (Europe: 24-25 October).
    ("follow-up", "2026-10-24", {"write-notes": date(2026, 10, 25), "promised-resource": date(2026, 10, 26)}),
    ("keep-in-touch", "2026-10-31", {"make-list": date(2026, 11, 7), "monthly-messages": date(2026, 11, 30)}),
    # Month ends clamp; leap years keep 29 February.
    ("keep-in-touch", "2026-01-31", {"monthly-messages": date(2026, 2, 28), "review-list": date(2026, 4, 30)}),
    ("keep-in-touch", "2028-01-31", {"monthly-messages": date(2028, 2, 29), "yearly-notes": date(2029, 1, 31)}),
    ("follow-up", "2028-02-29", {"yearly-note": date(2029, 2, 28), "three-month-check-in": date(2028, 5, 29)}),
])
def test_dates_never_shift_with_time_zones_or_month_ends(browser, site_url: str, timezone_id: str,
                                                         checklist_id: str, start: str,
                                                         checks: dict[str, date]) -> None:
    context = browser.new_context(timezone_id=timezone_id, accept_downloads=True)
    try:
        page, errors = open_planner(context, site_url, checklist_id)
        _, raw = download_plan(page, start=start)
        events = events_of(raw)
        days = {item_id: event.decoded("DTSTART") for item_id, event in events.items()}
        assert days == expected_days(checklist_id, date.fromisoformat(start))
        for item_id, day in checks.items():
            assert days[item_id] == day, item_id
        for event in events.values():
            assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(days=1)
        assert not errors
    finally:
        context.close()


@pytest.mark.parametrize("timezone_id", ["Pacific/Kiritimati", "America/Los_Angeles"])
def test_the_date_defaults_to_today_where_the_reader_is(browser, site_url: str, timezone_id: str) -> None:
    context = browser.new_context(timezone_id=timezone_id, accept_downloads=True)
    try:
        before = datetime.now(ZoneInfo(timezone_id)).date()
        page, _ = open_planner(context, site_url, "follow-up")
        shown = page.get_by_label("The day you met or start", exact=True).input_value()
        after = datetime.now(ZoneInfo(timezone_id)).date()
        assert shown in {before.isoformat(), after.isoformat()}
        _, raw = download_plan(page)
        assert events_of(raw)["write-notes"].decoded("DTSTART") == date.fromisoformat(shown) + timedelta(days=1)
    finally:
        context.close()


def test_a_missing_date_is_announced_and_nothing_downloads(page, site_url: str) -> None:
    open_tools(page, f"{site_url}checklists/follow-up/")
    count_downloads(page)
    date_field = page.get_by_label("The day you met or start", exact=True)
    date_field.fill("")
    page.get_by_role("button", name="Download calendar file (.ics)").click()
    alert = page.locator("#nfp-planner-error")
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text() == "Enter the day you met or start as a full date, for example 2026-03-28."
    assert date_field.get_attribute("aria-invalid") == "true"
    assert "nfp-planner-error" in (date_field.get_attribute("aria-describedby") or "").split()
    assert page.evaluate("document.activeElement.id") == "nfp-planner-date"
    assert page.evaluate("window.nfpDownloads") == 0
    # Fixing the date clears the error and the download works.
    date_field.fill("2026-06-01")
    assert alert.inner_text() == ""
    assert date_field.get_attribute("aria-invalid") is None
    with page.expect_download():
        page.get_by_role("button", name="Download calendar file (.ics)").click()


def test_works_from_the_keyboard(context, site_url: str) -> None:
    page, errors = open_planner(context, site_url, "keep-in-touch")
    page.get_by_role("textbox", name="Their name (optional)").focus()
    page.keyboard.type("Priya")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "nfp-planner-place"
    page.keyboard.type("Departmental seminar")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "nfp-planner-date"
    page.get_by_label("The day you met or start", exact=True).fill("2026-09-01")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    raw = Path(info.value.path()).read_bytes()
    events = events_of(raw)
    assert events["book-slot"].decoded("DTSTART") == date(2026, 9, 8)
    book_slot = next(item for item in CATALOG.get("keep-in-touch").items
                     if item.id == "book-slot")
    assert str(events["book-slot"]["SUMMARY"]).startswith(f"Priya: {book_slot.text}")
    assert not errors


def test_only_checklists_with_dated_items_offer_it_and_it_needs_javascript(browser, page, site_url: str) -> None:
    open_tools(page, f"{site_url}checklists/conference/")
    page.locator("article.nfp-checklist").wait_for()
    assert page.locator(".nfp-planner").count() == 0
    quiet = browser.new_context(java_script_enabled=False)
    try:
        still = quiet.new_page()
        still.goto(f"{site_url}checklists/follow-up/")
        assert not still.locator(".nfp-planner").is_visible()
        noscript = still.locator("noscript").all_text_contents()
        assert any("The calendar planner needs JavaScript" in text for text in noscript)
    finally:
        quiet.close()


def test_ready_after_instant_navigation(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/")
    page.get_by_role("link", name="Following up after you meet someone").first.click()
    open_tools(page)
    page.get_by_role("heading", name="Put these steps in your calendar").wait_for()
    assert page.get_by_label("The day you met or start", exact=True).input_value() != ""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    assert len(events_of(Path(info.value.path()).read_bytes())) == 10


def test_template_titles_from_the_page_reach_the_description(page, site_url: str) -> None:
    """An item that names a message template says so in its calendar entry, with the title the page shows."""
    open_tools(page, f"{site_url}checklists/follow-up/")
    shown = page.locator("#report-back summary").inner_text()
    assert shown.startswith("Message template: ")
    _, raw = download_plan(page, start="2026-03-28")
    events = events_of(raw)
    assert shown in str(events["report-back"]["DESCRIPTION"])
    assert "Message template" not in str(events["write-notes"]["DESCRIPTION"])
