"""The source registry: valid and invalid entries, the links the build refuses, and what readers see."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nfp.problems import DataError
from nfp.sources import (REFUSED_HOSTS, Registry, Source, check_links, check_reported_alongside, find_data_links,
                         find_links, load_registry, normalise_url, refused_host, render_page_sources,
                         replace_source_links)

from sitetools import ROOT, BuiltSite, build_site, copy_site

SHARED = ROOT / "checklists" / "shared"
REGISTRY = "checklists/shared/sources.yml"
HEADER = "# yaml-language-server: $schema=./sources.schema.json\nsources:\n"
STUDY = """  - id: pew-job-search-2015
    title: Searching for Work in the Digital Era
    organisation: Pew Research Center
    url: https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-era/
    kind: study
    checked_on: 2026-11-30
"""


def load(tmp_path: Path, entries: str) -> Registry:
    folder = tmp_path / "checklists" / "shared"
    folder.mkdir(parents=True)
    shutil.copy(SHARED / "sources.schema.json", folder)
    (folder / "sources.yml").write_text(HEADER + entries, encoding="utf-8")
    return load_registry(folder, root=tmp_path)


def problems_of(tmp_path: Path, entries: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, entries)
    return [str(problem) for problem in caught.value.problems]


# --- Unit: the registry file ------------------------------------------------------------------------------------

def test_a_valid_entry_becomes_a_typed_source(tmp_path: Path) -> None:
    registry = load(tmp_path, STUDY)
    source = registry.get("pew-job-search-2015")
    assert source == Source(id="pew-job-search-2015", title="Searching for Work in the Digital Era", kind="study",
                            checked_on="2026-11-30", line=3, organisation="Pew Research Center",
                            url="https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-era/")
    assert source.credit == "Pew Research Center"


def test_a_book_needs_no_url_but_a_study_does(tmp_path: Path) -> None:
    book = "  - {id: a-book, title: A Book, authors: [S. Dalton], kind: book, checked_on: 2026-11-30}\n"
    assert load(tmp_path, book).get("a-book").url is None
    study = "  - {id: a-study, title: A Study, authors: [A. Author], kind: study, checked_on: 2026-11-30}\n"
    assert problems_of(tmp_path / "2", study) == [f"{REGISTRY}:3: sources[0]: missing required field 'url'"]


@pytest.mark.parametrize(("entries", "expected"), [
    (STUDY + STUDY.replace("url: https://www.pewresearch.org/", "url: https://example.org/"),
     [f"{REGISTRY}:9: sources[1].id: the source id 'pew-job-search-2015' is already used on line 3"]),
    (STUDY + STUDY.replace("id: pew-job-search-2015", "id: pew-copy").replace("https://www.", "https://WWW."),
     [f"{REGISTRY}:12: sources[1].url: the same address as the entry on line 3; one entry per source"]),
    (STUDY.replace("kind: study", "kind: studdy"),
     [f"{REGISTRY}:7: sources[0].kind: 'studdy' is not one of 'study', 'official', 'platform-help', 'university', "
      "'organisation', 'book', 'news', 'secondary' (did you mean 'study'?)"]),
    (STUDY.replace("    organisation: Pew Research Center\n", ""),
     [f"{REGISTRY}:3: sources[0]: missing required field 'authors' (or give organisation)"]),
    (STUDY.replace("https://www.pewresearch.org/internet/2015/11/19/", "https://aofirs.org/articles/"),
     [f"{REGISTRY}:6: sources[0].url: aofirs.org is a mirror of other sites' pages: give the canonical address (the "
      "publisher, https://doi.org/..., the organisation's or platform's own page)"]),
    (STUDY + """  - id: news-item
    title: A news item
    organisation: A newspaper
    url: https://news.example.org/item
    kind: secondary
    checked_on: 2026-11-30
""", [f"{REGISTRY}:9: sources[1]: missing required field 'reports'"]),
    (STUDY + """  - id: news-item
    title: A news item
    organisation: A newspaper
    url: https://news.example.org/item
    kind: secondary
    reports: pew-job-serch-2015
    checked_on: 2026-11-30
""", [f"{REGISTRY}:14: sources[1].reports: 'pew-job-serch-2015' is not an id in this file "
      "(did you mean 'pew-job-search-2015'?)"]),
], ids=["duplicate-id", "same-url", "unknown-kind", "no-author", "mirror-url", "secondary-without-study",
        "reports-unknown-id"])
def test_invalid_entries_are_reported_with_file_line_field_and_hint(tmp_path: Path, entries: str,
                                                                    expected: list[str]) -> None:
    assert problems_of(tmp_path, entries) == expected


# --- Unit: links in pages --------------------------------------------------------------------------------------

@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return load(tmp_path, STUDY + """  - id: pew-news
    title: A news item about the Pew survey
    organisation: A newspaper
    url: https://news.example.org/pew
    kind: secondary
    reports: pew-job-search-2015
    checked_on: 2026-11-30
  - {id: dalton-book, title: The 2-Hour Job Search, authors: [S. Dalton], kind: book, checked_on: 2026-11-30}
""")


def test_links_are_found_outside_code_with_their_lines() -> None:
    markdown = ("---\ntitle: T\n---\n# T\n\nSee [a](https://a.example/x) and <https://b.example>.\n\n"
                "`[not](https://code.example)`\n\n```text\n[not](https://fence.example)\n```\n\n"
                '[ref]: https://c.example/r\n<a href="https://d.example">d</a> [rel](other.md)\n')
    assert sorted((link.target, link.line) for link in find_links(markdown)) == [
        ("https://a.example/x", 6), ("https://b.example", 6), ("https://c.example/r", 14),
        ("https://d.example", 15), ("other.md", 15)]
    assert [link.target for link in find_data_links("a: [x](https://e.example/y)\nurl: https://f.example\n"
                                                    "  # preview at http://127.0.0.1:8000/\n")] == [
        "https://e.example/y", "https://f.example"]


def test_a_registered_link_matches_after_trivial_normalisation(registry: Registry) -> None:
    assert normalise_url("HTTPS://WWW.Example.org/A/#top") == "https://www.example.org/A"
    link = find_links("[Pew](HTTPS://WWW.PEWRESEARCH.ORG/internet/2015/11/19/searching-for-work-in-the-digital-era)")
    cited, problems = check_links(link, file="docs/a.md", registry=registry)
    assert [source.id for source in cited] == ["pew-job-search-2015"] and problems == []


@pytest.mark.parametrize(("markdown", "message"), [
    ("[x](https://unknown.example/page)",
     "docs/a.md:1: link: https://unknown.example/page is not in checklists/shared/sources.yml: add an entry for it "
     "there (id, title, authors or organisation, url, kind, checked_on)"),
    ("[x](https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-eras/)",
     "docs/a.md:1: link: https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-eras/ is "
     "not in checklists/shared/sources.yml: add an entry for it there (id, title, authors or organisation, url, kind, "
     "checked_on) (did you mean https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-era/?)"),
    ("[x](https://crownmelresort.com/www.linkedin.com/help/linkedin/answer/a550555)",
     "docs/a.md:1: link: https://crownmelresort.com/www.linkedin.com/help/linkedin/answer/a550555 is on "
     "crownmelresort.com, a mirror of other sites' pages: link the original (the publisher, https://doi.org/..., the "
     "organisation's or platform's own page) and register it in checklists/shared/sources.yml"),
    ("[x](https://0-community-crossref-org.library.alliant.edu/t/6174)",
     "docs/a.md:1: link: https://0-community-crossref-org.library.alliant.edu/t/6174 is on "
     "0-community-crossref-org.library.alliant.edu, a library proxy (link the address it stands for): link the "
     "original (the publisher, https://doi.org/..., the organisation's or platform's own page) and register it in "
     "checklists/shared/sources.yml"),
    ("[x](source:pew-job-serch-2015)",
     "docs/a.md:1: link: source:pew-job-serch-2015 names no entry in checklists/shared/sources.yml "
     "(did you mean 'pew-job-search-2015'?)"),
], ids=["unregistered", "unregistered-near-miss", "mirror", "proxy", "unknown-id"])
def test_refused_links_give_one_line_naming_file_and_line(registry: Registry, markdown: str, message: str) -> None:
    cited, problems = check_links(find_links(markdown), file="docs/a.md", registry=registry)
    assert cited == [] and [str(problem) for problem in problems] == [message]


@pytest.mark.parametrize("url", ["https://scholar.google.it/intl/it/scholar/citations.html", "https://www.scribd.com/x",
                                 "https://sobrief.com/books/x", "https://insightbooks.app/books/x",
                                 "https://sagejournals.cnpereading.com/doi/10.1177/x", "https://x.ezproxy.uni.edu/y"])
def test_mirror_proxy_and_summary_hosts_are_refused(url: str) -> None:
    assert refused_host(url) is not None
    assert refused_host("https://scholar.google.com/intl/en/scholar/citations.html") is None


def test_own_repository_site_and_local_preview_are_not_sources(registry: Registry) -> None:
    links = find_links("[repo](https://github.com/networking-for-phds/networking-for-phds/issues) "
                       "<http://127.0.0.1:8000/networking-for-phds/>")
    assert check_links(links, file="docs/a.md", registry=registry,
                       own_prefixes=["https://github.com/networking-for-phds/networking-for-phds"]) == ([], [])


def test_citing_by_id_resolves_to_the_canonical_url_and_a_book_to_plain_text(registry: Registry) -> None:
    markdown = "A [Pew, 2015](source:pew-job-search-2015) and [Dalton](source:dalton-book); `[c](source:pew-news)`"
    assert replace_source_links(markdown, registry) == (
        "A [Pew, 2015](https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-era/) and "
        "Dalton; `[c](source:pew-news)`")
    cited, problems = check_links(find_links(markdown), file="docs/a.md", registry=registry)
    assert [source.id for source in cited] == ["pew-job-search-2015", "dalton-book"] and problems == []


def test_a_secondary_source_never_stands_in_for_the_study(registry: Registry) -> None:
    alone, _ = check_links(find_links("[news](https://news.example.org/pew)"), file="docs/a.md", registry=registry)
    assert [str(p) for p in check_reported_alongside(alone, file="docs/a.md", registry=registry)] == [
        "docs/a.md:1: sources: cites https://news.example.org/pew, which reports 'pew-job-search-2015', but not "
        "'pew-job-search-2015' itself: link https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-"
        "digital-era/ (or [text](source:pew-job-search-2015)) and keep the secondary only as 'as reported by'"]
    both, _ = check_links(find_links("[news](https://news.example.org/pew) [study](source:pew-job-search-2015)"),
                          file="docs/a.md", registry=registry)
    assert check_reported_alongside(both, file="docs/a.md", registry=registry) == []
    html = render_page_sources(both)
    assert re.search(r"Searching for Work in the Digital Era</a>\.\s*As reported by .*A news item about the Pew", html)
    assert html.count('<li class="nfp-source"') == 1


def test_data_hides_nothing_the_templates_escape(registry: Registry) -> None:
    hostile = Source(id="x", title="<script>alert(1)</script>", kind="news", checked_on="2026-11-30", line=1,
                     organisation="A & B", url='https://example.org/"onmouseover="alert(1)')
    html = render_page_sources([hostile])
    assert "<script>" not in html and "A &amp; B" in html and '"onmouseover' not in html


# --- Data: what the site ships ---------------------------------------------------------------------------------

def test_every_shipped_link_is_registered_canonical_and_every_source_cited() -> None:
    registry = load_registry(SHARED, root=ROOT)
    own = ["https://github.com/networking-for-phds/networking-for-phds",
           "https://networking-for-phds.github.io/networking-for-phds"]
    problems, cited_ids = [], set()
    for path in sorted((ROOT / "docs").rglob("*.md")):
        cited, found = check_links(find_links(path.read_text(encoding="utf-8")), file=str(path.relative_to(ROOT)),
                                   registry=registry, own_prefixes=own)
        problems += found + check_reported_alongside(cited, file=str(path), registry=registry)
        cited_ids |= {source.id for source in cited}
    for path in sorted((ROOT / "checklists").rglob("*.yml")):
        if path.name != "sources.yml":
            cited, found = check_links(find_data_links(path.read_text(encoding="utf-8")), file=str(path),
                                       registry=registry)
            problems += found
            cited_ids |= {source.id for source in cited}
    assert [str(problem) for problem in problems] == []
    assert sorted({s.id for s in registry.sources} - cited_ids) == [], "registered but cited nowhere"


def test_registry_ids_unique_urls_canonical_and_dois_as_links() -> None:
    registry = load_registry(SHARED, root=ROOT)
    assert len({s.id for s in registry.sources}) == len(registry.sources)
    for source in registry.sources:
        assert source.url is None or refused_host(source.url) is None, source.id
        assert source.url is None or "doi.org" not in source.url or source.url.startswith("https://doi.org/10."), \
            f"{source.id}: write a DOI as https://doi.org/10..."
    assert {"crownmelresort.com", "pathoyeastract.org", "aofirs.org", "scribd.com", "liquisearch.com", "bib-bvb.de",
            "cnpereading.com", "sobrief.com", "insightbooks.app", "publicitytop.com"} <= set(REFUSED_HOSTS)


def test_first_line_points_editors_at_the_schema() -> None:
    first = (SHARED / "sources.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./sources.schema.json"


# --- Build: the real site and a broken copy --------------------------------------------------------------------

def test_a_guide_lists_its_sources_after_its_checklist_cards(built_site: BuiltSite) -> None:
    html = built_site.page("start/why-networking/")
    sources = html.index('<h2 id="sources">Sources</h2>')
    assert html.rindex("nfp-card") < sources if "nfp-card" in html else True
    listed = html[sources:html.index("</section>", sources)]
    assert 'href="https://www.pewresearch.org/internet/2015/11/19/searching-for-work-in-the-digital-era/"' in listed
    assert 'href="https://doi.org/10.1126/science.abl4476"' in listed
    assert re.search(r"As reported by .*AAAS \(EurekAlert!\)", listed)
    assert '<a href="#sources"' in html, "the Sources section is in the page's table of contents"


def test_the_sources_page_lists_each_source_with_the_pages_citing_it(built_site: BuiltSite) -> None:
    html = built_site.page("about/sources/")
    entry = re.search(r'<li class="nfp-source" id="source-pew-job-search-2015">(.*?)</li>', html, re.S)
    assert entry, "Pew 2015 is on the sources page"
    assert 'Checked <time datetime="2026-11-29">' in entry.group(1)
    assert re.search(r'Cited on <a href="[./]*start/why-networking/">Why networking matters</a>', entry.group(1))
    assert '<h2 id="kind-study">' in html and '<h2 id="kind-book">' in html
    assert "Not cited on any page" not in html


def test_cite_by_id_renders_the_canonical_link(built_site: BuiltSite) -> None:
    html = built_site.page("skills/")
    assert "source:" not in re.sub(r"<code>.*?</code>", "", html)
    assert 'href="https://research.fb.com/publications/social-networks-and-labor-markets' in html


def test_an_unregistered_link_or_a_mirror_stops_the_build_with_one_line_each(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    guide = tmp_path / "repo" / "docs" / "beyond" / "meetups.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\nSee [a page](https://unregistered.example/page) and "
                     "[a copy](https://www.scribd.com/document/1/x).\n", encoding="utf-8")
    line = text.count("\n") + 2
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert (f"docs/beyond/meetups.md:{line}: link: https://unregistered.example/page is not in "
            "checklists/shared/sources.yml: add an entry for it there") in result.stderr
    assert (f"docs/beyond/meetups.md:{line}: link: https://www.scribd.com/document/1/x is on www.scribd.com, "
            "a document-sharing site") in result.stderr
    assert "Traceback" not in result.stderr
