"""Safe YAML loading: plain data with lines, and refusal of what has no place in a checklist."""

from __future__ import annotations

from pathlib import Path

import pytest

from nfp.yaml_safe import MAX_FILE_BYTES, load_yaml_file, parse_yaml_text


def test_records_the_line_of_every_field() -> None:
    loaded, problems = parse_yaml_text("id: a\nsections:\n  - title: T\n    items:\n      - id: x\n", file="f.yml")
    assert problems == []
    assert loaded is not None
    assert loaded.data == {"id": "a", "sections": [{"title": "T", "items": [{"id": "x"}]}]}
    assert loaded.lines[("sections",)] == 2
    assert loaded.lines[("sections", 0, "items", 0, "id")] == 5
    # A path with no line of its own falls back to its nearest parent.
    assert loaded.line_of(("sections", 0, "items", 0, "id", "nothing")) == 5


def test_keys_stay_text_even_when_yaml_would_read_them_as_booleans() -> None:
    loaded, problems = parse_yaml_text("yes: 1\n2: b\n", file="f.yml")
    assert problems == [] and loaded is not None
    assert loaded.data == {"yes": 1, "2": "b"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "YAML anchors (&name) are not allowed; write the value out"),
        ("a: !!python/name:os.system\n", "the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
        ("a: !custom x\n", "the tag '!custom' is not allowed"),
        ("a: 2026-02-30\n", "the value could not be read"),
        ("[" * 200 + "]" * 200, "nested more than"),
    ],
)
def test_refuses_dangerous_or_surprising_yaml(text: str, message: str) -> None:
    loaded, problems = parse_yaml_text(text, file="f.yml")
    assert loaded is None
    assert len(problems) == 1 and message in problems[0].message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    loaded, problems = parse_yaml_text("\n".join(lines), file="f.yml")
    assert loaded is None and "anchors" in problems[0].message


def test_duplicate_keys_are_all_reported_with_both_lines() -> None:
    loaded, problems = parse_yaml_text("a: 1\nb: 2\na: 3\nb: 4\n", file="f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:3: (top level): duplicate key 'a' (first on line 1)",
        "f.yml:4: (top level): duplicate key 'b' (first on line 2)",
    ]


def test_refuses_files_that_are_not_utf8_or_too_large(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes(b"a: 1\ntitle: Caf\xe9\n")
    assert [str(p) for p in load_yaml_file(latin1, display_name="latin1.yml")[1]] == [
        "latin1.yml:2: (file): is not valid UTF-8; save it as UTF-8"
    ]
    huge = tmp_path / "huge.yml"
    huge.write_text("a: " + "x" * MAX_FILE_BYTES, encoding="utf-8")
    assert "at most" in load_yaml_file(huge, display_name="huge.yml")[1][0].message


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufeffa: café\n".encode())
    loaded, problems = load_yaml_file(path, display_name="bom.yml")
    assert problems == [] and loaded is not None and loaded.data == {"a": "café"}


def test_an_edit_is_always_read_and_each_load_is_a_new_object(tmp_path: Path) -> None:
    # mkdocs serve rebuilds everything on each save in one process: nothing from an earlier load may come back.
    path = tmp_path / "c.yml"
    path.write_text("title: First\n", encoding="utf-8")
    first, first_problems = load_yaml_file(path, display_name="c.yml")
    again, again_problems = load_yaml_file(path, display_name="c.yml")
    assert again is not first and again_problems is not first_problems
    path.write_text("title: Edited\n", encoding="utf-8")
    edited, _ = load_yaml_file(path, display_name="c.yml")
    assert edited is not first and edited.data == {"title": "Edited"}
    # The same broken text under two names is reported under each name.
    path.write_text("title: [unclosed\n", encoding="utf-8")
    assert load_yaml_file(path, display_name="a.yml")[1][0].file == "a.yml"
    assert load_yaml_file(path, display_name="b.yml")[1][0].file == "b.yml"
