"""Text from a file made fit to show: cut to a length a window can lay out, long words given breaks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ELLIPSIS", "ZERO_WIDTH_SPACE", "SHORT_TEXT", "TOOLTIP_TEXT", "LONG_TEXT", "WORD_RUN",
    "shorten", "isolated", "break_long_words", "for_display", "split_long_lines",
]

ELLIPSIS = "\u2026"
ZERO_WIDTH_SPACE = "\u200b"
# A name, place, title or other single value in a label, list, chart box or dialog. Real ones
# are far shorter (the longest names of royal files are about 120 characters); a file can hold
# megabytes in one, and Qt lays out a long unbroken word in time quadratic in its length.
SHORT_TEXT = 200
# The fuller text a tooltip gives when a value had to be cut.
TOOLTIP_TEXT = 2000
# A note, biography or excerpt shown in a panel (about 3,000 words); the rest on request.
LONG_TEXT = 20_000
# An unbroken run of more characters than this gets a line-break opportunity (a zero-width space,
# unseen unless the line wraps there): Qt then lays it out in linear time, and a cut name of one
# "word" wraps inside a label of a dialog instead of widening it. Few words are longer.
WORD_RUN = 30


def _joins_previous(ch: str) -> bool:
    """Whether `ch` belongs to the character before it: an accent, a joiner, a variation selector."""
    if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return True
    code = ord(ch)
    return (code == 0x200D or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0x1F3FB <= code <= 0x1F3FF or 0xDC00 <= code <= 0xDFFF)


def _cluster_start(text: str, at: int, lowest: int = 0) -> int:
    """`at`, moved back so that text[:at] does not end inside a letter with its accents
    (kept where it is when there is no letter to go back to: a run of nothing but accents)."""
    back = at
    while back > lowest + 1 and _joins_previous(text[back]):
        back -= 1
    return at if back == lowest + 1 and _joins_previous(text[back]) else back


# Explicit direction controls (embeddings, overrides, isolates): in a value from a file they would
# reorder the words around it too ("Ann\u202e..." turned "is the brother of" backwards).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text: str) -> str:
    """`text` as an isolate when it holds direction controls: they then reorder only `text` itself."""
    if _BIDI_CONTROLS.search(text) is None:
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """`text` when it has at most `limit` characters; else its beginning and "…", `limit` at most.

    The cut is made at a space when there is one near the end ("Maria Anna…", not
    "Maria An…") and never between a letter and its accents. A value with direction
    controls comes back isolated (see `isolated`), two characters longer.
    """
    if len(text) <= limit:
        return isolated(text)
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = _cluster_start(text, limit - 1)
    head = text[:cut]
    space = head.rfind(" ", (cut * 4) // 5)
    if space > 0:
        head = head[:space]
    return isolated(head.rstrip() + ELLIPSIS)


@lru_cache(maxsize=8)
def _run_pattern(width: int) -> re.Pattern[str]:
    return re.compile(r"[^\s\u200b]{" + str(width + 1) + ",}")


def _break_run(run: str, width: int) -> str:
    pieces = []
    start = 0
    while len(run) - start > width:
        cut = _cluster_start(run, start + width, start)
        pieces.append(run[start:cut])
        start = cut
    pieces.append(run[start:])
    return ZERO_WIDTH_SPACE.join(pieces)


def break_long_words(text: str, width: int = WORD_RUN) -> str:
    """`text` with a zero-width space after every `width` characters of an unbroken run.

    Words of normal length are left alone; the text looks the same, but a line can wrap
    inside a run of thousands of letters, and Qt lays it out in linear time. Apply it
    before escaping for rich text, so that no break falls inside an entity.
    """
    if len(text) <= width:
        return text
    return _run_pattern(width).sub(lambda m: _break_run(m.group(), width), text)


def for_display(text: str, limit: int = SHORT_TEXT, width: int = WORD_RUN) -> str:
    """A value from a file as a widget should show it: cut to `limit`, long words breakable."""
    return break_long_words(shorten(text, limit), width)


def split_long_lines(text: str, width: int = 1000) -> str:
    """`text` with every line longer than `width` split into lines of at most `width` characters,
    at a space when there is one in the second half of the piece.

    For a plain-text viewer: Qt lays out a paragraph as one block, and a block of megabytes
    takes seconds; blocks of a thousand characters take microseconds each.
    """
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        while len(line) - start > width:  # positions, not slices of the rest: linear in the line
            cut = line.rfind(" ", start + width // 2, start + width)
            cut = cut + 1 if cut > 0 else _cluster_start(line, start + width, start)
            out.append(line[start:cut])
            start = cut
        out.append(line[start:])
    return "\n".join(out)
