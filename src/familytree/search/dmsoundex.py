"""Daitch–Mokotoff Soundex, the phonetic code JewishGen and webtrees use for Eastern European names.

The rules are those Gary Mokotoff and Randy Daitch published (avotaynu.com/soundex.htm,
jewishgen.org/InfoFiles/soundex.html): each letter group is coded by where it stands
(at the start of the name, before a vowel, elsewhere); some groups have two codes,
which makes the name branch into several codes; a code has six digits, padded with 0.
Cyrillic, Greek and Hebrew are romanised first, so "Рубинштейн" codes like "Rubinshtein".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from familytree.search.translit import to_latin

__all__ = ["dm_soundex"]

# (letters, code at the start, code before a vowel, code elsewhere); "|" separates the
# two codes of a branching group, "" means not coded.
_RULES: tuple[tuple[str, str, str, str], ...] = (
    # groups of letters, longest first within each starting letter (ordered below)
    ("schtsch", "2", "4", "4"), ("schtsh", "2", "4", "4"), ("schtch", "2", "4", "4"),
    ("shtch", "2", "4", "4"), ("shtsh", "2", "4", "4"), ("stsch", "2", "4", "4"),
    ("ttsch", "4", "4", "4"), ("zhdzh", "2", "4", "4"), ("shch", "2", "4", "4"),
    ("scht", "2", "43", "43"), ("schd", "2", "43", "43"), ("stch", "2", "4", "4"),
    ("strz", "2", "4", "4"), ("strs", "2", "4", "4"), ("stsh", "2", "4", "4"),
    ("szcz", "2", "4", "4"), ("szcs", "2", "4", "4"), ("ttch", "4", "4", "4"),
    ("tsch", "4", "4", "4"), ("ttsz", "4", "4", "4"), ("zdzh", "2", "4", "4"),
    ("zsch", "4", "4", "4"), ("chs", "5", "54", "54"), ("csz", "4", "4", "4"),
    ("czs", "4", "4", "4"), ("drz", "4", "4", "4"), ("drs", "4", "4", "4"),
    ("dsh", "4", "4", "4"), ("dsz", "4", "4", "4"), ("dzh", "4", "4", "4"),
    ("dzs", "4", "4", "4"), ("sch", "4", "4", "4"), ("sht", "2", "43", "43"),
    ("szt", "2", "43", "43"), ("shd", "2", "43", "43"), ("szd", "2", "43", "43"),
    ("tch", "4", "4", "4"), ("trz", "4", "4", "4"), ("trs", "4", "4", "4"),
    ("tsh", "4", "4", "4"), ("tts", "4", "4", "4"), ("ttz", "4", "4", "4"),
    ("tzs", "4", "4", "4"), ("tsz", "4", "4", "4"), ("zdz", "2", "4", "4"),
    ("zhd", "2", "43", "43"), ("zsh", "4", "4", "4"),
    ("ai", "0", "1", ""), ("aj", "0", "1", ""), ("ay", "0", "1", ""), ("au", "0", "7", ""),
    ("cz", "4", "4", "4"), ("cs", "4", "4", "4"), ("ds", "4", "4", "4"), ("dz", "4", "4", "4"),
    ("dt", "3", "3", "3"), ("ei", "0", "1", ""), ("ej", "0", "1", ""), ("ey", "0", "1", ""),
    ("eu", "1", "1", ""), ("fb", "7", "7", "7"), ("ia", "1", "", ""), ("ie", "1", "", ""),
    ("io", "1", "", ""), ("iu", "1", "", ""), ("ks", "5", "54", "54"), ("kh", "5", "5", "5"),
    ("mn", "66", "66", "66"), ("nm", "66", "66", "66"), ("oi", "0", "1", ""), ("oj", "0", "1", ""),
    ("oy", "0", "1", ""), ("pf", "7", "7", "7"), ("ph", "7", "7", "7"), ("sh", "4", "4", "4"),
    ("sc", "2", "4", "4"), ("st", "2", "43", "43"), ("sd", "2", "43", "43"), ("sz", "4", "4", "4"),
    ("th", "3", "3", "3"), ("ts", "4", "4", "4"), ("tc", "4", "4", "4"), ("tz", "4", "4", "4"),
    ("ui", "0", "1", ""), ("uj", "0", "1", ""), ("uy", "0", "1", ""), ("ue", "0", "1", ""),
    ("zd", "2", "43", "43"), ("zh", "4", "4", "4"), ("zs", "4", "4", "4"),
    # branching groups
    ("ch", "5|4", "5|4", "5|4"), ("ck", "5|45", "5|45", "5|45"), ("rs", "94|4", "94|4", "94|4"),
    ("rz", "94|4", "94|4", "94|4"),
    # single letters
    ("a", "0", "", ""), ("e", "0", "", ""), ("i", "0", "", ""), ("o", "0", "", ""), ("u", "0", "", ""),
    ("b", "7", "7", "7"), ("c", "5|4", "5|4", "5|4"), ("d", "3", "3", "3"), ("f", "7", "7", "7"),
    ("g", "5", "5", "5"), ("h", "5", "5", ""), ("j", "1|4", "|4", "|4"), ("k", "5", "5", "5"),
    ("l", "8", "8", "8"), ("m", "6", "6", "6"), ("n", "6", "6", "6"), ("p", "7", "7", "7"),
    ("q", "5", "5", "5"), ("r", "9", "9", "9"), ("s", "4", "4", "4"), ("t", "3", "3", "3"),
    ("v", "7", "7", "7"), ("w", "7", "7", "7"), ("x", "5", "54", "54"), ("y", "1", "", ""),
    ("z", "4", "4", "4"),
    # Romanian t with cedilla or comma (ts), Polish nasal vowels (not coded, or n elsewhere)
    ("ţ", "3|4", "3|4", "3|4"), ("ț", "3|4", "3|4", "3|4"), ("ę", "", "", "|6"), ("ą", "", "", "|6"),
)

# rules by first letter, longest pattern first
_BY_LETTER: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}
for _pattern, _start, _vowel, _other in _RULES:
    _BY_LETTER.setdefault(_pattern[0], []).append(
        (_pattern, tuple(_start.split("|")), tuple(_vowel.split("|")), tuple(_other.split("|"))))
for _rules in _BY_LETTER.values():
    _rules.sort(key=lambda r: -len(r[0]))

_VOWELS = frozenset("aeiou")
_KEEP = frozenset("ţțęą")  # letters with rules of their own: not stripped of their mark
_CODE_LENGTH = 6
_MAX_BRANCHES = 32  # a pathological name cannot make the code list explode


def _prepare(text: str) -> str:
    out: list[str] = []
    for ch in to_latin(text.lower()):
        if ch in _KEEP:
            out.append(ch)
            continue
        for c in unicodedata.normalize("NFKD", ch.replace("ß", "s").replace("ł", "l").replace("ø", "o")):
            if "a" <= c <= "z":
                out.append(c)
    return "".join(out)


@lru_cache(maxsize=100_000)
def dm_soundex(text: str) -> tuple[str, ...]:
    """All Daitch–Mokotoff codes of a name, e.g. "Peters" -> ("734000", "739400").

    Spaces, apostrophes and hyphens are ignored ("Ben Aron" is coded as "Benaron");
    a name without any letter gives no code.
    """
    s = _prepare(text)
    if not s:
        return ()
    # each branch: (code so far, the last group's code, "" for an uncoded group)
    branches: list[tuple[str, str]] = [("", "")]
    i = 0
    last_char = ""
    while i < len(s):
        ch = s[i]
        rules = _BY_LETTER.get(ch)
        if not rules:
            i += 1
            continue
        rule = next((r for r in rules if s.startswith(r[0], i)), None)
        if rule is None:
            i += 1
            continue
        pattern, at_start, before_vowel, other = rule
        end = i + len(pattern)
        if i == 0:
            codes = at_start
        elif end < len(s) and s[end] in _VOWELS:
            codes = before_vowel
        else:
            codes = other
        # m after n (or n after m) in different groups is coded twice (the MN rule)
        force = (last_char == "m" and ch == "n") or (last_char == "n" and ch == "m")
        next_branches: dict[str, str] = {}  # code -> last group's code; the first branch wins
        for code, last in branches:
            for alt in codes:
                if (force or alt == "" or not last.endswith(alt)) and len(code) < _CODE_LENGTH:
                    new = (code + alt)[:_CODE_LENGTH]
                else:
                    new = code
                next_branches.setdefault(new, alt)
        branches = list(next_branches.items())[:_MAX_BRANCHES]
        last_char = ch
        i = end
    out: list[str] = []
    for code, _ in branches:
        padded = code.ljust(_CODE_LENGTH, "0")
        if padded not in out:
            out.append(padded)
    return tuple(out)
