"""The line grammar of GEDCOM 7.0 and 5.5.1, checked line by line: what every written file must obey.

GEDCOM 7.0 (FamilySearch GEDCOM 7.0, chapter 1, "Lines"; ABNF):

    Line    = Level D [Xref D] Tag [D LineVal] EOL
    Level   = "0" / nonzero *digit
    Xref    = "@" 1*tagchar "@"            ; but not "@VOID@"
    Tag     = ucletter *tagchar / "_" 1*tagchar      ; tagchar = A-Z 0-9 _
    LineVal = pointer / lineStr            ; pointer = "@VOID@" / Xref
    lineStr = (nonAt / "@@") *nonEOL       ; a leading "@" doubled; never empty
    EOL     = CR LF / CR / LF

  and no banned character anywhere (C0 controls but TAB, CR and LF; DEL; C1; surrogates;
  U+FFFE and U+FFFF); a byte-order mark only first. A document is HEAD first and TRLR last
  (neither with a value); each level is at most one more than the line before; only records
  (level 0) have an xref, each xref once; multi-line values continue on CONT lines right after
  their line, one level down, with no xref; there is no CONC.

GEDCOM 5.5.1 (chapter 1, "gedcom_line" and its rules):

    gedcom_line := level + delim + [xref_ID + delim] + tag + [delim + line_value] + terminator
    level       := 0 to 99, no leading zero
    xref_ID     := "@" + alphanum + *pointer_char + "@"   ; at most 22 characters with the @s
    tag         := 1*alphanum                              ; A-Z a-z 0-9 _, at most 31 characters
    line_value  := pointer / 1*(any_char / "@@" / escape) ; escape := "@#" text "@" non_at
    terminator  := CR / LF / CR LF / LF CR

  where any_char is no control character (0x00-0x1F, TAB included, and DEL; we also refuse the
  C1 controls, surrogates and U+FFFE/U+FFFF that 7.0 bans); a whole line, level to terminator,
  is at most 255 characters. As in 7.0: HEAD first, TRLR last, levels step down one at a time,
  each xref once, CONT and CONC right after the line they continue, one level down, with no xref.

Two rules are tighter than the 5.5.1 text, because readers (ours among them) split a line at
its spaces: an xref holds no space, and an escape ends before the end of its line (the spec's
escape takes the character after its closing "@").
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "Problem", "check_lines", "valid_tag", "valid_xref", "BANNED", "BANNED_551", "XREF_RE", "MAX_LINE_551",
    "MAX_XREF_551", "MAX_TAG_551", "MAX_LEVEL_551",
]

MAX_LINE_551 = 255  # characters in a whole line, level to terminator
MAX_XREF_551 = 22  # characters in an xref, its two "@" included
MAX_TAG_551 = 31
MAX_LEVEL_551 = 99

# characters no line may hold in 7.0 (CR and LF end lines); 5.5.1 refuses TAB as well
BANNED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BANNED_551 = re.compile("[\x00-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_TAG7 = re.compile(r"[A-Z][A-Z0-9_]*|_[A-Z0-9_]+")
_TAG5 = re.compile(r"[A-Za-z0-9_]{1,31}")
_XREF7 = re.compile(r"@[A-Z0-9_]+@")
# pointer_char: any but "@", space and the banned characters
_XREF5 = re.compile("@[A-Za-z0-9_][^@ \t\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]{0,19}@")
XREF_RE = {"7.0": _XREF7, "5.5.1": _XREF5}  # a whole xref (or pointer) of each version
_LEVEL7 = re.compile(r"0|[1-9][0-9]*")
_LEVEL5 = re.compile(r"0|[1-9][0-9]?")
# a 5.5.1 line item: characters but "@", doubled "@@", and "@#...@" escapes followed by a character
_ITEM5 = re.compile(r"(?:[^@]|@@|@#(?:[^@]|@@)+@(?=[^@]))+")
_EOL7 = re.compile(r"(\r\n|\r|\n)")
_EOL5 = re.compile(r"(\r\n|\n\r|\r|\n)")
_CONTINUATIONS = frozenset(("CONT", "CONC"))


class Problem(NamedTuple):
    """One place where a text breaks the line grammar: its line number (from 1) and what is wrong."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def valid_tag(tag: str, version: str) -> bool:
    """True when `tag` may stand as a tag in a line of GEDCOM `version` ("7.0" or "5.5.1")."""
    return (_TAG7 if version == "7.0" else _TAG5).fullmatch(tag) is not None


def valid_xref(xref: str, version: str) -> bool:
    """True when `xref` may stand as a cross-reference identifier (or a pointer) in GEDCOM `version`.

    "@VOID@" is a valid pointer in 7.0 but no record's xref; the caller tells them apart.
    """
    return XREF_RE[version].fullmatch(xref) is not None


def check_lines(text: str, version: str, limit: int = 100) -> list[Problem]:
    """Every way `text` breaks the line grammar of GEDCOM `version` ("7.0" or "5.5.1"), at most `limit`.

    The text is as it would be in the file (terminators included; a leading byte-order mark
    allowed). An empty list means every line is well formed and the lines make a document.
    """
    if version not in ("7.0", "5.5.1"):
        raise ValueError(f"no line grammar for GEDCOM version {version!r}; choose 7.0 or 5.5.1")
    return _Checker(version == "7.0", limit).check(text)


class _Checker:
    def __init__(self, v7: bool, limit: int) -> None:
        self.v7 = v7
        self.limit = limit
        self.problems: list[Problem] = []
        self.name = "GEDCOM 7.0" if v7 else "GEDCOM 5.5.1"

    def add(self, line: int, message: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(Problem(line, message))

    def check(self, text: str) -> list[Problem]:
        if text[:1] == "\ufeff":
            text = text[1:]
        parts = (_EOL7 if self.v7 else _EOL5).split(text)
        lines, ends = parts[0::2], parts[1::2]
        if lines and lines[-1] == "":
            lines.pop()
        elif lines:
            self.add(len(lines), "the last line has no line terminator")
        if not lines:
            self.add(1, "the text is empty: a document needs a HEAD and a TRLR")
            return self.problems
        banned = BANNED if self.v7 else BANNED_551
        previous = -1  # the level of the line before
        owner = -1  # the level of the line that CONT/CONC lines may continue here, -1 if none
        xrefs: set[str] = set()
        trailer = 0  # the line of the TRLR, once seen
        last: tuple[int, str] | None = None  # level and tag of the last line
        for n, line in enumerate(lines, 1):
            if len(self.problems) >= self.limit:
                return self.problems
            if trailer > 0:
                self.add(n, f"a line after the TRLR of line {trailer}")
                trailer = -1  # said once
            bad = banned.search(line)
            if bad is not None:
                self.add(n, f"character U+{ord(bad.group()):04X} is not allowed in {self.name}")
            if not self.v7 and len(line) + len(ends[n - 1] if n <= len(ends) else "") > MAX_LINE_551:
                self.add(n, f"the line is {len(line)} characters long, its terminator apart; "
                            f"{self.name} allows {MAX_LINE_551} in all")
            parsed = self.line(n, line)
            if parsed is None:
                owner = -1
                last = None
                continue
            level, xref, tag, value = parsed
            last = (level, tag)
            if n == 1 and last != (0, "HEAD"):
                self.add(n, "the first line is not '0 HEAD'")
            if level > previous + 1:
                self.add(n, f"level {level} after level {previous}: a level may rise by one at a time")
            previous = level
            if tag in _CONTINUATIONS:
                if tag == "CONC" and self.v7:
                    self.add(n, "CONC does not exist in GEDCOM 7.0 (only CONT)")
                if owner < 0 or level != owner + 1:
                    self.add(n, f"{tag} does not follow the line it continues (one level up)")
                if xref:
                    self.add(n, f"{tag} has an xref {xref}")
                continue
            owner = level
            if level == 0 and tag in ("HEAD", "TRLR"):
                if value or xref:
                    self.add(n, f"{tag} has {'a value' if value else 'an xref'}")
                if tag == "HEAD" and n != 1:
                    self.add(n, "a second HEAD")
                if tag == "TRLR":
                    trailer = trailer or n
                    owner = -1
            if xref:
                if self.v7 and level:
                    self.add(n, f"xref {xref} on a substructure (GEDCOM 7.0 gives xrefs to records only)")
                if xref in xrefs:
                    self.add(n, f"xref {xref} is used by an earlier line too")
                xrefs.add(xref)
        if last != (0, "TRLR"):
            self.add(len(lines), "the last line is not '0 TRLR'")
        return self.problems

    def line(self, n: int, line: str) -> tuple[int, str, str, str] | None:
        """Level, xref, tag and value of a well-formed line; None (reported) when it cannot be split."""
        level_text, sep, rest = line.partition(" ")
        if not (_LEVEL7 if self.v7 else _LEVEL5).fullmatch(level_text):
            what = "a blank line" if not line else f"level {level_text[:20]!r} is not a level of {self.name}"
            self.add(n, what + (" (0 to 99, no leading zero)" if not self.v7 and line else ""))
            return None
        if not sep or not rest:
            self.add(n, "the line has no tag")
            return None
        xref = ""
        if rest[0] == "@":
            xref, sep, rest = rest.partition(" ")
            if not sep or not rest:
                self.add(n, f"xref {xref[:30]!r} is not followed by a tag")
                return None
            if self.v7 and xref == "@VOID@":
                self.add(n, "@VOID@ is the null pointer, never an xref")
            elif not valid_xref(xref, "7.0" if self.v7 else "5.5.1"):
                rule = "@, then A-Z 0-9 _, then @" if self.v7 else \
                    f"@, a letter, digit or _, no space or @, then @; at most {MAX_XREF_551} characters"
                self.add(n, f"xref {xref[:30]!r} is not an xref of {self.name} ({rule})")
        tag, sep, value = rest.partition(" ")
        if not valid_tag(tag, "7.0" if self.v7 else "5.5.1"):
            rule = "A-Z first, or _ and more; then A-Z 0-9 _" if self.v7 else \
                f"A-Z a-z 0-9 _, at most {MAX_TAG_551} characters"
            self.add(n, f"tag {tag[:40]!r} is not a tag of {self.name} ({rule})")
        if sep and not value:
            self.add(n, "a space after the tag but no value")
        elif value:
            self.value(n, value)
        return int(level_text), xref, tag, value

    def value(self, n: int, value: str) -> None:
        if self.v7:
            if value[0] == "@" and value[:2] != "@@" and _XREF7.fullmatch(value) is None:
                self.add(n, f"value {value[:30]!r} starts with one '@' but is no pointer (text doubles it)")
            return
        if "@" not in value or (value[0] == "@" and valid_xref(value, "5.5.1")):
            return
        if _ITEM5.fullmatch(value) is None:
            self.add(n, f"value {value[:30]!r} has an '@' that is neither doubled, nor a pointer, "
                        "nor an @#...@ escape followed by text")
