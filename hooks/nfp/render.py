"""Render checklists to HTML with Jinja templates; every value from data is escaped by autoescaping."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .durations import when_text
from .inline_markdown import render_inline
from .model import Checklist

TEMPLATES = Path(__file__).parent / "templates"

LinkResolver = Callable[[str], "str | None"]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


@dataclass(frozen=True)
class GuideLink:
    url: str
    title: str


def _inline(resolve: LinkResolver) -> Callable[[str | None], Markup]:
    def convert(text: str | None) -> Markup:
        return Markup(render_inline(text, resolve)) if text else Markup("")

    return convert


def _compact(html: str) -> str:
    """Drop blank lines so the result is one HTML block wherever it is placed."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_checklist(checklist: Checklist, *, resolve: LinkResolver, guide: GuideLink | None,
                     heading_level: int = 1, anchor_prefix: str = "", describe_templates: Callable | None = None,
                     extra: Markup | str = "", canonical_url: str | None = None,
                     defer: Callable[[Markup], Markup] | None = None, sheet: bool = False) -> str:
    """The checklist as an interactive (with JavaScript) and printable (always) block of HTML.

    `canonical_url`, the checklist page's full address, is printed at the foot of the paper copy.
    `defer` receives the parts the search index should not hold (toolbar, `extra`, message templates) and
    returns what to put in their place; by default they stay where they are.
    `sheet` renders the lean copy the booklet holds: no toolbar, ids only on checkboxes (`anchor_prefix` + item
    id), no message templates.
    """
    template = _environment().get_template("checklist.html")
    return _compact(template.render(
        checklist=checklist, guide=guide, inline=_inline(resolve), heading_level=heading_level,
        prefix=anchor_prefix, item_count=len(checklist.items), extra=Markup(extra),
        templates_for=describe_templates or (lambda item: None), canonical_url=canonical_url,
        when_for=when_text, defer=defer or Markup, sheet=sheet,
    ))


def render_card(checklist: Checklist, *, url: str) -> str:
    """A short card that a guide shows where its Markdown has `<!-- checklist: id -->`."""
    template = _environment().get_template("checklist_card.html")
    return _compact(template.render(checklist=checklist, url=url, item_count=len(checklist.items)))


@dataclass(frozen=True)
class IndexEntry:
    checklist: Checklist
    url: str
    guide: GuideLink | None


def render_index(entries: Sequence[IndexEntry], *, booklet_url: str, templates_url: str | None,
                 extra: Markup | str = "") -> str:
    """The checklists index: every checklist with its summary, tags and guide; `extra` goes above the list."""
    template = _environment().get_template("checklist_index.html")
    tags = sorted({tag for entry in entries for tag in entry.checklist.tags})
    return _compact(template.render(entries=entries, tags=tags, booklet_url=booklet_url,
                                    templates_url=templates_url, extra=Markup(extra)))


def render_booklet(blocks: Sequence[str]) -> str:
    """Every checklist on one page, each starting on a new printed sheet."""
    template = _environment().get_template("booklet.html")
    return _compact(template.render(blocks=[Markup(block) for block in blocks]))


def escape_text(text: str) -> str:
    """Escape plain text for places the theme prints without escaping (titles, meta tags)."""
    return str(escape(text))
