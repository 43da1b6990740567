"""Problems found in contributor data, reported as `file:line: field.path: what is wrong (hint)`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_field_path(path: Sequence[str | int]) -> str:
    """`('sections', 0, 'items', 3)` -> `sections[0].items[3]`; the empty path is the file's top level."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must fix, with enough context to find it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor sees them all in one run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in checklist data:"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def display_name(path: Path, root: Path) -> str:
    """How a problem names a file: relative to the repository root (`checklists/conference.yml`)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
