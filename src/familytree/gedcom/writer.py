"""Write the model as GEDCOM 7.0 or 5.5.1 (UTF-8), atomically, keeping every structure read.

Each record is regenerated from the model, then the structures the model kept
verbatim (``extra``) are put back in the record they came from; a ``continues``
structure's children go under the line generated for its tag.

What a round trip (read, then write in the file's own version) normalises:

- line endings become LF in 7.0 and CRLF in 5.5.1; the encoding becomes UTF-8 (with a BOM in 7.0);
- CONC lines are re-split: 7.0 never uses CONC, 5.5.1 splits lines longer than 255 characters
  (terminator included), never beside a space, inside "@@" or inside an "@#...@" escape;
  CONT (a newline inside a value) is kept;
- the HEAD record is rewritten (GEDC, CHAR, SOUR, DATE are ours; the rest of the header is kept);
- people and families keep the order of their lines (lines added since reading, such as a link
  the file gave on one side only, come last); inside other records and inside substructures the
  order is fixed (e.g. NAME: TYPE, NPFX, GIVN, NICK, SPFX, SURN, NSFX, TRAN, SOUR, NOTE), with
  what the model does not interpret after it, in the order read;
- enumerated values (SEX, PEDI, name TYPE) are written in the case the version prescribes
  (7.0 upper case, 5.5.1 PEDI and name types lower case);
- "@" escapes are rewritten as the version wants ("@@" at the start of a 7.0 value);
- links the file gave on one side only (FAMS without HUSB/WIFE, CHIL without FAMC) are written on both;
- 7.0 written from a 5.x file is made valid 7.0: see `familytree.gedcom.conform7`;
- records the reader found without an xref are written without one in 7.0 and get a fresh one in 5.5.1.

Every line written obeys the line grammar of its version (`familytree.gedcom.grammar`); what was
read but cannot be written so is mended, and each mend is reported (`write_text`'s `diagnostics`):

- a tag the version does not allow becomes an extension tag named after it ("@F2@" -> "_F2",
  "na-me" -> "_NA_ME" in 7.0, CONT/CONC records -> "_CONT"/"_CONC"; 5.5.1 tags cut to 31 characters);
- an xref the version does not allow is renamed, the same wherever it stands ("@test@" -> "@TEST@"
  in 7.0, 5.5.1 xrefs cut to 22 characters); a record "@VOID@" is renamed; substructures lose
  their xref in 7.0 (and in 5.5.1 when another line has it);
- control characters (and the other characters 7.0 bans) become U+FFFD, which keeps unreadable
  what was ("M\0" is no sex); 5.5.1 tabs become spaces;
- 5.5.1 lines nested deeper than 99 levels are written at level 99 (98 when their value runs on
  to CONT or CONC lines), beside the structure they were under.

Writing is idempotent: what is written, read back and written again gives the same text (but for
the time stamped in the header).
"""

from __future__ import annotations

import datetime
import mimetypes
import os
import re
from collections import deque
from collections.abc import Iterable

from familytree.gedcom.atomic import replaced
from familytree.gedcom.conform7 import conformed
from familytree.gedcom.emitter import LineEmitter
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
from familytree.gedcom.gedzip import media_left_behind, write_gedzip
from familytree.gedcom.grammar import (
    BANNED,
    MAX_LINE_551,
)
from familytree.gedcom.lexer import Diagnostics
from familytree.gedcom.reader import NAME_TYPES, is_generated_id
from familytree.gedcom.writing import Writing
from familytree.model import (
    Association,
    ChildRef,
    ChildRelation,
    Citation,
    Date,
    DateModifier,
    Diagnostic,
    Event,
    Family,
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
    Sex,
    Source,
    Structure,
    Tree,
    split_gedcom_name,
    stored_list,
)

__all__ = ["write_text", "write_file", "VERSIONS"]

VERSIONS = ("7.0", "5.5.1")
_PROGRAM = "familytree"
_MAX_551 = MAX_LINE_551 - 2  # the longest 5.5.1 line, level to value: 255 with its CRLF
_PEDI_7 = {ChildRelation.BIRTH: "BIRTH", ChildRelation.ADOPTED: "ADOPTED", ChildRelation.FOSTER: "FOSTER",
           ChildRelation.SEALING: "SEALING"}
_ROLES_7 = frozenset(("CHIL", "CLERGY", "FATH", "FRIEND", "GODP", "HUSB", "MOTH", "MULTIPLE", "NGHBR",
                      "OFFICIATOR", "PARENT", "SPOU", "WIFE", "WITN", "OTHER"))
_NAME_TYPES_7 = frozenset(("AKA", "BIRTH", "IMMIGRANT", "MAIDEN", "MARRIED", "PROFESSIONAL", "OTHER"))
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# 5.5.1 escapes like "@#DJULIAN@ " stay as they are (the grammar wants a character after one);
# any other "@" is doubled
_ESCAPE_RE = re.compile(r"(@#[^@]+@)(?=[^@])|@")
_NOT_TAGCHAR = re.compile(r"[^A-Za-z0-9_]+")
_CONTINUATIONS = frozenset(("CONT", "CONC"))
# extension tags with a meaning to the reader: a mended tag never becomes one
_OWN_TAGS = frozenset(("_PHRASE", "_TRAN", "_HOME", "_ROOT", "_HOMEPERSON", "_ROOTPERSON"))
_UNLIMITED = 1 << 62
_NEEDS_XREF = frozenset(("INDI", "FAM", "SOUR", "REPO", "OBJE", "NOTE", "SNOTE", "SUBM", "SUBN"))
_HEAD_DROP = frozenset(("SOUR", "DATE", "GEDC", "CHAR", "FILE"))
_HEAD_ONLY_551 = frozenset(("FILE", "SUBN"))


def _s(tag: str, value: str = "", children: list[Structure] | None = None, pointer: bool = False,
       xref: str = "") -> Structure:
    # None: no list of its own (Structure.children reads as an empty one)
    return Structure(tag, value, xref, children, 0, pointer)  # type: ignore[arg-type]


# Readers of list fields that are None while empty, for the objects written by the thousand
# (reading the attribute makes an empty list each time)
_children = stored_list(Structure, "children")
_event_lists = tuple(stored_list(Event, f) for f in ("citations", "notes", "media", "extra"))
_place_lists = tuple(stored_list(Place, f) for f in ("translations", "notes", "extra"))
_name_lists = tuple(stored_list(Name, f) for f in ("translations", "citations", "notes", "extra"))


def write_text(tree: Tree, version: str = "7.0", *, diagnostics: list[Diagnostic] | None = None,
               now: datetime.datetime | None = None) -> str:
    """The whole tree as GEDCOM text of the given version ("7.0" or "5.5.1"), valid by its line grammar.

    What cannot be written as it was read (a tag or xref the version does not allow, control
    characters, levels past 99 in 5.5.1) is mended, and each mend is appended to `diagnostics`
    when a list is given (line numbers are those of the file read). `now` is the time stamped
    in the header (default: the current time).
    """
    if version not in VERSIONS:
        raise ValueError(f"cannot write GEDCOM version {version!r}; choose one of {', '.join(VERSIONS)}")
    # (a million small objects, none cyclic: callers writing a large tree pause the collector
    # around it, see `collection_paused`; a library call never flips that process-wide switch)
    writer = _Writer(tree, version == "7.0", now)
    text = writer.text()
    if diagnostics is not None:
        diagnostics.extend(writer.problems.finish())
    return text


def write_file(tree: Tree, path: str | os.PathLike[str], version: str = "7.0") -> list[str]:
    """Write atomically (see `atomic.replaced`); what the user should know about the save.

    On any failure the previous file is untouched. A path ending in .gdz is written as
    GEDZIP (GEDCOM 7.0 only), taking along the media files of the archive the tree was read
    from; the archive members left out (unsafe names, past the limits) are named in the
    returned notes, and so are media left behind when a tree read from a .gdz is saved as
    a bare .ged.
    """
    target = os.fspath(path)
    gedzip = target.lower().endswith(".gdz")
    if gedzip and version != "7.0":
        raise ValueError("a GEDZIP (.gdz) file holds GEDCOM 7.0; save as .ged for 5.5.1")
    mends: list[Diagnostic] = []
    text = write_text(tree, version, diagnostics=mends)
    data = (("\ufeff" if version == "7.0" else "") + text).encode("utf-8")
    del text
    notes = _mend_notes(mends, version)
    with replaced(target) as f:
        if gedzip:
            return notes + write_gedzip(f, data, tree.path)
        f.write(data)
    left_behind = media_left_behind(tree.path, target)
    return notes + ([left_behind] if left_behind else [])


def _mend_notes(mends: list[Diagnostic], version: str, shown: int = 5) -> list[str]:
    """What the save changed because the version could not hold it as read, the first few named."""
    if not mends:
        return []
    listed = [str(d) for d in mends[:shown]]
    more = f"; and {len(mends) - shown} more" if len(mends) > shown else ""
    counted = "1 thing" if len(mends) == 1 else f"{len(mends)} things"
    verb = "was" if len(mends) == 1 else "were"
    return [f"{counted} could not be written in GEDCOM {version} as read and {verb} mended: "
            f"{'; '.join(listed)}{more}"]


class _Writer:
    def __init__(self, tree: Tree, v7: bool, now: datetime.datetime | None = None) -> None:
        self.tree = tree
        self.v7 = v7
        self.now = now
        self.problems = Diagnostics()  # what was mended on the way out
        self.same_family = tree.header.version.startswith("7") == v7 if tree.header.version else not v7
        self.conform = v7 and not tree.header.version.startswith("7")  # 5.x data written as 7.0
        self.writing = Writing(tree, v7, self.problems)
        self.out = LineEmitter(self.writing)
        self.new_records = self.writing.new_records
        self.child_refs: dict[tuple[str, str], ChildRef] | None = None

    # -- driver ------------------------------------------------------------------------
    def text(self) -> str:
        tree = self.tree
        self._emit(self._header())
        others = {s.xref: s for s in tree.other_records}
        tables: list[tuple[dict, object]] = [  # type: ignore[type-arg]
            (tree.people, self._person), (tree.families, self._family), (tree.sources, self._source),
            (tree.repositories, self._repository), (tree.media, self._media), (tree.notes, self._shared_note),
        ]
        written: set[str] = set()
        for rid in tree.record_order:
            if rid in written:
                continue
            for table, build in tables:
                obj = table.get(rid)
                if obj is not None:
                    written.add(rid)
                    self._emit(build(obj), getattr(obj, "line", 0))  # type: ignore[operator]
                    break
            else:
                s = others.get(rid)
                if s is not None:
                    written.add(rid)
                    self._emit(self._record(s, s.tag, s.xref))
        for table, build in tables:  # records added since reading
            for rid, obj in table.items():
                if rid not in written:
                    written.add(rid)
                    self._emit(build(obj), getattr(obj, "line", 0))  # type: ignore[operator]
        for s in tree.other_records:
            if s.xref not in written:
                written.add(s.xref)
                self._emit(self._record(s, s.tag, s.xref))
        for s in self.new_records:
            self._emit(s)
        self.out.emit(Structure("TRLR"))
        return self.out.text()

    def _xref(self, rid: str) -> str:
        return self.writing.record_xref(rid)

    def _record(self, s: Structure, tag: str, rid: str) -> Structure:
        """An unknown record, written as read (5.5.1 gives xrefs only to the standard ones)."""
        xref = self._xref(rid) if tag in _NEEDS_XREF or not is_generated_id(rid) else ""
        return Structure(tag, s.value, xref, s.children, s.line, s.pointer)

    def _emit(self, root: Structure, line: int = 0) -> None:
        self.out.emit(conformed(root, self.writing.renames) if self.conform else root, line)

    # -- merging kept structures back ----------------------------------------------------
    def _merged(self, children: list[Structure], extra: Iterable[Structure] | None) -> list[Structure]:
        if not extra:
            return children
        out = children
        extra = list(extra)
        if not any(e.continues for e in extra):
            out.extend(extra)
            return out
        # generated lines by (tag, value) and by tag, each usable by one kept structure;
        # indexed so that a record with thousands of links stays linear
        by_key: dict[tuple[str, str], deque[Structure]] = {}
        by_tag: dict[str, deque[Structure]] = {}
        for c in children:
            by_key.setdefault((c.tag, c.value), deque()).append(c)
            by_tag.setdefault(c.tag, deque()).append(c)
        used: set[int] = set()
        for e in extra:
            if not e.continues:
                out.append(e)
                continue
            target = _take(by_key.get((e.tag, e.value)), used) or _take(by_tag.get(e.tag), used)
            if target is not None:
                target.children = self._merged(target.children, e.children)
            else:
                out.append(self._plain(e))
        return out

    def _plain(self, e: Structure) -> Structure:
        """A continues structure with no line to join: written as it was read."""
        return Structure(e.tag, e.value, e.xref, self._merged([], e.children), e.line, e.pointer)

    @staticmethod
    def _anchored(extra: list[Structure], tag: str, value: str | None = None) -> Structure | None:
        for e in extra:
            if e.continues and e.tag == tag and (value is None or e.value == value):
                return e
        return None

    # -- header ------------------------------------------------------------------------
    def _header(self) -> Structure:
        from familytree import __version__

        h = self.tree.header
        children = [_s("GEDC", "", [_s("VERS", "7.0" if self.v7 else "5.5.1")]
                       + ([] if self.v7 else [_s("FORM", "LINEAGE-LINKED")]))]
        if not self.v7:
            children.append(_s("CHAR", "UTF-8"))
        children.append(_s("SOUR", _PROGRAM, [_s("VERS", __version__), _s("NAME", "familytree")]))
        now = self.now or datetime.datetime.now(datetime.UTC)
        children.append(_s("DATE", f"{now.day} {_MONTHS[now.month - 1]} {now.year}",
                           [_s("TIME", now.strftime("%H:%M:%S") + ("Z" if self.v7 else ""))]))
        if h.language:
            children.append(_s("LANG", h.language))
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
                subm = self._xref(subm) if subm else self.writing.unused_or("@SUBM@")
                if not any(r.tag == "SUBM" for r in self.tree.other_records):
                    self.new_records.append(_s("SUBM", "", [_s("NAME", "familytree")], xref=subm))
            children.append(_s("SUBM", subm, pointer=True))
        return _s("HEAD", "", children)

    # -- records -----------------------------------------------------------------------
    def _person(self, p: Person) -> Structure:
        groups: dict[str, list[Structure]] = {NAME_LINE: [self._name(n, "NAME") for n in p.names]}
        groups[SEX_LINE] = [_s("SEX", p.sex.value)] \
            if p.sex is not Sex.UNKNOWN or self._anchored(p.extra, "SEX") is not None else []
        groups[EVENT_LINE] = [self._event(e) for e in p.events]
        famc = groups[PARENTS_LINE] = []
        seen: set[str] = set()
        anchors = {e.value: e for e in reversed(p.extra) if e.continues and e.tag == "FAMC"}
        for fid in p.parent_family_ids:
            if fid in seen:
                # a repeated link keeps its own PEDI as read
                famc.append(_s("FAMC", self._xref(fid), pointer=True))
            else:
                seen.add(fid)
                famc.append(self._famc(p, fid, anchors.get(fid)))
        groups[PARTNER_LINE] = [_s("FAMS", self._xref(fid), pointer=True) for fid in p.family_ids]
        groups[ASSOCIATION_LINE] = [self._association(a) for a in p.associations]
        groups[CITATION_LINE] = [self._citation(c) for c in p.citations]
        groups[NOTE_LINE] = [self._note(n) for n in p.notes]
        groups[MEDIA_LINE] = [self._media_ref(m) for m in p.media]
        children = self._in_order(p.file_order, PERSON_LINE_ORDER, groups, p.extra)
        return _s("INDI", "", children, xref=self._xref(p.id))

    def _in_order(self, order: str, canonical: str, groups: dict[str, list[Structure]],
                  extra: list[Structure]) -> list[Structure]:
        """The generated lines and kept structures, in the order the file had them (`order`).

        Lines the file did not have (added since reading) follow in the canonical order.
        """
        generated = [s for kind in canonical for s in groups[kind]]
        merged = self._merged(list(generated), extra)
        groups[KEPT_LINE] = merged[len(generated):]  # kept structures written on their own
        if not order:
            return merged
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
        s = _s("FAMC", self._xref(fid), pointer=True)
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
            pedi = _s("PEDI", value, [_s("PHRASE", phrase)] if phrase else [])
        else:
            # 5.5.1 writes the file's own word back; the standard ones in the spec's lower case
            own = phrase and relation in (ChildRelation.OTHER, ChildRelation.STEP)
            word = phrase if own else relation.value
            pedi = _s("PEDI", word.lower() if word.isupper() else word,
                      [_s("_PHRASE", phrase)] if phrase and not own else [])
        s.children.append(pedi)
        return s

    def _family(self, f: Family) -> Structure:
        groups: dict[str, list[Structure]] = {
            HUSBAND_LINE: [_s("HUSB", self._xref(f.husband_id), pointer=True)] if f.husband_id else [],
            WIFE_LINE: [_s("WIFE", self._xref(f.wife_id), pointer=True)] if f.wife_id else [],
            CHILD_LINE: [_s("CHIL", self._xref(r.person_id), list(r.extra), pointer=True)
                         for r in f.children],
            EVENT_LINE: [self._event(e) for e in f.events],
            CITATION_LINE: [self._citation(c) for c in f.citations],
            NOTE_LINE: [self._note(n) for n in f.notes],
            MEDIA_LINE: [self._media_ref(m) for m in f.media],
        }
        children = self._in_order(f.file_order, FAMILY_LINE_ORDER, groups, f.extra)
        return _s("FAM", "", children, xref=self._xref(f.id))

    def _source(self, s: Source) -> Structure:
        ch: list[Structure] = []
        for tag, value in (("AUTH", s.author), ("TITL", s.title), ("ABBR", s.abbreviation),
                           ("PUBL", s.publication), ("TEXT", s.text)):
            if value:
                ch.append(_s(tag, value))
        ch.extend(s.repositories)
        self._evidence(ch, [], s.notes, s.media)
        return _s("SOUR", "", self._merged(ch, s.extra), xref=self._xref(s.id))

    def _repository(self, r: Repository) -> Structure:
        ch: list[Structure] = []
        if r.name:
            ch.append(_s("NAME", r.name))
        if r.address:
            ch.append(_s("ADDR", r.address))
        ch.extend(self._note(n) for n in r.notes)
        return _s("REPO", "", self._merged(ch, r.extra), xref=self._xref(r.id))

    def _media(self, m: Media) -> Structure:
        ch: list[Structure] = []
        for path, form, title in m.files:
            ch.append(self._file(path, form, title))
        self._evidence(ch, m.citations, m.notes, [])
        return _s("OBJE", "", self._merged(ch, m.extra), xref=self._xref(m.id))

    def _file(self, path: str, form: str, title: str) -> Structure:
        f = _s("FILE", path)
        form = self._media_form(path, form)
        if form:
            f.children.append(_s("FORM", form))
        if title:
            f.children.append(_s("TITL", title))
        return f

    def _media_form(self, path: str, form: str) -> str:
        if self.v7 and "/" not in form:
            # 7.0 wants a media type: "jpg" -> "image/jpeg"
            guess = mimetypes.guess_type(f"x.{form}" if form else path)[0]
            return guess or ("application/octet-stream" if not form else f"application/x-{form.lower()}")
        if not self.v7 and "/" in form:
            ext = mimetypes.guess_extension(form)
            return ext.lstrip(".") if ext else form
        return form

    def _shared_note(self, n: Note) -> Structure:
        s = self._note_structure(n, "SNOTE" if self.v7 else "NOTE")
        s.xref = self._xref(n.id)
        return s

    # -- substructures -----------------------------------------------------------------
    def _evidence(self, ch: list[Structure], citations: list[Citation] | None, notes: list[NoteLike] | None,
                  media: list[MediaRef] | None) -> None:
        if citations:
            ch.extend(self._citation(c) for c in citations)
        if notes:
            ch.extend(self._note(n) for n in notes)
        if media:
            ch.extend(self._media_ref(m) for m in media)

    def _name(self, n: Name, tag: str) -> Structure:
        full = n.full or _compose_name(n)
        translations, citations, notes, extra = (get(n) for get in _name_lists)
        ch: list[Structure] = []
        if n.type is not NameType.NONE:
            ch.append(self._name_type(n))
        given, surname, suffix = split_gedcom_name(full)
        implied = {"GIVN": given, "SURN": surname, "NSFX": suffix}
        for part, value in (("NPFX", n.prefix), ("GIVN", n.given), ("NICK", n.nickname),
                            ("SPFX", n.surname_prefix), ("SURN", n.surname), ("NSFX", n.suffix)):
            if value and (value != implied.get(part) or (extra and self._anchored(extra, part) is not None)):
                ch.append(_s(part, value))
        if n.lang:
            ch.append(_s("LANG", n.lang))
        for t in translations or ():
            ch.append(self._name(t, "TRAN" if self.v7 else "_TRAN"))
        self._evidence(ch, citations, notes, None)
        return _s(tag, full, self._merged(ch, extra))

    def _name_type(self, n: Name) -> Structure:
        t, phrase = n.type, n.type_phrase
        if self.v7:
            value = t.value if t.value in _NAME_TYPES_7 else "OTHER"
            if value == "OTHER" and not phrase:
                phrase = "nickname" if t is NameType.NICKNAME else ""
            if phrase and phrase.upper() == value:
                phrase = ""
            return _s("TYPE", value, [_s("PHRASE", phrase)] if phrase else [])
        if phrase and ((t is not NameType.OTHER and NAME_TYPES.get(phrase.upper()) is not t)
                       or phrase != phrase.strip()):
            # a phrase beside a standard type (7.0 "BIRTH" + PHRASE), or one a TYPE would not keep as
            # it is (" e": a TYPE is read trimmed): the type, the phrase kept aside (a phrase that
            # names the type, "Nickname", is read back as the type: written alone)
            return _s("TYPE", t.value.lower(), [_s("_PHRASE", phrase)])
        return _s("TYPE", phrase or t.value.lower())

    def _event(self, e: Event) -> Structure:
        ch: list[Structure] = []
        if e.type:
            ch.append(_s("TYPE", e.type))
        if e.date is not None:
            ch.append(self._date(e.date))
        if e.place is not None:
            ch.append(self._place(e.place))
        for tag, value in (("AGE", e.age), ("CAUS", e.cause), ("AGNC", e.agency)):
            if value:
                ch.append(_s(tag, value))
        citations, notes, media, extra = (get(e) for get in _event_lists)
        self._evidence(ch, citations, notes, media)
        return _s(e.tag, e.value, self._merged(ch, extra))

    def _date(self, d: Date) -> Structure:
        original = d.original
        if d.valid and (not original.strip() or BANNED.search(original)):
            # a date read through control characters ("MAY 1\x0b"): written as it was understood
            # (its text with U+FFFD would be no date on reading back)
            original = ""
        if self.same_family and (original or not d.valid):
            value = original
            # (a phrase the value gives itself, "(in spring)", is not written again as PHRASE)
            phrase = d.phrase if self.v7 and d.phrase and not _own_phrase(value) else ""
            if not self.v7 and d.phrase and d.phrase != Date.parse(value).phrase:
                return _s("DATE", value, [_s("_PHRASE", d.phrase)])  # a 7.0 phrase, read back from _PHRASE
        elif not d.valid:
            value, phrase = ("", d.original) if self.v7 else (f"({d.original})", "")
        else:
            value = d.to_gedcom(self.v7)
            phrase = d.phrase if self.v7 and d.phrase else ""
            if not self.v7 and d.phrase and d.modifier is DateModifier.EXACT and value:
                value = f"INT {value} ({d.phrase})"
            elif not self.v7 and d.phrase and d.modifier not in (DateModifier.TEXT, DateModifier.INTERPRETED):
                return _s("DATE", value, [_s("_PHRASE", d.phrase)])
        return _s("DATE", value, [_s("PHRASE", phrase)] if phrase else [])

    def _place(self, pl: Place) -> Structure:
        ch: list[Structure] = []
        if pl.form:
            ch.append(_s("FORM", pl.form))
        if pl.latitude or pl.longitude:
            m = _s("MAP")
            if pl.latitude:
                m.children.append(_s("LATI", pl.latitude))
            if pl.longitude:
                m.children.append(_s("LONG", pl.longitude))
            ch.append(m)
        translations, notes, extra = (get(pl) for get in _place_lists)
        for text, lang in translations or ():
            ch.append(_s("TRAN" if self.v7 else "_TRAN", text, [_s("LANG", lang)] if lang else []))
        if notes:
            ch.extend(self._note(n) for n in notes)
        return _s("PLAC", pl.name, self._merged(ch, extra))

    def _citation(self, c: Citation) -> Structure:
        ch: list[Structure] = []
        if c.source_id:
            if c.page:
                ch.append(_s("PAGE", c.page))
            data: list[Structure] = []
            if c.date is not None:
                data.append(self._date(c.date))
            data.extend(_s("TEXT", t) for t in c.text)
            if data:
                ch.append(_s("DATA", "", data))
            self._cited_event(ch, c)
            if c.quality is not None:
                ch.append(_s("QUAY", str(c.quality)))
            self._evidence(ch, [], c.notes, c.media)
            return _s("SOUR", c.source_id, self._merged(ch, c.extra), pointer=True)
        if self.v7:
            # 7.0 has no inline sources: a citation of no record, the description as its page
            if c.description or c.page:
                ch.append(_s("PAGE", "\n".join(t for t in (c.description, c.page) if t)))
            if c.text or c.date is not None:
                data = [self._date(c.date)] if c.date is not None else []
                data.extend(_s("TEXT", t) for t in c.text)
                ch.append(_s("DATA", "", data))
            self._cited_event(ch, c)
            if c.quality is not None:
                ch.append(_s("QUAY", str(c.quality)))
            self._evidence(ch, [], c.notes, c.media)
            return _s("SOUR", "@VOID@", self._merged(ch, c.extra), pointer=True)
        if c.page:
            ch.append(_s("PAGE", c.page))
        texts = [_s("TEXT", t) for t in c.text]
        if c.date is not None or (c.extra and self._anchored(c.extra, "DATA") is not None):
            # a DATA as read (5.5.1 has no place for one in a source description; read back all the same)
            ch.append(_s("DATA", "", [self._date(c.date), *texts] if c.date is not None else texts))
            texts = []
        self._cited_event(ch, c)
        ch.extend(texts)  # (5.5.1: TEXT right under SOUR)
        if c.quality is not None:
            ch.append(_s("QUAY", str(c.quality)))
        self._evidence(ch, [], c.notes, c.media)
        return _s("SOUR", c.description, self._merged(ch, c.extra))

    @staticmethod
    def _cited_event(ch: list[Structure], c: Citation) -> None:
        if c.event:
            ch.append(_s("EVEN", c.event, [_s("ROLE", c.role)] if c.role else []))

    def _note(self, n: NoteLike) -> Structure:
        if isinstance(n, NoteRef):
            return _s("SNOTE" if self.v7 else "NOTE", n.note_id, list(n.extra), pointer=True)
        return self._note_structure(n, "NOTE")

    def _note_structure(self, n: Note, tag: str) -> Structure:
        ch: list[Structure] = []
        if n.mime:
            ch.append(_s("MIME", n.mime))
        if n.lang:
            ch.append(_s("LANG", n.lang))
        for t in n.translations:
            ch.append(self._note_structure(t, "TRAN"))
        ch.extend(self._citation(c) for c in n.citations)
        return _s(tag, n.text, self._merged(ch, n.extra))

    def _media_ref(self, m: MediaRef) -> Structure:
        if m.media_id:
            ch = [_s("TITL", m.title)] if m.title else []
            return _s("OBJE", m.media_id, self._merged(ch, m.extra), pointer=True)
        if self.v7:
            # 7.0 has no inline media: make a record for it and point to it
            rid = self._xref(f"@OBJE {len(self.new_records) + 1}@") or ""
            if not rid:
                rid = self.writing.unused("M")
            record = _s("OBJE", "", [self._file(m.file, m.form, "")], xref=rid)
            file_anchor = self._anchored(m.extra, "FILE")
            rest = [e for e in m.extra if e is not file_anchor]
            if file_anchor is not None:
                record.children = self._merged(record.children, [file_anchor])
            self.new_records.append(record)
            ch = [_s("TITL", m.title)] if m.title else []
            return _s("OBJE", rid, self._merged(ch, rest), pointer=True)
        ch = [self._file(m.file, m.form, "")] if m.file else []
        if m.title:
            ch.append(_s("TITL", m.title))
        return _s("OBJE", "", self._merged(ch, m.extra))

    def _association(self, a: Association) -> Structure:
        ch: list[Structure] = []
        if a.relation:
            if self.v7:
                value = a.relation.upper() if a.relation.upper() in _ROLES_7 else "OTHER"
                if a.relation.startswith("_") and " " not in a.relation:
                    value = a.relation  # an extension enumeration value
                own = value == "OTHER" and a.relation.upper() != "OTHER"
                phrase = a.phrase or (a.relation if own else "")
                ch.append(_s("ROLE", value, [_s("PHRASE", phrase)] if phrase else []))
            else:
                if a.relation.upper() == "OTHER" and a.phrase:
                    ch.append(_s("RELA", a.phrase))
                else:
                    ch.append(_s("RELA", a.relation, [_s("_PHRASE", a.phrase)] if a.phrase else []))
        self._evidence(ch, a.citations, a.notes, [])
        return _s("ASSO", a.person_id, self._merged(ch, a.extra), pointer=True)


def _take(candidates: deque[Structure] | None, used: set[int]) -> Structure | None:
    """The first candidate no kept structure has been merged into yet."""
    while candidates:
        c = candidates.popleft()
        if id(c) not in used:
            used.add(id(c))
            return c
    return None


def _own_phrase(value: str) -> bool:
    """True for a date value that carries its phrase in itself: "(in spring)", "INT 1700 (then)"."""
    d = Date.parse(value)
    return d.valid and bool(d.phrase)


def _compose_name(n: Name) -> str:
    given = " ".join(p for p in (n.prefix, n.given) if p)
    surname = " ".join(p for p in (n.surname_prefix, n.surname) if p)
    text = f"{given} /{surname}/" if surname else given
    return f"{text} {n.suffix}".strip() if n.suffix else text
