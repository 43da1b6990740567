"""Typed, frozen checklist data: what the rest of the code sees once a file has been validated."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    line: int
    details: str | None = None
    when: str | None = None
    after: str | None = None
    link: str | None = None
    template: str | None = None
    add_person: bool = False  # about meeting someone: its page links to My network's add form


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    sections: tuple[Section, ...]
    source: str
    guide: str | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def page_path(self) -> str:
        """The generated page's path inside docs/, e.g. `checklists/conference.md`."""
        return f"checklists/{self.id}.md"


def slugify(text: str) -> str:
    """A lowercase hyphenated slug for anchors made from titles."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    return "-".join(words) or "section"


def parse_checklist(data: dict[str, Any], *, source: str, lines: Mapping[tuple, int]) -> Checklist:
    """Build a Checklist from data that has already passed the schema."""
    item_ids = {item["id"] for section in data["sections"] for item in section["items"]}
    used_anchors: set[str] = set(item_ids)
    sections = []
    for section_index, section in enumerate(data["sections"]):
        anchor = slugify(section["title"])
        # Section anchors must never shadow an item's deep link.
        while anchor in used_anchors:
            anchor += "-section"
        used_anchors.add(anchor)
        items = tuple(
            Item(
                id=item["id"], text=item["text"].strip(), details=_optional(item, "details"),
                when=_optional(item, "when"), after=item.get("after"), link=item.get("link"),
                template=item.get("template"), add_person=item.get("add_person") is True,
                line=lines.get(("sections", section_index, "items", item_index), 1),
            )
            for item_index, item in enumerate(section["items"])
        )
        sections.append(Section(title=section["title"].strip(), anchor=anchor, items=items))
    return Checklist(
        id=data["id"], title=data["title"].strip(), summary=" ".join(data["summary"].split()),
        tags=tuple(data["tags"]), sections=tuple(sections), source=source, guide=data.get("guide"),
    )


def _optional(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return " ".join(value.split()) if isinstance(value, str) else None
