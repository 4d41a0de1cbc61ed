"""Text folding for search: case, diacritics, apostrophes and punctuation made not to matter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "words", "word_spans", "script_of", "MAX_QUERY_CHARS", "MAX_QUERY_WORDS"]

# A query longer than this is cut: nobody types a name this long, and the cut keeps
# a pasted page of text from costing more than a normal query.
MAX_QUERY_CHARS = 400
MAX_QUERY_WORDS = 12

# Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ŀ": "l", "ħ": "h", "ŧ": "t", "ĸ": "k", "ƒ": "f",
})
# Apostrophes and the Cyrillic hard/soft-sign marks of romanisation join a word
# ("O'Brien", "Ol'ga", "Ob″edinenie"): they vanish instead of splitting it.
_JOINERS = dict.fromkeys(map(ord, "'’ʼ`´ʹʺ″′‘"), None)
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _strip_marks(text: str) -> str:
    """Drop combining marks on Latin, Greek and Cyrillic letters only.

    In other scripts (Devanagari, Hebrew points excepted) marks are vowels, part of
    the word, so they are kept there.
    """
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if base and (base < "\u0530" or "\u0590" <= base <= "\u05ff"):
                continue
        else:
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, special letters spelled out: "Rubinštejn" -> "rubinstejn"."""
    if text.isascii():
        return text.lower().translate(_JOINERS)
    text = text.translate(_SPECIAL).translate(_JOINERS)
    return _strip_marks(text).casefold().translate(_SPECIAL)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, in order; punctuation, symbols and emoji separate words."""
    folded = fold(text)
    if folded.isascii():
        return tuple(_ASCII_WORD.findall(folded))
    out: list[str] = []
    current: list[str] = []
    for ch in folded:
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return tuple(out)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of `text`, positions in the original text.

    Used to highlight matched words: folding may change a word's length ("ß" -> "ss"),
    so each word is folded on its own and its original span kept.
    """
    spans: list[tuple[int, int, str]] = []
    start = -1
    for i, ch in enumerate(text):
        inside = _is_word_char(ch) or (start >= 0 and ord(ch) in _JOINERS)
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            spans.append((start, i, "".join(words(text[start:i]))))
            start = -1
    if start >= 0:
        spans.append((start, len(text), "".join(words(text[start:]))))
    return [s for s in spans if s[2]]


@lru_cache(maxsize=4096)
def script_of(text: str) -> str:
    """The script of a text's first letter, as a readable word: "Cyrillic", "Latin", "Hebrew"."""
    for ch in text:
        if ch.isalpha():
            if ch.isascii():
                return "Latin"
            name = unicodedata.name(ch, "")
            return name.split(" ", 1)[0].title() if name else ""
    return ""
