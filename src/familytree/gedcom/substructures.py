"""Reading the lines under a record into the model: events, dates, places, names, citations, notes, media."""

from __future__ import annotations

from familytree.gedcom.fields import (
    CITATION_FIELDS,
    EVENT_FIELDS,
    FAM_EVENTS,
    FILE_FIELDS,
    INDI_EVENTS,
    MEDIA_REF_FIELDS,
    NAME_PARTS,
    NAME_TYPES,
    NOTE_FIELDS,
    PLACE_FIELDS,
)
from familytree.gedcom.lexer import Node, is_pointer, to_structure
from familytree.gedcom.reading import NOTES, Appenders, Reading, anchor, read_line, stripped
from familytree.model import (
    Citation,
    Date,
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
)

__all__ = ["Substructures"]

_EVENT_TAGS = {t: t for t in INDI_EVENTS | FAM_EVENTS}  # one string object per event tag
_EVENT = Appenders(Event)
_NAME = Appenders(Name)
_CITATION = Appenders(Citation)
_NOTE = Appenders(Note)
_PLACE = Appenders(Place)
_MEDIA_REF = Appenders(MediaRef)


class _File:
    """What the lines under a FILE give: its FORM and TITL, and the lines kept as read."""

    __slots__ = ("form", "title", "rest")

    def __init__(self) -> None:
        self.form = ""
        self.title = ""
        self.rest: list[Structure] = []

    def keep(self, s: Structure) -> None:
        self.rest.append(s)


class Substructures:
    """Reads the structures records share; each method takes a line and returns the model's object."""

    __slots__ = ("reading", "dates", "strings")

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.dates = reading.dates
        self.strings = reading.strings

    # -- facts -------------------------------------------------------------------------
    def event(self, node: Node) -> Event:
        ev = Event(_EVENT_TAGS.get(node.tag, node.tag), node.value)
        for c in node.children:
            tag = c.tag
            if tag == "DATE" and ev.date is None:
                date = None if c.children else self.dates.get(c.value)
                ev.date = date if date is not None and date.valid else self.date(c, ev.extra)
            elif tag == "PLAC" and ev.place is None:
                if c.children:
                    ev.place = self.place(c)
                else:
                    name = c.value
                    ev.place = Place(self.strings.setdefault(name, name))
            elif tag == "SOUR":
                _EVENT.citations(ev, self.citation(c))
            elif tag in NOTES:
                _EVENT.notes(ev, self.note(c))
            elif tag == "OBJE":
                _EVENT.media(ev, self.media_ref(c))
            else:
                read_line(ev, EVENT_FIELDS, c, _EVENT.extra)
        return ev

    def date(self, node: Node, extra: list[Structure]) -> Date:
        """The DATE line's date; a PHRASE under it is read into it, other lines under it go to `extra`."""
        diags = self.reading.diags
        if not node.children:
            # Dates repeat a lot ("1850", "ABT 1900"); a Date is immutable, so one can be shared.
            date = self.dates.get(node.value)
            if date is None:
                date = self.dates[node.value] = Date.parse(node.value)
            if not date.valid:
                diags.add(node.line, f"date {node.value!r} does not follow the GEDCOM date format; "
                                     "kept as text", "bad date")
            return date
        phrase: Node | None = None
        rest = None
        phrase_tags = self.reading.phrase_tags
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
            extra.append(anchor(node, rest))
        if not date.valid:
            diags.add(node.line, f"date {node.value!r} does not follow the GEDCOM date format; "
                                 "kept as text", "bad date")
        return date

    def place(self, node: Node) -> Place:
        place = Place(node.value)
        for c in node.children:
            tag = c.tag
            if tag == "MAP" and not place.latitude and not place.longitude:
                rest = []
                for g in c.children:
                    if g.tag == "LATI" and not place.latitude and not g.children:
                        place.latitude = g.value.strip()
                    elif g.tag == "LONG" and not place.longitude and not g.children:
                        place.longitude = g.value.strip()
                    else:
                        rest.append(g)
                if rest or not c.children:
                    _PLACE.extra(place, anchor(c, rest))
            elif tag == "TRAN" and not c.children[1:] and all(g.tag == "LANG" for g in c.children):
                _PLACE.translations(place, (c.value, c.children[0].value.strip() if c.children else ""))
            elif tag in NOTES:
                _PLACE.notes(place, self.note(c))
            else:
                read_line(place, PLACE_FIELDS, c, _PLACE.extra)
        return place

    # -- names -------------------------------------------------------------------------
    def name(self, node: Node) -> Name:
        value = node.value
        given, surname, suffix = split_gedcom_name(value)
        strings = self.strings  # given names and surnames repeat as much as places do
        name = Name(full=value, given=strings.setdefault(given, given),
                    surname=strings.setdefault(surname, surname), suffix=suffix)
        if node.children:
            self._name_body(name, node, node.children)
        return name

    def _name_body(self, name: Name, node: Node, children: list[Node] | tuple[()]) -> None:
        """Read the lines under a NAME (or TRAN: `children` without the LANG already read)."""
        reading = self.reading
        if reading.too_deep(node):
            for c in children:
                _NAME.extra(name, to_structure(c))
            return
        reading.nesting += 1
        self._name_parts(name, children)
        reading.nesting -= 1

    def _name_parts(self, name: Name, children: list[Node] | tuple[()]) -> None:
        seen: set[str] = set()
        for c in children:
            tag = c.tag
            part = NAME_PARTS.get(tag)
            if part is not None and tag not in seen and c.value:
                seen.add(tag)
                implied = getattr(name, part.attribute)  # what the NAME value says ("" for a prefix...)
                value = c.value
                if tag == "GIVN" and "," in value:  # "John, Fitzgerald": a list, shown as words
                    value = given_from_pieces(value, implied)
                setattr(name, part.attribute, value)
                # parts equal to what the NAME value says are only kept to be written back, and
                # the commas of a list (the writer writes the line as read while it says the same)
                if c.children or c.value == implied or value is not c.value:
                    _NAME.extra(name, anchor(c, c.children))
            elif tag == "TYPE" and name.type is NameType.NONE and c.value.strip():
                self._name_type(name, c)
            elif tag == "TRAN" or tag == "_TRAN":  # _TRAN: how we keep translations in 5.5.1
                _NAME.translations(name, self._translation(c))
            elif tag == "SOUR":
                _NAME.citations(name, self.citation(c))
            elif tag in NOTES:
                _NAME.notes(name, self.note(c))
            elif tag == "LANG" and not name.lang and c.value:
                name.lang = c.value.strip()
            else:
                _NAME.extra(name, to_structure(c))

    def _name_type(self, name: Name, node: Node) -> None:
        text = node.value.strip()
        t = NAME_TYPES.get(text.upper())
        name.type = t if t is not None else NameType.OTHER
        if t is None or text != t.value:
            name.type_phrase = text  # the file's own words, written back in 5.5.1
        rest = []
        for g in node.children:
            if g.tag in self.reading.phrase_tags and (not name.type_phrase or (
                    t is not None and name.type_phrase.upper() == t.value)):
                name.type_phrase = g.value
            else:
                rest.append(g)
        if rest:
            _NAME.extra(name, anchor(node, rest))

    def _translation(self, node: Node) -> Name:
        given, surname, suffix = split_gedcom_name(node.value)
        tr = Name(full=node.value, given=given, surname=surname, suffix=suffix)
        rest = []
        for g in node.children:
            if g.tag == "LANG" and not tr.lang and g.value:
                tr.lang = g.value.strip()
            else:
                rest.append(g)
        self._name_body(tr, node, rest)
        return tr

    # -- evidence ----------------------------------------------------------------------
    def citation(self, node: Node) -> Citation:
        value = node.value
        pointer = value.__class__ is str and is_pointer(value.strip())  # (not escaped text: lexer.Text)
        cit = Citation(source_id=value.strip()) if pointer else Citation(description=value)
        reading = self.reading
        if reading.too_deep(node):
            for c in node.children:
                _CITATION.extra(cit, to_structure(c))
            return cit
        reading.nesting += 1
        self._citation_body(cit, node, pointer)
        reading.nesting -= 1
        return cit

    def _citation_body(self, cit: Citation, node: Node, pointer: bool) -> None:
        data = False
        for c in node.children:
            tag = c.tag
            if tag == "DATA" and not c.value and not data:
                data = True  # (a second DATA is kept as read: one is written from the model)
                self._citation_data(cit, c, pointer)
            elif tag == "QUAY" and cit.quality is None and c.value.strip() in ("0", "1", "2", "3"):
                cit.quality = int(c.value.strip())
                if c.children:
                    _CITATION.extra(cit, anchor(c, c.children))
            elif tag == "EVEN" and not cit.event and c.value:
                self._cited_event(cit, c)
            elif tag == "TEXT" and not pointer:
                _CITATION.text(cit, c.value)  # 5.5.1 inline source: TEXT right under SOUR
                if c.children:
                    _CITATION.extra(cit, anchor(c, c.children))
            elif tag in NOTES:
                _CITATION.notes(cit, self.note(c))
            elif tag == "OBJE":
                _CITATION.media(cit, self.media_ref(c))
            else:
                read_line(cit, CITATION_FIELDS, c, _CITATION.extra)

    def _cited_event(self, cit: Citation, node: Node) -> None:
        cit.event = node.value
        rest = []
        for g in node.children:
            if g.tag == "ROLE" and not cit.role and g.value:
                cit.role = g.value
                if g.children:
                    rest.append(anchor(g, g.children))
            else:
                rest.append(to_structure(g))
        if rest:
            _CITATION.extra(cit, Structure("EVEN", node.value, children=rest, line=node.line, continues=True))

    def _citation_data(self, cit: Citation, node: Node, pointer: bool) -> None:
        rest: list[Structure] = []
        for g in node.children:
            tag = g.tag
            if tag == "DATE" and cit.date is None:
                cit.date = self.date(g, rest)
            elif tag == "TEXT":
                _CITATION.text(cit, g.value)
                if g.children:
                    rest.append(anchor(g, g.children))
            else:
                rest.append(to_structure(g))
        if rest or not node.children or not pointer:
            # (a source description had its texts in a DATA: written there again, not under SOUR)
            _CITATION.extra(cit, Structure("DATA", "", children=rest, line=node.line, continues=True))

    def note(self, node: Node) -> NoteLike:
        value = node.value
        if value.__class__ is str and is_pointer(value.strip()):  # (not escaped text: lexer.Text)
            return NoteRef(value.strip(), extra=[to_structure(c) for c in node.children])
        if node.tag == "SNOTE":
            # "1 SNOTE some text": kept as the text it is, not made into a pointer to nowhere
            self.reading.diags.add(node.line, f"SNOTE should point to a shared note (like @N1@), not "
                                              f"{value[:40]!r}; read as a note", "SNOTE without pointer")
        return self.note_body(node, Note(value))

    def note_body(self, node: Node, note: Note) -> Note:
        """Read the lines under a note (or a NOTE or SNOTE record) into it."""
        reading = self.reading
        if reading.too_deep(node):
            for c in node.children:
                _NOTE.extra(note, to_structure(c))
            return note
        reading.nesting += 1
        for c in node.children:
            tag = c.tag
            if tag == "TRAN":
                _NOTE.translations(note, self.note_body(c, Note(c.value)))
            elif tag == "SOUR":
                _NOTE.citations(note, self.citation(c))
            else:
                read_line(note, NOTE_FIELDS, c, _NOTE.extra)
        reading.nesting -= 1
        return note

    # -- media -------------------------------------------------------------------------
    def file(self, node: Node) -> tuple[str, str, str, list[Structure]]:
        """A FILE line: its path, format and title, and the lines under it kept as read."""
        f = _File()
        for g in node.children:
            read_line(f, FILE_FIELDS, g, _File.keep)
        return node.value, f.form, f.title, f.rest

    def media_ref(self, node: Node) -> MediaRef:
        value = stripped(node.value)
        ref = MediaRef(media_id=value) if is_pointer(value) else MediaRef()
        ref.line = node.line
        for c in node.children:
            tag = c.tag
            if tag == "FILE" and not ref.media_id and not ref.file:
                ref.file, ref.form, title, rest = self.file(c)
                if title:
                    rest.append(Structure("TITL", title, line=c.line, continues=True))
                if rest:
                    _MEDIA_REF.extra(ref, Structure("FILE", ref.file, children=rest, line=c.line,
                                                    continues=True))
            else:
                read_line(ref, MEDIA_REF_FIELDS, c, _MEDIA_REF.extra)
        return ref
