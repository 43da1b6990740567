"""CI and supply chain: actions pinned to commits, no job token left behind, hashed installs, runtime-only deploy."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from sitetools import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def uses_lines(path) -> list[str]:
    return [match.group(1) for match in re.finditer(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$",
                                                    path.read_text(encoding="utf-8"), re.M)]


def find_unpinned(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("./") and not PINNED.match(line)]


def test_a_tag_or_branch_reference_is_caught() -> None:
    assert find_unpinned(["actions/checkout@v5", "actions/checkout@main",
                          "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8"]) == [
        "actions/checkout@v5", "actions/checkout@main", "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path) -> None:
    lines = uses_lines(path)
    assert lines
    assert find_unpinned(lines) == [], "pin each action to a commit SHA with '# vX.Y.Z' (see CONTRIBUTING.md)"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_no_checkout_leaves_the_job_token_behind(path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: {step}"


def make_dry_run(target: str) -> str:
    # -B: every step as on a fresh clone; -n: printed, not run.
    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_the_deploy_builds_from_runtime_requirements_only() -> None:
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for step in steps(deploy) if "run" in step]
    assert runs == ["make build"]
    commands = make_dry_run("build")
    assert "--require-hashes -r requirements.lock" in commands
    assert "requirements-dev" not in commands


def test_tests_install_from_the_hashed_dev_lock() -> None:
    assert "--require-hashes -r requirements-dev.lock" in make_dry_run("test")


def pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


@pytest.mark.parametrize(("source", "lock"), [("requirements.txt", "requirements.lock"),
                                              ("requirements-dev.txt", "requirements-dev.lock")])
def test_lock_files_match_the_requirements_and_hash_every_package(source: str, lock: str) -> None:
    wanted = pins(ROOT / source)
    if source == "requirements-dev.txt":
        wanted |= pins(ROOT / "requirements.txt")
    locked = pins(ROOT / lock)
    stale = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not stale, f"{lock} is out of date with {source} (wanted, locked): {stale}; run make lock"
    text = (ROOT / lock).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 1)[1])
    unhashed = [block.split()[0] for block in blocks if "==" in block.split()[0] and "--hash=sha256:" not in block]
    assert not unhashed
