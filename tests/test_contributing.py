"""What a new contributor relies on: `make checklist`, the worked example, edit links, the lint, and the docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from markdown_lint import lint_paths, lint_text
from nfp.catalog import load_catalog
from nfp.scaffold import EXIT_REFUSED, TEMPLATE, main, page_url, render_new_checklist
from sitetools import ENV, ROOT, BuiltSite, build_site, copy_site

CONTRIBUTING_PAGE = ROOT / "docs" / "about" / "contributing.md"
LINTED = ("docs", "README.md", "CONTRIBUTING.md")  # the same paths as `make lint`
REPO_URL = re.search(r"^repo_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)


def docs_pages(root: Path) -> set[str]:
    return {path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md")}


def run_scaffold(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`make checklist id=...` in the repository at `root`, as the Makefile runs it."""
    return subprocess.run([sys.executable, "-m", "nfp.scaffold", *args], cwd=root, capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": str(root / "hooks")}, timeout=60)


def worked_example() -> tuple[str, str]:
    """(id, YAML) of the complete checklist shown in the contributing guide."""
    text = CONTRIBUTING_PAGE.read_text(encoding="utf-8")
    match = re.search(r"^```yaml\n(# yaml-language-server: .*?)^```$", text, re.M | re.S)
    assert match, "docs/about/contributing.md has no ```yaml block starting with the schema comment"
    source = match.group(1)
    return yaml.safe_load(source)["id"], source


class _EditLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and "edit" in (found.get("rel") or "").split():
            self.hrefs.append(found.get("href") or "")


def edit_links(html: str) -> list[str]:
    parser = _EditLinks()
    parser.feed(html)
    return parser.hrefs


def index_links(site: Path) -> set[str]:
    """The checklist page addresses the checklists index links to."""
    return set(re.findall(r'href="([a-z0-9-]+)/"', (site / "checklists" / "index.html").read_text(encoding="utf-8")))


# --- make checklist ---------------------------------------------------------------------------------------

def test_scaffolded_checklist_validates_and_builds(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    config = copy_site(repo)
    result = run_scaffold(repo, "salary-negotiation")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created checklists/salary-negotiation.yml. Next:")
    assert page_url(repo, "salary-negotiation") in result.stdout
    assert "put this line there: <!-- checklist: salary-negotiation -->\n" in result.stdout

    text = (repo / "checklists" / "salary-negotiation.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./schema.json\n")
    assert "# guide: " in text, "the template shows the guide field as a commented example"
    catalog = load_catalog(repo / "checklists", root=repo, docs_pages=docs_pages(repo))
    checklist = catalog.get("salary-negotiation")
    assert checklist is not None and checklist.title == "Salary negotiation"
    assert len(checklist.sections) == 2

    built = build_site(config, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    assert "WARNING" not in built.stderr
    page = (tmp_path / "site" / "checklists" / "salary-negotiation" / "index.html").read_text(encoding="utf-8")
    assert "Salary negotiation" in page
    assert "salary-negotiation" in index_links(tmp_path / "site")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(checklist_id=st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))
def test_template_is_valid_for_any_valid_id(tmp_path_factory: pytest.TempPathFactory, checklist_id: str) -> None:
    # Ids such as "yes", "null" or "123" would read back as a boolean, nothing or a number if left unquoted.
    if checklist_id in ("index", "booklet", "shared", "schema"):
        return
    folder = tmp_path_factory.mktemp("checklists")
    (folder / "schema.json").write_bytes((ROOT / "checklists" / "schema.json").read_bytes())
    text = render_new_checklist((ROOT / TEMPLATE).read_text(encoding="utf-8"), checklist_id=checklist_id,
                                url="http://127.0.0.1:8000/")
    (folder / f"{checklist_id}.yml").write_text(text, encoding="utf-8")
    catalog = load_catalog(folder, root=folder)
    assert [c.id for c in catalog.checklists] == [checklist_id]


@pytest.mark.parametrize(("args", "message"), [
    (["Salary_Negotiation"], "make checklist: 'Salary_Negotiation' is not a valid checklist id: use lowercase "
                             "letters, digits and single hyphens; did you mean salary-negotiation?"),
    (["-salary"], "make checklist: '-salary' is not a valid checklist id: use lowercase letters, digits and "
                  "single hyphens; did you mean salary?"),
    (["index"], "make checklist: 'index' is reserved for a page the site makes itself "
                "(index, booklet, shared, schema): choose another id"),
    (["schema"], "make checklist: 'schema' is reserved for a page the site makes itself "
                 "(index, booklet, shared, schema): choose another id"),
    (["conference"], "make checklist: checklists/conference.yml already exists: edit that file, or choose "
                     "another id"),
    (["a" * 61], f"make checklist: '{'a' * 61}' is too long for a checklist id: use at most 60 characters "
                 "(it has 61)"),
    ([""], "make checklist: no checklist id given: run make checklist id=<id>, e.g. make checklist "
           "id=salary-negotiation"),
    ([], "make checklist: no checklist id given: run make checklist id=<id>, e.g. make checklist "
         "id=salary-negotiation"),
    (["one", "two"], "make checklist: give one checklist id, not 2: make checklist id=<id>, e.g. make checklist "
                     "id=salary-negotiation"),
])
def test_scaffold_refuses_a_bad_id_in_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    copy_site(tmp_path)
    before = sorted(path.name for path in (tmp_path / "checklists").iterdir())
    result = run_scaffold(tmp_path, *args)
    assert result.returncode == EXIT_REFUSED
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert sorted(path.name for path in (tmp_path / "checklists").iterdir()) == before


def test_scaffold_reads_reserved_ids_from_the_schema(tmp_path: Path) -> None:
    # The schema is the single source of the id rules: a name reserved there is refused here with no code change.
    copy_site(tmp_path)
    schema_path = tmp_path / "checklists" / "schema.json"
    schema_path.write_text(schema_path.read_text(encoding="utf-8").replace('"schema"]', '"schema", "print"]'),
                           encoding="utf-8")
    assert main(["print"], root=tmp_path) == EXIT_REFUSED
    assert not (tmp_path / "checklists" / "print.yml").exists()


def test_make_checklist_creates_the_file(tmp_path: Path) -> None:
    # `make checklist` itself, in a copy: BIN points at this interpreter's venv, and STAMP at the Makefile, which
    # is copied last so it is newer than the requirements and make sets nothing up.
    copy_site(tmp_path)
    for name in ("requirements.txt", "requirements-dev.txt", "requirements.lock", "requirements-dev.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    result = subprocess.run(["make", "-s", "checklist", "id=salary-negotiation", f"BIN={Path(sys.executable).parent}",
                             "STAMP=Makefile"], cwd=tmp_path, capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created checklists/salary-negotiation.yml.")
    assert (tmp_path / "checklists" / "salary-negotiation.yml").is_file()


# --- a new checklist needs no other change ------------------------------------------------------------------

def test_worked_example_appears_on_the_site_and_index_with_no_other_change(tmp_path: Path) -> None:
    checklist_id, source = worked_example()
    assert not (ROOT / "checklists" / f"{checklist_id}.yml").exists(), "pick an example id the site does not use"
    config = copy_site(tmp_path / "repo")
    (tmp_path / "repo" / "checklists" / f"{checklist_id}.yml").write_text(source, encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    page = (tmp_path / "site" / "checklists" / checklist_id / "index.html").read_text(encoding="utf-8")
    assert "Negotiating your first salary offer" in page
    # Its guide links to it even before the marker is added; the marker only chooses where the card goes.
    guide = (tmp_path / "site" / "skills" / "informational-interviews" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../checklists/{checklist_id}/"' in guide
    assert 'id="thank-contacts"' in page
    assert checklist_id in index_links(tmp_path / "site")
    booklet = (tmp_path / "site" / "checklists" / "booklet" / "index.html").read_text(encoding="utf-8")
    assert f'id="{checklist_id}--thank-contacts"' in booklet


def test_worked_example_meets_the_library_standard() -> None:
    # make test holds every shipped checklist to this (tests/test_checklist_library.py): a copy must pass it.
    checklist_id, source = worked_example()
    data = yaml.safe_load(source)
    items = [item for section in data["sections"] for item in section["items"]]
    assert 8 <= len(items) <= 30
    assert (ROOT / "docs" / data["guide"]).exists()
    assert f"<!-- checklist: {checklist_id} -->" in CONTRIBUTING_PAGE.read_text(encoding="utf-8")


def test_build_works_in_a_copy_that_is_not_a_git_repository(tmp_path: Path) -> None:
    # A tarball or a copy has no history: the revision-date plugin must fall back to the build date, not fail.
    config = copy_site(tmp_path / "repo")
    assert subprocess.run(["git", "rev-parse"], cwd=tmp_path / "repo", capture_output=True).returncode != 0
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Falling back to build date" in result.stderr


# --- edit links ---------------------------------------------------------------------------------------------

def _url_of(src: str) -> str:
    path = src.removesuffix(".md")
    path = path.removesuffix("index")
    return path if not path or path.endswith("/") else path + "/"


@pytest.mark.parametrize("src", sorted(docs_pages(ROOT)))
def test_every_page_in_docs_edits_its_markdown_file(built_site: BuiltSite, src: str) -> None:
    assert edit_links(built_site.page(_url_of(src))) == [f"{REPO_URL}/edit/main/docs/{src}"]


@pytest.mark.parametrize("checklist_id", sorted(path.stem for path in (ROOT / "checklists").glob("*.yml")))
def test_every_checklist_page_edits_its_yaml_file(built_site: BuiltSite, checklist_id: str) -> None:
    assert edit_links(built_site.page(f"checklists/{checklist_id}/")) == [
        f"{REPO_URL}/edit/main/checklists/{checklist_id}.yml"]


# --- lint ---------------------------------------------------------------------------------------------------

def test_markdown_lint_passes_on_the_repository() -> None:
    problems = lint_paths([ROOT / path for path in LINTED], root=ROOT)
    assert not problems, "\n".join(map(str, problems))


def test_codespell_passes_on_the_repository() -> None:
    codespell = Path(sys.executable).parent / "codespell"
    paths = [path for path in ("docs", "checklists", "README.md", "CONTRIBUTING.md") if (ROOT / path).exists()]
    result = subprocess.run([str(codespell), *paths], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


GOOD_PAGE = """---
title: Fine
---

# Fine

See [the site](https://example.org) or <https://example.org/a>, `https://example.org/code`.
Run make serve and open http://127.0.0.1:8000/networking-for-phds/ or http://localhost:8000.

```yaml
# not a heading: inside code
key: https://example.org/in-code
```

## Section

### Subsection

[ref]: https://example.org/ref
"""


def test_lint_accepts_a_good_page() -> None:
    assert lint_text(GOOD_PAGE, file="good.md") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("# A\n\n### C\n", "page.md:3: heading-increment: this H3 follows an H1: use ## here, or add the missing "
                       "level above"),
    ("# A\n\n# B\n", "page.md:3: one-h1: a second level-1 heading (the first is on line 1): use ## for sections"),
    ("## A\n", "page.md:1: one-h1: the page has no level-1 heading: start it with # Title"),
    ("# A \n", "page.md:1: trailing-whitespace: remove the spaces at the end of this line (for a line break, "
               "start a new paragraph instead)"),
    ("# A\n\n```\ncode\n```\n", "page.md:3: fence-language: this code block has no language: write ```text for "
                                "plain text, or ```yaml, ```bash ..."),
    ("# A\n\n```text\ncode\n", "page.md:3: fence-language: this code block is never closed: add a line with ``` "
                               "after it"),
    ("# A\n\nSee https://example.org/x.\n", "page.md:3: bare-url: the address https://example.org/x. is not a "
                                            "link: write [what it is](https://example.org/x.) or "
                                            "<https://example.org/x.>"),
])
def test_lint_reports_each_rule_with_file_and_line(text: str, expected: str) -> None:
    assert [str(problem) for problem in lint_text(text, file="page.md")] == [expected]


def test_lint_command_exits_non_zero_and_prints_each_problem(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("# A\n\n### C\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "markdown_lint.py"), "bad.md"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, env={**os.environ})
    assert result.returncode == 1
    assert result.stdout.startswith("bad.md:3: heading-increment: ")


# --- the contributing guide and the GitHub files ------------------------------------------------------------

def test_contributing_md_points_to_the_single_full_guide() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(docs/about/contributing.md)" in text
    assert "https://networking-for-phds.github.io/networking-for-phds/about/contributing/" in text


def test_make_targets_the_docs_mention_exist() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for doc in (ROOT / "CONTRIBUTING.md", CONTRIBUTING_PAGE):
        mentioned = set(re.findall(r"`make ([a-z][a-z-]*)", doc.read_text(encoding="utf-8")))
        assert mentioned and mentioned <= targets, f"{doc.name} names make targets that do not exist: " \
                                                   f"{sorted(mentioned - targets)}"


def test_marker_syntax_is_shown_not_replaced(built_site: BuiltSite) -> None:
    html = built_site.page("about/contributing/")
    assert "&lt;!-- checklist: conference --&gt;" in html


def test_github_forms_and_workflows_are_valid_yaml() -> None:
    github = ROOT / ".github"
    for form in sorted((github / "ISSUE_TEMPLATE").glob("*.yml")):
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name == "config.yml":
            assert data["contact_links"], form
            continue
        assert {"name", "description", "body"} <= data.keys(), form
        ids = [field["id"] for field in data["body"] if "id" in field]
        assert len(ids) == len(set(ids)), f"{form.name}: field ids must be unique"
    workflows = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
                 for path in (github / "workflows").glob("*.yml")}
    assert {"test", "lint", "deploy"} <= workflows.keys()

    def run_lines(workflow: dict) -> list[str]:
        return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]

    assert "make test" in run_lines(workflows["test"])
    assert "make lint" in run_lines(workflows["lint"])
    build_steps = workflows["deploy"]["jobs"]["build"]["steps"]
    assert build_steps[0]["with"]["fetch-depth"] == 0
    uses = [step.get("uses", "").split("@")[0] for job in workflows["deploy"]["jobs"].values()
            for step in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
