"""My network's data layer in Chromium (docs/assets/js/network-data.js, and network-files.js for the backup,
spreadsheet and calendar files), called the way the page calls it: through nfp.use on a page of the built site,
with the schema the page embeds.

Expected dates are worked out here from the site's rules (notes/session-brief.md, "One voice") with Python's
own calendar (nfp.durations.add_duration clamps months the way the planner does), never copied from the script.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest

from nfp.catalog import load_catalog
from nfp.durations import add_duration
from nfp.network import TEMPLATE_FOR_KIND

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "assets" / "schemas" / "network.schema.json").read_text(encoding="utf-8"))
PERSON_FIELDS = set(SCHEMA["$defs"]["person"]["properties"])
CSV_HEADER = ["Name", "Organisation", "Role", "How to reach", "Where you met", "Met on", "Closeness", "Tags",
              "Last contact", "Next follow-up", "Job search", "Notes"]
PROGRESS = "networking-for-phds-progress"
CATALOG = load_catalog(ROOT / "checklists", root=ROOT)
KNOWN = {checklist.id: [item.id for item in checklist.items] for checklist in CATALOG.checklists}
RULES = {"known": KNOWN, "checklistFormat": PROGRESS, "checklistVersion": 1, "messageKinds": sorted(TEMPLATE_FOR_KIND)}
RHYTHMS = {"close": 1, "regular": 3, "occasional": 6}  # the defaults the contract names
PAGE_URL = "https://example.org/networking-for-phds/my-network/"

# The functions of network-files.js (loaded on first use); the others are network-data.js's.
FILES = {"parseBackup", "mergeNetwork", "peopleCsv", "calendarFile", "backupFile"}
# Calls a function of either script; {"$date": ISO} arguments become Date objects.
CALL = """([script, name, args]) => {
  const revive = (value) => value && typeof value === "object" && !Array.isArray(value) &&
    Object.keys(value).length === 1 && "$date" in value ? new Date(value.$date) : value;
  return nfp.use(script)[name](...args.map(revive));
}"""


class Data:
    """network-data.js in a page of the built site."""

    def __init__(self, page) -> None:
        self.page = page

    def __call__(self, name: str, *args: Any) -> Any:
        return self.page.evaluate(CALL, ["network-files" if name in FILES else "network-data", name, list(args)])

    def due(self, people: list[dict], today: str, rhythms: dict | None = None) -> list[dict]:
        return self("dueItems", notebook(people, rhythms), today, RULES)

    def only_due(self, person_: dict, today: str, rhythms: dict | None = None) -> dict:
        items = self.due([person_], today, rhythms)
        assert len(items) == 1, items
        return items[0]


def open_with_network_data(page, site_url: str) -> None:
    """My network, the one page that loads network-data.js (in its own bundle, which arrives after nfp.js), and
    network-files.js, which the page loads on first use, loaded the way the page does it."""
    page.goto(f"{site_url}my-network/")
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    page.evaluate("() => nfp.load(document.getElementById('nfp-network').getAttribute('data-nfp-files'))")


@pytest.fixture()
def data(page, site_url: str) -> Data:
    open_with_network_data(page, site_url)
    return Data(page)


def stamp(day: str, time: str = "12:00:00") -> dict:
    return {"$date": f"{day}T{time}.000Z"}


def person(number: int, **fields: Any) -> dict:
    """A person as the page saves one: only what is required, then `fields`."""
    made = {"id": f"p-test{number:06d}", "name": f"Person {number}", "closeness": "regular", "log": [],
            "archived": False, "created": "2026-01-05T12:00:00.000Z", "updated": "2026-01-05T12:00:00.000Z"}
    made.update(fields)
    return made


def notebook(people: list[dict], rhythms: dict | None = None, rev: int = 3) -> dict:
    return {"v": 1, "rev": rev, "settings": {"rhythms": dict(rhythms or RHYTHMS)}, "people": people}


def months_after(day: str, months: int) -> str:
    return add_duration(date.fromisoformat(day), f"P{months}M").isoformat()


def days_after(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def next_working_day(day: str) -> str:
    following = date.fromisoformat(day) + timedelta(days=1)
    while following.weekday() >= 5:  # Saturday is 5, Sunday 6
        following += timedelta(days=1)
    return following.isoformat()


def backup_text(people: list[dict], **top: Any) -> str:
    backup = {"format": "networking-for-phds-everything", "version": 1, "exported": "2026-11-30T10:00:00.000Z",
              "checklists": {}, "network": {"v": 1, "settings": {"rhythms": RHYTHMS}, "people": people}}
    backup.update(top)
    return json.dumps(backup)


# ---- Due dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("last", "closeness", "rhythms"), [
    ("2027-01-31", "close", RHYTHMS),  # 31 January + 1 month: 28 February 2027
    ("2028-01-31", "close", RHYTHMS),  # in a leap year, 29 February
    ("2026-11-30", "regular", RHYTHMS),  # 30 November + 3 months: 28 February 2027
    ("2027-08-31", "occasional", RHYTHMS),  # 31 August + 6 months: 29 February 2028
    ("2028-02-29", "close", {"close": 12, "regular": 3, "occasional": 6}),  # a year after 29 February: 28 February
    ("2028-02-29", "occasional", {"close": 1, "regular": 3, "occasional": 24}),
    ("2027-02-28", "close", {"close": 12, "regular": 3, "occasional": 6}),  # stays 28 February in a leap year
    ("2026-10-31", "regular", {"close": 1, "regular": 1, "occasional": 6}),  # 31 October + 1 month: 30 November
])
def test_a_check_in_is_the_rhythm_after_the_last_contact_clamped_at_the_month_end(
        data: Data, last: str, closeness: str, rhythms: dict) -> None:
    months = rhythms[closeness]
    who = person(1, closeness=closeness, log=[{"on": "2026-01-10", "kind": "call"}, {"on": last, "kind": "met"}])
    item = data.only_due(who, last, rhythms)
    assert item["date"] == months_after(last, months)
    assert item["kind"] == "check-in" and item["template"] == "check-in"
    assert item["reason"] == f"{months} month{'s' if months != 1 else ''} since you last met"


@pytest.mark.parametrize("met_on", [
    "2026-11-23", "2026-11-25",  # Monday and Wednesday: the next day
    "2026-11-27", "2026-11-28", "2026-11-29",  # Friday, Saturday and Sunday: Monday
    "2028-02-28",  # a Monday before 29 February in a leap year: 29 February
    "2027-02-26",  # a Friday at the end of February in a common year: Monday 1 March
])
def test_the_thank_you_is_due_the_next_working_day_after_meeting(data: Data, met_on: str) -> None:
    item = data.only_due(person(1, met_on=met_on, where="EMBO workshop"), met_on)
    assert item == {"person": "p-test000001", "date": next_working_day(met_on), "kind": "thank-you",
                    "reason": "thank-you not sent", "template": "thank-you"}
    assert date.fromisoformat(item["date"]).weekday() < 5


def test_the_thank_you_stays_for_thirty_days_and_goes_once_anything_is_logged(data: Data) -> None:
    met_on = "2026-10-30"
    assert data.only_due(person(1, met_on=met_on), days_after(met_on, 30))["kind"] == "thank-you"
    late = data.only_due(person(1, met_on=met_on), days_after(met_on, 31))
    assert late == {"person": "p-test000001", "date": months_after(met_on, 3), "kind": "check-in",
                    "reason": "3 months since you met", "template": "check-in"}
    thanked = person(1, met_on=met_on, log=[{"on": met_on, "kind": "wrote"}])
    assert data.only_due(thanked, days_after(met_on, 2))["kind"] != "thank-you"
    # A message written before the meeting is not a thank-you: it is still due after the meeting.
    wrote_first = person(1, met_on=met_on, log=[{"on": days_after(met_on, -10), "kind": "wrote"}])
    assert data.only_due(wrote_first, met_on)["date"] == next_working_day(met_on)
    # A meeting still to come: the thank-you is planned for the working day after it.
    assert data.only_due(person(1, met_on="2026-12-04"), "2026-11-30")["date"] == next_working_day("2026-12-04")


def test_silence_after_a_first_message_gives_one_reminder_then_a_stop_then_the_rhythm(data: Data) -> None:
    first, reminder = "2026-11-02", "2026-11-09"
    wrote_once = person(1, organisation="Roche", log=[{"on": first, "kind": "wrote"}])
    assert data.only_due(wrote_once, first) == {
        "person": "p-test000001", "date": days_after(first, 7), "kind": "reminder",
        "reason": "no reply for a week: one short reminder", "template": "reminder"}
    wrote_twice = person(1, organisation="Roche",
                         log=[{"on": first, "kind": "wrote"}, {"on": reminder, "kind": "wrote"}])
    stop_day = days_after(reminder, 7)
    assert data.only_due(wrote_twice, stop_day) == {
        "person": "p-test000001", "date": stop_day, "kind": "stop",
        "reason": "no reply a week after your reminder: try someone else at Roche", "template": None}
    without_organisation = dict(wrote_twice, organisation="")
    assert data.only_due(without_organisation, stop_day)["reason"] == \
        "no reply a week after your reminder: try someone else"
    # The stop item is shown once, for its week; then the check-in rhythm counts from the reminder.
    assert data.only_due(wrote_twice, days_after(stop_day, 7))["kind"] == "stop"
    after = data.only_due(wrote_twice, days_after(stop_day, 8))
    assert after == {"person": "p-test000001", "date": months_after(reminder, 3), "kind": "check-in",
                     "reason": "3 months since you last wrote", "template": "check-in"}
    # A message to someone you know (a thank-you, a check-in) expects no answer: its silence is not chased.
    known = person(1, met_on="2026-10-20", log=[{"on": first, "kind": "wrote"}])
    assert data.only_due(known, days_after(first, 7)) == {
        "person": "p-test000001", "date": months_after(first, 3), "kind": "check-in",
        "reason": "3 months since you last wrote", "template": "check-in"}
    spoke = person(1, log=[{"on": "2026-10-01", "kind": "call"}, {"on": first, "kind": "wrote"}])
    assert data.only_due(spoke, days_after(first, 7))["kind"] == "check-in"
    # In a job search, a message still waiting for its answer is chased, even to someone you have met.
    asked = dict(known, search="wrote")
    assert data.only_due(asked, days_after(first, 7))["kind"] == "reminder"
    # A reply ends the sequence: the next date is the rhythm after the reply.
    replied = dict(wrote_twice, log=wrote_twice["log"] + [{"on": "2026-11-20", "kind": "replied"}])
    assert data.only_due(replied, "2026-11-20") == {
        "person": "p-test000001", "date": months_after("2026-11-20", 3), "kind": "check-in",
        "reason": "3 months since they last replied", "template": "check-in"}


def test_the_list_is_ordered_by_date_then_name_and_leaves_out_archived_people(data: Data) -> None:
    met = [{"on": "2026-09-15", "kind": "call"}]
    people = [person(1, name="zoë", log=met), person(2, name="Émile", log=met), person(3, name="Bea", log=met,
              closeness="close"), person(4, name="Archived", log=met, archived=True)]
    items = data.due(people, "2026-11-30")
    assert [item["person"] for item in items] == ["p-test000003", "p-test000002", "p-test000001"]
    assert [item["date"] for item in items] == [months_after("2026-09-15", 1)] + [months_after("2026-09-15", 3)] * 2


def test_this_week_is_today_and_the_next_six_days_with_overdue_included(data: Data) -> None:
    today = "2026-11-30"
    calls = ["2026-07-21", "2026-08-30", "2026-09-06", "2026-09-07"]
    people = [person(n, log=[{"on": day, "kind": "call"}]) for n, day in enumerate(calls, 1)]
    due = {f"p-test{n:06d}": months_after(day, 3) for n, day in enumerate(calls, 1)}
    week = data("thisWeek", data.due(people, today), today)
    assert [item["person"] for item in week] == [who for who, day in due.items() if day <= days_after(today, 6)]
    assert len(week) == 3  # one overdue, one today, one on the sixth day; the seventh day waits for next week


def in_zone(browser, site_url: str, timezone_id: str, calls: list[tuple[str, list]]) -> tuple[int, list]:
    context = browser.new_context(timezone_id=timezone_id)
    try:
        page = context.new_page()
        open_with_network_data(page, site_url)
        offset = page.evaluate("() => new Date(Date.UTC(2026, 10, 30, 12)).getTimezoneOffset()")
        return offset, [Data(page)(name, *args) for name, args in calls]
    finally:
        context.close()


def test_readers_in_utc_minus_10_and_utc_plus_13_see_the_same_dates(browser, site_url: str) -> None:
    people = [
        # Added half an hour before midnight UTC: already 1 February in Tonga, still 31 January in Hawaii.
        person(1, closeness="close", created="2026-01-31T23:30:00.000Z", updated="2026-01-31T23:30:00.000Z"),
        person(2, met_on="2026-11-27"),  # a Friday: the thank-you is due on Monday
        person(3, closeness="close", log=[{"on": "2027-01-31", "kind": "call"}]),
    ]
    book = notebook(people)
    calls = [("dueItems", [book, "2026-11-30", RULES]),
             ("calendarFile", [book, "2026-11-30", stamp("2026-11-30"), PAGE_URL])]
    hawaii_offset, hawaii = in_zone(browser, site_url, "Pacific/Honolulu", calls)
    tonga_offset, tonga = in_zone(browser, site_url, "Pacific/Tongatapu", calls)
    assert (hawaii_offset, tonga_offset) == (600, -780)  # UTC-10 and UTC+13: the zones really differ
    assert hawaii == tonga
    dates = {item["person"]: item["date"] for item in hawaii[0]}
    assert dates == {"p-test000001": months_after("2026-01-31", 1), "p-test000002": next_working_day("2026-11-27"),
                     "p-test000003": months_after("2027-01-31", 1)}


# ---- Logging a contact ----------------------------------------------------------------------------------------


def test_logging_a_contact_moves_the_search_on_never_back_and_changes_nothing_it_was_given(data: Data) -> None:
    result = data.page.evaluate("""(who) => {
      const network = nfp.use("network-data");
      const before = JSON.stringify(who);
      const steps = {};
      for (const [start, kind] of [["to-contact", "wrote"], ["wrote", "replied"], ["replied", "call"],
          ["wrote", "met"], ["referred", "wrote"], ["applied", "met"], [null, "call"]]) {
        steps[start + " " + kind] = network.logContact(Object.assign({}, who, {search: start}), kind,
          "2026-11-30", new Date("2026-11-30T09:00:00Z")).search;
      }
      const logged = network.logContact(who, "replied", "2026-11-30", new Date("2020-01-01T00:00:00Z"));
      return {steps, unchanged: JSON.stringify(who) === before, logged, sameLog: logged.log === who.log};
    }""", person(1, search="wrote", tags=["biotech"], log=[{"on": "2026-11-13", "kind": "wrote"}],
                 updated="2026-11-13T09:12:40.000Z"))
    assert result["steps"] == {"to-contact wrote": "wrote", "wrote replied": "replied", "replied call": "spoke",
                               "wrote met": "spoke", "referred wrote": "referred", "applied met": "applied",
                               "null call": None}
    assert result["unchanged"] and not result["sameLog"]
    logged = result["logged"]
    assert logged["log"] == [{"on": "2026-11-13", "kind": "wrote"}, {"on": "2026-11-30", "kind": "replied"}]
    # This device's clock is years behind: the change is still later than the last one, so a merge keeps it.
    assert logged["updated"] > "2026-11-13T09:12:40.000Z"
    assert data.only_due(logged, "2026-11-30")["date"] == months_after("2026-11-30", 3)


# ---- Backups: writing, reading, merging -------------------------------------------------------------------------


def full_person(number: int, **fields: Any) -> dict:
    return person(number, where="EMBO workshop, Heidelberg", met_on="2026-11-12", organisation="Roche",
                  role="Medical science liaison", reach="amara@example.org", tags=["biotech", "alumni"],
                  notes="Suggested I talk to her colleague.", search="wrote",
                  log=[{"on": "2026-11-13", "kind": "wrote"}], **fields)


def test_a_backup_validates_against_the_schema_and_reads_back_as_the_same_notebook(data: Data) -> None:
    book = notebook([full_person(1, name="Dr Amara Okafor"), person(2, name="Wei Zhang", archived=True)],
                    {"close": 2, "regular": 4, "occasional": 12}, rev=41)
    ticks = {"conference": KNOWN["conference"][:2]}
    backup = data("backupFile", book, ticks, stamp("2026-11-30", "10:00:00"))
    jsonschema.Draft202012Validator(SCHEMA).validate(backup)
    assert backup["exported"] == "2026-11-30T10:00:00.000Z" and "rev" not in backup["network"]
    parsed = data("parseBackup", json.dumps(backup, indent=2), SCHEMA, RULES)
    assert parsed["ok"] and parsed["skipped"] == []
    # Saved again by an editor that adds a byte-order mark: still the same backup.
    assert data("parseBackup", "\ufeff" + json.dumps(backup), SCHEMA, RULES) == parsed
    assert parsed["checklists"] == ticks
    assert parsed["network"] == {key: value for key, value in book.items() if key != "rev"}
    # Into an empty browser: the merge gives back exactly the notebook that was exported.
    merged = data("mergeNetwork", data("defaults"), parsed["network"])
    assert (merged["added"], merged["updated"], merged["skipped"]) == (2, 0, 0)
    assert merged["notebook"] == dict(book, rev=0)


def test_a_merge_adds_and_updates_but_never_deletes_or_lets_older_overwrite_newer(data: Data) -> None:
    here = notebook([person(1, name="Kept here, older in file", updated="2026-11-20T10:00:00.000Z"),
                     person(2, name="Older here", updated="2026-11-01T10:00:00.000Z"),
                     person(3, name="Only here")], rev=17)
    incoming = notebook([person(1, name="Older in file", updated="2026-11-19T10:00:00.000Z"),
                         person(2, name="Newer in file", updated="2026-11-02T10:00:00.000Z"),
                         person(4, name="Only in file"),
                         person(5, name="Same time", updated="2026-01-05T12:00:00.000Z")],
                        {"close": 2, "regular": 2, "occasional": 2})
    here["people"].append(person(5, name="Same time here"))
    result = data("mergeNetwork", here, incoming)
    assert (result["added"], result["updated"], result["skipped"]) == (1, 1, 2)
    names = {who["id"]: who["name"] for who in result["notebook"]["people"]}
    assert names == {"p-test000001": "Kept here, older in file", "p-test000002": "Newer in file",
                     "p-test000003": "Only here", "p-test000004": "Only in file", "p-test000005": "Same time here"}
    assert result["notebook"]["rev"] == 17
    assert result["notebook"]["settings"] == incoming["settings"]  # never changed here: the file's are taken
    changed = dict(here, settings={"rhythms": {"close": 1, "regular": 2, "occasional": 6}})
    assert data("mergeNetwork", changed, incoming)["notebook"]["settings"] == changed["settings"]


@pytest.mark.parametrize(("file_updated", "replaced"), [
    ("2026-12-01T09:00:00.000Z", True),  # a day ahead of this device: a clock slightly off, still taken
    ("2026-12-01T11:00:00.000Z", False),  # more than a day ahead
    ("2099-01-01T00:00:00.000Z", False),  # made to win every merge
])
def test_a_copy_dated_in_the_future_never_overwrites_what_is_here(data: Data, file_updated: str,
                                                                  replaced: bool) -> None:
    now = {"$date": "2026-11-30T10:00:00.000Z"}
    here = notebook([person(1, name="Amara Okafor", updated="2026-11-29T10:00:00.000Z")])
    incoming = notebook([person(1, name="Someone else", updated=file_updated), person(2, name="New here",
                                                                                      updated=file_updated)])
    result = data("mergeNetwork", here, incoming, now)
    names = [who["name"] for who in result["notebook"]["people"]]
    assert names == (["Someone else", "New here"] if replaced else ["Amara Okafor", "New here"])
    assert (result["added"], result["updated"], result["future"]) == (1, int(replaced), int(not replaced))


def six_megabytes() -> str:
    return backup_text([person(1, notes="x" * (6 * 1024 * 1024))])


def deeply_nested() -> str:
    return backup_text([]).replace('"checklists": {}', '"checklists": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000)


# (what the file is, its text, words the reader's message must contain)
REFUSED = [
    ("6 MB", six_megabytes, "larger than 5 MB"),
    ("10,000-deep nesting", deeply_nested, "nested far more deeply"),
    ("10,000 nested lists", lambda: "[" * 10_000 + "]" * 10_000, "nested far more deeply"),
    ("not JSON", lambda: "name,organisation\nAmara,Roche\n", "could not be read as JSON"),
    ("a list", lambda: "[]", "holds a list where a backup holds a group of fields"),
    ("a number", lambda: "42", "holds a single value"),
    ("version 2", lambda: backup_text([], version=2), "made by a newer version of this site"),
    ('version "1"', lambda: backup_text([], version="1"), "written as text, \u201c1\u201d"),
    ("version 0", lambda: backup_text([], version=0), "\u201c0\u201d, which this site never wrote"),
    ("missing format", lambda: json.dumps({"version": 1, "network": {}}), "does not say what kind of file it is"),
    ("another format", lambda: backup_text([], format="vcard"), "it says it is \u201cvcard\u201d"),
    ("__proto__ at the top", lambda: backup_text([]).replace("{", '{"__proto__": {"polluted": 1}, ', 1),
     "field this site does not know, \u201c__proto__\u201d"),
    ("constructor at the top", lambda: backup_text([], constructor={"prototype": {"polluted": 1}}),
     "field this site does not know, \u201cconstructor\u201d"),
    ("people as text", lambda: backup_text([]).replace('"people": []', '"people": "Amara"'),
     "the list of people should be a list, not text"),
    ("a rhythm as text", lambda: backup_text([]).replace('"close": 1', '"close": "1"'),
     "check-in rhythm should be a whole number, not text"),
    ("5,001 people", lambda: backup_text([person(n) for n in range(5001)]),
     "the notebook holds 5,001 people, more than the 5,000 this site keeps"),
    ("no date exported", lambda: backup_text([], exported=None), "export date should be text"),
    ("a progress file of a newer version", lambda: json.dumps({"format": PROGRESS, "version": 2, "checklists": {}}),
     "progress file was made by a newer version"),
]


@pytest.mark.parametrize(("what", "make", "words"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_hostile_backup_is_refused_with_one_clear_message(data: Data, what: str, make, words: str) -> None:
    result = data("parseBackup", make(), SCHEMA, RULES)
    assert result["ok"] is False, what
    message = result["message"]
    assert words in message
    assert "undefined" not in message and "[object" not in message and "\n" not in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence, read at a glance
    assert len(message) < 300
    assert data.page.evaluate("() => ({}).polluted === undefined && Object.prototype.polluted === undefined")


def test_bad_people_are_skipped_with_a_reason_and_nothing_unknown_is_copied(data: Data) -> None:
    html = '<img src=x onerror="window.nfpHacked = 1">Ravi & <b>Co</b>'
    people = [
        person(9, name="Proto", **{"__proto__": {"polluted": 1}}),  # an own key in JSON text, as in a crafted file
        person(1, name=html),
        person(2, name="Polluter", constructor={"prototype": {"polluted": 1}}),
        person(3, name="Too long " + "a" * 200),
        person(4, name="Wrong kinds", log=[{"on": "2026-11-13", "kind": "tweeted"}]),
        person(5, name="Not a date", met_on="2026-02-30"),
        person(1, name="Same id twice"),
        "a person written as text",
    ]
    result = data("parseBackup", backup_text(people), SCHEMA, RULES)
    assert result["ok"], result
    imported = result["network"]["people"]
    assert [who["name"] for who in imported] == [html]  # markup kept exactly, as text
    assert set(imported[0]) <= PERSON_FIELDS
    assert result["skipped"] == [
        "person 1 (\u201cProto\u201d): the person has a field this site does not know, \u201c__proto__\u201d",
        "person 3 (\u201cPolluter\u201d): the person has a field this site does not know, \u201cconstructor\u201d",
        "person 4 (\u201cToo long aaaaaaaaaaaaaaaaaaaaa\u2026\u201d): the name is longer than 200 characters",
        "person 5 (\u201cWrong kinds\u201d): the kind of contact is \u201ctweeted\u201d, not one of wrote, met, call, "
        "replied (entry 1)",
        "person 6 (\u201cNot a date\u201d): the day you met, \u201c2026-02-30\u201d, is not a real date",
        "person 7 (\u201cSame id twice\u201d): another person in the file has the same id",
        "person 8: the person should be a group of fields, not text \u201ca person written as text\u201d",
    ]
    page = data.page
    assert page.evaluate("() => window.nfpHacked === undefined && document.querySelectorAll('img[src=x]').length === 0")
    assert page.evaluate("() => ({}).polluted === undefined")


def test_a_progress_file_with_ticks_only_is_accepted(data: Data) -> None:
    checklist_id, items = next(iter(KNOWN.items()))
    progress = {"format": PROGRESS, "version": 1, "exported": "2026-11-30T10:00:00.000Z",
                "checklists": {checklist_id: items[:2] + ["no-such-item"], "no-such-checklist": ["x"]}}
    result = data("parseBackup", json.dumps(progress), SCHEMA, RULES)
    assert result == {"ok": True, "network": None, "checklists": {checklist_id: items[:2]},
                      "skipped": ["ticks for 1 checklist this site does not have",
                                  "1 tick for items this site does not have"]}


def test_a_notebook_with_an_unknown_field_is_refused_whole_and_never_changed(data: Data) -> None:
    result = data.page.evaluate("""([schema, book]) => {
      const network = nfp.use("network-data");
      const before = JSON.stringify(book);
      const good = network.validateNotebook(book, schema);
      const strange = JSON.parse(before);
      strange.people[0].constructor = "x";
      return {good, bad: network.validateNotebook(strange, schema), unchanged: JSON.stringify(book) === before,
              fresh: good.notebook !== book && good.notebook.people[0] !== book.people[0]};
    }""", [SCHEMA, notebook([full_person(1, name="Amara")])])
    assert result["good"]["ok"] and result["unchanged"] and result["fresh"]
    assert result["good"]["notebook"] == notebook([full_person(1, name="Amara")])
    assert result["bad"] == {
        "ok": False, "message": "The notebook is not in the form this site writes: in person 1 (\u201cAmara\u201d), "
        "the person has a field this site does not know, \u201cconstructor\u201d."}


@pytest.mark.parametrize(("name", "accepted"), [("\U0001F600" * 200, True), ("\U0001F600" * 201, False),
                                                ("\u0645" * 200, True), ("a" * 201, False)])
def test_the_page_and_the_schema_count_characters_alike(data: Data, name: str, accepted: bool) -> None:
    """200 emoji are 400 UTF-16 units in the browser: the page counts characters, as the schema's users do."""
    book = notebook([person(1, name=name)])
    backup = json.loads(backup_text(book["people"]))
    assert jsonschema.Draft202012Validator(SCHEMA).is_valid(backup) is accepted
    result = data("validateNotebook", book, SCHEMA)
    assert result["ok"] is accepted
    if not accepted:
        assert result["message"].endswith("the name is longer than 200 characters.")


@pytest.mark.parametrize("name", ["validateNotebook", "parseBackup", "mergeNetwork", "dueItems", "thisWeek",
                                  "logContact", "peopleCsv", "calendarFile", "backupFile"])
def test_no_function_throws_on_nonsense(data: Data, name: str) -> None:
    for args in ([], [None, None, None, None], ["text", 5, True, []], [{"people": "none"}, {}, {}, {}]):
        result = data(name, *args)
        assert result["ok"] is False and result["message"].endswith("."), (name, args, result)


def test_a_notebook_with_a_cycle_gets_a_message_instead_of_an_error(data: Data) -> None:
    """A value built in memory can refer to itself, which no file can: the page still gets a sentence to show."""
    results = data.page.evaluate("""() => {
      const network = nfp.use("network-data");
      const files = nfp.use("network-files");
      const book = network.defaults();
      const person = {id: "p-test000001", name: "Loop", closeness: "close", log: [], archived: false,
                      created: "2026-01-05T12:00:00.000Z", updated: "2026-01-05T12:00:00.000Z"};
      person.self = person;
      book.people.push(person);
      return [files.backupFile(book, {}, new Date()), files.mergeNetwork(network.defaults(), book)];
    }""")
    for result in results:
        assert result["ok"] is False
        assert result["message"].startswith("Something went wrong while ")
        assert result["message"].endswith("reload the page and try again.") and "\n" not in result["message"]


# ---- CSV and calendar files ----------------------------------------------------------------------------------


def test_the_csv_reads_back_cell_for_cell_in_a_spreadsheet_reader(data: Data) -> None:
    people = [
        person(1, name="Okafor, Amara", organisation='The "Big" Lab', role="=HYPERLINK(\"http://x.example\",\"x\")",
               reach="+44 20 7946 0000", where="Line one\nLine two", met_on="2026-10-15", tags=["a,b", "c"],
               notes="@SUM(A1)", search="to-contact", log=[{"on": "2026-10-15", "kind": "met"}]),
        person(2, name="محمد الأحمد", organisation="-Minus", role="\tTabbed", reach="\rReturn", closeness="close"),
        person(3, name="王小明", notes="普通话; 日本語"),
        person(4, name="Ольга Петрова", archived=True),
    ]
    text = data("peopleCsv", notebook(people), "2026-11-30")
    assert text.startswith("\ufeff")
    raw = text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == CSV_HEADER
    assert [row[0] for row in rows[1:]] == ["Okafor, Amara", "محمد الأحمد", "王小明", "Ольга Петрова"]
    first = dict(zip(CSV_HEADER, rows[1]))
    assert first == {
        "Name": "Okafor, Amara", "Organisation": 'The "Big" Lab', "Role": "'=HYPERLINK(\"http://x.example\",\"x\")",
        "How to reach": "'+44 20 7946 0000", "Where you met": "Line one\nLine two", "Met on": "2026-10-15",
        "Closeness": "regular", "Tags": "a,b; c", "Last contact": "2026-10-15",
        "Next follow-up": months_after("2026-10-15", 3), "Job search": "to contact", "Notes": "'@SUM(A1)"}
    second = dict(zip(CSV_HEADER, rows[2]))
    assert (second["Organisation"], second["Role"], second["How to reach"]) == ("'-Minus", "'\tTabbed", "'\rReturn")
    assert second["Next follow-up"] == months_after("2026-01-05", 1)  # no contact yet: from the day added
    assert rows[4][CSV_HEADER.index("Next follow-up")] == ""  # archived: nothing due
    # Records end with CRLF; the only bare line feed is the one typed inside a cell.
    assert text.endswith("\r\n") and text.count("\r\n") == len(rows)
    assert text.replace("\r\n", "").count("\n") == 1


def parse_ics(text: str) -> dict[str, icalendar.Event]:
    raw = text.encode("utf-8")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_file_has_one_event_per_follow_up_with_stable_uids(data: Data) -> None:
    long_name = "Dr Nguyễn Thị Minh Khai, Université de Montréal; 王小明 " + "Ольга " * 12
    people = [
        person(1, name=long_name, where="EMBO workshop, Heidelberg; day 2", met_on="2026-11-27"),
        person(2, name="Amara Okafor", organisation="Roche", log=[{"on": "2026-10-01", "kind": "met"}]),
        person(3, name="Overdue", log=[{"on": "2026-11-10", "kind": "wrote"}]),
        person(4, name="Archived", archived=True),
    ]
    today = "2026-11-30"
    first = data("calendarFile", notebook(people), today, stamp(today, "08:00:00"), PAGE_URL)
    events = parse_ics(first["text"])
    assert set(events) == {"p-test000001.thank-you@networking-for-phds", "p-test000002.check-in@networking-for-phds",
                           "p-test000003.reminder@networking-for-phds"}
    thank_you = events["p-test000001.thank-you@networking-for-phds"]
    assert str(thank_you["SUMMARY"]) == f"Send {' '.join(long_name.split())} a thank-you"
    assert thank_you.decoded("DTSTART") == date.fromisoformat(next_working_day("2026-11-27"))
    assert "Met at EMBO workshop, Heidelberg; day 2 on 27 November 2026." in str(thank_you["DESCRIPTION"])
    assert PAGE_URL in str(thank_you["DESCRIPTION"])
    check_in = events["p-test000002.check-in@networking-for-phds"]
    assert str(check_in["SUMMARY"]) == "Check in with Amara Okafor"
    assert check_in.decoded("DTSTART") == date.fromisoformat(months_after("2026-10-01", 3))
    assert check_in.decoded("DTEND") - check_in.decoded("DTSTART") == timedelta(days=1)
    # The reminder was due on 17 November: an overdue follow-up goes on today, not on a day already past.
    assert events["p-test000003.reminder@networking-for-phds"].decoded("DTSTART") == date(2026, 11, 30)

    # The next day: the same UIDs, a new DTSTAMP and a higher SEQUENCE; importing it updates the events.
    again = parse_ics(data("calendarFile", notebook(people), "2026-12-01", stamp("2026-12-01"), PAGE_URL)["text"])
    assert set(again) == set(events)
    assert again["p-test000002.check-in@networking-for-phds"]["SEQUENCE"] > check_in["SEQUENCE"]
    assert again["p-test000002.check-in@networking-for-phds"].decoded("DTSTAMP") != check_in.decoded("DTSTAMP")

    # A call logged today moves the check-in: same UID, a later date and a higher SEQUENCE, so it replaces the old.
    called = data("logContact", people[1], "call", today, stamp(today))
    moved = parse_ics(data("calendarFile", notebook([called]), today, stamp(today, "09:00:00"), PAGE_URL)["text"])
    event = moved["p-test000002.check-in@networking-for-phds"]
    assert event.decoded("DTSTART") == date.fromisoformat(months_after(today, 3))
    assert event["SEQUENCE"] > check_in["SEQUENCE"]
    # A closer rhythm moves it earlier: a later file still carries the higher SEQUENCE, so the calendar takes it.
    closer = parse_ics(data("calendarFile", notebook([called], {"close": 1, "regular": 1, "occasional": 6}), today,
                            stamp(today, "09:05:00"), PAGE_URL)["text"])
    earlier = closer["p-test000002.check-in@networking-for-phds"]
    assert earlier.decoded("DTSTART") < event.decoded("DTSTART")
    assert earlier["SEQUENCE"] > event["SEQUENCE"]
