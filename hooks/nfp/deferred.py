"""Parts of a generated page that go into it only after Material's search plugin has read the page.

A checklist page carries buttons, forms, a no-JavaScript note and its items' message templates. None of it
belongs in the search index (the templates page indexes the templates once; a search for "calendar" should
not find every checklist because each has a planner form), and reading it was most of the search plugin's
time on a large site. So the hook renders those parts as placeholders, which the search plugin skips as HTML
comments, and swaps the real HTML back into the finished page in `on_post_page`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

_PLACEHOLDER = "<!--nfp-deferred:{}-->"
_PATTERN = re.compile(r"<!--nfp-deferred:(\d+)-->")


class DeferredParts:
    """Collects the deferred parts of one page; `defer` is what the checklist template calls."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def defer(self, html: Markup | str) -> Markup:
        if not html:
            return Markup("")
        self.parts.append(str(html))
        return Markup(_PLACEHOLDER.format(len(self.parts) - 1))


def restore(output: str, parts: Sequence[str]) -> str:
    """Put each deferred part back in place of its placeholder; every placeholder must be found once.

    Text from checklist data is escaped, so it can never contain a placeholder of its own.
    """
    found: list[int] = []

    def part(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(parts):
            return match.group(0)
        found.append(index)
        return parts[index]

    restored = _PATTERN.sub(part, output)
    if sorted(found) != list(range(len(parts))):
        missing = sorted(set(range(len(parts))) - set(found))
        raise ValueError(f"the page lost {len(missing)} deferred part(s) between rendering and output "
                         "(a theme override that drops page.content?)")
    return restored
