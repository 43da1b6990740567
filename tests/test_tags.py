"""Readers see tags as words ("Beyond academia"), never as the ids pages are written with ("beyond-academia").

Every expected name comes from checklists/shared/tags.yml, the one list of tags; the built pages are read as a
reader gets them: the chips on guides and checklists, the tags page, the search index, the checklists index.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from nfp.catalog import load_catalog
from nfp.tags import TAGS_FILE, TAGS_SCHEMA, load_tags
from sitetools import ROOT, BuiltSite

SHARED = ROOT / "checklists" / "shared"
VOCABULARY, _ = load_tags(SHARED, root=ROOT)
assert VOCABULARY is not None, f"{SHARED / TAGS_FILE} does not load"
NAMES = {tag.id: tag.name for tag in VOCABULARY.tags}
# An id as written in front matter: lowercase words joined by hyphens. No reader should see one.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)+")


def tagged_pages() -> dict[str, tuple[str, ...]]:
    """Every built page that carries tags (its URL path) -> the tag ids it is written with."""
    pages = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        ids = get_data(path.read_text(encoding="utf-8"))[1].get("tags")
        if ids:
            url = path.relative_to(ROOT / "docs").with_suffix("").as_posix()
            pages[url[: -len("index")] if url.endswith("index") else url + "/"] = tuple(ids)
    for checklist in load_catalog(ROOT / "checklists", root=ROOT).checklists:
        pages[f"checklists/{checklist.id}/"] = checklist.tags
    return pages


PAGES = tagged_pages()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def chips(html: str) -> list[tuple[str, str]]:
    """The (link, text) of each tag chip Material shows under a page's title."""
    found = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', html, re.S)
    assert found, "no tags on the page"
    return [(href, text(name)) for href, name in re.findall(r'<a href="([^"]+)" class="md-tag">(.*?)</a>',
                                                            found.group(1), re.S)]


def test_the_tag_list_has_readable_names() -> None:
    assert len(NAMES) >= 20
    for tag_id, name in NAMES.items():
        assert name[0].isupper() and not SLUG.fullmatch(name), (tag_id, name)
    assert NAMES["linkedin"] == "LinkedIn" and NAMES["beyond-academia"] == "Beyond academia"


@pytest.mark.parametrize("url", sorted(PAGES))
def test_tag_chips_show_the_names_of_the_page_tags(built_site: BuiltSite, url: str) -> None:
    shown = chips(built_site.page(url))
    assert sorted(shown, key=lambda chip: chip[1]) == sorted(
        ((("../" * url.count("/")) + f"tags/#tag:{tag_id}", NAMES[tag_id]) for tag_id in PAGES[url]),
        key=lambda chip: chip[1])


def test_the_tags_page_lists_each_tag_by_name_at_its_id(built_site: BuiltSite) -> None:
    html = built_site.page("tags/")
    listed = {tag_id: text(name) for tag_id, name in re.findall(r'<h2 id="tag:([^"]+)">(.*?)<a class="headerlink"',
                                                                html, re.S)}
    used = {tag_id for ids in PAGES.values() for tag_id in ids}
    assert listed == {tag_id: NAMES[tag_id] for tag_id in used}
    # The page's table of contents names them too.
    toc = re.findall(r'<a href="#tag:([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', html,
                     re.S)
    assert {tag_id: text(name) for tag_id, name in toc} == listed


def test_no_page_shows_a_tag_as_an_id(built_site: BuiltSite) -> None:
    shown = set()
    for page in built_site.path.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        shown |= {text(name) for name in re.findall(r'class="(?:md|nfp)-tag"[^>]*>(.*?)</(?:a|span)>', html, re.S)}
    assert shown and shown <= set(NAMES.values()), shown - set(NAMES.values())
    assert not [name for name in shown if SLUG.fullmatch(name)]


def test_search_finds_pages_with_their_tags_named(built_site: BuiltSite) -> None:
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"]: doc["tags"] for doc in index["docs"] if doc.get("tags") and "#" not in doc["location"]}
    assert {url: sorted(names) for url, names in tags.items()} == {
        url: sorted(NAMES[tag_id] for tag_id in ids) for url, ids in PAGES.items() if url in tags}
    assert len(tags) == len(PAGES)


def test_the_checklists_index_names_tags_and_links_them(built_site: BuiltSite) -> None:
    html = built_site.page("checklists/")
    anchors = set(re.findall(r'id="(tag:[^"]+)"', built_site.page("tags/")))
    links = re.findall(r'<a class="nfp-tag" href="\.\./tags/#(tag:([^"]+))">([^<]+)</a>', html)
    assert links
    for anchor, tag_id, name in links:
        assert anchor in anchors and name == NAMES[tag_id]
    # The filter: each choice filters by the id (as in data-tags) and is labelled with the name.
    choices = re.findall(r'<input type="radio" name="nfp-filter" value="([^"]+)"> ([^<]+)</label>', html)
    used = {tag_id for url, ids in PAGES.items() if url.startswith("checklists/") for tag_id in ids}
    assert choices == sorted(((tag_id, NAMES[tag_id]) for tag_id in used), key=lambda choice: choice[1])


# --- tags.yml itself: what a contributor sees for each mistake -----------------------------------------------------

def load(tmp_path: Path, body: str) -> list[str]:
    shutil.copy(SHARED / TAGS_SCHEMA, tmp_path)
    (tmp_path / TAGS_FILE).write_text(body, encoding="utf-8")
    vocabulary, problems = load_tags(tmp_path, root=tmp_path.parent)
    assert (vocabulary is None) == bool(problems)
    return [str(problem) for problem in problems]


def test_a_name_that_does_not_make_its_id_is_refused(tmp_path: Path) -> None:
    assert load(tmp_path, "tags:\n  - id: visas\n    name: Visas and work permits\n") == [
        f"{tmp_path.name}/tags.yml:3: tags[0].name: 'Visas and work permits' in lowercase with hyphens is "
        "'visas-and-work-permits', not the id 'visas': the tags page lists a tag by its name, so make them agree"]


def test_a_slug_as_a_name_and_a_repeated_id_are_refused(tmp_path: Path) -> None:
    assert load(tmp_path, "tags:\n  - id: job-search\n    name: job-search\n") == [
        f"{tmp_path.name}/tags.yml:3: tags[0].name: 'job-search' is not a valid tag name: start with a capital "
        "letter, then letters, digits, single spaces and hyphens, e.g. 'Job search'"]
    assert load(tmp_path, "tags:\n  - id: peers\n    name: Peers\n  - id: peers\n    name: Peers\n") == [
        f"{tmp_path.name}/tags.yml:4: tags[1].id: the tag id 'peers' is already used on line 2"]
