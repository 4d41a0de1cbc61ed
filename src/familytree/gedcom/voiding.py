"""Pointers of a 7.0 writing to records the file does not have: written @VOID@, with where they pointed."""

from __future__ import annotations

from collections.abc import Container

from familytree.gedcom.lexer import Diagnostics, is_pointer
from familytree.gedcom.schema7 import PAYLOADS, RECORDS, SUBSTRUCTURES
from familytree.model import Severity, Structure, stored_list

__all__ = ["voided"]

_HEAD = RECORDS["HEAD"]
_MAX_DEPTH = 120  # as conform7: only files nested thousands deep go past it (written as read)
_children = stored_list(Structure, "children")
_POINTERS = frozenset(uri for uri, kind in PAYLOADS.items() if kind == "pointer")


def _holding() -> frozenset[str]:
    """The structures that may have a pointer somewhere under them (the others are not walked)."""
    holding: set[str] = set()
    grew = True
    while grew:
        grew = False
        for uri, under in SUBSTRUCTURES.items():
            if uri not in holding and any(u in _POINTERS or u in holding for u in under.values()):
                holding.add(uri)
                grew = True
    return frozenset(holding)


_HOLDING = _holding()
# structure -> {tag: (the structure it names, whether it may have a pointer under it, whether it is
# one)}, for the tags that are either
_TABLE: dict[str, dict[str, tuple[str, bool, bool]]] = {
    uri: {tag: (u, u in _HOLDING, u in _POINTERS) for tag, u in under.items()
          if u in _HOLDING or u in _POINTERS}
    for uri, under in SUBSTRUCTURES.items()}


def voided(record: Structure, records: Container[str], problems: Diagnostics, line: int = 0,
           claimed: Container[str] = ()) -> Structure:
    """`record` with each pointer to none of `records` (the xrefs as read of the records written)
    made "@VOID@", as GEDCOM 7.0 wants of a pointer whose record is not in the file.

    Where it pointed is kept: in a PHRASE of the pointer where 7.0 allows one (HUSB, WIFE, CHIL,
    ASSO, ALIA), else in a NOTE under it (FAMS, FAMC, a citation, a repository's), else in a NOTE
    beside it (OBJE, SNOTE, SUBM, ANCI, DESI). The header, which may have one note only, loses its
    SUBM or SNOTE pointing nowhere. Each is reported in `problems`. Extension structures are
    written as read. `record` is not changed (the model may hold its structures). `line`: where the
    record was read, for what is reported (default: its own line). `claimed`: families a person names
    as theirs (FAMS) without being in them: their HUSB and WIFE pointing nowhere are written as read,
    for a reader puts such a person in the place left empty, and the next save would differ.
    """
    uri = RECORDS.get(record.tag)
    if uri is None or not record.children:
        return record
    keep = _PARTNERS if record.tag == "FAM" and record.xref in claimed else frozenset()
    return _voided(record, uri, 0, records, _Report(problems, record, line or record.line), keep)


_PARTNERS = frozenset({"HUSB", "WIFE"})


class _Report:
    __slots__ = ("problems", "record", "line")

    def __init__(self, problems: Diagnostics, record: Structure, line: int) -> None:
        self.problems = problems
        self.record = record
        self.line = line

    def __call__(self, s: Structure, pointer: str, how: str) -> None:
        where = self.record.xref or self.record.tag
        self.problems.add(s.line or self.line, f"{where} {s.tag} points to {pointer}, which is not "
                                                      f"in the file; {how}", "pointer to no record",
                          Severity.INFO)


def _voided(s: Structure, uri: str, depth: int, records: Container[str], report: _Report,
            keep: frozenset[str] = frozenset()) -> Structure:
    children = _children(s)
    table = _TABLE.get(uri)
    if not children or not table or depth > _MAX_DEPTH:
        return s
    out: list[Structure] | None = None
    for i, c in enumerate(children):
        entry = table.get(c.tag)
        if entry is None:  # (nothing to change under it: an extension, a date, a tag 7.0 has not here)
            if out is not None:
                out.append(c)
            continue
        curi, holding, pointing = entry
        fixed: Structure | None = _voided(c, curi, depth + 1, records, report) \
            if holding and _children(c) else c
        beside: Structure | None = None
        value = c.value
        if pointing and value.__class__ is str:  # (not lexer.Text, escaped text)
            value = value.strip()
            if value != "@VOID@" and value not in records and is_pointer(value) and c.tag not in keep:
                fixed, beside = _void(c, fixed or c, value, uri, curi, report)
        if fixed is c and out is None:
            continue
        if out is None:
            out = list(children[:i])
        if fixed is not None:
            out.append(fixed)
        if beside is not None:
            out.append(beside)
    if out is None:
        return s
    return Structure(s.tag, s.value, s.xref, out, s.line, s.pointer)


def _void(c: Structure, fixed: Structure, pointer: str, uri: str, curi: str,
          report: _Report) -> tuple[Structure | None, Structure | None]:
    """The pointer line c (its children as `fixed` has them) made @VOID@, and the NOTE to put after it."""
    if uri == _HEAD:
        report(c, pointer, "left out")  # (a header has room for one note: the file's own)
        return None, None
    said = f"pointed to {pointer}, which is not in the file"
    sub = SUBSTRUCTURES.get(curi, {})
    kids = list(_children(fixed) or ())
    beside = None
    if "PHRASE" in sub and not any(k.tag == "PHRASE" for k in kids):
        kids.insert(0, Structure("PHRASE", said))
        report(c, pointer, "written @VOID@ with a PHRASE saying so")
    elif "NOTE" in sub:
        kids.insert(_note_place(kids, curi), Structure("NOTE", said))
        report(c, pointer, "written @VOID@ with a NOTE saying so")
    else:  # (each structure that has such a pointer has room for notes)
        beside = Structure("NOTE", f"{c.tag} {said}")
        report(c, pointer, "written @VOID@ with a NOTE after it saying so")
    return Structure(c.tag, "@VOID@", c.xref, kids, c.line, True), beside


def _note_place(kids: list[Structure], uri: str) -> int:
    """Where a note goes among a pointer's lines: where the writer puts the notes of that structure
    once read back, so a file written from what was written is the same. A citation's lines the
    model holds (PAGE, a DATA with a date or text, EVEN, QUAY, OBJE, notes) come first, in that order;
    what it keeps as read (an empty DATA, extensions) after them."""
    if uri != "SOUR":
        return len(kids)
    place = 0
    for i, k in enumerate(kids):
        if k.tag in _CITATION_LINES or (k.tag == "DATA" and _children(k)):
            place = i + 1
        else:
            break
    return place


_CITATION_LINES = frozenset({"PAGE", "EVEN", "QUAY", "OBJE", "NOTE", "SNOTE"})
