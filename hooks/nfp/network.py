"""My network (/my-network/): the page's view, and the data block its scripts read.

The notebook lives only in the reader's browser (docs/assets/js/network-store.js); this side renders the page
and hands the scripts, as one JSON block, what the build knows and the scripts must not restate: the notebook's
JSON Schema (docs/assets/schemas/network.schema.json, which states every limit once) and which kinds of follow-up
have a message. What the page needs only once the reader uses it is fetched then, which keeps its first load
small: the site's message template for each kind of follow-up (a file the build writes), the backup, spreadsheet
and calendar scripts (their own bundle), and the checklists and items whose ticks travel in a backup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import page_scripts
from .headings import Heading
from .planner import CHECKLIST_ITEMS_FILE

if TYPE_CHECKING:
    from .messages import MessageSet, Template
    from .site import Site
    from .views import ViewContext

NETWORK_PAGE = "my-network.md"
NETWORK_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "assets" / "schemas" / "network.schema.json"
BOOKLET_PAGE = "checklists/booklet.md"
FOLLOW_UP_GUIDE = "skills/follow-up.md"
PRIVACY_PAGE = "about/privacy.md"

# The site's template for each kind of follow-up network-data.js's dueItems gives (its `template` key is the kind),
# declared once here: a thank-you after meeting names the event, a reminder asks a smaller question, a check-in
# brings short news and a question. A `stop` ("try someone else") has no message. For someone in a job search,
# JOB_SEARCH_TEMPLATE_FOR_KIND replaces a kind's template: the thank-you names their organisation, and the reminder
# asks which team works on your topic.
TEMPLATE_FOR_KIND: Mapping[str, str] = MappingProxyType({
    "thank-you": "conference-follow-up",
    "reminder": "polite-nudge",
    "check-in": "regular-check-in",
})
JOB_SEARCH_TEMPLATE_FOR_KIND: Mapping[str, str] = MappingProxyType({
    "thank-you": "thank-you-after-interview",
    "reminder": "smaller-ask-nudge",
})

# Placeholders the page fills from the person's record (the rest stay for the reader): placeholder -> field.
PLACEHOLDERS: Mapping[str, str] = MappingProxyType({
    "[their name]": "name",
    "[event or place]": "where",
    "[day]": "met_on",
    "[where you knew each other]": "where",
    "[their organisation]": "organisation",
})

DATA_ID = "nfp-network-data"


def read_network_schema(path: Path = NETWORK_SCHEMA) -> dict[str, Any]:
    """The notebook's schema as data, read afresh on each build; ValueError naming the file if it is unusable."""
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path.name}: cannot be read as JSON: {error}") from None
    if not isinstance(schema, dict):
        raise ValueError(f"{path.name}: expected a JSON object, got {type(schema).__name__}")
    return schema


def kind_templates(messages: MessageSet, mapping: Mapping[str, str]) -> dict[str, dict[str, str | None]]:
    """Each kind's template as the page hands it to the scripts; ValueError naming a kind whose id is missing."""
    missing = {kind: id_ for kind, id_ in mapping.items() if messages.get(id_) is None}
    if missing:
        wrong = ", ".join(f"{kind} -> '{id_}'" for kind, id_ in missing.items())
        raise ValueError(f"hooks/nfp/network.py: no such template in checklists/shared/messages.yml: {wrong}")
    return {kind: _template_data(messages.get(id_)) for kind, id_ in mapping.items()}


def _template_data(template: Template | None) -> dict[str, str | None]:
    assert template is not None  # checked by kind_templates
    return {"id": template.id, "title": template.title, "subject": template.subject, "body": template.body}


# Keywords that only explain a schema to people: the page's copy leaves them out (the first load's weight).
EXPLANATIONS = frozenset({"description", "$comment"})
# Keywords whose value maps names to subschemas, and those whose value is one subschema.
NAMED_SUBSCHEMAS = ("properties", "$defs")
ONE_SUBSCHEMA = ("items", "propertyNames")


def script_schema(node: Mapping[str, Any]) -> dict[str, Any]:
    """The schema as the page's scripts get it: everything they check, without the explanations. A property
    named "description" is a name, not a keyword, and stays."""
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key in EXPLANATIONS:
            continue
        if key in NAMED_SUBSCHEMAS and isinstance(value, Mapping):
            copy[key] = {name: script_schema(child) if isinstance(child, Mapping) else child
                         for name, child in value.items()}
        elif key in ONE_SUBSCHEMA and isinstance(value, Mapping):
            copy[key] = script_schema(value)
        else:
            copy[key] = value
    return copy


def network_data(*, schema: Mapping[str, Any]) -> dict[str, Any]:
    """The page's data block (the contract with network-data.js): the schema, and the kinds of follow-up that
    have a message. The messages themselves (NETWORK_MESSAGES_FILE) are fetched when the reader first opens one,
    and the checklists whose ticks a backup carries (planner.CHECKLIST_ITEMS_FILE) on the first backup."""
    return {"schema": script_schema(schema), "messageKinds": sorted(TEMPLATE_FOR_KIND)}


# The site's message for each kind of follow-up, as a file the build writes (network.js fetches it on first use).
NETWORK_MESSAGES_FILE = "assets/data/network-messages.json"


def network_messages(messages: MessageSet) -> dict[str, Any]:
    """{"templates", "jobSearchTemplates": {kind: template}, "placeholders": {placeholder: field}}; ValueError
    naming a kind whose template id is missing."""
    return {
        "templates": kind_templates(messages, TEMPLATE_FOR_KIND),
        "jobSearchTemplates": kind_templates(messages, JOB_SEARCH_TEMPLATE_FOR_KIND),
        "placeholders": dict(PLACEHOLDERS),
    }


def render_network_messages(messages: MessageSet) -> str:
    """The text of NETWORK_MESSAGES_FILE."""
    return json.dumps(network_messages(messages), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def script_json(value: Any) -> Markup:
    """JSON safe as the text of the page's data block (a <template>) and inside a <script>: `<`, `>` and `&`
    escaped, so no string can open a tag, end the block or start a character reference, and the line
    separators U+2028/9 are escaped too."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


@dataclass(frozen=True)
class NetworkView:
    data: Markup
    data_id: str
    bundle_url: str  # network.js and what it needs, loaded by core.js (data-nfp-bundle)
    files_url: str  # the backup's bundles (after nfp-checklist), loaded by network.js on the first export, import...
    checklist_items_url: str  # the checklists and items whose ticks a backup carries, fetched with it
    messages_url: str  # the site's message for each kind of follow-up, fetched when one is first opened
    booklet_url: str
    guide_url: str
    privacy_url: str
    templates_url: str
    closeness: tuple[str, ...]
    search_statuses: tuple[str, ...]
    rhythm_min: int
    rhythm_max: int
    tools: Markup  # everything that works only with JavaScript, kept out of the search index
    headings: tuple[Heading, ...] = (
        Heading(2, "this-week", "This week"),
        Heading(2, "people", "People"),
        Heading(2, "job-search", "Job search"),
        Heading(2, "backup", "Back up, calendar and print"),
        Heading(2, "settings", "Check-in rhythm"),
    )

    @property
    def toc(self) -> tuple[Heading, ...]:
        return ()  # the page's sections show only with JavaScript; a table of contents would point at nothing

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset({heading.id for heading in self.headings} | {"add", "nfp-network"})


# Words for enum values the schema declares: the schema says which values exist, this says what a reader reads.
CLOSENESS_LABELS: Mapping[str, str] = MappingProxyType({
    "close": "Close", "regular": "Regular", "occasional": "Occasional"})
SEARCH_LABELS: Mapping[str, str] = MappingProxyType({
    "to-contact": "To contact", "wrote": "Wrote", "replied": "Replied", "spoke": "Spoke", "referred": "Referred",
    "applied": "Applied"})


def _enum(schema: Mapping[str, Any], prop: str) -> tuple[str, ...]:
    node = schema.get("$defs", {}).get("person", {}).get("properties", {}).get(prop, {})
    values = node.get("enum")
    if values is None:
        for option in node.get("anyOf", node.get("oneOf", ())):
            values = option.get("enum") or values
    if not isinstance(values, list) or not values:
        raise ValueError(f"{NETWORK_SCHEMA.name}: no enum at $defs.person.properties.{prop}")
    return tuple(value for value in values if isinstance(value, str))


def _rhythm_bounds(schema: Mapping[str, Any]) -> tuple[int, int]:
    """The smallest and largest check-in rhythm the schema allows (the settings form's min and max)."""
    node: Any = schema.get("$defs", {}).get("notebook", {})
    for key in ("settings", "rhythms"):
        node = node.get("properties", {}).get(key, {})
    for value in node.get("properties", {}).values():
        ref = value.get("$ref", "") if isinstance(value, Mapping) else ""
        if ref.startswith("#/"):
            value = _at_pointer(schema, ref)
        if isinstance(value, Mapping) and "minimum" in value and "maximum" in value:
            return int(value["minimum"]), int(value["maximum"])
    raise ValueError(f"{NETWORK_SCHEMA.name}: no minimum and maximum for the check-in rhythms")


def _at_pointer(schema: Mapping[str, Any], ref: str) -> Any:
    node: Any = schema
    for key in ref.partition("#/")[2].split("/"):
        node = node.get(key, {}) if isinstance(node, Mapping) else {}
    return node


def build_network_view(site: Site, *, ctx: ViewContext) -> NetworkView:
    """The My network page: the data block, the tools the scripts show, and where the no-JavaScript text points."""
    from .render import render_template

    try:
        schema = read_network_schema()
        data = network_data(schema=schema)
        closeness, statuses = _enum(schema, "closeness"), _enum(schema, "search")
        bundle_url = page_scripts.bundle_list(ctx.links, page_scripts.NETWORK)
        files_url = page_scripts.bundle_list(ctx.links, page_scripts.NETWORK_FILES)
    except ValueError as error:
        raise ValueError(f"my-network page: {error}") from None
    unknown = [value for value in (*closeness, *statuses) if value not in {**CLOSENESS_LABELS, **SEARCH_LABELS}]
    if unknown:
        raise ValueError(f"my-network page: the schema has values with no label in hooks/nfp/network.py: {unknown}")
    low, high = _rhythm_bounds(schema)
    view = dict(
        data=script_json(data), data_id=DATA_ID, bundle_url=bundle_url, files_url=files_url,
        checklist_items_url=ctx.links.url(CHECKLIST_ITEMS_FILE) or "",
        messages_url=ctx.links.url(NETWORK_MESSAGES_FILE) or "", booklet_url=ctx.links.url(BOOKLET_PAGE) or "",
        guide_url=ctx.links.url(FOLLOW_UP_GUIDE) or "", privacy_url=ctx.links.url(PRIVACY_PAGE) or "",
        templates_url=ctx.links.url("templates/index.md") or "", closeness=closeness, search_statuses=statuses,
        rhythm_min=low, rhythm_max=high,
    )
    tools = render_template("network_tools.html", view=view, closeness_labels=CLOSENESS_LABELS,
                            search_labels=SEARCH_LABELS, headings=NetworkView.headings)
    return NetworkView(tools=ctx.keep_out_of_search(tools), **view)
