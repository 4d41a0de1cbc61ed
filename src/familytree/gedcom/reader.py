"""Build the model from GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 records; problems become diagnostics.

Where the two versions say the same thing differently, the model gets one meaning:

- NAME (+ TYPE/PHRASE, GIVN SURN NPFX SPFX NSFX NICK, TRAN/LANG) -> Name with translations;
  5.5.1 free-text name types become OTHER with the text as `type_phrase`;
- NOTE text -> Note; 7.0 SNOTE @N@ and 5.5.1 NOTE @N@ -> NoteRef; SNOTE/NOTE records -> tree.notes;
- SOUR @S@ (PAGE, DATA.DATE, DATA.TEXT..., QUAY, EVEN/ROLE) -> Citation; 5.5.1 "SOUR text" (+TEXT)
  -> Citation(description=text, text=[...]);
- FAMC.PEDI (any case; 7.0 OTHER + PHRASE "step" is STEP) -> the ChildRef of that family;
- DATE (+PHRASE) -> Date.parse, calendars and 5.5.1 escapes and dual years included;
- ASSO with 7.0 ROLE (+PHRASE) or 5.5.1 RELA -> Association;
- OBJE pointers and 5.5.1 inline OBJE/FILE/FORM/TITL -> MediaRef; OBJE records -> tree.media.

Everything the model has no field for is kept verbatim in the owning object's
``extra`` list.  When a line the model represents has substructures it does not
(the TIME of a DATE, the STAT of a FAMC), those go into ``extra`` under a
``Structure(tag, value, continues=True)`` so the writer puts them back under it.
Records without an xref, or with one used before, get an id with a space in it
(`is_generated_id`), which no file can contain.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

from familytree.gedcom.encoding import decode_bytes
from familytree.gedcom.gedzip import LIMITS, ZIP_MAGIC, Limits, read_gedcom
from familytree.gedcom.lexer import (
    Diagnostics,
    LoadCancelled,
    Node,
    is_pointer,
    iter_records,
    normalize_newlines,
    repair_xref,
    to_structure,
)
from familytree.model import (
    Association,
    ChildRef,
    ChildRelation,
    Citation,
    Date,
    Event,
    Family,
    Header,
    Media,
    MediaRef,
    Name,
    NameType,
    Note,
    NoteLike,
    NoteRef,
    Person,
    Place,
    Repository,
    Severity,
    Sex,
    Source,
    Structure,
    Tree,
    list_appender,
    split_gedcom_name,
    stored_list,
)

__all__ = [
    "read_file", "read_bytes", "read_text", "LoadCancelled", "is_generated_id", "INDI_EVENTS", "FAM_EVENTS",
]

Progress = Callable[[float], None]
Cancel = Callable[[], bool]

INDI_EVENTS = frozenset((
    "BIRT", "CHR", "BAPM", "DEAT", "BURI", "CREM", "ADOP", "BARM", "BASM", "BLES", "CHRA", "CONF", "FCOM",
    "ORDN", "NATU", "EMIG", "IMMI", "CENS", "PROB", "WILL", "GRAD", "RETI", "EVEN", "CAST", "DSCR", "EDUC",
    "IDNO", "NATI", "NCHI", "NMR", "OCCU", "PROP", "RELI", "RESI", "SSN", "TITL", "FACT",
))
FAM_EVENTS = frozenset((
    "ANUL", "CENS", "DIV", "DIVF", "ENGA", "MARB", "MARC", "MARL", "MARR", "MARS", "EVEN", "RESI", "FACT",
    "NCHI",
))
_NAME_PARTS = {"NPFX": "prefix", "GIVN": "given", "NICK": "nickname", "SPFX": "surname_prefix",
               "SURN": "surname", "NSFX": "suffix"}
NAME_TYPES = {t.value: t for t in NameType if t.value}  # a 5.x TYPE (upper case) as a NameType
NAME_TYPES.update({"NICKNAME": NameType.NICKNAME, "ALSO KNOWN AS": NameType.AKA,
                    "MARRIEDNAME": NameType.MARRIED})
_PEDIGREES = {
    "BIRTH": ChildRelation.BIRTH, "NATURAL": ChildRelation.BIRTH, "BIOLOGICAL": ChildRelation.BIRTH,
    "ADOPTED": ChildRelation.ADOPTED, "FOSTER": ChildRelation.FOSTER, "SEALING": ChildRelation.SEALING,
    "STEP": ChildRelation.STEP, "STEPCHILD": ChildRelation.STEP, "OTHER": ChildRelation.OTHER,
    "UNKNOWN": ChildRelation.UNKNOWN,
}
_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.OTHER, "U": Sex.UNKNOWN,
          "MALE": Sex.MALE, "FEMALE": Sex.FEMALE}
_NOTES = frozenset(("NOTE", "SNOTE"))
_PLAIN_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.OTHER}
_SOURCE_FIELDS = {"TITL": "title", "AUTH": "author", "PUBL": "publication", "ABBR": "abbreviation",
                  "TEXT": "text"}
_TAGS = {t: t for t in INDI_EVENTS | FAM_EVENTS}  # shared tag strings for events
# appenders for the list fields the builders fill (a field that is usually empty stores None, and
# reading it would hand out a stand-in list): one per class and field
_add_cit_extra = list_appender(Citation, "extra")
_add_cit_media = list_appender(Citation, "media")
_add_cit_notes = list_appender(Citation, "notes")
_add_cit_text = list_appender(Citation, "text")
_add_ev_citations = list_appender(Event, "citations")
_add_ev_extra = list_appender(Event, "extra")
_add_ev_media = list_appender(Event, "media")
_add_ev_notes = list_appender(Event, "notes")
_add_f_citations = list_appender(Family, "citations")
_add_f_extra = list_appender(Family, "extra")
_add_f_media = list_appender(Family, "media")
_add_f_notes = list_appender(Family, "notes")
_add_name_citations = list_appender(Name, "citations")
_add_name_extra = list_appender(Name, "extra")
_add_name_notes = list_appender(Name, "notes")
_add_name_translations = list_appender(Name, "translations")
_add_p_associations = list_appender(Person, "associations")
_add_p_citations = list_appender(Person, "citations")
_add_p_extra = list_appender(Person, "extra")
_get_p_extra = stored_list(Person, "extra")
_add_m_extra = list_appender(Media, "extra")
_add_p_media = list_appender(Person, "media")
_add_p_notes = list_appender(Person, "notes")
_MAX_NESTING = 40  # citations in notes in citations...: deeper ones are kept as structures
_HOME_TAGS = frozenset(("_HOME", "_ROOT", "_HOMEPERSON", "_ROOTPERSON"))


def is_generated_id(xref: str) -> bool:
    """True for ids the reader made up for records that had none (they contain a space)."""
    return " " in xref


def read_file(path: str | os.PathLike[str], progress: Progress | None = None,
              cancel: Cancel | None = None, *, limits: Limits = LIMITS) -> Tree:
    """Read a .ged or .gdz file. Raises OSError only for file access; content problems are diagnostics.

    A GEDZIP archive is read from the file as it lies on disk, within `limits`.
    """
    unzipped = None
    with open(path, "rb") as f:
        if f.read(4) == ZIP_MAGIC:
            data, unzipped = read_gedcom(f, limits, cancel)
        else:
            f.seek(0)
            data = f.read()
    # the bytes are let go once decoded: a 100,000-person file is 20 MB of them
    holder = [data]
    del data
    tree = _read_bytes(holder, os.fspath(path), progress, cancel, unzipped)
    tree.path = os.fspath(path)
    return tree


def read_bytes(data: bytes, name: str = "", progress: Progress | None = None,
               cancel: Cancel | None = None) -> Tree:
    """Read GEDCOM (or GEDZIP) bytes; never raises except LoadCancelled."""
    return _read_bytes([data], name, progress, cancel)


def _read_bytes(holder: list[bytes], name: str, progress: Progress | None, cancel: Cancel | None,
                unzipped: list[str] | None = None) -> Tree:
    """Read the bytes in `holder`; `unzipped`: they came out of a GEDZIP archive, with these problems."""
    data = holder.pop()
    if unzipped is None and data[:4] == ZIP_MAGIC:
        data, unzipped = read_gedcom(io.BytesIO(data), cancel=cancel)
    pre = [(0, problem) for problem in unzipped or ()]
    explained = bool(pre) and not data  # an archive that gave no GEDCOM is not "an empty file"
    decoded = decode_bytes(data, cancel)
    del data
    text, decoded.text = decoded.text, ""
    # line ends made LF here, so that only one copy of the text stays alive while reading
    text = normalize_newlines(text)
    tree = _Reader(progress, cancel).read(text, pre + decoded.warnings, explained)
    tree.header.encoding_declared = decoded.declared or tree.header.encoding_declared
    tree.header.encoding_detected = decoded.detected
    tree.path = name
    return tree


def read_text(text: str, name: str = "", progress: Progress | None = None,
              cancel: Cancel | None = None) -> Tree:
    """Read GEDCOM that is already text (the CHAR header is reported but not used)."""
    if text[:1] == "\ufeff":
        text = text[1:]
    tree = _Reader(progress, cancel).read(text, [])
    tree.header.encoding_detected = "text"
    tree.path = name
    return tree


def _sniff_version(lines: list[str]) -> str:
    """HEAD.GEDC.VERS from the first lines, so the lexer knows the @@ rules before HEAD is built."""
    in_gedc = False
    for i, line in enumerate(lines[:2000]):
        parts = line.strip().split(None, 2)
        if len(parts) < 2:
            continue
        if parts[0] == "0" and i > 0 and parts[1] != "HEAD":
            break
        if parts[0] == "1":
            in_gedc = parts[1] == "GEDC"
        elif in_gedc and parts[0] == "2" and parts[1] == "VERS" and len(parts) == 3:
            return parts[2].strip()
    return ""


class _Reader:
    """One reading: the tree being filled, its diagnostics, and links to settle at the end."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.tree = Tree()
        self.diags = Diagnostics()
        self.version7 = False
        self.phrase_tags: tuple[str, ...] = ("PHRASE", "_PHRASE")
        self.seen: set[str] = set()
        self.generated = 0
        self.pedigrees: list[tuple[str, str, ChildRelation, str, int]] = []
        self.dates: dict[str, Date] = {}
        # one string object per xref, place name, given name and surname, however often repeated
        self.ids: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.nesting = 0  # citations, notes and translations being read inside each other

    # -- driver ------------------------------------------------------------------------
    def read(self, text: str, warnings: list[tuple[int, str]], explained: bool = False) -> Tree:
        """Read the text; `explained`: there is no text, for a reason the warnings give."""
        tree = self.tree
        for line, message in warnings:
            self.diags.add(line, message, severity=Severity.ERROR if explained else Severity.WARNING)
        text = normalize_newlines(text)
        version = _sniff_version(text[:200_000].split("\n", 2000))
        self.version7 = version.startswith("7")
        # 5.5.1 has no PHRASE: the writer keeps 7.0 phrases there as _PHRASE
        self.phrase_tags = ("PHRASE",) if self.version7 else ("PHRASE", "_PHRASE")
        tree.header = Header(version="")
        blank = not text or text.isspace()  # not text.strip(): that copies a 20 MB text
        if blank and not explained:
            self.diags.add(0, "the file is empty", severity=Severity.ERROR)
        handlers = {
            "INDI": self._person, "FAM": self._family, "SOUR": self._source, "REPO": self._repository,
            "OBJE": self._media, "SNOTE": self._shared_note, "NOTE": self._shared_note,
        }
        first = True
        ended = 0
        for record in iter_records(text, self.diags, self.version7, self.progress, self.cancel):
            tag = record.tag
            if first:
                first = False
                if tag == "HEAD":
                    self._header(record)
                    continue
                self.diags.add(record.line, "the file does not start with a HEAD record",
                               severity=Severity.ERROR)
            if tag == "HEAD":
                self.diags.add(record.line, "a second HEAD record is ignored")
                continue
            if tag == "TRLR":
                if ended:
                    self.diags.add(record.line, "a second TRLR record is ignored")
                ended = record.line
                continue
            if ended:
                self.diags.add(record.line, "record after the TRLR end-of-file marker; read anyway",
                               "record after TRLR")
            handler = handlers.get(tag)
            if handler is None:
                self._other(record)
            else:
                handler(record)
        if not blank and not ended:
            last = text.count("\n") + (0 if text.endswith("\n") else 1)
            self.diags.add(last, "the file ends without a TRLR record: it may be truncated",
                           severity=Severity.ERROR)
        self._settle_links()
        tree.diagnostics = self.diags.finish()
        return tree

    # -- ids ---------------------------------------------------------------------------
    def _id(self, record: Node, kind: str) -> str:
        xref = record.xref
        if not xref:
            self.generated += 1
            if kind in ("INDI", "FAM", "SOUR", "REPO", "OBJE", "SNOTE", "NOTE") and not self.version7:
                self.diags.add(record.line, f"{kind} record without an xref; it cannot be referred to",
                               "record without xref")
            return f"@{kind} {self.generated}@"
        if xref in self.seen:
            self.generated += 1
            new = f"@{xref.strip('@')} {self.generated}@"
            self.diags.add(record.line, f"{xref} is used by an earlier record too; this {kind} record is "
                                         "kept under a new id and pointers go to the first", "duplicate xref")
            return new
        self.seen.add(xref)
        return self.ids.setdefault(xref, xref)

    # -- header ------------------------------------------------------------------------
    def _header(self, record: Node) -> None:
        h = self.tree.header
        for c in record.children:
            tag = c.tag
            if tag == "GEDC":
                for g in c.children:
                    if g.tag == "VERS" and not h.version:
                        h.version = g.value.strip()
            elif tag == "CHAR":
                h.encoding_declared = c.value.strip()
            elif tag == "LANG" and not h.language:
                h.language = c.value.strip()
            else:
                if tag == "SOUR" and not h.source_system:
                    h.source_system = c.value.strip()
                    name = next((g.value for g in c.children if g.tag == "NAME"), "")
                    if name:
                        h.source_system = f"{name} ({h.source_system})" if h.source_system else name
                elif tag in _HOME_TAGS and is_pointer(_stripped(c.value)):
                    h.home_person_id = _stripped(c.value)
                h.extra.append(to_structure(c))

    # -- records -----------------------------------------------------------------------
    def _person(self, record: Node) -> None:
        # the hottest code of a load: one call per person, so locals and plain cases first
        p = Person(self._id(record, "INDI"), line=record.line)
        if record.value:
            self._value_on_record(record)
        events = p.events
        event = self._event
        ids = self.ids
        # p.file_order: a letter per line saying which list it went to (X: kept as read in extra)
        order: list[str] = []
        kind = order.append
        sexed = False
        for c in record.children:
            tag = c.tag
            if tag in INDI_EVENTS:
                events.append(event(c))
                kind("E")
            elif tag == "NAME":
                p.names.append(self._name(c))
                kind("N")
            elif tag == "SEX":
                value = c.value
                sex = _PLAIN_SEXES.get(value)
                if sex is not None and p.sex is Sex.UNKNOWN and not c.children:
                    p.sex = sex
                else:
                    self._sex(p, c)
                if sexed or (sex is None and value.strip(" \t").upper() not in _SEXES):
                    kind("X")
                else:
                    sexed = True
                    kind("S")
            elif tag == "FAMS" or tag == "FAMC":
                fid = _stripped(c.value)
                if not is_pointer(fid):
                    fid = self._repaired(c, fid)
                if is_pointer(fid) and fid != "@VOID@":
                    if tag == "FAMC":
                        self._famc(p, c, ids.setdefault(fid, fid))
                        kind("C")
                    else:
                        fid = ids.setdefault(fid, fid)
                        if c.children:
                            _pad_anchors(p.family_ids, _get_p_extra(p), "FAMS", fid, _add_p_extra, p)
                            _add_p_extra(p, _anchor(c, c.children, fid))
                        p.family_ids.append(fid)
                        kind("F")
                else:
                    if fid != "@VOID@":
                        self._bad_pointer(c)
                    _add_p_extra(p, to_structure(c))
                    kind("X")
            elif tag == "SOUR":
                _add_p_citations(p, self._citation(c))
                kind("R")
            elif tag in _NOTES:
                _add_p_notes(p, self._note(c))
                kind("O")
            elif tag == "OBJE":
                _add_p_media(p, self._media_ref(c))
                kind("M")
            elif tag == "ASSO":
                kind("A" if self._association(p, c) else "X")
            else:
                _add_p_extra(p, to_structure(c))
                kind("X")
        text = "".join(order)
        p.file_order = self.places.setdefault(text, text)
        self.tree.people[p.id] = p
        self.tree.record_order.append(p.id)

    def _family(self, record: Node) -> None:
        f = Family(self._id(record, "FAM"), line=record.line)
        if record.value:
            self._value_on_record(record)
        ids = self.ids
        order: list[str] = []  # f.file_order, one letter per line as for a person
        kind = order.append
        kids: set[str] = set()
        for c in record.children:
            tag = c.tag
            if tag == "CHIL":
                cid = _stripped(c.value)
                if not is_pointer(cid):
                    cid = self._repaired(c, cid)
                if is_pointer(cid) and cid != "@VOID@":
                    cid = ids.setdefault(cid, cid)
                    if cid in kids:
                        self.diags.add(c.line, f"{f.id} lists {cid} as a child more than once",
                                       "child twice")
                    kids.add(cid)
                    f.children.append(ChildRef(cid, extra=[to_structure(g) for g in c.children])
                                      if c.children else ChildRef(cid))
                    kind("C")
                else:
                    if cid != "@VOID@":
                        self._bad_pointer(c)
                    _add_f_extra(f, to_structure(c))
                    kind("X")
            elif tag in FAM_EVENTS:
                f.events.append(self._event(c))
                kind("E")
            elif (tag == "HUSB" or tag == "WIFE") and c.value:
                pid = _stripped(c.value)
                if not is_pointer(pid):
                    pid = self._repaired(c, pid)
                attr = "husband_id" if tag == "HUSB" else "wife_id"
                if is_pointer(pid) and pid != "@VOID@" and not getattr(f, attr):
                    setattr(f, attr, ids.setdefault(pid, pid))
                    if c.children:
                        _add_f_extra(f, _anchor(c, c.children, pid))
                    kind(tag[0])
                else:
                    if pid != "@VOID@" and not is_pointer(pid):
                        self._bad_pointer(c)
                    elif pid != "@VOID@":
                        self.diags.add(c.line, f"{f.id} has a second {tag}; kept as it is but not used",
                                       "second partner")
                    _add_f_extra(f, to_structure(c))
                    kind("X")
            elif tag == "SOUR":
                _add_f_citations(f, self._citation(c))
                kind("R")
            elif tag in _NOTES:
                _add_f_notes(f, self._note(c))
                kind("O")
            elif tag == "OBJE":
                _add_f_media(f, self._media_ref(c))
                kind("M")
            else:
                _add_f_extra(f, to_structure(c))
                kind("X")
        text = "".join(order)
        f.file_order = self.places.setdefault(text, text)
        self._add(self.tree.families, f)

    def _source(self, record: Node) -> None:
        s = Source(self._id(record, "SOUR"))
        self._value_on_record(record)
        fields = _SOURCE_FIELDS
        for c in record.children:
            tag = c.tag
            attr = fields.get(tag)
            if attr is not None and not getattr(s, attr) and c.value:
                setattr(s, attr, c.value)
                if c.children:
                    s.extra.append(_anchor(c, c.children))
            elif tag == "REPO":
                s.repositories.append(to_structure(c))
            elif tag in _NOTES:
                s.notes.append(self._note(c))
            elif tag == "OBJE":
                s.media.append(self._media_ref(c))
            else:
                s.extra.append(to_structure(c))
        self._add(self.tree.sources, s)

    def _repository(self, record: Node) -> None:
        r = Repository(self._id(record, "REPO"))
        self._value_on_record(record)
        for c in record.children:
            tag = c.tag
            if tag == "NAME" and not r.name and c.value:
                r.name = c.value
                if c.children:
                    r.extra.append(_anchor(c, c.children))
            elif tag == "ADDR" and not r.address and c.value:
                r.address = c.value
                if c.children:
                    r.extra.append(_anchor(c, c.children))
            elif tag in _NOTES:
                r.notes.append(self._note(c))
            else:
                r.extra.append(to_structure(c))
        self._add(self.tree.repositories, r)

    def _media(self, record: Node) -> None:
        m = Media(self._id(record, "OBJE"))
        self._value_on_record(record)
        for c in record.children:
            tag = c.tag
            if tag == "FILE":
                path, form, title, rest = self._file(c)
                if rest:
                    _pad_anchors([f[0] for f in m.files], m.extra, "FILE", path, _add_m_extra, m)
                    m.extra.append(Structure("FILE", path, children=rest, line=c.line, continues=True))
                m.files.append((path, form, title))
            elif tag in _NOTES:
                m.notes.append(self._note(c))
            elif tag == "SOUR":
                m.citations.append(self._citation(c))
            else:
                m.extra.append(to_structure(c))
        self._add(self.tree.media, m)

    def _shared_note(self, record: Node) -> None:
        note = self._note_body(record, Note(record.value, id=self._id(record, record.tag)))
        self._add(self.tree.notes, note)

    def _other(self, record: Node) -> None:
        s = to_structure(record)
        s.xref = self._id(record, record.tag)
        self.tree.other_records.append(s)
        self.tree.record_order.append(s.xref)

    def _add(self, table: dict, obj: object) -> None:  # type: ignore[type-arg]
        table[obj.id] = obj  # type: ignore[attr-defined]
        self.tree.record_order.append(obj.id)  # type: ignore[attr-defined]

    def _value_on_record(self, record: Node) -> None:
        if record.value:
            self.diags.add(record.line, f"{record.tag} record has a value {record.value[:40]!r}, "
                                         "which GEDCOM does not allow; ignored", "value on record")

    def _repaired(self, node: Node, value: str) -> str:
        """A link's malformed pointer ("@I 1@", "@I1") mended as the lexer mends xrefs; else as it is."""
        if len(value) < 3 or value[0] != "@" or value[1] == "#" or (" " in value and value[-1] != "@") \
                or value.__class__ is not str:
            return value  # text ("@N1@ and more", or escaped), a date escape, or nothing like a pointer
        fixed = repair_xref(value)
        if not is_pointer(fixed) or not fixed.isprintable() or not any(ch.isalnum() for ch in fixed):
            return value  # (a CONT line break is no part of a pointer either)
        self.diags.add(node.line, f"malformed pointer {value!r}; read as {fixed}", "malformed pointer")
        return fixed

    def _bad_pointer(self, node: Node) -> None:
        self.diags.add(node.line, f"{node.tag} should point to a record (like @I1@), not "
                                   f"{node.value[:40]!r}; kept as it is", "bad pointer")

    # -- substructures -----------------------------------------------------------------
    def _name(self, node: Node) -> Name:
        value = node.value
        given, surname, suffix = split_gedcom_name(value)
        strings = self.places  # given names and surnames repeat as much as places do
        name = Name(full=value, given=strings.setdefault(given, given),
                    surname=strings.setdefault(surname, surname), suffix=suffix)
        if node.children:
            self._name_body(name, node, node.children)
        return name

    def _name_body(self, name: Name, node: Node, children: list[Node] | tuple[()]) -> None:
        """Read the lines under a NAME (or TRAN: `children` without the LANG already read)."""
        if self._too_deep(node):
            for c in children:
                _add_name_extra(name, to_structure(c))
            return
        self.nesting += 1
        self._name_parts(name, children)
        self.nesting -= 1

    def _name_parts(self, name: Name, children: list[Node] | tuple[()]) -> None:
        given, surname, suffix = name.given, name.surname, name.suffix
        seen: set[str] = set()
        for c in children:
            tag = c.tag
            attr = _NAME_PARTS.get(tag)
            if attr is not None and tag not in seen and c.value:
                seen.add(tag)
                setattr(name, attr, c.value)
                # parts equal to what the NAME value says are only kept to be written back
                if c.children or (tag in ("GIVN", "SURN", "NSFX")
                                   and c.value == {"GIVN": given, "SURN": surname, "NSFX": suffix}[tag]):
                    _add_name_extra(name, _anchor(c, c.children))
            elif tag == "TYPE" and name.type is NameType.NONE and c.value.strip():
                text = c.value.strip()
                t = NAME_TYPES.get(text.upper())
                name.type = t if t is not None else NameType.OTHER
                if t is None or text != t.value:
                    name.type_phrase = text  # the file's own words, written back in 5.5.1
                rest = []
                for g in c.children:
                    if g.tag in self.phrase_tags and (not name.type_phrase or (
                            t is not None and name.type_phrase.upper() == t.value)):
                        name.type_phrase = g.value
                    else:
                        rest.append(g)
                if rest:
                    _add_name_extra(name, _anchor(c, rest))
            elif tag == "TRAN" or tag == "_TRAN":  # _TRAN: how we keep translations in 5.5.1
                tr_given, tr_surname, tr_suffix = split_gedcom_name(c.value)
                tr = Name(full=c.value, given=tr_given, surname=tr_surname, suffix=tr_suffix)
                rest = []
                for g in c.children:
                    if g.tag == "LANG" and not tr.lang and g.value:
                        tr.lang = g.value.strip()
                    else:
                        rest.append(g)
                self._name_body(tr, c, rest)
                _add_name_translations(name, tr)
            elif tag == "SOUR":
                _add_name_citations(name, self._citation(c))
            elif tag in _NOTES:
                _add_name_notes(name, self._note(c))
            elif tag == "LANG" and not name.lang and c.value:
                name.lang = c.value.strip()
            else:
                _add_name_extra(name, to_structure(c))

    def _sex(self, p: Person, node: Node) -> None:
        text = node.value.strip(" \t")  # (a line break makes it no sex: "M" + CONT is kept as read)
        sex = _SEXES.get(text.upper())
        if sex is None or p.sex is not Sex.UNKNOWN:
            if sex is None:
                self.diags.add(node.line, f"unknown SEX value {text!r}; kept as it is", "unknown sex")
            _add_p_extra(p, to_structure(node))
            return
        p.sex = sex
        if sex is Sex.UNKNOWN or node.children or text != sex.value:
            # an explicit "U", a lower-case "m": written back as read
            _add_p_extra(p, _anchor(node, node.children))

    def _famc(self, p: Person, node: Node, fid: str) -> None:
        """A FAMC pointing to fid (a pointer, not @VOID@)."""
        if not node.children:
            p.parent_family_ids.append(fid)
            return
        _pad_anchors(p.parent_family_ids, _get_p_extra(p), "FAMC", fid, _add_p_extra, p)
        p.parent_family_ids.append(fid)
        rest: list[Structure] = []
        for c in node.children:
            if c.tag == "PEDI":
                text = c.value.strip()
                phrase = ""
                others = []
                for g in c.children:
                    if g.tag in self.phrase_tags and not phrase:
                        phrase = g.value
                    else:
                        others.append(g)
                relation = _PEDIGREES.get(text.upper())
                if relation is None:
                    relation, phrase = ChildRelation.OTHER, phrase or text
                elif relation is ChildRelation.OTHER and "step" in phrase.lower():
                    relation = ChildRelation.STEP
                self.pedigrees.append((fid, p.id, relation, phrase, c.line))
                rest.append(Structure("PEDI", text, children=[to_structure(g) for g in others], line=c.line,
                                      continues=True))
            else:
                rest.append(to_structure(c))
        if rest:
            _add_p_extra(p, Structure("FAMC", fid, children=rest, line=node.line, continues=True,
                                     pointer=True))

    def _association(self, p: Person, node: Node) -> bool:
        """Add an ASSO; False when it does not point to a person (then it is kept as read)."""
        pid = _stripped(node.value)
        if not is_pointer(pid) or pid == "@VOID@":
            _add_p_extra(p, to_structure(node))
            return False
        a = Association(pid)
        for c in node.children:
            tag = c.tag
            if (tag == "ROLE" or tag == "RELA") and not a.relation and c.value:
                a.relation = c.value
                rest = []
                for g in c.children:
                    if g.tag in self.phrase_tags and not a.phrase:
                        a.phrase = g.value
                    else:
                        rest.append(g)
                if rest:
                    a.extra.append(_anchor(c, rest))
            elif tag == "SOUR":
                a.citations.append(self._citation(c))
            elif tag in _NOTES:
                a.notes.append(self._note(c))
            else:
                a.extra.append(to_structure(c))
        _add_p_associations(p, a)
        return True

    def _event(self, node: Node) -> Event:
        ev = Event(_TAGS.get(node.tag, node.tag), node.value)
        for c in node.children:
            tag = c.tag
            if tag == "DATE" and ev.date is None:
                date = None if c.children else self.dates.get(c.value)
                ev.date = date if date is not None and date.valid else self._date(c, ev.extra)
            elif tag == "PLAC" and ev.place is None:
                if c.children:
                    ev.place = self._place(c)
                else:
                    name = c.value
                    ev.place = Place(self.places.setdefault(name, name))
            elif tag == "TYPE" and not ev.type and c.value:
                ev.type = c.value
                if c.children:
                    _add_ev_extra(ev, _anchor(c, c.children))
            elif tag == "SOUR":
                _add_ev_citations(ev, self._citation(c))
            elif tag in _NOTES:
                _add_ev_notes(ev, self._note(c))
            elif tag == "AGE" and not ev.age and c.value:
                ev.age = c.value
                if c.children:
                    _add_ev_extra(ev, _anchor(c, c.children))
            elif tag == "CAUS" and not ev.cause and c.value:
                ev.cause = c.value
                if c.children:
                    _add_ev_extra(ev, _anchor(c, c.children))
            elif tag == "AGNC" and not ev.agency and c.value:
                ev.agency = c.value
                if c.children:
                    _add_ev_extra(ev, _anchor(c, c.children))
            elif tag == "OBJE":
                _add_ev_media(ev, self._media_ref(c))
            else:
                _add_ev_extra(ev, to_structure(c))
        return ev

    def _date(self, node: Node, extra: list[Structure]) -> Date:
        if not node.children:
            # Dates repeat a lot ("1850", "ABT 1900"); a Date is immutable, so one can be shared.
            date = self.dates.get(node.value)
            if date is None:
                date = self.dates[node.value] = Date.parse(node.value)
            if not date.valid:
                self.diags.add(node.line, f"date {node.value!r} does not follow the GEDCOM date format; "
                                           "kept as text", "bad date")
            return date
        phrase: Node | None = None
        rest = None
        phrase_tags = self.phrase_tags
        for g in node.children:
            if g.tag in phrase_tags and phrase is None:
                phrase = g
            else:
                if rest is None:
                    rest = []
                rest.append(g)
        date = Date.parse(node.value)
        if phrase is not None:
            if date.valid and date.phrase:  # the value has a phrase of its own ("INT 1700 (then)"): kept
                rest = list(node.children)
            else:
                date = Date.parse(node.value, phrase.value)
        if rest:
            extra.append(_anchor(node, rest))
        if not date.valid:
            self.diags.add(node.line, f"date {node.value!r} does not follow the GEDCOM date format; "
                                       "kept as text", "bad date")
        return date

    def _place(self, node: Node) -> Place:
        place = Place(node.value)
        for c in node.children:
            tag = c.tag
            if tag == "FORM" and not place.form and not c.children and c.value:
                place.form = c.value
            elif tag == "MAP" and not place.latitude and not place.longitude:
                rest = []
                for g in c.children:
                    if g.tag == "LATI" and not place.latitude and not g.children:
                        place.latitude = g.value.strip()
                    elif g.tag == "LONG" and not place.longitude and not g.children:
                        place.longitude = g.value.strip()
                    else:
                        rest.append(g)
                if rest or not c.children:
                    place.extra.append(_anchor(c, rest))
            elif tag == "TRAN" and not c.children[1:] and all(g.tag == "LANG" for g in c.children):
                place.translations.append((c.value, c.children[0].value.strip() if c.children else ""))
            elif tag in _NOTES:
                place.notes.append(self._note(c))
            else:
                place.extra.append(to_structure(c))
        return place

    def _too_deep(self, node: Node) -> bool:
        """True when citations, notes and translations nest too deep to read as objects (kept as read)."""
        if self.nesting < _MAX_NESTING:
            return False
        self.diags.add(node.line, f"sources, notes or translations nested more than {_MAX_NESTING} deep; "
                                   "the deeper ones are kept as read", "nested too deep")
        return True

    def _citation(self, node: Node) -> Citation:
        value = node.value
        pointer = value.__class__ is str and is_pointer(value.strip())  # (not escaped text: lexer.Text)
        cit = Citation(source_id=value.strip()) if pointer else Citation(description=value)
        if self._too_deep(node):
            for c in node.children:
                _add_cit_extra(cit, to_structure(c))
            return cit
        self.nesting += 1
        self._citation_body(cit, node, pointer)
        self.nesting -= 1
        return cit

    def _citation_body(self, cit: Citation, node: Node, pointer: bool) -> None:
        data = False
        for c in node.children:
            tag = c.tag
            if tag == "PAGE" and not cit.page and c.value:
                cit.page = c.value
                if c.children:
                    _add_cit_extra(cit, _anchor(c, c.children))
            elif tag == "DATA" and not c.value and not data:
                data = True  # (a second DATA is kept as read: one is written from the model)
                self._citation_data(cit, c)
            elif tag == "QUAY" and cit.quality is None and c.value.strip() in ("0", "1", "2", "3"):
                cit.quality = int(c.value.strip())
                if c.children:
                    _add_cit_extra(cit, _anchor(c, c.children))
            elif tag == "EVEN" and not cit.event and c.value:
                cit.event = c.value
                rest = []
                for g in c.children:
                    if g.tag == "ROLE" and not cit.role and g.value:
                        cit.role = g.value
                        if g.children:
                            rest.append(_anchor(g, g.children))
                    else:
                        rest.append(to_structure(g))
                if rest:
                    _add_cit_extra(cit, Structure("EVEN", c.value, children=rest, line=c.line,
                                                  continues=True))
            elif tag == "TEXT" and not pointer:
                _add_cit_text(cit, c.value)  # 5.5.1 inline source: TEXT right under SOUR
                if c.children:
                    _add_cit_extra(cit, _anchor(c, c.children))
            elif tag in _NOTES:
                _add_cit_notes(cit, self._note(c))
            elif tag == "OBJE":
                _add_cit_media(cit, self._media_ref(c))
            else:
                _add_cit_extra(cit, to_structure(c))

    def _citation_data(self, cit: Citation, node: Node) -> None:
        rest: list[Structure] = []
        for g in node.children:
            tag = g.tag
            if tag == "DATE" and cit.date is None:
                cit.date = self._date(g, rest)
            elif tag == "TEXT":
                _add_cit_text(cit, g.value)
                if g.children:
                    rest.append(_anchor(g, g.children))
            else:
                rest.append(to_structure(g))
        if rest or not node.children:
            _add_cit_extra(cit, Structure("DATA", "", children=rest, line=node.line, continues=True))

    def _note(self, node: Node) -> NoteLike:
        value = node.value
        if value.__class__ is str and is_pointer(value.strip()):  # (not escaped text: lexer.Text)
            return NoteRef(value.strip(), extra=[to_structure(c) for c in node.children])
        if node.tag == "SNOTE":
            # "1 SNOTE some text": kept as the text it is, not made into a pointer to nowhere
            self.diags.add(node.line, f"SNOTE should point to a shared note (like @N1@), not "
                                       f"{value[:40]!r}; read as a note", "SNOTE without pointer")
        return self._note_body(node, Note(value))

    def _note_body(self, node: Node, note: Note) -> Note:
        if self._too_deep(node):
            note.extra.extend(to_structure(c) for c in node.children)
            return note
        self.nesting += 1
        for c in node.children:
            tag = c.tag
            if tag == "MIME" and not note.mime and not c.children and c.value:
                note.mime = c.value.strip()
            elif tag == "LANG" and not note.lang and not c.children and c.value:
                note.lang = c.value.strip()
            elif tag == "TRAN":
                note.translations.append(self._note_body(c, Note(c.value)))
            elif tag == "SOUR":
                note.citations.append(self._citation(c))
            else:
                note.extra.append(to_structure(c))
        self.nesting -= 1
        return note

    def _file(self, node: Node) -> tuple[str, str, str, list[Structure]]:
        form = title = ""
        rest: list[Structure] = []
        for g in node.children:
            if g.tag == "FORM" and not form and g.value:
                form = g.value
                if g.children:
                    rest.append(_anchor(g, g.children))
            elif g.tag == "TITL" and not title and not g.children and g.value:
                title = g.value
            else:
                rest.append(to_structure(g))
        return node.value, form, title, rest

    def _media_ref(self, node: Node) -> MediaRef:
        value = _stripped(node.value)
        ref = MediaRef(media_id=value) if is_pointer(value) else MediaRef()
        for c in node.children:
            tag = c.tag
            if tag == "TITL" and not ref.title and not c.children and c.value:
                ref.title = c.value
            elif tag == "FILE" and not ref.media_id and not ref.file:
                ref.file, ref.form, title, rest = self._file(c)
                if title:
                    rest.append(Structure("TITL", title, line=c.line, continues=True))
                if rest:
                    ref.extra.append(Structure("FILE", ref.file, children=rest, line=c.line, continues=True))
            else:
                ref.extra.append(to_structure(c))
        return ref

    # -- the end -----------------------------------------------------------------------
    def _settle_links(self) -> None:
        tree = self.tree
        for d in tree.check_and_link():
            self.diags.add(d.line, d.message, _ID_RE.sub("@…@", d.message))
        done: set[tuple[str, str]] = set()
        refs: dict[str, dict[str, ChildRef]] = {}  # family -> child -> ref, made when first needed
        for fid, pid, relation, phrase, _line in self.pedigrees:
            fam = tree.families.get(fid)
            if fam is None or (fid, pid) in done:
                continue  # a second FAMC to the same family keeps its PEDI as read
            done.add((fid, pid))
            by_child = refs.get(fid)
            if by_child is None:
                by_child = refs[fid] = {}
                for r in reversed(fam.children):
                    by_child[r.person_id] = r  # the first ref of a child wins
            ref = by_child.get(pid)
            if ref is not None:
                ref.relation = relation
                ref.phrase = phrase


_ID_RE = re.compile(r"@[^@]*@")


def _pad_anchors(earlier: list[str], extra: list[Structure] | None, tag: str, value: str,
                 add: Callable[[Any, Structure], None], owner: Any) -> None:
    """Before the anchor of a repeated line (a second FAMS @F1@ with lines under it), empty anchors for
    the same lines before it that had none: the writer gives anchors to such lines in order."""
    wanted = earlier.count(value) - sum(1 for e in extra or ()
                                        if e.continues and e.tag == tag and e.value == value)
    for _ in range(wanted):
        add(owner, Structure(tag, value, continues=True, pointer=is_pointer(value)))


def _stripped(value: str) -> str:
    """A link's value without the spaces around it; text the file escaped (lexer.Text) stays text."""
    return value.strip() if value.__class__ is str else value


def _anchor(node: Node, rest: Sequence[Node] | list[Structure], value: str | None = None) -> Structure:
    """A `continues` structure holding what the model did not take from a line it represents."""
    children = [r if isinstance(r, Structure) else to_structure(r) for r in rest]
    v = node.value if value is None else value
    return Structure(node.tag, v, children=children, line=node.line, pointer=is_pointer(v), continues=True)
