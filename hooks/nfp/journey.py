"""The reader's journey: the order of the site's sections and guides, as the navigation in mkdocs.yml lists them.

Checklists follow their guide (`guide:` in each checklist): a checklist goes where its guide stands in the
navigation, and is grouped under its guide's top-level section ("Start here", "Inside academia", ...). The
order lives in one place, the `nav` of mkdocs.yml; nothing here lists checklist ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Checklist, slugify

# The group for checklists whose guide is not in the navigation (or that have no guide): last, by file name.
OTHER_GROUP = "More checklists"


@dataclass(frozen=True)
class Stage:
    """A top-level section of the navigation and the pages under it, in order."""

    title: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Journey:
    stages: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class ChecklistGroup:
    title: str
    checklists: tuple[Checklist, ...]

    @property
    def anchor(self) -> str:
        return "group-" + slugify(self.title)


def group_checklists(checklists: Sequence[Checklist], *, journey: Journey) -> tuple[ChecklistGroup, ...]:
    """The checklists grouped by their guide's section, each group and each checklist in the journey's order.

    Checklists sharing a guide keep their catalog order (file name); those whose guide is not in the journey
    form a last group, `OTHER_GROUP`. Empty groups are left out.
    """
    position: dict[str, tuple[int, int]] = {}
    for stage_index, stage in enumerate(journey.stages):
        for page_index, page in enumerate(stage.pages):
            position.setdefault(page, (stage_index, page_index))
    placed: list[list[tuple[int, int, Checklist]]] = [[] for _ in journey.stages]
    other: list[Checklist] = []
    for index, checklist in enumerate(checklists):
        where = position.get(checklist.guide or "")
        if where is None:
            other.append(checklist)
        else:
            placed[where[0]].append((where[1], index, checklist))
    groups = [ChecklistGroup(stage.title, tuple(c for _, _, c in sorted(found, key=lambda e: e[:2])))
              for stage, found in zip(journey.stages, placed) if found]
    if other:
        groups.append(ChecklistGroup(OTHER_GROUP, tuple(other)))
    return tuple(groups)


def order_checklists(checklists: Sequence[Checklist], *, journey: Journey) -> tuple[Checklist, ...]:
    """Every checklist once, in the reader's journey order (the groups of `group_checklists`, one after another)."""
    return tuple(c for group in group_checklists(checklists, journey=journey) for c in group.checklists)
