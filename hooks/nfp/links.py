"""Links from data to pages in docs/: how they are written, and how a page being rendered turns them into URLs.

The rendering code sees only `Links`, never MkDocs: the MkDocs adapter (nfp/mkdocs_adapter.py) implements it for
a real build, and `StaticLinks` does for tests and any other generator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

# A docs path such as `academia/conferences.md#before` -> a URL relative to the page being rendered, or None.
LinkResolver = Callable[[str], "str | None"]


def split_docs_link(target: str) -> tuple[str, str | None]:
    """`academia/conferences.md#before` -> ('academia/conferences.md', 'before')."""
    page, _, anchor = target.partition("#")
    return page, anchor or None


class Links(Protocol):
    """What the page being rendered knows about the other pages of the site."""

    @property
    def page_url(self) -> str | None:
        """The page's own full address (None when the site has no site_url)."""

    def url(self, target: str) -> str | None:
        """A docs path (with an optional #anchor) as a URL relative to this page; None if no such page."""

    def full_url(self, target: str) -> str | None:
        """A docs path as a full address (None without site_url or page)."""

    def title(self, path: str) -> str | None:
        """The title of the page at a docs path, None if there is no such page."""


@dataclass(frozen=True)
class GuideLink:
    url: str
    title: str


def guide_link(target: str | None, *, links: Links) -> GuideLink | None:
    """The link to a checklist's guide, with the guide's title; None when it has none or it does not exist."""
    if not target:
        return None
    url, title = links.url(target), links.title(split_docs_link(target)[0])
    return GuideLink(url=url, title=title) if url is not None and title is not None else None


@dataclass(frozen=True)
class StaticLinks:
    """Links for a page at `page` among `pages` (docs path -> title), with URLs as MkDocs writes them."""

    page: str = "index.md"
    pages: Mapping[str, str] = field(default_factory=dict)
    site_url: str | None = None

    @property
    def page_url(self) -> str | None:
        return self.site_url + _directory_url(self.page) if self.site_url else None

    def url(self, target: str) -> str | None:
        path, anchor = split_docs_link(target)
        if path not in self.pages:
            return None
        depth = _directory_url(self.page).count("/")
        url = "../" * depth + _directory_url(path) or "./"
        return f"{url}#{anchor}" if anchor else url

    def full_url(self, target: str) -> str | None:
        path = split_docs_link(target)[0]
        return self.site_url + _directory_url(path) if self.site_url and path in self.pages else None

    def title(self, path: str) -> str | None:
        return self.pages.get(path)


def _directory_url(path: str) -> str:
    """`academia/conferences.md` -> `academia/conferences/`; `academia/index.md` -> `academia/`."""
    stem = path.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return stem


@dataclass(frozen=True)
class ResolverLinks:
    """Links from a bare resolver (a test, or rendering one checklist outside a build): URLs only, no titles."""

    resolve: LinkResolver
    page_url: str | None = None

    def url(self, target: str) -> str | None:
        return self.resolve(target)

    def full_url(self, target: str) -> str | None:
        return None

    def title(self, path: str) -> str | None:
        return None
