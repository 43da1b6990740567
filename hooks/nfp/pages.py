"""Pure helpers for the pages the checklist hook generates and for the markers guides use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

import yaml

from .model import Checklist
from .render import escape_text

# A guide places a checklist card with this marker on a line of its own: <!-- checklist: conference -->
MARKER = re.compile(r"<!--\s*checklist:\s*(?P<id>[^\s>]*)\s*-->")
# ... and a message template from checklists/shared/messages.yml with: <!-- template: thank-you-after-interview -->
TEMPLATE_MARKER = re.compile(r"<!--\s*template:\s*(?P<id>[^\s>]*)\s*-->")

# libyaml's emitter when PyYAML has it: the same YAML, written about five times faster (a page per checklist).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

INDEX_PAGE = "checklists/index.md"
BOOKLET_PAGE = "checklists/booklet.md"
TEMPLATES_PAGE = "templates/index.md"


def generated_page_source(*, title: str, description: str, tags: Collection[str] = (),
                          exclude_from_search: bool = False, body: str = "") -> str:
    """Markdown source with front matter for a generated page.

    The theme prints `title` and `description` without escaping (in <title>, the header, the navigation and
    meta tags), so text that comes from contributors is escaped here.
    """
    meta: dict = {"title": escape_text(title), "description": escape_text(description)}
    if tags:
        meta["tags"] = list(tags)
    if exclude_from_search:
        meta["search"] = {"exclude": True}
    front_matter = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + front_matter + "---\n\n" + body


def checklist_page_source(checklist: Checklist) -> str:
    return generated_page_source(title=checklist.title, description=checklist.summary, tags=checklist.tags)


def toc_tokens(checklist: Checklist, *, prefix: str = "") -> list[dict]:
    """Table-of-contents entries for a checklist page: one per section. Names are HTML, so escaped."""
    return [
        {"level": 2, "id": prefix + section.anchor, "name": escape_text(section.title), "children": []}
        for section in checklist.sections
    ]


def anchor_ids(checklist: Checklist, *, prefix: str = "") -> set[str]:
    """Every id a link may target on a rendered checklist: sections and items (deep links)."""
    ids = {prefix + "nfp-title"}
    ids.update(prefix + section.anchor for section in checklist.sections)
    ids.update(prefix + item.id for item in checklist.items)
    return ids


def sheet_anchor_ids(checklist: Checklist, *, prefix: str) -> set[str]:
    """The ids of a checklist's sheet in the booklet: its title and its checkboxes."""
    return {prefix + "nfp-title"} | {prefix + item.id for item in checklist.items}


@dataclass(frozen=True)
class MarkerProblem:
    checklist_id: str
    line: int
    message: str


def replace_markers(html: str, *, markdown: str, known: Collection[str], render: Callable[[str], str],
                    marker: re.Pattern[str] = MARKER,
                    what: str = "checklist") -> tuple[str, list[str], list[MarkerProblem]]:
    """Replace each checklist marker (or other `marker`) in rendered `html` with its card (what `render` returns).

    Returns the new HTML, the ids placed, and a problem for each unknown id (with its line in `markdown`, the
    page's whole source, so the line counts the front matter too).
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
        close = difflib.get_close_matches(checklist_id, sorted(known), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(MarkerProblem(checklist_id, line, f"no {what} has the id '{checklist_id}'{hint}"))
        return match.group(0)

    return marker.sub(substitute, html), placed, problems


def _line_of(markdown: str, checklist_id: str, marker: re.Pattern[str]) -> int:
    for number, line in enumerate(markdown.splitlines(), start=1):
        found = marker.search(line)
        if found and found.group("id") == checklist_id:
            return number
    return 1
