"""MkDocs hook: checklists/*.yml become pages, an index, a booklet and the templates page, and cards in guides;
checklists/shared/sources.yml becomes the sources page, and each guide ends with the sources it cites. Every
page's tags become the names in checklists/shared/tags.yml.

Every external link (in docs/ and in the data) must be a registered, canonical source: on_files refuses one that is
not, or that points at a mirror, proxy or summary host, one line per problem (nfp/sources.py). Links to the
project's own repository (repo_url) and site (site_url) are not sources.

Only MkDocs events live here. The build (nfp/build.py) is made in on_files from the data as it is now and
dropped when the build ends: `mkdocs serve` keeps this module loaded, so nothing may outlive one build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from nfp.build import Build
from nfp.mkdocs_adapter import (MkDocsLinks, add_heading, insert_pages, make_file, make_toc, page_anchors,
                                read_journey)
from nfp.pages import INDEX_PAGE
from nfp.problems import DataError
from nfp.site import load_site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_build: Build | None = None  # the build in progress, None between builds


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build
    _build = None
    docs_pages = {file.src_uri for file in files.documentation_pages()}
    try:
        site = load_site(Path(config.config_file_path).parent, docs_pages=docs_pages,
                         read_page=lambda path: files.get_file_from_path(path).content_string,
                         own_urls=(config.repo_url, config.site_url))
    except DataError as error:
        raise PluginError(error.report()) from None
    _build = Build(site)
    for page in _build.pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} is generated from checklists/; remove the file from docs/")
        files.append(make_file(page, config=config))
    try:
        data_files = _build.data_files()
    except ValueError as error:
        raise PluginError(str(error)) from None
    for path, text in data_files.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from checklists/; remove the file from docs/")
        files.append(File.generated(config, path, content=text))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Checklist pages are left out of `nav` in mkdocs.yml (not_in_nav) and put here, after the checklists index,
    # in the reader's journey order: the navigation is where that order comes from (nfp/journey.py).
    build = _current()
    build.journey = read_journey(nav)
    try:
        insert_pages(nav, after=INDEX_PAGE, src_uris=build.checklist_pages_in_journey_order(), files=files)
    except ValueError as error:
        raise PluginError(f"mkdocs.yml nav: {error}") from None
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    # Front matter names tags by id; readers see their names. Material's tags plugin (on the chips and the tags
    # page) and search read `tags` after this: the plugin's on_page_markdown runs at priority -50, hooks at 0.
    if "tags" in page.meta:
        page.meta["tags"] = build.tag_names(page.meta["tags"], src_uri=page.file.src_uri,
                                            source=page.file.content_string)
    return build.resolve_source_links(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build, links = _current(), MkDocsLinks(files, page)
    generated = build.page(page.file.src_uri)
    if generated is not None:
        try:
            rendered = build.render_page(generated, links=links)
        except ValueError as error:
            raise PluginError(f"{generated.src_uri} (generated): {error}") from None
        html, page.toc = rendered.html, make_toc(rendered.toc)
        # Ids our HTML adds after Markdown ran, so MkDocs' anchor validation accepts links to them.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rendered.anchors
    source = page.file.content_string
    html = build.place_cards(html, src_uri=page.file.src_uri, markdown=source, links=links)
    html = build.place_templates(html, src_uri=page.file.src_uri, markdown=source, links=links)
    html = build.place_path_lists(html, src_uri=page.file.src_uri, markdown=source, links=links)
    # Last, after the checklist cards: a guide ends with the sources it cites.
    html, heading = build.place_sources(html, src_uri=page.file.src_uri)
    if heading is not None:
        add_heading(page, heading)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return _current().finish_page(page.file.src_uri, output)
    except ValueError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    problems = _current().check(anchors_of=lambda path: page_anchors(files, path))
    if problems:
        raise PluginError(DataError(problems).report())
    return env


def on_post_build(config: MkDocsConfig) -> None:
    global _build
    _build = None


def on_build_error(error: Exception) -> None:
    global _build
    _build = None


def _current() -> Build:
    if _build is None:
        raise PluginError("hooks/checklist_pages.py: a page event came before on_files; is the hook listed twice?")
    return _build
