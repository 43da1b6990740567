"""MkDocs hook: each page's `search.keywords` front matter goes into Material's search index as its own field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from nfp.search_keywords import add_keywords, read_keywords

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Checked here, before Material's search plugin reads `search:` and would stop with a traceback.
    try:
        read_keywords(page.meta, source=f"docs/{page.file.src_uri}")
    except ValueError as error:
        raise PluginError(str(error)) from None
    return markdown


# Hooks run after plugins, so Material's search plugin has already added this page's entries.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    search = config.plugins.get("material/search")
    if search is not None:
        add_keywords(search.search_index.entries, page_url=page.url, keywords=read_keywords(page.meta, source=page.file.src_uri))
    return context

