"""What a guide may contain beyond Markdown: nothing that can run script in a reader's browser.

Guides come from strangers' pull requests, so raw HTML (blocks and inline) is refused, except marker comments
such as `<!-- checklist: conference -->` that hooks replace. Markdown-level syntax keeps working: admonitions,
attr_list classes and ids, and `pymdownx.blocks.html` for Material's grids. Every element Markdown builds is then
checked: no script-like elements, no `on*` or `style` attributes (attr_list would add them), and every link
target passes the same rule as links in checklist data (nfp/link_rules.py).

The checks are a Markdown extension, so they see exactly what Markdown treats as HTML; `GuideMarkupCheck.found`
holds what the last conversion found, as (text to locate in the source, message) pairs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .link_rules import find_link_problem, shown
from .render import escape_text

# Comments hooks replace or read: `<!-- checklist: id -->`, `<!-- template: id -->`, `<!-- paths: start/index.md -->`.
# One list of allowed names.
MARKER_NAMES = ("checklist", "template", "paths")
# Plugins' markers, allowed whole: Material's tags plugin lists every tag where `<!-- material/tags -->` stands
# (docs/tags.md). The plugin replaces it before Markdown runs; allowed here too so that turning its listings off
# leaves a harmless comment rather than a refused guide.
PLUGIN_MARKERS = ("material/tags",)
_PLUGIN_MARKER = re.compile(r"\A\s*<!--\s*(?P<name>[a-z]+/[a-z]+)\s*-->\s*\Z")
# An id is a slug, or (for `paths:`) a docs path such as academia/conferences.md.
_MARKER = re.compile(r"\A\s*<!--\s*(?P<name>[a-z]+):\s*[a-z0-9_]+(?:[-/.][a-z0-9_]+)*\s*-->\s*\Z")
# Elements Markdown never makes on its own but `pymdownx.blocks.html` could: nothing that runs, loads or submits.
FORBIDDEN_ELEMENTS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link",
                      "meta", "form", "template", "noscript", "svg", "math", "portal", "textarea", "select",
                      "button"}
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "formaction", "action", "http-equiv"}
URL_ATTRIBUTES = {"href", "src", "cite", "poster", "data", "background", "xlink:href", "srcset"}


@dataclass(frozen=True)
class Finding:
    """Something refused in a guide: `needle` is text to find its line by, `message` says what to change."""

    needle: str
    message: str


def is_marker(html: str) -> bool:
    """True for an allowed marker comment: `<!-- checklist: conference -->`, or a plugin's `<!-- material/tags -->`."""
    match = _MARKER.match(html)
    if match:
        return match.group("name") in MARKER_NAMES
    plugin = _PLUGIN_MARKER.match(html)
    return bool(plugin) and plugin.group("name") in PLUGIN_MARKERS


def _first_line(html: str) -> str:
    return next((line.strip() for line in html.splitlines() if line.strip()), html)


# A comment that names one of our markers but whose id has another shape: a typo to explain, not raw HTML to refuse.
_LOOSE_MARKER = re.compile(r"\A\s*<!--\s*(?P<name>[a-z]+):[^>]*-->\s*\Z")


def _describe_html(html: str) -> str:
    loose = _LOOSE_MARKER.match(html)
    if loose and loose.group("name") in MARKER_NAMES:
        return (f"the marker {shown(_first_line(html), 60)} needs an id in lowercase letters, digits and hyphens, "
                "or a page's path from docs/ such as academia/conferences.md")
    return f"raw HTML {shown(_first_line(html), 60)} is not allowed in a guide; use Markdown instead"


class _BlockHtmlCheck(Preprocessor):
    """Runs the registered HTML block preprocessor, then looks at what it set aside as raw HTML."""

    def __init__(self, md: Markdown, inner: Preprocessor, check: GuideMarkupCheck) -> None:
        super().__init__(md)
        self.inner = inner
        self.check = check

    def run(self, lines: list[str]) -> list[str]:
        before = self.md.htmlStash.html_counter
        lines = self.inner.run(lines)
        for stored in self.md.htmlStash.rawHtmlBlocks[before:]:
            text = stored if isinstance(stored, str) else ET.tostring(stored, encoding="unicode")
            if not is_marker(text):
                self.check.found.append(Finding(_first_line(text), _describe_html(text)))
        return lines


class _InlineHtmlCheck(HtmlInlineProcessor):
    """Markdown's inline HTML pattern, noting each tag or comment it passes through."""

    def __init__(self, pattern: str, md: Markdown, check: GuideMarkupCheck) -> None:
        super().__init__(pattern, md)
        self.check = check

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # noqa: N802 - Markdown's name
        if not is_marker(m.group(1)):
            self.check.found.append(Finding(m.group(1), _describe_html(m.group(1))))
        return super().handleMatch(m, data)


class _ElementCheck(Treeprocessor):
    """Every element after attr_list ran: forbidden elements, event and style attributes, link targets."""

    def __init__(self, md: Markdown, check: GuideMarkupCheck) -> None:
        super().__init__(md)
        self.check = check

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag.lower() in FORBIDDEN_ELEMENTS:
                self.check.found.append(Finding(element.tag, f"the element <{element.tag}> is not allowed in a "
                                                             "guide; use Markdown instead"))
            for name, value in element.attrib.items():
                lowered = name.lower()
                if lowered == "id" and value.startswith("__"):
                    # Material finds its own parts by these ids (`__config` holds its settings): no look-alikes.
                    self.check.found.append(Finding(value, f"the id {shown(value, 40)} is reserved for the theme; "
                                                           "choose an id that does not start with '__'"))
                elif lowered.startswith("on") or lowered in FORBIDDEN_ATTRIBUTES:
                    self.check.found.append(Finding(name, f"the attribute {name}={shown(value, 40)} is not "
                                                          "allowed; remove it (use a class for styling)"))
                elif lowered in URL_ATTRIBUTES:
                    # Markdown writes `&` as a placeholder until output (e-mail autolinks are all entities).
                    value = value.replace(AMP_SUBSTITUTE, "&")
                    text = "".join(element.itertext()).replace(AMP_SUBSTITUTE, "&") if element.tag == "a" else None
                    problem = find_link_problem(value, text=text)
                    if problem is not None:
                        self.check.found.append(Finding(value.strip() or value, problem))


class GuideMarkupCheck(Extension):
    """Markdown extension that records, per conversion, everything a guide may not contain (see `found`)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.found: list[Finding] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.registerExtension(self)
        self.found = []
        if "html_block" in md.preprocessors:
            inner = md.preprocessors["html_block"]
            md.preprocessors.register(_BlockHtmlCheck(md, inner, self), "html_block", 20)
        if "html" in md.inlinePatterns:
            pattern = md.inlinePatterns["html"]
            md.inlinePatterns.register(_InlineHtmlCheck(pattern.pattern, md, self), "html", 90)
        # After attr_list (8) and toc (5), before unescaping (0): the element tree as the page will have it.
        md.treeprocessors.register(_ElementCheck(md, self), "nfp_guide_elements", 1)

    def reset(self) -> None:
        self.found = []


def line_of(source: str, needle: str) -> int:
    """The 1-based line of `source` where `needle` first appears (1 when it cannot be found)."""
    index = source.find(needle)
    if index < 0 and "\n" in needle:
        index = source.find(needle.splitlines()[0])
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


# Front matter the theme prints into the page without escaping: <title>, meta tags, the header and the navigation.
THEME_TEXT_KEYS = ("title", "description", "author")


def escape_theme_text(meta: dict) -> dict:
    """The front matter values the theme prints raw, escaped as HTML text, so a quote or a '<' in a guide's title or
    description shows as written instead of ending the attribute or opening a tag."""
    return {key: escape_text(meta[key]) for key in THEME_TEXT_KEYS if isinstance(meta.get(key), str)}
