"""MkDocs hook: every built page carries a Content Security Policy that allows no inline or third-party script
beyond the exact inline scripts the theme wrote (by hash). See nfp/csp.py.

Not under `mkdocs serve`: its live reload adds an inline script to every page as it serves it, which no hash
computed at build time can allow.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from nfp.csp import find_inline_scripts, insert_policy, render_policy, script_hash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.csp")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config: MkDocsConfig) -> None:
    if _serving:
        log.info("Content-Security-Policy left out while serving (live reload needs an inline script); "
                 "mkdocs build adds it")
        return
    pages = sorted(Path(config.site_dir).rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = {script_hash(script) for text in texts.values() for script in find_inline_scripts(text)}
    policy = render_policy(hashes)
    for path, text in texts.items():
        try:
            path.write_text(insert_policy(text, policy), encoding="utf-8")
        except ValueError as error:
            raise PluginError(f"{path.relative_to(config.site_dir).as_posix()}: {error}") from None
