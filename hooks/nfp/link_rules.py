"""The one rule for every link a contributor writes, in guides and in checklist or message data.

A browser reads an address more loosely than it looks: it decodes entities in attributes (`java&#9;script:`),
drops tabs and newlines anywhere in it and strips control characters and spaces at its ends. So the address is
read the way a browser reads it before its scheme is judged; control characters anywhere are refused outright.
Deceptive links (text that shows one address and goes to another, host names mixing scripts, `mailto:` links
that add hidden recipients) are refused too.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import parse_qsl, urlsplit

ALLOWED_SCHEMES = {"http", "https", "mailto"}
ALLOWED_MAILTO_FIELDS = {"subject", "body"}

# What link_scheme returns for a target that is not an address at all (e.g. `http://a.b]x`).
UNREADABLE = "(unreadable)"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
# Link text a reader takes for an address: `https://...`, `www.example.org` or `example.org/path` (a bare
# `Node.js` is a name, not an address).
_LOOKS_LIKE_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*://(?P<h1>[^\s/?#@:]+)|(?P<h2>www\.[^\s/?#@:]+)"
                             r"|(?P<h3>(?:[^\s/?#@:]+\.)+[^\W\d_]{2,})(?=[/]))", re.IGNORECASE)


def code_point(char: str) -> str:
    """`U+202E` for a character: what a message shows instead of the character itself."""
    return f"U+{ord(char):04X}"


def browser_form(target: str) -> str:
    """`target` as a browser reads it from an href: entities decoded, tabs and newlines removed, ends stripped."""
    decoded = html.unescape(target)
    return _TAB_OR_NEWLINE.sub("", decoded).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                   "\x1d\x1e\x1f\x20")


def link_scheme(target: str) -> str | None:
    """The URL scheme of a link target as a browser reads it, lowercased, None for a relative path, UNREADABLE if
    it cannot be parsed."""
    try:
        scheme = urlsplit(browser_form(target)).scheme.lower()
    except ValueError:  # urlsplit refuses some malformed hosts, such as a stray ']'
        return UNREADABLE
    return scheme or None


def shown(target: str, limit: int = 80) -> str:
    """`target` safe to print in a one-line message: control characters named, long values cut short."""
    text = _CONTROL.sub(lambda match: f"<{code_point(match.group(0))}>", target)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# Scripts that are written together in one language (Japanese, Chinese, Korean) count as one.
_EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "KATAKANA-HIRAGANA"}


def _scripts(label: str) -> set[str]:
    """The writing systems of the letters in a host label (LATIN, CYRILLIC, GREEK, ...)."""
    scripts = set()
    for char in label:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ")[0] if name else "UNKNOWN"
            scripts.add("CJK" if script in _EAST_ASIAN else script)
    return scripts


def _host_labels(host: str) -> list[str]:
    labels = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                pass
        labels.append(label)
    return labels


def find_host_problem(host: str) -> str | None:
    """Why a host name is deceptive (one label mixing writing systems, as in `gооgle.com`), or None."""
    for label in _host_labels(host):
        scripts = _scripts(label)
        if len(scripts) > 1:
            return (f"the host name {shown(host)} mixes writing systems ({', '.join(sorted(scripts)).lower()}); "
                    "write the address in one script")
    return None


def find_link_problem(target: str, *, text: str | None = None) -> str | None:
    """What is wrong with a link to `target` (shown as `text`, when known), as one message, or None if it is fine.

    Allowed: https, http and mailto addresses, and paths inside the site.
    """
    if _CONTROL.search(html.unescape(target)):
        char = _CONTROL.search(html.unescape(target)).group(0)
        return f"link {shown(target)} contains the control character {code_point(char)}; remove it"
    scheme = link_scheme(target)
    if scheme == UNREADABLE:
        return f"link {shown(target)} is not a valid address"
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (f"link {shown(target)} uses '{scheme}:'; only https, http, mailto or a path inside docs/ "
                "are allowed")
    address = urlsplit(browser_form(target))
    if scheme == "mailto":
        fields = {name.lower() for name, _ in parse_qsl(address.query, keep_blank_values=True)}
        extra = sorted(fields - ALLOWED_MAILTO_FIELDS)
        if extra:
            return (f"mailto link {shown(target)} sets {', '.join(extra)}; only subject and body are allowed "
                    "(no hidden recipients)")
        return None
    host = address.hostname or ""
    if host:
        problem = find_host_problem(host)
        if problem:
            return problem
    if text is not None:
        return find_deceptive_text(text, host=host, target=target)
    return None


def find_deceptive_text(text: str, *, host: str, target: str) -> str | None:
    """A message when link text looks like an address on another host than the link goes to, else None."""
    looks = _LOOKS_LIKE_URL.match(text)
    if not looks:
        return None
    shown_host = (looks.group("h1") or looks.group("h2") or looks.group("h3")).lower()
    if shown_host.startswith("www."):
        shown_host = shown_host[4:]
    real = host.lower().removeprefix("www.")
    if real == shown_host or real.endswith("." + shown_host):
        return None
    if not real:
        return (f"the link text {shown(text)} looks like an address but the link goes to {shown(target)}; "
                "write the address the link opens, or plain words")
    problem = find_host_problem(shown_host)
    if problem:
        return problem
    return (f"the link text {shown(text)} names {shown_host} but the link goes to {real}; "
            "write the address the link opens, or plain words")


# An address written out in plain text (a message body, a source's url): up to a space, quote or bracket.
_BARE_ADDRESS = re.compile(r"(?:https?://|mailto:)[^\s<>\"'`\])]+", re.IGNORECASE)


def find_address_problems(text: str) -> list[str]:
    """A message for each address written in plain `text` that breaks the link rule (the text is copied as is)."""
    problems = []
    for match in _BARE_ADDRESS.finditer(text):
        address = match.group(0).rstrip(".,;:!?")
        if (problem := find_link_problem(address)) is not None and problem not in problems:
            problems.append(problem)
    return problems
