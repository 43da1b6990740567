"""Our stylesheets and scripts are served as one minified file each, built from the separate sources listed in
mkdocs.yml (`extra_css`, `extra_javascript`), and every script is deferred; the scripts only My network needs are a
bundle of their own (`extra: page_scripts:`), which only that page names, and so are the tools only some pages
show (moving ticks, the planner, the index's filter, the path finder)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.config_options import ExtraScriptValue

from nfp_assets.bundles import CSS, JS, PAGE_SCRIPTS, BundleError, Kind, bundle, check_sources, minify, page_script_kinds
from sitetools import ENV, MKDOCS, ROOT, BuiltSite, copy_site

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"[^>]*>')
SCRIPT = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"([^>]*)>")


def listed(kind: Kind) -> list[str]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    if kind.setting.startswith("extra."):
        return [str(entry) for entry in config.extra[PAGE_SCRIPTS][kind.bundle_uri.rsplit("/", 1)[-1][:-3]]]
    return [str(entry) for entry in config[kind.setting]]


PAGE_KINDS = [kind for kind, _ in page_script_kinds(load_config(str(ROOT / "mkdocs.yml")).extra[PAGE_SCRIPTS])]
NETWORK = next(kind for kind in PAGE_KINDS if kind.bundle_uri == "assets/js/nfp-network.js")


def built_pages(site: BuiltSite) -> list[Path]:
    return sorted(site.path.rglob("*.html"))


def script(path: str, **options: object) -> ExtraScriptValue:
    value = ExtraScriptValue(path)
    for name, setting in options.items():
        setattr(value, name, setting)
    return value


# --- the pure functions -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [CSS, JS])
def test_the_listed_sources_are_accepted_in_order(kind: Kind) -> None:
    sources = listed(kind)
    assert check_sources(sources, kind) == sources and len(sources) >= 2


@pytest.mark.parametrize(("entry", "reason"), [
    ("https://cdn.example.org/x.css", "only local .css"),
    ("//cdn.example.org/x.css", "only local .css"),
    ("/assets/css/x.css", "only local .css"),
    ("assets/css/x.scss", "only local .css"),
    ("assets/extra/x.css", "not in assets/css/"),
    ("x.css", "not in assets/css/"),
    (CSS.bundle_uri, "the generated bundle itself"),
])
def test_a_stylesheet_that_cannot_be_bundled_unchanged_is_refused(entry: str, reason: str) -> None:
    with pytest.raises(BundleError, match=reason):
        check_sources(["assets/css/site.css", entry], CSS)


@pytest.mark.parametrize(("entry", "reason"), [
    (script("assets/js/x.js", type="module"), "sets type"),
    (script("assets/js/x.js", defer=True), "sets defer"),
    (script("assets/js/x.js", async_=True), "sets async"),
    ("https://unpkg.com/x.js", "only local .js"),
    ("assets/js/x.mjs", "only local .js"),
    ("assets/x.js", "not in assets/js/"),
])
def test_a_script_that_cannot_be_bundled_unchanged_is_refused(entry: object, reason: str) -> None:
    with pytest.raises(BundleError, match=reason):
        check_sources(["assets/js/a.js", entry], JS)


def test_a_script_without_options_may_be_written_either_way() -> None:
    assert check_sources(["assets/js/a.js", script("assets/js/b.js")], JS) == ["assets/js/a.js", "assets/js/b.js"]


def test_a_source_listed_twice_is_refused() -> None:
    with pytest.raises(BundleError, match="twice"):
        check_sources(["assets/css/a.css", "assets/css/a.css"], CSS)


def test_the_css_bundle_keeps_every_source_minified_and_in_order() -> None:
    assert bundle([("assets/css/b.css", "/* why */\n.b { color: red; }\n"),
                   ("assets/css/a.css", "\ufeff@media print {\n  .a { display: none; }\n}")], CSS) == (
        "/* assets/css/b.css */\n.b{color:red}\n"
        "/* assets/css/a.css */\n@media print{.a{display:none}}\n")


def test_the_js_bundle_ends_every_source_so_the_next_cannot_continue_it() -> None:
    joined = bundle([("assets/js/a.js", "(function () {})()  // no semicolon"),
                     ("assets/js/b.js", "/** Why. */\n(function () {\n  return 1;\n})();")], JS)
    assert joined == ("/* assets/js/a.js */\n(function(){})()\n;\n"
                      "/* assets/js/b.js */\n(function(){return 1;})();\n;\n")


def test_minifying_keeps_strings_and_regular_expressions_that_look_like_comments() -> None:
    source = 'var a = "/* not a comment */", b = /\\/\\/x/, c = "// nor this";'
    assert minify(source, JS) == 'var a="/* not a comment */",b=/\\/\\/x/,c="// nor this";'
    assert minify('.a::before { content: "/* kept */"; }', CSS) == '.a::before{content:"/* kept */"}'


@pytest.mark.parametrize("rule", ['@import url("x.css");', '@charset "utf-8";', "@IMPORT 'x.css';",
                                  "@namespace svg url(http://www.w3.org/2000/svg);"])
def test_top_of_file_css_at_rules_are_refused(rule: str) -> None:
    with pytest.raises(BundleError, match="assets/css/b.css: @"):
        bundle([("assets/css/a.css", ".a {}"), ("assets/css/b.css", f"{rule}\n.b {{}}")], CSS)


@pytest.mark.parametrize("source", ['"use strict";\n(function () {})();', "/* x */\n'use strict';\nvar a;",
                                    "import { a } from './a.js';", "export default 1;"])
def test_file_level_strict_mode_and_modules_are_refused(source: str) -> None:
    with pytest.raises(BundleError, match="assets/js/b.js: "):
        bundle([("assets/js/a.js", ";"), ("assets/js/b.js", source)], JS)


@pytest.mark.parametrize("source", ['(function () {\n  "use strict";\n})();',
                                    "var o = {\n  import: 1,\n  export: 2\n};", "import('./x.js');",
                                    "// import x from 'y'\n/* export 1 */ var a;", "exportTicks(); importTicks();"])
def test_what_only_looks_like_it_is_fine(source: str) -> None:
    assert minify(source, JS) in bundle([("assets/js/a.js", source)], JS)


def test_an_at_rule_named_in_a_css_comment_is_fine() -> None:
    assert bundle([("assets/css/a.css", "/* no @import here */\n.a {}")], CSS) == "/* assets/css/a.css */\n.a{}\n"


@pytest.mark.parametrize(("declared", "message"), [
    (["assets/js/a.js"], "extra.page_scripts must map a bundle name to a list of scripts, got list"),
    ({"network": ["assets/js/a.js"]}, "extra.page_scripts.network: a bundle name is lower-case words after 'nfp-'"),
    ({"nfp-a": "assets/js/a.js"}, "extra.page_scripts.nfp-a: expected a list of scripts under docs/assets/js/"),
    ({"nfp-a": []}, "extra.page_scripts.nfp-a: expected a list of scripts under docs/assets/js/"),
])
def test_a_page_bundle_declared_wrongly_is_refused_with_its_setting(declared: object, message: str) -> None:
    with pytest.raises(BundleError) as raised:
        page_script_kinds(declared)
    assert str(raised.value).startswith(message)


def test_a_page_bundle_is_checked_like_the_site_bundle_and_named_in_its_messages() -> None:
    ((kind, entries),) = page_script_kinds({"nfp-a": ["assets/js/a.js", "assets/x.js"]})
    assert kind.bundle_uri == "assets/js/nfp-a.js"
    with pytest.raises(BundleError, match=r"extra.page_scripts.nfp-a entry 'assets/x.js' is not in assets/js/"):
        check_sources(entries, kind)
    with pytest.raises(BundleError, match="assets/js/b.js: "):
        bundle([("assets/js/b.js", "export default 1;")], kind)


# --- the built site -----------------------------------------------------------------------------------

def test_every_page_loads_our_css_as_one_file_after_materials(built_site: BuiltSite) -> None:
    for page in built_pages(built_site):
        links = STYLESHEET.findall(page.read_text(encoding="utf-8"))
        ours = [href for href in links if "assets/stylesheets/" not in href]
        assert [href.rsplit("/", 1)[-1] for href in ours] == ["nfp.css"], page
        assert links[-1] == ours[0], f"{page}: nfp.css must come after Material's CSS"


def test_every_page_loads_our_js_as_one_file_after_materials_and_every_script_is_deferred(
        built_site: BuiltSite) -> None:
    # overrides/main.html defers the scripts block: the parser never stops for a script, the page paints as soon
    # as its stylesheets are in, and the scripts still run in document order before DOMContentLoaded.
    for page in built_pages(built_site):
        scripts = SCRIPT.findall(page.read_text(encoding="utf-8"))
        names = [src.rsplit("/", 1)[-1] for _, src, _ in scripts]
        assert len(names) == 2 and names[0].startswith("bundle.") and names[1] == "nfp.js", page
        assert all(re.search(r"\bdefer\b", before + after) for before, _, after in scripts), page


@pytest.mark.parametrize("kind", [CSS, JS, *PAGE_KINDS], ids=lambda kind: kind.bundle_uri)
def test_the_built_bundle_is_the_sources_minified_in_listed_order(built_site: BuiltSite, kind: Kind) -> None:
    joined = (built_site.path / kind.bundle_uri).read_text(encoding="utf-8")
    sources = listed(kind)
    positions = [joined.index(f"/* {path} */") for path in sources]
    assert positions == sorted(positions)
    for path in sources:
        text = (ROOT / "docs" / path).read_text(encoding="utf-8")
        assert minify(text, kind) in joined, path
        assert not (built_site.path / path).exists(), f"{path} is served inside {kind.bundle_uri} only"
    # Comments and indentation stay in the sources: each bundle is 50 to 70% of their size.
    assert len(joined) < 0.75 * sum(len((ROOT / "docs" / path).read_text(encoding="utf-8")) for path in sources)


# What each page-script bundle runs, by the element its script looks for: a page with one names that bundle,
# last in the list of bundles the tool loads as the page shows (data-nfp-bundle), or on first use (data-nfp-files:
# My network's backup, spreadsheet and calendar).
TOOLS = {"nfp-checklist": 'class="nfp-toolbar', "nfp-network": 'id="nfp-network"',
         "nfp-network-files": 'id="nfp-network"', "nfp-transfer": '<section class="nfp-transfer"',
         "nfp-planner": '<section class="nfp-planner"', "nfp-listing": "data-nfp-listing",
         "nfp-finder": '<form class="nfp-finder"'}
DEFINE = re.compile(r'nfp\.define\("([a-z0-9-]+)",\s*\[([^\]]*)\]')


def defines(text: str) -> list[tuple[str, list[str]]]:
    """(name, what it needs) of each nfp.define call in a script, in order."""
    return [(name, re.findall(r'"([a-z0-9-]+)"', needs)) for name, needs in DEFINE.findall(text)]


def test_each_page_names_the_bundles_of_the_tools_it_shows_each_after_what_it_needs(built_site: BuiltSite) -> None:
    assert set(TOOLS) == {kind.bundle_uri.rsplit("/", 1)[-1][:-3] for kind in PAGE_KINDS}
    everywhere = [name for name, _ in defines((built_site.path / JS.bundle_uri).read_text(encoding="utf-8"))]
    shown: dict[str, int] = dict.fromkeys(TOOLS, 0)
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        lists = [[re.sub(r"^(\.\./)*assets/js/|\.js$", "", url) for url in found.split()]
                 for found in re.findall(r'data-nfp-(?:bundle|files)="([^"]+)"', html)]
        assert {names[-1] for names in lists} == {name for name, marker in TOOLS.items() if marker in html}, page
        for names in lists:
            shown[names[-1]] += 1
            # Loaded in this order after nfp.js, each script finds what it needs already defined.
            defined = set(everywhere)
            for name in names:
                bundle_file = built_site.path / "assets" / "js" / f"{name}.js"
                assert bundle_file.is_file(), f"{page}: {name}.js is not built"
                for script, needs in defines(bundle_file.read_text(encoding="utf-8")):
                    assert set(needs) <= defined, f"{page}: {script}.js in {name} needs {set(needs) - defined}"
                    defined.add(script)
    # Every tool is somewhere: 25 pages move ticks, one page runs the finder.
    assert shown["nfp-network"] == shown["nfp-network-files"] == shown["nfp-listing"] == shown["nfp-finder"] == 1
    assert shown["nfp-transfer"] > 20 and shown["nfp-planner"] > 10, shown
    assert shown["nfp-checklist"] > shown["nfp-transfer"], "checklist, path and booklet pages save ticks"
    assert 'data-nfp-bundle="../assets/js/nfp-network.js"' in built_site.page("my-network/")
    everywhere = (built_site.path / JS.bundle_uri).read_text(encoding="utf-8")
    for kind in PAGE_KINDS:
        assert not set(listed(JS)) & set(listed(kind)), kind.setting
        for source in listed(kind):
            name = source.rsplit("/", 1)[-1][:-3]
            assert f'nfp.define("{name}"' not in everywhere, f"{source} is in nfp.js, which every page loads"


def build_with_script_listed(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """A strict build of a copy of the site whose extra_javascript also lists `script`."""
    config = copy_site(tmp_path / "copy")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - assets/js/a11y.js\n", f"  - assets/js/a11y.js\n  - {script}\n"),
                      encoding="utf-8")
    return subprocess.run([*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir",
                           str(tmp_path / "site")], capture_output=True, text=True, env=ENV, cwd=config.parent,
                          timeout=600)


def test_a_script_in_two_bundles_stops_the_build_with_a_message(tmp_path: Path) -> None:
    result = build_with_script_listed(tmp_path, "assets/js/network.js")
    assert result.returncode != 0
    assert ("extra.page_scripts.nfp-network: 'assets/js/network.js' is also listed in extra_javascript: list each "
            "file in one bundle") in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_source_stops_the_build_with_a_message(tmp_path: Path) -> None:
    result = build_with_script_listed(tmp_path, "assets/js/gone.js")
    assert result.returncode != 0
    assert "assets/js/gone.js is listed but docs/assets/js/gone.js does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_yml_lists_the_sources_not_the_bundles() -> None:
    assert CSS.bundle_uri not in listed(CSS) and JS.bundle_uri not in listed(JS)
