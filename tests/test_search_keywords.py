"""Readers' words in front matter (`search: keywords: [...]`) reach the search index, and bad ones stop the build."""

from __future__ import annotations

import json

import pytest

from nfp.search_keywords import add_keywords, read_keywords
from sitetools import BuiltSite, build_site, copy_site


def test_keywords_are_joined_for_the_index() -> None:
    assert read_keywords({"search": {"keywords": ["burnout", " too tired "]}}, source="x.md") == "burnout too tired"
    assert read_keywords({"title": "No keywords"}, source="x.md") == ""


@pytest.mark.parametrize("meta", [{"search": "burnout"}, {"search": {"keywords": "burnout"}},
                                  {"search": {"keywords": ["ok", 3]}}, {"search": {"keywords": [""]}}])
def test_malformed_keywords_name_the_file(meta: dict) -> None:
    with pytest.raises(ValueError, match=r"^docs/start/x\.md: front matter 'search"):
        read_keywords(meta, source="docs/start/x.md")


def test_keywords_go_on_the_page_entry_not_its_sections() -> None:
    entries = [{"location": "a/"}, {"location": "a/#part"}, {"location": "b/"}]
    add_keywords(entries, page_url="a/", keywords="burnout")
    assert entries == [{"location": "a/", "keywords": "burnout"}, {"location": "a/#part"}, {"location": "b/"}]


def test_built_index_carries_keywords_with_their_boost(built_site: BuiltSite) -> None:
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["keywords"]["boost"] > index["config"]["fields"]["text"]["boost"]
    assert "stemmer" in index["config"]["pipeline"]
    hard = next(doc for doc in index["docs"] if doc["location"] == "start/when-its-hard/")
    assert "burnout" in hard["keywords"].split()


def test_a_guide_with_malformed_keywords_stops_the_build(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    guide = config.parent / "docs" / "beyond" / "meetups.md"
    text = guide.read_text(encoding="utf-8")
    # A guide with no `search:` of its own: a second `search:` key would win over the one added here.
    assert "\nsearch:" not in text.split("\n---\n", 1)[0]
    guide.write_text(text.replace("---\n", "---\nsearch: burnout\n", 1), encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/beyond/meetups.md: front matter 'search' must be a mapping" in result.stderr
    assert "Traceback" not in result.stderr
