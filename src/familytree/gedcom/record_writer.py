"""The records of a tree as structures of one version: header, people, families, sources, media..."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from familytree.gedcom.fields import (
    ASSOCIATION_LINE,
    CHILD_LINE,
    CITATION_LINE,
    EVENT_LINE,
    FAMILY_LINE_ORDER,
    HUSBAND_LINE,
    KEPT_LINE,
    MEDIA_LINE,
    NAME_LINE,
    NOTE_LINE,
    PARENTS_LINE,
    PARTNER_LINE,
    PERSON_LINE_ORDER,
    SEX_LINE,
    WIFE_LINE,
)
from familytree.gedcom.merging import anchored, merged
from familytree.gedcom.reader import is_generated_id
from familytree.gedcom.substructure_writer import SubstructureWriter, line
from familytree.gedcom.writing import Writing
from familytree.model import (
    ChildRef,
    ChildRelation,
    Family,
    Media,
    Note,
    Person,
    Repository,
    Sex,
    Source,
    Structure,
)

__all__ = ["RecordWriter", "stamp", "stamped"]

_PROGRAM = "familytree"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_PEDI_7 = {ChildRelation.BIRTH: "BIRTH", ChildRelation.ADOPTED: "ADOPTED", ChildRelation.FOSTER: "FOSTER",
           ChildRelation.SEALING: "SEALING"}
_NEEDS_XREF = frozenset(("INDI", "FAM", "SOUR", "REPO", "OBJE", "NOTE", "SNOTE", "SUBM", "SUBN"))
_HEAD_DROP = frozenset(("SOUR", "DATE", "GEDC", "CHAR", "FILE"))
_HEAD_ONLY_551 = frozenset(("FILE", "SUBN"))
# the records both versions give a CHAN (and 7.0 a CREA)
_DATED = frozenset(("INDI", "FAM", "SOUR", "REPO", "OBJE", "NOTE", "SNOTE", "SUBM"))


class RecordWriter:
    """Each record of one writing as a structure: regenerated from the model, with what was kept as read."""

    def __init__(self, writing: Writing) -> None:
        self.writing = writing
        self.v7 = writing.v7
        self.tree = writing.tree
        self.xref = writing.record_xref
        self.new_records = writing.new_records
        self.parts = SubstructureWriter(writing)
        self.child_refs: dict[tuple[str, str], ChildRef] | None = None  # (family, child) -> its link

    def header(self, now: datetime.datetime | None) -> Structure:
        """The HEAD record: ours but for what the file's header had that is kept (its LANG, its extras)."""
        from familytree import __version__

        h = self.tree.header
        children = [line("GEDC", "", [line("VERS", "7.0" if self.v7 else "5.5.1")]
                         + ([] if self.v7 else [line("FORM", "LINEAGE-LINKED")]))]
        if not self.v7:
            children.append(line("CHAR", "UTF-8"))
        children.append(line("SOUR", _PROGRAM, [line("VERS", __version__), line("NAME", "familytree")]))
        children.append(stamp(now, self.v7))
        if h.language:
            children.append(line("LANG", h.language))
        for e in h.extra:
            if e.tag in _HEAD_DROP or (self.v7 and e.tag in _HEAD_ONLY_551):
                continue
            if not self.v7 and e.tag == "SCHMA":
                continue
            children.append(e)
        if not self.v7 and not any(c.tag == "SUBM" for c in children):
            # 5.5.1 requires a submitter: the file's own if it has one, else a minimal one
            subm = next((r.xref for r in self.tree.other_records if r.tag == "SUBM"), "")
            if not subm or is_generated_id(subm):
                subm = self.xref(subm) if subm else self.writing.unused_or("@SUBM@")
                if not any(r.tag == "SUBM" for r in self.tree.other_records):
                    self.new_records.append(line("SUBM", "", [line("NAME", "familytree")], xref=subm))
            children.append(line("SUBM", subm, pointer=True))
        return line("HEAD", "", children)

    def in_order(self) -> Iterator[tuple[str, Any, Callable[[Any], Structure]]]:
        """Every record but the header, as (id, object, the method making it a structure): in the order
        of the file read, then those added since reading, kind by kind."""
        tree = self.tree
        tables: list[tuple[dict[str, Any], Callable[[Any], Structure]]] = [
            (tree.people, self.person), (tree.families, self.family), (tree.sources, self.source),
            (tree.repositories, self.repository), (tree.media, self.media), (tree.notes, self.shared_note),
        ]
        others = {s.xref: s for s in tree.other_records}
        written: set[str] = set()
        for rid in tree.record_order:
            if rid in written:
                continue
            for table, build in tables:
                obj = table.get(rid)
                if obj is not None:
                    written.add(rid)
                    yield rid, obj, build
                    break
            else:
                s = others.get(rid)
                if s is not None:
                    written.add(rid)
                    yield rid, s, self.other
        for table, build in tables:  # records added since reading
            for rid, obj in table.items():
                if rid not in written:
                    written.add(rid)
                    yield rid, obj, build
        for s in tree.other_records:
            if s.xref not in written:
                written.add(s.xref)
                yield s.xref, s, self.other

    def person(self, p: Person) -> Structure:
        groups: dict[str, list[Structure]] = {NAME_LINE: [self.parts.name(n, "NAME") for n in p.names]}
        groups[SEX_LINE] = [line("SEX", p.sex.value)] \
            if p.sex is not Sex.UNKNOWN or anchored(p.extra, "SEX") is not None else []
        groups[EVENT_LINE] = [self.parts.event(e) for e in p.events]
        famc = groups[PARENTS_LINE] = []
        seen: set[str] = set()
        anchors = {e.value: e for e in reversed(p.extra) if e.continues and e.tag == "FAMC"}
        for fid in p.parent_family_ids:
            if fid in seen:
                # a repeated link keeps its own PEDI as read
                famc.append(line("FAMC", self.xref(fid), pointer=True))
            else:
                seen.add(fid)
                famc.append(self._famc(p, fid, anchors.get(fid)))
        groups[PARTNER_LINE] = [line("FAMS", self.xref(fid), pointer=True) for fid in p.family_ids]
        groups[ASSOCIATION_LINE] = [self.parts.association(a) for a in p.associations]
        groups[CITATION_LINE] = [self.parts.citation(c) for c in p.citations]
        groups[NOTE_LINE] = [self.parts.note(n) for n in p.notes]
        groups[MEDIA_LINE] = [self.parts.media_ref(m) for m in p.media]
        children = self._in_order(p.file_order, PERSON_LINE_ORDER, groups, p.extra)
        return line("INDI", "", children, xref=self.xref(p.id))

    def _in_order(self, order: str, canonical: str, groups: dict[str, list[Structure]],
                  extra: list[Structure]) -> list[Structure]:
        """The generated lines and kept structures, in the order the file had them (`order`).

        Lines the file did not have (added since reading) follow in the canonical order.
        """
        generated = [s for kind in canonical for s in groups[kind]]
        lines = merged(list(generated), extra)
        groups[KEPT_LINE] = lines[len(generated):]  # kept structures written on their own
        if not order:
            return lines
        queues = {kind: iter(items) for kind, items in groups.items()}
        out = []
        for kind in order:
            item = next(queues[kind], None) if kind in queues else None
            if item is not None:
                out.append(item)
        for kind in canonical + KEPT_LINE:
            out.extend(queues[kind])
        return out

    def _famc(self, p: Person, fid: str, anchor: Structure | None) -> Structure:
        s = line("FAMC", self.xref(fid), pointer=True)
        if self.child_refs is None:
            self.child_refs = {}
            for fam in self.tree.families.values():
                for r in reversed(fam.children):
                    self.child_refs[(fam.id, r.person_id)] = r  # the first ref of a child wins
        ref = self.child_refs.get((fid, p.id))
        relation, phrase = (ref.relation, ref.phrase) if ref is not None else (ChildRelation.BIRTH, "")
        explicit = anchor is not None and any(c.tag == "PEDI" for c in anchor.children)
        if relation is ChildRelation.BIRTH and not phrase and not explicit:
            return s
        if self.v7:
            value = _PEDI_7.get(relation, "OTHER")
            if value == "OTHER" and not phrase:
                phrase = relation.value.lower()
            pedi = line("PEDI", value, [line("PHRASE", phrase)] if phrase else [])
        else:
            # 5.5.1 writes the file's own word back; the standard ones in the spec's lower case
            own = phrase and relation in (ChildRelation.OTHER, ChildRelation.STEP)
            word = phrase if own else relation.value
            pedi = line("PEDI", word.lower() if word.isupper() else word,
                        [line("_PHRASE", phrase)] if phrase and not own else [])
        s.children.append(pedi)
        return s

    def family(self, f: Family) -> Structure:
        groups: dict[str, list[Structure]] = {
            HUSBAND_LINE: [line("HUSB", self.xref(f.husband_id), pointer=True)] if f.husband_id else [],
            WIFE_LINE: [line("WIFE", self.xref(f.wife_id), pointer=True)] if f.wife_id else [],
            CHILD_LINE: [line("CHIL", self.xref(r.person_id), list(r.extra), pointer=True)
                         for r in f.children],
            EVENT_LINE: [self.parts.event(e) for e in f.events],
            CITATION_LINE: [self.parts.citation(c) for c in f.citations],
            NOTE_LINE: [self.parts.note(n) for n in f.notes],
            MEDIA_LINE: [self.parts.media_ref(m) for m in f.media],
        }
        children = self._in_order(f.file_order, FAMILY_LINE_ORDER, groups, f.extra)
        return line("FAM", "", children, xref=self.xref(f.id))

    def source(self, s: Source) -> Structure:
        ch: list[Structure] = []
        for tag, value in (("AUTH", s.author), ("TITL", s.title), ("ABBR", s.abbreviation),
                           ("PUBL", s.publication), ("TEXT", s.text)):
            if value:
                ch.append(line(tag, value))
        ch.extend(s.repositories)
        self.parts.evidence(ch, [], s.notes, s.media)
        return line("SOUR", "", merged(ch, s.extra), xref=self.xref(s.id))

    def repository(self, r: Repository) -> Structure:
        ch: list[Structure] = []
        if r.name:
            ch.append(line("NAME", r.name))
        if r.address:
            ch.append(line("ADDR", r.address))
        ch.extend(self.parts.note(n) for n in r.notes)
        return line("REPO", "", merged(ch, r.extra), xref=self.xref(r.id))

    def media(self, m: Media) -> Structure:
        ch: list[Structure] = []
        for path, form, title in m.files:
            ch.append(self.parts.file(path, form, title))
        self.parts.evidence(ch, m.citations, m.notes, [])
        return line("OBJE", "", merged(ch, m.extra), xref=self.xref(m.id))

    def shared_note(self, n: Note) -> Structure:
        s = self.parts.note_structure(n, "SNOTE" if self.v7 else "NOTE")
        s.xref = self.xref(n.id)
        return s

    def other(self, s: Structure) -> Structure:
        """A record the model does not interpret, as read (5.5.1 gives xrefs only to the standard ones)."""
        xref = self.xref(s.xref) if s.tag in _NEEDS_XREF or not is_generated_id(s.xref) else ""
        return Structure(s.tag, s.value, xref, s.children, s.line, s.pointer)


def stamp(now: datetime.datetime | None, v7: bool) -> Structure:
    """The header's DATE of a writing at `now` (default: the current time), with its TIME."""
    now = now or datetime.datetime.now(datetime.UTC)
    return line("DATE", f"{now.day} {_MONTHS[now.month - 1]} {now.year}",
                [line("TIME", now.strftime("%H:%M:%S") + ("Z" if v7 else ""))])


def stamped(record: Structure, now: datetime.datetime, v7: bool, created: bool = False) -> Structure:
    """`record` as changed at `now`: its CHAN's DATE and TIME then, what else the CHAN has (a NOTE) kept.

    A record of a standard kind without a CHAN gets one, at its end; a 7.0 record `created` since
    reading a CREA as well. The structures of `record` are not changed (the model may hold them).
    """
    children = list(record.children)
    at = next((i for i, c in enumerate(children) if c.tag == "CHAN"), None)
    if at is not None:
        chan = children[at]
        children[at] = Structure("CHAN", chan.value, chan.xref,
                                 [stamp(now, v7), *(c for c in chan.children if c.tag != "DATE")], chan.line)
    elif record.tag in _DATED:
        if created and v7 and not any(c.tag == "CREA" for c in children):
            children.append(line("CREA", "", [stamp(now, v7)]))
        children.append(line("CHAN", "", [stamp(now, v7)]))
    else:
        return record
    return Structure(record.tag, record.value, record.xref, children, record.line, record.pointer)
