"""The shipped checklists: valid, sized for one printed page, tied to their guides, and reachable."""

from __future__ import annotations

import re

import pytest

from nfp.catalog import checklist_files, load_catalog
from nfp.model import Checklist
from nfp.markers import MARKER
from sitetools import ROOT
from test_content import TAGS, split_front_matter, strip_code

CATALOG = load_catalog(ROOT / "checklists", root=ROOT,
                       docs_pages={p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")})
CHECKLISTS = CATALOG.checklists
EXPECTED_IDS = {"conference", "informational-interview", "linkedin-profile", "online-presence", "follow-up",
                "keep-in-touch", "alumni-outreach", "industry-event", "mentors", "academic-society", "first-30-days"}


def markers_in_docs() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "docs").rglob("*.md"):
        _, body = split_front_matter(path)
        for checklist_id in MARKER.findall(strip_code(body)):
            found.setdefault(checklist_id, set()).add(path.relative_to(ROOT / "docs").as_posix())
    return found


def test_every_file_validates_and_the_agreed_set_is_present() -> None:
    assert len(CHECKLISTS) == len(checklist_files(ROOT / "checklists"))
    assert EXPECTED_IDS <= {c.id for c in CHECKLISTS}


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c.id)
def test_checklist_meets_the_library_standard(checklist: Checklist) -> None:
    assert 8 <= len(checklist.items) <= 30, f"{len(checklist.items)} items; the standard is 8 to 30"
    unknown = [TAGS.unknown(tag) for tag in checklist.tags if TAGS is not None and TAGS.get(tag) is None]
    assert TAGS is not None and not unknown, "; ".join(unknown) or "checklists/shared/tags.yml does not load"
    assert checklist.guide, "every checklist names the guide it supports"
    texts = [" ".join(item.text.lower().split()) for item in checklist.items]
    assert len(texts) == len(set(texts)), "two items with the same text"
    first_line = (ROOT / checklist.source).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./schema.json", "editors validate from the first line"
    # Items start with a verb, not a noun phrase: a crude but useful check is a capitalised first word.
    for item in checklist.items:
        assert re.match(r"^[A-Z][a-z]", item.text), f"item '{item.id}' should start with a verb: {item.text}"


def test_markers_and_files_agree() -> None:
    """Every marker names a shipped checklist (the build refuses others too, with the guide's file and line).

    A checklist needs no marker: the guide it names shows its card at the end by itself, which
    tests/test_site_build.py checks on the built site."""
    assert set(markers_in_docs()) <= {c.id for c in CHECKLISTS}


def test_dated_checklists_carry_structured_timing() -> None:
    for checklist_id in ("follow-up", "keep-in-touch"):
        checklist = CATALOG.get(checklist_id)
        assert checklist is not None
        assert sum(item.after is not None for item in checklist.items) >= len(checklist.items) // 2
