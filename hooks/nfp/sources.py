"""The source registry: every external page the site links to, once, with its canonical address.

`load_sources` reads checklists/shared/sources.yml through `documents.load_document` (schema-checked, every
problem at once); `nfp.site.load_site` puts the registry and what each page cites (`collect_citations`) in the
build's `Site`. `find_links` and `find_data_links` list the links written in a guide or a data file with their
lines; `check_links` refuses a link to a mirror, proxy or summary host (REFUSED_HOSTS) and one that is not
registered, and resolves `source:<id>`. The per-guide list and the sources page are rendered from templates
(`render_page_sources` here, the page's view in nfp/views.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit, urlunsplit

from markupsafe import Markup

from .channels import load_shared_document
from .documents import Document
from .headings import SOURCES, Heading
from .hints import did_you_mean
from .problems import DataError, Problem, format_field_path
from .render import render_template

REGISTRY_FILE = "sources.yml"
REGISTRY_SCHEMA = "sources.schema.json"
REGISTRY_PATH = "checklists/shared/sources.yml"
SOURCE_SCHEME = "source:"

# The headings of the sources page, in page order: one per kind.
KIND_TITLES = MappingProxyType({
    "study": "Studies and reports",
    "official": "Official pages",
    "platform-help": "Platform help pages",
    "university": "University career services",
    "organisation": "Organisations",
    "book": "Books",
    "news": "News, magazines and blogs",
    "secondary": "Secondary sources (cited only alongside what they report)",
})

# Hosts a page may never link to, whatever the registry says: copies of other sites' pages, document-sharing
# sites, library catalogues and proxies, and machine-written summaries. Each with what it is, for the message.
REFUSED_HOSTS = MappingProxyType({
    "crownmelresort.com": "a mirror of other sites' pages",
    "pathoyeastract.org": "a mirror of other sites' pages",
    "aofirs.org": "a mirror of other sites' pages",
    "liquisearch.com": "a copy of Wikipedia",
    "scribd.com": "a document-sharing site",
    "vdocuments.us": "a document-sharing site",
    "moam.info": "a document-sharing site",
    "bib-bvb.de": "a library catalogue",
    "cnpereading.com": "a reading-platform copy of a publisher's article",
    "sobrief.com": "a book-summary site",
    "insightbooks.app": "a book-summary site",
    "brieflane.com": "a book-summary site",
    "aibrary.ai": "a book-summary site",
    "publicitytop.com": "a site copying newspaper columns",
    "gokawiil.com": "a site copying news articles",
})
# A library proxy rewrites the host, e.g. 0-community-crossref-org.library.alliant.edu.
_PROXY_HOST = re.compile(r"(^0-)|(\.ezproxy\.)|(^ezproxy\.)|(\.idm\.oclc\.org$)")
# Google Scholar's pages in other languages and countries; the English page on scholar.google.com is canonical.
_SCHOLAR_ELSEWHERE = re.compile(r"^scholar\.google\.(?!com$)[a-z.]+$")


@dataclass(frozen=True)
class Source:
    """One registered source, typed once the file has been validated."""

    id: str
    title: str
    kind: str
    checked_on: str
    line: int
    url: str | None = None
    authors: tuple[str, ...] = ()
    organisation: str | None = None
    publisher: str | None = None
    year: int | None = None
    edition: str | None = None
    reports: str | None = None

    @property
    def credit(self) -> str:
        """Who it is by, as a reader reads it: 'A, B and C', or the organisation."""
        if self.authors:
            names = list(self.authors)
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return self.organisation or ""

    @property
    def sort_key(self) -> tuple[str, str]:
        """As a reference list sorts: by the first author's surname (or the organisation), then the title."""
        first = self.authors[0].split()[-1] if self.authors else self.organisation or ""
        return first.lower(), self.title.lower()


@dataclass(frozen=True)
class Registry:
    sources: tuple[Source, ...]

    @cached_property
    def by_id(self) -> Mapping[str, Source]:
        return MappingProxyType({source.id: source for source in self.sources})

    @cached_property
    def by_url(self) -> Mapping[str, Source]:
        return MappingProxyType({normalise_url(source.url): source for source in self.sources if source.url})

    def get(self, source_id: str) -> Source | None:
        return self.by_id.get(source_id)

    def find(self, url: str) -> Source | None:
        """The entry whose canonical address is `url`, after trivial normalisation."""
        return self.by_url.get(normalise_url(url))

    def url_hint(self, url: str) -> str:
        """` (did you mean <registered address>?)` for a near miss on the same host (every address shares
        `https://`, so addresses on other hosts would look alike), else ``."""
        host = _host(url)
        same_host = [source.url for source in self.sources if source.url and _host(source.url) == host]
        return did_you_mean(url, same_host, quote="") if host else ""


def _host(url: str) -> str:
    """The lowercase host of `url`; empty when it has none or cannot be parsed."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def normalise_url(url: str) -> str:
    """`HTTPS://Example.org/a/#top` -> `https://example.org/a`: case of scheme and host, trailing slash, fragment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if parts.port and not (parts.scheme.lower(), parts.port) in {("http", 80), ("https", 443)}:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), parts.query, ""))


def refused_host(url: str) -> tuple[str, str] | None:
    """(host, what it is) when `url` is on a host no page may link to, else None."""
    host = _host(url)
    if not host:
        return None
    for refused, what in REFUSED_HOSTS.items():
        if host == refused or host.endswith("." + refused):
            return host, what
    if _PROXY_HOST.search(host):
        return host, "a library proxy (link the address it stands for)"
    if _SCHOLAR_ELSEWHERE.match(host):
        return host, "Google Scholar in another language (link the English page on scholar.google.com)"
    return None


# --- Loading --------------------------------------------------------------------------------------------------

def parse_registry(loaded: Document, *, file: str) -> tuple[Registry, list[Problem]]:
    """Typed sources from schema-valid data, with the problems the schema cannot see."""
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(file, loaded.line_of(path), format_field_path(path), message))

    sources: list[Source] = []
    ids: dict[str, int] = {}
    urls: dict[str, int] = {}
    for index, data in enumerate(loaded.data["sources"]):
        path = ("sources", index)
        line = loaded.line_of((*path, "id"))
        if data["id"] in ids:
            problem((*path, "id"), f"the source id '{data['id']}' is already used on line {ids[data['id']]}")
            continue
        ids[data["id"]] = line
        # Rules that depend on another field. JSON Schema could say them only with if/then, which the fast
        # check (nfp.schema_check.FAST_KEYWORDS) does not read; the schema's descriptions state them for editors.
        missing = [("url", data["kind"] != "book" and "url" not in data, ""),
                   ("reports", data["kind"] == "secondary" and "reports" not in data, ""),
                   ("authors", "authors" not in data and "organisation" not in data, " (or give organisation)")]
        for name, absent, hint in missing:
            if absent:
                problem(path, f"missing required field '{name}'{hint}")
        url = data.get("url")
        if url:
            refused = refused_host(url)
            if refused:
                problem((*path, "url"), f"{refused[0]} is {refused[1]}: give the canonical address (the publisher, "
                                        "https://doi.org/..., the organisation's or platform's own page)")
            key = normalise_url(url)
            if key in urls:
                problem((*path, "url"), f"the same address as the entry on line {urls[key]}; one entry per source")
            urls.setdefault(key, line)
        sources.append(Source(
            id=data["id"], title=" ".join(data["title"].split()), kind=data["kind"], checked_on=data["checked_on"],
            line=line, url=url, authors=tuple(data.get("authors", ())), organisation=data.get("organisation"),
            publisher=data.get("publisher"), year=data.get("year"), edition=data.get("edition"),
            reports=data.get("reports"),
        ))
    by_id = {source.id: source for source in sources}
    for index, source in enumerate(loaded.data["sources"]):
        reported = source.get("reports")
        if reported is None:
            continue
        path = ("sources", index, "reports")
        if source["kind"] != "secondary":
            problem(path, f"only a secondary source reports another; set kind: secondary or remove reports")
        elif reported == source["id"]:
            problem(path, "names the entry itself; give the id of the study or page it reports")
        elif reported not in by_id:
            problem(path, f"'{reported}' is not an id in this file{did_you_mean(reported, by_id)}")
        elif by_id[reported].kind == "secondary":
            problem(path, f"'{reported}' is itself a secondary source; name the study or page it reports")
    return Registry(sources=tuple(sources)), problems


def load_sources(folder: Path, *, root: Path) -> tuple[Registry | None, list[Problem]]:
    """The registry in `folder` (checklists/shared) and every problem in it; None when it cannot be read."""
    document, problems = load_shared_document(folder, REGISTRY_FILE, REGISTRY_SCHEMA, root=root)
    if document is None:
        return None, problems
    return parse_registry(document, file=document.file)


def load_registry(folder: Path, *, root: Path) -> Registry:
    """The registry in `folder` on its own (tests, tools); raise DataError listing every problem."""
    registry, problems = load_sources(folder, root=root)
    if problems or registry is None:
        raise DataError(problems)
    return registry


# --- Links in pages and data ----------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]*):[^>\s]+)>")
_HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""")
_DATA_URL = re.compile(r"https?://[^\s)\]>\"'`]+")
# A whole `[text](source:id)` link (the text may hold one level of brackets, e.g. a placeholder).
_SOURCE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?source:([^)\s>]*)>?\s*\)")


@dataclass(frozen=True)
class Link:
    target: str
    line: int


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line outside fenced code blocks, with code spans blanked out."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def find_links(markdown: str) -> list[Link]:
    """Every link target a Markdown page writes outside code: inline, reference, autolink or HTML href."""
    links = []
    for number, line in _prose_lines(markdown):
        targets = _INLINE_LINK.findall(line) + _AUTOLINK.findall(line) + _HREF.findall(line)
        reference = _REFERENCE.match(line)
        if reference:
            targets.append(reference.group(1))
        links += [Link(target, number) for target in targets]
    return links


def find_data_links(text: str) -> list[Link]:
    """Every http(s) address written in a YAML data file, with its line (comment lines are notes, not links)."""
    return [Link(match.group(0), number) for number, line in enumerate(text.splitlines(), start=1)
            if not line.lstrip().startswith("#") for match in _DATA_URL.finditer(line)]


def replace_source_links(markdown: str, registry: Registry) -> str:
    """`[Pew](source:pew-job-search-2015)` -> `[Pew](https://www.pewresearch.org/...)`, outside code only.

    A source without an address (a book cited as a book) leaves the link text alone, unlinked; it still appears
    in the page's Sources. Unknown ids are left as written: `check_links` has already reported them.
    """
    lines = markdown.split("\n")
    prose = {number - 1 for number, _ in _prose_lines(markdown)}

    def resolve(match: re.Match[str]) -> str:
        source = registry.get(match.group(2))
        if source is None:
            return match.group(0)
        return f"[{match.group(1)}]({source.url})" if source.url else match.group(1)

    for index in prose:
        line = lines[index]
        if SOURCE_SCHEME not in line:
            continue
        pieces, position = [], 0
        for code in _CODE_SPAN.finditer(line):
            pieces.append(_SOURCE_LINK.sub(resolve, line[position:code.start()]))
            pieces.append(code.group(0))
            position = code.end()
        pieces.append(_SOURCE_LINK.sub(resolve, line[position:]))
        lines[index] = "".join(pieces)
    return "\n".join(lines)


_LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def is_own(url: str, own_prefixes: Collection[str]) -> bool:
    """Links to the project's own repository and site, and to a local preview, are not sources."""
    address = normalise_url(url)
    try:
        if (urlsplit(address).hostname or "") in _LOCAL_HOSTS:
            return True
    except ValueError:
        return False
    return any(address == prefix or address.startswith(prefix + "/") for prefix in own_prefixes)


def check_links(links: Sequence[Link], *, file: str, registry: Registry,
                own_prefixes: Collection[str] = ()) -> tuple[list[Source], list[Problem]]:
    """The sources `links` cite (in order of first use) and a problem for each link the site refuses."""
    cited: list[Source] = []
    problems: list[Problem] = []
    for link in links:
        target = link.target.strip()
        lowered = target.lower()
        source: Source | None = None
        if lowered.startswith(SOURCE_SCHEME):
            source_id = target[len(SOURCE_SCHEME):]
            source = registry.get(source_id)
            if source is None:
                problems.append(Problem(file, link.line, "link", f"{target} names no entry in {REGISTRY_PATH}"
                                                                 f"{did_you_mean(source_id, registry.by_id)}"))
                continue
        elif lowered.startswith(("http://", "https://")):
            if is_own(target, own_prefixes):
                continue
            refused = refused_host(target)
            if refused:
                problems.append(Problem(file, link.line, "link", f"{target} is on {refused[0]}, {refused[1]}: link "
                                        "the original (the publisher, https://doi.org/..., the organisation's or "
                                        f"platform's own page) and register it in {REGISTRY_PATH}"))
                continue
            source = registry.find(target)
            if source is None:
                problems.append(Problem(file, link.line, "link", f"{target} is not in {REGISTRY_PATH}: add an entry "
                                        f"for it there (id, title, authors or organisation, url, kind, checked_on)"
                                        f"{registry.url_hint(target)}"))
                continue
        if source is not None and source not in cited:
            cited.append(source)
    return cited, problems


def check_reported_alongside(cited: Sequence[Source], *, file: str, registry: Registry) -> list[Problem]:
    """A page that cites a secondary source also cites what it reports (the secondary never stands in for it)."""
    problems = []
    for source in cited:
        reported = registry.get(source.reports) if source.reports else None
        if reported is not None and reported not in cited:
            where = reported.url or f"the {reported.kind} itself"
            problems.append(Problem(file, 1, "sources", f"cites {source.url}, which reports '{reported.id}', but not "
                                    f"'{reported.id}' itself: link {where} (or [text](source:{reported.id})) and "
                                    "keep the secondary only as 'as reported by'"))
    return problems


# --- What each page cites ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CitingText:
    """Text whose links are checked: `file` names it in messages, `page` is the page that shows its links
    (None: checked, but shown on no page), `links` are the links it writes."""

    file: str
    page: str | None
    links: tuple[Link, ...]
    # Guides must cite a study beside a secondary source that reports it; data files are checked for links only.
    guide: bool = False


@dataclass(frozen=True)
class Citations:
    """What every page of one build cites, in order of first use, and the pages citing each source."""

    by_page: Mapping[str, tuple[Source, ...]]
    pages_for: Mapping[str, tuple[str, ...]]


def collect_citations(registry: Registry, texts: Iterable[CitingText], *,
                      own_prefixes: Collection[str] = ()) -> tuple[Citations, list[Problem]]:
    """Check every link in `texts`; what each page cites, and a problem for each link the site refuses."""
    problems: list[Problem] = []
    by_page: dict[str, list[Source]] = {}
    pages_for: dict[str, list[str]] = {}
    for text in texts:
        cited, found = check_links(text.links, file=text.file, registry=registry, own_prefixes=own_prefixes)
        problems += found
        if text.guide:
            problems += check_reported_alongside(cited, file=text.file, registry=registry)
        if text.page is None:
            continue
        known = by_page.setdefault(text.page, [])
        for source in cited:
            if source not in known:
                known.append(source)
            citing = pages_for.setdefault(source.id, [])
            if text.page not in citing:
                citing.append(text.page)
    return Citations(by_page=MappingProxyType({page: tuple(found) for page, found in by_page.items()}),
                     pages_for=MappingProxyType({id_: tuple(found) for id_, found in pages_for.items()})), problems


# --- Rendering ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A source in a page's list, with the secondary sources on that page that report it."""

    source: Source
    reported_by: tuple[Source, ...] = ()


def page_entries(cited: Sequence[Source]) -> tuple[Entry, ...]:
    """A page's sources in order of first use, each secondary under the source it reports."""
    ids = {source.id for source in cited}
    return tuple(Entry(source, tuple(other for other in cited if other.reports == source.id))
                 for source in cited if not (source.reports and source.reports in ids))


def render_page_sources(cited: Sequence[Source], *, heading: Heading = SOURCES) -> Markup:
    """The short 'Sources' section at the end of a guide."""
    return render_template("sources_list.html", entries=page_entries(cited), heading=heading)
