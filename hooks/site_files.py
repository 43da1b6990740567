"""MkDocs hook: robots.txt derived from site_url, so the sitemap address is always the deployed one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nfp.site_meta import render_robots_txt

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_post_build(config: MkDocsConfig) -> None:
    Path(config.site_dir, "robots.txt").write_text(render_robots_txt(config.site_url or ""), encoding="utf-8")
