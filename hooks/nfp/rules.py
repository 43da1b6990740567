"""Rules other code needs, read from checklists/schema.json: the schema states each rule once.

The planner's duration arithmetic (nfp/durations.py), `make checklist` (nfp/scaffold.py) and the data attributes
the JavaScript reads all take their patterns from here instead of restating them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHECKLIST_SCHEMA = Path(__file__).resolve().parents[2] / "checklists" / "schema.json"


def read_checklist_schema(path: Path = CHECKLIST_SCHEMA) -> dict[str, Any]:
    """The checklist schema as data, read afresh on each call (so an edit shows on the next build)."""
    return json.loads(path.read_text(encoding="utf-8"))


def id_rules(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """The schema of a checklist's `id`: pattern, maxLength, reserved names (`not: {enum: [...]}`)."""
    return (schema or read_checklist_schema())["properties"]["id"]


def id_pattern(schema: dict[str, Any] | None = None) -> str:
    """The regular expression a checklist or item id matches."""
    return id_rules(schema)["pattern"]


def duration_pattern(schema: dict[str, Any] | None = None) -> str:
    """The regular expression an item's `after` (an ISO 8601 duration such as P2D) matches."""
    return (schema or read_checklist_schema())["$defs"]["item"]["properties"]["after"]["pattern"]
