"""MkDocs hook: the files listed in mkdocs.yml `extra_css` and `extra_javascript` are served as one file each,
assets/css/nfp.css and assets/js/nfp.js, and the scripts listed under `extra: page_scripts:` as one file per
name (assets/js/<name>.js), which only the pages naming it load.

The sources stay in docs/assets/ and keep being edited there (mkdocs serve rebuilds and reloads on a change);
only the built site differs: two requests instead of nine. See nfp_assets/bundles.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from nfp_assets.bundles import CSS, JS, PAGE_SCRIPTS, BundleError, Kind, bundle, check_sources, page_script_kinds

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        kinds: list[tuple[Kind, list[object]]] = [(CSS, config[CSS.setting]), (JS, config[JS.setting]),
                                                  *page_script_kinds(config.extra.get(PAGE_SCRIPTS))]
    except BundleError as error:
        raise PluginError(str(error)) from None
    bundled: dict[str, str] = {}  # source -> the setting that lists it: a script in two bundles would run twice
    for kind, entries in kinds:
        try:
            sources = check_sources(entries, kind)
            for path in sources:
                if path in bundled:
                    raise BundleError(f"{path!r} is also listed in {bundled[path]}: list each file in one bundle")
                bundled[path] = kind.setting
            texts = [(path, _read(Path(config.docs_dir, path), path)) for path in sources]
            joined = bundle(texts, kind)
        except BundleError as error:
            raise PluginError(f"{kind.setting}: {error}") from None
        for path in sources:
            source = files.get_file_from_path(path)
            if source is not None:
                files.remove(source)
        files.append(File.generated(config, kind.bundle_uri, content=joined))
        if kind in (CSS, JS):
            config[kind.setting] = [kind.bundle_uri]
    return files


def _read(file: Path, listed: str) -> str:
    if not file.is_file():
        raise BundleError(f"{listed} is listed but docs/{listed} does not exist")
    return file.read_text(encoding="utf-8")
