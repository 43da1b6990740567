"""Each rule is stated once, in the schema: its friendly message beside it, and the code that needs it reads it."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from nfp.durations import add_duration, parse_duration
from nfp.rules import duration_pattern, id_pattern
from nfp.schema_check import MESSAGE_KEYWORD, compile_schema, check_against_schema
from nfp.yaml_safe import parse_yaml_text
from sitetools import ROOT

SCHEMAS = sorted((ROOT / "checklists").glob("**/*schema.json"))


def patterns(schema: object, where: str = "") -> list[tuple[str, dict]]:
    """(JSON pointer, subschema) of every subschema with a `pattern`."""
    found = []
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            found.append((where or "/", schema))
        for key, value in schema.items():
            found += patterns(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += patterns(value, f"{where}/{index}")
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_pattern_has_its_message_beside_it(path: Path) -> None:
    # A new or renamed pattern without a message would give contributors a raw regular expression.
    found = patterns(json.loads(path.read_text(encoding="utf-8")))
    assert found
    for pointer, schema in found:
        message = schema.get(MESSAGE_KEYWORD)
        assert isinstance(message, str) and message.startswith("is "), f"{path.name}{pointer}: no {MESSAGE_KEYWORD}"


def test_the_message_comes_from_the_schema_whatever_the_pattern() -> None:
    text = (ROOT / "checklists" / "schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    after = schema["$defs"]["item"]["properties"]["after"]
    after["pattern"] = "^P[0-9]D$"  # a different rule; the message beside it is what a contributor reads
    after[MESSAGE_KEYWORD] = "is not a number of days such as P2D"
    loaded, _ = parse_yaml_text("id: x\ntitle: Xyz\nsummary: A summary long enough for the schema.\ntags: [a]\n"
                                "sections:\n  - title: Steps\n    items:\n      - id: a\n        text: Do it\n"
                                "        after: P3W\n", file="x.yml")
    problems = check_against_schema(loaded, compile_schema(json.dumps(schema)), file="x.yml")
    assert [str(p) for p in problems] == [
        "x.yml:10: sections[0].items[0].after: 'P3W' is not a number of days such as P2D"]


def test_durations_follow_the_schema_pattern() -> None:
    assert duration_pattern() == json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))[
        "$defs"]["item"]["properties"]["after"]["pattern"]
    assert parse_duration("P1Y2M3W4D").days == 4
    days_only = "^P(?!$)([0-9]{1,3}D)?$"
    assert parse_duration("P4D", pattern=days_only).days == 4
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("P1W", pattern=days_only)
    with pytest.raises(ValueError, match="does not know the part 'T2H'"):
        add_duration(date(2026, 1, 1), "PT2H", pattern="^P(T2H)$")


def test_the_id_pattern_is_the_schemas() -> None:
    assert re.fullmatch(id_pattern(), "thank-you-note")
    assert not re.fullmatch(id_pattern(), "Thank You")
