"""Load every checklist in a folder, validate it, and report all problems of all files at once."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .documents import Document, load_document
from .hints import did_you_mean
from .inline_markdown import find_link_targets, find_markup_problems, link_scheme
from .links import split_docs_link
from .model import Checklist, parse_checklist, slugify
from .problems import DataError, Problem, display_name, format_field_path
from .schema_check import CompiledSchema, read_schema
from .tags import TagVocabulary, check_tag_ids

SCHEMA_FILE = "schema.json"
ID_PATTERN_HINT = "lowercase letters, digits and single hyphens, e.g. salary-negotiation.yml"


@dataclass(frozen=True)
class DocsLink:
    """A link from checklist data to a guide, kept so anchors can be checked once guides are rendered."""

    checklist: str
    file: str
    line: int
    field: str
    page: str
    anchor: str | None


def checklist_files(folder: Path) -> list[Path]:
    """The checklist files in `folder`, sorted: every top-level `*.yml` (shared data lives in subfolders)."""
    return sorted(path for path in folder.glob("*.yml") if path.is_file())


def _check_references(checklist_data: dict, loaded: Document, file: str,
                      docs_pages: Collection[str] | None, template_ids: Collection[str] | None,
                      tags: TagVocabulary | None, links: list[DocsLink], checklist_id: str) -> list[Problem]:
    """Problems with what a valid checklist points at: tags, guides, pages, templates, and markup in its text."""
    problems: list[Problem] = []
    if tags is not None:
        problems += check_tag_ids(checklist_data["tags"], vocabulary=tags, file=file,
                                  line_of=lambda index: loaded.line_of(("tags",) if index is None else ("tags", index)))

    def note_docs_link(target: str, path: tuple) -> None:
        page, anchor = split_docs_link(target)
        line, field = loaded.line_of(path), format_field_path(path)
        if docs_pages is not None and page not in docs_pages:
            problems.append(Problem(file, line, field, f"names '{page}', which is not a page in docs/"
                                                       f"{did_you_mean(page, docs_pages)}"))
        else:
            links.append(DocsLink(checklist_id, file, line, field, page, anchor))

    if "guide" in checklist_data:
        note_docs_link(checklist_data["guide"], ("guide",))
    for s_index, section in enumerate(checklist_data["sections"]):
        seen_ids: dict[str, int] = {}
        for i_index, item in enumerate(section["items"]):
            path = ("sections", s_index, "items", i_index)
            if "link" in item:
                note_docs_link(item["link"], (*path, "link"))
            if template_ids is not None and "template" in item and item["template"] not in template_ids:
                hint = did_you_mean(item["template"], template_ids)
                problems.append(Problem(file, loaded.line_of((*path, "template")),
                                        format_field_path((*path, "template")),
                                        f"names the message template '{item['template']}', which is not in "
                                        f"checklists/shared/messages.yml{hint}"))
            for key in ("text", "details"):
                if key not in item:
                    continue
                for message in find_markup_problems(item[key]):
                    problems.append(Problem(file, loaded.line_of((*path, key)), format_field_path((*path, key)),
                                            message))
                for target in find_link_targets(item[key]):
                    if link_scheme(target) is None and target and not target.startswith("#"):
                        note_docs_link(target, (*path, key))
    return problems


def _check_unique_items(checklist_data: dict, loaded: Document, file: str) -> list[Problem]:
    problems = []
    ids: dict[str, int] = {}
    texts: dict[str, int] = {}
    for s_index, section in enumerate(checklist_data["sections"]):
        for i_index, item in enumerate(section["items"]):
            path = ("sections", s_index, "items", i_index)
            id_line = loaded.line_of((*path, "id"))
            if item["id"] in ids:
                problems.append(Problem(file, id_line, format_field_path((*path, "id")),
                                        f"the item id '{item['id']}' is already used on line {ids[item['id']]}; "
                                        "item ids must be unique in a checklist"))
            else:
                ids[item["id"]] = id_line
            text_key = " ".join(item["text"].lower().split())
            text_line = loaded.line_of((*path, "text"))
            if text_key in texts:
                problems.append(Problem(file, text_line, format_field_path((*path, "text")),
                                        f"the same text as the item on line {texts[text_key]}"))
            else:
                texts[text_key] = text_line
    return problems


@dataclass(frozen=True)
class Catalog:
    """Every valid checklist, in file-name order, and the links into docs/ they make."""

    checklists: tuple[Checklist, ...]
    docs_links: tuple[DocsLink, ...]

    @cached_property
    def by_id(self) -> dict[str, Checklist]:
        """Every checklist by id, made once (a page with many cards must not scan the catalog for each)."""
        return {c.id: c for c in self.checklists}

    def get(self, checklist_id: str) -> Checklist | None:
        return self.by_id.get(checklist_id)


def load_catalog(folder: Path, *, root: Path, docs_pages: Collection[str] | None = None,
                 template_ids: Collection[str] | None = None, tags: TagVocabulary | None = None) -> Catalog:
    """Load and validate every checklist in `folder`; raise DataError listing every problem in every file.

    Names of other data are checked when given: `docs_pages`, `template_ids`, and the `tags` vocabulary."""
    schema = read_schema(folder / SCHEMA_FILE)
    problems: list[Problem] = []
    checklists: list[Checklist] = []
    links: list[DocsLink] = []
    for stray in sorted(folder.glob("*.yaml")):
        problems.append(Problem(display_name(stray, root), 1, "(file)",
                                f"checklists end in .yml; rename it to {stray.stem}.yml"))
    for path in checklist_files(folder):
        file, stem = display_name(path, root), path.stem
        document, found = load_named_document(path, root=root, schema=schema, kind="checklist")
        problems += found
        if document is None:
            continue
        data = document.data
        more = _check_unique_items(data, document, file)
        more += _check_references(data, document, file, docs_pages, template_ids, tags, links, stem)
        problems += more
        if not more:
            checklists.append(parse_checklist(data, source=file, lines=document.lines))
    if problems:
        raise DataError(problems)
    return Catalog(checklists=tuple(checklists), docs_links=tuple(links))


def load_named_document(path: Path, *, root: Path, schema: CompiledSchema,
                        kind: str) -> tuple[Document | None, list[Problem]]:
    """A data file whose `id` must be its file name (a checklist, a path): the document, or None and why not."""
    file, stem = display_name(path, root), path.stem
    if slugify(stem) != stem or stem.startswith("-"):
        return None, [Problem(file, 1, "(file)", f"the file name must be the {kind} id: {ID_PATTERN_HINT}")]
    document, problems = load_document(path, root=root, schema=schema)
    if document is not None and document.data["id"] != stem:
        data_id = document.data["id"]
        return None, problems + [Problem(file, document.line_of(("id",)), "id",
                                         f"'{data_id}' does not match the file name; rename the file to "
                                         f"{data_id}.yml or set id: {stem}")]
    return document, problems


def check_link_anchors(catalog: Catalog, *, anchors_of: Callable[[str], Collection[str] | None],
                       more: Iterable[DocsLink] = ()) -> list[Problem]:
    """Links from checklist data (and `more`, from other data such as paths) to `page.md#anchor` must land on
    an id the rendered page has.

    `anchors_of(page)` gives the ids of a rendered page in docs/ (None when it is not known).
    """
    problems = []
    for link in (*catalog.docs_links, *more):
        if link.anchor is None:
            continue
        anchors = anchors_of(link.page)
        if anchors is not None and link.anchor not in anchors:
            problems.append(Problem(link.file, link.line, link.field,
                                    f"'{link.page}' has no heading with the anchor '#{link.anchor}'"
                                    f"{did_you_mean(link.anchor, anchors)}"))
    return problems
