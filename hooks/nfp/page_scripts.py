"""Scripts only some pages load. Each is a bundle declared once in mkdocs.yml `extra: page_scripts:` (name -> its
sources), built into assets/js/<name>.js by hooks/asset_bundles.py. The tool that needs one names it in a
`data-nfp-bundle` attribute, after the bundles it needs (separated by spaces), and core.js loads them in that
order once the page shows: what a checklist tool or the notebook needs stays out of nfp.js, which every page loads
(the 100 KB first-load budget, issues #20 and #21).

A bundle may need scripts of nfp.js and of the bundles named before it (nfp.define checks). TOOL_NEEDS says, once,
which bundles come before each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .links import Links

CHECKLIST = "nfp-checklist"  # saved ticks, progress, print and reset (checklist and path pages, the booklet)
NETWORK = "nfp-network"  # My network: network-data.js, network-store.js, network.js
NETWORK_FILES = "nfp-network-files"  # My network's backup, spreadsheet and calendar files, loaded on first use
TRANSFER = "nfp-transfer"  # moving ticks between devices (checklist pages, the checklists index)
PLANNER = "nfp-planner"  # the calendar planner (checklist and path pages with dated items)
LISTING = "nfp-listing"  # the tag filter and progress on the checklists index
FINDER = "nfp-finder"  # the "Find your path" form


def bundle_path(name: str) -> str:
    """Where the build writes the bundle `name`, as a docs path."""
    return f"assets/js/{name}.js"


BUNDLE_PATHS = frozenset(bundle_path(name) for name in (CHECKLIST, NETWORK, NETWORK_FILES, TRANSFER, PLANNER,
                                                        LISTING, FINDER))


# The bundles loaded before each that needs them: their scripts name those bundles' scripts in nfp.define (the
# backup's, network-backup.js, needs checklist.js and My network's own scripts, already loaded when it is used).
TOOL_NEEDS = {NETWORK_FILES: (CHECKLIST, NETWORK), TRANSFER: (CHECKLIST,), LISTING: (CHECKLIST,)}


def bundle_list(links: Links, name: str) -> str:
    """What a tool's data-nfp-bundle holds for the bundle `name`: the URLs, from the page `links` serves, of the
    bundles it needs and then its own, separated by spaces."""
    return " ".join(bundle_url(links, needed) for needed in (*TOOL_NEEDS.get(name, ()), name))


def bundle_url(links: Links, name: str) -> str:
    """The bundle's URL from the page `links` serves; ValueError naming the mkdocs.yml key if it is not built."""
    url = links.url(bundle_path(name))
    if url is None:
        raise ValueError(f"{bundle_path(name)} is not built: declare its scripts in mkdocs.yml under "
                         f"extra: page_scripts: {name}:")
    return url
