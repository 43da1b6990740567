"""The checklist hook loaded the way MkDocs loads it (`hooks:` in mkdocs.yml, through load_config), its event
functions called one by one through MkDocs' own event dispatch (`config.plugins.on_*`) on a tiny site.

The fixture site is made here in tmp_path: two Markdown pages, one checklist, one message template (and the
five My network needs), one source, two tags.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from nfp import page_scripts
from sitetools import ROOT

HOOK = ROOT / "hooks" / "checklist_pages.py"

CHECKLIST = """\
id: demo
title: Demo checklist
summary: A checklist for the hook test, with a template and a guide.
tags: [getting-started]
guide: guide.md
sections:
  - title: Before
    items:
      - id: ask
        text: Ask for *twenty minutes*
        template: ask-note
      - id: thank
        text: Send a thank-you note
        after: P1D
"""
CHANNELS = "channels:\n  - id: email\n    name: email\n    subject: true\n"
MESSAGES = """\
situations:
  - id: asking
    title: Asking
templates:
  - id: ask-note
    title: A short note
    situation: asking
    channel: email
    subject: A question about [topic]
    body: |
      Dear [their name],

      Could we talk for twenty minutes?
# The templates My network offers for each kind of follow-up (hooks/nfp/network.py): every site has that page.
  - id: conference-follow-up
    title: After meeting
    situation: asking
    channel: email
    subject: Great to meet you
    body: |
      Dear [their name], thank you for the talk at [event or place].
  - id: polite-nudge
    title: One reminder
    situation: asking
    channel: email
    subject: A smaller question
    body: |
      Dear [their name], one smaller question instead.
  - id: regular-check-in
    title: A check-in
    situation: asking
    channel: email
    subject: A quick update
    body: |
      Dear [their name], a short update from me.
  - id: thank-you-after-interview
    title: Thank-you after a conversation
    situation: asking
    channel: email
    subject: Thank you
    body: |
      Dear [their name], thank you for your time today.
  - id: smaller-ask-nudge
    title: A smaller question
    situation: asking
    channel: email
    subject: Which team?
    body: |
      Dear [their name], which team works on [topic]?
"""
TAGS = "tags:\n  - id: getting-started\n    name: Getting started\n  - id: job-search\n    name: Job search\n"
SOURCES = """\
sources:
  - id: a-study
    title: A study of weak ties
    authors: [A. Author]
    year: 2020
    url: https://doi.org/10.1000/example
    kind: study
    checked_on: 2026-11-30
"""


def make_site(root: Path, *, guide: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs" / "guide.md").write_text(guide, encoding="utf-8")
    # My network and the checklist tools name their scripts' bundles, which hooks/asset_bundles.py builds in the
    # real site.
    (root / "docs" / "assets" / "js").mkdir(parents=True)
    for bundle in page_scripts.BUNDLE_PATHS:
        (root / "docs" / bundle).write_text(";\n", encoding="utf-8")
    shared = root / "checklists" / "shared"
    shared.mkdir(parents=True)
    shutil.copy(ROOT / "checklists" / "schema.json", root / "checklists")
    for name in ("channels.schema.json", "messages.schema.json", "sources.schema.json", "tags.schema.json"):
        shutil.copy(ROOT / "checklists" / "shared" / name, shared)
    (root / "checklists" / "demo.yml").write_text(CHECKLIST, encoding="utf-8")
    (shared / "channels.yml").write_text(CHANNELS, encoding="utf-8")
    (shared / "messages.yml").write_text(MESSAGES, encoding="utf-8")
    (shared / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (shared / "tags.yml").write_text(TAGS, encoding="utf-8")
    config = root / "mkdocs.yml"
    # No plugins: only the hook under test runs (MkDocs would add its own search plugin otherwise).
    config.write_text(f"site_name: Tiny\nsite_url: https://example.org/tiny/\nplugins: []\nhooks:\n  - {HOOK}\n",
                      encoding="utf-8")
    return config


def render_all(config_file: Path) -> tuple[object, dict[str, str], object, object]:
    """What MkDocs does up to on_env: load the hook with the config, add files, render every page (the hook
    sees each page's Markdown, then its HTML)."""
    config = load_config(str(config_file))
    assert str(HOOK) in config.hooks  # loaded as a module by MkDocs, registered as a plugin
    hook = config.plugins
    files = hook.on_files(get_files(config), config=config)
    pages = {}
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        page.markdown = hook.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        pages[file.src_uri] = page
    html = {src: hook.on_page_content(page.content, page=page, config=config, files=files)
            for src, page in pages.items()}
    return hook, html, config, (files, pages)


def test_every_generated_page_is_added_and_rendered_from_the_data(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, guide="# Guide\n\n## Before you go\n\nSee [the study](source:a-study).\n\n"
                                            "<!-- checklist: demo -->\n")
    hook, html, config, (files, pages) = render_all(config_file)
    assert set(html) == {"index.md", "guide.md", "checklists/demo.md", "checklists/index.md",
                         "checklists/booklet.md", "templates/index.md", "about/sources.md", "my-network.md"}
    demo = html["checklists/demo.md"]
    assert '<label class="nfp-item__text" for="box--ask">Ask for <em>twenty minutes</em></label>' in demo
    assert '<span class="nfp-item__when">After 1 day</span>' in demo
    # The guide's marker became a card linking to the checklist page.
    assert '<a class="md-button" href="../checklists/demo/">Open the checklist' in html["guide.md"]
    assert "<!-- checklist:" not in html["guide.md"]
    # A source cited by id links to its address, and the guide ends with its sources, after the card.
    guide = html["guide.md"]
    assert '<a href="https://doi.org/10.1000/example">the study</a>' in guide
    assert guide.index("Open the checklist") < guide.index('<h2 id="sources">Sources</h2>')
    assert [child.id for child in pages["guide.md"].toc.items[0].children] == ["before-you-go", "sources"]
    assert 'Cited on <a href="../../guide/">Guide</a>' in html["about/sources.md"]
    assert [item.id for item in pages["about/sources.md"].toc] == ["kind-study"]
    assert {"kind-study", "source-a-study"} <= pages["about/sources.md"].present_anchor_ids
    # Table of contents and anchors come from the rendered view.
    page = pages["checklists/demo.md"]
    assert [item.id for item in page.toc] == ["before"]
    assert {"nfp-title", "before", "ask", "thank"} <= page.present_anchor_ids
    assert [item.id for item in pages["templates/index.md"].toc] == ["asking", "limits"]
    assert hook.on_env("env", config=config, files=files) == "env"
    # The parts kept out of the search index go back into the written page.
    written = hook.on_post_page(f"<html>{demo}</html>", page=page, config=config)
    assert "<!--nfp-deferred" not in written and 'class="nfp-toolbar"' in written
    assert "Could we talk for twenty minutes?" in written
    # My network's data block and tools sit with the deferred parts (out of the search index), and name its bundle.
    network = hook.on_post_page(f"<html>{html['my-network.md']}</html>", page=pages["my-network.md"], config=config)
    assert '"messageKinds"' in network and '"polite-nudge"' not in network, "templates are fetched on first use"
    assert 'data-nfp-bundle="../assets/js/nfp-network.js"' in network
    assert 'data-nfp-messages="../assets/data/network-messages.json"' in network
    # ... from a file on_files added, written from the site's data like the list of checklists a backup carries.
    assert '"polite-nudge"' in files.get_file_from_path("assets/data/network-messages.json").content_string
    assert '"demo"' in files.get_file_from_path("assets/data/checklist-items.json").content_string
    hook.on_post_build(config=config)
    with pytest.raises(PluginError, match="before on_files"):
        hook.on_page_content("", page=page, config=config, files=files)


def test_an_unknown_marker_is_reported_with_its_line_when_all_pages_are_rendered(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, guide="# Guide\n\nText.\n\n<!-- checklist: dmeo -->\n")
    hook, html, config, (files, pages) = render_all(config_file)
    with pytest.raises(PluginError) as raised:
        hook.on_env("env", config=config, files=files)
    assert str(raised.value) == ("1 problem in checklist data:\n  docs/guide.md:5: <!-- checklist: dmeo -->: no "
                                 "checklist has the id 'dmeo' (did you mean 'demo'?)")


def test_bad_data_stops_on_files_with_one_line_per_problem(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, guide="# Guide\n")
    (tmp_path / "checklists" / "demo.yml").write_text(CHECKLIST.replace("after: P1D", "after: 1 day"),
                                                      encoding="utf-8")
    config = load_config(str(config_file))
    with pytest.raises(PluginError) as raised:
        config.plugins.on_files(get_files(config), config=config)
    assert str(raised.value) == ("1 problem in checklist data:\n  checklists/demo.yml:14: sections[0].items[1].after: "
                                 "'1 day' is not an ISO 8601 duration such as P2D, P3W, P3M or P1Y")


def test_tags_in_front_matter_become_the_names_readers_see(tmp_path: Path) -> None:
    """Material's tags plugin and search read `tags` after the hook: they get names, on guides and checklists."""
    config_file = make_site(tmp_path, guide="---\ntags: [job-search, getting-started]\n---\n# Guide\n")
    hook, html, config, (files, pages) = render_all(config_file)
    assert pages["guide.md"].meta["tags"] == ["Job search", "Getting started"]
    assert pages["checklists/demo.md"].meta["tags"] == ["Getting started"]
    assert hook.on_env("env", config=config, files=files) == "env"


def test_an_unknown_tag_in_a_guide_names_the_file_line_and_every_tag(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, guide="---\ntitle: Guide\ntags:\n  - getting-started\n  - job-serach\n"
                                            "---\n# Guide\n")
    hook, html, config, (files, pages) = render_all(config_file)
    with pytest.raises(PluginError) as raised:
        hook.on_env("env", config=config, files=files)
    assert str(raised.value) == ("1 problem in checklist data:\n  docs/guide.md:5: tags[1]: 'job-serach' is not a tag "
                                 "(did you mean 'job-search'?); the tags in checklists/shared/tags.yml are: "
                                 "getting-started, job-search")


def test_an_unknown_tag_in_a_checklist_stops_on_files(tmp_path: Path) -> None:
    config_file = make_site(tmp_path, guide="# Guide\n")
    (tmp_path / "checklists" / "demo.yml").write_text(CHECKLIST.replace("[getting-started]", "[Getting started]"),
                                                      encoding="utf-8")
    config = load_config(str(config_file))
    with pytest.raises(PluginError) as raised:
        config.plugins.on_files(get_files(config), config=config)
    assert str(raised.value) == ("1 problem in checklist data:\n  checklists/demo.yml:4: tags[0]: 'Getting started' is "
                                 "not a tag id: write the id from checklists/shared/tags.yml, lowercase with hyphens, "
                                 "e.g. 'getting-started'")
    (tmp_path / "checklists" / "demo.yml").write_text(CHECKLIST.replace("[getting-started]", "[starting]"),
                                                      encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        config.plugins.on_files(get_files(config), config=config)
    assert str(raised.value) == ("1 problem in checklist data:\n  checklists/demo.yml:4: tags[0]: 'starting' is not a "
                                 "tag; the tags in checklists/shared/tags.yml are: getting-started, job-search")
