"""Readers' words for a page: its `search.keywords` front matter, checked and joined for the search index."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FIELD = "keywords"


def read_keywords(meta: Mapping[str, Any], *, source: str) -> str:
    """The page's keywords as one string for the index ('' if it has none).

    Front matter shape: `search: {keywords: [burnout, exhausted, "too tired"]}`. Anything else raises ValueError
    with a message naming the file, so a contributor's typo stops the build instead of silently doing nothing.
    """
    search = meta.get("search") or {}
    if not isinstance(search, Mapping):
        raise ValueError(f"{source}: front matter 'search' must be a mapping, e.g. search: {{keywords: [cv]}}")
    keywords = search.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(word, str) and word.strip() for word in keywords):
        raise ValueError(f"{source}: front matter 'search.keywords' must be a list of words or phrases, "
                         f"e.g. keywords: [burnout, too tired]")
    return " ".join(word.strip() for word in keywords)


def add_keywords(entries: list[dict[str, Any]], *, page_url: str, keywords: str) -> None:
    """Put the keywords on the page's own entry in the search index (its sections keep only their text)."""
    if not keywords:
        return
    for entry in entries:
        if entry.get("location") == page_url:
            entry[FIELD] = keywords
            return
