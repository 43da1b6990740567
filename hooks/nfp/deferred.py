"""Parts of a generated page that go into it only after Material's search plugin has read the page.

A checklist page carries buttons, forms, a no-JavaScript note and its items' message templates. None of it
belongs in the search index (the templates page indexes the templates once; a search for "calendar" should
not find every checklist because each has a planner form). So the views (nfp/views.py) put a placeholder in
their place, which the search plugin skips as an HTML comment, and `restore` swaps the real HTML back into
the finished page (the hook's `on_post_page`, which runs after the search plugin's `on_page_context`).

Why not Material's supported way, `data-search-exclude` on the element (in the free edition's search plugin
since it left Insiders; read in material/plugins/search/plugin.py of 9.8.1)? Measured on the conference page
(November 2026, this machine): with the attribute the plugin still parses every excluded element, about 35%
more parse time per checklist page (the second benchmark round measured 2.9 against 1.1 ms per page: at
N = 1,000 about 1.8 s more, an estimated checklists/plain ratio of 1.3 instead of 1.1); and a heading with an
id inside an excluded block still opens a search section of its own (the planner's and the transfer form's
<h2>), which would put empty entries into the index. Front matter `search: exclude` drops a whole page (the
booklet uses it).
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
