"""The fast schema check (fastjsonschema) may only ever say "valid" where jsonschema, the judge, says so too."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nfp.schema_check import FAST_KEYWORDS, compile_fast_check, schema_keywords
from sitetools import ROOT

SCHEMAS = sorted((ROOT / "checklists").glob("**/*schema.json"))
CHECKLIST_SCHEMA = json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))
SHIPPED = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "checklists").glob("*.yml"))]


def judge(schema: dict, data: object) -> bool:
    return not any(jsonschema.validators.validator_for(schema)(schema).iter_errors(data))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_shipped_schema_gets_the_fast_check(path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema_keywords(schema) <= FAST_KEYWORDS, "a keyword the fast check may read differently"
    assert compile_fast_check(schema) is not None


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_compiling_the_fast_check_leaves_the_schema_as_written(path) -> None:
    # The same dict is cached and handed to jsonschema, whose messages name `$ref`s as the schema writes them.
    schema = json.loads(path.read_text(encoding="utf-8"))
    written = copy.deepcopy(schema)
    compile_fast_check(schema)
    assert schema == written


def test_a_keyword_outside_the_common_set_turns_the_fast_check_off() -> None:
    schema = copy.deepcopy(CHECKLIST_SCHEMA)
    schema["$defs"]["item"]["unevaluatedProperties"] = False
    assert compile_fast_check(schema) is None
    # Names of properties are not keywords: a field called "format" is fine.
    schema = copy.deepcopy(CHECKLIST_SCHEMA)
    schema["properties"]["format"] = {"type": "string"}
    assert compile_fast_check(schema) is not None


def test_a_schema_the_fast_check_cannot_compile_is_left_to_jsonschema() -> None:
    schema = copy.deepcopy(CHECKLIST_SCHEMA)
    schema["properties"]["id"]["pattern"] = "(unclosed"
    assert compile_fast_check(schema) is None


def test_shipped_checklists_pass_both_checks() -> None:
    fast = compile_fast_check(CHECKLIST_SCHEMA)
    assert SHIPPED and all(fast(data) and judge(CHECKLIST_SCHEMA, data) for data in SHIPPED)


values = st.one_of(st.none(), st.booleans(), st.integers(-3, 300), st.floats(allow_nan=False),
                   st.text(max_size=8), st.text(min_size=190, max_size=320),
                   st.sampled_from(["", "x", "ok-id", "Bad Id", "index", "booklet", "P2D", "P", "PT1H", "P1Y2M",
                                    "academia/conferences.md", "/abs.md", "../up.md", "a.md#x y", "a.md#ok",
                                    "guide.md", "2026-01-01"]),
                   st.lists(st.text(max_size=6), max_size=8), st.dictionaries(st.text(max_size=6), st.none(),
                                                                                max_size=3))


def paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def mutated_checklists(draw) -> object:
    data = copy.deepcopy(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(data)))
        if not path:
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add-key", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "txt", "Id", "after", "link", "template", "when"]))] = draw(values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return data


@settings(max_examples=400, deadline=None)
@given(data=mutated_checklists())
def test_fast_check_agrees_with_jsonschema(data) -> None:
    fast = compile_fast_check(CHECKLIST_SCHEMA)
    assert fast(data) == judge(CHECKLIST_SCHEMA, data)
