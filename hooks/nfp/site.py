"""The site model: everything one build knows from the data, loaded once and never changed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .catalog import SCHEMA_FILE, Catalog, load_catalog
from .channels import CHANNELS_FILE, check_quoted_limits
from .links import split_docs_link
from .messages import MESSAGES_FILE, MessageSet, load_message_set
from .model import Checklist
from .paths import PATHS_FOLDER, PathSet, load_paths
from .problems import DataError, Problem
from .planner import ScriptRules
from .rules import duration_pattern, read_checklist_schema
from .sources import (REGISTRY_FILE, Citations, CitingText, Registry, collect_citations, find_data_links,
                      find_links, load_sources, normalise_url)
from .tags import TagVocabulary, load_tags
from .views import TEMPLATES_PAGE

# Shared data files whose links show on a generated page (the registry itself is not a citation).
SHARED_DATA_PAGES = MappingProxyType({CHANNELS_FILE: TEMPLATES_PAGE, MESSAGES_FILE: TEMPLATES_PAGE})


@dataclass(frozen=True)
class Site:
    """Checklists, message templates and sources, checked and typed, for one build (nfp/pages.py declares its
    pages)."""

    catalog: Catalog
    messages: MessageSet
    sources: Registry
    # What each page (and each checklist's data) cites, from every link checked when the site was loaded.
    citations: Citations
    # The schema's rule for `after`, read with the data so both come from the same files.
    duration_pattern: str
    # The schema's patterns the browser scripts check readers' files with (nfp/planner.py renders them).
    script_rules: ScriptRules
    # Plans of steps for kinds of reader (checklists/paths/), and the finder's choices.
    paths: PathSet
    # The topic tags pages and checklists may carry, and the names readers see (checklists/shared/tags.yml).
    tags: TagVocabulary
    # The pages written in docs/ (not the generated ones): what a `<!-- paths: ... -->` marker may name.
    docs_pages: frozenset[str] = frozenset()
    _by_guide: Mapping[str, tuple[Checklist, ...]] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    def checklists_for_guide(self, src_uri: str) -> tuple[Checklist, ...]:
        """The checklists that name the page at `src_uri` as their guide."""
        return self._by_guide.get(src_uri, ())


def load_site(root: Path, *, docs_pages: Collection[str], read_page: Callable[[str], str],
              own_urls: Collection[str] = ()) -> Site:
    """Load and check every data file under root/checklists and every external link; raise DataError listing every
    problem at once.

    `docs_pages` are the paths of the pages in docs/ (links must land on one); `read_page(path)` gives a page's
    Markdown (guides that quote a limit must still state it; every external link must be a registered source).
    `own_urls` (the repository and the site) are not sources.
    """
    folder, shared = root / "checklists", root / "checklists" / "shared"
    problems: list[Problem] = []
    messages = None
    # Tags and message templates first: checklists name them. Problems in all are reported together.
    tags, tag_problems = load_tags(shared, root=root)
    problems += tag_problems
    try:
        messages = load_message_set(shared, root=root)
        problems += check_quoted_limits(messages.channels, file=f"checklists/shared/{CHANNELS_FILE}",
                                        docs_pages=docs_pages, read_page=read_page)
    except DataError as error:
        problems += error.problems
    try:
        catalog = load_catalog(folder, root=root, docs_pages=docs_pages,
                               template_ids=messages.template_ids if messages else None, tags=tags)
    except DataError as error:
        problems += error.problems
    # Paths name checklists and templates, so they are checked against what loaded (or against nothing, and
    # then only their own problems are reported alongside).
    try:
        paths = load_paths(folder / PATHS_FOLDER, root=root, docs_pages=docs_pages,
                           checklist_ids=({c.id for c in catalog.checklists} if not problems else None),
                           template_ids=messages.template_ids if messages else None)
    except DataError as error:
        problems += error.problems
    sources, registry_problems = load_sources(shared, root=root)
    problems += registry_problems
    citations = None
    if sources is not None:
        citations, link_problems = collect_citations(
            sources, _citing_texts(root, docs_pages=docs_pages, read_page=read_page),
            own_prefixes=[normalise_url(url) for url in own_urls if url])
        problems += link_problems
    if problems or messages is None or sources is None or citations is None or tags is None:
        raise DataError(problems)
    by_guide: dict[str, list[Checklist]] = {}
    for checklist in catalog.checklists:
        if checklist.guide:
            by_guide.setdefault(split_docs_link(checklist.guide)[0], []).append(checklist)
    schema = read_checklist_schema(folder / SCHEMA_FILE)
    return Site(catalog=catalog, messages=messages, sources=sources, citations=citations,
                duration_pattern=duration_pattern(schema), script_rules=ScriptRules.from_schema(schema), paths=paths,
                tags=tags, docs_pages=frozenset(docs_pages),
                _by_guide=MappingProxyType({page: tuple(found) for page, found in by_guide.items()}))


def _citing_texts(root: Path, *, docs_pages: Collection[str], read_page: Callable[[str], str]) -> list[CitingText]:
    """The links of every page in docs/ and of every data file (a checklist's show on its page, shared data's on
    the templates page)."""
    texts = [CitingText(file=f"docs/{page}", page=page, links=tuple(find_links(read_page(page))), guide=True)
             for page in sorted(docs_pages)]
    for path in sorted((root / "checklists").glob("*.yml")) + sorted((root / "checklists" / "shared").glob("*.yml")):
        if path.name == REGISTRY_FILE:
            continue
        page = SHARED_DATA_PAGES.get(path.name) if path.parent.name == "shared" else f"checklists/{path.stem}.md"
        texts.append(CitingText(file=path.relative_to(root).as_posix(), page=page,
                                # A file that is not UTF-8 is reported by its own loader; its links are read anyway.
                                links=tuple(find_data_links(path.read_text(encoding="utf-8", errors="replace")))))
    return texts
