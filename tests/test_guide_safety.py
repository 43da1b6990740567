"""Guides cannot run script: raw HTML, event and style attributes and unsafe links are refused at build time."""

from __future__ import annotations

import markdown
import pytest
from sitetools import build_site, copy_site

from nfp.guide_markup import GuideMarkupCheck, is_marker

# The Markdown extensions of mkdocs.yml that shape what a guide can produce.
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "tables", "toc", "pymdownx.details",
                   "pymdownx.superfences", "pymdownx.blocks.html", "pymdownx.tasklist"]


def findings(text: str) -> list[str]:
    check = GuideMarkupCheck()
    markdown.Markdown(extensions=[*SITE_EXTENSIONS, check]).convert(text)
    return [finding.message for finding in check.found]


HOSTILE = {
    "script block": '<script src="https://evil.example/x.js"></script>',
    "inline img onerror": 'Hello <img src="x" onerror="alert(1)"> there',
    "javascript link": "[x](javascript:alert(1))",
    "entity-obfuscated html link": '<a href="java&#9;script:alert(1)">x</a>',
    "entity-obfuscated markdown link": "[x](java&#9;script:alert(1))",
    "leading control character": "[x](\x01javascript:alert(1))",
    "attr_list onclick": 'A paragraph.\n{ onclick="alert(1)" }',
    "attr_list style": 'A paragraph.\n{ style="position:fixed" }',
    "blocks.html script": "/// html | script\nalert(1)\n///",
    "blocks.html onclick": "/// html | div[onmouseover='alert(1)']\nText\n///",
    "markdown=1 div": '<div markdown="1">\n*x*\n</div>',
    "html comment that is not a marker": "<!-- <script>alert(1)</script> -->",
    "id that clobbers the theme's config": '{"search": "evil.js"}\n{ #__config }',
    "data: image": "![x](data:image/svg+xml;base64,PHN2Zz4=)",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_guide_markup_is_refused(text: str) -> None:
    assert findings(text), f"not refused: {text!r}"


def test_messages_say_what_was_found_without_raw_control_characters() -> None:
    assert findings("<script>alert(1)</script>") == [
        "raw HTML '<script>alert(1)</script>' is not allowed in a guide; use Markdown instead"]
    assert findings('Text.\n{ onclick="go()" }') == [
        "the attribute onclick='go()' is not allowed; remove it (use a class for styling)"]
    assert findings("[x](javascript:alert(1))") == [
        "link 'javascript:alert(1)' uses 'javascript:'; only https, http, mailto or a path inside docs/ are allowed"]
    [message] = findings("[x](\x01javascript:alert(1))")
    assert "U+0001" in message and "\x01" not in message


FINE = {
    "markers": "Text.\n\n<!-- checklist: conference -->\n\n<!-- template: thank-you -->",
    "admonition": '!!! tip "In short"\n    - Do one thing.',
    "grid cards": "/// html | div.grid.cards\n\n-   **[Start](start/index.md)**\n\n    ---\n\n    Text.\n\n///",
    "attr_list class and id": "Lead text.\n{ .nfp-lead #lead }",
    "html shown in code": "```html\n<script>alert(1)</script>\n```\n\nAnd `<em>` inline.",
    "links": "[a](https://doi.org/10.1/x), [b](../skills/follow-up.md#top), [c](mailto:a@b.org?subject=Hi), "
             "<https://example.org>, <someone@example.org>",
}


@pytest.mark.parametrize("text", FINE.values(), ids=FINE.keys())
def test_markdown_level_syntax_still_builds(text: str) -> None:
    assert findings(text) == []


def test_marker_names_are_one_list() -> None:
    assert is_marker("<!-- checklist: conference -->")
    assert is_marker("<!-- template: thank-you -->")
    assert not is_marker("<!-- script: x -->")
    assert not is_marker("<!-- checklist: x --><script>")
    # Material's tags listing (docs/tags.md), allowed by name; no other plugin's marker, no options smuggled in.
    assert is_marker("<!-- material/tags -->")
    assert not is_marker("<!-- material/other -->")
    assert not is_marker("<!-- material/tags --><script>")
    assert not is_marker("<!-- material/tags { include: [x] } -->")


def test_a_hostile_guide_stops_the_build_with_one_line_per_problem(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    guide = tmp_path / "repo" / "docs" / "start" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + '\n<script>alert(1)</script>\n\nSee [here](javascript:x).'
                     '\n\nTap me.\n{ onclick="steal()" }\n', encoding="utf-8")
    lines = guide.read_text(encoding="utf-8").splitlines()
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    script_line = lines.index("<script>alert(1)</script>") + 1
    assert (f"docs/start/index.md:{script_line}: raw HTML '<script>alert(1)</script>' is not allowed in a guide; "
            "use Markdown instead") in result.stderr
    assert f"docs/start/index.md:{script_line + 2}: link 'javascript:x' uses 'javascript:'" in result.stderr
    assert f"docs/start/index.md:{script_line + 5}: the attribute onclick='steal()' is not allowed" in result.stderr


def test_front_matter_text_cannot_open_a_tag_or_end_an_attribute(tmp_path) -> None:
    """The theme prints a guide's title and description raw into <title> and meta tags: they are escaped first."""
    config = copy_site(tmp_path / "repo")
    guide = tmp_path / "repo" / "docs" / "start" / "index.md"
    text = guide.read_text(encoding="utf-8")
    text = text.replace("title: Start here", 'title: Start here & "now" <b>', 1)
    text = text.replace("description: ", 'description: Say "no" kindly"><i>x</i> ', 1)
    guide.write_text(text, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site" / "start" / "index.html").read_text(encoding="utf-8")
    assert "<title>Start here &amp; &#34;now&#34; &lt;b&gt; - Networking for PhDs</title>" in page
    assert '<meta name="description" content="Say &#34;no&#34; kindly&#34;&gt;&lt;i&gt;x&lt;/i&gt; ' in page
    assert "<i>x</i>" not in page and "<b>" not in page.split("<body", 1)[0]
