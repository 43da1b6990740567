"""The follow-up planner's Python side: durations in words and dates, which items are dated, and the markup
the checklist pages and the index get (planner form, export/import controls, data attributes for the script).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nfp.catalog import load_catalog
from nfp.durations import Duration, add_duration, describe_duration, parse_duration, when_text
from nfp.model import Checklist, Item, Section
from nfp.planner import ScriptRules, dated_items, render_planner, render_transfer, schedule
from nfp.problems import DataError
from nfp.render import render_checklist
from nfp.schema_check import compile_fast_check

ROOT = Path(__file__).resolve().parent.parent
CHECKLISTS = ROOT / "checklists"
SCHEMA = json.loads((CHECKLISTS / "schema.json").read_text(encoding="utf-8"))
RULES = ScriptRules.from_schema(SCHEMA)
# Each tool names its scripts' bundle for core.js to load (nfp/page_scripts.py).
PLANNER_JS, TRANSFER_JS = "../../assets/js/nfp-planner.js", "../../assets/js/nfp-transfer.js"


def checklist_of(*items: Item, checklist_id: str = "plan") -> Checklist:
    return Checklist(id=checklist_id, title="A plan", summary="For testing the planner.", tags=("follow-up",),
                     sections=(Section(title="Steps", anchor="steps", items=items),), source=f"{checklist_id}.yml")


# --- Durations -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "duration"), [
    ("P2D", Duration(days=2)),
    ("P3W", Duration(weeks=3)),
    ("P3M", Duration(months=3)),
    ("P1Y", Duration(years=1)),
    ("P1Y2M3W4D", Duration(years=1, months=2, weeks=3, days=4)),
])
def test_parse_duration(text: str, duration: Duration) -> None:
    assert parse_duration(text) == duration


@pytest.mark.parametrize("text", ["P", "2D", "P2H", "PT2H", "P-1D", "p2d", "P2D ", "P1D2M"])
def test_parse_duration_refuses_what_the_schema_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"{text!r} is not a duration like P2D, P3W, P3M or P1Y")):
        parse_duration(text)


@pytest.mark.parametrize(("text", "words"), [
    ("P1D", "After 1 day"),
    ("P2D", "After 2 days"),
    ("P1W", "After 1 week"),
    ("P3W", "After 3 weeks"),
    ("P1M", "After 1 month"),
    ("P6M", "After 6 months"),
    ("P1Y", "After 1 year"),
    ("P1Y6M", "After 1 year and 6 months"),
    ("P1Y2M3W4D", "After 1 year, 2 months, 3 weeks and 4 days"),
    ("P0D", "On the day"),
])
def test_describe_duration(text: str, words: str) -> None:
    assert describe_duration(text) == words


def test_when_text_prefers_the_authors_words_and_derives_the_rest() -> None:
    assert when_text(Item(id="a", text="Do it", line=1, when="Within 2 days", after="P2D")) == "Within 2 days"
    assert when_text(Item(id="a", text="Do it", line=1, after="P2D")) == "After 2 days"
    assert when_text(Item(id="a", text="Do it", line=1, when="Before the talk")) == "Before the talk"
    assert when_text(Item(id="a", text="Do it", line=1)) is None


@pytest.mark.parametrize(("start", "after", "expected"), [
    (date(2026, 1, 31), "P1M", date(2026, 2, 28)),   # clamped to the end of February
    (date(2028, 1, 31), "P1M", date(2028, 2, 29)),   # leap year
    (date(2026, 3, 31), "P1M", date(2026, 4, 30)),
    (date(2026, 12, 31), "P2M", date(2027, 2, 28)),  # across a year end
    (date(2028, 2, 29), "P1Y", date(2029, 2, 28)),
    (date(2026, 1, 31), "P1M1D", date(2026, 3, 1)),  # months first, then days
    (date(2026, 3, 28), "P1D", date(2026, 3, 29)),   # the night the clocks change in Europe
    (date(2026, 3, 28), "P1W", date(2026, 4, 4)),
    (date(2026, 3, 7), "P1D", date(2026, 3, 8)),     # the night the clocks change in the United States
    (date(2026, 12, 30), "P3D", date(2027, 1, 2)),
    (date(2026, 5, 15), "P0D", date(2026, 5, 15)),
])
def test_add_duration(start: date, after: str, expected: date) -> None:
    assert add_duration(start, after) == expected


# --- Which items are dated ------------------------------------------------------------------------------


def test_dated_items_and_schedule_follow_the_data() -> None:
    catalog = load_catalog(CHECKLISTS, root=ROOT)
    follow_up = catalog.get("follow-up")
    assert follow_up is not None
    dated = dated_items(follow_up)
    assert [item.id for item in dated] == [item.id for item in follow_up.items if item.after]
    assert "offer-in-return" not in {item.id for item in dated}
    days = dict((item.id, day) for item, day in schedule(follow_up, date(2026, 3, 28)))
    assert days["write-notes"] == date(2026, 3, 29)
    assert days["thank-you-note"] == date(2026, 3, 29)  # within one working day
    assert days["three-month-check-in"] == date(2026, 6, 28)
    assert days["yearly-note"] == date(2027, 3, 28)


def test_schema_accepts_after_without_when_and_refuses_a_wordy_after(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(CHECKLISTS / "schema.json", folder / "schema.json")
    body = ("id: plan\ntitle: A plan\nsummary: For testing that after works without when.\ntags: [follow-up]\n"
            "sections:\n  - title: Steps\n    items:\n      - id: note\n        text: Send a note\n"
            "        after: {after}\n")
    (folder / "plan.yml").write_text(body.format(after="P2D"), encoding="utf-8")
    checklist = load_catalog(folder, root=tmp_path).checklists[0]
    assert checklist.items[0].after == "P2D" and checklist.items[0].when is None
    (folder / "plan.yml").write_text(body.format(after="2 days"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalog(folder, root=tmp_path)
    assert "checklists/plan.yml:10: sections[0].items[0].after" in raised.value.report()


# --- Markup -------------------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every start tag with its attributes, for asserting on structure rather than on spelling."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_checklist_shows_derived_timing_and_carries_the_duration() -> None:
    checklist = checklist_of(Item(id="check-in", text="Check in", line=1, after="P3M"),
                             Item(id="own-words", text="Say thanks", line=2, after="P2D", when="Within 2 days"),
                             Item(id="undated", text="Share news", line=3))
    html = render_checklist(checklist, resolve=lambda target: None, guide=None)
    assert '<span class="nfp-item__when">After 3 months</span>' in html
    assert '<span class="nfp-item__when">Within 2 days</span>' in html
    items = {attrs["id"]: attrs for tag, attrs in elements(html) if tag == "li"}
    assert items["check-in"]["data-after"] == "P3M"
    assert items["own-words"]["data-after"] == "P2D"
    assert "data-after" not in items["undated"]
    # The derived timing is part of what a screen reader hears with the checkbox.
    box = next(attrs for tag, attrs in elements(html) if attrs.get("id") == "box--check-in")
    assert box["aria-describedby"] == "box--check-in-more"


def test_planner_is_only_offered_where_an_item_is_dated() -> None:
    assert render_planner(checklist_of(Item(id="a", text="Do it", line=1)), page_url=None, rules=RULES,
                          bundle_url=PLANNER_JS) == ""
    html = render_planner(checklist_of(Item(id="a", text="Do it", line=1, after="P1W")),
                          page_url="https://example.org/checklists/plan/", rules=RULES, bundle_url=PLANNER_JS)
    assert "Get the 1 dated step as all-day entries" in html
    tags = elements(html)
    section = next(attrs for tag, attrs in tags if tag == "section")
    assert "hidden" in section
    assert section["data-page-url"] == "https://example.org/checklists/plan/"
    assert section["data-checklist-title"] == "A plan"
    assert section["data-nfp-bundle"] == PLANNER_JS and section["data-nfp-bundle-failed"]
    assert section["data-after-pattern"] == SCHEMA["$defs"]["item"]["properties"]["after"]["pattern"]
    inputs = {attrs["name"]: attrs for tag, attrs in tags if tag == "input" and attrs.get("type") != "radio"}
    assert set(inputs) == {"name", "place", "date"}
    # Count forward from a start day or back from an end day: two radio buttons in a group with a legend.
    radios = [attrs for tag, attrs in tags if tag == "input" and attrs.get("type") == "radio"]
    assert [(r["name"], r["value"]) for r in radios] == [("count", "start"), ("count", "end")]
    assert "checked" in radios[0] and "<legend>Count the steps</legend>" in html
    labelled = {attrs["for"] for tag, attrs in tags if tag == "label" and "for" in attrs}
    assert {attrs["id"] for attrs in inputs.values()} <= labelled
    assert inputs["date"]["type"] == "date"
    assert any(attrs.get("role") == "alert" for tag, attrs in tags)
    assert "not sent anywhere" in html
    assert "<noscript>" in html


def test_a_paths_planner_asks_only_for_a_date() -> None:
    """A path is the reader's own plan: no contact's name or meeting place, and the start is the day you start."""
    dated = checklist_of(Item(id="a", text="Do it", line=1, after="P1W"))
    plan = render_planner(dated, page_url=None, rules=RULES, bundle_url=PLANNER_JS, kind="path")
    tags = elements(plan)
    inputs = {attrs["name"] for tag, attrs in tags if tag == "input" and attrs.get("type") != "radio"}
    assert inputs == {"date"}
    assert "Their name" not in plan and "Where you met" not in plan and "met or start" not in plan
    assert '<label for="nfp-planner-date">The day you start</label>' in plan
    start = next(attrs for tag, attrs in tags if tag == "input" and attrs.get("value") == "start")
    assert start["data-date-label"] == "The day you start"
    assert next(attrs for tag, attrs in tags if tag == "section")["data-plan-kind"] == "path"
    # A checklist's planner still follows up one person.
    follow_up = render_planner(dated, page_url=None, rules=RULES, bundle_url=PLANNER_JS)
    assert '<label for="nfp-planner-date">The day you met or start</label>' in follow_up
    assert 'name="name"' in follow_up and 'name="place"' in follow_up


def test_planner_escapes_the_title() -> None:
    checklist = Checklist(id="x", title='Follow "up" <now>', summary="For testing escaping here.", tags=("a",),
                          sections=(Section(title="S", anchor="s", items=(
                              Item(id="a", text="Do it", line=1, after="P1D"),)),), source="x.yml")
    html = render_planner(checklist, page_url=None, rules=RULES, bundle_url=PLANNER_JS)
    assert 'data-checklist-title="Follow &#34;up&#34; &lt;now&gt;"' in html


def test_transfer_lists_what_this_site_can_import() -> None:
    one = checklist_of(Item(id="a", text="Do it", line=1), Item(id="b", text="Do that", line=2))
    two = checklist_of(Item(id="c", text="Do more", line=1), checklist_id="other")
    single = elements(render_transfer(checklists=[one], single=True, rules=RULES, bundle_url=TRANSFER_JS))
    section = next(attrs for tag, attrs in single if tag == "section")
    assert section["data-scope"] == "one" and section["data-checklist-id"] == "plan"
    assert section["data-nfp-bundle"] == TRANSFER_JS and section["data-nfp-bundle-failed"]
    assert json.loads(section["data-known"] or "") == {"plan": ["a", "b"]}
    assert (section["data-format"], section["data-version"]) == ("networking-for-phds-progress", "1")
    assert section["data-checklist-id-pattern"] == SCHEMA["properties"]["id"]["pattern"]
    assert section["data-item-id-pattern"] == SCHEMA["$defs"]["slug"]["pattern"]
    every = elements(render_transfer(checklists=[one, two], single=False, rules=RULES, bundle_url=TRANSFER_JS))
    section = next(attrs for tag, attrs in every if tag == "section")
    assert section["data-scope"] == "all" and "data-checklist-id" not in section
    assert json.loads(section["data-known"] or "") == {"plan": ["a", "b"], "other": ["c"]}
    with pytest.raises(ValueError, match="exactly one checklist, got 2"):
        render_transfer(checklists=[one, two], single=True, rules=RULES, bundle_url=TRANSFER_JS)


def test_script_rules_follow_the_schema_even_after_a_validator_rewrote_its_references() -> None:
    schema = json.loads(json.dumps(SCHEMA))
    schema["$defs"]["slug"]["pattern"] = "^[a-z]+$"
    schema["$defs"]["item"]["properties"]["after"]["pattern"] = "^P([0-9]W)?$"
    compile_fast_check(schema)  # fastjsonschema rewrites "#/$defs/slug" to an absolute address in place
    rules = ScriptRules.from_schema(schema)
    assert (rules.item_id, rules.after) == ("^[a-z]+$", "^P([0-9]W)?$")
    del schema["$defs"]["item"]["properties"]["after"]["pattern"]
    with pytest.raises(ValueError, match=r"checklists/schema.json: no pattern at \$defs.item.properties.after"):
        ScriptRules.from_schema(schema)


# --- The built site -------------------------------------------------------------------------------------


def test_built_pages_offer_the_planner_and_transfer_where_they_belong(built_site) -> None:
    catalog = load_catalog(CHECKLISTS, root=ROOT)
    for checklist in catalog.checklists:
        html = built_site.page(f"checklists/{checklist.id}/")
        assert ('class="nfp-planner"' in html) == bool(dated_items(checklist)), checklist.id
        assert 'class="nfp-transfer"' in html and 'data-scope="one"' in html, checklist.id
        for item in dated_items(checklist):
            assert f'id="{item.id}" data-item-id="{item.id}" data-after="{item.after}"' in html
    assert {"follow-up", "keep-in-touch"} <= {c.id for c in catalog.checklists if dated_items(c)}
    follow_up = built_site.page("checklists/follow-up/")
    assert 'data-page-url="https://networking-for-phds.github.io/networking-for-phds/checklists/follow-up/"' \
        in follow_up
    index = built_site.page("checklists/")
    section = next(attrs for tag, attrs in elements(index) if tag == "section" and "data-known" in attrs)
    assert section["data-scope"] == "all"
    assert set(json.loads(section["data-known"] or "")) == {c.id for c in catalog.checklists}
    path_page = built_site.page("paths/postdoc-leaving-soon/")
    assert 'class="nfp-planner"' in path_page and 'name="date"' in path_page
    assert 'name="name"' not in path_page and 'name="place"' not in path_page
    booklet = built_site.page("checklists/booklet/")
    assert 'class="nfp-planner"' not in booklet and 'class="nfp-transfer"' not in booklet
    for page in (follow_up, index):
        assert "assets/js/nfp.js" in page and "assets/css/nfp.css" in page  # planner.js/.css are inside these
