"""The front door: the home page routes readers by situation into the finder, and each section index routes them
to its guides (who each is for, in what order, which paths include it). Expectations come from mkdocs.yml's nav
and from checklists/paths/*.yml, read here without the engine, so a stale line or a missed guide fails."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
import yaml
from mkdocs.config import load_config

from nfp.guide_markup import GuideMarkupCheck
from nfp.markers import PATHS_MARKER, replace_markers
from nfp.paths import CareerPath, Step, load_paths, matches
from nfp.routing import find_inclusions, inclusion_links

from sitetools import ROOT, BuiltSite, build_site, copy_site
from test_content import GUIDE_SECTIONS
from test_guide_safety import SITE_EXTENSIONS

PATHS = ROOT / "checklists" / "paths"


def nav_sections() -> dict[str, list[str]]:
    """Each guide section of the nav: its folder -> the pages after its index, in nav order."""
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    sections = {}
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        (pages,) = entry.values()
        if not isinstance(pages, list) or not pages or not isinstance(pages[0], str):
            continue
        folder = pages[0].split("/")[0]
        if folder in GUIDE_SECTIONS:
            assert pages[0] == f"{folder}/index.md", f"the section {folder} opens with its index page"
            sections[folder] = [page for page in pages[1:] if isinstance(page, str)]
    return sections


SECTIONS = nav_sections()


def expected_inclusions() -> dict[str, list[tuple[str, str, int]]]:
    """docs page -> (path title, step id, step number) for each path that includes it, in file-name order.

    A path includes a guide when a step names the guide or a checklist whose guide it is."""
    guide_of = {}
    for file in sorted((ROOT / "checklists").glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        guide_of[file.stem] = (data.get("guide") or "").split("#")[0]
    found: dict[str, list[tuple[str, str, int]]] = {}
    for file in sorted(PATHS.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        seen = set()
        for number, step in enumerate(data["steps"], start=1):
            page = step["guide"].split("#")[0] if "guide" in step else guide_of.get(step.get("checklist", ""))
            if page and page not in seen:
                seen.add(page)
                found.setdefault(page, []).append((data["title"], f"paths/{file.stem}/#{step['id']}", number))
    return found


def guide_blocks(html: str, folder: str) -> dict[str, str]:
    """A built section index: each guide page it routes to (from its h3 link) -> the HTML up to the next h3."""
    body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    blocks = {}
    for chunk in body.split("<h3 ")[1:]:
        link = re.search(r'<a href="([a-z0-9-]+)/">', chunk)
        assert link, f"{folder}: a guide heading without a link to a guide of the section: {chunk[:120]}"
        blocks[f"{folder}/{link.group(1)}.md"] = chunk.split("<h2", 1)[0]
    return blocks


# --- Unit: which paths include a guide, and the marker --------------------------------------------------------

def step(step_id: str, kind: str, target: str) -> Step:
    return Step(id=step_id, text=f"Do {step_id}", line=1, kind=kind, target=target)


def career_path(path_id: str, *steps: Step) -> CareerPath:
    return CareerPath(id=path_id, title=path_id.title(), summary="s", audience={}, steps=steps,
                      source=f"checklists/paths/{path_id}.yml")


def test_a_path_includes_a_guide_through_a_section_or_its_checklist_once() -> None:
    one = career_path("one", step("read", "guide", "a/guide.md#part"), step("ask", "template", "polite-nudge"),
                      step("again", "guide", "a/guide.md#other"), step("tick", "checklist", "other-list"))
    two = career_path("two", step("tick", "checklist", "guide-list"), step("nothing", "checklist", "no-guide"))
    guides = {"guide-list": "a/guide.md#end", "other-list": "b/other.md", "no-guide": None}
    found = find_inclusions([one, two], guide_of=guides.get)
    assert [(i.path.id, i.step.id, i.number) for i in found["a/guide.md"]] == [("one", "read", 1), ("two", "tick", 1)]
    assert [(i.path.id, i.number) for i in found["b/other.md"]] == [("one", 4)]
    assert set(found) == {"a/guide.md", "b/other.md"}
    links = inclusion_links(found["a/guide.md"], url=lambda target: f"../{target}")
    assert [(link.title, link.url, link.number) for link in links] == [
        ("One", "../paths/one.md#read", 1), ("Two", "../paths/two.md#tick", 1)]


def test_an_unknown_guide_in_a_marker_gets_its_line_and_a_suggestion() -> None:
    markdown_text = "# Section\n\n### Guide\n\n<!-- paths: academia/conferencs.md -->\n"
    html = "<h1>Section</h1>\n<h3>Guide</h3>\n<!-- paths: academia/conferencs.md -->\n"
    _, placed, problems = replace_markers(html, markdown=markdown_text, known={"academia/conferences.md"},
                                          render=str, marker=PATHS_MARKER, what="page in docs/",
                                          unknown="'{id}' is not a {what}")
    assert placed == []
    assert [(p.line, p.message) for p in problems] == [
        (5, "'academia/conferencs.md' is not a page in docs/ (did you mean 'academia/conferences.md'?)")]


@pytest.mark.parametrize("marker", ["<!-- paths: ../start/index.md -->", "<!-- paths: Academia/Conferences.md -->"])
def test_a_marker_id_of_the_wrong_shape_is_explained(marker: str) -> None:
    check = GuideMarkupCheck()
    markdown.Markdown(extensions=[*SITE_EXTENSIONS, check]).convert(f"Text.\n\n{marker}\n")
    assert [finding.message for finding in check.found] == [
        f"the marker {marker!r} needs an id in lowercase letters, digits and hyphens, or a page's path from docs/ "
        "such as academia/conferences.md"]


def test_a_well_formed_paths_marker_passes_the_guide_check() -> None:
    check = GuideMarkupCheck()
    markdown.Markdown(extensions=[*SITE_EXTENSIONS, check]).convert("<!-- paths: academia/conferences.md -->\n")
    assert check.found == []


# --- The section indexes route to every guide of their section -------------------------------------------------

def test_the_nav_has_every_guide_section() -> None:
    assert set(SECTIONS) == set(GUIDE_SECTIONS)


@pytest.mark.parametrize("folder", sorted(SECTIONS))
def test_each_section_index_routes_every_guide_of_its_section(folder: str) -> None:
    source = (ROOT / "docs" / folder / "index.md").read_text(encoding="utf-8")
    reading_order = source.split("## In what order to read them", 1)
    assert len(reading_order) == 2, f"docs/{folder}/index.md: a '## In what order to read them' section"
    order, guides = reading_order[1].split("\n## ", 1)[0], reading_order[1].split("\n## ", 1)[1]
    marked = PATHS_MARKER.findall(source)
    for page in SECTIONS[folder]:
        name = page.split("/", 1)[1]
        assert f"]({name})" in order, f"docs/{folder}/index.md: the reading order places {name}"
        heading = re.search(rf"^### \[[^\]]+\]\({re.escape(name)}\)\n(.*?)(?=^###? |\Z)", guides, re.S | re.M)
        assert heading, f"docs/{folder}/index.md: a '### [title]({name})' heading for the guide"
        block = heading.group(1)
        assert "**Who it is for:**" in block and "**When to read it:**" in block, f"{folder}: {name}"
        assert f"<!-- paths: {page} -->" in block, f"docs/{folder}/index.md: the paths marker for {page}"
    assert sorted(marked) == sorted(SECTIONS[folder]), "one marker per guide of the section, and no other"


@pytest.mark.parametrize("folder", sorted(SECTIONS))
def test_the_paths_lines_match_the_path_data(built_site: BuiltSite, folder: str) -> None:
    html = built_site.page(f"{folder}/")
    assert "<!-- paths:" not in html
    blocks = guide_blocks(html, folder)
    assert set(blocks) == set(SECTIONS[folder])
    expected = expected_inclusions()
    for page, block in blocks.items():
        line = re.search(r'<p class="nfp-in-paths">(.*?)</p>', block, re.S)
        assert line, f"{folder}/index: no paths line under {page}"
        shown = [(unescape(title), href, int(number)) for href, title, number in
                 re.findall(r'<a href="\.\./([^"]+)">([^<]+)</a>, step (\d+)', line.group(1))]
        assert shown == expected.get(page, []), page
        if not shown:
            assert line.group(1).endswith("none yet."), page


@pytest.mark.parametrize("folder", sorted(SECTIONS))
def test_every_guide_in_the_nav_is_in_at_least_one_path(folder: str) -> None:
    """A guide no path includes shows "none yet" on its section index: a new guide needs a step in some path."""
    included = expected_inclusions()
    missing = [page for page in SECTIONS[folder] if page not in included]
    assert missing == [], (f"no path in checklists/paths/ includes {', '.join(missing)}: add a step that names "
                           "the guide (or its checklist) to a path whose readers need it")


def test_a_guide_in_a_path_shows_that_path(built_site: BuiltSite) -> None:
    """A reader sees the link: the job-search guide is the first step of the postdoc path."""
    html = built_site.page("beyond/")
    assert re.search(r'<a href="\.\./paths/postdoc-leaving-soon/#[a-z-]+">Postdoc leaving within six months</a>, '
                     r'step 1', html)


def test_an_unknown_guide_in_a_marker_stops_the_build(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    index = tmp_path / "repo" / "docs" / "academia" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("<!-- paths: academia/mentors.md -->", "<!-- paths: academia/mentor.md -->"),
                     encoding="utf-8")
    line = text.split("<!-- paths: academia/mentors.md -->")[0].count("\n") + 1
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/academia/index.md:{line}: <!-- paths: academia/mentor.md -->: 'academia/mentor.md' is not a page "
            "in docs/ (did you mean 'academia/mentors.md'?)") in result.stderr
    assert "Traceback" not in result.stderr


# --- The home page: situations open the finder with their choices, beside a path that suits them ----------------

def home_situations(html: str) -> list[tuple[dict[str, list[str]], str]]:
    """Each situation on the built home page: the finder's choices in its link, and the path linked beside it."""
    section = html.split('id="start-from-your-situation"', 1)[1].split("<h2", 1)[0]
    found = []
    for item in re.findall(r"<li>(.*?)</li>", section, re.S):
        links = re.findall(r'<a href="([^"]+)">', item)
        assert len(links) == 2, item
        finder, path = (unescape(link) for link in links)
        assert urlsplit(finder).path == "paths/", finder
        choices = {name: values[0].split(",") for name, values in parse_qs(urlsplit(finder).query).items()}
        assert re.fullmatch(r"paths/[a-z0-9-]+/", path), path
        found.append((choices, path.split("/")[1]))
    return found


def test_the_home_page_opens_with_its_situations(built_site: BuiltSite) -> None:
    html = built_site.page("")
    content = html.split('<article class="md-content__inner', 1)[1]
    headings = re.findall(r"<h2 id=\"([^\"]+)\"", content)
    assert headings[0] == "start-from-your-situation"
    assert 4 <= len(home_situations(html)) <= 8


def test_each_home_situation_names_real_choices_and_a_path_that_suits_them(built_site: BuiltSite) -> None:
    schema = json.loads((PATHS / "schema.json").read_text(encoding="utf-8"))
    path_set = load_paths(PATHS, root=ROOT)
    for choices, path_id in home_situations(built_site.page("")):
        assert choices, "the link presets at least one choice"
        for question, values in choices.items():
            assert set(values) <= set(schema["properties"][question]["items"]["enum"]), (question, values)
        answers = {"stage": [], "aim": [], "horizon": [], "situations": [], **choices}
        assert matches(path_set.by_id[path_id], answers), f"{path_id} is not shown for {choices}"
