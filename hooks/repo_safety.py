"""MkDocs hook: refuse symbolic links in the folders the build reads, and an output folder that is a link,
before anything is read, copied or deleted (MkDocs empties the output folder right after on_pre_build).

Only MkDocs event functions live here; the rules are in nfp/repo_safety.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from nfp.repo_safety import find_site_dir_problem, find_symlinks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    problems = find_symlinks(root)
    if site_problem := find_site_dir_problem(Path(config.site_dir), root):
        problems.append(site_problem)
    if problems:
        count = len(problems)
        raise PluginError("\n".join([f"{count} symbolic link{'s' if count != 1 else ''} refused:",
                                     *(f"  {problem}" for problem in problems)]))
