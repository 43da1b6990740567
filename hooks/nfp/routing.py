"""Routing pages: under each guide, a section index page says which paths include it, read from the path data.

The page writes `<!-- paths: academia/conferences.md -->` (nfp/markers.py; the guide's docs path, as checklists
and paths name guides) and the build puts the paths there, so the line follows the data and is never typed.
A path includes a guide when one of its steps points to the guide (any section of it) or to a checklist whose
guide it is: a checklist's card sits at the end of its guide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .links import split_docs_link
from .paths import CareerPath, Step


@dataclass(frozen=True)
class Inclusion:
    """One path that includes a guide, with the first of its steps that does (1-based `number`)."""

    path: CareerPath
    step: Step
    number: int


def step_pages(step: Step, *, guide_of: Callable[[str], str | None]) -> tuple[str, ...]:
    """The docs pages a step brings the reader to: its guide, or its checklist's guide (templates: none)."""
    if step.kind == "guide":
        return (split_docs_link(step.target)[0],)
    if step.kind == "checklist":
        guide = guide_of(step.target)
        return (split_docs_link(guide)[0],) if guide else ()
    return ()


def find_inclusions(paths: Sequence[CareerPath], *,
                    guide_of: Callable[[str], str | None]) -> Mapping[str, tuple[Inclusion, ...]]:
    """For each docs page, the paths that include it, in the paths' order; `guide_of(checklist_id)` is the
    checklist's guide field (None when it has none)."""
    found: dict[str, list[Inclusion]] = {}
    for path in paths:
        seen: set[str] = set()
        for number, step in enumerate(path.steps, start=1):
            for page in step_pages(step, guide_of=guide_of):
                if page not in seen:
                    seen.add(page)
                    found.setdefault(page, []).append(Inclusion(path=path, step=step, number=number))
    return MappingProxyType({page: tuple(inclusions) for page, inclusions in found.items()})


@dataclass(frozen=True)
class InclusionLink:
    title: str
    url: str
    number: int


def inclusion_links(inclusions: Sequence[Inclusion], *, url: Callable[[str], str | None]) -> tuple[InclusionLink, ...]:
    """Each path as a link to the step that includes the guide; `url` resolves a docs path with an #anchor."""
    links = []
    for inclusion in inclusions:
        target = f"{inclusion.path.page_path}#{inclusion.step.id}"
        address = url(target)
        if address is None:
            raise ValueError(f"no page for the path '{inclusion.path.id}' ({inclusion.path.source})")
        links.append(InclusionLink(title=inclusion.path.title, url=address, number=inclusion.number))
    return tuple(links)
