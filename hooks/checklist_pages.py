"""MkDocs hook: turn checklists/*.yml into pages, an index, a booklet, and cards inside the guides.

Only MkDocs event functions live here; the work is done by the plain functions in hooks/nfp/.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from nfp import pages
from nfp.build_state import BuildState, resolve_docs_link
from nfp.deferred import DeferredParts, restore
from nfp.catalog import load_catalog
from nfp.channels import check_quoted_limits
from nfp.messages import (MessageSet, find_uses, load_message_set, render_item_template, render_placed_template,
                          render_templates_page, templates_page_anchors, templates_page_toc)
from nfp.planner import render_checklist_tools, render_transfer
from nfp.problems import DataError, Problem
from nfp.render import GuideLink, IndexEntry, render_booklet, render_card, render_checklist, render_index

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2 import Environment
    from markupsafe import Markup
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from nfp.model import Item

# State of the build in progress, made anew in on_files: `mkdocs serve` keeps this module loaded between builds.
_build: BuildState | None = None
_messages: MessageSet | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build, _messages
    root = Path(config.config_file_path).parent
    docs_pages = {file.src_uri for file in files.documentation_pages()}
    # Message templates first: checklist items name them. Problems in both are reported together.
    problems: list[Problem] = []
    _messages = None
    try:
        _messages = load_message_set(root / "checklists" / "shared", root=root)
        problems += check_quoted_limits(_messages.channels, file="checklists/shared/channels.yml",
                                        docs_pages=docs_pages,
                                        read_page=lambda path: files.get_file_from_path(path).content_string)
    except DataError as error:
        problems += error.problems
    try:
        catalog = load_catalog(root / "checklists", root=root, docs_pages=docs_pages,
                               template_ids=_messages.template_ids if _messages else None)
    except DataError as error:
        problems += error.problems
    if problems:
        raise PluginError(DataError(problems).report()) from None
    _build = BuildState(catalog=catalog)
    for checklist in catalog.checklists:
        file = File.generated(config, checklist.page_path, content=pages.checklist_page_source(checklist),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        # The edit button opens the YAML file the page comes from.
        file.edit_uri = f"../{checklist.source}"
        _add(files, file)
    _add(files, File.generated(config, pages.INDEX_PAGE, content=pages.generated_page_source(
        title="Checklists", description="Every checklist on Networking for PhDs, with what each one is for: "
        "tick them off on screen or print them.")))
    _add(files, File.generated(config, pages.BOOKLET_PAGE, content=pages.generated_page_source(
        title="Printable booklet", description="Every checklist on Networking for PhDs in one printable page, "
        "each on its own sheet.", exclude_from_search=True)))
    # INCLUDED explicitly: MkDocs always leaves docs/templates/ out of a site unless told otherwise.
    templates_page = File.generated(config, pages.TEMPLATES_PAGE, content=pages.generated_page_source(
        title="Message templates", description="Short, specific messages to adapt: asking for an informational "
        "interview, following up after a conference, checking in after a silence."),
        inclusion=InclusionLevel.INCLUDED)
    templates_page.edit_uri = "../checklists/shared/messages.yml"
    _add(files, templates_page)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    src = page.file.src_uri

    def resolve(target: str) -> str | None:
        return resolve_docs_link(target, files=files, page=page)

    def guide_link(path: str | None) -> GuideLink | None:
        return _build.guide_link(path, files=files, page=page)

    def full_url(path: str) -> str | None:
        # The address printed at the foot of a paper copy (None when the site has no site_url).
        url = resolve(path)
        return urljoin(page.canonical_url, url) if page.canonical_url and url is not None else None

    def describe_templates(item: Item) -> Markup | None:
        # The message template an item names, shown under it (after its label) on the checklist's own page.
        # Checklist pages sit side by side, so one rendering per template and address serves them all.
        template = _messages.get(item.template) if _messages is not None else None
        if template is None:
            return None
        page_url = resolve(pages.TEMPLATES_PAGE)
        key = (template.id, page_url)
        if key not in _build.rendered_templates:
            _build.rendered_templates[key] = render_item_template(template, page_url=page_url)
        return _build.rendered_templates[key]

    checklist = _build.checklist_for_page(src)
    if checklist is not None:
        deferred = DeferredParts()
        html = render_checklist(checklist, resolve=resolve, guide=guide_link(checklist.guide),
                                canonical_url=page.canonical_url, describe_templates=describe_templates,
                                extra=render_checklist_tools(checklist, page_url=page.canonical_url),
                                defer=deferred.defer)
        _build.deferred[src] = deferred.parts
        page.toc = get_toc(pages.toc_tokens(checklist))
        _add_anchors(page, pages.anchor_ids(checklist))
    elif src == pages.INDEX_PAGE:
        entries = [IndexEntry(c, resolve(c.page_path) or "", guide_link(c.guide)) for c in _build.catalog.checklists]
        html = render_index(entries, booklet_url=resolve(pages.BOOKLET_PAGE) or "",
                            templates_url=resolve(pages.TEMPLATES_PAGE),
                            extra=render_transfer(checklists=_build.catalog.checklists, single=False))
        _add_anchors(page, _build.catalog.by_id)
    elif src == pages.BOOKLET_PAGE:
        blocks = [render_checklist(c, resolve=resolve, guide=guide_link(c.guide), heading_level=2,
                                   anchor_prefix=f"{c.id}--", canonical_url=full_url(c.page_path), sheet=True)
                  for c in _build.catalog.checklists]
        html = render_booklet(blocks)
        page.toc = get_toc([{"level": 2, "id": f"{c.id}--nfp-title", "name": pages.escape_text(c.title),
                             "children": []} for c in _build.catalog.checklists])
        _add_anchors(page, (anchor for c in _build.catalog.checklists
                            for anchor in pages.sheet_anchor_ids(c, prefix=f"{c.id}--")))
    elif src == pages.TEMPLATES_PAGE:
        assert _messages is not None
        html = render_templates_page(_messages, uses=find_uses(_build.catalog.checklists, resolve=resolve))
        page.toc = get_toc(templates_page_toc(_messages))
        _add_anchors(page, templates_page_anchors(_messages))
    html = _place_cards(html, page, files)
    html = _place_templates(html, page, files)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The parts of a checklist page kept out of the search index go back in (see nfp/deferred.py).
    parts = _build.deferred.pop(page.file.src_uri, None) if _build is not None else None
    if not parts:
        return output
    try:
        return restore(output, parts)
    except ValueError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    assert _build is not None
    problems = _build.problems + _build.check_anchors(files)
    if problems:
        raise PluginError(DataError(problems).report())
    return env


def _place_cards(html: str, page: Page, files: Files) -> str:
    assert _build is not None
    known = _build.catalog.by_id  # built once per build, not once per page

    def card(checklist_id: str) -> str:
        checklist = _build.catalog.get(checklist_id)
        assert checklist is not None
        return render_card(checklist, url=resolve_docs_link(checklist.page_path, files=files, page=page) or "")

    html, placed, problems = pages.replace_markers(html, markdown=page.file.content_string, known=known, render=card)
    for problem in problems:
        _build.problems.append(Problem(f"docs/{page.file.src_uri}", problem.line,
                                       f"<!-- checklist: {problem.checklist_id} -->", problem.message))
    # A checklist that names this page as its guide is linked from it even without a marker.
    for checklist in _build.checklists_for_guide(page.file.src_uri):
        if checklist.id not in placed:
            html += "\n" + card(checklist.id)
    return html


def _place_templates(html: str, page: Page, files: Files) -> str:
    # `<!-- template: id -->` in a guide becomes the message template from checklists/shared/messages.yml.
    assert _build is not None and _messages is not None
    if "template:" not in html:
        return html
    page_url = resolve_docs_link(pages.TEMPLATES_PAGE, files=files, page=page)

    def block(template_id: str) -> str:
        return render_placed_template(_messages.get(template_id), page_url=page_url)

    html, _, problems = pages.replace_markers(html, markdown=page.file.content_string, known=_messages.template_ids,
                                              render=block, marker=pages.TEMPLATE_MARKER, what="message template")
    for problem in problems:
        _build.problems.append(Problem(f"docs/{page.file.src_uri}", problem.line,
                                       f"<!-- template: {problem.checklist_id} -->", problem.message))
    return html


def _add_anchors(page: Page, anchors: Iterable[str]) -> None:
    # Ids our HTML adds after Markdown ran, so MkDocs' anchor validation accepts links to them.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(anchors)


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"docs/{file.src_uri} is generated from checklists/; remove the file from docs/")
    files.append(file)
