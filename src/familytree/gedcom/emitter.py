"""Structures as the lines of one GEDCOM version: levels, xrefs, tags, CONT and CONC, and their mends."""

from __future__ import annotations

import re

from familytree.gedcom.grammar import BANNED, MAX_LEVEL_551, MAX_LINE_551, MAX_TAG_551, valid_tag, valid_xref
from familytree.gedcom.lexer import is_pointer
from familytree.gedcom.writing import NOT_TAGCHAR, UNLIMITED, Writing, ascii_folded, plain, shown
from familytree.model import Severity, Structure, stored_list

__all__ = ["LineEmitter"]

_MAX_551 = MAX_LINE_551 - 2  # the longest 5.5.1 line, level to value: 255 with its CRLF
# 5.5.1 escapes like "@#DJULIAN@ " stay as they are (the grammar wants a character after one);
# any other "@" is doubled
_ESCAPE_RE = re.compile(r"(@#[^@]+@)(?=[^@])|@")
_CONTINUATIONS = frozenset(("CONT", "CONC"))
# extension tags with a meaning to the reader: a mended tag never becomes one
_OWN_TAGS = frozenset(("_PHRASE", "_TRAN", "_HOME", "_ROOT", "_HOMEPERSON", "_ROOTPERSON"))
# (read without making an empty list for the structures written by the thousand)
_children = stored_list(Structure, "children")


class LineEmitter:
    """The lines of one writing, each valid by its version's line grammar; what was mended is reported."""

    def __init__(self, writing: Writing) -> None:
        self.writing = writing
        self.v7 = writing.v7
        self.version = writing.version
        self.lines: list[str] = []
        self.tags_ok: set[str] = set()  # tags seen valid in this version
        self.tag_fixes: dict[str, str] = {}  # tag as read -> tag written, for the invalid ones
        self.max_level = UNLIMITED if self.v7 else MAX_LEVEL_551
        self.where = ""  # the record being written and its line, for diagnostics
        self.where_line = 0

    def text(self) -> str:
        """The lines emitted, each ended as the version wants (LF in 7.0, CRLF in 5.5.1)."""
        eol = "\n" if self.v7 else "\r\n"
        return eol.join(self.lines) + eol

    def emit(self, root: Structure, line: int = 0) -> None:
        """Serialise a record, iteratively (kept structures may nest thousands deep).

        Each line is made valid on the way: tags and xrefs the version does not allow are
        renamed, control characters replaced, 5.5.1 levels kept within 99 (see the helpers).
        `line`: where the record was read, for the mends reported (default: its own line).
        """
        self.where, self.where_line = root.xref or root.tag, line or root.line
        out = self.lines
        todo: list[tuple[Structure, int]] = [(root, 0)]
        v7 = self.v7
        tags_ok = self.tags_ok
        pointers = self.writing.pointers
        renames = self.writing.renames
        max_level = self.max_level
        file_paths = self.writing.file_paths
        while todo:
            s, lv = todo.pop()
            tag = s.tag
            if tag not in tags_ok:
                tag = self._tag(s)
            at = lv if lv < max_level else self._level(s, lv)
            xref = s.xref
            if xref:
                # (a record's xref is one read, checked on starting, or a fresh one)
                xref = (renames.get(xref, xref) if renames else xref) if not lv else self._sub_xref(s)
            head = f"{at} {xref} {tag}" if xref else f"{at} {tag}"
            value = s.value
            if file_paths and s.tag == "FILE":  # a photo packed into a GEDZIP, or the GEDCOM moved
                value = file_paths.get(value, value)
            if not value:
                out.append(head)
            elif "@" not in value:
                if value.isprintable() and (v7 or len(value) + len(head) < _MAX_551):
                    out.append(f"{head} {value}")  # the common case: one plain line
                else:
                    self._value_lines(head, at, value, s)
            else:
                pointer: str | None = ""
                if (s.pointer or value[0] == "@") and value.__class__ is str:  # (not lexer.Text: escaped)
                    pointer = pointers.get(value)
                    if pointer is None:
                        pointer = self._pointer(value, s.pointer)
                if pointer:
                    out.append(f"{head} {pointer}")
                else:
                    self._value_lines(head, at, value, s)
            children = _children(s)
            if children:
                lv += 1
                for c in reversed(children):
                    todo.append((c, lv))

    def _value_lines(self, head: str, level: int, value: str, s: Structure) -> None:
        out = self.lines
        v7 = self.v7
        cont = f"{level + 1} CONT"
        if "\r" in value:  # a CR alone would end the line in any reader: CR, CRLF and LF are all line breaks
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if not v7 and "\t" in value:
            value = value.replace("\t", " ")
            self._mended(s, "tabs in the value written as spaces (GEDCOM 5.5.1 allows no tab)", "tab")
        if BANNED.search(value):
            # replaced, not dropped: what was unreadable stays so ("M\0" is no sex, "2\0" no quality)
            value = BANNED.sub("\ufffd", value)
            self._mended(s, f"control characters in the value written as U+FFFD (GEDCOM {self.version} bans "
                            "them)", "control characters")
        for i, part in enumerate(value.split("\n")):
            spans: list[tuple[int, int]] = []
            if "@" in part:
                if v7:
                    if part[0] == "@":
                        part = "@" + part  # 7.0 escapes only a leading "@"
                elif "@#" in part:
                    part, spans = _escaped_551(part)
                else:
                    part = part.replace("@", "@@")  # 5.5.1: every "@" in text is doubled
            prefix = head if i == 0 else cont
            if not part:
                out.append(prefix)
                continue
            if v7 or len(prefix) + 1 + len(part) <= _MAX_551:
                out.append(f"{prefix} {part}")
                continue
            conc = f"{level + 1} CONC"
            lead, pos, size = prefix, 0, len(part)
            while pos < size:  # positions, not slices of the rest: a 50 MB line stays linear
                # (heads are short: tags and xrefs are cut to the 5.5.1 limits, levels kept to 99)
                end = pos + max(_MAX_551 - len(lead) - 1, 8)
                if end < size:
                    end = _conc_cut(part, pos, end, spans)
                out.append(f"{lead} {part[pos:end]}")
                lead, pos = conc, end

    # -- mending what the version does not allow -------------------------------------------
    def _mended(self, s: Structure, what: str, kind: str, severity: Severity = Severity.WARNING) -> None:
        where = plain(self.where)
        if self.where not in (s.xref, s.tag):
            where = f"{where} {plain(s.tag)}"
        self.writing.problems.add(s.line or self.where_line, f"{where}: {what}", kind, severity)

    def _tag(self, s: Structure) -> str:
        """The tag of s as written: itself when the version allows it, else an extension tag after it."""
        tag = s.tag
        new = self.tag_fixes.get(tag)
        if new is None:
            if valid_tag(tag, self.version) and tag not in _CONTINUATIONS:
                self.tags_ok.add(tag)
                return tag
            clean = NOT_TAGCHAR.sub("_", ascii_folded(tag)).strip("_") or "X"
            new = ("_" + (clean.upper() if self.v7 else clean))[:MAX_TAG_551 - 2]
            if new.upper() in _OWN_TAGS:
                new += "_X"  # ("\tPHRASE" is no phrase: _PHRASE would be read as one)
            self.tag_fixes[tag] = new
        self._mended(s, f"tag {shown(tag)} is not a GEDCOM {self.version} tag; written as {new}",
                     "tag renamed")
        return new

    def _level(self, s: Structure, level: int) -> int:
        """The level of a 5.5.1 line nested past 99: 99, or 98 when its value needs continuation lines."""
        value = s.value
        at = MAX_LEVEL_551 if not value or (len(value) < 90 and "\n" not in value and "\r" not in value) \
            else MAX_LEVEL_551 - 1
        if at < level:
            self._mended(s, f"nested {level} levels deep, more than GEDCOM 5.5.1 allows; written at "
                            f"level {at}, beside the structure it was under", "level over 99")
        return at

    def _sub_xref(self, s: Structure) -> str:
        """The xref written on the line of a substructure: renamed if 5.5.1 does not allow it; none
        in 7.0 (it gives xrefs to records only), nor when another line has it."""
        xref = s.xref
        writing = self.writing
        if xref not in writing.renames and not self.v7:
            if not valid_xref(xref, self.version) or xref == "@VOID@" or not is_pointer(xref):
                return writing.rename(xref)  # (a new name no other line has)
            if xref not in writing.taken:
                writing.taken.add(xref)  # no fresh xref may take it
                return xref
        why = "GEDCOM 7.0 gives xrefs to records only" if self.v7 else "another line has it"
        self._mended(s, f"the xref {shown(xref)} of a substructure is left out ({why})",
                     "substructure xref", Severity.INFO)
        return ""

    def _pointer(self, value: str, link: bool) -> str:
        """The pointer written for a value that looks like one ("" when it is text), remembered.

        `link`: the value is a link (a pointer by the model or as read), which may be the xref of
        a record though no pointer can be ("@I\x01@"): it follows the record's new name.
        """
        renames = self.writing.renames
        if not is_pointer(value):
            renamed = renames.get(value) if value != "@VOID@" else None
            if renamed is not None:  # (not remembered: a link here, text elsewhere)
                return renamed if link else ""
            written = ""
        elif value == "@VOID@" or valid_xref(value, self.version):
            written = value  # (a record "@VOID@" is renamed: the pointer means none)
        else:
            written = renames.get(value) or self.writing.rename(value)
        self.writing.pointers[value] = written
        return written


def _conc_cut(part: str, start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """Where to end a CONC piece of an escaped 5.5.1 value that runs from start past end.

    Not inside an "@@" (each line is unescaped on its own) nor inside an "@#...@ " escape
    (`spans`, with the character after it); if it can be helped, not before or after a space
    either (some readers strip it).
    """
    for spaces in (True, False):
        cut = end
        while cut > start:
            spaced = spaces and (part[cut] == " " or part[cut - 1] == " ")
            if not spaced and _cuttable(part, start, cut, spans):
                return cut
            cut -= 1
    return end  # (never: a piece of two characters or more always has a place)


def _cuttable(part: str, start: int, cut: int, spans: list[tuple[int, int]]) -> bool:
    run = 0  # the "@"s just before the cut: "@@" pairs are whole when there is an even number
    while run < cut - start and part[cut - 1 - run] == "@":
        run += 1
    if run % 2:
        return False
    return not any(a < cut < b for a, b in spans)


def _escaped_551(part: str) -> tuple[str, list[tuple[int, int]]]:
    """A 5.5.1 text with its "@" doubled but for "@#...@ " escapes, and where those escapes are."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    last = 0
    for m in _ESCAPE_RE.finditer(part):
        out.append(part[last:m.start()])
        size += m.start() - last
        if m.group(1):
            out.append(m.group(1))
            spans.append((size, size + len(m.group(1)) + 1))  # with the character after it
            size += len(m.group(1))
        else:
            out.append("@@")
            size += 2
        last = m.end()
    out.append(part[last:])
    return "".join(out), spans
