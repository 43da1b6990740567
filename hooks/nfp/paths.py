"""Paths: checklists/paths/<id>.yml, a plan of steps for one kind of reader, each step pointing to one guide
section, checklist or message template. Loaded and checked like checklists, with the same error quality.

The finder's choices (stage, aim, horizon, situations) are the schema's enums; their labels sit here, and a
value without a label stops the build, so adding a choice to the schema cannot silently leave it unnamed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .catalog import DocsLink, load_named_document
from .hints import did_you_mean
from .links import split_docs_link
from .problems import DataError, Problem, display_name, format_field_path
from .schema_check import read_schema

PATHS_FOLDER = "paths"
SCHEMA_FILE = "schema.json"
# What each step may point to, in the order the schema lists them.
TARGET_KINDS = ("guide", "checklist", "template")

# The finder's questions, in the order the form asks them, and the words readers see for each schema value.
QUESTIONS: Mapping[str, str] = MappingProxyType({
    "stage": "Where are you now?",
    "aim": "Where do you want to go?",
    "horizon": "How soon?",
    "situations": "Anything that shapes how you network? (optional)",
})
# How a path page and the finder's list name each question when they say who a path is for.
AUDIENCE: Mapping[str, str] = MappingProxyType({
    "stage": "Stage", "aim": "Heading for", "horizon": "Timing", "situations": "Written for",
})
LABELS: Mapping[str, str] = MappingProxyType({
    "early-phd": "Early in a PhD", "final-year-phd": "Final year of a PhD", "postdoc": "Postdoc",
    "academia": "Academia", "industry": "Industry", "other-sectors": "Policy, publishing, non-profits and more",
    "undecided": "Not sure yet",
    "exploring": "Exploring, no deadline yet", "leaving-within-months": "Leaving within months",
    "international": "Working outside my home country", "introvert": "Introvert or anxious",
    "caring-or-part-time": "Caring or part-time", "disabled": "Disabled or chronically ill",
    "small-institution": "Small or remote institution", "first-generation": "First in my family at university",
})


@dataclass(frozen=True)
class FinderNote:
    """What the finder says to a reader it can offer only situation paths (for every aim), and why none is aimed
    at them. tests/test_paths.py fails when a path starts to fit them, so the note cannot go stale."""

    stage: str
    horizon: str
    text: str  # one sentence, no full stop: it follows the reader's own choices ("Early in a PhD and ...?")
    guide: str  # the closest guide, a docs path with an optional #anchor
    guide_text: str  # the link's words in "; <guide_text> can help you start."
    why: str  # for maintainers; not shown

    @property
    def lead(self) -> str:
        return f"{LABELS[self.stage]} and {LABELS[self.horizon].lower()}?"


SITUATION_ONLY: tuple[FinderNote, ...] = (
    FinderNote(
        stage="early-phd", horizon="leaving-within-months",
        text="No path here is written for leaving a PhD early: it is a big step, best talked through with your "
             "graduate school, your funder and a careers adviser",
        guide="situations/supervisor.md#exploring-other-careers-with-or-without-telling-your-supervisor",
        guide_text="our guide to exploring other careers",
        why="Early in a PhD and leaving within months means leaving the PhD before finishing it. That is a decision "
            "to make with the graduate school, the funder and a careers adviser, and no guide here covers it: the "
            "12-week job search is written for the last year of a PhD or a postdoc whose contract ends, and the "
            "first-year habit assumes the reader stays. A path for them would send them to advice that does not fit."),
)


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    line: int
    kind: str  # one of TARGET_KINDS
    target: str  # a docs path (with #anchor), a checklist id or a template id
    after: str | None = None
    when: str | None = None  # never set in data; lets nfp.durations.when_text read a step like an item


@dataclass(frozen=True)
class CareerPath:
    id: str
    title: str
    summary: str
    audience: Mapping[str, tuple[str, ...]]  # question -> the schema values this path suits
    steps: tuple[Step, ...]
    source: str

    @property
    def page_path(self) -> str:
        """The generated page's path inside docs/, e.g. `paths/postdoc-leaving-soon.md`."""
        return f"{PATHS_FOLDER}/{self.id}.md"

    @property
    def items(self) -> tuple[Step, ...]:
        """The steps, read as a checklist's items by the calendar planner (nfp/planner.py)."""
        return self.steps

    @property
    def storage_id(self) -> str:
        """The key of the reader's saved ticks: apart from every checklist's (checklists never contain '--')."""
        return f"path--{self.id}"


@dataclass(frozen=True)
class Choices:
    """The finder's questions: for each, the values in schema order."""

    options: Mapping[str, tuple[str, ...]]
    multiple: frozenset[str]  # questions a reader may answer with several values (checkboxes)


@dataclass(frozen=True)
class PathSet:
    paths: tuple[CareerPath, ...]
    choices: Choices
    docs_links: tuple[DocsLink, ...]

    @cached_property
    def by_id(self) -> dict[str, CareerPath]:
        return {path.id: path for path in self.paths}


def read_choices(schema: Mapping[str, Any], *, file: str) -> Choices:
    """The finder's options, read from the schema's enums; raise DataError for an option with no label."""
    options: dict[str, tuple[str, ...]] = {}
    problems = []
    for question in QUESTIONS:
        values = tuple(schema["properties"][question]["items"]["enum"])
        options[question] = values
        problems += [Problem(file, 1, f"properties.{question}", f"'{value}' has no label in nfp/paths.py LABELS")
                     for value in values if value not in LABELS]
    if problems:
        raise DataError(problems)
    return Choices(options=MappingProxyType(options), multiple=frozenset({"situations"}))


def path_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yml") if path.is_file())


def load_paths(folder: Path, *, root: Path, docs_pages: Collection[str] | None = None,
               checklist_ids: Collection[str] | None = None,
               template_ids: Collection[str] | None = None) -> PathSet:
    """Load and check every path in `folder`; raise DataError listing every problem in every file.

    A site without the folder (a test site, a fork that wants no paths) has no paths and no finder.
    """
    if not folder.is_dir():
        return PathSet(paths=(), choices=Choices(options=MappingProxyType({}), multiple=frozenset()), docs_links=())
    schema = read_schema(folder / SCHEMA_FILE)
    choices = read_choices(schema.document(), file=display_name(folder / SCHEMA_FILE, root))
    problems: list[Problem] = []
    paths: list[CareerPath] = []
    links: list[DocsLink] = []
    for stray in sorted(folder.glob("*.yaml")):
        problems.append(Problem(display_name(stray, root), 1, "(file)",
                                f"paths end in .yml; rename it to {stray.stem}.yml"))
    for file_path in path_files(folder):
        file, stem = display_name(file_path, root), file_path.stem
        document, found = load_named_document(file_path, root=root, schema=schema, kind="path")
        problems += found
        if document is None:
            continue
        data = document.data
        more: list[Problem] = []
        steps: list[Step] = []
        seen: dict[str, int] = {}
        for index, step in enumerate(data["steps"]):
            at = ("steps", index)
            line = document.line_of((*at, "id"))
            if step["id"] in seen:
                more.append(Problem(file, line, format_field_path((*at, "id")),
                                    f"the step id '{step['id']}' is already used on line {seen[step['id']]}; "
                                    "step ids must be unique in a path"))
            seen.setdefault(step["id"], line)
            kind = next(kind for kind in TARGET_KINDS if kind in step)
            target, field_path = step[kind], (*at, kind)
            target_line, field = document.line_of(field_path), format_field_path(field_path)
            if kind == "guide":
                page, anchor = split_docs_link(target)
                if docs_pages is not None and page not in docs_pages:
                    more.append(Problem(file, target_line, field, f"names '{page}', which is not a page in docs/"
                                                                  f"{did_you_mean(page, docs_pages)}"))
                else:
                    links.append(DocsLink(stem, file, target_line, field, page, anchor))
            elif kind == "checklist" and checklist_ids is not None and target not in checklist_ids:
                more.append(Problem(file, target_line, field, f"names the checklist '{target}', which is not in "
                                                              f"checklists/{did_you_mean(target, checklist_ids)}"))
            elif kind == "template" and template_ids is not None and target not in template_ids:
                more.append(Problem(file, target_line, field,
                                    f"names the message template '{target}', which is not in "
                                    f"checklists/shared/messages.yml{did_you_mean(target, template_ids)}"))
            steps.append(Step(id=step["id"], text=" ".join(step["text"].split()), line=line, kind=kind,
                              target=target, after=step.get("after")))
        problems += more
        if not more:
            paths.append(CareerPath(
                id=stem, title=data["title"].strip(), summary=" ".join(data["summary"].split()),
                audience=MappingProxyType({question: tuple(data.get(question, ())) for question in QUESTIONS}),
                steps=tuple(steps), source=file))
    if problems:
        raise DataError(problems)
    return PathSet(paths=tuple(paths), choices=choices, docs_links=tuple(links))


def matches(path: CareerPath, chosen: Mapping[str, Collection[str]]) -> bool:
    """Whether the finder shows `path` for the reader's choices (templates/path_finder.js applies the same rule in
    the browser).

    A question left blank filters nothing. Stage, aim and horizon: the path lists the chosen value. Situations:
    a path that lists none is for everyone; a path written for situations is shown when the reader ticked
    one of them (or ticked none at all).
    """
    for question, values in chosen.items():
        if not values:
            continue
        suits = path.audience.get(question, ())
        if question == "situations":
            if suits and not set(values) & set(suits):
                return False
        elif not set(values) & set(suits):
            return False
    return True
