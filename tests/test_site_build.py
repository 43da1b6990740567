"""The real site, built strictly: every page present, findable, previewable and free of third-party requests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.nav import get_navigation

from nfp.catalog import checklist_files, load_catalog
from sitetools import ROOT, BuiltSite
from test_content import GUIDE_SECTIONS

MAIN_AREAS = ["start/", "academia/", "beyond/", "skills/", "checklists/", "templates/"]


def nav_pages() -> list[str]:
    config = load_config(str(ROOT / "mkdocs.yml"))

    def walk(entries: list) -> list[str]:
        found = []
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found += walk(value) if isinstance(value, list) else [value]
        return found

    return walk(config["nav"])


def url_of(src: str) -> str:
    path = src.removesuffix(".md")
    path = path.removesuffix("index")
    return path if path.endswith("/") or not path else path + "/"


def all_pages(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.path.rglob("*.html") if p.name != "404.html")


def test_strict_build_logs_no_warning(built_site: BuiltSite) -> None:
    assert "WARNING" not in built_site.log
    assert "ERROR" not in built_site.log


def test_every_nav_page_exists_in_the_built_site(built_site: BuiltSite) -> None:
    pages = nav_pages()
    assert len(pages) >= 25
    for src in pages:
        assert (built_site.path / url_of(src) / "index.html").is_file(), src


def test_home_page_links_to_every_main_area(built_site: BuiltSite) -> None:
    home = built_site.page("")
    content = home.split('<article class="md-content__inner', 1)[1]
    for area in MAIN_AREAS:
        assert f'href="{area}"' in content, area


def test_every_guide_is_two_clicks_from_home(built_site: BuiltSite) -> None:
    home = built_site.page("")
    one_click = set(re.findall(r'href="((?:' + "|".join(GUIDE_SECTIONS) + r')/[^"#]*)"', home))
    reachable = set(one_click)
    for url in one_click:
        page = built_site.page(url)
        reachable |= {url + link for link in re.findall(r'href="([a-z-]+/)"', page.split("md-content", 1)[1])}
        reachable |= {re.sub(r"[^/]+/\.\./", "", url + link)
                      for link in re.findall(r'href="(\.\./[a-z-]+/[a-z-]+/)"', page)}
    for src in nav_pages():
        if src.split("/")[0] in GUIDE_SECTIONS:
            assert url_of(src) in {re.sub(r"/+", "/", u) for u in reachable} or url_of(src) in one_click, src


def test_sitemap_lists_every_page_under_site_url(built_site: BuiltSite) -> None:
    site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    tree = ET.parse(built_site.path / "sitemap.xml")
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for page in all_pages(built_site):
        relative = page.relative_to(built_site.path).as_posix().removesuffix("index.html")
        assert site_url + relative in locations, relative
    assert all(loc.startswith(site_url) for loc in locations)


def test_every_page_has_description_canonical_and_link_preview_tags(built_site: BuiltSite) -> None:
    for page in all_pages(built_site):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site.path).as_posix()
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), name
        assert '<link rel="canonical" href="https://' in html, name
        for tag in ("og:title", "og:description", "og:url", "og:type"):
            assert f'<meta property="{tag}" content="' in html, (name, tag)
        assert '<meta name="twitter:card" content="summary">' in html, name


def test_no_page_loads_anything_from_a_third_party_host(built_site: BuiltSite) -> None:
    resource = re.compile(r'<(?:script|img|iframe)[^>]+src="(https?:)?//|<link[^>]+rel="(?:stylesheet|preconnect|'
                          r'preload|icon)"[^>]+href="(https?:)?//')
    for page in [*all_pages(built_site), built_site.path / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert not resource.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        # With this attribute Material's JavaScript asks api.github.com for stars and forks on a first visit.
        assert 'data-md-component="source"' not in html, page
    for css in built_site.path.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_robots_txt_and_404_help_the_lost(built_site: BuiltSite) -> None:
    robots = (built_site.path / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "Sitemap: https://networking-for-phds.github.io/networking-for-phds/sitemap.xml" in robots
    not_found = (built_site.path / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in not_found
    assert 'href="https://networking-for-phds.github.io/networking-for-phds/checklists/"' in not_found


def test_every_shipped_checklist_renders_with_every_item(built_site: BuiltSite) -> None:
    catalog = load_catalog(ROOT / "checklists", root=ROOT)
    assert len(catalog.checklists) == len(checklist_files(ROOT / "checklists")) >= 2
    index = built_site.page("checklists/")
    for checklist in catalog.checklists:
        html = built_site.page(f"checklists/{checklist.id}/")
        assert f'data-checklist-id="{checklist.id}"' in html
        for item in checklist.items:
            assert f'id="{item.id}"' in html and f'id="box--{item.id}"' in html, (checklist.id, item.id)
            assert f'<label class="nfp-item__text" for="box--{item.id}">' in html
        assert f'href="{checklist.id}/"' in index
        # Readers reach checklist pages from the index and guides, not from a sidebar that would grow with them.
        sidebar = built_site.page("start/").split('class="md-content"', 1)[0]
        assert f"checklists/{checklist.id}/" not in sidebar


def test_a_guide_named_by_a_checklist_links_to_it(built_site: BuiltSite) -> None:
    for checklist in load_catalog(ROOT / "checklists", root=ROOT).checklists:
        if checklist.guide:
            guide = built_site.page(url_of(checklist.guide))
            assert re.search(rf'<a class="md-button" href="(\.\./)+checklists/{checklist.id}/">Open the checklist',
                             guide), (checklist.guide, checklist.id)


def test_checklist_pages_have_a_table_of_contents_per_section(built_site: BuiltSite) -> None:
    checklist = load_catalog(ROOT / "checklists", root=ROOT).checklists[0]
    html = built_site.page(f"checklists/{checklist.id}/")
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    for section in checklist.sections:
        assert f'href="#{section.anchor}"' in toc


@pytest.mark.parametrize("area", ["booklet/"])
def test_booklet_holds_every_checklist_once(built_site: BuiltSite, area: str) -> None:
    booklet = built_site.page(f"checklists/{area}")
    catalog = load_catalog(ROOT / "checklists", root=ROOT)
    assert booklet.count('class="nfp-booklet__sheet"') == len(catalog.checklists)
    ids = re.findall(r'\sid="([^"]+)"', booklet)
    assert len(ids) == len(set(ids)), "duplicate ids on the booklet page"
