"""ANSEL, GEDCOM's 8-bit character set (ANSI/NISO Z39.47), decoded in time proportional to its length."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from itertools import chain

from familytree.gedcom.lexer import LoadCancelled

__all__ = ["decode", "encode", "first_foreign"]

# The graphic characters of ANSEL above ASCII, by code point: Z39.47 as the GEDCOM 5.5 and 5.5.1
# appendix lists it (with GEDCOM's own 0xBE, 0xBF, 0xCD-0xCF and 0xFC), and the MARC-8 extended
# Latin set's later eszett (0xC7) and euro sign (0xC8).
_SPACING = {
    0xA1: "\u0141",  # slash L, uppercase
    0xA2: "\u00d8",  # slash O, uppercase
    0xA3: "\u0110",  # slash D, uppercase
    0xA4: "\u00de",  # thorn, uppercase
    0xA5: "\u00c6",  # ligature AE, uppercase
    0xA6: "\u0152",  # ligature OE, uppercase
    0xA7: "\u02b9",  # miagkii znak (soft sign)
    0xA8: "\u00b7",  # middle dot
    0xA9: "\u266d",  # musical flat
    0xAA: "\u00ae",  # patent mark (registered)
    0xAB: "\u00b1",  # plus or minus
    0xAC: "\u01a0",  # hook O, uppercase
    0xAD: "\u01af",  # hook U, uppercase
    # The half rings of alif and ayn: MARC-8 maps them to U+02BC and U+02BB, which read as an
    # apostrophe and a turned comma; Gramps and the UTF-8 twins of ANSEL files use the rings.
    0xAE: "\u02be",  # alif
    0xB0: "\u02bf",  # ayn
    0xB1: "\u0142",  # slash l, lowercase
    0xB2: "\u00f8",  # slash o, lowercase
    0xB3: "\u0111",  # slash d, lowercase
    0xB4: "\u00fe",  # thorn, lowercase
    0xB5: "\u00e6",  # ligature ae, lowercase
    0xB6: "\u0153",  # ligature oe, lowercase
    0xB7: "\u02ba",  # tverdyi znak (hard sign)
    0xB8: "\u0131",  # Turkish i (dotless), lowercase
    0xB9: "\u00a3",  # British pound
    0xBA: "\u00f0",  # eth
    0xBC: "\u01a1",  # hook o, lowercase
    0xBD: "\u01b0",  # hook u, lowercase
    0xBE: "\u25a1",  # empty box (GEDCOM)
    0xBF: "\u25a0",  # black box (GEDCOM)
    0xC0: "\u00b0",  # degree sign
    0xC1: "\u2113",  # script l
    0xC2: "\u2117",  # phonograph copyright
    0xC3: "\u00a9",  # copyright
    0xC4: "\u266f",  # musical sharp
    0xC5: "\u00bf",  # inverted question mark
    0xC6: "\u00a1",  # inverted exclamation mark
    0xC7: "\u00df",  # eszett (MARC-8)
    0xC8: "\u20ac",  # euro sign (MARC-8)
    0xCD: "e",       # midline e (GEDCOM)
    0xCE: "o",       # midline o (GEDCOM)
    0xCF: "\u00df",  # es zet (GEDCOM)
}

# The non-spacing marks, which ANSEL writes before the letter they sit on.
_COMBINING = {
    0xE0: "\u0309",  # low rising tone mark (hook above)
    0xE1: "\u0300",  # grave accent
    0xE2: "\u0301",  # acute accent
    0xE3: "\u0302",  # circumflex accent
    0xE4: "\u0303",  # tilde
    0xE5: "\u0304",  # macron
    0xE6: "\u0306",  # breve
    0xE7: "\u0307",  # dot above
    0xE8: "\u0308",  # umlaut (diaeresis)
    0xE9: "\u030c",  # hacek
    0xEA: "\u030a",  # circle above (angstrom)
    0xEB: "\ufe20",  # ligature, left half
    0xEC: "\ufe21",  # ligature, right half
    0xED: "\u0315",  # high comma, off center
    0xEE: "\u030b",  # double acute accent
    0xEF: "\u0310",  # candrabindu
    0xF0: "\u0327",  # cedilla
    0xF1: "\u0328",  # right hook (ogonek)
    0xF2: "\u0323",  # dot below
    0xF3: "\u0324",  # double dot below
    0xF4: "\u0325",  # circle below
    0xF5: "\u0333",  # double underscore
    0xF6: "\u0332",  # underscore
    0xF7: "\u0326",  # left hook (comma below)
    0xF8: "\u031c",  # right cedilla (left half ring below)
    0xF9: "\u032e",  # upadhmaniya (breve below)
    0xFA: "\ufe22",  # double tilde, left half
    0xFB: "\ufe23",  # double tilde, right half
    0xFC: "\u0338",  # diacritic slash through a character (GEDCOM)
    0xFE: "\u0313",  # high comma, centered
}

# One character per byte: the decoding is a table look-up in C.
_TABLE = "".join(chr(b) if b < 0x80 else _SPACING.get(b, _COMBINING.get(b, "\ufffd")) for b in range(256))
# Bytes that no GEDCOM program writes as ANSEL: the undefined ones, and MARC-8's eszett and euro sign,
# which came after GEDCOM 5.5.1 (whose eszett is 0xCF), while Ç and È in a Windows file that calls
# itself ANSEL are common.
_FOREIGN = re.compile(b"[" + re.escape(bytes(b for b in range(0x80, 0x100) if b in (0xC7, 0xC8)
                                             or b not in _SPACING and b not in _COMBINING)) + b"]")
_NOT_A_MARK = re.compile(b"[^" + re.escape(bytes(_COMBINING)) + b"]")
_MARKS = "".join(_COMBINING.values())
# A run of marks and what follows it: the letter they belong to, or a line end, or nothing.
_MARK_RUN = re.compile("([" + re.escape(_MARKS) + "]+)(.?)", re.S)

# Unicode orders the marks of one letter by combining class (below before above...); within a class
# the mark nearest the letter comes first. ANSEL writes them top to bottom: the marks above the
# letter are reversed, those below (and the overlay) keep their order.
_CLASS = {mark: unicodedata.combining(mark) for mark in _MARKS}
_ABOVE = frozenset(c for c in _CLASS.values() if c >= 230)
_ONLY = {c: {ord(m): None for m, other in _CLASS.items() if other != c} for c in set(_CLASS.values())}

_CHUNK = 1 << 16  # bytes decoded between two questions to cancel()

# Writing: the letters ANSEL has whole but ASCII ("ø"), and the byte of each mark. Not MARC-8's eszett
# and euro sign: a reader takes a file with those bytes for CP1252 (see _FOREIGN).
_LETTER_BYTES = {ch: bytes((b,)) for b, ch in _SPACING.items() if not ch.isascii() and b not in (0xC7, 0xC8)}
_MARK_BYTES = {ch: b for b, ch in _COMBINING.items()}


def first_foreign(data: bytes) -> int:
    """Where the first byte that GEDCOM's ANSEL does not define is, or -1."""
    m = _FOREIGN.search(data)
    return -1 if m is None else m.start()


def decode(data: bytes, cancel: Callable[[], bool] | None = None) -> str:
    """ANSEL bytes as NFC text; undefined bytes become U+FFFD. Raises LoadCancelled when cancel() says so."""
    pieces: list[str] = []
    start = 0
    while start < len(data):
        if cancel is not None and cancel():
            raise LoadCancelled
        # cut after a byte that is not a mark, so that no letter is parted from its marks
        m = _NOT_A_MARK.search(data, start + _CHUNK - 1)
        end = len(data) if m is None else m.end()
        text = codecs.charmap_decode(data[start:end], "strict", _TABLE)[0]
        if _MARK_RUN.search(text) is not None:
            # every chunk now starts with a letter that takes no mark from before it: NFC chunk by chunk
            # composes as NFC of the whole would
            text = unicodedata.normalize("NFC", _letters_first(text))
        pieces.append(text)
        start = end
    return "".join(pieces)


def encode(text: str) -> bytes:
    """Text as ANSEL bytes, each letter's marks before it, so that `decode` gives the text back (as NFC).

    Raises UnicodeEncodeError for a character ANSEL cannot hold (Cyrillic, a mark on nothing).
    """
    if text.isascii():
        return text.encode("ascii")
    out = bytearray()
    composed = unicodedata.normalize("NFC", text)
    size = len(composed)
    at = 0
    while at < size:
        ch = composed[at]
        end = at + 1
        while end < size and composed[end] in _MARK_BYTES:  # marks NFC could not put into the letter
            end += 1
        whole = (ch.encode("ascii") if ch.isascii() else _LETTER_BYTES.get(ch)) if end == at + 1 else None
        out += whole if whole is not None else _letter_with_marks(composed, at, end)
        at = end
    return bytes(out)


def _letter_with_marks(text: str, at: int, end: int) -> bytes:
    """text[at:end], a character and the marks after it, as ANSEL: a letter ANSEL has (after taking off
    as few marks as it needs), the marks before it, in the order `_unicode_order` reads back."""
    parts = unicodedata.normalize("NFD", text[at:end])
    for cut in range(len(parts), 0, -1):
        base = unicodedata.normalize("NFC", parts[:cut])
        letter = (base.encode("ascii") if base.isascii() else _LETTER_BYTES.get(base)) if len(base) == 1 \
            else None
        marks = parts[cut:]
        if letter is not None and all(m in _MARK_BYTES for m in marks):
            ordered: list[str] = []
            for c in sorted({_CLASS[m] for m in marks}):  # by class, those above the letter top down
                same = [m for m in marks if _CLASS[m] == c]
                ordered.extend(reversed(same) if c in _ABOVE else same)
            return bytes(_MARK_BYTES[m] for m in ordered) + letter
    raise UnicodeEncodeError("ansel", text, at, end, "not a character of ANSEL")


def _letters_first(text: str) -> str:
    """Each run of marks put after the letter that follows it, by list operations that run in C."""
    parts = _MARK_RUN.split(text)  # text, marks, letter, text, marks, letter, ... text
    # (so `between` has one item more than the others: the text after the last run)
    between, marks, letters = parts[0::3], parts[1::3], parts[2::3]
    kinds = set(marks)
    if any(len(run) > 1 for run in kinds):
        in_order = {run: _unicode_order(run) for run in kinds}
        marks = list(map(in_order.__getitem__, marks))
    lone = {c for c in set(letters) if c < " "}
    if lone:
        # marks before a line end or the end of the file stand on a space, as spacing accents do
        ends = [c if c in lone else "" for c in letters]
        letters = [" " if c in lone else c for c in letters]
        return "".join(chain.from_iterable(zip(between, letters, marks, ends, strict=False))) + between[-1]
    return "".join(chain.from_iterable(zip(between, letters, marks, strict=False))) + between[-1]


def _unicode_order(marks: str) -> str:
    """The marks of one letter, from ANSEL's order to Unicode's canonical order, in linear time."""
    # (unicodedata.normalize sorts a run of marks by insertion: given sorted, it stays linear)
    classes = sorted({_CLASS[mark] for mark in set(marks)})
    parts = [marks if len(classes) == 1 else marks.translate(_ONLY[c]) for c in classes]
    return "".join(part[::-1] if c in _ABOVE else part for c, part in zip(classes, parts, strict=True))
