"""Structured timing of checklist items: ISO 8601 durations (`after: P2D`), in words and as dates.

No imports from the rest of nfp, so the renderer and the planner can both use it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Item

# The same shape checklists/schema.json accepts for `after`.
_DURATION = re.compile(r"^P(?!$)(?:(?P<years>\d{1,3})Y)?(?:(?P<months>\d{1,3})M)?(?:(?P<weeks>\d{1,3})W)?"
                       r"(?:(?P<days>\d{1,3})D)?$")


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration of whole calendar units, as checklist items write it (P2D, P3W, P3M, P1Y)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0


def parse_duration(text: str) -> Duration:
    """`P1Y2M3W4D` as a Duration; raises ValueError naming the text for anything else."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a duration like P2D, P3W, P3M or P1Y")
    return Duration(**{unit: int(value or 0) for unit, value in match.groupdict().items()})


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def describe_duration(text: str) -> str:
    """Timing in words for an `after` value: P2D -> 'After 2 days', P1M -> 'After 1 month'."""
    duration = parse_duration(text)
    parts = [_count(value, unit) for value, unit in (
        (duration.years, "year"), (duration.months, "month"), (duration.weeks, "week"), (duration.days, "day"),
    ) if value]
    if not parts:
        return "On the day"
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"After {joined}"


def when_text(item: Item) -> str | None:
    """What the page shows as an item's timing: its own `when`, else words derived from `after`."""
    if item.when:
        return item.when
    if item.after:
        return describe_duration(item.after)
    return None


def add_duration(start: date, text: str) -> date:
    """The day `text` (an `after` value) after `start`, as planner.js computes it.

    Years and months move the calendar month and keep the day, clamped to the month's end (31 January plus
    one month is 28 or 29 February); then weeks (7 days each) and days are added. Dates have no time of day,
    so daylight-saving changes cannot move them.
    """
    duration = parse_duration(text)
    month_index = start.month - 1 + duration.months + 12 * duration.years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=7 * duration.weeks + duration.days)
