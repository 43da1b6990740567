"""Message templates: data in checklists/shared/, checked against each channel's limit, rendered with copy buttons.

`load_message_set` reads channels.yml and messages.yml and reports every problem at once (a body over its
channel's limit is one of them). The pages that show templates are rendered from views (nfp/views.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .channels import CHANNELS_FILE, Channel, load_channels, load_shared_document
from .counting import count_characters
from .documents import Document
from .headings import LIMITS
from .hints import did_you_mean
from .links import LinkResolver
from .model import Checklist, Item
from .problems import DataError, Problem, display_name, format_field_path

MESSAGES_FILE = "messages.yml"
MESSAGES_SCHEMA = "messages.schema.json"
PLACEHOLDER_HINT = "placeholders look like [their name]"
# Ids the templates page uses for itself; situation and template ids are anchors on the same page.
RESERVED_ANCHORS = frozenset({LIMITS.id})

_PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\]")
_OTHER_PLACEHOLDER = re.compile(r"\{\{?\s*[A-Za-z][\w ']*\s*\}?\}|<<\s*[A-Za-z][\w ']*\s*>>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    intro: str | None = None


@dataclass(frozen=True)
class Measure:
    """One template's length on one channel, against that channel's limit (if it has one)."""

    channel: Channel
    count: int

    @property
    def over(self) -> bool:
        return self.channel.limit is not None and self.count > self.channel.limit.max

    @property
    def text(self) -> str:
        """E.g. '131 of 200 characters (free account)', or '412 characters' where no limit is known."""
        limit = self.channel.limit
        if limit is None:
            return f"{self.count} characters"
        condition = f" ({limit.condition})" if limit.condition else ""
        return f"{self.count} of {limit.max} {limit.reader_unit}{condition}"


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    situation: str
    channel: Channel
    body: str
    line: int
    also_for: tuple[Channel, ...] = ()
    subject: str | None = None
    note: str | None = None

    @property
    def channels(self) -> tuple[Channel, ...]:
        return (self.channel, *self.also_for)

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(Measure(channel, _count(channel, self.body)) for channel in self.channels)

    @property
    def paragraphs(self) -> list[list[list[tuple[str, bool]]]]:
        """The body as paragraphs of lines of (text, is_placeholder) pieces, for the Jinja template."""
        return [[split_placeholders(line) for line in paragraph.split("\n")] for paragraph in self.body.split("\n\n")]

    @property
    def subject_parts(self) -> list[tuple[str, bool]]:
        return split_placeholders(self.subject or "")


@dataclass(frozen=True)
class MessageSet:
    channels: tuple[Channel, ...]
    situations: tuple[Situation, ...]
    templates: tuple[Template, ...]

    @property
    def template_ids(self) -> frozenset[str]:
        return frozenset(template.id for template in self.templates)

    def get(self, template_id: str | None) -> Template | None:
        return self.by_id.get(template_id) if template_id else None

    @cached_property
    def by_id(self) -> dict[str, Template]:
        return {template.id: template for template in self.templates}

    def by_situation(self) -> list[tuple[Situation, list[Template]]]:
        return [(s, [t for t in self.templates if t.situation == s.id]) for s in self.situations]


def _count(channel: Channel, text: str) -> int:
    if channel.limit is not None:
        return channel.limit.measure(text)
    return count_characters(text)


def normalise_body(text: str) -> str:
    """The exact text a reader copies: no trailing spaces, one blank line between paragraphs, no blank ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip("\n").split("\n")]
    body = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", body)


def split_placeholders(text: str) -> list[tuple[str, bool]]:
    """`Dear [their name],` -> [('Dear ', False), ('[their name]', True), (',', False)]."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append((text[position:match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def find_placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders in `text`: unclosed or empty brackets, other placeholder styles."""
    problems = []
    for line in text.split("\n"):
        depth = 0
        for char in line:
            if char == "[":
                if depth:
                    problems.append(f"has a '[' inside another placeholder; {PLACEHOLDER_HINT}")
                    break
                depth = 1
            elif char == "]":
                if not depth:
                    problems.append(f"has a ']' with no '[' before it; {PLACEHOLDER_HINT}")
                    break
                depth = 0
        else:
            if depth:
                problems.append(f"has a '[' with no ']' on the same line; {PLACEHOLDER_HINT}")
        if re.search(r"\[\s*\]", line):
            problems.append(f"has an empty placeholder []; say what to fill in, e.g. [their name]")
    for found in _OTHER_PLACEHOLDER.findall(text):
        problems.append(f"uses {found!r}; write placeholders in square brackets, e.g. [their name]")
    return problems


def limit_problem(channel: Channel, count: int) -> str | None:
    """`is 231 characters; a LinkedIn connection note allows 200 (free account)`, or None within the limit."""
    limit = channel.limit
    if limit is None or count <= limit.max:
        return None
    condition = f" ({limit.condition})" if limit.condition else ""
    return f"is {count} {limit.unit}; {channel.with_article} allows {limit.max}{condition}"


# Records a problem at a field path of the file being parsed.
Report = Callable[[tuple, str], None]


def parse_messages(loaded: Document, *, file: str, channels: Sequence[Channel],
                   channels_file: str) -> tuple[MessageSet, list[Problem]]:
    """Typed templates from schema-valid data, with every problem the schema cannot see."""
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(file, loaded.line_of(path), format_field_path(path), message))

    situations = _parse_situations(loaded, problem=problem)
    situation_ids = {s.id for s in situations}
    by_id = {channel.id: channel for channel in channels}
    templates: list[Template] = []
    seen: dict[str, int] = {}
    for index, data in enumerate(loaded.data["templates"]):
        path = ("templates", index)
        before = len(problems)
        if data["id"] in seen:
            problem((*path, "id"), f"the template id '{data['id']}' is already used on line {seen[data['id']]}")
        elif data["id"] in situation_ids or data["id"] in RESERVED_ANCHORS:
            problem((*path, "id"), f"the template id '{data['id']}' is also a situation id or reserved; both are "
                                   "links on the templates page, so choose another")
        seen.setdefault(data["id"], loaded.line_of((*path, "id")))
        if data["situation"] not in situation_ids:
            problem((*path, "situation"), f"'{data['situation']}' is not a situation listed at the top of this "
                                          f"file{did_you_mean(data['situation'], situation_ids, list_known=True)}")
        _check_channel_names(data, path=path, known=by_id, channels_file=channels_file, problem=problem)
        if problems[before:]:
            continue
        template = _parse_template(data, path=path, line=loaded.line_of((*path, "id")), channels=by_id,
                                   problem=problem)
        if not problems[before:]:
            templates.append(template)

    used = {t.situation for t in templates}
    for index, situation in enumerate(situations):
        if situation.id not in used and not problems:
            problem(("situations", index, "id"), f"no template names the situation '{situation.id}'; add one or "
                                                 "remove the situation (the page would show an empty section)")
    return MessageSet(channels=tuple(channels), situations=situations, templates=tuple(templates)), problems


def _parse_situations(loaded: Document, *, problem: Report) -> tuple[Situation, ...]:
    situations: list[Situation] = []
    seen: dict[str, int] = {}
    for index, data in enumerate(loaded.data["situations"]):
        path = ("situations", index, "id")
        if data["id"] in seen or data["id"] in RESERVED_ANCHORS:
            where = f"already used on line {seen[data['id']]}" if data["id"] in seen else "reserved for the page"
            problem(path, f"the situation id '{data['id']}' is {where}; choose another")
            continue
        seen[data["id"]] = loaded.line_of(path)
        intro = " ".join(data["intro"].split()) if "intro" in data else None
        situations.append(Situation(data["id"], data["title"].strip(), intro))
    return tuple(situations)


def _check_channel_names(data: dict, *, path: tuple, known: Mapping[str, Channel], channels_file: str,
                         problem: Report) -> None:
    """The template's channel and its `also_for` channels must exist, and none may repeat the channel."""
    named = [("channel", data["channel"])] + [(("also_for", i), c) for i, c in enumerate(data.get("also_for", []))]
    for key, channel_id in named:
        key_path = (*path, *(key if isinstance(key, tuple) else (key,)))
        if channel_id not in known:
            problem(key_path, f"'{channel_id}' is not a channel in {channels_file}"
                              f"{did_you_mean(channel_id, known, list_known=True)}")
        elif channel_id == data["channel"] and key != "channel":
            problem(key_path, f"repeats the template's channel '{channel_id}'")


def _parse_template(data: dict, *, path: tuple, line: int, channels: Mapping[str, Channel],
                    problem: Report) -> Template:
    """A template whose names all exist, checked for subject lines, placeholders and its channels' limits."""
    channel = channels[data["channel"]]
    also_for = tuple(channels[c] for c in data.get("also_for", []))
    for other in also_for:
        if other.subject != channel.subject:
            problem((*path, "also_for"), f"mixes '{channel.id}' and '{other.id}': only one of them has a "
                                         "subject line; write a separate template for each")
    if channel.subject and "subject" not in data:
        problem(path, f"missing required field 'subject' ({channel.with_article} has a subject line)")
    if not channel.subject and "subject" in data:
        problem((*path, "subject"), f"{channel.with_article} has no subject line; remove it or put the "
                                    "words in the body")
    body = normalise_body(data["body"])
    for key, text in (("subject", data.get("subject", "")), ("body", body)):
        for message in find_placeholder_problems(text):
            problem((*path, key), message)
    template = Template(
        id=data["id"], title=data["title"].strip(), situation=data["situation"], channel=channel, body=body,
        line=line, also_for=also_for, subject=" ".join(data["subject"].split()) if "subject" in data else None,
        note=" ".join(data["note"].split()) if "note" in data else None,
    )
    for measure in template.measures:
        message = limit_problem(measure.channel, measure.count)
        if message:
            problem((*path, "body"), message)
    return template


def load_message_set(folder: Path, *, root: Path) -> MessageSet:
    """Channels and templates from `folder` (checklists/shared); raise DataError listing every problem."""
    channels, problems = load_channels(folder, root=root)
    document, found = load_shared_document(folder, MESSAGES_FILE, MESSAGES_SCHEMA, root=root)
    problems += found
    message_set = MessageSet(channels=channels, situations=(), templates=())
    if document is not None and channels:
        message_set, found = parse_messages(document, file=document.file, channels=channels,
                                            channels_file=display_name(folder / CHANNELS_FILE, root))
        problems += found
    if problems:
        raise DataError(problems)
    return message_set


# --- Where templates are used ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Use:
    """A checklist item that names a template, with the URL of the item on the page being rendered."""

    checklist: Checklist
    item: Item
    url: str

    @property
    def item_text(self) -> str:
        """The item's text without Markdown marks, for a list of links."""
        text = _LINK.sub(r"\1", self.item.text)
        return re.sub(r"[*_`]", "", text)


def find_uses(checklists: Iterable[Checklist], *, resolve: LinkResolver) -> dict[str, list[Use]]:
    """Template id -> the checklist items that name it, in checklist order."""
    uses: dict[str, list[Use]] = {}
    for checklist in checklists:
        for item in checklist.items:
            if item.template:
                url = resolve(f"{checklist.page_path}#{item.id}") or ""
                uses.setdefault(item.template, []).append(Use(checklist, item, url))
    return uses
