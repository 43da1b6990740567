"""Every kind of page stays within the budget of issues #20/#21: at most 100 KB gzip on first load (the HTML and
every stylesheet, script, icon and image it loads), not counting what Material fetches afterwards (the search
index and worker, sitemap.xml). Bytes from the built site, measured by bench/page_weight.py, the same code as
`make bench`: deterministic, unlike a timed test."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from page_weight import Site
from sitetools import ROOT, BuiltSite

BUDGET = 100_000  # bytes gzip; bench/run.py writes KB as 1000 bytes
SITE_BASE = urlsplit(load_config(str(ROOT / "mkdocs.yml")).site_url).path

PAGES = [
    pytest.param("", id="home"),
    pytest.param("skills/follow-up/", id="guide"),
    pytest.param("checklists/conference/", id="checklist"),
    pytest.param("my-network/", id="my-network"),
    pytest.param("paths/", id="paths"),
    pytest.param("paths/academic-job-market/", id="path"),
    pytest.param("templates/", id="templates"),
]


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Site:
    return Site(built_site.path, SITE_BASE)


@pytest.mark.parametrize("page", PAGES)
def test_first_load_is_within_the_budget(site: Site, page: str) -> None:
    weight = site.weight(page)
    assert not [r.url for r in weight.resources if r.missing], "the page loads a file the build did not write"
    parts = ", ".join(f"{kind} {gz / 1000:.1f}" for kind, (_, gz) in sorted(weight.by_kind().items()))
    assert weight.gzip <= BUDGET, f"{page or 'home'}: {weight.gzip / 1000:.1f} KB gzip ({parts})"


def test_my_network_counts_the_scripts_only_it_loads(site: Site) -> None:
    # core.js fetches the bundle a page names in data-nfp-bundle: it is part of that page's first load only.
    assert any(r.url.endswith("/assets/js/nfp-network.js") for r in site.weight("my-network/").resources)
    assert not any(r.url.endswith("/assets/js/nfp-network.js") for r in site.weight("templates/").resources)
