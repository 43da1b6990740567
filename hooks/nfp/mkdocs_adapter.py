"""The edge between MkDocs and the engine: MkDocs files and pages in, plain `Links` and records out.

Only this module and the hook files import MkDocs; moving to another generator means a new adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data

from .links import split_docs_link

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from .headings import Heading
    from .journey import Journey
    from .pages import GeneratedPage

_INCLUSION = MappingProxyType({"default": InclusionLevel.UNDEFINED, "not_in_nav": InclusionLevel.NOT_IN_NAV,
              "included": InclusionLevel.INCLUDED})


@dataclass(frozen=True)
class MkDocsLinks:
    """`Links` for the page MkDocs is rendering."""

    files: Files
    page: Page

    @property
    def page_url(self) -> str | None:
        return self.page.canonical_url

    def url(self, target: str) -> str | None:
        path, anchor = split_docs_link(target)
        file = self.files.get_file_from_path(path)
        if file is None:
            return None
        url = file.url_relative_to(self.page.file)
        return f"{url}#{anchor}" if anchor else url

    def full_url(self, target: str) -> str | None:
        url = self.url(target)
        return urljoin(self.page.canonical_url, url) if self.page.canonical_url and url is not None else None

    def title(self, path: str) -> str | None:
        """The page's front-matter title (known before MkDocs reads the page), else the one MkDocs gave it."""
        file = self.files.get_file_from_path(path)
        if file is None:
            return None
        title = get_data(file.content_string)[1].get("title")
        if title:
            # Generated pages escape the title in their front matter (nfp.pages.generated_page_source).
            return unescape(str(title)) if file.generated_by else str(title)
        return file.page.title if file.page is not None and file.page.title else file.src_uri


def make_file(page: GeneratedPage, *, config: MkDocsConfig) -> File:
    """The MkDocs file for a generated page."""
    file = File.generated(config, page.src_uri, content=page.source, inclusion=_INCLUSION[page.inclusion])
    if page.edit_uri is not None:
        file.edit_uri = page.edit_uri
    return file


def make_toc(headings: tuple[Heading, ...]) -> TableOfContents:
    """MkDocs' table of contents from a view's headings (their titles are text, so escaped here)."""
    from .render import escape_text

    def token(heading: Heading) -> dict:
        return {"level": heading.level, "id": heading.id, "name": escape_text(heading.title),
                "children": [token(child) for child in heading.children if child.in_toc]}

    return get_toc([token(heading) for heading in headings if heading.in_toc])


def add_heading(page: Page, heading: Heading) -> None:
    """Add a section our HTML appended after Markdown ran to the page's table of contents and anchors: under the
    page's one top-level title when it has one, else at the top level."""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {heading.id}
    top = page.toc.items
    (top[0].children if len(top) == 1 and top[0].level == 1 else top).extend(make_toc((heading,)).items)


def page_anchors(files: Files, path: str) -> set[str] | None:
    """The ids of the rendered page at docs path `path` (None if there is no such page)."""
    file = files.get_file_from_path(path)
    return file.page.present_anchor_ids if file is not None and file.page is not None else None


def read_journey(nav: Navigation) -> Journey:
    """The reader's journey from MkDocs' navigation: each top-level section with the pages under it, in order."""
    from mkdocs.structure.nav import Section

    from .journey import Journey, Stage

    def pages(item: object) -> list[str]:
        if isinstance(item, Section):
            return [uri for child in item.children for uri in pages(child)]
        file = getattr(item, "file", None)
        return [file.src_uri] if file is not None else []

    return Journey(tuple(Stage(item.title, tuple(pages(item))) for item in nav.items if isinstance(item, Section)))


def insert_pages(nav: Navigation, *, after: str, src_uris: Sequence[str], files: Files) -> None:
    """Put the pages at `src_uris` into the navigation, in that order, right after the page at `after` in its
    section; then recount the flat page list and each page's previous and next links (the footer's)."""
    from mkdocs.structure.pages import Page

    anchor = next((page for page in nav.pages if page.file.src_uri == after), None)
    if anchor is None or anchor.parent is None:
        raise ValueError(f"{after} is not in a section of the navigation (nav in mkdocs.yml)")
    section = anchor.parent
    new = []
    for src_uri in src_uris:
        file = files.get_file_from_path(src_uri)
        if file is None or not isinstance(file.page, Page):
            raise ValueError(f"{src_uri}: no such page to put in the navigation")
        file.page.parent = section
        new.append(file.page)
    at = section.children.index(anchor) + 1
    section.children[at:at] = new

    def flat(items: Sequence[object]) -> list[Page]:
        return [page for item in items for page in (
            [item] if isinstance(item, Page) else flat(getattr(item, "children", None) or []))]

    nav.pages = flat(nav.items)
    for previous, page, following in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = previous, following
