"""Valid HTML: every page of the built site passes the Nu HTML Checker (vnu-jar, the W3C validator's engine).

The generated pages (each checklist, the checklists index, the booklet, the message templates page), every
guide and the 404 page are checked in one run of vnu. An error fails the test unless it comes from Material
for MkDocs's own markup and matches an entry of MATERIAL_ERRORS, which must each still be needed.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass

import pytest

from checkers import require_vnu, sitemap_paths

# Errors in Material's own markup that we cannot change without copying a large template. Each entry is
# (message pattern, pattern of the offending markup); an error is ignored only when both match.
MATERIAL_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off" (so browsers do not
    # restore them open); HTML allows autocomplete only on inputs that take text.
    (r"^Attribute “autocomplete” is only allowed when the input type is ",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    # partials/toc.html: the table of contents title is a <label> for the __toc toggle, which Material
    # renders only on pages in the navigation; checklist pages are deliberately kept out of it.
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__toc">'),
]
# The kinds of page the issue names; the run covers them all, and these must be among them.
GENERATED = ["checklists/conference/", "checklists/", "checklists/booklet/", "templates/"]


@dataclass(frozen=True)
class Message:
    page: str
    line: int
    text: str
    extract: str

    def describe(self) -> str:
        return f"/{self.page} line {self.line}: {self.text}\n    {' '.join(self.extract.split())[:200]}"


def material_entry(message: Message) -> int:
    """The index of the MATERIAL_ERRORS entry that explains `message`, or -1."""
    for index, (text, markup) in enumerate(MATERIAL_ERRORS):
        if re.search(text, message.text) and re.search(markup, message.extract):
            return index
    return -1


@pytest.fixture(scope="module")
def vnu_errors(built_site) -> list[Message]:
    command = require_vnu()
    pages = sitemap_paths(built_site.path)
    missing = [page for page in GENERATED if page not in pages]
    assert not missing, f"pages missing from sitemap.xml: {missing}"
    files = [str(built_site.path / page / "index.html") for page in pages] + [str(built_site.path / "404.html")]
    result = subprocess.run([*command, "--format", "json", "--exit-zero-always", *files],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"vnu failed to run: {result.stderr[-2000:]}"
    report = json.loads(result.stderr)
    prefix = built_site.path.as_uri() + "/"
    errors = []
    for message in report["messages"]:
        if message["type"] == "info":
            continue  # warnings and notes: not errors
        page = message.get("url", "").removeprefix(prefix).removesuffix("index.html")
        errors.append(Message(page=page, line=message.get("lastLine", 0), text=message["message"],
                              extract=message.get("extract", "")))
    return errors


def test_every_page_is_valid_html(vnu_errors: list[Message]) -> None:
    ours = [message for message in vnu_errors if material_entry(message) < 0]
    assert not ours, f"{len(ours)} HTML error(s):\n" + "\n".join(message.describe() for message in ours)


def test_every_material_exception_is_still_needed(vnu_errors: list[Message]) -> None:
    used = {material_entry(message) for message in vnu_errors}
    stale = [entry for index, entry in enumerate(MATERIAL_ERRORS) if index not in used]
    assert not stale, f"no longer needed (no page has this error), remove from MATERIAL_ERRORS: {stale}"


def test_the_checker_finds_errors(tmp_path) -> None:
    """vnu really checks: a page with a duplicate id and a stray end tag is reported."""
    command = require_vnu()
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p id="a">x</p><p id="a">y</div>',
                    encoding="utf-8")
    result = subprocess.run([*command, "--format", "json", "--exit-zero-always", str(page)],
                            capture_output=True, text=True, timeout=300)
    errors = [m["message"] for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    assert any("Duplicate ID" in text for text in errors), errors
