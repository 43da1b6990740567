"""MkDocs hook: guides may not run script. Raw HTML, event and style attributes and unsafe links are refused,
and so are invisible and control characters in front matter.

Only MkDocs event functions live here; the rules are in nfp/guide_markup.py and nfp/link_rules.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from nfp.guide_markup import GuideMarkupCheck, escape_theme_text, line_of
from nfp.text_safety import find_hidden_characters

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# Made anew in on_config for each build: `mkdocs serve` keeps this module loaded between builds.
_check: GuideMarkupCheck | None = None
_problems: list[tuple[str, int, str]] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _check, _problems
    _check = GuideMarkupCheck()
    _problems = []
    config.markdown_extensions.append(_check)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Front matter becomes the <title>, link previews and the search index: no invisible or control characters.
    source = page.file.content_string

    def key_line(path: tuple) -> int:
        # The line of the top-level key in the front matter (the file's first lines), else the first line.
        index = source.find(f"\n{path[0]}:") if path else -1
        return source.count("\n", 0, index) + 2 if index >= 0 else 1

    for problem in find_hidden_characters(page.meta, file=f"docs/{page.file.src_uri}", line_of=key_line):
        _problems.append((problem.file, problem.line, f"front matter {problem.field}: {problem.message}"))
    # Generated pages' front matter is escaped where it is written (nfp/pages.py); a guide's is escaped here.
    if not page.file.generated_by:
        page.meta.update(escape_theme_text(page.meta))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _check is not None
    source = page.file.content_string
    for finding in _check.found:
        _problems.append((f"docs/{page.file.src_uri}", line_of(source, finding.needle), finding.message))
    _check.found = []
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _problems:
        lines = [f"  {file}:{line}: {message}" for file, line, message in sorted(set(_problems))]
        count = len(lines)
        raise PluginError("\n".join([f"{count} problem{'s' if count != 1 else ''} in guides:", *lines]))
    return env
