"""MkDocs hook: a web app manifest and a service worker, so the site installs on a phone and works offline.

Only MkDocs events live here; the work is in nfp/offline.py. Under `mkdocs serve` nothing is registered (a
service worker would keep serving old pages while you edit) unless NFP_OFFLINE=1 asks for it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from nfp.offline import (MANIFEST, SERVICE_WORKER, is_dev_server, render_manifest, render_service_worker,
                         worker_settings)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Read by overrides/main.html: whether pages link the manifest and name the service worker, and where.
    serving = is_dev_server(site_url=config.site_url or "", dev_host=config.dev_addr.host,
                            dev_port=config.dev_addr.port)
    enabled = not serving or os.environ.get("NFP_OFFLINE") == "1"
    config.extra["offline"] = {"manifest": MANIFEST, "worker": SERVICE_WORKER} if enabled else None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if config.extra["offline"]:
        files.append(File.generated(config, MANIFEST, content=render_manifest(
            name=config.site_name, description=config.site_description or "",
            theme_colour=config.extra["theme_colour"]["light"])))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    # Last, once every page and asset is written: the worker's file list and version come from the built site.
    if config.extra["offline"]:
        site_dir = Path(config.site_dir)
        (site_dir / SERVICE_WORKER).write_text(render_service_worker(worker_settings(site_dir)), encoding="utf-8")
