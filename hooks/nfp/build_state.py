"""What one build knows about checklists, and how links from data become URLs on a given page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .catalog import Catalog, split_docs_link
from .model import Checklist
from .problems import Problem
from .render import GuideLink

if TYPE_CHECKING:
    from markupsafe import Markup
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def resolve_docs_link(target: str, *, files: Files, page: Page) -> str | None:
    """A docs path such as `academia/conferences.md#before` as a URL relative to `page`, or None if unknown."""
    path, anchor = split_docs_link(target)
    file = files.get_file_from_path(path)
    if file is None:
        return None
    url = file.url_relative_to(page.file)
    return f"{url}#{anchor}" if anchor else url


@dataclass
class BuildState:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    # Per page, the HTML kept out of the search index until on_post_page (see nfp/deferred.py).
    deferred: dict[str, list[str]] = field(default_factory=dict)
    # (template id, templates page URL) -> an item's message template block, rendered once per build.
    rendered_templates: dict[tuple[str, str | None], Markup] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_page = {c.page_path: c for c in self.catalog.checklists}
        self._by_guide: dict[str, list[Checklist]] = {}
        for checklist in self.catalog.checklists:
            if checklist.guide:
                self._by_guide.setdefault(split_docs_link(checklist.guide)[0], []).append(checklist)

    def checklist_for_page(self, src_uri: str) -> Checklist | None:
        return self._by_page.get(src_uri)

    def checklists_for_guide(self, src_uri: str) -> list[Checklist]:
        return self._by_guide.get(src_uri, [])

    def guide_link(self, target: str | None, *, files: Files, page: Page) -> GuideLink | None:
        if not target:
            return None
        url = resolve_docs_link(target, files=files, page=page)
        file = files.get_file_from_path(split_docs_link(target)[0])
        if url is None or file is None:
            return None
        title = file.page.title if file.page is not None and file.page.title else file.src_uri
        return GuideLink(url=url, title=title)

    def check_anchors(self, files: Files) -> list[Problem]:
        """Links from checklist data to `page.md#anchor` must land on a heading that exists."""
        problems = []
        for link in self.catalog.docs_links:
            if link.anchor is None:
                continue
            file = files.get_file_from_path(link.page)
            anchors = file.page.present_anchor_ids if file is not None and file.page is not None else None
            if anchors is not None and link.anchor not in anchors:
                problems.append(Problem(link.file, link.line, link.field,
                                        f"'{link.page}' has no heading with the anchor '#{link.anchor}'"))
        return problems
