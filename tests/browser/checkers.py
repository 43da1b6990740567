"""What the quality tests share: the checkers from tests/browser/node_modules, the pages of the built site,
and waiting for checklist.js.

axe-core and the Nu HTML Checker (vnu-jar) are pinned in tests/browser/package.json and package-lock.json and
installed by `make test` (`npm ci --prefix tests/browser --ignore-scripts`). Where one of them, or the Java that
runs vnu, is missing, its tests are skipped with a reason on a contributor's machine and fail under CI=true.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

HERE = Path(__file__).resolve().parent
SITE_URL = re.search(r"^site_url: (\S+)$", (HERE.parents[1] / "mkdocs.yml").read_text(encoding="utf-8"),
                     re.M).group(1)
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_INSTALL = "run make test, or npm ci --prefix tests/browser --ignore-scripts"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(found: bool, message: str) -> None:
    """Skip with `message` on a contributor's machine when a tool is missing; fail under CI=true."""
    if found:
        return
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_axe() -> str:
    require(AXE_JS.is_file(), f"axe-core not installed ({AXE_JS.relative_to(HERE.parents[1])} missing): "
                              f"{NPM_INSTALL}")
    return AXE_JS.read_text(encoding="utf-8")


def require_vnu() -> list[str]:
    """The command that runs the Nu HTML Checker."""
    java = shutil.which("java")
    require(java is not None, "Java not found: the Nu HTML Checker needs it (sudo apt-get install "
                              "default-jre-headless)")
    require(VNU_JAR.is_file(), f"vnu-jar not installed ({VNU_JAR.relative_to(HERE.parents[1])} missing): "
                               f"{NPM_INSTALL}")
    return [java, "-jar", str(VNU_JAR)]


def sitemap_paths(site_dir: Path) -> list[str]:
    """Every page the built site's sitemap.xml lists, as paths relative to the site root ('' is the home page)."""
    locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    if not locs:
        raise ValueError(f"{site_dir / 'sitemap.xml'}: no <loc> entries")
    paths = [urlparse(loc).path for loc in locs]
    root = min(paths, key=len)
    strays = [path for path in paths if not path.startswith(root)]
    if strays:
        raise ValueError(f"sitemap.xml: pages outside the site root {root!r}: {strays}")
    return [path[len(root):] for path in paths]


def wait_for_checklists(page) -> None:
    """Wait until checklist.js has set up every checklist on the page (toolbar shown, ticks restored)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('article.nfp-checklist')]"
        ".every(a => a.getAttribute('data-nfp-ready') === '1')")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


class SwitchableServer:
    """A site served on 127.0.0.1 whose folder can be swapped for another build: the same origin (and so the
    same localStorage) before and after, as when a reader comes back to an updated site."""

    def __init__(self, directory: Path) -> None:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
        self.serve(directory)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def serve(self, directory: Path) -> None:
        self._server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(directory))

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def switchable_server(directory: Path) -> Iterator[SwitchableServer]:
    site = SwitchableServer(directory)
    site.start()
    try:
        yield site
    finally:
        site.close()


def count_downloads(page) -> None:
    """Count the files the page offers for download (window.nfpDownloads), so a test can prove none was made."""
    page.evaluate("""() => {
        window.nfpDownloads = 0;
        const create = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob) => { window.nfpDownloads += 1; return create(blob); };
    }""")


def open_tools(page, url: str | None = None) -> None:
    """Open a checklist page (or the one already open) and its disclosure of tools after the items (ticks on
    another device, the calendar planner), the way a reader does: by its label."""
    if url is not None:
        page.goto(url)
    wait_for_checklists(page)
    page.locator("details.nfp-more > summary").click()
    page.locator("details.nfp-more[open]").wait_for()


def serve_local_sitemap(page, site_url: str) -> None:
    """Material navigates instantly only to pages its sitemap lists, and the sitemap holds the deployed
    addresses; rewrite them to the test server's so links here are followed the way a reader's are."""
    def rewrite(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(SITE_URL, site_url))

    page.route("**/sitemap.xml", rewrite)


def layout_shifts(page) -> list[float]:
    """The layout shifts the page has had without the reader's input. The observer reports the shifts already
    recorded (buffered); with none it never calls back, hence the wait."""
    return page.evaluate("""() => new Promise(resolve => {
        const found = [];
        new PerformanceObserver(list => found.push(...list.getEntries().filter(e => !e.hadRecentInput)
                                                     .map(e => e.value))).observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(found), 500);
      })""")
