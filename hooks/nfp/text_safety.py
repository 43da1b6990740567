"""Invisible and control characters in contributor text, refused after YAML decoding.

YAML escapes (`"\\e"`, `"\\u202e"`) get past any check of the raw bytes, and what they decode to can hide a
sentence that the Copy button still copies (tag characters, zero-width spaces), turn "gnp.exe" into "exe.png"
on screen (U+202E), or reach a terminal as an escape sequence. Real writing keeps what it needs: the zero-width
joiner inside an emoji sequence (👩‍🔬) and the zero-width non-joiner (and joiner) inside Persian or Hindi words,
that is, right after a visible character. Messages name the code point, never the character itself.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from .link_rules import find_address_problems
from .problems import FieldPath, Problem, format_field_path

# Fields whose text may run over several lines (a message body): tab and newline are allowed there.
MULTILINE_FIELDS = frozenset({"body"})
ZERO_WIDTH_JOINERS = {"\u200c", "\u200d"}  # ZWNJ, ZWJ: allowed right after a visible character
# Letters that draw nothing (Hangul fillers): as invisible as a format character.
INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}
# Control (Cc), format (Cf: bidi overrides and isolates, zero-width space, tag characters, soft hyphen, BOM),
# lone surrogates (Cs), private use (Co), unassigned (Cn) and the line and paragraph separators (Zl, Zp).
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _visible(char: str) -> bool:
    # Combining marks count: a virama before a ZWNJ in Hindi, U+FE0F before a ZWJ in an emoji sequence.
    return (not char.isspace() and unicodedata.category(char) not in _REFUSED_CATEGORIES
            and char not in ZERO_WIDTH_JOINERS and char not in INVISIBLE_LETTERS)


def describe(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: a character named without printing it."""
    name = unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "control character"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def find_hidden(text: str, *, multiline: bool) -> list[str]:
    """The characters of `text` a contributor must remove, each once, in order of appearance."""
    found: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        if char in ("\t", "\n") and (multiline or (char == "\n" and index == last)):
            continue  # a block scalar ends with a newline whatever the field
        if char in ZERO_WIDTH_JOINERS:
            if index > 0 and _visible(text[index - 1]):  # joins what precedes it; a run of joiners hides text
                continue
        elif char not in INVISIBLE_LETTERS and unicodedata.category(char) not in _REFUSED_CATEGORIES:
            continue
        if char not in found:
            found.append(char)
    return found


def find_hidden_characters(data: Any, *, file: str, line_of: Callable[[FieldPath], int],
                           multiline_fields: Collection[str] = MULTILINE_FIELDS) -> list[Problem]:
    """A problem for every key or string value in decoded `data` that holds an invisible or control character,
    or an address written out that breaks the link rule (nfp/link_rules.py)."""
    problems: list[Problem] = []

    def check(text: str, path: FieldPath, what: str, multiline: bool) -> None:
        hidden = find_hidden(text, multiline=multiline)
        if hidden:
            names = ", ".join(describe(char) for char in hidden[:3]) + (" and more" if len(hidden) > 3 else "")
            problems.append(Problem(file, line_of(path), format_field_path(path),
                                    f"{what} contains {names}, which readers cannot see; remove it"))

    def walk(value: Any, path: FieldPath) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str):
                    check(key, (*path, key), "the key", multiline=False)
                walk(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*path, index))
        elif isinstance(value, str):
            field = next((part for part in reversed(path) if isinstance(part, str)), "")
            check(value, path, "the text", multiline=field in multiline_fields)
            # Addresses written out in data (a template's body is copied as is) follow the one link rule too.
            for message in find_address_problems(value):
                problems.append(Problem(file, line_of(path), format_field_path(path), message))

    walk(data, ())
    return problems
