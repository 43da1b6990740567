"""The pages the site generates, each declared once as a record: where it goes, what it is called, how it is made.

A new generated page is one more `GeneratedPage` in `declare_pages`: its title and description go into its
front matter, its view into its template, and its table of contents and anchors come from that view.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from .network import NETWORK_PAGE, build_network_view
from .render import escape_text
from .views import (TEMPLATES_PAGE, ViewContext, build_booklet_view, build_checklist_page_view, build_finder_view,
                    build_index_view, build_path_page_view, build_sources_page_view, build_templates_page_view)

if TYPE_CHECKING:
    from .site import Site

INDEX_PAGE = "checklists/index.md"
BOOKLET_PAGE = "checklists/booklet.md"
SOURCES_PAGE = "about/sources.md"
FINDER_PAGE = "paths/index.md"

# Readers' words for the tools on generated pages (fed to search as `search.keywords`, see hooks/search_keywords.py).
PLANNER_KEYWORDS = ("planner", "calendar", "calendar file", "ics", "download reminders", "dates")
INDEX_KEYWORDS = ("printable", "print", "paper", "PDF", "booklet", "all checklists", "my progress", "ticks",
                  "another device", "export", "import")
FINDER_KEYWORDS = ("find your path", "where to start", "my situation", "personal plan")
NETWORK_KEYWORDS = ("contacts", "tracker", "CRM", "people I met", "follow-up reminders", "check in", "pipeline",
                    "job search tracker", "export", "backup")
TEMPLATES_KEYWORDS = ("email templates", "message examples", "what to write", "wording", "script", "copy")

# libyaml's emitter when PyYAML has it: the same YAML, written about five times faster (a page per checklist).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page. `build_view(site, ctx)` makes what `template` renders; the view has `toc` and `anchors`."""

    src_uri: str
    title: str
    description: str
    template: str
    build_view: Callable[[Site, ViewContext], Any]
    tags: tuple[str, ...] = ()
    # The file the edit button opens, relative to the docs folder's edit address; None: no edit button.
    edit_uri: str | None = None
    # "not_in_nav": only reachable by links and search; "included": listed even where MkDocs would leave it out.
    inclusion: str = "default"
    exclude_from_search: bool = False
    search_keywords: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """The page's Markdown: front matter only, the body is rendered from its view."""
        return generated_page_source(title=self.title, description=self.description, tags=self.tags,
                                     exclude_from_search=self.exclude_from_search,
                                     search_keywords=self.search_keywords)


def declare_pages(site: Site) -> tuple[GeneratedPage, ...]:
    """Every page generated from the site's data, in the order they are added to the site."""
    checklist_pages = tuple(GeneratedPage(
        src_uri=checklist.page_path, title=checklist.title, description=checklist.summary, tags=checklist.tags,
        template="checklist.html", edit_uri=f"../{checklist.source}", inclusion="not_in_nav",
        search_keywords=PLANNER_KEYWORDS if any(item.after for item in checklist.items) else (),
        build_view=lambda site, ctx, checklist=checklist: build_checklist_page_view(checklist, ctx=ctx),
    ) for checklist in site.catalog.checklists)
    path_pages = tuple(GeneratedPage(
        src_uri=path.page_path, title=path.title, description=path.summary, template="path.html",
        edit_uri=f"../{path.source}", inclusion="not_in_nav",
        search_keywords=PLANNER_KEYWORDS if any(step.after for step in path.steps) else (),
        build_view=lambda site, ctx, path=path: build_path_page_view(path, site=site, ctx=ctx,
                                                                     finder_page=FINDER_PAGE),
    ) for path in site.paths.paths)
    finder = GeneratedPage(
        src_uri=FINDER_PAGE, title="Find your path", template="path_finder.html", search_keywords=FINDER_KEYWORDS,
        description="Tell us where you are and where you want to go, and get a short plan of steps through the "
                    "guides, checklists and message templates that fit.",
        build_view=lambda site, ctx: build_finder_view(site.paths, ctx=ctx),
    )
    finders = (finder,) if site.paths.paths else ()
    return (*checklist_pages, *path_pages, *finders, GeneratedPage(
        src_uri=INDEX_PAGE, title="Checklists", template="checklist_index.html", search_keywords=INDEX_KEYWORDS,
        description="Every checklist on Networking for PhDs, with what each one is for: tick them off on screen "
                    "or print them.",
        build_view=lambda site, ctx: build_index_view(site.catalog.checklists, vocabulary=site.tags, ctx=ctx,
                                                      booklet_page=BOOKLET_PAGE),
    ), GeneratedPage(
        src_uri=BOOKLET_PAGE, title="Printable booklet", template="booklet.html", exclude_from_search=True,
        description="Every checklist on Networking for PhDs in one printable page, each on its own sheet.",
        build_view=lambda site, ctx: build_booklet_view(site.catalog.checklists, ctx=ctx),
    ), GeneratedPage(
        # Included explicitly: MkDocs always leaves docs/templates/ out of a site unless told otherwise.
        src_uri=TEMPLATES_PAGE, title="Message templates", template="message_page.html", inclusion="included",
        edit_uri="../checklists/shared/messages.yml", search_keywords=TEMPLATES_KEYWORDS,
        description="Short, specific messages to adapt: asking for an informational interview, following up after "
                    "a conference, checking in after a silence.",
        build_view=lambda site, ctx: build_templates_page_view(site.messages, checklists=site.catalog.checklists,
                                                               ctx=ctx),
    ), GeneratedPage(
        src_uri=NETWORK_PAGE, title="My network", template="network.html", search_keywords=NETWORK_KEYWORDS,
        description="A private notebook of the people you meet, kept only in this browser: who to thank, remind or "
                    "check in with this week, with the message ready to copy, and one calendar file for it all.",
        build_view=lambda site, ctx: build_network_view(site, ctx=ctx),
    ), GeneratedPage(
        src_uri=SOURCES_PAGE, title="Sources", template="sources_page.html",
        edit_uri="../checklists/shared/sources.yml",
        description="Every source the guides, checklists and templates cite, by kind, with the pages that cite it "
                    "and when it was last checked.",
        build_view=lambda site, ctx: build_sources_page_view(site.sources, citations=site.citations, ctx=ctx),
    ))


def generated_page_source(*, title: str, description: str, tags: Collection[str] = (),
                          exclude_from_search: bool = False, search_keywords: Collection[str] = (),
                          body: str = "") -> str:
    """Markdown source with front matter for a generated page.

    The theme prints `title` and `description` without escaping (in <title>, the header, the navigation and
    meta tags), so text that comes from contributors is escaped here.
    """
    meta: dict = {"title": escape_text(title), "description": escape_text(description)}
    if tags:
        meta["tags"] = list(tags)
    if exclude_from_search:
        meta["search"] = {"exclude": True}
    elif search_keywords:
        meta["search"] = {"keywords": list(search_keywords)}
    front_matter = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return "---\n" + front_matter + "---\n\n" + body
