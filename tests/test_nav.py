"""Navigation: one name per page, checklists in the reader's journey order, and where-you-are on generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from nfp.journey import OTHER_GROUP, Journey, Stage, group_checklists, order_checklists
from nfp.model import Checklist
from sitetools import ROOT, BuiltSite
from test_content import split_front_matter

DOCS = ROOT / "docs"
# The one label allowed: the home page's title is the site's name, which the header already shows.
HOME = ("Home", "index.md")
GENERATED_TITLES = {"checklists/index.md": "Checklists", "templates/index.md": "Message templates",
                    "checklists/booklet.md": "Printable booklet"}


def labelled_nav_pages(entries: list) -> list[tuple[str, str]]:
    """(label, page) for every nav entry that gives a page a label of its own; sections are not pages."""
    found = []
    for entry in entries:
        if isinstance(entry, dict):
            (label, value), = entry.items()
            found += labelled_nav_pages(value) if isinstance(value, list) else [(label, value)]
    return found


def page_title(src: str) -> str:
    if src in GENERATED_TITLES:
        return GENERATED_TITLES[src]
    meta, _ = split_front_matter(DOCS / src)
    return meta["title"]


def test_every_nav_label_is_the_page_title() -> None:
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    differ = [f"{label!r} for {src} titled {page_title(src)!r}"
              for label, src in labelled_nav_pages(nav) if (label, src) != HOME and label != page_title(src)]
    assert not differ, "nav labels that are not the page's title (drop the label): " + "; ".join(differ)


def test_a_differing_nav_label_is_caught() -> None:
    nav = [{"Relationships": ["skills/index.md", {"Your online presence": "skills/online-presence.md"}]}]
    assert labelled_nav_pages(nav) == [("Your online presence", "skills/online-presence.md")]
    assert page_title("skills/online-presence.md") != "Your online presence"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_titles_say_supervisor_not_advisor(path: Path) -> None:
    meta, _ = split_front_matter(path)
    assert "advisor" not in str((meta or {}).get("title", "")).lower(), "the site's word is 'supervisor'"


# --- The reader's journey ---------------------------------------------------------------------------------------

def checklist(checklist_id: str, guide: str | None) -> Checklist:
    return Checklist(id=checklist_id, title=checklist_id.title(), summary="For testing.", tags=("peers",),
                     sections=(), source=f"checklists/{checklist_id}.yml", guide=guide)


JOURNEY = Journey((Stage("Start here", ("start/index.md", "start/plan.md")),
                   Stage("Inside academia", ("academia/conferences.md", "academia/mentors.md")),
                   Stage("Empty", ("empty/index.md",))))


def test_checklists_follow_their_guides_in_the_navigation() -> None:
    # Catalog order is file-name order; the journey puts each checklist where its guide stands.
    catalog = (checklist("a-mentors", "academia/mentors.md"), checklist("b-orphan", "gone.md"),
               checklist("c-conference", "academia/conferences.md"), checklist("d-plan", "start/plan.md"),
               checklist("e-no-guide", None), checklist("f-plan-too", "start/plan.md"))
    groups = group_checklists(catalog, journey=JOURNEY)
    assert [(g.title, [c.id for c in g.checklists]) for g in groups] == [
        ("Start here", ["d-plan", "f-plan-too"]),
        ("Inside academia", ["c-conference", "a-mentors"]),
        (OTHER_GROUP, ["b-orphan", "e-no-guide"]),
    ]
    assert [g.anchor for g in groups] == ["group-start-here", "group-inside-academia", "group-more-checklists"]
    assert [c.id for c in order_checklists(catalog, journey=JOURNEY)] == [
        "d-plan", "f-plan-too", "c-conference", "a-mentors", "b-orphan", "e-no-guide"]


def test_without_a_journey_the_catalog_order_stays() -> None:
    catalog = (checklist("a", "x.md"), checklist("b", None))
    assert order_checklists(catalog, journey=Journey()) == catalog


# --- The built site ------------------------------------------------------------------------------------------------

def active_tab(html: str) -> str:
    found = re.search(r'md-tabs__item--active">\s*<a [^>]*>(.*?)</a>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


def sidebar_links(html: str) -> list[str]:
    primary = html.split('md-nav--primary', 1)[1].split('md-sidebar--secondary', 1)[0]
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', primary, re.S)]


@pytest.mark.parametrize("url", ["checklists/", "checklists/conference/", "checklists/follow-up/", "templates/",
                                 "checklists/booklet/", "tags/"])
def test_generated_pages_show_their_tab(built_site: BuiltSite, url: str) -> None:
    assert active_tab(built_site.page(url)) == "Checklists and templates"


def test_the_sidebar_lists_every_checklist_in_journey_order(built_site: BuiltSite) -> None:
    links = sidebar_links(built_site.page("checklists/conference/"))
    first, conference, peers = (links.index(t) for t in ("Your first 30 days of networking", "Conference networking",
                                                          "Building your peer network"))
    assert first < conference < peers < links.index("Message templates") < links.index("Printable booklet")
    html = built_site.page("checklists/conference/")
    assert re.search(r'md-nav__link--active[^>]*>\s*<span class="md-ellipsis">\s*Conference networking', html)


def test_tags_on_pages_link_to_the_tags_page(built_site: BuiltSite) -> None:
    html = built_site.page("checklists/conference/")
    assert '<a href="../../tags/#tag:conferences" class="md-tag">' in html
    tags = built_site.page("tags/")
    assert 'id="tag:conferences"' in tags and 'href="../checklists/conference/"' in tags


def test_the_index_groups_checklists_by_the_journey_with_linked_tags(built_site: BuiltSite) -> None:
    html = built_site.page("checklists/")
    groups = re.findall(r'<h2 class="nfp-index__group-title" id="[^"]+">([^<]+)</h2>', html)
    assert groups == ["Start here", "Inside academia", "Beyond academia", "Relationships", "Harder situations",
                      "Field tracks"]
    entries = re.findall(r'<h3 class="nfp-index__title" id="([^"]+)"', html)
    assert entries.index("first-30-days") < entries.index("conference") < entries.index("track-life-sciences")
    assert '<a class="nfp-tag" href="../tags/#tag:conferences">Conferences</a>' in html
    # Progress is counted against the items the checklist has now.
    assert re.search(r'<span class="nfp-index__progress" data-checklist-id="conference" data-item-ids="[a-z0-9 -]+" '
                     r'hidden></span>', html)
    # The filter waits for JavaScript: the listing.js bundle it names, after checklist.js's (core.js loads them).
    assert re.search(r'<fieldset class="nfp-filter" data-nfp-bundle="\.\./assets/js/nfp-checklist\.js '
                     r'\.\./assets/js/nfp-listing\.js" data-nfp-bundle-failed="[^"]+" hidden>', html)
