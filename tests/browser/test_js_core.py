"""The scripts' shared core in Chromium: a feature script without the core, or without a script it needs, stops
with an error that names what is missing, instead of leaving its feature silently dead.

The scripts are classic scripts joined in the order of mkdocs.yml `extra_javascript` (hooks/asset_bundles.py);
here they are loaded one by one into an empty page, as a wrong order would load them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "docs" / "assets" / "js"


def listed_scripts() -> list[str]:
    """The scripts in the order a page runs them: nfp.js (extra_javascript), then a page's own bundles."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    page_scripts = [entry for entries in config["extra"]["page_scripts"].values() for entry in entries]
    return [Path(entry).name for entry in config["extra_javascript"] + page_scripts]


def errors_loading(context, names: list[str]) -> list[str]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><title>empty</title><main></main>")
    for name in names:
        page.add_script_tag(content=(SCRIPTS / name).read_text(encoding="utf-8"))
    page.close()
    return errors


def test_the_core_is_listed_first_and_every_script_in_the_folder_is_listed() -> None:
    listed = listed_scripts()
    assert listed[0] == "core.js"
    assert sorted(listed) == sorted(path.name for path in SCRIPTS.glob("*.js"))


@pytest.mark.parametrize("name", [name for name in listed_scripts() if name != "core.js"])
def test_a_script_without_the_core_fails_loudly(context, name: str) -> None:
    errors = errors_loading(context, [name])
    assert len(errors) == 1 and "nfp is not defined" in errors[0], errors


def test_in_the_listed_order_every_script_loads_without_error(context) -> None:
    assert errors_loading(context, listed_scripts()) == []


def test_a_script_before_what_it_needs_names_what_is_missing(context) -> None:
    errors = errors_loading(context, ["core.js", "transfer.js", "checklist.js", "planner.js"])
    assert len(errors) == 2, errors
    assert "transfer.js needs checklist.js: list it before transfer.js in mkdocs.yml (extra_javascript, or the same bundle" in errors[0]
    assert "planner.js needs calendar.js" in errors[1]
