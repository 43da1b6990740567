"""Rendering: checklists become labelled checkboxes; nothing from data is ever passed through as markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nfp.inline_markdown import find_markup_problems, render_inline
from nfp.model import Checklist, Item, Section
from nfp.markers import replace_markers
from nfp.pages import generated_page_source
from nfp.render import GuideLink, render_card, render_checklist


def resolve(target: str) -> str | None:
    return None if target.startswith("missing") else f"../../{target.replace('.md', '/')}"


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def hostile_checklist() -> Checklist:
    item = Item(id="one", text=HOSTILE, details=HOSTILE, when=HOSTILE, line=1)
    return Checklist(id="evil", title=HOSTILE, summary=HOSTILE, tags=("getting-started",),
                     sections=(Section(title=HOSTILE, anchor="s", items=(item,)),), source="checklists/evil.yml")


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Send a *short* note", "Send a <em>short</em> note"),
        ("Use `git log`", "Use <code>git log</code>"),
        ("Read [the guide](academia/conferences.md#before)",
         'Read <a href="../../academia/conferences/#before">the guide</a>'),
        ("Visit <https://orcid.org>", 'Visit <a href="https://orcid.org">https://orcid.org</a>'),
        ("[Mail](mailto:a@example.org)", '<a href="mailto:a@example.org">Mail</a>'),
        ("[x](javascript:alert(1))", "<span>x</span>"),
        ("[x](missing.md)", "<span>x</span>"),
        ("![tracker](https://example.org/pixel.png)", "<span>tracker</span>"),
        ("# Not a heading", "# Not a heading"),
        ("1. Not a list", "1. Not a list"),
        ("<b>bold</b> & co", "&lt;b&gt;bold&lt;/b&gt; &amp; co"),
    ],
)
def test_inline_markdown_is_safe(text: str, html: str) -> None:
    assert render_inline(text, resolve) == html


def test_markup_problems_name_what_is_wrong() -> None:
    assert find_markup_problems("Plain *text* with `<code>` is fine") == []
    assert find_markup_problems("An <https://example.org> autolink is fine") == []
    assert find_markup_problems("<em>x</em>")[0].startswith("HTML is not allowed")
    assert find_markup_problems("![a](https://x/y.png)") == ["images are not allowed in checklist text"]
    assert "uses 'data:'" in find_markup_problems("[a](data:text/html,x)")[0]
    # urlsplit raises on some malformed hosts; that must be a message, never a traceback.
    assert find_markup_problems("see <http://a.b]x>") == ["link 'http://a.b]x' is not a valid address"]
    assert render_inline("see <http://a.b]x> and [b](http://[x)", resolve).startswith("see ")


def test_checklist_renders_labelled_checkboxes_with_stable_ids() -> None:
    items = (Item(id="first", text="Do *this*", details="Why", when="Today", line=1),
             Item(id="second", text="Then that", line=2))
    checklist = Checklist(id="demo", title="Demo", summary="A demo.", tags=("x",),
                          sections=(Section(title="Before", anchor="before", items=items),), source="c/demo.yml")
    html = render_checklist(checklist, resolve=resolve, guide=GuideLink(url="../../g/", title="The guide"))
    assert 'data-checklist-id="demo"' in html
    assert '<li class="nfp-item" id="first" data-item-id="first">' in html
    assert re.search(r'<input class="nfp-item__box" type="checkbox" id="box--first" data-item-id="first" '
                     r'aria-describedby="box--first-more">', html)
    assert '<label class="nfp-item__text" for="box--first">Do <em>this</em></label>' in html
    assert '<input class="nfp-item__box" type="checkbox" id="box--second" data-item-id="second">' in html
    assert "0</span> of 2 done" in html
    assert '<a href="../../g/">The guide</a>' in html
    # The interactive toolbar is hidden until JavaScript shows it, and names checklist.js's bundle for core.js.
    assert re.search(r'<div class="nfp-toolbar" data-nfp-bundle="(\.\./)*assets/js/nfp-checklist\.js" '
                     r'data-nfp-bundle-failed="Saving ticks could not load[^"]+" hidden>', html)


def test_hostile_text_is_escaped_everywhere_it_is_rendered() -> None:
    checklist = hostile_checklist()
    for html in (render_checklist(checklist, resolve=resolve, guide=None),
                 render_card(checklist, url="../evil/")):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html


def test_generated_front_matter_escapes_what_the_theme_prints_raw() -> None:
    source = generated_page_source(title=HOSTILE, description=HOSTILE, tags=("a",))
    assert "<script" not in source and "<img" not in source
    assert "&lt;script&gt;" in source


def test_markers_are_replaced_and_unknown_ids_reported_with_their_line() -> None:
    markdown = "# Guide\n\ntext\n\n<!-- checklist: conference -->\n\n<!-- checklist: confernce -->\n"
    html = "<h1>Guide</h1><p>text</p>\n<!-- checklist: conference -->\n<!-- checklist: confernce -->"
    result, placed, problems = replace_markers(html, markdown=markdown, known={"conference"},
                                               render=lambda cid: f"<aside>{cid}</aside>")
    assert "<aside>conference</aside>" in result
    assert placed == ["conference"]
    assert [(p.line, p.message) for p in problems] == [
        (7, "no checklist has the id 'confernce' (did you mean 'conference'?)")]


def test_a_marker_shown_in_a_code_block_is_left_alone() -> None:
    html = "<pre><code>&lt;!-- checklist: conference --&gt;</code></pre>"
    assert replace_markers(html, markdown="", known=set(), render=str)[0] == html
