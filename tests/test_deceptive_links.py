"""Deceptive links are refused by one rule, in guides, checklist text and data written out in YAML."""

from __future__ import annotations

import pytest
from test_guide_safety import findings

from nfp.inline_markdown import find_markup_problems
from nfp.link_rules import find_link_problem
from nfp.yaml_safe import load_yaml_file

CYRILLIC_GOOGLE = "g\u043e\u043egle.com"  # the two o's are Cyrillic

DECEPTIVE = {
    "text names another host": ("https://evil.example/phish", "https://www.ukri.org/apply"),
    "bare host with path in text": ("https://evil.example/phish", "ukri.org/apply"),
    "www text": ("https://evil.example/", "www.ukri.org"),
    "userinfo trick in text": ("https://evil.example/", "https://ukri.org@evil.example/"),
    "mixed-script host": (f"https://{CYRILLIC_GOOGLE}/login", None),
    "mixed-script host as punycode": ("https://xn--ggle-55da.com/", None),
    "mixed-script host in link text": (f"https://{CYRILLIC_GOOGLE}/", f"https://{CYRILLIC_GOOGLE}/"),
    "mailto with bcc": ("mailto:me@example.org?bcc=spy@evil.example", None),
    "mailto with cc": ("mailto:me@example.org?subject=Hi&cc=spy@evil.example", None),
    "mailto with a header as To": ("mailto:?to=me@example.org&body=x", None),
}


@pytest.mark.parametrize(("target", "text"), DECEPTIVE.values(), ids=DECEPTIVE.keys())
def test_deceptive_links_are_refused(target: str, text: str | None) -> None:
    assert find_link_problem(target, text=text) is not None


def test_messages_name_both_hosts() -> None:
    assert find_link_problem("https://evil.example/phish", text="https://www.ukri.org/apply") == (
        "the link text 'https://www.ukri.org/apply' names ukri.org but the link goes to evil.example; write the "
        "address the link opens, or plain words")
    assert find_link_problem(f"https://{CYRILLIC_GOOGLE}/") == (
        f"the host name '{CYRILLIC_GOOGLE}' mixes writing systems (cyrillic, latin); write the address in one script")
    assert find_link_problem("mailto:a@b.org?bcc=c@d.org") == (
        "mailto link 'mailto:a@b.org?bcc=c@d.org' sets bcc; only subject and body are allowed (no hidden recipients)")


HONEST = {
    "same host": ("https://www.ukri.org/apply", "https://www.ukri.org/apply"),
    "www or not": ("https://ukri.org/apply", "www.ukri.org"),
    "subdomain of the host shown": ("https://apply.ukri.org/x", "ukri.org/apply"),
    "plain words": ("https://evil.example/", "UKRI's application page"),
    "a name with a dot": ("https://nodejs.org/", "Node.js"),
    "a file name to a page in the site": ("../skills/follow-up.md", "follow-up.md"),
    "one script, not Latin": ("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/", None),
    "accented Latin": ("https://b\u00fccher.de/", None),
    "Japanese (kanji and katakana)": ("https://\u65e5\u672c\u30c9\u30e1\u30a4\u30f3.jp/", None),
    "mailto with subject and body": ("mailto:me@example.org?subject=Hello&body=Hi%20there", None),
}


@pytest.mark.parametrize(("target", "text"), HONEST.values(), ids=HONEST.keys())
def test_honest_links_pass(target: str, text: str | None) -> None:
    assert find_link_problem(target, text=text) is None


def test_the_same_rule_holds_in_guides_and_checklist_text() -> None:
    link = "[https://www.ukri.org/apply](https://evil.example/phish)"
    assert find_markup_problems(link) == [find_link_problem("https://evil.example/phish",
                                                            text="https://www.ukri.org/apply")]
    assert findings(f"Apply at {link}.") == find_markup_problems(link)
    assert findings(f"<https://{CYRILLIC_GOOGLE}/>") != []
    assert findings("[write](mailto:me@example.org?bcc=spy@evil.example)") != []


def test_addresses_written_out_in_a_message_body_follow_the_rule(tmp_path) -> None:
    path = tmp_path / "messages.yml"
    path.write_text("templates:\n  - id: x\n    body: |\n"
                    f"      Log in at https://{CYRILLIC_GOOGLE}/login.\n"
                    "      Or write to mailto:me@example.org?bcc=spy@evil.example\n", encoding="utf-8")
    _, problems = load_yaml_file(path, display_name="checklists/shared/messages.yml")
    assert [f"{p.file}:{p.line}: {p.field}" for p in problems] == ["checklists/shared/messages.yml:3: templates[0].body"] * 2
    assert "mixes writing systems" in problems[0].message or "mixes writing systems" in problems[1].message
    assert any("sets bcc" in p.message for p in problems)
