"""Load untrusted YAML into plain data plus the line of every field.

On top of PyYAML's safe loading, this refuses what has no place in a checklist and could surprise a reader
or hang the build: anchors and aliases (the "billion laughs"), duplicate keys (the second silently wins in
PyYAML), custom tags, non-UTF-8 bytes, very deep nesting and very large files.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import FieldPath, Problem, format_field_path
from .text_safety import find_hidden_characters

MAX_FILE_BYTES = 200_000
MAX_DEPTH = 20


@dataclass
class LoadedYaml:
    """A YAML document as plain data, with the 1-based line where each field path starts."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        return line_of(self.lines, path)


def line_of(lines: Mapping[FieldPath, int], path: FieldPath) -> int:
    """The line of `path` in `lines`, or of its nearest parent that has one (1 if none has)."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors and aliases before anything is built from them."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark.line + 1, "YAML aliases (*name) are not allowed; write the value out")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(event.start_mark.line + 1, "YAML anchors (&name) are not allowed; write the value out")
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = frozenset({
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
})


def _build(node: Node, path: FieldPath, out: LoadedYaml, constructor: yaml.SafeLoader, file: str,
           problems: list[Problem]) -> Any:
    """Turn a composed node into plain data, recording lines and refusing duplicate keys and odd tags."""
    out.lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _STANDARD_TAGS:
        raise _Refused(node.start_mark.line + 1, f"the tag {node.tag!r} is not allowed; remove it")
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, "a key must be a plain word, not a list or mapping")
            key = key_node.value  # keys stay text: `yes:` or `1:` must not turn into True or 1
            line = key_node.start_mark.line + 1
            if key in result:
                problems.append(Problem(file, line, format_field_path(path),
                                        f"duplicate key '{key}' (first on line {out.lines[(*path, key)]})"))
                continue
            out.lines[(*path, key)] = line
            result[key] = _build(value_node, (*path, key), out, constructor, file, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_build(child, (*path, index), out, constructor, file, problems)
                for index, child in enumerate(node.value)]
    if node.tag == _STR_TAG:
        return node.value  # what the constructor would return, without its bookkeeping (most values are text)
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError) as error:  # e.g. an impossible date such as 2026-02-30
        raise _Refused(node.start_mark.line + 1, f"the value could not be read ({error}); put it in quotes") from None
    # A date written without quotes (checked_on: 2026-11-25) is text, as contributors' editors read it.
    return value.isoformat()[:10] if isinstance(value, (datetime.date, datetime.datetime)) else value


# PyYAML's C parser (libyaml) reads a checklist about ten times faster than the pure-Python one, which is most
# of a large build (without it the checklists/plain ratio at N = 1,000 rose from 1.1 to about 2: bench/README.md,
# "Third round"). This is the one hand-written fast path kept; bench/fuzz_fast_paths.py checks it. It only gets text it cannot be hurt by and reads as PyYAML does: few flow brackets (a deep
# `[[[...` crashes its recursive composer), no anchors or aliases, and none of the constructs where fuzzing found
# it laxer than PyYAML (tabs, a BOM inside the text, `?` in a flow collection, `#` right after `|` or `>`).
# Anything else, and any error or problem at all, goes through the pure-Python loader, so every problem is
# reported exactly as before.
_CLoader = getattr(yaml, "CSafeLoader", None)
_FAST_MAX_BRACKETS = 64
# Text libyaml reads but PyYAML refuses: `?` inside a flow collection, `#` straight after a block scalar header.
_LIBYAML_LAXER = re.compile(r"[\[{][^\]}]*\?|[|>][-+0-9]*#")


def _parse_fast(text: str, file: str) -> tuple[LoadedYaml | None, list[Problem]] | None:
    """The result for plain, valid text via libyaml, or None to use the pure-Python loader."""
    if _CLoader is None or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS:
        return None
    if ("\t" in text or "\ufeff" in text or _LIBYAML_LAXER.search(text)
            or yaml.reader.Reader.NON_PRINTABLE.search(text)):
        return None
    try:
        if "&" in text or "*" in text:
            for event in yaml.parse(text, Loader=_CLoader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                    return None
        loader = _CLoader(text)
        try:
            root = loader.get_single_node()
            if not isinstance(root, MappingNode):  # a checklist is a mapping; leave odd documents to PyYAML
                return None
            problems: list[Problem] = []
            loaded = LoadedYaml(data=None)
            loaded.data = _build(root, (), loaded, loader, file, problems)
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - whatever went wrong, the pure-Python loader says it properly
        return None
    return (loaded, problems) if not problems else None


def parse_yaml_text(text: str, *, file: str) -> tuple[LoadedYaml | None, list[Problem]]:
    """Parse YAML text. Returns the data (None if unusable) and the problems found."""
    fast = _parse_fast(text, file)
    if fast is not None:
        return fast
    problems: list[Problem] = []
    try:
        loader = _NoAliasLoader(text)  # the reader already refuses control characters here
        try:
            root = loader.get_single_node()
            if root is None:
                return None, [Problem(file, 1, "(top level)", "the file is empty")]
            loaded = LoadedYaml(data=None)
            loaded.data = _build(root, (), loaded, loader, file, problems)
        finally:
            loader.dispose()
    except _Refused as refused:
        return None, [Problem(file, refused.line, "(top level)", refused.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "not valid YAML"
        return None, [Problem(file, line, "(top level)", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return None, [Problem(file, line, "(top level)", f"contains the control character {error.character!r}, "
                                                        "which YAML does not allow; remove it")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, "(top level)", f"YAML syntax error: {error}")]
    except RecursionError:
        return None, [Problem(file, 1, "(top level)", f"nested more than {MAX_DEPTH} levels deep")]
    return loaded, problems


def load_yaml_file(path: Path, *, display_name: str) -> tuple[LoadedYaml | None, list[Problem]]:
    """Read and parse one YAML file, refusing symbolic links and files that are too large or not UTF-8."""
    if path.is_symlink():  # never read: it could be any file on the machine
        return None, [Problem(display_name, 1, "(file)", "is a symbolic link; replace it with the file itself")]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(display_name, 1, "(file)", f"cannot be read: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display_name, 1, "(file)", f"is {len(raw):,} bytes; at most {MAX_FILE_BYTES:,} allowed")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display_name, line, "(file)", "is not valid UTF-8; save it as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    loaded, problems = parse_yaml_text(text, file=display_name)
    if loaded is not None:  # every decoded document: no invisible or control characters (YAML escapes included)
        problems = problems + find_hidden_characters(loaded.data, file=display_name, line_of=loaded.line_of)
    return loaded, problems
