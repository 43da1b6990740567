"""Shared fixtures: the repository root and one strict build of the real site per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str

    def page(self, url_path: str) -> str:
        """The HTML of the page at `url_path` (e.g. 'checklists/conference/')."""
        target = self.path / url_path
        if url_path.endswith("/") or not url_path:
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


def build_site(config: Path, site_dir: Path, *, tool: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run a strict build exactly as `make build` does (never with -q, which hides warnings)."""
    return subprocess.run(
        [*(tool or MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=ENV, cwd=config.parent, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return BuiltSite(path=site_dir, log=result.stderr)
