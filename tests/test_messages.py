"""Message templates: counting as each platform counts, limits that fail the build, safe rendering, the page."""

from __future__ import annotations

import re
import shutil
from types import SimpleNamespace
from pathlib import Path

import pytest
import yaml

from nfp.catalog import load_catalog
from nfp.channels import Channel, Limit, Source, check_quoted_limits, load_channels, mentions_number
from nfp.counting import count_characters, count_graphemes, count_words, count_x_weighted, split_graphemes
from nfp.inline_markdown import InlineRenderer
from nfp.links import StaticLinks
from nfp.messages import (MessageSet, Situation, Template, find_placeholder_problems, limit_problem,
                          load_message_set, split_placeholders)
from nfp.render import render_checklist, render_template
from nfp.views import ViewContext, build_templates_page_view
from nfp.model import Checklist, Item, Section
from nfp.markers import TEMPLATE_MARKER
from nfp.problems import DataError

from sitetools import ROOT, build_site, copy_site

SHARED = ROOT / "checklists" / "shared"
MESSAGES = "checklists/shared/messages.yml"

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # man, woman, girl, boy joined by ZWJ
THUMB_DARK = "\U0001F44D\U0001F3FD"  # thumbs up with a skin-tone modifier
FLAG_GB = "\U0001F1EC\U0001F1E7"  # regional indicators G and B
FLAG_ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"  # tag sequence
HEART = "\u2764\ufe0f"  # heart with an emoji variation selector
KEYCAP_ONE = "1\ufe0f\u20e3"
E_ACUTE_COMBINING = "e\u0301"


# --- Counting -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "graphemes"), [
    ("hello", 5),
    (FAMILY, 1),
    (THUMB_DARK, 1),
    (FLAG_GB, 1),
    (FLAG_GB + FLAG_GB + "\U0001F1EC", 3),  # two flags and a lone indicator
    (FLAG_ENGLAND, 1),
    (HEART, 1),
    (KEYCAP_ONE, 1),
    (E_ACUTE_COMBINING * 3, 3),
    ("\u1100\u1161\u11a8", 1),  # Hangul jamo making one syllable
    ("a\r\nb", 3),
    ("\u0301a", 2),  # a combining mark with nothing before it stands alone
])
def test_graphemes_combine_what_a_reader_sees_as_one_character(text: str, graphemes: int) -> None:
    assert count_graphemes(text) == graphemes
    assert "".join(split_graphemes(text)) == text


def test_characters_are_unicode_code_points_not_bytes() -> None:
    assert count_characters("café") == 4 and len("café".encode()) == 5
    assert count_characters("caf" + E_ACUTE_COMBINING) == 4  # normalised to NFC first
    assert count_characters("日本語") == 3
    assert count_characters(THUMB_DARK) == 2  # two code points, one grapheme


@pytest.mark.parametrize(("text", "weighted"), [
    ("a" * 280, 280),
    ("日本語", 6),  # CJK counts double
    ("한국어", 6),
    ("é—’…", 5),  # Latin-1, dashes and quotes count 1; the ellipsis (U+2026) is outside the light ranges
    (THUMB_DARK, 2),  # one emoji, whatever its code points
    (FAMILY, 2),
    (FLAG_GB, 2),
    ("See https://example.org/a/very/long/path/to/a/paper.pdf.", 4 + 23 + 1),
    ("doi.org/10.1234/x", 23),
    ("Read it: [link to the paper]", 9 + 23),  # a link placeholder counts as the link it becomes
])
def test_x_weighting_follows_twitter_text_v3(text: str, weighted: int) -> None:
    assert count_x_weighted(text) == weighted


def test_words_count_tokens_with_letters_or_digits() -> None:
    assert count_words("Dear [their name],\n\nI am a PhD student — in 2026.") == 10
    assert count_words("日本 café naïve") == 3


# --- Limits in the build ---------------------------------------------------------------------------------------

def shared_folder(tmp_path: Path, messages: str) -> Path:
    folder = tmp_path / "checklists" / "shared"
    folder.mkdir(parents=True)
    for name in ("channels.yml", "channels.schema.json", "messages.schema.json"):
        shutil.copy(SHARED / name, folder / name)
    (folder / "messages.yml").write_text(messages, encoding="utf-8")
    return folder


def one_template(channel: str, body: str, *, subject: str | None = None, also_for: list[str] | None = None) -> str:
    template = {"id": "sample", "title": "Sample", "situation": "testing", "channel": channel}
    template.update({"also_for": also_for} if also_for else {})
    template.update({"subject": subject} if subject else {})
    data = {"situations": [{"id": "testing", "title": "Testing"}], "templates": [{**template, "body": body}]}
    return "# yaml-language-server: $schema=./messages.schema.json\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=10_000)


def problems_for(tmp_path: Path, messages: str) -> list[str]:
    folder = shared_folder(tmp_path, messages)
    with pytest.raises(DataError) as raised:
        load_message_set(folder, root=tmp_path)
    return [str(problem) for problem in raised.value.problems]


def body_line(messages: str) -> int:
    return next(number for number, line in enumerate(messages.splitlines(), 1) if line.lstrip().startswith("body:"))


LIMIT_CASES = [
    # channel, text at the limit, one unit more, the message when over (after "templates[0].body: ")
    ("linkedin-connection-note", "é" * 200, "é" * 201,
     "is 201 characters; a LinkedIn connection note allows 200 (free account)"),
    ("linkedin-connection-note", "日本" * 100, "日本" * 100 + "語",
     "is 201 characters; a LinkedIn connection note allows 200 (free account)"),
    ("linkedin-headline", "a" * 220, "a" * 221, "is 221 characters; a LinkedIn headline allows 220"),
    ("bluesky-post", THUMB_DARK * 300, THUMB_DARK * 301, "is 301 graphemes; a Bluesky post allows 300"),
    ("bluesky-post", FLAG_GB * 150 + FAMILY * 150, FLAG_GB * 151 + FAMILY * 150,
     "is 301 graphemes; a Bluesky post allows 300"),
    ("mastodon-post", FAMILY * 100 + THUMB_DARK * 400, FAMILY * 101 + THUMB_DARK * 400,
     "is 501 graphemes; a Mastodon post allows 500 (default server setting)"),
    ("mastodon-post", "é" * 499 + E_ACUTE_COMBINING, "é" * 500 + E_ACUTE_COMBINING,
     "is 501 graphemes; a Mastodon post allows 500 (default server setting)"),
    ("x-post", "a" * 280, "a" * 281, "is 281 weighted characters; an X post allows 280 (without Premium)"),
    ("x-post", "日" * 140, "日" * 140 + "a", "is 281 weighted characters; an X post allows 280 (without Premium)"),
    ("x-post", HEART * 140, HEART * 140 + "!", "is 281 weighted characters; an X post allows 280 (without Premium)"),
    ("x-post", "a" * 256 + " https://example.org/" + "p" * 60, "a" * 257 + " https://example.org/" + "p" * 60,
     "is 281 weighted characters; an X post allows 280 (without Premium)"),
]


@pytest.mark.parametrize(("channel", "at_limit", "over", "message"), LIMIT_CASES)
def test_each_limit_passes_at_and_under_and_fails_one_over(tmp_path: Path, channel: str, at_limit: str,
                                                           over: str, message: str) -> None:
    for index, body in enumerate((at_limit[: len(at_limit) // 2], at_limit)):
        folder = shared_folder(tmp_path / f"ok{index}", one_template(channel, body))
        loaded = load_message_set(folder, root=tmp_path / f"ok{index}")
        assert loaded.templates[0].body == body
    messages = one_template(channel, over)
    assert problems_for(tmp_path / "over", messages) == [f"{MESSAGES}:{body_line(messages)}: templates[0].body: "
                                                         f"{message}"]


def test_outreach_email_counts_body_words_only(tmp_path: Path) -> None:
    subject = "A long subject line " * 5
    at_limit = " ".join(["naïve"] * 50 + ["日本"] * 50)
    ok = shared_folder(tmp_path / "ok", one_template("outreach-email", at_limit, subject=subject))
    assert load_message_set(ok, root=tmp_path / "ok").templates[0].measures[0].count == 100
    messages = one_template("outreach-email", at_limit + " again", subject=subject)
    assert problems_for(tmp_path / "over", messages) == [
        f"{MESSAGES}:{body_line(messages)}: templates[0].body: is 101 words; an outreach email allows 100 "
        "(our editorial limit, body only)"]


def test_a_post_for_several_platforms_must_fit_each(tmp_path: Path) -> None:
    messages = one_template("bluesky-post", "日" * 150, also_for=["mastodon-post", "x-post"])
    assert problems_for(tmp_path, messages) == [
        f"{MESSAGES}:{body_line(messages)}: templates[0].body: is 300 weighted characters; an X post allows 280 "
        "(without Premium)"]


@pytest.mark.parametrize(("channel", "subject", "body", "expected"), [
    ("linkedn-connection-note", None, "Hi [their name]", "templates[0].channel: 'linkedn-connection-note' is not a channel in "
     "checklists/shared/channels.yml (did you mean 'linkedin-connection-note'?)"),
    ("email", None, "Hi [their name]", "templates[0]: missing required field 'subject' (an email has a subject line)"),
    ("linkedin-connection-note", "Hello", "Hi [their name]", "templates[0].subject: a LinkedIn connection note has no "
     "subject line; remove it or put the words in the body"),
    ("linkedin-message", None, "Dear [their name,\nthanks", "templates[0].body: has a '[' with no ']' on the same "
     "line; placeholders look like [their name]"),
    ("linkedin-message", None, "Dear {name}, thanks", "templates[0].body: uses '{name}'; write placeholders in "
     "square brackets, e.g. [their name]"),
    ("linkedin-message", None, "Dear [], thanks", "templates[0].body: has an empty placeholder []; say what to "
     "fill in, e.g. [their name]"),
])
def test_template_mistakes_get_one_clear_line(tmp_path: Path, channel: str, subject: str | None, body: str,
                                              expected: str) -> None:
    reported = problems_for(tmp_path, one_template(channel, body, subject=subject))
    assert [line.split(": ", 1)[1] for line in reported] == [expected]


def test_unknown_situation_and_duplicate_ids_are_reported(tmp_path: Path) -> None:
    messages = """situations:
  - id: testing
    title: Testing
templates:
  - id: sample
    title: Sample
    situation: testin
    channel: linkedin-message
    body: Hi [their name]
  - id: sample
    title: Sample again
    situation: testing
    channel: linkedin-message
    body: Hello [their name]
"""
    assert problems_for(tmp_path, messages) == [
        f"{MESSAGES}:7: templates[0].situation: 'testin' is not a situation listed at the top of this file "
        "(did you mean 'testing'?)",
        f"{MESSAGES}:10: templates[1].id: the template id 'sample' is already used on line 5",
    ]


def test_schema_errors_use_the_shared_wording(tmp_path: Path) -> None:
    messages = one_template("linkedin-message", "Hi [their name]").replace("id: sample", "id: Sample Note")
    line = next(n for n, text in enumerate(messages.splitlines(), 1) if "Sample Note" in text)
    reported = problems_for(tmp_path, messages)
    assert reported == [f"{MESSAGES}:{line}: templates[0].id: 'Sample Note' is not a valid id: use lowercase letters, "
                        "digits and single hyphens, e.g. 'thank-you-note'"]


def test_checklist_items_must_name_an_existing_template(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(ROOT / "checklists" / "schema.json", folder)
    (folder / "sample.yml").write_text("""id: sample
title: Sample checklist
summary: A checklist that names a message template which does not exist.
tags: [getting-started]
sections:
  - title: Steps
    items:
      - id: one
        text: Send a short thank-you note
        template: thank-you-after-intervew
""", encoding="utf-8")
    templates = load_message_set(SHARED, root=ROOT).template_ids
    with pytest.raises(DataError) as raised:
        load_catalog(folder, root=tmp_path, template_ids=templates)
    assert [str(p) for p in raised.value.problems] == [
        "checklists/sample.yml:10: sections[0].items[0].template: names the message template "
        "'thank-you-after-intervew', which is not in checklists/shared/messages.yml (did you mean "
        "'thank-you-after-interview'?)"]


def test_limit_message_matches_the_documented_form() -> None:
    limit = Limit(max=200, count="characters", sources=(Source("s", "https://example.org"),),
                  checked_on="2026-11-25", line=1, condition="free account")
    channel = Channel(id="linkedin-connection-note", name="LinkedIn connection note", line=1, limit=limit)
    assert limit_problem(channel, 231) == "is 231 characters; a LinkedIn connection note allows 200 (free account)"
    assert limit_problem(channel, 200) is None


def test_guides_that_quote_a_limit_must_still_state_it() -> None:
    assert mentions_number("capped at 200 characters.", 200)
    assert not mentions_number("about 300,000 academics and 2000 posts", 300)
    assert mentions_number("up to 25,000 characters", 25000)
    channels, _ = load_channels(SHARED, root=ROOT)
    pages = {"beyond/linkedin.md": "capped at 300 characters", "beyond/alumni.md": "200 characters",
             "skills/online-presence.md": "280 300 500"}
    problems = check_quoted_limits(channels, file="channels.yml", docs_pages=set(pages) | {"x.md"},
                                   read_page=pages.__getitem__)
    assert [p.message for p in problems] == [
        "is 200, but docs/beyond/linkedin.md, which quotes this limit, never mentions 200; update the guide too "
        "(or remove it from quoted_in)",
        "is 220, but docs/beyond/linkedin.md, which quotes this limit, never mentions 220; update the guide too "
        "(or remove it from quoted_in)",
    ]


# --- Rendering -------------------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & [their <b>name</b>]'


def hostile_template() -> Template:
    channel = Channel(id="email", name="email", line=1, subject=True)
    return Template(id="evil", title=HOSTILE, situation="testing", channel=channel, body=f"Dear {HOSTILE},\n\nBye",
                    subject=HOSTILE, note=HOSTILE, line=1)


def item_html(html: str, item_id: str) -> str:
    """The rendered <li> of one checklist item (it holds lists of its own, so no regex to its first </li>)."""
    start = html.index(f'<li class="nfp-item" id="{item_id}"')
    end = html.find('<li class="nfp-item"', start + 1)
    return html[start:end if end != -1 else html.index("</section>", start)]


def test_placeholders_are_split_out_for_highlighting() -> None:
    assert split_placeholders("Dear [their name], re [the talk title].") == [
        ("Dear ", False), ("[their name]", True), (", re ", False), ("[the talk title]", True), (".", False)]
    assert find_placeholder_problems("Dear [their name], see [link]") == []


def test_hostile_text_renders_as_text() -> None:
    html = str(render_template("message_details.html", template=hostile_template(), page_url="../../templates/"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert '<mark class="nfp-placeholder">[their &lt;b&gt;name&lt;/b&gt;]</mark>' in html
    assert 'aria-label="Copy message: &lt;script&gt;' in html


def test_checklist_item_shows_its_template_after_the_label_never_around_the_checkbox() -> None:
    item = Item(id="thank", text="Send a thank-you note", template="evil", line=1)
    checklist = Checklist(id="c", title="C", summary="A checklist for testing.", tags=("t",),
                          sections=(Section(title="S", anchor="s", items=(item,)),), source="checklists/c.yml")
    evil = hostile_template()
    messages = MessageSet(channels=(evil.channel,), situations=(Situation("testing", "Testing"),), templates=(evil,))
    html = render_checklist(checklist, messages=messages)
    li = item_html(html, "thank")
    assert li.index('type="checkbox"') < li.index("<label") < li.index("<details")
    details = li[li.index("<details"):li.index("</details>")]
    assert "checkbox" not in details and "<label" not in details
    assert "<summary>Message template: &lt;script&gt;" in details


def test_templates_page_groups_by_situation_and_links_to_items() -> None:
    message_set = load_message_set(SHARED, root=ROOT)
    template = message_set.templates[0]
    item = Item(id="ask", text="Ask *politely* with [a link](https://example.org)", template=template.id, line=1)
    checklist = Checklist(id="c", title="Checklist C", summary="For testing.", tags=("t",),
                          sections=(Section(title="S", anchor="s", items=(item,)),), source="c.yml")
    links = StaticLinks(page="templates/index.md", pages={"checklists/c.md": "Checklist C"})
    view = build_templates_page_view(message_set, checklists=(checklist,),
                                     ctx=ViewContext(links=links, inline=InlineRenderer()))
    html = render_template("message_page.html", page=SimpleNamespace(title="Message templates"), view=view)
    assert html.count('class="nfp-message"') == len(message_set.templates)
    assert [m for m in re.findall(r'<h2 id="([^"]+)"', html)] == [s.id for s in message_set.situations] + ["limits"]
    assert '<a href="../checklists/c/#ask">Checklist C</a>: Ask politely with a link' in html


# --- The shipped data and the built site -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped():
    return load_message_set(SHARED, root=ROOT)


def test_shipped_templates_each_serve_a_checklist_item_or_a_guide(shipped) -> None:
    catalog = load_catalog(ROOT / "checklists", root=ROOT, template_ids=shipped.template_ids)
    used = {item.template for checklist in catalog.checklists for item in checklist.items if item.template}
    placed = {match.group("id") for page in (ROOT / "docs").rglob("*.md")
              for match in TEMPLATE_MARKER.finditer(page.read_text(encoding="utf-8"))}
    assert used | placed == shipped.template_ids


def test_guides_hold_no_message_written_inline() -> None:
    """Every message lives in messages.yml (length-checked, on the templates page); guides place it with a marker.
    The ```text blocks left are not messages: a contact-log format and a spoken introduction."""
    inline = [f"{page.relative_to(ROOT)}: {block.splitlines()[0][:60]}"
              for page in sorted((ROOT / "docs").rglob("*.md"))
              for block in re.findall(r"^\s*```text\n(.*?)^\s*```", page.read_text(encoding="utf-8"), re.S | re.M)
              if re.match(r"(Subject:|Hi |Dear |New paper)", block)]
    assert inline == []


def test_shipped_outreach_emails_keep_to_75_words(shipped) -> None:
    # The build allows 100; summaries of Dalton's 5-Point Email say under 75, and our own templates keep to that.
    outreach = [t for t in shipped.templates if t.channel.id == "outreach-email"]
    assert len(outreach) >= 3
    assert all(t.measures[0].count <= 75 for t in outreach), [(t.id, t.measures[0].count) for t in outreach]


def test_shipped_data_files_start_with_their_schema_comment() -> None:
    for name, schema in (("messages.yml", "messages.schema.json"), ("channels.yml", "channels.schema.json")):
        first = (SHARED / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=./{schema}"


def test_templates_page_lists_every_template(built_site, shipped) -> None:
    html = built_site.page("templates/")
    for template in shipped.templates:
        assert f'<h3 id="{template.id}" class="nfp-message__title">' in html, template.id
        assert f'aria-label="Copy message: {template.title}"' in html.replace("&#39;", "'")
    catalog = load_catalog(ROOT / "checklists", root=ROOT, template_ids=shipped.template_ids)
    for checklist in catalog.checklists:
        for item in checklist.items:
            if item.template:
                assert f'href="../checklists/{checklist.id}/#{item.id}"' in html, (checklist.id, item.id)
    assert 'id="limits"' in html and "linkedhelper.com" in html and "2026-11-25" in html


def test_checklist_pages_show_templates_under_their_items(built_site) -> None:
    html = built_site.page("checklists/conference/")
    li = item_html(html, "connect-online")
    assert li.index('type="checkbox"') < li.index("<label") < li.index('<details class="nfp-message-details"')
    assert "LinkedIn connection note for a conference contact" in li
    assert 'href="../../templates/#linkedin-note-conference"' in li


def test_a_template_over_its_limit_fails_the_build_with_one_line(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    messages = config.parent / "checklists" / "shared" / "messages.yml"
    text = messages.read_text(encoding="utf-8")
    long_note = "I would be glad to stay in touch here. " * 3
    changed = text.replace("I would be glad to stay in touch here.", long_note.strip(), 1)
    assert changed != text
    messages.write_text(changed, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    lines = [line.strip() for line in result.stderr.splitlines() if "templates[" in line]
    assert len(lines) == 1
    assert re.fullmatch(r"checklists/shared/messages\.yml:\d+: templates\[\d+\]\.body: is 2\d\d characters; "
                        r"a LinkedIn connection note allows 200 \(free account\)", lines[0]), lines
    assert "Traceback" not in result.stderr
