"""One builder per kind of record: people, families, sources, repositories, media, shared notes, the rest."""

from __future__ import annotations

import re

from familytree.gedcom.fields import (
    ASSOCIATION_LINE,
    CHILD_LINE,
    CITATION_LINE,
    EVENT_LINE,
    FAM_EVENTS,
    HUSBAND_LINE,
    INDI_EVENTS,
    KEPT_LINE,
    MEDIA_LINE,
    NAME_LINE,
    NOTE_LINE,
    PARENTS_LINE,
    PARTNER_LINE,
    REPOSITORY_FIELDS,
    SEX_LINE,
    SOURCE_FIELDS,
    WIFE_LINE,
)
from familytree.gedcom.lexer import Node, is_pointer, to_structure
from familytree.gedcom.reading import NOTES, Appenders, Reading, anchor, pad_anchors, read_line, stripped
from familytree.gedcom.substructures import Substructures
from familytree.model import (
    Association,
    ChildRef,
    ChildRelation,
    Citation,
    Family,
    Media,
    Note,
    Person,
    Repository,
    Sex,
    Source,
    Structure,
    stored_list,
)

__all__ = ["RecordBuilder", "PersonBuilder", "FamilyBuilder", "SourceBuilder", "RepositoryBuilder",
           "MediaBuilder", "SharedNoteBuilder", "OtherRecordBuilder"]

_PERSON = Appenders(Person)
_person_extra = stored_list(Person, "extra")  # (None while empty)
_ASSOCIATION = Appenders(Association)
_FAMILY = Appenders(Family)
_SOURCE = Appenders(Source)
_REPOSITORY = Appenders(Repository)
_MEDIA = Appenders(Media)
_PEDIGREES = {
    "BIRTH": ChildRelation.BIRTH, "NATURAL": ChildRelation.BIRTH, "BIOLOGICAL": ChildRelation.BIRTH,
    "ADOPTED": ChildRelation.ADOPTED, "FOSTER": ChildRelation.FOSTER, "SEALING": ChildRelation.SEALING,
    "STEP": ChildRelation.STEP, "STEPCHILD": ChildRelation.STEP, "OTHER": ChildRelation.OTHER,
    "UNKNOWN": ChildRelation.UNKNOWN,
}
_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.OTHER, "U": Sex.UNKNOWN,
          "MALE": Sex.MALE, "FEMALE": Sex.FEMALE}
_PLAIN_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.OTHER}
# A citation line of a SEX run on as its CONT text ("1 SEX F" / "2 CONT 2 SOUR @S454@"), as the
# willis files of the corpus have them, in a header naming Family Tree Maker for Mac
_RUN_ON_CITATION = re.compile(r"[0-9]{1,2} SOUR (@[^@\s]+@)[ \t]*")
# a family's partner lines: the field each fills and its letter in the family's line order
_PARTNERS = {"HUSB": ("husband_id", HUSBAND_LINE), "WIFE": ("wife_id", WIFE_LINE)}


class RecordBuilder:
    """Reads records of one kind into the reading's tree."""

    __slots__ = ("reading", "parts")

    def __init__(self, reading: Reading, parts: Substructures) -> None:
        self.reading = reading
        self.parts = parts

    def read(self, record: Node) -> None:
        raise NotImplementedError

    def pointer(self, node: Node) -> str:
        """The line's value as a pointer, mended (and reported) when malformed; else the value as it is."""
        value = stripped(node.value)
        return value if is_pointer(value) else self.reading.repaired(node, value)

    def link(self, node: Node) -> str:
        """The record the line points to; "" when it points nowhere (@VOID@) or is no pointer (reported)."""
        value = node.value
        if value.__class__ is str:  # (self.pointer, inlined: a 100,000-person file has 240,000 links)
            value = value.strip()
        if not is_pointer(value):
            value = self.reading.repaired(node, value)
            if not is_pointer(value):
                self.reading.bad_pointer(node)
                return ""
        if value != "@VOID@":
            return self.reading.ids.setdefault(value, value)
        return ""

    def line_order(self, order: list[str]) -> str:
        text = "".join(order)
        return self.reading.strings.setdefault(text, text)


class PersonBuilder(RecordBuilder):
    """INDI records: names, sex, events, family links, associations and evidence."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        # the hottest code of a load: one call per person, so locals and plain cases first
        reading = self.reading
        p = Person(reading.record_id(record, "INDI"), line=record.line)
        if record.value:
            reading.value_on_record(record)
        events = p.events
        parts = self.parts
        event = parts.event
        # p.file_order: a letter per line saying which list it went to (KEPT_LINE: kept as read in extra)
        order: list[str] = []
        kind = order.append
        sexed = False
        late: list[Citation] | None = None  # citations recovered from a SEX line, added after the file's own
        for c in record.children:
            tag = c.tag
            if tag in INDI_EVENTS:
                events.append(event(c))
                kind(EVENT_LINE)
            elif tag == "NAME":
                p.names.append(parts.name(c))
                kind(NAME_LINE)
            elif tag == "SEX":
                value = c.value
                sex = _PLAIN_SEXES.get(value)
                if sex is not None and p.sex is Sex.UNKNOWN and not c.children:
                    p.sex = sex
                else:
                    cited = self._sex(p, c, not sexed)
                    if cited:
                        sex, late = p.sex, cited
                if sexed or (sex is None and value.strip(" \t").upper() not in _SEXES):
                    kind(KEPT_LINE)
                else:
                    sexed = True
                    kind(SEX_LINE)
            elif tag == "FAMS" or tag == "FAMC":
                fid = self.link(c)
                if not fid:
                    _PERSON.extra(p, to_structure(c))
                    kind(KEPT_LINE)
                elif tag == "FAMC":
                    self._famc(p, c, fid)
                    kind(PARENTS_LINE)
                else:
                    if c.children:
                        pad_anchors(p.family_ids, _person_extra(p), "FAMS", fid, _PERSON.extra, p)
                        _PERSON.extra(p, anchor(c, c.children, fid))
                    p.family_ids.append(fid)
                    kind(PARTNER_LINE)
            elif tag == "SOUR":
                _PERSON.citations(p, parts.citation(c))
                kind(CITATION_LINE)
            elif tag in NOTES:
                _PERSON.notes(p, parts.note(c))
                kind(NOTE_LINE)
            elif tag == "OBJE":
                _PERSON.media(p, parts.media_ref(c))
                kind(MEDIA_LINE)
            elif tag == "ASSO":
                kind(ASSOCIATION_LINE if self._association(p, c) else KEPT_LINE)
            else:
                _PERSON.extra(p, to_structure(c))
                kind(KEPT_LINE)
        if late:
            for citation in late:
                _PERSON.citations(p, citation)
        p.file_order = self.line_order(order)
        reading.add_record(reading.tree.people, p)

    def _sex(self, p: Person, node: Node, first: bool) -> list[Citation] | None:
        """Read a SEX line but the plainest; the citations recovered from its CONT lines, if any.

        A line break makes the value no sex ("M" + CONT is kept as read), unless every line
        after the first is a citation line (`_RUN_ON_CITATION`): then the first is the sex and
        the others become citations of the person, written back as lines of their own.
        """
        text = node.value.strip(" \t")
        cited: list[Citation] | None = None
        if "\n" in text and first and p.sex is Sex.UNKNOWN:
            text, cited = self._run_on_citations(node, text)
        sex = _SEXES.get(text.upper())
        if sex is None or p.sex is not Sex.UNKNOWN:
            if sex is None:
                self.reading.diags.add(node.line, f"unknown SEX value {text!r}; kept as it is", "unknown sex")
            _PERSON.extra(p, to_structure(node))
            return None
        p.sex = sex
        if sex is Sex.UNKNOWN or node.children or text != sex.value:
            # an explicit "U", a lower-case "m": written back as read
            _PERSON.extra(p, anchor(node, node.children, text if cited else None))
        return cited

    def _run_on_citations(self, node: Node, text: str) -> tuple[str, list[Citation] | None]:
        """A sex followed by citation lines run on as CONT text: the sex, and the citations (reported)."""
        first, *rest = text.split("\n")
        first = first.strip(" \t")
        found = [_RUN_ON_CITATION.fullmatch(line) for line in rest]
        if first.upper() not in _SEXES or not all(found):
            return text, None
        ids = self.reading.ids
        cited = [Citation(source_id=ids.setdefault(m.group(1), m.group(1))) for m in found if m]
        lines = f"{len(cited)} citation line{'s' if len(cited) > 1 else ''}"
        self.reading.diags.add(
            node.line, f"SEX {first!r} has {lines} run on as its CONT text ({rest[0].strip()!r}); read as "
                       f"the sex and {lines.replace(' line', '')} of the person", "citations run on into SEX")
        return first, cited

    def _famc(self, p: Person, node: Node, fid: str) -> None:
        """A FAMC pointing to fid (a pointer, not @VOID@)."""
        if not node.children:
            p.parent_family_ids.append(fid)
            return
        pad_anchors(p.parent_family_ids, _person_extra(p), "FAMC", fid, _PERSON.extra, p)
        p.parent_family_ids.append(fid)
        rest: list[Structure] = []
        for c in node.children:
            if c.tag == "PEDI":
                rest.append(self._pedigree(p, c, fid))
            else:
                rest.append(to_structure(c))
        if rest:
            _PERSON.extra(p, Structure("FAMC", fid, children=rest, line=node.line, continues=True,
                                       pointer=True))

    def _pedigree(self, p: Person, node: Node, fid: str) -> Structure:
        """Note a PEDI for the family's link to its child (settled at the end); return the line to keep."""
        text = node.value.strip()
        phrase = ""
        others = []
        for g in node.children:
            if g.tag in self.reading.phrase_tags and not phrase:
                phrase = g.value
            else:
                others.append(g)
        relation = _PEDIGREES.get(text.upper())
        if relation is None:
            relation, phrase = ChildRelation.OTHER, phrase or text
        elif relation is ChildRelation.OTHER and "step" in phrase.lower():
            relation = ChildRelation.STEP
        self.reading.pedigrees.append((fid, p.id, relation, phrase, node.line))
        return Structure("PEDI", text, children=[to_structure(g) for g in others], line=node.line,
                         continues=True)

    def _association(self, p: Person, node: Node) -> bool:
        """Add an ASSO; False when it does not point to a person (then it is kept as read)."""
        pid = stripped(node.value)
        if not is_pointer(pid) or pid == "@VOID@":
            _PERSON.extra(p, to_structure(node))
            return False
        a = Association(pid)
        parts = self.parts
        for c in node.children:
            tag = c.tag
            if (tag == "ROLE" or tag == "RELA") and not a.relation and c.value:
                a.relation = c.value
                rest = []
                for g in c.children:
                    if g.tag in self.reading.phrase_tags and not a.phrase:
                        a.phrase = g.value
                    else:
                        rest.append(g)
                if rest:
                    _ASSOCIATION.extra(a, anchor(c, rest))
            elif tag == "SOUR":
                _ASSOCIATION.citations(a, parts.citation(c))
            elif tag in NOTES:
                _ASSOCIATION.notes(a, parts.note(c))
            else:
                _ASSOCIATION.extra(a, to_structure(c))
        _PERSON.associations(p, a)
        return True


class FamilyBuilder(RecordBuilder):
    """FAM records: partners, children, events and evidence."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        f = Family(reading.record_id(record, "FAM"), line=record.line)
        if record.value:
            reading.value_on_record(record)
        parts = self.parts
        order: list[str] = []  # f.file_order, one letter per line as for a person
        kind = order.append
        kids: set[str] = set()
        for c in record.children:
            tag = c.tag
            if tag == "CHIL":
                cid = self.link(c)
                if cid:
                    if cid in kids:
                        reading.diags.add(c.line, f"{f.id} lists {cid} as a child more than once",
                                          "child twice")
                    kids.add(cid)
                    f.children.append(ChildRef(cid, extra=[to_structure(g) for g in c.children])
                                      if c.children else ChildRef(cid))
                    kind(CHILD_LINE)
                else:
                    _FAMILY.extra(f, to_structure(c))
                    kind(KEPT_LINE)
            elif tag in FAM_EVENTS:
                f.events.append(parts.event(c))
                kind(EVENT_LINE)
            elif (tag == "HUSB" or tag == "WIFE") and c.value:
                kind(self._partner(f, c))
            elif tag == "SOUR":
                _FAMILY.citations(f, parts.citation(c))
                kind(CITATION_LINE)
            elif tag in NOTES:
                _FAMILY.notes(f, parts.note(c))
                kind(NOTE_LINE)
            elif tag == "OBJE":
                _FAMILY.media(f, parts.media_ref(c))
                kind(MEDIA_LINE)
            else:
                _FAMILY.extra(f, to_structure(c))
                kind(KEPT_LINE)
        f.file_order = self.line_order(order)
        reading.add_record(reading.tree.families, f)

    def _partner(self, f: Family, node: Node) -> str:
        """Read a HUSB or WIFE line; return its letter in the family's line order."""
        attribute, letter = _PARTNERS[node.tag]
        pid = self.pointer(node)
        if is_pointer(pid) and pid != "@VOID@" and not getattr(f, attribute):
            setattr(f, attribute, self.reading.ids.setdefault(pid, pid))
            if node.children:
                _FAMILY.extra(f, anchor(node, node.children, pid))
            return letter
        if pid != "@VOID@" and not is_pointer(pid):
            self.reading.bad_pointer(node)
        elif pid != "@VOID@":
            self.reading.diags.add(node.line, f"{f.id} has a second {node.tag}; kept as it is but not used",
                                   "second partner")
        _FAMILY.extra(f, to_structure(node))
        return KEPT_LINE


class SourceBuilder(RecordBuilder):
    """SOUR records: title, author, publication and the rest of what a source says of itself."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        s = Source(reading.record_id(record, "SOUR"))
        reading.value_on_record(record)
        for c in record.children:
            tag = c.tag
            if tag == "REPO":
                s.repositories.append(to_structure(c))
            elif tag in NOTES:
                _SOURCE.notes(s, self.parts.note(c))
            elif tag == "OBJE":
                _SOURCE.media(s, self.parts.media_ref(c))
            else:
                read_line(s, SOURCE_FIELDS, c, _SOURCE.extra)
        reading.add_record(reading.tree.sources, s)


class RepositoryBuilder(RecordBuilder):
    """REPO records: name, address and notes."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        r = Repository(reading.record_id(record, "REPO"))
        reading.value_on_record(record)
        for c in record.children:
            if c.tag in NOTES:
                _REPOSITORY.notes(r, self.parts.note(c))
            else:
                read_line(r, REPOSITORY_FIELDS, c, _REPOSITORY.extra)
        reading.add_record(reading.tree.repositories, r)


class MediaBuilder(RecordBuilder):
    """OBJE records: files, notes and citations."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        m = Media(reading.record_id(record, "OBJE"), line=record.line)
        reading.value_on_record(record)
        parts = self.parts
        for c in record.children:
            tag = c.tag
            if tag == "FILE":
                path, form, title, rest = parts.file(c)
                if rest:
                    pad_anchors([f[0] for f in m.files], m.extra, "FILE", path, _MEDIA.extra, m)
                    _MEDIA.extra(m, Structure("FILE", path, children=rest, line=c.line, continues=True))
                m.files.append((path, form, title))
            elif tag in NOTES:
                _MEDIA.notes(m, parts.note(c))
            elif tag == "SOUR":
                _MEDIA.citations(m, parts.citation(c))
            else:
                _MEDIA.extra(m, to_structure(c))
        reading.add_record(reading.tree.media, m)


class SharedNoteBuilder(RecordBuilder):
    """SNOTE records, and 5.5.1 NOTE records."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        note = self.parts.note_body(record, Note(record.value, id=reading.record_id(record, record.tag)))
        reading.add_record(reading.tree.notes, note)


class OtherRecordBuilder(RecordBuilder):
    """Records the model has no class for (SUBM, _LOC...): kept as read, in their place in the file."""

    __slots__ = ()

    def read(self, record: Node) -> None:
        reading = self.reading
        s = to_structure(record)
        s.xref = reading.record_id(record, record.tag)
        reading.tree.other_records.append(s)
        reading.tree.record_order.append(s.xref)
