"""The backup file's schema (docs/assets/schemas/network.schema.json), read the way the page and a contributor's
editor read it: only the keywords the page's small validator implements, a real backup that validates, and
hostile backups that fail. The same file is checked against the page's own validator in
tests/browser/test_network_data.py.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "docs" / "assets" / "schemas" / "network.schema.json"
SCRIPT_PATH = ROOT / "docs" / "assets" / "js" / "network-data.js"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

# The keywords network-data.js implements, as the schema's own description lists them; `title`, `description`,
# `$schema`, `$id` and `$defs` are annotations or structure it reads but does not check values against.
ALLOWED = {"type", "properties", "required", "additionalProperties", "items", "maxItems", "minLength", "maxLength",
           "pattern", "enum", "const", "minimum", "maximum", "$ref", "title", "description", "$schema", "$id",
           "$defs", "propertyNames", "maxProperties"}


def schema_nodes(node: dict[str, Any], where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with its JSON pointer: property and definition names are names, not keywords."""
    yield where, node
    for key in ("properties", "$defs"):
        for name, child in node.get(key, {}).items():
            yield from schema_nodes(child, f"{where}/{key}/{name}")
    for key in ("items", "propertyNames"):
        if isinstance(node.get(key), dict):
            yield from schema_nodes(node[key], f"{where}/{key}")


def example_backup() -> dict[str, Any]:
    """The backup from the contract's example: one person met at a workshop, one tick."""
    return {
        "format": "networking-for-phds-everything", "version": 1, "exported": "2026-11-30T10:00:00.000Z",
        "checklists": {"conference": ["book-table"]},
        "network": {
            "v": 1, "settings": {"rhythms": {"close": 1, "regular": 3, "occasional": 6}},
            "people": [{
                "id": "p-k3j9x2m4q7", "name": "Dr Amara Okafor", "where": "EMBO workshop, Heidelberg",
                "met_on": "2026-11-12", "organisation": "Roche", "role": "Medical science liaison",
                "reach": "amara@example.org", "tags": ["biotech", "alumni"],
                "notes": "Suggested I talk to her colleague in regulatory affairs.", "closeness": "regular",
                "search": "wrote", "log": [{"on": "2026-11-13", "kind": "wrote"}], "archived": False,
                "created": "2026-11-12T18:04:11.000Z", "updated": "2026-11-13T09:12:40.000Z",
            }],
        },
    }


VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_uses_only_the_keywords_the_page_validator_implements() -> None:
    for where, node in schema_nodes(SCHEMA):
        unknown = set(node) - ALLOWED
        assert not unknown, f"{where} uses {sorted(unknown)}, which network-data.js does not implement"
        if "additionalProperties" in node:
            assert node["additionalProperties"] is False, f"{where}: additionalProperties may only be false"
        if "propertyNames" in node:
            assert set(node["propertyNames"]) == {"pattern"}, f"{where}: propertyNames may only hold a pattern"
        if "$ref" in node:
            assert re.fullmatch(r"#/\$defs/[A-Za-z]+", node["$ref"]), f"{where}: only local #/$defs/ references"
            assert node["$ref"].rsplit("/", 1)[1] in SCHEMA["$defs"], f"{where}: {node['$ref']} does not exist"
        if "$defs" in node:
            assert where == "#", f"{where}: $defs only at the top, where #/$defs/ references look"


def test_every_object_lists_its_fields_so_nothing_unknown_is_copied() -> None:
    """The page copies only the fields a schema names: every object with fields refuses any other field."""
    for where, node in schema_nodes(SCHEMA):
        if "properties" in node:
            assert node.get("additionalProperties") is False, f"{where} would let unknown fields through"


def test_the_script_reads_the_limits_from_the_schema_instead_of_restating_them() -> None:
    """A limit changed in the schema must change the page: network-data.js holds no copy of one."""
    script = SCRIPT_PATH.read_text(encoding="utf-8")
    limits = {node[key] for _, node in schema_nodes(SCHEMA)
              for key in ("maxLength", "maxItems", "maxProperties") if key in node}
    assert {200, 300, 5000, 500, 40} <= limits  # the limits the contract names, so this test cannot go vacuous
    for limit in sorted(limits - {1, 20, 24}):  # small numbers also count days and months in the script
        assert not re.search(rf"(?<![\w.]){limit}(?![\w.])", script), f"network-data.js restates the limit {limit}"


def test_checklist_ids_have_the_same_pattern_as_the_checklists_themselves() -> None:
    checklist_schema = json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))
    assert SCHEMA["properties"]["checklists"]["propertyNames"]["pattern"] == \
        checklist_schema["properties"]["id"]["pattern"]


def test_the_example_backup_validates() -> None:
    errors = list(VALIDATOR.iter_errors(example_backup()))
    assert errors == []


def test_a_person_needs_only_a_name_and_what_the_page_always_writes() -> None:
    backup = example_backup()
    person = backup["network"]["people"][0]
    for optional in ("where", "met_on", "organisation", "role", "reach", "tags", "notes", "search"):
        del person[optional]
    assert list(VALIDATOR.iter_errors(backup)) == []
    person["met_on"] = ""  # the form's empty date field
    person["search"] = None  # not part of a job search
    assert list(VALIDATOR.iter_errors(backup)) == []


def hostile(change: str) -> dict[str, Any]:
    """The example backup with one thing made wrong, as named by `change`."""
    backup = copy.deepcopy(example_backup())
    person = backup["network"]["people"][0]
    changes = {
        "version 2": lambda: backup.update(version=2),
        "version as text": lambda: backup.update(version="1"),
        "no format": lambda: backup.pop("format"),
        "a progress file's format": lambda: backup.update(format="networking-for-phds-progress"),
        "no notebook": lambda: backup.pop("network"),
        "__proto__ at the top": lambda: backup.update({"__proto__": {"polluted": True}}),
        "__proto__ in a person": lambda: person.update({"__proto__": {"polluted": True}}),
        "constructor in a person": lambda: person.update(constructor={"prototype": {"polluted": True}}),
        "__proto__ as a checklist id": lambda: backup["checklists"].update({"__proto__": ["x"]}),
        "a name of 201 characters": lambda: person.update(name="a" * 201),
        "an empty name": lambda: person.update(name=""),
        "a name that is a list": lambda: person.update(name=["Amara"]),
        "notes of 5,001 characters": lambda: person.update(notes="n" * 5001),
        "21 tags": lambda: person.update(tags=[f"tag{i}" for i in range(21)]),
        "a tag of 41 characters": lambda: person.update(tags=["t" * 41]),
        "an unknown closeness": lambda: person.update(closeness="best-friend"),
        "an unknown job-search status": lambda: person.update(search="hired"),
        "a log that is text": lambda: person.update(log="wrote on Monday"),
        "501 log entries": lambda: person.update(log=[{"on": "2026-11-13", "kind": "wrote"}] * 501),
        "an unknown kind of contact": lambda: person.update(log=[{"on": "2026-11-13", "kind": "tweeted"}]),
        "a day written the American way": lambda: person.update(met_on="11/12/2026"),
        "an id with capitals": lambda: person.update(id="p-K3J9X2M4Q7"),
        "a rhythm of 0 months": lambda: backup["network"]["settings"]["rhythms"].update(close=0),
        "a rhythm of 25 months": lambda: backup["network"]["settings"]["rhythms"].update(occasional=25),
        "archived as text": lambda: person.update(archived="false"),
        "5,001 people": lambda: backup["network"].update(people=[person] * 5001),
        "501 checklists": lambda: backup.update(checklists={f"list-{i}": [] for i in range(501)}),
        "a timestamp with a time zone offset": lambda: person.update(updated="2026-11-13T10:12:40+01:00"),
    }
    changes[change]()
    return backup


HOSTILE = [
    "version 2", "version as text", "no format", "a progress file's format", "no notebook", "__proto__ at the top",
    "__proto__ in a person", "constructor in a person", "__proto__ as a checklist id", "a name of 201 characters",
    "an empty name", "a name that is a list", "notes of 5,001 characters", "21 tags", "a tag of 41 characters",
    "an unknown closeness", "an unknown job-search status", "a log that is text", "501 log entries",
    "an unknown kind of contact", "a day written the American way", "an id with capitals", "a rhythm of 0 months",
    "a rhythm of 25 months", "archived as text", "5,001 people", "501 checklists",
    "a timestamp with a time zone offset",
]


@pytest.mark.parametrize("change", HOSTILE)
def test_a_hostile_backup_fails(change: str) -> None:
    assert not VALIDATOR.is_valid(hostile(change)), f"a backup with {change} was accepted"


def test_html_in_a_name_is_valid_text() -> None:
    """Markup is only text to the notebook: the schema accepts it, and the page shows it as text."""
    backup = example_backup()
    backup["network"]["people"][0]["name"] = "<img src=x onerror=alert(1)>"
    assert VALIDATOR.is_valid(backup)
