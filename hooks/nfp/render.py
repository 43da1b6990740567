"""Render views to HTML with Jinja templates (hooks/nfp/templates/); every value from data is escaped.

`render_checklist` and `render_card` are the two renderings tests and other code call directly.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import page_scripts
from .links import GuideLink, LinkResolver, ResolverLinks

if TYPE_CHECKING:
    from .messages import MessageSet
    from .model import Checklist

__all__ = ("GuideLink", "escape_text", "render_card", "render_checklist", "render_template")

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> Environment:
    # One environment per process is safe to keep across `mkdocs serve` builds: it holds no data, and Jinja
    # re-reads a template whose file changed (auto_reload).
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_template(name: str, **context: Any) -> Markup:
    """Template `name` rendered with `context`, as one HTML block with no blank lines."""
    html = _environment().get_template(name).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def render_checklist(checklist: Checklist, *, resolve: LinkResolver = lambda target: None,
                     guide: GuideLink | None = None, messages: MessageSet | None = None) -> str:
    """One checklist as its page shows it, outside a build: links through `resolve`, no site around it."""
    from .inline_markdown import InlineRenderer
    from .views import ViewContext, build_checklist_page_view

    def resolve_with_bundles(target: str) -> str | None:
        # With no site around it, a tool names its scripts' bundle (nfp/page_scripts.py) by its docs path.
        return resolve(target) or (target if target in page_scripts.BUNDLE_PATHS else None)

    ctx = ViewContext(links=ResolverLinks(resolve_with_bundles), inline=InlineRenderer(), messages=messages)
    view = build_checklist_page_view(checklist, ctx=ctx)
    if guide is not None:
        view = replace(view, guide=guide)
    return str(render_template("checklist.html", view=view))


def render_card(checklist: Checklist, *, url: str) -> str:
    """A short card that a guide shows where its Markdown has `<!-- checklist: id -->`."""
    return str(render_template("checklist_card.html", checklist=checklist, url=url, item_count=len(checklist.items)))


def escape_text(text: str) -> str:
    """Escape plain text for places the theme prints without escaping (titles, meta tags)."""
    return str(escape(text))
