"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

import pytest

from sitetools import ROOT, BuiltSite, build_site, copy_site  # noqa: F401 - re-exported for tests


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return BuiltSite(path=site_dir, log=result.stderr)
