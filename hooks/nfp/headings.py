"""Headings of generated pages: each page's table of contents and the ids links may target come from these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """A heading a generated page renders with `id`, listed in its table of contents when `in_toc`."""

    level: int
    id: str
    title: str
    children: tuple[Heading, ...] = ()
    in_toc: bool = True


# The templates page's own closing section. Its id is an anchor on the page, so no situation or template may
# take it (nfp/messages.py refuses it); the page, its table of contents and its anchors all read it from here.
LIMITS = Heading(level=2, id="limits", title="Limits we check")

# The "Sources" section a guide ends with (nfp/sources.py): its heading, table-of-contents entry and anchor.
SOURCES = Heading(level=2, id="sources", title="Sources")
