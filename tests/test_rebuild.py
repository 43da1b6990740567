"""Rebuilds in one process, as `mkdocs serve` does them: each build reports what the files say now.

`mkdocs serve` loads the hook modules once and keeps them (and everything they import) between builds, so
anything a module keeps from one build is seen by the next. These tests build a copy of the site twice in the
same process with `mkdocs.commands.build.build`, the function `serve` calls on every save.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitetools import copy_site


def build_in_process(config_file: Path, site_dir: Path, caplog: pytest.LogCaptureFixture) -> str:
    """One strict build as `mkdocs serve` runs it; returns the errors it logged ('' when it succeeded)."""
    caplog.clear()
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        try:
            build(config)
        except Abort:
            pass
    return "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)


def test_a_fixed_error_is_gone_on_the_next_build_while_another_file_stays_broken(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NFP_GIT_DATES", "false")
    config = copy_site(tmp_path / "repo")
    shared = tmp_path / "repo" / "checklists" / "shared"
    channels = shared / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8") + "channels: []\n", encoding="utf-8")
    messages = shared / "messages.yml"
    good_messages = messages.read_text(encoding="utf-8")
    messages.write_text(good_messages.replace("situations:\n", "situatons: []\nsituations:\n", 1), encoding="utf-8")

    first = build_in_process(config, tmp_path / "site", caplog)
    assert "checklists/shared/channels.yml" in first and "duplicate key 'channels'" in first
    assert "checklists/shared/messages.yml" in first and "'situatons' is not allowed" in first

    messages.write_text(good_messages, encoding="utf-8")
    second = build_in_process(config, tmp_path / "site", caplog)
    assert "duplicate key 'channels'" in second
    assert "messages.yml" not in second, second


def test_an_edited_checklist_shows_on_the_next_build(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NFP_GIT_DATES", "false")
    config = copy_site(tmp_path / "repo")
    assert build_in_process(config, tmp_path / "site", caplog) == ""
    source = tmp_path / "repo" / "checklists" / "conference.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    assert build_in_process(config, tmp_path / "site", caplog) == ""
    page = (tmp_path / "site" / "checklists" / "conference" / "index.html").read_text(encoding="utf-8")
    assert "Edited" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
