"""The guides and checklists meet the writing standard wherever a machine can check it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from nfp.catalog import load_catalog
from nfp.markers import MARKER, TEMPLATE_MARKER
from nfp.tags import load_tags
from sitetools import ROOT

DOCS = ROOT / "docs"
GUIDE_SECTIONS = ("start", "academia", "beyond", "skills", "situations", "tracks")
GUIDES = sorted(p for section in GUIDE_SECTIONS for p in (DOCS / section).glob("*.md") if p.name != "index.md")
SECTION_INDEXES = sorted(DOCS / section / "index.md" for section in GUIDE_SECTIONS)
# The one list of tags and their names (checklists/shared/tags.yml); the build checks every page against it too.
TAGS, TAG_PROBLEMS = load_tags(ROOT / "checklists" / "shared", root=ROOT)
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum|being written|placeholder)\b", re.IGNORECASE)
FILLER = re.compile(r"today's fast-paced world|in this day and age|networking is key|needless to say", re.I)


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def strip_code(body: str) -> str:
    """The body with each fenced code block reduced to one line, so code never counts as prose or headings."""
    return re.sub(r"^(```|~~~).*?^\1", "(code block)", body, flags=re.S | re.M)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_there_is_a_guide_for_every_topic() -> None:
    assert len(GUIDES) >= 15


@pytest.mark.parametrize("path", GUIDES + SECTION_INDEXES, ids=rel)
def test_front_matter_has_title_description_and_known_tags(path: Path) -> None:
    meta, body = split_front_matter(path)
    assert isinstance(meta.get("title"), str) and meta["title"]
    assert 50 <= len(meta.get("description", "")) <= 200, "description: one sentence of 50-200 characters"
    assert meta.get("tags"), "tags: one to four ids from checklists/shared/tags.yml"
    assert TAGS is not None, "\n".join(map(str, TAG_PROBLEMS))
    unknown = [TAGS.unknown(tag) for tag in meta["tags"] if TAGS.get(tag) is None]
    assert not unknown, f"{rel(path)}: {'; '.join(unknown)}"
    assert re.search(rf"^# {re.escape(meta['title'])}\s*$", body, re.M), "the first heading is the title"


@pytest.mark.parametrize("path", GUIDES + SECTION_INDEXES, ids=rel)
def test_opens_with_in_short_and_ends_with_next_steps(path: Path) -> None:
    _, body = split_front_matter(path)
    prose = strip_code(body)
    first_block = prose.split("\n## ", 1)[0]
    assert '!!! abstract "In short"' in first_block, "an 'In short' admonition right after the title"
    h2 = re.findall(r"^## (.+)$", prose, re.M)
    assert h2 and h2[-1].strip() == "Your next steps", "the last section is '## Your next steps'"
    steps = prose.rsplit("## Your next steps", 1)[1]
    numbered = re.findall(r"^\d+\. \S", steps, re.M)
    assert 3 <= len(numbered) <= 5, f"3 to 5 numbered next steps, found {len(numbered)}"


@pytest.mark.parametrize("path", GUIDES, ids=rel)
def test_guide_links_to_an_existing_checklist_and_has_a_worked_example(path: Path) -> None:
    _, body = split_front_matter(path)
    known = {c.id for c in load_catalog(ROOT / "checklists", root=ROOT).checklists}
    named = set(MARKER.findall(strip_code(body))) | set(re.findall(r"checklists/([a-z0-9-]+)\.md", body))
    assert named & known, "link at least one checklist (a marker or a link)"
    has_template = any(TEMPLATE_MARKER.finditer(strip_code(body)))
    assert has_template or re.search(r'!!! example "Worked example|```text', body), \
        "a worked example, a ```text block or a message template marker (<!-- template: id -->)"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=rel)
def test_no_skipped_headings_empty_sections_placeholders_or_filler(path: Path) -> None:
    _, body = split_front_matter(path)
    prose = strip_code(body)
    previous = 0
    lines = prose.splitlines()
    for number, line in enumerate(lines):
        match = re.match(r"^(#{1,6}) \S", line)
        if not match:
            continue
        level = len(match.group(1))
        assert level <= previous + 1 or previous == 0, f"heading level skipped at: {line}"
        previous = level
        following = next((other for other in lines[number + 1:] if other.strip()), "")
        assert not re.match(r"^#{1,%d} " % level, following), f"empty section: {line}"
    assert not PLACEHOLDER.search(prose), PLACEHOLDER.search(prose)
    assert not FILLER.search(prose), FILLER.search(prose)


@pytest.mark.parametrize("path", GUIDES, ids=rel)
def test_every_percentage_names_its_source(path: Path) -> None:
    """No invented statistics: a paragraph with a percentage also holds a link to where it comes from."""
    _, body = split_front_matter(path)
    # A paragraph that ends with a colon continues in the list after it.
    for paragraph in re.split(r"(?<!:)\n\s*\n", strip_code(body)):
        if re.search(r"\d\s?%|\d per ?cent", paragraph):
            assert re.search(r"\]\((https?://|source:)", paragraph), f"figure without a source: {paragraph[:160]}"
