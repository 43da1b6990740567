"""Search answers readers' words: every query in tests/search_queries.yml finds its page in the top three.

The queries run through the built site's real search worker in Chromium (tests/browser/site_search.py), so a
change to the search settings, to a page's words or to its `search.keywords` shows here as a reader would see it.
"""

from __future__ import annotations

import pytest

from nfp.tags import load_tags
from site_search import SiteSearch, load_queries
from sitetools import ROOT

QUERIES = load_queries()
TAGS, _ = load_tags(ROOT / "checklists" / "shared", root=ROOT)
STOP_WORDS = {"a", "an", "to", "how", "do", "i", "the", "of", "my"}


@pytest.fixture(scope="module")
def search(browser, site_url: str):
    page = browser.new_page()
    try:
        yield SiteSearch(page, site_url)
    finally:
        page.close()


def test_the_query_set_is_large_and_names_real_pages(built_site) -> None:
    assert len(QUERIES) >= 40
    for case in QUERIES:
        expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        for address in expected:
            assert (built_site.path / address / "index.html").is_file(), f"{case['query']!r}: no page {address}"


@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_query_finds_its_page_in_the_top_three(search: SiteSearch, case: dict) -> None:
    expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    top = search.top_pages(case["query"])
    assert set(expected) & set(top), f"{case['query']!r} should find {expected} in the top three, found {top}"


def test_stop_words_neither_match_nor_highlight(search: SiteSearch) -> None:
    """"to" and "a" once matched as prefixes of "alumni" and "academia", and highlighted every "an" on the page."""
    results = search.results("how to approach a speaker")
    assert results, "no results at all"
    for group in results[:5]:
        assert not STOP_WORDS & set(group["terms"]), f"stop words treated as search terms: {group['terms']}"
    # A query of stop words only is left to Material as typed rather than turned into an empty query.
    assert all(not {"to", "a", "an"} & {term for term, found in g["terms"].items() if found}
               for g in search.results("how to approach a speaker"))


def test_word_forms_and_one_typo_are_forgiven(search: SiteSearch) -> None:
    assert "about/contributing/" in search.top_pages("contributing")
    assert "beyond/linkedin/" in search.top_pages("linkdin")
    # A real word is not "corrected" into another: "ties" must not turn into "tips".
    assert search.top_pages("weak ties")[0] == "start/why-networking/"


def test_search_box_shows_results_and_readable_tags(page, site_url: str) -> None:
    """The reader's path: type in the search box, see the page with its tags named as in checklists/shared/tags.yml,
    and whole ("Follow-up", not "follow - up" nor the id "follow-up")."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "academia/conferences/")
    page.fill("input[data-md-component=search-query]", "thank you email")
    first = page.wait_for_selector(".md-search-result__item .md-search-result__link")
    assert "skills/follow-up/" in first.get_attribute("href") or "templates/" in first.get_attribute("href")
    tags = [tag.inner_text() for tag in page.query_selector_all(".md-search-result__item .md-tag")]
    assert TAGS.get("follow-up").name in tags, tags
    assert all(TAGS.get(tag) is None for tag in tags), f"a tag shown by its id: {tags}"
