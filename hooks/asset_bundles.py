"""MkDocs hook: the files listed in mkdocs.yml `extra_css` and `extra_javascript` are served as one file each,
assets/css/nfp.css and assets/js/nfp.js.

The sources stay in docs/assets/ and keep being edited there (mkdocs serve rebuilds and reloads on a change);
only the built site differs: two requests instead of nine. See nfp_assets/bundles.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from nfp_assets.bundles import CSS, JS, BundleError, bundle, check_sources

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for kind in (CSS, JS):
        try:
            sources = check_sources(config[kind.setting], kind)
            texts = [(path, _read(Path(config.docs_dir, path), path)) for path in sources]
            joined = bundle(texts, kind)
        except BundleError as error:
            raise PluginError(f"{kind.setting}: {error}") from None
        for path in sources:
            source = files.get_file_from_path(path)
            if source is not None:
                files.remove(source)
        files.append(File.generated(config, kind.bundle_uri, content=joined))
        config[kind.setting] = [kind.bundle_uri]
    return files


def _read(file: Path, listed: str) -> str:
    if not file.is_file():
        raise BundleError(f"{listed} is listed but docs/{listed} does not exist")
    return file.read_text(encoding="utf-8")
