"""Scripts only some pages load. Each is a bundle declared once in mkdocs.yml `extra: page_scripts:` (name -> its
sources), built into assets/js/<name>.js by hooks/asset_bundles.py. The tool that needs one names it in a
`data-nfp-bundle` attribute, and core.js loads it once the page shows: what a checklist tool or the notebook needs
stays out of nfp.js, which every page loads (the 100 KB first-load budget, issues #20 and #21).

A bundle may need scripts of nfp.js (nfp.define checks), never another page bundle: they load in any order. The
one exception is a bundle a tool loads on first use (nfp.load), after its own bundle: NETWORK_FILES needs NETWORK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .links import Links

NETWORK = "nfp-network"  # My network: network-data.js, network-store.js, network.js
NETWORK_FILES = "nfp-network-files"  # My network's backup, spreadsheet and calendar files, loaded on first use
TRANSFER = "nfp-transfer"  # moving ticks between devices (checklist pages, the checklists index)
PLANNER = "nfp-planner"  # the calendar planner (checklist and path pages with dated items)
LISTING = "nfp-listing"  # the tag filter and progress on the checklists index
FINDER = "nfp-finder"  # the "Find your path" form


def bundle_path(name: str) -> str:
    """Where the build writes the bundle `name`, as a docs path."""
    return f"assets/js/{name}.js"


BUNDLE_PATHS = frozenset(bundle_path(name) for name in (NETWORK, NETWORK_FILES, TRANSFER, PLANNER, LISTING, FINDER))


def bundle_url(links: Links, name: str) -> str:
    """The bundle's URL from the page `links` serves; ValueError naming the mkdocs.yml key if it is not built."""
    url = links.url(bundle_path(name))
    if url is None:
        raise ValueError(f"{bundle_path(name)} is not built: declare its scripts in mkdocs.yml under "
                         f"extra: page_scripts: {name}:")
    return url
