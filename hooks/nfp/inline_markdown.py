"""Inline Markdown from untrusted YAML: emphasis, code and links, never raw HTML or images.

`find_markup_problems` tells a contributor what is wrong; `render_inline` is the second line of defence and
escapes or drops anything unsafe even if validation were skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

# One rule for links in data and in guides (see link_rules.py); re-exported for the modules that import them here.
from .link_rules import ALLOWED_SCHEMES, UNREADABLE, find_link_problem, link_scheme
from .links import LinkResolver

# Every character that can start inline Markdown (escapes, code, emphasis, links, images, autolinks, entities)
# or that Markdown reserves internally (STX/ETX). One line without any of them comes out of Markdown as itself.
_MARKUP_CHARS = re.compile(r"[\\`*_\[\]!<>&\x02\x03]")

# Markdown link targets: [text](target "title") and autolinks <scheme:...>.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_IMAGE = re.compile(r"!\[")
_BLOCK_START = re.compile(r"^([#>+*-])|^(\d+)([.)])")


def find_link_targets(text: str) -> list[str]:
    """Every link target written in `text`."""
    return _LINK_TARGET.findall(text) + _AUTOLINK.findall(text)


def find_markup_problems(text: str) -> list[str]:
    """What in `text` is not allowed, as messages (empty when it is fine)."""
    problems = []
    without_autolinks = _CODE_SPAN.sub("", _AUTOLINK.sub("", text))
    if _HTML_TAG.search(without_autolinks):
        problems.append("HTML is not allowed; use Markdown (*emphasis*, `code`, [text](https://...))")
    if _IMAGE.search(text):
        problems.append("images are not allowed in checklist text")
    for link_text, target in _LINK.findall(text):
        if (problem := find_link_problem(target, text=link_text)) is not None:
            problems.append(problem)
    for target in _AUTOLINK.findall(text):
        if (problem := find_link_problem(target)) is not None:
            problems.append(problem)
    return problems


class _SafeLinks(Treeprocessor):
    """Rewrites relative links through the resolver and drops anything that is not a safe link."""

    def __init__(self, md: markdown.Markdown, resolve: LinkResolver) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    # Replace an image by its alt text: no third-party requests from data.
                    index = list(parent).index(child)
                    parent.remove(child)
                    span = ET.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.insert(index, span)
                elif child.tag == "a":
                    href = child.get("href", "")
                    scheme = link_scheme(href)
                    if scheme is None:
                        resolved = self.resolve(href)
                    else:
                        resolved = href if scheme in ALLOWED_SCHEMES else None
                    for attribute in list(child.attrib):
                        del child.attrib[attribute]
                    if resolved is None:
                        child.tag = "span"
                    else:
                        child.set("href", resolved)


class InlineRenderer:
    """Inline Markdown to safe HTML with one Markdown instance (creating one costs more than converting a line).

    Make one per build (nfp/build.py does): it holds the parser's state, which must not outlive the build.
    """

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=[], output_format="html")
        # Raw HTML in data is shown as text, never passed through.
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.links = _SafeLinks(self.md, lambda target: None)
        self.md.treeprocessors.register(self.links, "nfp_safe_links", 0)

    def render(self, text: str, resolve: LinkResolver) -> str:
        """`text` as safe inline HTML. `resolve` maps a relative docs path to a URL, or None to drop the link."""
        line = _keep_inline(text)
        if not _MARKUP_CHARS.search(line):
            # Plain text (almost every checklist line) is what Markdown would return. Kept because Markdown for
            # every item cost ~0.3 on the checklists/plain ratio at N = 1,000 (bench/README.md, "Third round");
            # bench/fuzz_fast_paths.py checks the two agree.
            return line
        self.links.resolve = resolve
        try:
            html = self.md.reset().convert(line)
        finally:
            self.links.resolve = lambda target: None
        if html.startswith("<p>") and html.endswith("</p>"):
            html = html[3:-4]
        return html


def _keep_inline(text: str) -> str:
    """One line of text that Markdown cannot read as a heading, list, quote or rule."""
    line = " ".join(text.split())

    def escape(match: re.Match[str]) -> str:
        if match.group(1):
            return "\\" + match.group(1)
        return match.group(2) + "\\" + match.group(3)

    return _BLOCK_START.sub(escape, line, count=1)


def render_inline(text: str, resolve: LinkResolver) -> str:
    """`text` as safe inline HTML, with a renderer of its own (a build reuses one InlineRenderer instead)."""
    return InlineRenderer().render(text, resolve)
