"""Topic tags: one vocabulary for guides and checklists (checklists/shared/tags.yml), each tag an id and a name.

Front matter and checklists write a tag's id (`beyond-academia`); readers see its name ("Beyond academia") on the
tag chips, the tags page and in search, because the build hands Material's tags plugin the names
(`name_page_tags`, from hooks/checklist_pages.py). The plugin puts each tag on the tags page at `tag:` and its name
slugified, so a name must slugify to its id: the anchor then stays `tag:<id>` and our links to it need no plugin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from pymdownx.slugs import slugify

from .channels import load_shared_document
from .hints import did_you_mean
from .problems import Problem, format_field_path

TAGS_FILE = "tags.yml"
TAGS_SCHEMA = "tags.schema.json"
# Material's tags plugin lists every tag on this page (`<!-- material/tags -->`).
TAGS_PAGE = "tags.md"
# The plugin's default `tags_slugify` (mkdocs.yml leaves it unset): what makes a tag's anchor from its name.
_anchor_slug = slugify(case="lower")


@dataclass(frozen=True)
class Tag:
    id: str
    name: str

    @property
    def anchor(self) -> str:
        """Where the tags page lists the tag (the plugin's default `tags_slugify_format`)."""
        return f"tag:{self.id}"


@dataclass(frozen=True)
class TagVocabulary:
    """Every tag, in the file's order."""

    tags: tuple[Tag, ...]
    file: str = f"checklists/shared/{TAGS_FILE}"

    @cached_property
    def _by_id(self) -> Mapping[str, Tag]:
        return MappingProxyType({tag.id: tag for tag in self.tags})

    def get(self, tag_id: str) -> Tag | None:
        return self._by_id.get(tag_id)

    def unknown(self, tag_id: object) -> str:
        """Why `tag_id` is refused, with the closest id and every id a contributor may use."""
        return (f"'{tag_id}' is not a tag{did_you_mean(tag_id, self._by_id)}; the tags in {self.file} are: "
                f"{', '.join(sorted(self._by_id))}")


def load_tags(folder: Path, *, root: Path) -> tuple[TagVocabulary | None, list[Problem]]:
    """The tags in `folder`/tags.yml, and every problem found in the file (None when it cannot be used)."""
    document, problems = load_shared_document(folder, TAGS_FILE, TAGS_SCHEMA, root=root)
    if document is None:
        return None, problems
    file, tags = document.file, []
    seen: dict[str, int] = {}
    for index, data in enumerate(document.data["tags"]):
        path = ("tags", index)
        line = document.line_of((*path, "id"))
        tag_id, name = data["id"], data["name"]
        if tag_id in seen:
            problems.append(Problem(file, line, format_field_path((*path, "id")),
                                    f"the tag id '{tag_id}' is already used on line {seen[tag_id]}"))
            continue
        seen[tag_id] = line
        if _anchor_slug(name, "-") != tag_id:
            problems.append(Problem(file, document.line_of((*path, "name")), format_field_path((*path, "name")),
                                    f"'{name}' in lowercase with hyphens is '{_anchor_slug(name, '-')}', not the id "
                                    f"'{tag_id}': the tags page lists a tag by its name, so make them agree"))
        tags.append(Tag(id=tag_id, name=name))
    return (None, problems) if problems else (TagVocabulary(tuple(tags), file=file), problems)


def check_tag_ids(tag_ids: object, *, vocabulary: TagVocabulary, file: str,
                  line_of: Callable[[int | None], int]) -> list[Problem]:
    """Problems with a `tags` list of ids; `line_of(index)` gives the line of its item at `index` (None: the list)."""
    if not isinstance(tag_ids, list):
        return [Problem(file, line_of(None), "tags", "must be a list of tag ids, e.g. tags: [job-search, linkedin]")]
    return [Problem(file, line_of(index), format_field_path(("tags", index)), vocabulary.unknown(tag_id))
            for index, tag_id in enumerate(tag_ids)
            if not isinstance(tag_id, str) or vocabulary.get(tag_id) is None]


def name_page_tags(tag_ids: object, *, vocabulary: TagVocabulary, file: str,
                   source: str) -> tuple[list[str], list[Problem]]:
    """A page's front matter `tags` as the names readers see, and problems naming the line of each unknown id.

    With a problem no tags come back: the build stops once every page is read (nfp/build.py), with every problem,
    instead of at the first page the tags plugin cannot read."""
    if tag_ids is None:
        return [], []
    problems = check_tag_ids(tag_ids, vocabulary=vocabulary, file=file, line_of=lambda index: _front_matter_line(
        source, tag_ids[index] if index is not None else None))
    if problems:
        return [], problems
    return [tag.name for tag_id in tag_ids if (tag := vocabulary.get(tag_id)) is not None], []


def _front_matter_line(source: str, value: object) -> int:
    """The line in the front matter's `tags` entry that holds `value`, else the line of `tags:`, else 1."""
    start = None
    for number, line in enumerate(source.splitlines()[1:], start=2):
        if line.strip() == "---":
            break
        if start is None:
            if not line.startswith("tags:"):
                continue
            start = number
        elif line[:1].strip() and not line.startswith("-"):
            break  # the next key
        text = line[len("tags:"):] if number == start else line
        if value is not None and re.search(rf"(?<![\w-]){re.escape(str(value))}(?![\w-])", text):
            return number
    return start or 1
