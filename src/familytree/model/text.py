"""Text from a file made fit to show: cut to a length a window can lay out, long words given breaks."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

__all__ = [
    "ELLIPSIS", "ZERO_WIDTH_SPACE", "SHORT_TEXT", "TOOLTIP_TEXT", "LONG_TEXT", "WORD_RUN",
    "shorten", "isolated", "break_long_words", "for_display", "split_long_lines", "join_wrapped_lines",
    "balance_quotes",
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


# -- notes written with hard line breaks --------------------------------------------------------------

# A line longer than this was not wrapped by hand or by a program: GEDCOM lines end at 255 characters.
_WRAPPED_LINE_MAX = 255
# Below this widest line, a text is a list of short lines, never prose wrapped to a width.
_WRAP_WIDTH_MIN = 40


@cache
def _sentence_end() -> re.Pattern[str]:  # (compiled with the first text read: not at start-up)
    return re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*$")


@cache
def _list_item() -> re.Pattern[str]:  # "1. ", "2) ", "a. ", "- ", "• ": an item of a list begins
    return re.compile(r"\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*\u2022\u2013])\s")


def _continues(line: str, following: str, width: int) -> bool:
    """Whether the break between `line` and `following` falls inside a paragraph."""
    if _list_item().match(following):  # each item of a list on a line of its own
        return False
    first = following.lstrip()[:1]
    if first.islower():  # "...determination to avoid waste" / "and excess."
        return True
    if width < _WRAP_WIDTH_MIN or len(line) > _WRAPPED_LINE_MAX:
        return False
    # wrapped at a width: a line filled to near the width goes on in the next; a short one ended
    # there. A sentence ending at the end of a full line is a coincidence of the wrapping.
    if _sentence_end().search(line):
        return len(line) >= 0.8 * width
    return len(line) >= 0.6 * width and not line.endswith(":")


def join_wrapped_lines(text: str) -> str:
    """A note's text with the line breaks inside its paragraphs joined, paragraphs apart by a blank line.

    Notes are often wrapped by hand or by the program that wrote them (GEDCOM CONT lines in the
    middle of sentences: "He was inaugurated as the 42nd President of the United States" /
    "on 20 January 1993."). A break is joined when the next line starts in lower case, or when
    the line is filled to near the width the text is wrapped at; a break after a sentence that
    ends short of it ends a paragraph; other breaks, in a list of short lines, are kept.
    A word hyphenated across lines ("twenty-" / "four") is joined without a space.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = max((len(line) for line in lines if len(line) <= _WRAPPED_LINE_MAX), default=0)
    out: list[str] = []
    previous = ""
    for line in lines:
        if not line.strip():
            if out and out[-1] != "\n\n":
                out.append("\n\n")
            previous = ""
            continue
        if previous:
            if _continues(previous, line, width):
                hyphen = previous.endswith("-") and previous[-2:-1].isalpha() and line.lstrip()[:1].isalpha()
                out.append("" if hyphen else " ")
                line = line.lstrip()
            else:  # (items of a list, one to a line, stay one list)
                ends = _sentence_end().search(previous) and not _list_item().match(line)
                out.append("\n\n" if ends else "\n")
        out.append(line)
        previous = line
    while out and out[-1] == "\n\n":
        out.pop()
    return "".join(out)


def _opens(text: str, at: int) -> bool:
    """Whether the straight quote at `at` opens a quotation: after a space or at the start, before a word."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace()


def _balance_straight(text: str) -> str:
    marks = [i for i, ch in enumerate(text) if ch == '"']
    if len(marks) % 2 == 0:
        return text  # in pairs, however they nest
    first = marks[0]
    if first == len(text) - len(text.lstrip()) or _opens(text, first):
        return text + '"'  # a quotation that runs on past the excerpt's end
    return '"' + text  # one that began before its start


def _balance_curly(text: str) -> str:
    depth = 0
    missing_openers = 0
    for ch in text:
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            if depth:
                depth -= 1
            else:
                missing_openers += 1
    return "\u201c" * missing_openers + text + "\u201d" * depth


def balance_quotes(text: str) -> str:
    """`text` with its double quotation marks in pairs.

    An excerpt cut from a longer text often keeps one mark of a quotation that runs past its
    ends: the mark is given its partner at that end ('"Natalia is haunted...' is closed after its
    last word, '...goldmine industry."' opened before its first), and nothing of the text is lost.
    Straight marks in an even number are taken to pair up; of an odd number, the first tells which
    end the quotation runs past (at the start, or before a word: it opens).
    """
    if '"' in text:
        text = _balance_straight(text)
    if "\u201c" in text or "\u201d" in text:
        text = _balance_curly(text)
    return text
