"""The Tree: owns every record by id and answers the basic family questions fast."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field
from enum import StrEnum

from familytree.model.records import (
    ChildRef,
    ChildRelation,
    Citation,
    Family,
    Media,
    Note,
    NoteLike,
    NoteRef,
    Person,
    Repository,
    Source,
    Structure,
)
from familytree.model.slotted import slotted

__all__ = ["Tree", "Header", "Diagnostic", "Severity"]


class Severity(StrEnum):
    """How bad a problem is; the value is the word shown in the Problems dock and `info --json`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@slotted(frozen=True)
class Diagnostic:
    """Something the reader could not take as it was: where, and what it means."""

    line: int
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@slotted
class Header:
    version: str = "7.0"  # GEDC.VERS as read ("5.5.1", "5.5", "7.0"); "" when absent
    encoding_declared: str = ""  # CHAR as written in the file
    encoding_detected: str = ""  # the codec actually used to decode
    source_system: str = ""
    language: str = ""
    home_person_id: str = ""  # a starting person named by the file (e.g. _HOME / _ROOT), if any
    extra: list[Structure] = field(default_factory=list)  # the rest of HEAD, kept verbatim


@slotted
class Tree:
    """All records of one file, by xref, with the order they were read in.

    The family links live in two places, as in GEDCOM (FAMC/FAMS on people,
    HUSB/WIFE/CHIL on families); `check()` reports where they disagree and
    `link()` makes them agree.
    """

    people: dict[str, Person] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)  # shared notes
    media: dict[str, Media] = field(default_factory=dict)
    repositories: dict[str, Repository] = field(default_factory=dict)
    other_records: list[Structure] = field(default_factory=list)  # SUBM, _LOC, ... kept verbatim
    header: Header = field(default_factory=Header)
    record_order: list[str] = field(default_factory=list)  # xrefs in file order, for writing back
    diagnostics: list[Diagnostic] = field(default_factory=list)
    path: str = ""  # the file this tree was read from, if any

    # -- adding --------------------------------------------------------------
    def add_person(self, person: Person) -> Person:
        if person.id in self.people:
            raise ValueError(f"duplicate person id {person.id}")
        self.people[person.id] = person
        self.record_order.append(person.id)
        return person

    def add_family(self, family: Family) -> Family:
        if family.id in self.families:
            raise ValueError(f"duplicate family id {family.id}")
        self.families[family.id] = family
        self.record_order.append(family.id)
        return family

    def add_source(self, source: Source) -> Source:
        self.sources[source.id] = source
        self.record_order.append(source.id)
        return source

    def add_note(self, note: Note) -> Note:
        self.notes[note.id] = note
        self.record_order.append(note.id)
        return note

    # -- family questions (no graph library: these are on the start-up path) -----
    def parent_families(self, person_id: str) -> list[Family]:
        p = self.people.get(person_id)
        if p is None:
            return []
        return [self.families[f] for f in p.parent_family_ids if f in self.families]

    def partner_families(self, person_id: str) -> list[Family]:
        p = self.people.get(person_id)
        if p is None:
            return []
        return [self.families[f] for f in p.family_ids if f in self.families]

    def parents(self, person_id: str, birth_only: bool = False) -> list[str]:
        out: list[str] = []
        for fam in self.parent_families(person_id):
            if birth_only and self.child_relation(fam, person_id) is not ChildRelation.BIRTH:
                continue
            for pid in fam.partner_ids:
                if pid in self.people and pid not in out:
                    out.append(pid)
        return out

    def children(self, person_id: str) -> list[str]:
        out: list[str] = []
        for fam in self.partner_families(person_id):
            for cid in fam.child_ids:
                if cid in self.people and cid not in out:
                    out.append(cid)
        return out

    def partners(self, person_id: str) -> list[str]:
        out: list[str] = []
        for fam in self.partner_families(person_id):
            for pid in fam.partner_ids:
                if pid != person_id and pid in self.people and pid not in out:
                    out.append(pid)
        return out

    def siblings(self, person_id: str) -> list[str]:
        """Full and half siblings, in the order of their families' child lists."""
        out: list[str] = []
        parents = dict.fromkeys(self.parents(person_id))  # in order: a set's order changes with the hash seed
        fams = list(self.parent_families(person_id))
        for parent in parents:
            fams.extend(self.partner_families(parent))
        seen: set[str] = set()
        for fam in fams:
            if fam.id in seen:
                continue
            seen.add(fam.id)
            for cid in fam.child_ids:
                if cid != person_id and cid in self.people and cid not in out:
                    out.append(cid)
        return out

    @staticmethod
    def child_relation(family: Family, person_id: str) -> ChildRelation:
        for c in family.children:
            if c.person_id == person_id:
                return c.relation
        return ChildRelation.UNKNOWN

    # -- evidence --------------------------------------------------------------
    def resolve_note(self, note: NoteLike) -> Note | None:
        if isinstance(note, NoteRef):
            return self.notes.get(note.note_id)
        return note

    def note_texts(self, notes: list[NoteLike]) -> list[str]:
        out = []
        for n in notes:
            r = self.resolve_note(n)
            if r is not None and r.text:
                out.append(r.text)
        return out

    def cited_source(self, citation: Citation) -> str:
        """What a citation cites, as a reference line starts: the source record's author, title and
        publication; the text of a 5.5.1 source written in place; or what is missing.

        GEDCOM 7 writes `SOUR @VOID@` for a citation whose source is not recorded.
        """
        source = self.sources.get(citation.source_id) if citation.source_id else None
        if source is not None:
            return source.display()
        text = " ".join(citation.description.split())
        if text:
            return text
        if citation.source_id and citation.source_id != "@VOID@":
            return f"{citation.source_id} (source record missing)"
        return "(source not recorded)"

    def person_citations(self, person_id: str) -> list[Citation]:
        """Every citation about a person: on the person, their names and events."""
        p = self.people.get(person_id)
        if p is None:
            return []
        out: list[Citation] = list(p.citations)
        for n in p.names:
            out.extend(n.citations)
        for e in p.events:
            out.extend(e.citations)
        return out

    # -- integrity --------------------------------------------------------------
    def check(self) -> list[Diagnostic]:
        """Report dangling and one-sided links without changing anything."""
        out: list[Diagnostic] = []
        self._check_people(self._child_sets(), out, [])
        self._family_members(out, link=False)
        return out

    def link(self) -> None:
        """Make people's FAMC/FAMS lists and families' member lists agree.

        Pointers to records that do not exist are left in place (so they are
        written back) but ignored by every query above.
        """
        children = self._child_sets()
        self._family_members(None, link=True)
        self._link_people(children, self.people.values())

    def check_and_link(self) -> list[Diagnostic]:
        """`check()` then `link()`, sharing their work (what a reader does with every file)."""
        children = self._child_sets()
        out: list[Diagnostic] = []
        one_sided: list[Person] = []
        self._check_people(children, out, one_sided)
        self._family_members(out, link=True)
        self._link_people(children, one_sided)
        return out

    def _missing(self, xref: str, wanted: str, others: dict[str, str]) -> str:
        """Why a link to `xref` leads nowhere: no such record, or a record of another kind
        ("FAMC @S1@" names a source). `others`: the other records' kinds by xref, filled on
        first need and shared by one check."""
        tables = ((self.people, "person"), (self.families, "family"), (self.sources, "source"),
                  (self.notes, "note"), (self.media, "media object"), (self.repositories, "repository"))
        kind = next((k for table, k in tables if xref in table), "")
        if not kind and self.other_records:
            if not others:
                others.update((r.xref, f"{r.tag} record") for r in self.other_records if r.xref)
            kind = others.get(xref, "")
        return f"which is a {kind}, not a {wanted}" if kind and kind != wanted else "which does not exist"

    def _child_sets(self) -> dict[str, set[str]]:
        # member sets once per family: files with 100,000 people are checked at every load
        return {f.id: {c.person_id for c in f.children} for f in self.families.values()}

    def _check_people(self, children: dict[str, set[str]], out: list[Diagnostic],
                      one_sided: list[Person]) -> None:
        """Report people's links to families that do not exist or do not list them.

        The people whose lists name a family that does not list them go to one_sided.
        """
        families = self.families
        others: dict[str, str] = {}
        for p in self.people.values():
            pid = p.id
            flagged = False
            for fid in p.parent_family_ids:
                kids = children.get(fid)
                if kids is None:
                    out.append(Diagnostic(p.line, f"{pid} is a child of {fid}, "
                                                  f"{self._missing(fid, 'family', others)}"))
                elif pid not in kids:
                    flagged = True
                    out.append(Diagnostic(p.line, f"{pid} names {fid} as parents' family, "
                                                  f"but {fid} does not list {pid} as a child"))
            for fid in p.family_ids:
                fam = families.get(fid)
                if fam is None:
                    out.append(Diagnostic(p.line, f"{pid} is a partner in {fid}, "
                                                  f"{self._missing(fid, 'family', others)}"))
                elif pid != fam.husband_id and pid != fam.wife_id:
                    flagged = True
                    out.append(Diagnostic(p.line, f"{pid} names {fid} as own family, "
                                                  f"but {fid} does not list {pid} as a partner"))
            if flagged:
                one_sided.append(p)

    def _family_members(self, out: list[Diagnostic] | None, link: bool) -> None:
        """Report (into out, if given) family members that do not exist; with link, add each
        family to its members' lists where missing."""
        people = self.people
        others: dict[str, str] = {}
        # Short lists are scanned; long ones get a membership set, so that the (bad) file
        # where one person is a partner in 100,000 families still links in linear time.
        sets: dict[int, set[str]] = {}
        for f in self.families.values():
            fid = f.id
            for pid in (f.husband_id, f.wife_id):
                if not pid:
                    continue
                p = people.get(pid)
                if p is None:
                    if out is not None:
                        out.append(Diagnostic(f.line, f"{fid} refers to {pid}, "
                                                      f"{self._missing(pid, 'person', others)}"))
                elif link:
                    ids = p.family_ids
                    if len(ids) >= 16:
                        _add_link(ids, fid, sets)
                    elif fid not in ids:
                        ids.append(fid)
            for c in f.children:
                p = people.get(c.person_id)
                if p is None:
                    if out is not None:
                        out.append(Diagnostic(f.line, f"{fid} refers to {c.person_id}, "
                                                  f"{self._missing(c.person_id, 'person', others)}"))
                elif link:
                    ids = p.parent_family_ids
                    if len(ids) >= 16:
                        _add_link(ids, fid, sets)
                    elif fid not in ids:
                        ids.append(fid)

    def _link_people(self, children: dict[str, set[str]], people: Iterable[Person]) -> None:
        """Add these people to the families their lists name that do not list them.

        Families' lists only ever add to people's lists, so the people `_check_people`
        found fine need nothing here.
        """
        families = self.families
        for p in people:
            pid = p.id
            for fid in p.parent_family_ids:
                kids = children.get(fid)
                if kids is not None and pid not in kids:
                    families[fid].children.append(ChildRef(pid))
                    kids.add(pid)
            for fid in p.family_ids:
                fam = families.get(fid)
                if fam is not None and pid != fam.husband_id and pid != fam.wife_id:
                    if not fam.husband_id:
                        fam.husband_id = pid
                    elif not fam.wife_id:
                        fam.wife_id = pid

    # -- misc ----------------------------------------------------------------------
    def default_person_id(self) -> str:
        """Where a chart starts: the file's home person, else its first person with a family.

        Many files begin with a record of their compiler or submitter who has no
        relatives in the file; a chart of that one box tells a new user nothing, so the
        first person with a parent or partner family is taken instead (the first person
        when nobody has one).
        """
        if self.header.home_person_id in self.people:
            return self.header.home_person_id
        for pid in self.people:
            if self.parents(pid) or self.partners(pid) or self.children(pid):
                return pid
        return next(iter(self.people), "")

    def iter_people(self) -> Iterator[Person]:
        return iter(self.people.values())

    def __len__(self) -> int:
        return len(self.people)


def _add_link(ids: list[str], fid: str, sets: dict[int, set[str]]) -> None:
    """Append fid to a long list of a person's families unless it is there already."""
    known = sets.get(id(ids))
    if known is None:
        known = sets[id(ids)] = set(ids)
    if fid not in known:
        ids.append(fid)
        known.add(fid)
