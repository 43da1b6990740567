"""Whole builds of a copy of the site with a contributor's checklist added: good, broken and hostile."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitetools import build_site, copy_site

HOSTILE_TITLE = '</title><script>alert("title")</script>'
HOSTILE = f"""# yaml-language-server: $schema=./schema.json
id: hostile
title: '{HOSTILE_TITLE}'
summary: '"><img src=x onerror=alert("summary")> and <script>alert("summary")</script>'
tags: [getting-started]
guide: start/why-networking.md
sections:
  - title: '<svg onload=alert("section")>'
    items:
      - id: one
        text: Read [this](https://example.org/a"onmouseover="alert(1)) *carefully*
        details: 'Ampersands & angle brackets: 3 > 2'
"""


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x" or tag == "svg" and "onload" in dict(attrs):
            self.found.append(f"<{tag}>")


def injected_markup(html: str) -> list[str]:
    """Tags or event-handler attributes that could only have come from the hostile data."""
    collector = _TagCollector()
    collector.feed(html)
    return collector.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    config = copy_site(root / "repo")
    (root / "repo" / "checklists" / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    # Every external link must be a registered source; register the hostile one so the build reaches rendering.
    with (root / "repo" / "checklists" / "shared" / "sources.yml").open("a", encoding="utf-8") as registry:
        registry.write("\n  - {id: hostile-link, title: Hostile, organisation: Example, url: 'https://example.org/a',"
                       " kind: news, checked_on: 2026-11-30}\n")
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_hostile_text_never_becomes_markup_on_any_page(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        # Escaped text such as &lt;img src=x onerror=...&gt; is fine; a real tag or attribute is not.
        assert injected_markup(html) == [], page
    checklist = (hostile_site / "checklists" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; - Networking for PhDs</title>" \
        in checklist.replace("&quot;", "&#34;")
    # The quote in the link target stays inside the href value.
    assert 'href="https://example.org/a&quot;onmouseover=&quot;alert(1' in checklist


def test_hostile_title_in_search_index_is_text(hostile_site: Path) -> None:
    index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index


def build_with(tmp_path: Path, files: dict[str, str]) -> tuple[int, str]:
    config = copy_site(tmp_path / "repo")
    for relative, text in files.items():
        (tmp_path / "repo" / relative).write_text(text, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    return result.returncode, result.stderr


def test_broken_checklist_stops_the_build_with_one_line_per_problem(tmp_path: Path) -> None:
    broken = HOSTILE.replace("id: hostile", "id: broken").replace("text: Read", "txt: Read")
    code, log = build_with(tmp_path, {"checklists/broken.yml": broken})
    assert code != 0
    assert "checklists/broken.yml:10: sections[0].items[0]: missing required field 'text'" in log
    assert "checklists/broken.yml:11: sections[0].items[0].txt: 'txt' is not allowed (did you mean 'text'?)" in log
    assert "Traceback" not in log


def test_unknown_checklist_marker_in_a_guide_stops_the_build(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    page = tmp_path / "repo" / "docs" / "start" / "why-networking.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("")
    lines.append("<!-- checklist: first-30-dayz -->")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/start/why-networking.md:{len(lines)}: <!-- checklist: first-30-dayz -->: no checklist has the "
            "id 'first-30-dayz' (did you mean 'first-30-days'?)") in result.stderr
    assert "Traceback" not in result.stderr


def test_link_to_a_missing_anchor_stops_the_build(tmp_path: Path) -> None:
    checklist = HOSTILE.replace("id: hostile", "id: anchors").replace(
        "guide: start/why-networking.md", "guide: start/why-networking.md#no-such-heading").replace(
        '[this](https://example.org/a"onmouseover="alert(1))', "this")  # an unregistered link would stop it first
    code, log = build_with(tmp_path, {"checklists/anchors.yml": checklist})
    assert code != 0
    assert "checklists/anchors.yml:6: guide: 'start/why-networking.md' has no heading with the anchor " \
           "'#no-such-heading'" in log


def test_site_also_builds_with_properdocs(tmp_path: Path) -> None:
    """ProperDocs continues MkDocs 1.x; if Material's support ends, the project can move there."""
    config = copy_site(tmp_path / "repo")
    result = build_site(config, tmp_path / "site", tool=[sys.executable, "-m", "properdocs"])
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    conference = (tmp_path / "site" / "checklists" / "conference" / "index.html").read_text(encoding="utf-8")
    assert 'data-checklist-id="conference"' in conference
