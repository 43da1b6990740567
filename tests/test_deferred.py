"""Parts of a checklist page kept out of the search index and put back into the finished page."""

from __future__ import annotations

import json

import pytest
from markupsafe import Markup

from nfp.deferred import DeferredParts, restore
from nfp.inline_markdown import InlineRenderer
from nfp.links import ResolverLinks
from nfp.model import Checklist, Item, Section
from nfp.render import render_template
from nfp.views import ViewContext, build_checklist_page_view
from sitetools import BuiltSite


def test_each_part_goes_back_where_it_was_taken_out() -> None:
    parts = DeferredParts()
    html = f"<p>a</p>{parts.defer(Markup('<b>one</b>'))}<p>b</p>{parts.defer('<i>two</i>')}"
    assert "one" not in html and "two" not in html
    assert restore(f"<html>{html}</html>", parts.parts) == "<html><p>a</p><b>one</b><p>b</p><i>two</i></html>"


def test_nothing_to_defer_leaves_nothing_behind() -> None:
    parts = DeferredParts()
    assert parts.defer("") == "" and parts.defer(Markup("")) == "" and parts.parts == []


def test_a_lost_part_is_an_error_not_a_silently_missing_form() -> None:
    parts = DeferredParts()
    parts.defer("<form></form>")
    with pytest.raises(ValueError, match="lost 1 deferred part"):
        restore("<html>a theme that dropped the content</html>", parts.parts)


def test_text_from_data_cannot_forge_a_placeholder() -> None:
    forged = "<!--nfp-deferred:0-->"
    item = Item(id="one", text=forged, details=forged, line=1)
    checklist = Checklist(id="forge", title=forged, summary=forged, tags=("x",), source="checklists/forge.yml",
                          sections=(Section(title=forged, anchor="s", items=(item,)),))
    parts = DeferredParts()
    # Only the tools' script bundles resolve (a tool names the bundle it needs; nfp/page_scripts.py).
    links = ResolverLinks(lambda target: target if target.startswith("assets/js/") else None)
    ctx = ViewContext(links=links, inline=InlineRenderer(), deferred=parts)
    html = render_template("checklist.html", view=build_checklist_page_view(checklist, ctx=ctx))
    # The only real placeholders are the ones the template made; the forged ones are escaped text.
    # The toolbar, the tools after the items (transfer, planner), the print footer.
    assert html.count("<!--nfp-deferred:") == len(parts.parts) == 3
    assert restore(html, parts.parts).count("&lt;!--nfp-deferred:0--&gt;") == 5


def test_search_index_holds_the_checklist_but_not_its_forms_or_templates(built_site: BuiltSite) -> None:
    page = built_site.page("checklists/conference/")
    assert "<!--nfp-deferred" not in page
    # The page itself still has everything a reader uses.
    for shown in ('class="nfp-toolbar"', "Print with my ticks", 'class="nfp-transfer"', "<noscript>",
                  '<details class="nfp-more" hidden>', "More tools: your ticks on another device",
                  'class="nfp-message-details"', "LinkedIn connection note for a conference contact",
                  'class="nfp-checklist__source"'):
        assert shown in page, shown
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"].startswith("checklists/conference/")]
    text = " ".join(doc["title"] + " " + doc["text"] for doc in entries)
    assert "Read the programme and mark the talks you must see" in text
    assert "As soon as you plan to go:" in text  # an item's timing
    for hidden in ("Print with my ticks", "Export ticks", "without JavaScript", "Message template:",
                   "LinkedIn connection note", "Text licensed CC BY"):
        assert hidden not in text, hidden
    # An item's label and its details stay separate words for search.
    assert "online attendance As soon as you plan to go" in text
