"""Structured timing of checklist items: ISO 8601 durations (`after: P2D`), in words and as dates.

Only nfp.rules is imported (for the schema's pattern), so the renderer and the planner can both use it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from .rules import duration_pattern

if TYPE_CHECKING:
    from .model import Item

# What each letter of a duration counts, in the order ISO 8601 writes them.
UNITS = MappingProxyType({"Y": "years", "M": "months", "W": "weeks", "D": "days"})


@lru_cache(maxsize=8)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration of whole calendar units, as checklist items write it (P2D, P3W, P3M, P1Y)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0


def parse_duration(text: str, *, pattern: str | None = None) -> Duration:
    """`P1Y2M3W4D` as a Duration; raises ValueError naming the text for anything else.

    What is a duration is the schema's rule (`pattern`, by default read from checklists/schema.json): each group
    of the pattern holds a number and its unit letter, e.g. `3W`.
    """
    match = _compile(pattern or duration_pattern()).match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a duration like P2D, P3W, P3M or P1Y")
    counts: dict[str, int] = {}
    for group in match.groups():
        if group:
            unit = UNITS.get(group[-1])
            if unit is None or not group[:-1].isdigit():
                raise ValueError(f"{text!r}: the planner does not know the part {group!r}")
            counts[unit] = int(group[:-1])
    return Duration(**counts)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def describe_duration(text: str, *, pattern: str | None = None) -> str:
    """Timing in words for an `after` value: P2D -> 'After 2 days', P1M -> 'After 1 month'."""
    duration = parse_duration(text, pattern=pattern)
    parts = [_count(value, unit) for value, unit in (
        (duration.years, "year"), (duration.months, "month"), (duration.weeks, "week"), (duration.days, "day"),
    ) if value]
    if not parts:
        return "On the day"
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"After {joined}"


def when_text(item: Item, *, pattern: str | None = None) -> str | None:
    """What the page shows as an item's timing: its own `when`, else words derived from `after`."""
    if item.when:
        return item.when
    if item.after:
        return describe_duration(item.after, pattern=pattern)
    return None


def add_duration(start: date, text: str, *, pattern: str | None = None) -> date:
    """The day `text` (an `after` value) after `start`, as planner.js computes it.

    Years and months move the calendar month and keep the day, clamped to the month's end (31 January plus
    one month is 28 or 29 February); then weeks (7 days each) and days are added. Dates have no time of day,
    so daylight-saving changes cannot move them.
    """
    duration = parse_duration(text, pattern=pattern)
    month_index = start.month - 1 + duration.months + 12 * duration.years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=7 * duration.weeks + duration.days)
