"""Property-based: whatever YAML a stranger sends, the loader answers with Problems, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nfp.catalog import load_catalog
from nfp.problems import DataError
from sitetools import ROOT

SCHEMA = ROOT / "checklists" / "schema.json"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["P2D", "id", "text", "sections", "items", "<b>x</b>",
                                                           "[a](javascript:x)", "guide.md#x"]))
keys = st.sampled_from(["id", "title", "summary", "tags", "guide", "sections", "items", "text", "details", "when",
                        "after", "link", "template", "txt"]) | st.text(max_size=8)
documents = st.recursive(scalars, lambda children: st.lists(children, max_size=4) |
                         st.dictionaries(keys, children, max_size=6), max_leaves=25)
yaml_noise = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?\\") + ["\u00e9", "\U0001f600"]),
                     max_size=120)


def check(folder: Path, text: str | bytes) -> None:
    path = folder / "fuzz.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    try:
        catalog = load_catalog(folder, root=folder.parent, docs_pages={"guide.md"})
    except DataError as error:
        for problem in error.problems:
            assert problem.file == "checklists/fuzz.yml" and problem.line >= 1 and problem.message
    else:
        assert [c.id for c in catalog.checklists] == ["fuzz"]


def folder_in(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "checklists"
    folder.mkdir()
    shutil.copy(SCHEMA, folder)
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_random_structures_never_raise(tmp_path_factory, document) -> None:
    check(folder_in(tmp_path_factory), yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_noise)
def test_random_yaml_text_never_raises(tmp_path_factory, text) -> None:
    check(folder_in(tmp_path_factory), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=80))
def test_random_bytes_never_raise(tmp_path_factory, data) -> None:
    check(folder_in(tmp_path_factory), data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=5, max_size=200), details=st.text(min_size=5, max_size=300))
def test_random_item_text_in_a_valid_checklist_never_raises(tmp_path_factory, text, details) -> None:
    document = {"id": "fuzz", "title": "Fuzz checklist", "summary": "A checklist made by the property-based test.",
                "tags": ["getting-started"], "sections": [{"title": "Only", "items": [
                    {"id": "one", "text": text, "details": details}]}]}
    check(folder_in(tmp_path_factory), yaml.safe_dump(document, allow_unicode=True))
