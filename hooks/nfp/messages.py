"""Message templates: data in checklists/shared/, checked against each channel's limit, rendered with copy buttons.

`load_message_set` reads channels.yml and messages.yml and reports every problem at once (a body over its
channel's limit is one of them); `render_templates_page` and `render_item_template` turn the typed templates into
HTML through Jinja templates in hooks/nfp/templates/message_*.html, escaping everything that comes from data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .channels import Channel, display_name, load_channels, load_yaml_with_schema
from .counting import count_characters
from .model import Checklist, Item
from .problems import DataError, Problem, format_field_path
from .render import _compact, _environment, escape_text
from .yaml_safe import LoadedYaml

MESSAGES_FILE = "messages.yml"
MESSAGES_SCHEMA = "messages.schema.json"
PLACEHOLDER_HINT = "placeholders look like [their name]"
# Ids the templates page uses for itself; situation and template ids are anchors on the same page.
RESERVED_ANCHORS = {"limits"}

_PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\]")
_OTHER_PLACEHOLDER = re.compile(r"\{\{?\s*[A-Za-z][\w ']*\s*\}?\}|<<\s*[A-Za-z][\w ']*\s*>>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

LinkResolver = Callable[[str], "str | None"]


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
        return next((t for t in self.templates if t.id == template_id), None)

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


def _closest(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(options))})"


def parse_messages(loaded: LoadedYaml, *, file: str, channels: Sequence[Channel],
                   channels_file: str) -> tuple[MessageSet, list[Problem]]:
    """Typed templates from schema-valid data, with every problem the schema cannot see."""
    problems: list[Problem] = []
    by_id = {channel.id: channel for channel in channels}

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(file, loaded.line_of(path), format_field_path(path), message))

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
    situation_ids = {s.id for s in situations}

    templates: list[Template] = []
    seen = {}
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
                                          f"file{_closest(data['situation'], situation_ids)}")
        named = [("channel", data["channel"])] + [(("also_for", i), c) for i, c in enumerate(data.get("also_for", []))]
        for key, channel_id in named:
            key_path = (*path, *(key if isinstance(key, tuple) else (key,)))
            if channel_id not in by_id:
                problem(key_path, f"'{channel_id}' is not a channel in {channels_file}{_closest(channel_id, by_id)}")
            elif channel_id == data["channel"] and key != "channel":
                problem(key_path, f"repeats the template's channel '{channel_id}'")
        if problems[before:]:
            continue
        channel = by_id[data["channel"]]
        also_for = tuple(by_id[c] for c in data.get("also_for", []))
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
            id=data["id"], title=data["title"].strip(), situation=data["situation"], channel=channel,
            body=body, line=loaded.line_of((*path, "id")), also_for=also_for,
            subject=" ".join(data["subject"].split()) if "subject" in data else None,
            note=" ".join(data["note"].split()) if "note" in data else None,
        )
        for measure in template.measures:
            message = limit_problem(measure.channel, measure.count)
            if message:
                problem((*path, "body"), message)
        if not problems[before:]:
            templates.append(template)

    used = {t.situation for t in templates}
    for index, situation in enumerate(situations):
        if situation.id not in used and not problems:
            problem(("situations", index, "id"), f"no template names the situation '{situation.id}'; add one or "
                                                 "remove the situation (the page would show an empty section)")
    return MessageSet(channels=tuple(channels), situations=tuple(situations), templates=tuple(templates)), problems


def load_message_set(folder: Path, *, root: Path) -> MessageSet:
    """Channels and templates from `folder` (checklists/shared); raise DataError listing every problem."""
    channels, problems = load_channels(folder, root=root)
    file = display_name(folder / MESSAGES_FILE, root)
    loaded, found = load_yaml_with_schema(folder / MESSAGES_FILE, folder / MESSAGES_SCHEMA, root=root)
    problems += found
    message_set = MessageSet(channels=channels, situations=(), templates=())
    if loaded is not None and channels:
        message_set, found = parse_messages(loaded, file=file, channels=channels,
                                            channels_file=display_name(folder / "channels.yml", root))
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


# --- Rendering -------------------------------------------------------------------------------------------------

def render_templates_page(message_set: MessageSet, *, uses: Mapping[str, Sequence[Use]]) -> str:
    """The templates page: every template by situation, each with its checklist items, then the limits."""
    template = _environment().get_template("message_page.html")
    limited = [channel for channel in message_set.channels if channel.limit is not None]
    return _compact(template.render(groups=message_set.by_situation(), uses=uses, limited=limited))


def render_item_template(template: Template, *, page_url: str | None) -> Markup:
    """The collapsible template under a checklist item (after its label, never around the checkbox)."""
    jinja = _environment().get_template("message_details.html")
    return Markup(_compact(jinja.render(template=template, page_url=page_url)))


def render_placed_template(template: Template, *, page_url: str | None) -> Markup:
    """A template a guide places with `<!-- template: id -->`: title, text, copy buttons, link to the page."""
    jinja = _environment().get_template("message_placed.html")
    return Markup(_compact(jinja.render(template=template, page_url=page_url)))


def templates_page_toc(message_set: MessageSet) -> list[dict]:
    """Table-of-contents entries for the templates page: situations, their templates, then the limits."""
    tokens = [{"level": 2, "id": situation.id, "name": escape_text(situation.title), "children": [
        {"level": 3, "id": t.id, "name": escape_text(t.title), "children": []} for t in templates]}
        for situation, templates in message_set.by_situation()]
    tokens.append({"level": 2, "id": "limits", "name": "Limits we check", "children": []})
    return tokens


def templates_page_anchors(message_set: MessageSet) -> set[str]:
    return {"limits"} | {s.id for s in message_set.situations} | message_set.template_ids
