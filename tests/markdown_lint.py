"""A small Markdown lint for the site's pages, README.md and CONTRIBUTING.md: no Node needed.

Run it as `python tests/markdown_lint.py docs README.md CONTRIBUTING.md` (what `make lint` does); tests call
`lint_text` directly. Each problem is one line, `file:line: rule: what is wrong and how to fix it`.

Rules (what the strict build cannot catch by itself):
- one-h1: exactly one `# Title` heading per page.
- heading-increment: heading levels go down one step at a time (no `#` straight to `###`).
- trailing-whitespace: no spaces or tabs at the end of a line.
- fence-language: every fenced code block names its language (```text, ```yaml, ```bash ...).
- bare-url: a web address is written as a link, never bare (Python-Markdown does not link bare URLs).
  Addresses on your own computer (http://127.0.0.1:8000/, localhost) are instructions, not links, and may stay bare.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})(?:[ \t]+|$)")
URL = re.compile(r"https?://[^\s)>\]\"'`]+")
LOCAL_URL = re.compile(r"https?://(?:127\.0\.0\.1|localhost)(?:[:/]|$)")
# Where a URL is not bare: inline code, link destinations (`](...)`), autolinks (`<...>`), reference definitions.
INLINE_CODE = re.compile(r"(`+).+?\1")
LINK_DESTINATION = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
AUTOLINK = re.compile(r"<https?://[^\s>]+>")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s+\S+")


@dataclass(frozen=True, order=True)
class LintProblem:
    file: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule}: {self.message}"


def _front_matter_end(lines: list[str]) -> int:
    """The index of the first line after YAML front matter (0 when there is none)."""
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index + 1
    return 0


def _prose_lines(lines: list[str], *, start: int, file: str,
                 problems: list[LintProblem]) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line outside front matter and fenced code; reports fences with no language."""
    fence: str | None = None
    opened_at = 0
    for index in range(start, len(lines)):
        text, number = lines[index], index + 1
        match = FENCE.match(text)
        if fence is None:
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                fence, opened_at = match["fence"], number
                if not match["info"].strip():
                    problems.append(LintProblem(file, number, "fence-language",
                                                f"this code block has no language: write {fence}text for plain "
                                                f"text, or {fence}yaml, {fence}bash ..."))
                continue
            yield number, text
        elif match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                and not match["info"].strip():
            fence = None
    if fence is not None:
        problems.append(LintProblem(file, opened_at, "fence-language",
                                    f"this code block is never closed: add a line with {fence} after it"))


def _bare_urls(text: str) -> list[str]:
    if REFERENCE_DEFINITION.match(text):
        return []
    for pattern in (INLINE_CODE, LINK_DESTINATION, AUTOLINK):
        text = pattern.sub(" ", text)
    return [url for url in URL.findall(text) if not LOCAL_URL.match(url)]


def lint_text(text: str, *, file: str) -> list[LintProblem]:
    """Every problem in one Markdown document, in line order."""
    lines = text.split("\n")
    problems: list[LintProblem] = []
    for number, line in enumerate(lines, start=1):
        if line != line.rstrip(" \t\r"):
            problems.append(LintProblem(file, number, "trailing-whitespace",
                                        "remove the spaces at the end of this line (for a line break, "
                                        "start a new paragraph instead)"))
    h1_lines: list[int] = []
    previous_level = 0
    for number, line in _prose_lines(lines, start=_front_matter_end(lines), file=file, problems=problems):
        heading = HEADING.match(line)
        if heading:
            level = len(heading["hashes"])
            if level == 1:
                h1_lines.append(number)
            if previous_level and level > previous_level + 1:
                problems.append(LintProblem(file, number, "heading-increment",
                                            f"this H{level} follows an H{previous_level}: use "
                                            f"{'#' * (previous_level + 1)} here, or add the missing level above"))
            previous_level = level
        for url in _bare_urls(line):
            problems.append(LintProblem(file, number, "bare-url",
                                        f"the address {url} is not a link: write [what it is]({url}) "
                                        f"or <{url}>"))
    if not h1_lines:
        problems.append(LintProblem(file, 1, "one-h1", "the page has no level-1 heading: start it with # Title"))
    for number in h1_lines[1:]:
        problems.append(LintProblem(file, number, "one-h1",
                                    f"a second level-1 heading (the first is on line {h1_lines[0]}): "
                                    "use ## for sections"))
    return sorted(problems)


def markdown_files(paths: Iterable[Path]) -> list[Path]:
    """The Markdown files named, with folders searched recursively; paths that do not exist are left out."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(path.rglob("*.md"))
        elif path.is_file():
            found.add(path)
    return sorted(found)


def lint_paths(paths: Iterable[Path], *, root: Path) -> list[LintProblem]:
    problems: list[LintProblem] = []
    for path in markdown_files(paths):
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            name = path.as_posix()
        problems += lint_text(path.read_text(encoding="utf-8"), file=name)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv]
    for path in paths:
        if not path.exists():
            print(f"markdown lint: {path} does not exist; skipped", file=sys.stderr)
    problems = lint_paths(paths, root=Path.cwd())
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} Markdown problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs", "README.md", "CONTRIBUTING.md"]))
