"""The follow-up planner and portable progress: which items are dated, and the markup (forms and the data
attributes docs/assets/js/planner.js and transfer.js read) that checklist pages and the checklists index show.

Everything a reader types is handled by those scripts in the browser; this side only decides what to offer
and renders it, with the rules the scripts need (the shape of ids and of `after`, the export format) as data
attributes, so the scripts never restate them. The date arithmetic calendar.js does is mirrored by
nfp.durations.add_duration.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup

from . import page_scripts
from .durations import add_duration
from .model import Checklist, Item
from .render import _environment  # the one Jinja environment (autoescape, StrictUndefined) for our templates

if TYPE_CHECKING:
    from .paths import CareerPath, Step

EXPORT_FORMAT = "networking-for-phds-progress"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class ScriptRules:
    """The patterns of checklists/schema.json the scripts check readers' files and data with (JavaScript
    regular expressions: JSON Schema patterns are ECMA-262)."""

    checklist_id: str
    item_id: str
    after: str

    @classmethod
    def from_schema(cls, schema: Mapping[str, Any]) -> ScriptRules:
        """Read the patterns where the checklist schema declares them; raise naming the one that is missing."""
        def pattern(*path: str) -> str:
            node = _at(schema, path)
            if "$ref" in node:
                # A local reference, "#/$defs/slug" (or made absolute by a validator: "https://...#/$defs/slug").
                node = _at(schema, node["$ref"].partition("#")[2].strip("/").split("/"))
            found = node.get("pattern")
            if not isinstance(found, str):
                raise ValueError(f"checklists/schema.json: no pattern at {'.'.join(path)}")
            return found

        return cls(checklist_id=pattern("properties", "id"),
                   item_id=pattern("$defs", "item", "properties", "id"),
                   after=pattern("$defs", "item", "properties", "after"))


def _at(node: Any, keys: Sequence[str]) -> Mapping[str, Any]:
    """The mapping at `keys` below `node`, or an empty one where the path leads nowhere."""
    for key in keys:
        node = node.get(key, {}) if isinstance(node, Mapping) else {}
    return node if isinstance(node, Mapping) else {}


def dated_items(checklist: Checklist | CareerPath) -> tuple[Item | Step, ...]:
    """The items the planner puts in a calendar: those with an `after`."""
    return tuple(item for item in checklist.items if item.after)


def schedule(checklist: Checklist, start: date) -> list[tuple[Item, date]]:
    """Every dated item with its day, in checklist order: what the calendar file holds."""
    return [(item, add_duration(start, item.after)) for item in checklist.items if item.after]


def render_planner(checklist: Checklist | CareerPath, *, page_url: str | None, rules: ScriptRules, bundle_url: str,
                   kind: Literal["checklist", "path"] = "checklist", network_url: str | None = None) -> Markup:
    """The calendar planner for a checklist or path page, or nothing when no item is dated.

    `page_url` is the page's canonical address, for links back from calendar entries; without one the
    script uses the address the reader has open. A checklist's planner follows up one person, so it asks their
    name and where you met, and after a download offers "Add <name> to My network" (`network_url`, My network's
    page; None: no such link); a path is the reader's own plan, so its planner asks only for a date.
    `bundle_url` is planner.js's bundle (nfp/page_scripts.py), which the planner names for core.js to load.
    """
    dated = dated_items(checklist)
    if not dated:
        return Markup("")
    template = _environment().get_template("planner.html")
    return Markup(template.render(checklist=checklist, page_url=page_url or "", dated_count=len(dated),
                                  rules=rules, bundle_url=bundle_url, kind=kind, network_url=network_url))


def known_items(checklists: Sequence[Checklist]) -> dict[str, list[str]]:
    """{checklist id: its item ids}: what an imported file of ticks is checked against, in the browser."""
    return {checklist.id: [item.id for item in checklist.items] for checklist in checklists}


# Every checklist's item ids and the progress file's format, as a file the build writes: My network's backup
# fetches it on first use (network.js), which keeps the list out of the page's first load.
CHECKLIST_ITEMS_FILE = "assets/data/checklist-items.json"


def render_checklist_items(checklists: Sequence[Checklist]) -> str:
    """The text of CHECKLIST_ITEMS_FILE: {"format", "version" (of a progress file), "items": known_items}."""
    return json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "items": known_items(checklists)},
                      sort_keys=True, separators=(",", ":")) + "\n"


def render_transfer(*, checklists: Sequence[Checklist], single: bool, rules: ScriptRules, bundle_url: str) -> Markup:
    """Export and import of saved ticks: for one checklist (on its page) or for all (on the index).

    The item ids of every checklist in scope travel in a data attribute, so the script can check an
    imported file against what this site has. `bundle_url` is transfer.js's bundle (nfp/page_scripts.py).
    """
    if single and len(checklists) != 1:
        raise ValueError(f"a single-checklist transfer needs exactly one checklist, got {len(checklists)}")
    template = _environment().get_template("progress_transfer.html")
    return Markup(template.render(
        single=single, checklist=checklists[0] if single else None,
        known=json.dumps(known_items(checklists), sort_keys=True),
        export_format=EXPORT_FORMAT, export_version=EXPORT_VERSION, rules=rules, bundle_url=bundle_url,
    ))


def render_checklist_tools(checklist: Checklist, *, page_url: str | None, rules: ScriptRules,
                           bundle_urls: Mapping[str, str], network_url: str | None = None) -> Markup:
    """What a checklist page offers after its items: moving ticks between devices, then the planner.
    `bundle_urls` maps page_scripts.TRANSFER and PLANNER to their bundles' URLs from this page."""
    return (render_transfer(checklists=[checklist], single=True, rules=rules,
                            bundle_url=bundle_urls[page_scripts.TRANSFER])
            + render_planner(checklist, page_url=page_url, rules=rules, bundle_url=bundle_urls[page_scripts.PLANNER],
                             network_url=network_url))
