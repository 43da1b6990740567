"""Our stylesheets served as ONE file, and our scripts as ONE file: every file is a request, and on a phone
(HTTP/1.1, six connections per host, each new one a round trip of set-up) the number of requests before the
first paint matters more than their bytes.

The sources stay separate (docs/assets/css/*.css, docs/assets/js/*.js: one concern per file, easy to review)
and are listed, in order, in mkdocs.yml `extra_css` and `extra_javascript`. At build time each list is joined,
in that order, into one generated file beside its sources (assets/css/nfp.css, assets/js/nfp.js), and pages
link to those only. Joining in the listed order keeps what the separate files did: the same rules in the same
cascade order (a stylesheet wraps its own print rules in `@media print`), the same scripts run in the same
order (each of ours is a self-contained `(function () { ... })();`).

What would not survive being joined is refused with a message rather than silently changed: in CSS `@import`,
`@charset` and `@namespace` (valid only at the top of a stylesheet); in JavaScript a file-level "use strict"
(it would make the files after it strict too) and `import`/`export` (modules); a source outside its bundle's
folder (relative URLs would point elsewhere); a script with its own type, defer or async; anything that is not
a local file of the right kind. Those checks read the sources; only then is each source minified (rcssmin,
rjsmin) and the results joined, each after a short comment naming its source.

Scripts only one page needs are a bundle of their own (mkdocs.yml `extra: page_scripts:`, name -> sources), built
the same way into assets/js/<name>.js; the page names it in a `data-nfp-bundle` attribute and core.js loads it.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import rcssmin
import rjsmin


class BundleError(ValueError):
    """A listed file cannot be served inside its bundle unchanged; the message says why and what to do."""


@dataclass(frozen=True)
class Kind:
    setting: str  # the mkdocs.yml list
    bundle_uri: str
    suffix: str
    forbidden: re.Pattern  # matched against the text without comments
    why: str


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)

CSS = Kind("extra_css", "assets/css/nfp.css", ".css", re.compile(r"@(?:import|charset|namespace)\b", re.IGNORECASE),
           "is only valid at the top of a stylesheet and would be ignored inside the bundle; write the rules out "
           "in the file instead")
JS = Kind("extra_javascript", "assets/js/nfp.js", ".js",
          re.compile(r"\A\s*(?:[\"']use strict[\"'])|^\s*(?:import|export)\b(?!\s*[(:])", re.MULTILINE),
          "would change the other scripts in the bundle (a file-level \"use strict\" makes them strict too; "
          "import/export need a module); put \"use strict\" inside the file's (function () { ... })();")


PAGE_SCRIPTS = "page_scripts"  # the mkdocs.yml `extra:` key: bundle name -> its sources, in order
_BUNDLE_NAME = re.compile(r"\Anfp-[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def page_script_kinds(declared: object) -> list[tuple[Kind, list[object]]]:
    """Each bundle of scripts only some pages load (`extra.page_scripts`), as a kind and its listed sources."""
    if declared is None:
        return []
    if not isinstance(declared, Mapping):
        raise BundleError(f"extra.{PAGE_SCRIPTS} must map a bundle name to a list of scripts, got "
                          f"{type(declared).__name__}")
    kinds = []
    for name, entries in declared.items():
        setting = f"extra.{PAGE_SCRIPTS}.{name}"
        if not isinstance(name, str) or not _BUNDLE_NAME.match(name):
            raise BundleError(f"{setting}: a bundle name is lower-case words after 'nfp-', such as nfp-network")
        if not isinstance(entries, list) or not entries:
            raise BundleError(f"{setting}: expected a list of scripts under docs/assets/js/")
        kinds.append((dataclasses.replace(JS, setting=setting, bundle_uri=f"assets/js/{name}.js"), entries))
    return kinds


def check_sources(entries: Sequence[object], kind: Kind) -> list[str]:
    """The docs-relative paths to bundle, in order, from a mkdocs.yml list (strings, or scripts with options)."""
    folder = posixpath.dirname(kind.bundle_uri)
    sources: list[str] = []
    for entry in entries:
        path = str(entry)
        options = [name for name in ("type", "defer", "async_") if getattr(entry, name, None)]
        if options:
            raise BundleError(f"{kind.setting} entry {path!r} sets {', '.join(o.rstrip('_') for o in options)}: "
                              f"bundled scripts are plain scripts, all deferred by overrides/main.html")
        if "://" in path or path.startswith("/") or not path.endswith(kind.suffix):
            raise BundleError(f"{kind.setting} entry {path!r}: only local {kind.suffix} files under docs/ can be "
                              f"bundled into {kind.bundle_uri}")
        if posixpath.normpath(path) == kind.bundle_uri:
            raise BundleError(f"{kind.setting} entry {path!r} is the generated bundle itself: list its sources")
        if posixpath.dirname(posixpath.normpath(path)) != folder:
            raise BundleError(f"{kind.setting} entry {path!r} is not in {folder}/: its relative URLs would break "
                              f"once it is served as {kind.bundle_uri}; move it into {folder}/")
        if path in sources:
            raise BundleError(f"{kind.setting} lists {path!r} twice")
        sources.append(path)
    return sources


def bundle(sources: Iterable[tuple[str, str]], kind: Kind) -> str:
    """Check, minify and join (path, text) pairs in order, each under a comment naming its source file."""
    parts: list[str] = []
    for path, text in sources:
        text = text.lstrip("\ufeff")
        code = _BLOCK_COMMENT.sub("", text)
        if kind.suffix == ".js":
            code = _LINE_COMMENT.sub("", code)
        found = kind.forbidden.search(code)
        if found:
            raise BundleError(f"{path}: {found.group(0).strip()} {kind.why}")
        # A script may end without a semicolon: the ";" keeps the next file from continuing its last expression.
        parts.append(f"/* {path} */\n{minify(text, kind)}\n" + (";\n" if kind.suffix == ".js" else ""))
    return "".join(parts)


def minify(text: str, kind: Kind) -> str:
    """One source without its comments and spare whitespace: what the browser runs is unchanged."""
    return (rjsmin.jsmin(text) if kind.suffix == ".js" else rcssmin.cssmin(text)).strip()
