"""The site offline: a web app manifest, and a service worker whose file list and version come from the built site.

What a reader needs at a conference with no Wi-Fi is precached after their first visit (the tools: every checklist,
the templates, the booklet, the home page, the offline page, the site's CSS, JavaScript, icons and search index).
Guides are cached as they are read, so the download stays small as the library of guides grows.

The icons in docs/assets/icons/ are the site's mark (docs/assets/favicon.svg, and maskable.svg for launchers that
crop to a circle) rendered by Chromium: `chromium --headless --screenshot=icon-512.png --window-size=512,512 ...`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

SERVICE_WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "offline/"

# Pages precached for offline use, by address prefix ("" is the home page only); the notebook and paths pages
# are listed ahead of time so they join the offline set the day they are published.
PRECACHED_PAGES = ("", "checklists/", "templates/", "offline/", "my-network/", "paths/")
# Built files never worth a reader's download: source maps, Lunr's other languages (this site is English),
# and files only crawlers read. (sitemap.xml stays: Material's instant navigation reads it on every page.)
SKIPPED_SUFFIXES = (".map", ".gz", ".txt")
SKIPPED_PREFIXES = ("assets/javascripts/lunr/",)


@dataclass(frozen=True)
class Icon:
    src: str
    size: int
    purpose: str = "any"


ICONS = (Icon("assets/icons/icon-192.png", 192), Icon("assets/icons/icon-512.png", 512),
         Icon("assets/icons/maskable-512.png", 512, "maskable"))
BACKGROUND_COLOUR = "#ffffff"


def is_dev_server(*, site_url: str, dev_host: str, dev_port: int) -> bool:
    """True under `mkdocs serve`, which points site_url at its own address: no service worker while editing."""
    return urlsplit(site_url).netloc == f"{dev_host}:{dev_port}"


def render_manifest(*, name: str, description: str, theme_colour: str) -> str:
    """The web app manifest. Addresses are relative to it (it sits at the site's root), so site_url stays the
    one place that sets where the site lives."""
    manifest = {
        "name": name,
        "short_name": "PhD networking",
        "description": description,
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": BACKGROUND_COLOUR,
        "icons": [{"src": icon.src, "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
                   "purpose": icon.purpose} for icon in ICONS],
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def built_files(site_dir: Path) -> list[str]:
    """Every file of the built site as a site-relative POSIX path, sorted, except the service worker."""
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                  if path.is_file() and path.relative_to(site_dir).as_posix() != SERVICE_WORKER)


def page_address(path: str) -> str | None:
    """The address a reader requests for a built page ('checklists/conference/' for .../index.html)."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return None


def select_precache(paths: Iterable[str]) -> list[str]:
    """The addresses the service worker downloads at install: the tools' pages and everything they load."""
    selected: list[str] = []
    for path in paths:
        address = page_address(path)
        if address is not None:
            if address == "" or any(prefix and address.startswith(prefix) for prefix in PRECACHED_PAGES):
                selected.append(address or "./")
        elif path.endswith(".html") or path.endswith(SKIPPED_SUFFIXES) or path.startswith(SKIPPED_PREFIXES):
            continue
        else:
            selected.append(path)
    return selected


def content_version(site_dir: Path, paths: Iterable[str]) -> str:
    """A short hash of every built file's path and bytes: any change to the site is a new version."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site_dir / PurePosixPath(path)).read_bytes()).digest())
    return digest.hexdigest()[:16]


def worker_settings(site_dir: Path) -> dict[str, object]:
    """What the service worker template needs: its version, what to precache, and where the offline page is."""
    paths = built_files(site_dir)
    return {"version": content_version(site_dir, paths), "precache": select_precache(paths),
            "offline": OFFLINE_PAGE}


def render_service_worker(settings: dict[str, object]) -> str:
    """sw.js: the worker's code (a template beside the others) with this build's settings as JSON."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    return env.get_template("service-worker.js").render(settings=settings)
