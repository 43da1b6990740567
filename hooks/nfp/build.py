"""One build: the site model plus what the build collects while pages are rendered. Made in `on_files`, dropped
when the build ends, so nothing from one `mkdocs serve` build reaches the next.

Plain Python: a test (or another site generator) drives a build with `Links` of its own, without MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from markupsafe import Markup

from .catalog import check_link_anchors
from .deferred import DeferredParts, restore
from .headings import SOURCES, Heading
from .inline_markdown import InlineRenderer
from .journey import Journey, order_checklists
from .links import Links
from .markers import PATHS_MARKER, TEMPLATE_MARKER, replace_markers
from .network import NETWORK_MESSAGES_FILE, render_network_messages
from .pages import GeneratedPage, declare_pages
from .planner import CHECKLIST_ITEMS_FILE, render_checklist_items
from .problems import Problem
from .render import render_card, render_template
from .routing import Inclusion, find_inclusions, inclusion_links
from .site import Site
from .sources import render_page_sources, replace_source_links
from .tags import name_page_tags
from .views import TEMPLATES_PAGE, ViewContext


# Pages that link tools and licences rather than evidence get no "Sources" section (their links are still checked).
NO_SOURCES_SECTION = ("about/",)


@dataclass(frozen=True)
class RenderedPage:
    html: str
    toc: tuple[Heading, ...]
    anchors: frozenset[str]


@dataclass
class Build:
    site: Site
    # Problems found while rendering (unknown markers in guides), reported when every page is rendered.
    problems: list[Problem] = field(default_factory=list)
    # Per page, the HTML kept out of the search index until the page is written (see nfp/deferred.py).
    deferred: dict[str, list[str]] = field(default_factory=dict)
    inline: InlineRenderer = field(default_factory=InlineRenderer)
    item_messages: dict[tuple[str, str | None], Markup] = field(default_factory=dict)
    # The reader's journey, read from the navigation (on_nav); until then, the catalog's order.
    journey: Journey = field(default_factory=Journey)
    # Every page generated from the site's data (nfp/pages.py), in the order they are added.
    pages: tuple[GeneratedPage, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.pages = declare_pages(self.site)
        self._by_src = {page.src_uri: page for page in self.pages}
        catalog = self.site.catalog
        self._inclusions = find_inclusions(self.site.paths.paths, guide_of=lambda checklist_id: (
            checklist.guide if (checklist := catalog.get(checklist_id)) else None))

    def paths_including(self, src_uri: str) -> tuple[Inclusion, ...]:
        """The paths that include the guide at `src_uri` (nfp/routing.py), in the paths' order."""
        return self._inclusions.get(src_uri, ())

    def data_files(self) -> dict[str, str]:
        """Files the build writes from the site's data besides pages: {path in the site: text}; ValueError
        naming the file whose data is wrong."""
        try:
            messages = render_network_messages(self.site.messages)
        except ValueError as error:
            raise ValueError(f"{NETWORK_MESSAGES_FILE} (generated): {error}") from None
        return {CHECKLIST_ITEMS_FILE: render_checklist_items(self.site.catalog.checklists),
                NETWORK_MESSAGES_FILE: messages}

    def page(self, src_uri: str) -> GeneratedPage | None:
        """The generated page at `src_uri`, None for a page written in docs/."""
        return self._by_src.get(src_uri)

    def checklist_pages_in_journey_order(self) -> tuple[str, ...]:
        """The checklist pages in the order the navigation lists them: by where their guide stands."""
        return tuple(c.page_path for c in order_checklists(self.site.catalog.checklists, journey=self.journey))

    def render_page(self, page: GeneratedPage, *, links: Links) -> RenderedPage:
        """A generated page's HTML with the table of contents and anchors of the view it rendered."""
        deferred = DeferredParts()
        ctx = ViewContext(links=links, inline=self.inline, messages=self.site.messages,
                          duration_pattern=self.site.duration_pattern, script_rules=self.site.script_rules,
                          deferred=deferred, item_messages=self.item_messages, journey=self.journey)
        view = page.build_view(self.site, ctx)
        html = render_template(page.template, page=page, view=view)
        if deferred.parts:
            self.deferred[page.src_uri] = deferred.parts
        return RenderedPage(html=str(html), toc=view.toc, anchors=view.anchors)

    def place_cards(self, html: str, *, src_uri: str, markdown: str, links: Links) -> str:
        """Replace the guide's checklist markers by cards, and add a card for each checklist naming it as guide."""
        catalog = self.site.catalog

        def card(checklist_id: str) -> str:
            checklist = catalog.by_id[checklist_id]
            return render_card(checklist, url=links.url(checklist.page_path) or "")

        html, placed, problems = replace_markers(html, markdown=markdown, known=catalog.by_id, render=card)
        self.problems += [Problem(f"docs/{src_uri}", problem.line, f"<!-- checklist: {problem.checklist_id} -->",
                                  problem.message) for problem in problems]
        for checklist in self.site.checklists_for_guide(src_uri):
            if checklist.id not in placed:
                html += "\n" + card(checklist.id)
        return html

    def place_templates(self, html: str, *, src_uri: str, markdown: str, links: Links) -> str:
        """Replace the guide's `<!-- template: id -->` markers by the message templates they name."""
        if "template:" not in html:
            return html
        messages, page_url = self.site.messages, links.url(TEMPLATES_PAGE)

        def block(template_id: str) -> str:
            return render_template("message_placed.html", template=messages.get(template_id), page_url=page_url)

        html, _, problems = replace_markers(html, markdown=markdown, known=messages.template_ids, render=block,
                                            marker=TEMPLATE_MARKER, what="message template")
        self.problems += [Problem(f"docs/{src_uri}", problem.line, f"<!-- template: {problem.checklist_id} -->",
                                  problem.message) for problem in problems]
        return html

    def place_path_lists(self, html: str, *, src_uri: str, markdown: str, links: Links) -> str:
        """Replace each `<!-- paths: guide.md -->` marker (a section index page) by the paths that include that
        guide, read from the path data, so the line never goes stale."""
        if "paths:" not in html:
            return html

        def block(guide: str) -> str:
            included = inclusion_links(self.paths_including(guide), url=links.url)
            return render_template("paths_including.html", paths=included)

        html, _, problems = replace_markers(html, markdown=markdown, known=self.site.docs_pages, render=block,
                                            marker=PATHS_MARKER, what="page in docs/",
                                            unknown="'{id}' is not a {what}")
        self.problems += [Problem(f"docs/{src_uri}", problem.line, f"<!-- paths: {problem.checklist_id} -->",
                                  problem.message) for problem in problems]
        return html

    def tag_names(self, tag_ids: object, *, src_uri: str, source: str) -> list[str]:
        """A page's front matter `tags` (ids) as the names readers see; an unknown id is a problem of this build."""
        names, problems = name_page_tags(tag_ids, vocabulary=self.site.tags, file=f"docs/{src_uri}", source=source)
        self.problems += problems
        return names

    def resolve_source_links(self, markdown: str) -> str:
        """`[text](source:<id>)` in a page's Markdown -> a link to the source's canonical address."""
        return replace_source_links(markdown, self.site.sources)

    def place_sources(self, html: str, *, src_uri: str) -> tuple[str, Heading | None]:
        """A guide's HTML with its "Sources" section at the end, and that section's heading (None: no section).

        Generated pages list no sources of their own (the sources page lists every page citing each source), nor
        do the pages under about/, which link tools and licences rather than evidence.
        """
        cited = self.site.citations.by_page.get(src_uri)
        if not cited or src_uri.startswith(NO_SOURCES_SECTION) or self.page(src_uri) is not None:
            return html, None
        return html + "\n" + str(render_page_sources(cited, heading=SOURCES)), SOURCES

    def finish_page(self, src_uri: str, output: str) -> str:
        """The written page with its deferred parts back in place; ValueError if a part was lost."""
        parts = self.deferred.pop(src_uri, None)
        return restore(output, parts) if parts else output

    def check(self, *, anchors_of: Callable[[str], Collection[str] | None]) -> list[Problem]:
        """Every problem found once all pages are rendered: markers, and links from data (checklists and paths)
        to missing anchors."""
        return self.problems + check_link_anchors(self.site.catalog, anchors_of=anchors_of,
                                                  more=self.site.paths.docs_links)
