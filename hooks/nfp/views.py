"""Views: exactly what each template renders, computed in Python from the site model and the page's links.

A template receives a view and prints it; it calls nothing back. Every id a view renders is a field of the view,
so the page's table of contents (`toc`) and the ids links may target (`anchors`) are read from the same fields
the template prints, never restated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import page_scripts
from .deferred import DeferredParts
from .durations import when_text
from .headings import LIMITS, Heading
from .inline_markdown import InlineRenderer
from .journey import Journey, group_checklists
from .links import GuideLink, Links, guide_link, split_docs_link
from .network import NETWORK_PAGE
from .messages import MessageSet, Situation, Template, Use, find_uses
from .model import Checklist, Item
from .paths import AUDIENCE, LABELS, QUESTIONS, SITUATION_ONLY, CareerPath, FinderNote, PathSet, Step
from .planner import ScriptRules, dated_items, render_checklist_tools, render_planner, render_transfer
from .rules import read_checklist_schema
from .render import render_template
from .sources import KIND_TITLES, Citations, Registry, Source
from .tags import TAGS_PAGE, Tag, TagVocabulary

if TYPE_CHECKING:
    from .site import Site

# Where the message templates page is, for links from checklist items to it.
TEMPLATES_PAGE = "templates/index.md"


@dataclass
class ViewContext:
    """What building the views of one page needs. Made per page; `item_messages` is shared by one build."""

    links: Links
    inline: InlineRenderer
    messages: MessageSet | None = None
    duration_pattern: str | None = None
    # The patterns the browser scripts check with; None: read from the repository's checklist schema.
    script_rules: ScriptRules | None = None
    # What the search index should not hold goes here and back into the page after it is indexed (deferred.py).
    deferred: DeferredParts | None = None
    # (template id, templates page URL) -> the block under an item: one rendering per build, not per page.
    item_messages: dict[tuple[str, str | None], Markup] = field(default_factory=dict)
    # The reader's journey (nfp/journey.py), which orders and groups the checklists index.
    journey: Journey = field(default_factory=Journey)

    @property
    def rules(self) -> ScriptRules:
        return self.script_rules or ScriptRules.from_schema(read_checklist_schema())

    def bundle_url(self, name: str) -> str:
        """What a tool of this page names in data-nfp-bundle to load the bundle `name`: its URL, after the URLs of
        the bundles it needs (nfp/page_scripts.py)."""
        return page_scripts.bundle_list(self.links, name)

    def markdown(self, text: str | None) -> Markup | None:
        return Markup(self.inline.render(text, self.links.url)) if text else None

    def keep_out_of_search(self, html: Markup) -> Markup:
        return self.deferred.defer(html) if self.deferred is not None else html


# --- One checklist: its page, or its sheet in the booklet --------------------------------------------------------

@dataclass(frozen=True)
class ItemView:
    id: str
    box_id: str
    text: Markup
    row_id: str | None = None  # the deep link /checklists/<id>/#<item-id> (pages only)
    after: str | None = None  # the planner's ISO duration (pages only)
    more_id: str | None = None  # the timing and details, read with the checkbox (pages only)
    timing: str | None = None
    details: Markup | None = None
    message: Markup | None = None  # the item's message template (pages only)
    add_person: Markup | None = None  # the link to My network's add form, on items about meeting someone

    @property
    def has_more(self) -> bool:
        return bool(self.timing or self.details)


@dataclass(frozen=True)
class SectionView:
    title: str
    heading_level: int
    items: tuple[ItemView, ...]
    anchor: str | None = None


@dataclass(frozen=True)
class ChecklistView:
    id: str
    title: str
    title_id: str
    heading_level: int
    summary: str
    guide: GuideLink | None
    item_count: int
    sections: tuple[SectionView, ...]
    footer: Markup
    tools: Markup | None = None  # above the items: progress, print, reset
    more: Markup | None = None  # after the items, folded: moving ticks, the calendar planner

    @property
    def toc(self) -> tuple[Heading, ...]:
        return tuple(Heading(self.heading_level + 1, s.anchor, s.title) for s in self.sections if s.anchor)

    @property
    def anchors(self) -> frozenset[str]:
        ids = {self.title_id} | {s.anchor for s in self.sections if s.anchor}
        for section in self.sections:
            ids.update(item.box_id for item in section.items)
            ids.update(item.row_id for item in section.items if item.row_id)
        return frozenset(ids)


def build_checklist_page_view(checklist: Checklist, *, ctx: ViewContext) -> ChecklistView:
    """A checklist on its own page: toolbar, deep links to items, their message templates."""
    templates_url = ctx.links.url(TEMPLATES_PAGE)
    sections = tuple(SectionView(
        title=section.title, heading_level=2, anchor=section.anchor,
        items=tuple(_page_item(item, ctx=ctx, templates_url=templates_url) for item in section.items),
    ) for section in checklist.sections)
    tools = render_template("checklist_tools.html", item_count=len(checklist.items),
                            bundle_url=ctx.bundle_url(page_scripts.CHECKLIST))
    more = render_template("checklist_more.html", label=more_tools_label(checklist),
                           tools=render_checklist_tools(checklist, page_url=ctx.links.page_url, rules=ctx.rules,
                                                        bundle_urls={name: ctx.bundle_url(name) for name in
                                                                     (page_scripts.TRANSFER, page_scripts.PLANNER)},
                                                        network_url=ctx.links.url(NETWORK_PAGE)))
    return ChecklistView(
        id=checklist.id, title=checklist.title, title_id="nfp-title", heading_level=1, summary=checklist.summary,
        guide=guide_link(checklist.guide, links=ctx.links), item_count=len(checklist.items), sections=sections,
        tools=ctx.keep_out_of_search(tools), more=ctx.keep_out_of_search(more),
        footer=ctx.keep_out_of_search(render_template("checklist_footer.html", url=ctx.links.page_url)),
    )


def more_tools_label(checklist: Checklist) -> str:
    """The label of the disclosure after the items: what is inside, in the reader's words."""
    if dated_items(checklist):
        return "More tools: calendar reminders, and your ticks on another device"
    return "More tools: your ticks on another device"


def _page_item(item: Item, *, ctx: ViewContext, templates_url: str | None) -> ItemView:
    timing, details = when_text(item, pattern=ctx.duration_pattern), ctx.markdown(item.details)
    box_id = f"box--{item.id}"
    return ItemView(
        id=item.id, box_id=box_id, text=ctx.markdown(item.text) or Markup(""), row_id=item.id, after=item.after,
        more_id=f"{box_id}-more" if timing or details else None, timing=timing, details=details,
        message=_item_message(item, ctx=ctx, templates_url=templates_url),
        add_person=_add_person_link(item, ctx=ctx),
    )


def _add_person_link(item: Item, *, ctx: ViewContext) -> Markup | None:
    url = ctx.links.url(NETWORK_PAGE) if item.add_person else None
    if url is None:
        return None
    return ctx.keep_out_of_search(render_template("add_person_link.html", url=f"{url}#add"))


def _item_message(item: Item, *, ctx: ViewContext, templates_url: str | None) -> Markup | None:
    template = ctx.messages.get(item.template) if ctx.messages is not None else None
    if template is None:
        return None
    key = (template.id, templates_url)
    if key not in ctx.item_messages:
        ctx.item_messages[key] = render_template("message_details.html", template=template,
                                                 page_url=templates_url)
    return ctx.keep_out_of_search(ctx.item_messages[key])


def build_checklist_sheet_view(checklist: Checklist, *, ctx: ViewContext) -> ChecklistView:
    """A checklist as a sheet of the booklet: made for paper, so no toolbar, and ids only on its checkboxes
    (prefixed with the checklist id: the booklet holds every checklist)."""
    prefix = f"{checklist.id}--"
    sections = tuple(SectionView(title=section.title, heading_level=3, items=tuple(ItemView(
        id=item.id, box_id=prefix + item.id, text=ctx.markdown(item.text) or Markup(""),
        timing=when_text(item, pattern=ctx.duration_pattern), details=ctx.markdown(item.details),
    ) for item in section.items)) for section in checklist.sections)
    return ChecklistView(
        id=checklist.id, title=checklist.title, title_id=prefix + "nfp-title", heading_level=2,
        summary=checklist.summary, guide=guide_link(checklist.guide, links=ctx.links),
        item_count=len(checklist.items), sections=sections,
        footer=render_template("checklist_footer.html", url=ctx.links.full_url(checklist.page_path)),
    )


# --- The checklists index and the booklet ------------------------------------------------------------------------

@dataclass(frozen=True)
class TagLink:
    name: str  # what readers see: "Beyond academia"
    url: str | None  # the tag on the tags page; None when the site has no tags page


@dataclass(frozen=True)
class IndexEntry:
    checklist: Checklist
    url: str
    guide: GuideLink | None
    tags: tuple[TagLink, ...]

    @property
    def anchor(self) -> str:
        return self.checklist.id

    @property
    def item_ids(self) -> str:
        """The ids saved progress is counted against (checklist.js keeps ticks of items that no longer exist)."""
        return " ".join(item.id for item in self.checklist.items)


@dataclass(frozen=True)
class IndexGroup:
    title: str
    anchor: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class IndexView:
    groups: tuple[IndexGroup, ...]
    tags: tuple[Tag, ...]
    booklet_url: str
    templates_url: str | None
    tags_url: str | None
    transfer: Markup
    filter: Markup

    @property
    def entries(self) -> tuple[IndexEntry, ...]:
        return tuple(entry for group in self.groups for entry in group.entries)

    @property
    def toc(self) -> tuple[Heading, ...]:
        # The groups only: a reader scans the list itself.
        return tuple(Heading(2, group.anchor, group.title) for group in self.groups)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset({entry.anchor for entry in self.entries} | {group.anchor for group in self.groups})


def build_index_view(checklists: tuple[Checklist, ...], *, vocabulary: TagVocabulary, ctx: ViewContext,
                     booklet_page: str) -> IndexView:
    """The checklists index: grouped and ordered by the reader's journey (nfp/journey.py), tags named and linked."""
    def tags_of(checklist: Checklist) -> tuple[Tag, ...]:
        # Every id is in the vocabulary: the catalog was checked against it when it loaded.
        return tuple(tag for tag_id in checklist.tags if (tag := vocabulary.get(tag_id)) is not None)

    def tag_links(checklist: Checklist) -> tuple[TagLink, ...]:
        return tuple(TagLink(tag.name, ctx.links.url(f"{TAGS_PAGE}#{tag.anchor}")) for tag in tags_of(checklist))

    def entry(c: Checklist) -> IndexEntry:
        return IndexEntry(c, ctx.links.url(c.page_path) or "", guide_link(c.guide, links=ctx.links), tag_links(c))

    groups = tuple(IndexGroup(group.title, group.anchor, tuple(entry(c) for c in group.checklists))
                   for group in group_checklists(checklists, journey=ctx.journey))
    # The filter lists each tag once, by the name readers see.
    tags = tuple(sorted({tag for c in checklists for tag in tags_of(c)}, key=lambda tag: tag.name))
    filter_html = render_template("index_filter.html", tags=tags, bundle_url=ctx.bundle_url(page_scripts.LISTING))
    return IndexView(groups=groups, tags=tags, filter=ctx.keep_out_of_search(filter_html),
                     booklet_url=ctx.links.url(booklet_page) or "", templates_url=ctx.links.url(TEMPLATES_PAGE),
                     tags_url=ctx.links.url(TAGS_PAGE),
                     transfer=render_transfer(checklists=checklists, single=False, rules=ctx.rules,
                                              bundle_url=ctx.bundle_url(page_scripts.TRANSFER)))


@dataclass(frozen=True)
class BookletView:
    sheets: tuple[ChecklistView, ...]
    bundle_url: str  # checklist.js (nfp/page_scripts.py), named by the booklet's toolbar

    @property
    def toc(self) -> tuple[Heading, ...]:
        return tuple(Heading(2, sheet.title_id, sheet.title) for sheet in self.sheets)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset().union(*(sheet.anchors for sheet in self.sheets))


def build_booklet_view(checklists: tuple[Checklist, ...], *, ctx: ViewContext) -> BookletView:
    return BookletView(sheets=tuple(build_checklist_sheet_view(c, ctx=ctx) for c in checklists),
                       bundle_url=ctx.bundle_url(page_scripts.CHECKLIST))


# --- The message templates page ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SituationView:
    situation: Situation
    templates: tuple[tuple[Template, tuple[Use, ...]], ...]


@dataclass(frozen=True)
class TemplatesPageView:
    groups: tuple[SituationView, ...]
    limited: tuple  # the channels with a limit, for the closing table
    limits: Heading = LIMITS

    @property
    def toc(self) -> tuple[Heading, ...]:
        return (*(Heading(2, group.situation.id, group.situation.title, children=tuple(
            Heading(3, template.id, template.title) for template, _ in group.templates)) for group in self.groups),
                self.limits)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(_flatten(self.toc))


def build_templates_page_view(message_set: MessageSet, *, checklists: tuple[Checklist, ...],
                              ctx: ViewContext) -> TemplatesPageView:
    uses: Mapping[str, list[Use]] = find_uses(checklists, resolve=ctx.links.url)
    groups = tuple(SituationView(situation, tuple((t, tuple(uses.get(t.id, ()))) for t in templates))
                   for situation, templates in message_set.by_situation())
    return TemplatesPageView(groups=groups, limited=tuple(c for c in message_set.channels if c.limit is not None))


# --- The sources page -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CitingPage:
    title: str
    url: str


@dataclass(frozen=True)
class SourceView:
    source: Source
    reported: Source | None  # what a secondary source reports
    cited_on: tuple[CitingPage, ...]

    @property
    def anchor(self) -> str:
        return f"source-{self.source.id}"


@dataclass(frozen=True)
class KindView:
    heading: Heading
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class SourcesPageView:
    kinds: tuple[KindView, ...]
    count: int

    @property
    def toc(self) -> tuple[Heading, ...]:
        return tuple(kind.heading for kind in self.kinds)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(_flatten(self.toc)) | {source.anchor for kind in self.kinds for source in kind.sources}


def build_sources_page_view(registry: Registry, *, citations: Citations, ctx: ViewContext) -> SourcesPageView:
    """Every source grouped by kind and sorted as a reference list, with the pages that cite it."""

    def cited_on(source: Source) -> tuple[CitingPage, ...]:
        pages = ((ctx.links.title(page), ctx.links.url(page)) for page in citations.pages_for.get(source.id, ()))
        return tuple(CitingPage(title=title, url=url) for title, url in pages if title is not None and url is not None)

    kinds = []
    for kind, title in KIND_TITLES.items():
        members = sorted((source for source in registry.sources if source.kind == kind), key=lambda s: s.sort_key)
        if members:
            kinds.append(KindView(heading=Heading(2, f"kind-{kind}", title), sources=tuple(
                SourceView(source=source, reported=registry.get(source.reports) if source.reports else None,
                           cited_on=cited_on(source)) for source in members)))
    return SourcesPageView(kinds=tuple(kinds), count=len(registry.sources))


def _flatten(headings: tuple[Heading, ...]) -> list[str]:
    return [id_ for heading in headings for id_ in (heading.id, *_flatten(heading.children))]



# --- Paths: one page per path, and the finder ----------------------------------------------------------------

# How a step names what it points to, before the title of that page, checklist or template.
STEP_KINDS = {"guide": "Guide", "checklist": "Checklist", "template": "Message template"}


@dataclass(frozen=True)
class StepView:
    id: str
    box_id: str
    text: str
    kind: str  # "Guide", "Checklist" or "Message template"
    target_title: str
    target_url: str
    after: str | None
    timing: str | None
    more_id: str


@dataclass(frozen=True)
class AudienceLine:
    question: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class PathPageView:
    id: str
    storage_id: str
    title: str
    title_id: str
    summary: str
    audience: tuple[AudienceLine, ...]
    steps: tuple[StepView, ...]
    finder_url: str
    tools: Markup
    footer: Markup
    more: Markup | None = None  # after the steps, folded: the calendar planner for dated steps
    steps_heading: Heading = Heading(2, "steps", "The steps")
    audience_heading: Heading = Heading(2, "who-it-is-for", "Who it is for")

    @property
    def toc(self) -> tuple[Heading, ...]:
        return (self.audience_heading, self.steps_heading)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset({self.title_id, *(h.id for h in self.toc), *(s.id for s in self.steps),
                          *(s.box_id for s in self.steps)})


def audience_lines(path: CareerPath) -> tuple[AudienceLine, ...]:
    """Who a path is for, in the finder's words: one line per question the path answers."""
    return tuple(AudienceLine(question=AUDIENCE[question], labels=tuple(LABELS[value] for value in values))
                 for question, values in path.audience.items() if values)


def build_path_page_view(path: CareerPath, *, site: Site, ctx: ViewContext, finder_page: str) -> PathPageView:
    """A path on its own page: who it is for, then its steps with ticks (checklist.js) and the planner."""
    steps = []
    for step in path.steps:
        url, title = _step_target(step, site=site, links=ctx.links)
        box_id = f"box--{step.id}"
        steps.append(StepView(id=step.id, box_id=box_id, text=step.text, kind=STEP_KINDS[step.kind],
                              target_title=title, target_url=url, after=step.after,
                              timing=when_text(step, pattern=ctx.duration_pattern), more_id=f"{box_id}-more"))
    tools = render_template("checklist_tools.html", item_count=len(steps),
                            bundle_url=ctx.bundle_url(page_scripts.CHECKLIST))
    planner = render_planner(path, page_url=ctx.links.page_url, rules=ctx.rules, kind="path",
                             bundle_url=ctx.bundle_url(page_scripts.PLANNER))
    more = (render_template("checklist_more.html", label="More tools: calendar reminders", tools=planner)
            if planner else None)
    return PathPageView(
        id=path.id, storage_id=path.storage_id, title=path.title, title_id="nfp-title", summary=path.summary,
        audience=audience_lines(path), steps=tuple(steps), finder_url=ctx.links.url(finder_page) or "",
        tools=ctx.keep_out_of_search(tools), more=ctx.keep_out_of_search(more) if more else None,
        footer=ctx.keep_out_of_search(render_template("checklist_footer.html", url=ctx.links.page_url)),
    )


def _step_target(step: Step, *, site: Site, links: Links) -> tuple[str, str]:
    """The URL and title of what a step points to; a ValueError names the step if it cannot be resolved (the
    data checks make that impossible in a real build)."""
    url: str | None
    title: str | None
    if step.kind == "guide":
        url, title = links.url(step.target), links.title(split_docs_link(step.target)[0])
    elif step.kind == "checklist":
        checklist = site.catalog.get(step.target)
        url, title = (links.url(checklist.page_path), checklist.title) if checklist else (None, None)
    else:
        template = site.messages.get(step.target)
        url = links.url(f"{TEMPLATES_PAGE}#{step.target}")
        title = template.title if template else None
    if url is None or title is None:
        raise ValueError(f"step '{step.id}' points to {step.kind} '{step.target}', which this site does not have")
    return url, title


@dataclass(frozen=True)
class FinderOption:
    value: str
    label: str
    input_id: str


@dataclass(frozen=True)
class FinderQuestion:
    name: str
    legend: str
    multiple: bool
    options: tuple[FinderOption, ...]


@dataclass(frozen=True)
class FinderEntry:
    path: CareerPath
    url: str
    audience: tuple[AudienceLine, ...]
    # Space-separated schema values per question, for templates/path_finder.js to match on (data-stage="postdoc").
    data: tuple[tuple[str, str], ...]

    @property
    def anchor(self) -> str:
        return self.path.id


@dataclass(frozen=True)
class FinderNoteLine:
    note: FinderNote
    guide_url: str


def _note_guide_url(note: FinderNote, *, ctx: ViewContext) -> str:
    """The URL of the guide a finder note points to; ValueError naming it if the page is not in the site."""
    url = ctx.links.url(note.guide)
    if url is None:
        raise ValueError(f"hooks/nfp/paths.py SITUATION_ONLY: the guide {note.guide!r} is not a page of this site")
    return url


@dataclass(frozen=True)
class FinderView:
    questions: tuple[FinderQuestion, ...]
    entries: tuple[FinderEntry, ...]
    bundle_url: str  # paths.js, which runs the form (nfp/page_scripts.py)
    notes: tuple[FinderNoteLine, ...] = ()
    toc: tuple[Heading, ...] = ()

    @property
    def anchors(self) -> frozenset[str]:
        ids = {entry.anchor for entry in self.entries}
        ids |= {option.input_id for question in self.questions for option in question.options}
        return frozenset(ids)


def build_finder_view(path_set: PathSet, *, ctx: ViewContext) -> FinderView:
    """The "Find your path" page: the form (paths.js shows it) and every path with who it is for."""
    questions = tuple(FinderQuestion(
        name=name, legend=QUESTIONS[name], multiple=name in path_set.choices.multiple,
        options=tuple(FinderOption(value, LABELS[value], f"nfp-find-{name}-{value}") for value in values),
    ) for name, values in path_set.choices.options.items())
    # Paths for everyone first, then those written for a situation; each group in file-name order.
    ordered = sorted(path_set.paths, key=lambda path: bool(path.audience.get("situations")))
    entries = tuple(FinderEntry(
        path=path, url=ctx.links.url(path.page_path) or "", audience=audience_lines(path),
        data=tuple((name, " ".join(path.audience.get(name, ()))) for name in path_set.choices.options),
    ) for path in ordered)
    options = path_set.choices.options
    notes = tuple(FinderNoteLine(note, _note_guide_url(note, ctx=ctx)) for note in SITUATION_ONLY
                  if note.stage in options.get("stage", ()) and note.horizon in options.get("horizon", ()))
    return FinderView(questions=questions, entries=entries, bundle_url=ctx.bundle_url(page_scripts.FINDER),
                      notes=notes)
