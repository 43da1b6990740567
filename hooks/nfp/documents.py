"""Every YAML data file the site reads passes through `load_document`: read safely, decoded, checked, typed later.

One door for every document, so a check that applies to all contributor data (on every decoded string, say)
is added here once and no file type can skip it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import FieldPath, Problem, display_name
from .schema_check import CompiledSchema, check_against_schema
from .yaml_safe import line_of, load_yaml_file


@dataclass(frozen=True)
class Document:
    """A schema-valid data file: how messages name it, its data, and the line where each field path starts."""

    file: str
    data: Any
    lines: Mapping[FieldPath, int]

    def line_of(self, path: FieldPath) -> int:
        return line_of(self.lines, path)


def load_document(path: Path, *, root: Path, schema: CompiledSchema) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file and check it against `schema`; the document is None whenever there is a problem."""
    file = display_name(path, root)
    loaded, problems = load_yaml_file(path, display_name=file)
    if loaded is None or problems:
        return None, problems
    # Per-string checks on every decoded value (invisible characters, say) belong here, before the schema.
    problems = check_against_schema(loaded, schema, file=file)
    return (None if problems else Document(file=file, data=loaded.data, lines=loaded.lines)), problems

