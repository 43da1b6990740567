"""Paths (checklists/paths/*.yml): unit tests of the loader's rules with exact messages, the shipped data, the
matching rule, and whole builds (the pages exist; the finder lists every path without JavaScript; a step naming
a missing anchor stops the build)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from nfp.paths import AUDIENCE, LABELS, QUESTIONS, SITUATION_ONLY, CareerPath, load_paths, matches, read_choices
from nfp.problems import DataError
from nfp.site import load_site

from sitetools import ROOT, BuiltSite, build_site, copy_site

SHIPPED = ROOT / "checklists" / "paths"
DOCS_PAGES = {"guide.md", "other.md"}
CHECKLISTS = {"conference", "career-fair"}
TEMPLATES = {"referral-ask", "polite-nudge"}

GOOD = """# yaml-language-server: $schema=./schema.json
id: sample
title: A sample path
summary: For testing, a postdoc heading to industry within months, in five steps.
stage: [postdoc]
aim: [industry]
horizon: [leaving-within-months]
steps:
  - id: read
    text: Read the guide section first
    guide: guide.md#a-heading
  - id: fair
    text: Go to a career fair with a list
    checklist: career-fair
    after: P2W
  - id: ask
    text: Ask for a referral to one posted role
    template: referral-ask
    after: P1M
  - id: meet
    text: Go to a conference with a plan
    checklist: conference
  - id: other
    text: Read the other guide
    guide: other.md
"""


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "checklists" / "paths"
    folder.mkdir(parents=True)
    shutil.copy(SHIPPED / "schema.json", folder)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    folder = folder_with(tmp_path, files)
    with pytest.raises(DataError) as raised:
        load_paths(folder, root=tmp_path, docs_pages=DOCS_PAGES, checklist_ids=CHECKLISTS, template_ids=TEMPLATES)
    return [str(problem) for problem in raised.value.problems]


# --- Unit: a valid file, and one exact message per rule ------------------------------------------------------

def test_a_valid_path_loads_into_typed_data(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"sample.yml": GOOD})
    path_set = load_paths(folder, root=tmp_path, docs_pages=DOCS_PAGES, checklist_ids=CHECKLISTS,
                          template_ids=TEMPLATES)
    (path,) = path_set.paths
    assert path.id == "sample" and path.page_path == "paths/sample.md" and path.storage_id == "path--sample"
    assert [(s.id, s.kind, s.target, s.after) for s in path.steps] == [
        ("read", "guide", "guide.md#a-heading", None), ("fair", "checklist", "career-fair", "P2W"),
        ("ask", "template", "referral-ask", "P1M"), ("meet", "checklist", "conference", None),
        ("other", "guide", "other.md", None)]
    assert dict(path.audience) == {"stage": ("postdoc",), "aim": ("industry",),
                                   "horizon": ("leaving-within-months",), "situations": ()}
    # Guide links are kept so their anchors are checked once the guides are rendered (Build.check).
    assert [(link.page, link.anchor, link.line, link.field) for link in path_set.docs_links] == [
        ("guide.md", "a-heading", 11, "steps[0].guide"), ("other.md", None, 25, "steps[4].guide")]


RULES = {
    "missing guide page": (("guide: guide.md#a-heading", "guide: gide.md#a-heading"),
                           "checklists/paths/sample.yml:11: steps[0].guide: names 'gide.md', which is not a page in "
                           "docs/ (did you mean 'guide.md'?)"),
    "missing checklist": (("checklist: career-fair", "checklist: career-fare"),
                          "checklists/paths/sample.yml:14: steps[1].checklist: names the checklist 'career-fare', "
                          "which is not in checklists/ (did you mean 'career-fair'?)"),
    "missing template": (("template: referral-ask", "template: referal-ask"),
                         "checklists/paths/sample.yml:18: steps[2].template: names the message template "
                         "'referal-ask', which is not in checklists/shared/messages.yml (did you mean "
                         "'referral-ask'?)"),
    "two targets": (("    checklist: conference\n", "    checklist: conference\n    template: polite-nudge\n"),
                    "checklists/paths/sample.yml:20: steps[3]: needs exactly one of 'guide', 'checklist' or "
                    "'template'"),
    "bad stage": (("stage: [postdoc]", "stage: [post-doc]"),
                  "checklists/paths/sample.yml:5: stage[0]: 'post-doc' is not one of 'early-phd', "
                  "'final-year-phd', 'postdoc' (did you mean 'postdoc'?)"),
    "bad situation": (("horizon: [leaving-within-months]\n",
                       "horizon: [leaving-within-months]\nsituations: [introverted]\n"),
                      "checklists/paths/sample.yml:8: situations[0]: 'introverted' is not one of 'international', "
                      "'introvert', 'caring-or-part-time', 'disabled', 'small-institution', 'first-generation' "
                      "(did you mean 'introvert'?)"),
    "bad duration": (("after: P2W", "after: 2 weeks"),
                     "checklists/paths/sample.yml:15: steps[1].after: '2 weeks' is not an ISO 8601 duration such "
                     "as P2D, P3W, P3M or P1Y"),
    "duplicate step id": (("id: other", "id: read"),
                          "checklists/paths/sample.yml:23: steps[4].id: the step id 'read' is already used on "
                          "line 9; step ids must be unique in a path"),
    "id and file name": (("id: sample", "id: example"),
                         "checklists/paths/sample.yml:2: id: 'example' does not match the file name; rename the "
                         "file to example.yml or set id: sample"),
    "missing horizon": (("horizon: [leaving-within-months]\n", ""),
                        "checklists/paths/sample.yml:2: (top level): missing required field 'horizon'"),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_gives_one_exact_message(tmp_path: Path, rule: str) -> None:
    (old, new), expected = RULES[rule]
    assert old in GOOD
    assert problems_for(tmp_path, {"sample.yml": GOOD.replace(old, new, 1)}) == [expected]


def test_too_few_steps_and_an_unknown_field_are_refused(tmp_path: Path) -> None:
    short = GOOD.split("  - id: meet")[0].replace("    after: P1M\n", "    afer: P1M\n")
    assert problems_for(tmp_path, {"sample.yml": short}) == [
        "checklists/paths/sample.yml:8: steps: has 3 entries, at least 5",
        "checklists/paths/sample.yml:19: steps[2].afer: 'afer' is not allowed (did you mean 'after'?)",
    ]


def test_a_yaml_extension_is_refused(tmp_path: Path) -> None:
    assert problems_for(tmp_path, {"sample.yaml": GOOD}) == [
        "checklists/paths/sample.yaml:1: (file): paths end in .yml; rename it to sample.yml"]


def test_every_finder_choice_has_a_label() -> None:
    schema = json.loads((SHIPPED / "schema.json").read_text(encoding="utf-8"))
    choices = read_choices(schema, file="schema.json")
    assert set(choices.options) == set(QUESTIONS) == set(AUDIENCE)
    assert {value for values in choices.options.values() for value in values} <= set(LABELS)
    schema["properties"]["aim"]["items"]["enum"].append("space")
    with pytest.raises(DataError, match=r"schema.json:1: properties.aim: 'space' has no label"):
        read_choices(schema, file="schema.json")


def test_matching_rule() -> None:
    folder_paths = load_paths(SHIPPED, root=ROOT).by_id
    postdoc_industry = {"stage": ["postdoc"], "aim": ["industry"], "horizon": [], "situations": []}
    shown = {pid for pid, path in folder_paths.items() if matches(path, postdoc_industry)}
    assert "postdoc-leaving-soon" in shown and "final-year-industry" in shown
    assert "academic-job-market" not in shown and "first-year-habit" not in shown
    # A path written for a situation shows only to readers who ticked it (or ticked none).
    assert "small-institution" in shown
    international = {**postdoc_industry, "situations": ["international"]}
    assert not matches(folder_paths["small-institution"], international)
    assert matches(folder_paths["postdoc-leaving-soon"], international)


# --- Data: every shipped path -------------------------------------------------------------------------------

# The finder's questions that say who a reader is and where they are going; situations only narrow further.
READER = ("stage", "aim", "horizon")

def aimed_at(path: CareerPath, options: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether `path` is aimed at a kind of reader, read from its data alone.

    A path is aimed at a reader when it is written for where they are and where they are going, not for a
    circumstance anyone can be in: it lists no `situations`, and it narrows its audience, listing fewer than all
    the values the schema offers for at least one of stage, aim and horizon. So a situation path (first
    generation, small institution, an hour a week, international...) is not aimed at anyone's goal, even where it
    leaves out an aim, and nor would be a path listing every stage, aim and horizon. A path for every aim but one
    stage (the first-year habit) is aimed at that stage.
    """
    if path.audience.get("situations"):
        return False
    return any(set(path.audience.get(question, ())) != set(options[question]) for question in READER)


def test_aimed_at_reads_situations_and_narrowing() -> None:
    options = {"stage": ("early-phd", "postdoc"), "aim": ("academia", "industry"), "horizon": ("exploring",)}

    def path(**audience: tuple[str, ...]) -> CareerPath:
        return CareerPath(id="p", title="P", summary="s", audience={**options, **audience}, steps=(), source="p")

    assert not aimed_at(path(), options)  # for everyone
    assert not aimed_at(path(situations=("introvert",)), options)
    assert not aimed_at(path(aim=("industry",), situations=("international",)), options)
    assert aimed_at(path(aim=("industry",)), options)
    assert aimed_at(path(stage=("early-phd",)), options)


def test_every_reader_the_finder_describes_is_offered_a_path_aimed_at_them() -> None:
    """Every stage x aim x horizon the schema allows, answered in the finder with no situation ticked, shows at
    least one path aimed at that reader, except the readers nfp.paths SITUATION_ONLY names (and only while it is
    true: the finder tells those readers no path is written for them)."""
    path_set = load_paths(SHIPPED, root=ROOT)
    situation_only = {(note.stage, note.horizon) for note in SITUATION_ONLY}
    options = path_set.choices.options
    missing, stale = [], []
    for reader in itertools.product(*(options[question] for question in READER)):
        chosen = {**{question: [value] for question, value in zip(READER, reader)}, "situations": []}
        offered = [p.id for p in path_set.paths if matches(p, chosen) and aimed_at(p, options)]
        stage, _, horizon = reader
        name = " / ".join(LABELS[value] for value in reader)
        if (stage, horizon) in situation_only:
            if offered:
                stale.append(f"{name}: now offered {offered}; remove ({stage!r}, {horizon!r}) from SITUATION_ONLY")
        elif not offered:
            missing.append(name)
    assert not missing, "offered only situation paths (widen a path or write one): " + "; ".join(missing)
    assert not stale, "; ".join(stale)
    assert situation_only <= set(itertools.product(options["stage"], options["horizon"]))


def test_every_shipped_path_is_valid_and_resolves() -> None:
    docs = ROOT / "docs"
    docs_pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    config = load_config(str(ROOT / "mkdocs.yml"))
    site = load_site(ROOT, docs_pages=docs_pages, read_page=lambda path: (docs / path).read_text(encoding="utf-8"),
                     own_urls=(config["repo_url"], config["site_url"]))
    paths = site.paths.paths
    assert len(paths) >= 8
    assert len({p.id for p in paths}) == len(paths)
    for path in paths:
        assert 5 <= len(path.steps) <= 12, path.id
        first_line = (ROOT / path.source).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=./schema.json", path.source
        for step in path.steps:
            if step.kind == "checklist":
                assert site.catalog.get(step.target) is not None
            elif step.kind == "template":
                assert site.messages.get(step.target) is not None
    # Every situation the finder offers has at least one path written for it.
    offered = set(site.paths.choices.options["situations"])
    assert offered <= {s for p in paths for s in p.audience["situations"]}


def test_the_path_schema_states_after_as_the_checklist_schema_does() -> None:
    """The planner parses `after` with the checklist schema's pattern; paths must use the same one."""
    paths_schema = json.loads((SHIPPED / "schema.json").read_text(encoding="utf-8"))
    checklist_schema = json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))
    assert (paths_schema["$defs"]["step"]["properties"]["after"]["pattern"]
            == checklist_schema["$defs"]["item"]["properties"]["after"]["pattern"])


# --- Build: the real site ------------------------------------------------------------------------------------

class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.form_hidden: bool | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "li" and "nfp-finder__path" in classes:
            self.entries.append(found)
        if tag == "form" and "nfp-finder" in classes:
            self.form_hidden = "hidden" in found
        if tag == "h3" and "nfp-index__title" in classes:
            self._in_title = True
        elif tag == "a" and self._in_title:
            self.links.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_title = False


def test_finder_lists_every_path_without_javascript(built_site: BuiltSite) -> None:
    html = built_site.page("paths/")
    finder = _Finder()
    finder.feed(html)
    ids = sorted(p.stem for p in SHIPPED.glob("*.yml"))
    assert sorted(link.strip("./").split("/")[-1] for link in finder.links) == ids
    assert finder.form_hidden is True  # the form is for JavaScript only; the list is the page
    assert all(entry["data-stage"] and entry["data-aim"] and entry["data-horizon"] for entry in finder.entries)
    # Who each path is for is printed, not only kept in data attributes.
    assert html.count('class="nfp-path__audience"') == len(ids)
    assert "Leaving within months" in html


def test_each_path_has_a_page_with_its_steps_linked(built_site: BuiltSite) -> None:
    for file in SHIPPED.glob("*.yml"):
        html = built_site.page(f"paths/{file.stem}/")
        steps = re.findall(r'<li class="nfp-item" id="([a-z0-9-]+)"', html)
        assert 5 <= len(steps) <= 12, file.stem
        assert html.count('class="nfp-item__details">') == len(steps)
        assert f'data-checklist-id="path--{file.stem}"' in html
    page = built_site.page("paths/postdoc-leaving-soon/")
    assert '<a href="../../beyond/job-search-sprint/#build-a-target-list">' in page
    assert '<a href="../../checklists/referral-ready/">' in page
    assert '<a href="../../templates/#referral-ask">' in page
    assert 'class="nfp-planner"' in page


def test_home_page_links_the_finder(built_site: BuiltSite) -> None:
    assert 'href="paths/">Find your path</a>' in built_site.page("")


def test_a_step_naming_a_missing_anchor_stops_the_build(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    target = tmp_path / "repo" / "checklists" / "paths" / "postdoc-leaving-soon.yml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("#build-a-target-list", "#build-a-target-lst"), encoding="utf-8")
    line = text.split("#build-a-target-list")[0].count("\n") + 1
    index = [step.get("guide") for step in yaml.safe_load(text)["steps"]].index(
        "beyond/job-search-sprint.md#build-a-target-list")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"checklists/paths/postdoc-leaving-soon.yml:{line}: steps[{index}].guide: 'beyond/job-search-sprint.md' "
            "has no heading with the anchor '#build-a-target-lst' (did you mean 'build-a-target-list'?)"
            ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_site_without_a_paths_folder_has_no_paths(tmp_path: Path) -> None:
    path_set = load_paths(tmp_path / "checklists" / "paths", root=tmp_path)
    assert path_set.paths == () and path_set.docs_links == () and dict(path_set.choices.options) == {}


def test_the_fast_check_agrees_on_exactly_one_target(tmp_path: Path) -> None:
    """oneOf is read alike by fastjsonschema (draft-07) and jsonschema (2020-12): neither accepts two targets."""
    import yaml
    from nfp.schema_check import read_schema

    schema = read_schema(SHIPPED / "schema.json")
    good = yaml.safe_load(GOOD)
    assert schema.fast_check is not None and schema.fast_check(good)
    for extra in ({"template": "polite-nudge"}, {"guide": "other.md"}):
        two = {**good, "steps": [{**good["steps"][3], **extra}, *good["steps"][1:]]}
        assert not schema.fast_check(two) and any(schema.validator.iter_errors(two))
    none = {**good, "steps": [{"id": "x", "text": "No target at all"}, *good["steps"][1:]]}
    assert not schema.fast_check(none) and any(schema.validator.iter_errors(none))
