"""Invisible and control characters are refused after YAML decoding; what real writing needs still builds."""

from __future__ import annotations

import pytest
from sitetools import build_site, copy_site

from nfp.text_safety import find_hidden
from nfp.yaml_safe import load_yaml_file

HOSTILE = {
    "right-to-left override": ('"invoice\\u202Egnp.exe"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    "bidi isolate": ('"a\\u2066b"', "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    "escape (C0) as YAML escape": ('"\\e[31mred"', "U+001B (control character)"),
    "NUL as YAML escape": ('"a\\0b"', "U+0000 (control character)"),
    "C1 control": ('"a\\x85b"', "U+0085 (control character)"),
    "tag characters": ('"Hi\\U000E0049\\U000E0047\\U000E004E"', "U+E0049 (TAG LATIN CAPITAL LETTER I)"),
    "zero-width space": ('"pass\\u200Bword"', "U+200B (ZERO WIDTH SPACE)"),
    "zero-width joiner with nothing to join": ('"\\u200D starts"', "U+200D (ZERO WIDTH JOINER)"),
    "run of zero-width joiners": ('"a\\u200D\\u200Db"', "U+200D (ZERO WIDTH JOINER)"),
    "lone surrogate": ('"a\\uD800b"', "U+D800"),
    "tab outside a multi-line field": ('"a\\tb"', "U+0009 (control character)"),
}


def write(tmp_path, value: str, key: str = "text"):
    path = tmp_path / "x.yml"
    path.write_text(f"id: x\nsections:\n  - items:\n      - {key}: {value}\n", encoding="utf-8")
    return load_yaml_file(path, display_name="checklists/x.yml")


@pytest.mark.parametrize(("value", "named"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hidden_characters_are_refused_with_file_line_field_and_code_point(tmp_path, value: str, named: str):
    _, problems = write(tmp_path, value)
    [problem] = problems
    assert str(problem).startswith(f"checklists/x.yml:4: sections[0].items[0].text: the text contains {named}")
    assert str(problem).endswith(", which readers cannot see; remove it")
    assert all(ch.isprintable() for ch in str(problems[0]))  # never the raw character


FINE = {
    "emoji zwj sequence (woman scientist)": "Say hi 👩‍🔬",
    "emoji with variation selector and zwj": "👁️‍🗨️ seen",
    "Persian with zero-width non-joiner": "می‌خواهم با شما صحبت کنم",
    "Hindi with zero-width non-joiner": "क्‌ष और नमस्ते",
    "accents and right-to-left text": "Café, naïve, مرحبا, שלום",
}


@pytest.mark.parametrize("text", FINE.values(), ids=FINE.keys())
def test_real_writing_keeps_its_joiners(tmp_path, text: str) -> None:
    assert find_hidden(text, multiline=False) == []
    assert write(tmp_path, f'"{text}"')[1] == []


def test_a_message_body_may_have_newlines_and_tabs(tmp_path) -> None:
    assert write(tmp_path, '"Dear [name],\\n\\n\\tThank you."', key="body")[1] == []
    assert write(tmp_path, '"Dear [name],\\n\\u202E"', key="body")[1][0].message.startswith("the text contains U+202E")


def test_hidden_characters_in_a_message_template_stop_the_build(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    messages = tmp_path / "repo" / "checklists" / "shared" / "messages.yml"
    rows = messages.read_text(encoding="utf-8").splitlines()
    line = rows.index("    body: |") + 1  # the field's line; its first line of text gets hidden tag characters
    rows[line] += "\U000E0041\U000E0042"
    messages.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"checklists/shared/messages.yml:{line}: templates[0].body: the text contains" in result.stderr
    assert "contains U+E0041 (TAG LATIN CAPITAL LETTER A), U+E0042 (TAG LATIN CAPITAL LETTER B)" in result.stderr


def test_a_control_character_in_front_matter_stops_the_build_without_reaching_the_terminal(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    guide = tmp_path / "repo" / "docs" / "start" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("title: Start here", 'title: "\\e[2JStart here"', 1),
                     encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    assert ("docs/start/index.md:2: front matter title: the text contains U+001B (control character), which "
            "readers cannot see; remove it") in result.stderr
