"""MkDocs hook: every external link is a registered, canonical source; pages list their sources.

Only MkDocs event functions live here; the work is done by hooks/nfp/sources.py.
- on_files loads checklists/shared/sources.yml, checks every link in docs/ and in checklists/ data (refusing
  mirror, proxy and summary hosts and unregistered addresses, one line per problem), and adds about/sources.md.
- on_page_markdown turns `[text](source:<id>)` into a link to the entry's canonical address.
- on_page_content adds a "Sources" section at the end of each page that cites any (after the checklist cards that
  hooks/checklist_pages.py adds, so this hook is listed after it) and renders the sources page.
Links to the project's own repository (repo_url) and site (site_url) are not sources and are not checked here.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from nfp import pages
from nfp.mkdocs_adapter import MkDocsLinks
from nfp.problems import DataError, Problem
from nfp.sources import (Citations, PageRef, check_links, check_reported_alongside, find_data_links, find_links,
                         load_registry, normalise_url, render_page_sources, render_sources_page,
                         replace_source_links, sources_page_toc)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

SOURCES_PAGE = "about/sources.md"
# Pages that link tools and licences rather than evidence get no "Sources" section (their links are still checked).
NO_SOURCES_SECTION = ("about/",)
# Data files whose links show on a generated page: checklists/<id>.yml on its checklist page, shared data on the
# templates page. The registry itself is not a citation.
SHARED_DATA_PAGE = {"channels.yml": pages.TEMPLATES_PAGE, "messages.yml": pages.TEMPLATES_PAGE}

# The citations of the build in progress, made anew in on_files (`mkdocs serve` keeps this module loaded).
_citations: Citations | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _citations
    root = Path(config.config_file_path).parent
    try:
        registry = load_registry(root / "checklists" / "shared", root=root)
    except DataError as error:
        raise PluginError(error.report()) from None
    own = [normalise_url(url) for url in (config.repo_url, config.site_url) if url]
    citations = Citations(registry=registry)
    problems: list[Problem] = []
    for file in files.documentation_pages():
        name = f"docs/{file.src_uri}" if not file.generated_by else file.src_uri
        cited, found = check_links(find_links(file.content_string), file=name, registry=registry, own_prefixes=own)
        problems += found + check_reported_alongside(cited, file=name, registry=registry)
        citations.add(file.src_uri, cited)
    for path in sorted((root / "checklists").glob("*.yml")) + sorted((root / "checklists" / "shared").glob("*.yml")):
        if path.name == "sources.yml":
            continue
        name = path.relative_to(root).as_posix()
        cited, found = check_links(find_data_links(path.read_text(encoding="utf-8")), file=name, registry=registry,
                                   own_prefixes=own)
        problems += found
        page = SHARED_DATA_PAGE.get(path.name) if path.parent.name == "shared" else f"checklists/{path.stem}.md"
        if page is not None:
            citations.add(page, cited)
    if problems:
        raise PluginError(_report(problems))
    if files.get_file_from_path(SOURCES_PAGE) is not None:
        raise PluginError(f"docs/{SOURCES_PAGE} is generated from {'checklists/shared/sources.yml'}; remove the file")
    page = File.generated(config, SOURCES_PAGE, content=pages.generated_page_source(
        title="Sources", description="Every source the guides, checklists and templates cite, by kind, with the "
        "pages that cite it and when it was last checked."))
    page.edit_uri = "../checklists/shared/sources.yml"
    files.append(page)
    _citations = citations
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _citations is not None
    return replace_source_links(markdown, _citations.registry)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _citations is not None
    src = page.file.src_uri
    if src == SOURCES_PAGE:
        html = render_sources_page(_citations.registry, cited_on=_cited_on(page, files))
        page.toc = get_toc(sources_page_toc(_citations.registry))
        page.present_anchor_ids = (page.present_anchor_ids or set()) | {
            f"source-{source.id}" for source in _citations.registry.sources} | {
            item.id for item in page.toc.items}
        return html
    cited = _citations.by_page.get(src)
    if not cited or src.startswith(NO_SOURCES_SECTION) or page.file.generated_by:
        return html
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {"sources"}
    entry = get_toc([{"level": 2, "id": "sources", "name": "Sources", "children": []}]).items
    top = page.toc.items
    (top[0].children if len(top) == 1 and top[0].level == 1 else top).extend(entry)
    return html + "\n" + render_page_sources(cited)


def _cited_on(page: Page, files: Files) -> dict[str, list[PageRef]]:
    """Source id -> the pages that cite it, as links relative to the sources page."""
    assert _citations is not None
    refs: dict[str, list[PageRef]] = {}
    for source_id, srcs in _citations.pages_for.items():
        for src in srcs:
            file = files.get_file_from_path(src)
            url = MkDocsLinks(files, page).url(src)
            if file is None or url is None:
                continue
            meta = get_data(file.content_string)[1]
            title = str(meta.get("title") or (file.page.title if file.page is not None else None) or src)
            # Generated pages escape their titles in front matter (nfp.pages.generated_page_source); Jinja escapes.
            refs.setdefault(source_id, []).append(PageRef(title=unescape(title) if file.generated_by else title,
                                                          url=url))
    return refs


def _report(problems: list[Problem]) -> str:
    unique = sorted(set(problems))
    count = len(unique)
    heading = f"{count} link{'s' if count != 1 else ''} the site refuses (every external link is a registered source):"
    return "\n".join([heading, *(f"  {problem}" for problem in unique)])
