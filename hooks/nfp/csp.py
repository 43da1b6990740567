"""A Content Security Policy for every page, as a second wall behind the guide checks.

Pages may run only scripts from the site itself and the few small inline scripts the theme writes (Material's
`__md_scope` and palette scripts, our `nfp-js` class), each allowed by its SHA-256 hash, never by
'unsafe-inline'. The hashes are computed from the built pages, so a theme update cannot silently break the site
and an inline script that was not in a page when it was built cannot run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# Script types a browser runs; anything else (Material's `application/json` config) is data.
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
# The charset declaration must stay within the first 1,024 bytes, so the policy goes right after it.
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
POLICY_MARKER = 'http-equiv="Content-Security-Policy"'


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        self._current = [] if "src" not in attributes and kind in _EXECUTABLE_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def find_inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in `html`, exactly as written."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script: 'sha256-...'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def render_policy(hashes: set[str]) -> str:
    """The policy: same-origin everything, no plugins, script only from the site or by hash."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(sorted(hashes)),
        # Material sets a few style attributes from JavaScript (search highlight, progress bar).
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def insert_policy(html: str, policy: str) -> str:
    """`html` with the policy first in <head> (after the charset), before any script it governs."""
    if POLICY_MARKER in html:
        raise ValueError("already has a Content-Security-Policy meta tag")
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("has no <head>, so no Content-Security-Policy can be added")
    at = head.end()
    if charset := _CHARSET.match(html, at):
        at = charset.end()
    tag = f'<meta {POLICY_MARKER} content="{policy}">'
    return html[:at] + tag + html[at:]
