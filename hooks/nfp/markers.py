"""The markers a guide uses to place generated blocks, and their replacement: `<!-- checklist: id -->` places a
checklist card, `<!-- template: id -->` a message template from checklists/shared/messages.yml, and
`<!-- paths: academia/conferences.md -->` the paths that include a guide (nfp/routing.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .hints import did_you_mean

# A guide places a checklist card with this marker on a line of its own: <!-- checklist: conference -->
MARKER = re.compile(r"<!--\s*checklist:\s*(?P<id>[^\s>]*)\s*-->")
# ... and a message template with: <!-- template: thank-you-after-interview -->
TEMPLATE_MARKER = re.compile(r"<!--\s*template:\s*(?P<id>[^\s>]*)\s*-->")
# ... and, on a section index page, the paths that include a guide with: <!-- paths: academia/conferences.md -->
PATHS_MARKER = re.compile(r"<!--\s*paths:\s*(?P<id>[^\s>]*)\s*-->")


@dataclass(frozen=True)
class MarkerProblem:
    checklist_id: str
    line: int
    message: str


def replace_markers(html: str, *, markdown: str, known: Collection[str], render: Callable[[str], str],
                    marker: re.Pattern[str] = MARKER, what: str = "checklist",
                    unknown: str = "no {what} has the id '{id}'") -> tuple[str, list[str], list[MarkerProblem]]:
    """Replace each checklist marker (or other `marker`) in rendered `html` with what `render` returns for its id.

    Returns the new HTML, the ids placed, and a problem for each unknown id (with its line in `markdown`, the
    page's whole source, so the line counts the front matter too), worded by `unknown`.
    Markers inside code blocks were escaped by Markdown and are left alone, so docs can show the syntax.
    """
    placed: list[str] = []
    problems: list[MarkerProblem] = []

    def substitute(match: re.Match[str]) -> str:
        checklist_id = match.group("id")
        if checklist_id in known:
            placed.append(checklist_id)
            return render(checklist_id)
        line = _line_of(markdown, checklist_id, marker)
        problems.append(MarkerProblem(checklist_id, line, unknown.format(what=what, id=checklist_id)
                                      + did_you_mean(checklist_id, known)))
        return match.group(0)

    return marker.sub(substitute, html), placed, problems


def _line_of(markdown: str, checklist_id: str, marker: re.Pattern[str]) -> int:
    for number, line in enumerate(markdown.splitlines(), start=1):
        found = marker.search(line)
        if found and found.group("id") == checklist_id:
            return number
    return 1
