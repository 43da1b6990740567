"""Count text the way each platform counts it: code points, graphemes, X's weighted length, or words.

No new dependencies: grapheme clusters follow the main rules of Unicode's UAX #29 (CR LF, combining and spacing
marks, variation selectors, emoji skin-tone modifiers and tags, zero-width-joiner sequences, regional-indicator
flag pairs, Hangul jamo), which covers the text a message template holds. Counts are taken on the exact text a
reader copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType

ZWJ = "\u200d"

# twitter-text's v3 configuration (config/v3.json): weight 100 per code point in these ranges, 200 elsewhere,
# scale 100, every URL counts 23, and an emoji (a whole sequence) counts as one code point of default weight.
X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
X_URL_LENGTH = 23

# Links as twitter-text finds them, roughly: with a scheme, with www., or a bare domain on a common ending.
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\[\]]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ai|co|uk|de|fr|nl|eu|info|dev|app|social|ly)\b(?:/[^\s<>\[\]]*)?",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)'\""
# A placeholder that stands for a link, such as [link to the paper] or [URL], is counted as the link it becomes.
_LINK_PLACEHOLDER = re.compile(r"\[[^\[\]\n]*\b(?:link|url)\b[^\[\]\n]*\]", re.IGNORECASE)


def _is_extend(cp: int) -> bool:
    """Code points that never start a grapheme cluster: they attach to the one before."""
    if cp in (0x200C, 0x200D) or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True  # joiners and variation selectors
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return True  # emoji skin-tone modifiers, emoji tag sequences (e.g. subdivision flags)
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return True  # Hangul vowel and final jamo
    if 0xFF9E <= cp <= 0xFF9F:
        return True  # half-width katakana voicing marks
    return unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")


def _is_control(cp: int) -> bool:
    return cp in (0x0D, 0x0A) or unicodedata.category(chr(cp)) in ("Cc", "Zl", "Zp")


def _is_regional_indicator(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _is_hangul_leading(cp: int) -> bool:
    return 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97F


def _is_pictographic(cp: int) -> bool:
    """Emoji and pictographs, approximately Unicode's Extended_Pictographic property."""
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2300 <= cp <= 0x23FF
            or 0x2B00 <= cp <= 0x2BFF or 0x2190 <= cp <= 0x21FF or cp in (0x00A9, 0x00AE, 0x203C, 0x2049,
                                                                          0x2122, 0x2139, 0x3030, 0x303D))


def split_graphemes(text: str) -> list[str]:
    """`text` split into user-perceived characters (extended grapheme clusters)."""
    clusters: list[str] = []
    for char in text:
        cp = ord(char)
        if clusters:
            current = clusters[-1]
            last = ord(current[-1])
            join = False
            if last == 0x0D and cp == 0x0A:
                join = True
            elif _is_control(last) or _is_control(cp):
                join = False
            elif _is_extend(cp):
                join = True
            elif last == ord(ZWJ) and _is_pictographic(cp) and any(_is_pictographic(ord(c)) for c in current):
                join = True
            elif _is_regional_indicator(cp) and _is_regional_indicator(last):
                # Flags are pairs: join only while the cluster holds an odd number of indicators.
                join = sum(1 for c in current if _is_regional_indicator(ord(c))) % 2 == 1
            elif _is_hangul_leading(last) and (_is_hangul_leading(cp) or 0xAC00 <= cp <= 0xD7A3):
                join = True
            if join:
                clusters[-1] = current + char
                continue
        clusters.append(char)
    return clusters


def count_graphemes(text: str) -> int:
    """What Bluesky and Mastodon count: user-perceived characters."""
    return len(split_graphemes(text))


def count_characters(text: str) -> int:
    """Unicode characters (code points) after NFC normalisation, never bytes."""
    return len(unicodedata.normalize("NFC", text))


def _is_emoji_cluster(cluster: str) -> bool:
    cps = [ord(c) for c in cluster]
    if any(_is_pictographic(cp) or _is_regional_indicator(cp) for cp in cps):
        return True
    return 0xFE0F in cps or 0x20E3 in cps  # emoji presentation, keycaps


def _x_weight(cp: int) -> int:
    return 1 if any(start <= cp <= end for start, end in X_LIGHT_RANGES) else 2


def _without_links(text: str) -> tuple[str, int]:
    """The text with every link (and link placeholder) removed, and how many there were."""
    count = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        found = match.group(0)
        stripped = found.rstrip(_URL_TRAILING)
        return found[len(stripped):]  # trailing punctuation is not part of the link

    text = _LINK_PLACEHOLDER.sub(drop, text)
    text = _URL.sub(drop, text)
    return text, count


def count_x_weighted(text: str) -> int:
    """X's weighted length (twitter-text v3): links 23, an emoji 2, CJK and most scripts above U+10FF 2 each."""
    text, links = _without_links(unicodedata.normalize("NFC", text))
    total = links * X_URL_LENGTH
    for cluster in split_graphemes(text):
        total += 2 if _is_emoji_cluster(cluster) else sum(_x_weight(ord(c)) for c in cluster)
    return total


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space text holding at least one letter or digit."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


COUNTERS: Mapping[str, Callable[[str], int]] = MappingProxyType({
    "characters": count_characters,
    "graphemes": count_graphemes,
    "x-weighted": count_x_weighted,
    "words": count_words,
})
