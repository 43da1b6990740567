"""Networking for PhDs: the checklist engine beneath the MkDocs hooks.

Everything here is plain Python that tests call directly; `hooks/*.py` only wires it to MkDocs events, through
`mkdocs_adapter.py` (the one module besides the hooks that imports MkDocs).

Read in this order:
- `site.py` loads one frozen `Site` per build: `channels.py` and `messages.py` (message templates and limits),
  `tags.py` (the topic tags pages and checklists name by id, and the names readers see), `catalog.py` and
  `model.py` (checklists), `sources.py` (the source registry, and what every page and data file cites: each
  external link is checked once here). Every YAML file goes through `documents.load_document`
  (`yaml_safe.py`, then `schema_check.py` against the schema beside the data).
- `pages.py` declares each generated page once (`GeneratedPage`); `views.py` computes what each template renders,
  including the page's table of contents and anchors; `render.py` renders templates in `templates/`.
- `build.py` is one build: the site, the pages, and what is collected while pages render (`markers.py`,
  `deferred.py`); it also places what a guide shows from the data (checklist cards, message templates, its
  "Sources" list) and resolves `[text](source:id)` links, and writes the data files pages fetch on first use
  (`data_files`: every checklist's item ids, My network's messages). It is made in `on_files` and dropped when
  the build ends.
- `paths.py` loads the paths (checklists/paths/); `routing.py` says which paths include each guide, for the
  `<!-- paths: guide.md -->` markers on the section index pages.
- Rules come from the schemas (`rules.py`, `x-message` annotations); `hints.py`, `links.py`, `problems.py` are
  the small helpers everything shares.
- `page_scripts.py` names the bundles of scripts only some pages load (saved ticks, My network and its backup,
  the checklist tools, the path finder) and which bundles each needs first; a view puts the URLs of the bundles
  its tools need in their markup, in order, and core.js loads them. `network.py` is My network's page.
"""
