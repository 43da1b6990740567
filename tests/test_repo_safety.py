"""Symbolic links are refused where the build reads or writes, and none is ever committed."""

from __future__ import annotations

import os
import subprocess

from sitetools import ROOT, build_site, copy_site

from nfp.repo_safety import find_site_dir_problem, find_symlinks
from nfp.yaml_safe import load_yaml_file


def test_no_symbolic_link_is_committed() -> None:
    listing = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t", 1)[1] for line in listing.stdout.splitlines() if line.startswith("120000 ")]
    assert not links, f"symbolic links are committed (git mode 120000): {links}; commit the files themselves"


def test_a_link_in_docs_that_would_publish_git_config_stops_the_build(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    (tmp_path / "repo" / ".git").mkdir()
    (tmp_path / "repo" / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    os.symlink("../../.git/config", tmp_path / "repo" / "docs" / "assets" / "notes.txt")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("docs/assets/notes.txt is a symbolic link (to '../../.git/config'); links are not allowed in docs/: "
            "replace it with the file or folder itself") in result.stderr
    assert not (tmp_path / "site" / "assets" / "notes.txt").exists()


def test_a_site_folder_that_is_a_link_is_refused_before_it_is_emptied(tmp_path) -> None:
    config = copy_site(tmp_path / "repo")
    precious = tmp_path / "elsewhere"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    os.symlink(precious, tmp_path / "repo" / "site")
    result = build_site(config, tmp_path / "repo" / "site")
    assert result.returncode != 0
    assert "site is a symbolic link" in result.stderr and "remove the link" in result.stderr
    assert (precious / "thesis.tex").read_text() == "years of work"


def test_links_in_every_folder_the_build_reads_are_found(tmp_path) -> None:
    for folder in ("docs", "checklists", "overrides", "hooks"):
        (tmp_path / folder).mkdir()
    os.symlink("/etc/passwd", tmp_path / "checklists" / "evil.yml")
    os.symlink("/tmp", tmp_path / "overrides" / "partials")
    os.symlink("/tmp", tmp_path / "hooks" / "nfp")
    assert [message.split(" ", 1)[0] for message in find_symlinks(tmp_path)] == [
        "checklists/evil.yml", "hooks/nfp", "overrides/partials"]
    os.rmdir(tmp_path / "docs")
    os.symlink("/tmp", tmp_path / "docs")
    assert any(message.startswith("docs is a symbolic link") for message in find_symlinks(tmp_path))
    assert find_site_dir_problem(tmp_path / "docs" / "x", tmp_path) is not None
    assert find_site_dir_problem(tmp_path / "site", tmp_path) is None


def test_a_checklist_file_that_is_a_link_is_never_read(tmp_path) -> None:
    target = tmp_path / "big.yml"
    target.write_text("id: x\n" * 10)
    os.symlink(target, tmp_path / "conference.yml")
    loaded, problems = load_yaml_file(tmp_path / "conference.yml", display_name="checklists/conference.yml")
    assert loaded is None
    assert [str(problem) for problem in problems] == [
        "checklists/conference.yml:1: (file): is a symbolic link; replace it with the file itself"]
