"""Message templates placed in guides with `<!-- template: id -->`: each message is written once, in messages.yml."""

from __future__ import annotations

import re
from pathlib import Path

from nfp.markers import TEMPLATE_MARKER, replace_markers

from sitetools import BuiltSite, build_site, copy_site


def test_a_marker_is_replaced_and_an_unknown_id_gets_its_line_and_a_hint() -> None:
    markdown = "# Guide\n\nText.\n\n<!-- template: polite-nudge -->\n\n<!-- template: polite-nuge -->\n"
    html = "<h1>Guide</h1>\n<p>Text.</p>\n<!-- template: polite-nudge -->\n<!-- template: polite-nuge -->\n"
    out, placed, problems = replace_markers(html, markdown=markdown, known={"polite-nudge", "report-back"},
                                            render=lambda template_id: f"<div>{template_id}</div>",
                                            marker=TEMPLATE_MARKER, what="message template")
    assert "<div>polite-nudge</div>" in out and placed == ["polite-nudge"]
    assert [(p.line, p.message) for p in problems] == [
        (7, "no message template has the id 'polite-nuge' (did you mean 'polite-nudge'?)")]


def test_a_checklist_marker_is_not_taken_for_a_template() -> None:
    html = "<!-- checklist: conference -->"
    out, placed, problems = replace_markers(html, markdown=html, known=set(), render=str, marker=TEMPLATE_MARKER)
    assert out == html and placed == [] and problems == []


def test_a_guide_shows_a_placed_template_with_copy_button_and_link(built_site: BuiltSite) -> None:
    html = built_site.page("academia/fellow-students/")
    block = re.search(r'<div class="nfp-message-placed">(.*?)This template on the message templates page</a>',
                      html, re.S)
    assert block, "the authorship agreement template is placed in the guide"
    text = block.group(1)
    assert "Template: Putting an authorship agreement in writing" in text
    assert 'data-nfp-message="authorship-agreement"' in text
    assert 'data-nfp-copy="body"' in text and 'data-nfp-copy="subject"' in text
    assert re.search(r'href="[./]*templates/#authorship-agreement"', text)
    assert "<!-- template:" not in html
    templates_page = built_site.page("templates/")
    assert 'id="authorship-agreement"' in templates_page


def test_no_outreach_template_says_it_is_not_about_jobs(built_site: BuiltSite) -> None:
    page = built_site.page("templates/")
    assert not re.search(r"not asking about (jobs|openings)", page, re.I)


def test_an_unknown_template_marker_stops_the_build(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    guide = tmp_path / "repo" / "docs" / "skills" / "follow-up.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\n<!-- template: thank-you-after-interveiw -->\n", encoding="utf-8")
    line = text.count("\n") + 2
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/skills/follow-up.md:{line}: <!-- template: thank-you-after-interveiw -->: no message template has "
            "the id 'thank-you-after-interveiw' (did you mean 'thank-you-after-interview'?)") in result.stderr
    assert "Traceback" not in result.stderr
