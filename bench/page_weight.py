"""What a page costs on first load, from the built files, and whether anything loads from a third-party host.

A page's first load is its HTML plus what the HTML references as a resource (stylesheets, scripts, icons,
images) plus what those stylesheets reference (url() fonts and images, @import), each counted once, as a static
host sends it: text gzip-compressed, images and fonts as they are. The search index and its worker load only
when search is used, so they are reported separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from static_server import COMPRESSIBLE, gzip_bytes

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                 "manifest", "preconnect", "dns-prefetch", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"](?P<url>[^'"]+)['"]""")


@dataclass
class Resource:
    url: str
    kind: str
    raw: int = 0
    gzip: int = 0
    missing: bool = False


@dataclass
class Weight:
    page: str
    resources: list[Resource] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        kinds: dict[str, tuple[int, int]] = {}
        for r in self.resources:
            raw, gz = kinds.get(r.kind, (0, 0))
            kinds[r.kind] = (raw + r.raw, gz + r.gzip)
        return kinds


class _ResourceParser(HTMLParser):
    """Every URL an HTML document loads as a resource (not links the reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (kind, url)
        self._in_style = False
        self.inline_css: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHING_RELS and a.get("href"):
                kind = "css" if "stylesheet" in rels else ("icon" if rels & {"icon", "shortcut", "apple-touch-icon",
                                                                             "mask-icon"} else "other")
                if rels & {"preconnect", "dns-prefetch"}:
                    kind = "connect"
                self.found.append((kind, a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag in ("img", "source", "video", "audio", "iframe", "embed", "track", "input") and a.get("src"):
            if tag != "input" or a.get("type", "").lower() == "image":
                self.found.append(("image" if tag in ("img", "source", "input") else "media", a["src"]))
        elif tag in ("img", "source") and a.get("srcset"):
            for candidate in a["srcset"].split(","):
                if candidate.strip():
                    self.found.append(("image", candidate.strip().split()[0]))
        elif tag == "video" and a.get("poster"):
            self.found.append(("image", a["poster"]))
        elif tag == "object" and a.get("data"):
            self.found.append(("media", a["data"]))
        elif tag in ("image", "use") and (a.get("href") or a.get("xlink:href")):
            target = a.get("href") or a.get("xlink:href") or ""
            if not target.startswith("#"):
                self.found.append(("image", target))
        # The script bundles core.js loads as soon as the page shows (nfp/page_scripts.py), separated by spaces.
        for url in a.get("data-nfp-bundle", "").split():
            self.found.append(("js", url))
        if tag == "style":
            self._in_style = True
        if a.get("style") and "url(" in a["style"]:
            self.inline_css.append(a["style"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


def _css_urls(text: str) -> list[str]:
    return [m.group("url").strip() for m in CSS_URL.finditer(text)] + \
        [m.group("url").strip() for m in CSS_IMPORT.finditer(text)]


def _is_fetchable(url: str) -> bool:
    return bool(url) and not url.startswith(("data:", "#", "about:", "javascript:", "blob:"))


def _host(url: str) -> str | None:
    parts = urlsplit(url)
    return parts.hostname if parts.scheme in ("http", "https") or url.startswith("//") else None


class Site:
    """A built site on disk, addressed by URLs under a base (site_url's path)."""

    def __init__(self, root: Path, base: str = "/") -> None:
        self.root = Path(root)
        self.base = base if base.endswith("/") else base + "/"
        self._gz: dict[Path, int] = {}

    def file_for(self, url_path: str) -> Path | None:
        path = urlsplit(url_path).path
        if not path.startswith(self.base):
            return None
        rel = path[len(self.base):]
        target = self.root / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def sizes(self, file: Path) -> tuple[int, int]:
        raw = file.stat().st_size
        if file not in self._gz:
            self._gz[file] = len(gzip_bytes(file.read_bytes())) if file.suffix in COMPRESSIBLE else raw
        return raw, self._gz[file]

    def page_url(self, page: str) -> str:
        return "http://127.0.0.1" + self.base + page.lstrip("/")

    def weight(self, page: str) -> Weight:
        """First-load bytes of `page` (a path under the site root such as 'checklists/conference/')."""
        page_url = self.page_url(page)
        result = Weight(page=page)
        seen: set[str] = set()
        queue: list[tuple[str, str]] = [("html", page_url)]
        while queue:
            kind, url = queue.pop(0)
            url = url.split("#")[0]
            if url in seen:
                continue
            seen.add(url)
            host = _host(url)
            if host is not None and host not in LOCAL_HOSTS:
                result.third_party.append(url)
                continue
            file = self.file_for(url)
            if file is None:
                result.resources.append(Resource(url, kind, missing=True))
                continue
            raw, gz = self.sizes(file)
            result.resources.append(Resource(url, kind, raw, gz))
            if kind == "html":
                parser = _ResourceParser()
                parser.feed(file.read_text(encoding="utf-8", errors="replace"))
                for child_kind, child in parser.found:
                    if _is_fetchable(child) and child_kind != "connect":
                        queue.append((child_kind, urljoin(url, child)))
                    elif child_kind == "connect":
                        result.third_party.append(child)
                for css in parser.inline_css:
                    queue += [(_kind_of(u), urljoin(url, u)) for u in _css_urls(css) if _is_fetchable(u)]
            elif kind == "css" or file.suffix == ".css":
                text = file.read_text(encoding="utf-8", errors="replace")
                queue += [(_kind_of(u), urljoin(url, u)) for u in _css_urls(text) if _is_fetchable(u)]
        return result

    def lazy_search(self) -> dict[str, tuple[int, int]]:
        """Fetched by Material's JavaScript after the page has loaded, not referenced by the page itself:
        the search index and worker (Material 9.8 fetches them on every first visit, not on first search)
        and sitemap.xml (navigation.instant)."""
        out = {}
        index = self.root / "search" / "search_index.json"
        if index.is_file():
            out["search/search_index.json"] = self.sizes(index)
        for worker in sorted((self.root / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
            out[worker.relative_to(self.root).as_posix()] = self.sizes(worker)
        sitemap = self.root / "sitemap.xml"  # fetched by navigation.instant to know which links are internal
        if sitemap.is_file():
            out["sitemap.xml"] = self.sizes(sitemap)
        return out


def _kind_of(url: str) -> str:
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix in (".woff", ".woff2", ".ttf", ".otf", ".eot"):
        return "font"
    if suffix == ".css":
        return "css"
    return "image"


# --- Third-party resources anywhere in the built site ---------------------------------------------------------

def third_party_resources(site_root: Path, *, limit_html: int | None = None) -> dict[str, list[str]]:
    """Every http(s) URL that built HTML or CSS loads as a resource from a host other than 127.0.0.1.

    Links a reader may click (<a href>, <link rel=canonical>) are not resources and are not counted.
    Returns {url: [files that load it]}.
    """
    found: dict[str, list[str]] = {}
    html_files = sorted(site_root.rglob("*.html"))
    if limit_html is not None:
        html_files = html_files[:limit_html]
    for file in html_files:
        parser = _ResourceParser()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        urls = [u for _, u in parser.found] + [u for css in parser.inline_css for u in _css_urls(css)]
        for url in urls:
            host = _host(url)
            if host is not None and host not in LOCAL_HOSTS:
                found.setdefault(url, []).append(file.relative_to(site_root).as_posix())
    for file in sorted(site_root.rglob("*.css")):
        for url in _css_urls(file.read_text(encoding="utf-8", errors="replace")):
            host = _host(url)
            if host is not None and host not in LOCAL_HOSTS:
                found.setdefault(url, []).append(file.relative_to(site_root).as_posix())
    return found


def hosts_in_scripts(site_root: Path) -> dict[str, list[str]]:
    """Hosts that built JavaScript may fetch from at run time (string literals such as https://api.github.com).

    A static hint only: whether a script really fetches depends on the page; the Lighthouse run shows the
    requests a page actually makes.
    """
    # Only URLs that start a string literal (quotes or a template literal): comments and licences name many hosts.
    pattern = re.compile(r"""["'`]https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})""")
    found: dict[str, list[str]] = {}
    for file in sorted(site_root.rglob("*.js")):
        for host in sorted(set(pattern.findall(file.read_text(encoding="utf-8", errors="replace")))):
            found.setdefault(host, []).append(file.relative_to(site_root).as_posix())
    return found
