"""Every kind of broken checklist gives one actionable line: file, line, field, what is wrong, a hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nfp.catalog import load_catalog
from nfp.problems import DataError

from sitetools import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "checklists"
DOCS_PAGES = {"guide.md"}

EXPECTED = {
    "syntax-error": ["checklists/syntax-error.yml:6: (top level): YAML syntax error: expected the node content, "
                     "but found '-'"],
    "wrong-type": ["checklists/wrong-type.yml:4: tags: expected a list, got text",
                   "checklists/wrong-type.yml:9: sections[0].items[0].text: expected text, got true/false "
                   "(put it in quotes)"],
    "missing-field": ["checklists/missing-field.yml:10: sections[0].items[1]: missing required field 'text'"],
    "unknown-key": ["checklists/unknown-key.yml:10: sections[0].items[1]: missing required field 'text'",
                    "checklists/unknown-key.yml:11: sections[0].items[1].txt: 'txt' is not allowed "
                    "(did you mean 'text'?)"],
    "duplicate-key": ["checklists/duplicate-key.yml:4: (top level): duplicate key 'title' (first on line 2)"],
    "duplicate-id": ["checklists/duplicate-id.yml:10: sections[0].items[1].id: the item id 'same' is already "
                     "used on line 8; item ids must be unique in a checklist"],
    "id-mismatch": ["checklists/id-mismatch.yml:1: id: 'something-else' does not match the file name; rename the "
                    "file to something-else.yml or set id: id-mismatch"],
    "alias": ["checklists/alias.yml:3: (top level): YAML anchors (&name) are not allowed; write the value out"],
    "bad-link-scheme": ["checklists/bad-link-scheme.yml:9: sections[0].items[0].text: link "
                        "'javascript:alert(document.cookie' uses 'javascript:'; only https, http, mailto or a "
                        "path inside docs/ are allowed"],
    "unknown-guide": ["checklists/unknown-guide.yml:5: guide: names 'gide.md', which is not a page in docs/ "
                      "(did you mean 'guide.md'?)"],
    "raw-html": ["checklists/raw-html.yml:9: sections[0].items[0].text: HTML is not allowed; use Markdown "
                 "(*emphasis*, `code`, [text](https://...))"],
    "bad-slug": ["checklists/bad-slug.yml:8: sections[0].items[0].id: 'First Step' is not a valid id: use "
                 "lowercase letters, digits and single hyphens, e.g. 'thank-you-note'"],
    "not-utf8": ["checklists/not-utf8.yml:2: (file): is not valid UTF-8; save it as UTF-8"],
    "empty": ["checklists/empty.yml:1: (top level): the file is empty"],
    "custom-tag": ["checklists/custom-tag.yml:2: (top level): the tag "
                   "'tag:yaml.org,2002:python/object:os.system' is not allowed; remove it"],
    "bad-duration": ["checklists/bad-duration.yml:10: sections[0].items[0].after: '3 weeks' is not an ISO 8601 "
                     "duration such as P2D, P3W, P3M or P1Y"],
    "bad-add-person": ["checklists/bad-add-person.yml:10: sections[0].items[0].add_person: 'yes' is not allowed: "
                       "write true (on an item about meeting someone), or leave the field out"],
}


def make_folder(tmp_path: Path, *fixtures: Path) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(ROOT / "checklists" / "schema.json", folder)
    for fixture in fixtures:
        shutil.copy(fixture, folder / fixture.name)
    return folder


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_catalog(folder, root=folder.parent, docs_pages=DOCS_PAGES)
    return [str(problem) for problem in raised.value.problems]


def test_every_bad_fixture_has_an_expected_message() -> None:
    assert {path.stem for path in (FIXTURES / "bad").glob("*.yml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_exact_one_line_messages(tmp_path: Path, name: str) -> None:
    folder = make_folder(tmp_path, FIXTURES / "bad" / f"{name}.yml")
    assert problems_for(folder) == EXPECTED[name]


def test_all_problems_in_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, *sorted((FIXTURES / "bad").glob("*.yml")), FIXTURES / "good" / "sample.yml")
    reported = problems_for(folder)
    assert reported == sorted(line for lines in EXPECTED.values() for line in lines)
    assert not any("sample.yml" in line for line in reported)


def test_a_yaml_extension_and_an_invalid_file_name_are_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "conference.yaml").write_text("id: conference\n", encoding="utf-8")
    (folder / "My List.yml").write_text("id: my-list\n", encoding="utf-8")
    assert problems_for(folder) == [
        "checklists/My List.yml:1: (file): the file name must be the checklist id: lowercase letters, digits and "
        "single hyphens, e.g. salary-negotiation.yml",
        "checklists/conference.yaml:1: (file): checklists end in .yml; rename it to conference.yml",
    ]


def test_a_valid_file_loads_into_typed_data(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, FIXTURES / "good" / "sample.yml")
    catalog = load_catalog(folder, root=tmp_path, docs_pages=DOCS_PAGES)
    (checklist,) = catalog.checklists
    assert checklist.id == "sample" and checklist.guide == "guide.md"
    assert [item.id for item in checklist.items] == ["first-step", "second-step", "third-step"]
    assert checklist.items[1].after == "P3W"
    assert [section.anchor for section in checklist.sections] == ["before", "after"]
    # Links into docs/ are kept so their anchors can be checked once the guides are rendered.
    assert {(link.page, link.anchor) for link in catalog.docs_links} == {("guide.md", None), ("guide.md", "a-heading")}


def test_an_item_text_repeated_in_a_checklist_is_refused(tmp_path: Path) -> None:
    source = (FIXTURES / "good" / "sample.yml").read_text(encoding="utf-8")
    folder = make_folder(tmp_path)
    (folder / "sample.yml").write_text(
        source.replace("Send a thank-you note within 48 hours", "Read the  *Programme* and mark `three` talks"),
        encoding="utf-8")
    assert problems_for(folder) == ["checklists/sample.yml:20: sections[1].items[0].text: the same text as the item "
                                    "on line 11"]
