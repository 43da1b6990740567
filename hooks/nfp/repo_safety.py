"""Symbolic links have no place in what the build reads or writes.

A link in docs/ publishes whatever it points at (`docs/assets/notes.txt -> ../../.git/config`); a link in
checklists/, overrides/ or hooks/ makes the build read or run a file from outside the repository; and a `site`
that is a link makes MkDocs' clean step delete the files in the folder it points to.
"""

from __future__ import annotations

import os
from pathlib import Path

from .link_rules import shown

# The folders the build reads, relative to the folder of mkdocs.yml.
READ_FOLDERS = ("docs", "checklists", "overrides", "hooks")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def find_symlinks(root: Path, folders: tuple[str, ...] = READ_FOLDERS) -> list[str]:
    """One message for each symbolic link in `folders` under `root` (the folders themselves included)."""
    problems = []

    def refuse(path: Path, folder: str) -> None:
        problems.append(f"{_relative(path, root)} is a symbolic link (to {shown(os.readlink(path))}); links are "
                        f"not allowed in {folder}/: replace it with the file or folder itself")

    for folder in folders:
        top = root / folder
        if top.is_symlink():
            refuse(top, folder)
            continue
        for directory, dirnames, filenames in os.walk(top, followlinks=False):
            for name in sorted(dirnames + filenames):
                path = Path(directory, name)
                if path.is_symlink():
                    refuse(path, folder)
    return sorted(problems)


def find_site_dir_problem(site_dir: Path, root: Path) -> str | None:
    """A message when the output folder, or a folder above it inside the repository, is a symbolic link."""
    path = Path(os.path.abspath(site_dir))
    root = Path(os.path.abspath(root))
    for candidate in (path, *path.parents):
        if candidate == root or root not in candidate.parents:
            break
        if candidate.is_symlink():
            return (f"{_relative(candidate, root)} is a symbolic link (to {shown(os.readlink(candidate))}); the "
                    "build empties its output folder first, so it would delete files there: remove the link")
    return None
