"""Events, dates, places, names, citations, notes, media links, associations as structures of one version."""

from __future__ import annotations

import mimetypes
from dataclasses import replace

from familytree.gedcom.fields import NAME_TYPES
from familytree.gedcom.grammar import BANNED
from familytree.gedcom.merging import anchored, merged
from familytree.gedcom.writing import Writing
from familytree.model import (
    Association,
    Citation,
    Date,
    DateModifier,
    Event,
    MediaRef,
    Name,
    NameType,
    Note,
    NoteLike,
    NoteRef,
    Place,
    Structure,
    given_from_pieces,
    split_gedcom_name,
    stored_list,
)

__all__ = ["SubstructureWriter", "line"]

_ROLES_7 = frozenset(("CHIL", "CLERGY", "FATH", "FRIEND", "GODP", "HUSB", "MOTH", "MULTIPLE", "NGHBR",
                      "OFFICIATOR", "PARENT", "SPOU", "WIFE", "WITN", "OTHER"))
_NAME_TYPES_7 = frozenset(("AKA", "BIRTH", "IMMIGRANT", "MAIDEN", "MARRIED", "PROFESSIONAL", "OTHER"))
# Readers of list fields that are None while empty, for the objects written by the thousand
# (reading the attribute makes an empty list each time)
_event_lists = tuple(stored_list(Event, f) for f in ("citations", "notes", "media", "extra"))
_place_lists = tuple(stored_list(Place, f) for f in ("translations", "notes", "extra"))
_name_lists = tuple(stored_list(Name, f) for f in ("translations", "citations", "notes", "extra"))


def line(tag: str, value: str = "", children: list[Structure] | None = None, pointer: bool = False,
         xref: str = "") -> Structure:
    """A line the writer makes, with the lines under it."""
    # None: no list of its own (Structure.children reads as an empty one)
    return Structure(tag, value, xref, children, 0, pointer)  # type: ignore[arg-type]


class SubstructureWriter:
    """The structures records share, as one writing writes them (7.0 or 5.5.1, the file's own dates)."""

    def __init__(self, writing: Writing) -> None:
        self.writing = writing
        self.v7 = writing.v7
        read = writing.tree.header.version
        # a date is written as read into a file of its own version family (5.x or 7)
        self.same_family = read.startswith("7") == self.v7 if read else not self.v7
        self.xref = writing.record_xref
        self.new_records = writing.new_records

    def evidence(self, ch: list[Structure], citations: list[Citation] | None, notes: list[NoteLike] | None,
                  media: list[MediaRef] | None) -> None:
        if citations:
            ch.extend(self.citation(c) for c in citations)
        if notes:
            ch.extend(self.note(n) for n in notes)
        if media:
            ch.extend(self.media_ref(m) for m in media)

    def name(self, n: Name, tag: str) -> Structure:
        full = n.full or _compose_name(n)
        translations, citations, notes, extra = (get(n) for get in _name_lists)
        ch: list[Structure] = []
        if n.type is not NameType.NONE:
            ch.append(self._name_type(n))
        given, surname, suffix = split_gedcom_name(full)
        implied = {"GIVN": given, "SURN": surname, "NSFX": suffix}
        for part, value in (("NPFX", n.prefix), ("GIVN", n.given), ("NICK", n.nickname),
                            ("SPFX", n.surname_prefix), ("SURN", n.surname), ("NSFX", n.suffix)):
            if not value:
                continue
            kept = anchored(extra, part) if extra else None
            if value != implied.get(part) or kept is not None:
                if part == "GIVN" and kept is not None and given_from_pieces(kept.value, given) == value:
                    value = kept.value  # the list as read: "John, Fitzgerald"
                ch.append(line(part, value))
        if n.lang:
            ch.append(line("LANG", n.lang))
        for t in translations or ():
            ch.append(self.name(t, "TRAN" if self.v7 else "_TRAN"))
        self.evidence(ch, citations, notes, None)
        return line(tag, full, merged(ch, extra))

    def _name_type(self, n: Name) -> Structure:
        t, phrase = n.type, n.type_phrase
        if self.v7:
            value = t.value if t.value in _NAME_TYPES_7 else "OTHER"
            if value == "OTHER" and not phrase:
                phrase = "nickname" if t is NameType.NICKNAME else ""
            if phrase and phrase.upper() == value:
                phrase = ""
            return line("TYPE", value, [line("PHRASE", phrase)] if phrase else [])
        if phrase and ((t is not NameType.OTHER and NAME_TYPES.get(phrase.upper()) is not t)
                       or phrase != phrase.strip()):
            # a phrase beside a standard type (7.0 "BIRTH" + PHRASE), or one a TYPE would not keep as
            # it is (" e": a TYPE is read trimmed): the type, the phrase kept aside (a phrase that
            # names the type, "Nickname", is read back as the type: written alone)
            return line("TYPE", t.value.lower(), [line("_PHRASE", phrase)])
        return line("TYPE", phrase or t.value.lower())

    def event(self, e: Event) -> Structure:
        ch: list[Structure] = []
        if e.type:
            ch.append(line("TYPE", e.type))
        if e.date is not None:
            ch.append(self._date(e.date))
        if e.place is not None:
            ch.append(self._place(e.place))
        for tag, value in (("AGE", e.age), ("CAUS", e.cause), ("AGNC", e.agency)):
            if value:
                ch.append(line(tag, value))
        citations, notes, media, extra = (get(e) for get in _event_lists)
        self.evidence(ch, citations, notes, media)
        return line(e.tag, e.value, merged(ch, extra))

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
                # a 7.0 phrase, read back from _PHRASE
                return line("DATE", value, [line("_PHRASE", d.phrase)])
        elif not d.valid:
            value, phrase = ("", d.original) if self.v7 else (f"({d.original})", "")
        else:
            value = d.to_gedcom(self.v7)
            phrase = d.phrase if self.v7 and d.phrase else ""
            if not self.v7 and d.phrase and d.phrase == replace(d, phrase="").display() and "/" in value:
                # a double year's words, for 7.0 that has none: 5.5.1 writes the double year itself
                return line("DATE", value)
            if not self.v7 and d.phrase and d.modifier is DateModifier.EXACT and value:
                value = f"INT {value} ({d.phrase})"
            elif not self.v7 and d.phrase and d.modifier not in (DateModifier.TEXT, DateModifier.INTERPRETED):
                return line("DATE", value, [line("_PHRASE", d.phrase)])
        return line("DATE", value, [line("PHRASE", phrase)] if phrase else [])

    def _place(self, pl: Place) -> Structure:
        ch: list[Structure] = []
        if pl.form:
            ch.append(line("FORM", pl.form))
        if pl.latitude or pl.longitude:
            m = line("MAP")
            if pl.latitude:
                m.children.append(line("LATI", pl.latitude))
            if pl.longitude:
                m.children.append(line("LONG", pl.longitude))
            ch.append(m)
        translations, notes, extra = (get(pl) for get in _place_lists)
        for text, lang in translations or ():
            ch.append(line("TRAN" if self.v7 else "_TRAN", text, [line("LANG", lang)] if lang else []))
        if notes:
            ch.extend(self.note(n) for n in notes)
        return line("PLAC", pl.name, merged(ch, extra))

    def citation(self, c: Citation) -> Structure:
        ch: list[Structure] = []
        if c.source_id:
            if c.page:
                ch.append(line("PAGE", c.page))
            data: list[Structure] = []
            if c.date is not None:
                data.append(self._date(c.date))
            data.extend(line("TEXT", t) for t in c.text)
            if data:
                ch.append(line("DATA", "", data))
            _cited_event(ch, c)
            if c.quality is not None:
                ch.append(line("QUAY", str(c.quality)))
            self.evidence(ch, [], c.notes, c.media)
            return line("SOUR", c.source_id, merged(ch, c.extra), pointer=True)
        if self.v7:
            # 7.0 has no inline sources: a citation of no record, the description as its page
            if c.description or c.page:
                ch.append(line("PAGE", "\n".join(t for t in (c.description, c.page) if t)))
            if c.text or c.date is not None:
                data = [self._date(c.date)] if c.date is not None else []
                data.extend(line("TEXT", t) for t in c.text)
                ch.append(line("DATA", "", data))
            _cited_event(ch, c)
            if c.quality is not None:
                ch.append(line("QUAY", str(c.quality)))
            self.evidence(ch, [], c.notes, c.media)
            return line("SOUR", "@VOID@", merged(ch, c.extra), pointer=True)
        if c.page:
            ch.append(line("PAGE", c.page))
        texts = [line("TEXT", t) for t in c.text]
        if c.date is not None or (c.extra and anchored(c.extra, "DATA") is not None):
            # a DATA as read (5.5.1 has no place for one in a source description; read back all the same)
            ch.append(line("DATA", "", [self._date(c.date), *texts] if c.date is not None else texts))
            texts = []
        _cited_event(ch, c)
        ch.extend(texts)  # (5.5.1: TEXT right under SOUR)
        if c.quality is not None:
            ch.append(line("QUAY", str(c.quality)))
        self.evidence(ch, [], c.notes, c.media)
        return line("SOUR", c.description, merged(ch, c.extra))

    def note(self, n: NoteLike) -> Structure:
        if isinstance(n, NoteRef):
            return line("SNOTE" if self.v7 else "NOTE", n.note_id, list(n.extra), pointer=True)
        return self.note_structure(n, "NOTE")

    def note_structure(self, n: Note, tag: str) -> Structure:
        ch: list[Structure] = []
        if n.mime:
            ch.append(line("MIME", n.mime))
        if n.lang:
            ch.append(line("LANG", n.lang))
        for t in n.translations:
            ch.append(self.note_structure(t, "TRAN"))
        ch.extend(self.citation(c) for c in n.citations)
        return line(tag, n.text, merged(ch, n.extra))

    def media_ref(self, m: MediaRef) -> Structure:
        if m.media_id:
            ch = [line("TITL", m.title)] if m.title else []
            return line("OBJE", m.media_id, merged(ch, m.extra), pointer=True)
        if self.v7:
            # 7.0 has no inline media: make a record for it and point to it
            rid = self.writing.unused("M")
            record = line("OBJE", "", [self.file(m.file, m.form, "")], xref=rid)
            file_anchor = anchored(m.extra, "FILE")
            rest = [e for e in m.extra if e is not file_anchor]
            if file_anchor is not None:
                record.children = merged(record.children, [file_anchor])
            self.new_records.append(record)
            ch = [line("TITL", m.title)] if m.title else []
            return line("OBJE", rid, merged(ch, rest), pointer=True)
        ch = [self.file(m.file, m.form, "")] if m.file else []
        if m.title:
            ch.append(line("TITL", m.title))
        return line("OBJE", "", merged(ch, m.extra))

    def file(self, path: str, form: str, title: str) -> Structure:
        f = line("FILE", path)
        form = self._media_form(path, form)
        if form:
            f.children.append(line("FORM", form))
        if title:
            f.children.append(line("TITL", title))
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

    def association(self, a: Association) -> Structure:
        ch: list[Structure] = []
        if a.relation:
            if self.v7:
                value = a.relation.upper() if a.relation.upper() in _ROLES_7 else "OTHER"
                if a.relation.startswith("_") and " " not in a.relation:
                    value = a.relation  # an extension enumeration value
                own = value == "OTHER" and a.relation.upper() != "OTHER"
                phrase = a.phrase or (a.relation if own else "")
                ch.append(line("ROLE", value, [line("PHRASE", phrase)] if phrase else []))
            else:
                if a.relation.upper() == "OTHER" and a.phrase:
                    ch.append(line("RELA", a.phrase))
                else:
                    ch.append(line("RELA", a.relation, [line("_PHRASE", a.phrase)] if a.phrase else []))
        self.evidence(ch, a.citations, a.notes, [])
        return line("ASSO", a.person_id, merged(ch, a.extra), pointer=True)


def _cited_event(ch: list[Structure], c: Citation) -> None:
    if c.event:
        ch.append(line("EVEN", c.event, [line("ROLE", c.role)] if c.role else []))


def _own_phrase(value: str) -> bool:
    """True for a date value that carries its phrase in itself: "(in spring)", "INT 1700 (then)"."""
    d = Date.parse(value)
    return d.valid and bool(d.phrase)


def _compose_name(n: Name) -> str:
    given = " ".join(p for p in (n.prefix, n.given) if p)
    surname = " ".join(p for p in (n.surname_prefix, n.surname) if p)
    text = f"{given} /{surname}/" if surname else given
    return f"{text} {n.suffix}".strip() if n.suffix else text
