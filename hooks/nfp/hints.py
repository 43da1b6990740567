"""The "did you mean" hint every error message about a misspelt name ends with."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# How alike a misspelling must be to be suggested (difflib's ratio, 0 to 1). One value for every message.
CUTOFF = 0.6


def did_you_mean(value: object, options: Iterable[object], *, list_known: bool = False, quote: str = "'") -> str:
    """` (did you mean 'text'?)` for the closest option, else `` (or ` (known: a, b)` with `list_known`)."""
    names = sorted(str(option) for option in options)
    close = difflib.get_close_matches(str(value), names, n=1, cutoff=CUTOFF)
    if close:
        return f" (did you mean {quote}{close[0]}{quote}?)"
    return f" (known: {', '.join(names)})" if list_known and names else ""
