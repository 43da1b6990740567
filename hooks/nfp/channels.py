"""Message channels and their length limits, from checklists/shared/channels.yml: one place for every number."""

from __future__ import annotations

import re
from types import MappingProxyType
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from .counting import COUNTERS
from .documents import Document, load_document
from .hints import did_you_mean
from .problems import Problem, format_field_path
from .schema_check import read_schema

CHANNELS_FILE = "channels.yml"
CHANNELS_SCHEMA = "channels.schema.json"

# How each way of counting is named in a sentence: "is 231 characters", "is 301 graphemes".
UNIT_NAMES = MappingProxyType({"characters": "characters", "graphemes": "graphemes",
                               "x-weighted": "weighted characters", "words": "words"})
# How the templates page explains each way of counting.
COUNT_DESCRIPTIONS = MappingProxyType({
    "characters": "Unicode characters (not bytes)",
    "graphemes": "Graphemes: what a reader sees as one character, so an emoji with a skin tone or a flag is 1",
    "x-weighted": "Weighted: a link counts 23; an emoji, and each Chinese, Japanese or Korean character, 2",
    "words": "Words in the body (the subject line is not counted)",
})
# How the templates page names them next to a number: "131 of 200 characters".
READER_UNITS = MappingProxyType({"characters": "characters", "graphemes": "characters",
                                 "x-weighted": "weighted characters", "words": "words"})


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None  # None for a book cited as a book


@dataclass(frozen=True)
class Limit:
    max: int
    count: str
    sources: tuple[Source, ...]
    checked_on: str
    line: int
    condition: str | None = None
    editorial: bool = False
    note: str | None = None
    quoted_in: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return UNIT_NAMES[self.count]

    @property
    def reader_unit(self) -> str:
        return READER_UNITS[self.count]

    @property
    def description(self) -> str:
        return COUNT_DESCRIPTIONS[self.count]

    def measure(self, text: str) -> int:
        return COUNTERS[self.count](text)


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    line: int
    subject: bool = False
    limit: Limit | None = None

    @property
    def label(self) -> str:
        """The name as a label on its own, with a capital letter: 'Email', 'LinkedIn connection note'."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def with_article(self) -> str:
        """The name in a sentence: 'an email', 'a LinkedIn connection note', 'an X post'."""
        first = self.name.split()[0]
        # A single capital letter is read by its name: "an X post", "an F-test"; otherwise the first vowel decides.
        vowel_sound = first[:1].lower() in "aeiou" or (len(first) == 1 and first in "AEFHILMNORSX")
        return f"{'an' if vowel_sound else 'a'} {self.name}"


def load_shared_document(folder: Path, name: str, schema: str, *, root: Path) -> tuple[Document | None, list[Problem]]:
    """A data file in checklists/shared/ checked against its schema beside it; None when it cannot be used."""
    return load_document(folder / name, root=root, schema=read_schema(folder / schema))


def parse_channels(loaded: Document, *, file: str) -> tuple[tuple[Channel, ...], list[Problem]]:
    """Typed channels from schema-valid data, and problems the schema cannot see (duplicate ids)."""
    problems: list[Problem] = []
    channels: list[Channel] = []
    seen: dict[str, int] = {}
    for index, data in enumerate(loaded.data["channels"]):
        path = ("channels", index)
        line = loaded.line_of((*path, "id"))
        if data["id"] in seen:
            problems.append(Problem(file, line, format_field_path((*path, "id")),
                                    f"the channel id '{data['id']}' is already used on line {seen[data['id']]}"))
            continue
        seen[data["id"]] = line
        limit = None
        if "limit" in data:
            raw = data["limit"]
            limit = Limit(
                max=raw["max"], count=raw["count"], checked_on=raw["checked_on"],
                sources=tuple(Source(s["title"].strip(), s.get("url")) for s in raw["sources"]),
                line=loaded.line_of((*path, "limit", "max")), condition=raw.get("condition"),
                editorial=raw.get("kind") == "editorial", note=" ".join(raw["note"].split()) if "note" in raw else None,
                quoted_in=tuple(raw.get("quoted_in", ())),
            )
        channels.append(Channel(id=data["id"], name=data["name"].strip(), line=line,
                                subject=bool(data.get("subject", False)), limit=limit))
    return tuple(channels), problems


def load_channels(folder: Path, *, root: Path) -> tuple[tuple[Channel, ...], list[Problem]]:
    """The channels in `folder`/channels.yml, and every problem found in the file."""
    document, problems = load_shared_document(folder, CHANNELS_FILE, CHANNELS_SCHEMA, root=root)
    if document is None:
        return (), problems
    return parse_channels(document, file=document.file)


def mentions_number(text: str, number: int) -> bool:
    """Whether `text` states `number` on its own (200, or 1,000 written with a comma), not inside 2000 or 300,000."""
    forms = {str(number), f"{number:,}"}
    return any(re.search(rf"(?<![\d,.]){re.escape(form)}(?![\d]|,\d)", text) for form in forms)


def check_quoted_limits(channels: Collection[Channel], *, file: str, docs_pages: Collection[str],
                        read_page: Callable[[str], str]) -> list[Problem]:
    """Every guide listed under a limit's quoted_in must still state the limit's number."""
    problems = []
    for index, channel in enumerate(channels):
        limit = channel.limit
        if limit is None:
            continue
        for page in limit.quoted_in:
            field = f"channels[{index}].limit.quoted_in"
            if page not in docs_pages:
                problems.append(Problem(file, limit.line, field, f"names '{page}', which is not a page in docs/"
                                                                 f"{did_you_mean(page, docs_pages)}"))
            elif not mentions_number(read_page(page), limit.max):
                problems.append(Problem(file, limit.line, f"channels[{index}].limit.max",
                                        f"is {limit.max}, but docs/{page}, which quotes this limit, never mentions "
                                        f"{limit.max}; update the guide too (or remove it from quoted_in)"))
    return problems
