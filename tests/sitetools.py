"""Helpers the tests share: where the repository is, how to build a site, how to copy one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
SITE_PARTS = ("docs", "checklists", "hooks", "overrides", "mkdocs.yml")


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


def copy_site(destination: Path) -> Path:
    """A copy of everything the build reads, to change freely in a test; returns its mkdocs.yml."""
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination / "mkdocs.yml"
