"""A throwaway copy of the repository with N extra checklists, or N plain Markdown pages as the control.

Nothing here touches the working tree it copies from: every change is made in the copy.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# Folders that are not part of the site source (or are large and irrelevant to a build).
SKIP_TOP = {".git", ".venv", "site", "node_modules", ".pytest_cache", ".hypothesis", ".cache"}
SKIP_ANY = {"__pycache__", "node_modules"}
PLAIN_DIR = "bench-plain"  # docs/bench-plain/<id>.md: the control pages
GIT_DATES_ENV = "NFP_GIT_DATES"  # the copy's mkdocs.yml reads the git-revision-date plugin's `enabled` from it
TEXT_MAX = 200  # schema maxLength of an item's text
TITLE_MAX = 80


def _ignore(directory: str, names: list[str]) -> set[str]:
    skipped = {name for name in names if name in SKIP_ANY}
    if Path(directory).resolve() == REPO:
        skipped |= {name for name in names if name in SKIP_TOP or name == "bench"}
    return skipped


def copy_repo(dest: Path) -> Path:
    """Copy the working tree (minus .git, .venv, site/, bench/) into dest and patch its mkdocs.yml."""
    shutil.copytree(REPO, dest, ignore=_ignore, symlinks=True)
    patch_mkdocs_yml(dest / "mkdocs.yml")
    return dest


def patch_mkdocs_yml(path: Path) -> None:
    """Two edits, made as text because mkdocs.yml holds !!python/name tags that a YAML round trip would lose.

    - the git-revision-date plugin's `enabled` comes from $NFP_GIT_DATES (the copy has no git history, and a
      `git log` per real file would make the plain-Markdown control slower than the generated checklists);
    - docs/bench-plain/ is `not_in_nav`, as the generated checklist pages are.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    out: list[str] = []
    in_plugin = False
    plugin_indent = 0
    patched_git = False
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if in_plugin and stripped and indent <= plugin_indent:
            in_plugin = False
        if in_plugin and stripped.startswith("enabled:"):
            # Already configurable (or fixed): drive it from our variable all the same.
            line = " " * indent + f"enabled: !ENV [{GIT_DATES_ENV}, true]"
            patched_git = True
        out.append(line)
        if re.match(r"^\s*-\s*git-revision-date-localized:\s*$", line):
            in_plugin = True
            plugin_indent = indent
            option_indent = indent + 4
            if not any(l.strip().startswith("enabled:") for l in _plugin_block(lines, line)):
                out.append(" " * option_indent + f"enabled: !ENV [{GIT_DATES_ENV}, true]")
                patched_git = True
        elif re.match(r"^\s*-\s*git-revision-date-localized\s*$", line):
            out[-1] = line.rstrip() + ":"
            out.append(" " * (indent + 4) + f"enabled: !ENV [{GIT_DATES_ENV}, true]")
            patched_git = True
    if not patched_git and "git-revision-date-localized" in text:
        raise RuntimeError("could not find the git-revision-date-localized plugin block in mkdocs.yml")
    text = "\n".join(out) + "\n"
    if re.search(r"^not_in_nav:", text, flags=re.M):
        text = re.sub(r"^not_in_nav:\s*\|\s*\n", f"not_in_nav: |\n  /{PLAIN_DIR}/\n", text, count=1, flags=re.M)
        if f"/{PLAIN_DIR}/" not in text:
            raise RuntimeError("mkdocs.yml has a not_in_nav that is not a block scalar; update bench/workspace.py")
    else:
        text += f"\n# Added by bench/: the control pages are kept out of the nav like the checklists.\n" \
                f"not_in_nav: |\n  /{PLAIN_DIR}/\n"
    path.write_text(text, encoding="utf-8")


def _plugin_block(lines: list[str], header: str) -> list[str]:
    start = lines.index(header)
    indent = len(header) - len(header.lstrip())
    block = []
    for line in lines[start + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line)
    return block


def build_env(*, git_dates: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env[GIT_DATES_ENV] = "true" if git_dates else "false"
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    return env


# --- Variants of the shipped checklists ------------------------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    id: str
    data: dict


def shipped_checklists(root: Path) -> list[dict]:
    found = []
    for path in sorted((root / "checklists").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("id") == path.stem:
            found.append(data)
    if not found:
        raise RuntimeError(f"no checklists in {root / 'checklists'}")
    return found


# Rotated into item texts so the variants differ from the originals and from each other.
_QUALIFIERS = ("this term", "this month", "this semester", "before the summer", "this year", "next week",
               "with a friend", "on your own", "in your lab", "online", "in person", "after your next talk")


def _vary_text(text: str, n: int, k: int) -> str:
    suffix = f" ({_QUALIFIERS[(n + k) % len(_QUALIFIERS)]}, round {n})"
    if len(text) + len(suffix) <= TEXT_MAX:
        return text + suffix
    return text[: TEXT_MAX - len(suffix)].rstrip() + suffix  # never hit by the shipped data (texts < 120 chars)


def make_variants(base: list[dict], count: int) -> list[Variant]:
    """`count` new checklists: shipped ones in turn, with a new id and reworded titles and item texts."""
    variants = []
    for n in range(count):
        source = base[n % len(base)]
        new_id = f"{source['id'][:50]}-v{n:04d}"
        data = copy.deepcopy(source)
        data["id"] = new_id
        title_suffix = f" (variant {n})"
        data["title"] = data["title"][: TITLE_MAX - len(title_suffix)] + title_suffix
        k = 0
        for section in data["sections"]:
            for item in section["items"]:
                item["text"] = _vary_text(item["text"], n, k)
                k += 1
        variants.append(Variant(new_id, data))
    return variants


def write_checklists(root: Path, variants: list[Variant]) -> None:
    folder = root / "checklists"
    for variant in variants:
        text = "# yaml-language-server: $schema=./schema.json\n" + yaml.safe_dump(
            variant.data, sort_keys=False, allow_unicode=True, width=1000)
        (folder / f"{variant.id}.yml").write_text(text, encoding="utf-8")


_MD_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def _relink(text: str) -> str:
    """Links in checklist data are docs paths (academia/x.md#a); from docs/bench-plain/ they need a ../."""
    def fix(match: re.Match[str]) -> str:
        target = match.group("target")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("#", "/")):
            return match.group(0)
        return f"](../{target})"
    return _MD_LINK.sub(fix, text)


def plain_page(data: dict) -> str:
    """The same checklist as a hand-written Markdown page: headings and task lists (`- [ ] text`)."""
    meta = {"title": data["title"], "description": " ".join(data["summary"].split()), "tags": list(data["tags"])}
    out = ["---", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000).rstrip(), "---", "",
           f"# {data['title']}", "", " ".join(data["summary"].split()), ""]
    items = [item for section in data["sections"] for item in section["items"]]
    guide = f"Guide: [the guide](../{data['guide']}) · " if data.get("guide") else ""
    out += [f"{guide}{len(items)} items", ""]
    for section in data["sections"]:
        out += [f"## {section['title']}", ""]
        for item in section["items"]:
            out.append(f"- [ ] {_relink(item['text'])}")
            more = " · ".join(x for x in (item.get("when"), item.get("details")) if x)
            if more:
                out.append(f"    {_relink(' '.join(more.split()))}")
            if item.get("link"):
                out.append(f"    [Read more](../{item['link']})")
        out.append("")
    return "\n".join(out)


def write_plain(root: Path, variants: list[Variant]) -> None:
    folder = root / "docs" / PLAIN_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for variant in variants:
        (folder / f"{variant.id}.md").write_text(plain_page(variant.data), encoding="utf-8")


def prepare(dest: Path, *, kind: str, count: int) -> Path:
    """A fresh copy in dest with `count` extra checklists (kind 'checklists') or plain pages (kind 'plain')."""
    if dest.exists():
        shutil.rmtree(dest)
    copy_repo(dest)
    variants = make_variants(shipped_checklists(dest), count)
    if kind == "checklists":
        write_checklists(dest, variants)
    elif kind == "plain":
        write_plain(dest, variants)
    else:
        raise ValueError(kind)
    return dest
