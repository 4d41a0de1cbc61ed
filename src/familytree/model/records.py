"""The genealogical records: people, names, families, events, sources, citations, notes."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import MISSING, field, fields
from functools import lru_cache
from operator import attrgetter
from typing import Any, TypeVar

from familytree.model.date import Date
from familytree.model.slotted import lazy_init, slotted
from familytree.model.text import shorten

__all__ = [
    "Structure", "Sex", "NameType", "ChildRelation", "Note", "NoteRef", "Citation", "Source",
    "Repository", "Place", "Event", "Name", "MediaRef", "Media", "Association", "ChildRef",
    "Person", "Family", "EVENT_LABELS", "NoteLike", "stored_list", "UNTITLED_SOURCE",
    "list_appender",
]


class _Pending(list):  # type: ignore[type-arg]
    """The empty list a lazy field hands out: it becomes the field's own list when first changed.

    Until then the owner stores nothing (None), so an object whose lists stay empty
    costs no list objects: half the memory of a large tree was empty lists.
    `_owner` is the object whose field this is until the first change, then None;
    `_slot` is the field's slot until then, then None, or the list another empty view
    of the same field stored first, which changes are passed on to.
    """

    __slots__ = ("_owner", "_slot")
    _owner: object
    _slot: Any

    def _attach(self) -> list[Any] | None:
        """Store self in the owner; return another list to change as well when one got there first."""
        owner = self._owner
        if owner is not None:
            self._owner = None
            slot = self._slot
            current = slot.__get__(owner)
            if current is None:
                slot.__set__(owner, self)
                self._slot = None
            else:  # two empty views were taken and both changed: keep both changes
                self._slot = current if current is not self else None
        return self._slot

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (list, (list(self),))  # copies and pickles are plain lists

    def append(self, item: Any) -> None:
        target = self._attach()
        list.append(self, item)
        if target is not None:
            target.append(item)

    def extend(self, items: Any) -> None:
        items = list(items)
        target = self._attach()
        list.extend(self, items)
        if target is not None:
            target.extend(items)

    def insert(self, index: Any, item: Any) -> None:
        target = self._attach()
        list.insert(self, index, item)
        if target is not None:
            target.insert(index, item)

    def __iadd__(self, items: Any) -> _Pending:  # type: ignore[override,misc]
        self.extend(items)
        return self

    def __setitem__(self, index: Any, value: Any) -> None:
        target = self._attach()
        list.__setitem__(self, index, value)
        if target is not None:
            target[index] = value


def _own(value: Any) -> Any:
    """What a field stores for value: for the empty view of another object's field, that field's list.

    A shallow copy, or `Event(citations=other.citations)`, then shares one list with the
    other object, as it would if the field had held a list all along.
    """
    if value.__class__ is _Pending and value._owner is not None:
        target = value._attach()
        return value if target is None else target
    return value


class _LazyList:
    """A descriptor over a slot holding a list or None (read as an empty list)."""

    __slots__ = ("slot", "get", "set")

    def __init__(self, slot: Any) -> None:
        self.slot = slot
        self.get = slot.__get__  # bound once: this runs on every read of the field
        self.set = slot.__set__

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.get(obj)
        if value is None:
            pending = _Pending()
            pending._owner = obj
            pending._slot = self.slot
            return pending
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.set(obj, _own(value))

    def __delete__(self, obj: object) -> None:
        self.slot.__delete__(obj)


def stored_list(cls: type, name: str) -> Callable[[Any], list[Any] | None]:
    """For hot loops over many objects: a function giving the list a field of cls holds.

    For a field that stores no list while empty, that is None until something is
    added (reading the attribute would make an empty list each time).
    """
    descriptor = cls.__dict__[name]
    if isinstance(descriptor, _LazyList):
        return descriptor.get  # type: ignore[no-any-return]
    return attrgetter(name)


def list_appender(cls: type, name: str) -> Callable[[Any, Any], None]:
    """For hot loops such as a reader's: a function appending an item to that field of an object.

    A field that stores no list while empty gets a plain list with the item in it.
    """
    descriptor = cls.__dict__[name]
    if not isinstance(descriptor, _LazyList):
        get_list = attrgetter(name)

        def append_plain(obj: Any, item: Any) -> None:
            get_list(obj).append(item)
        return append_plain
    get, put = descriptor.get, descriptor.set

    def append(obj: Any, item: Any) -> None:
        items = get(obj)
        if items is None:
            put(obj, [item])
        else:
            items.append(item)
    return append


def _lazy() -> Any:
    """The default of a list field that is usually empty: no list is made until one is needed."""
    return field(default=None)


_T = TypeVar("_T", bound=type)


def _lazy_lists(cls: _T) -> _T:
    """Put a `_LazyList` over every field whose default comes from `_lazy()`.

    The class's __init__ (compiled when first called) stores those fields straight into
    their slots: going through the descriptor would cost a Python call per field, and
    readers make millions of these objects.
    """
    lazy = [f.name for f in fields(cls) if f.default is None and str(f.type).startswith("list[")]
    slots = {name: cls.__dict__[name] for name in lazy}
    for name, slot in slots.items():
        setattr(cls, name, _LazyList(slot))

    def make() -> tuple[str, dict[str, Any]]:
        params: list[str] = []
        body: list[str] = []
        namespace: dict[str, Any] = {"_FACTORY": _FACTORY, "_own": _own, "_Pending": _Pending}
        for f in fields(cls):
            name = f.name
            if name in slots:
                namespace[f"_set_{name}"] = slots[name].__set__
                params.append(f"{name}=None")
                body.append(f"_set_{name}(self, {name} if {name} is None or {name}.__class__ is not _Pending "
                            f"else _own({name}))")
            elif f.default_factory is list:
                params.append(f"{name}=_FACTORY")
                body.append(f"self.{name} = [] if {name} is _FACTORY else {name}")
            elif f.default is not MISSING:
                namespace[f"_default_{name}"] = f.default
                params.append(f"{name}=_default_{name}")
                body.append(f"self.{name} = {name}")
            else:
                params.append(name)
                body.append(f"self.{name} = {name}")
        return f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body) + "\n", namespace

    lazy_init(cls, make)
    return cls


_FACTORY = object()  # "no value given" for a field whose default is a new list


@_lazy_lists
@slotted
class Structure:
    """A GEDCOM structure the model does not interpret, kept verbatim for writing back.

    `value` is the full (CONC/CONT-assembled) payload; `pointer` is True when the
    value is an xref such as "@I1@".  `line` is the line number it was read from.

    `continues` marks a structure that only carries the leftovers of a line the model
    already represents: the TIME under an event's DATE, the STAT under a FAMC, an
    explicit "SEX U".  Writers put its children under the line they generate for
    the same tag (and write it as it is when they generate none); views may skip it.
    """

    tag: str
    value: str = ""
    xref: str = ""
    children: list[Structure] = _lazy()
    line: int = 0
    pointer: bool = False
    continues: bool = False

    def child(self, tag: str) -> Structure | None:
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def child_value(self, tag: str, default: str = "") -> str:
        c = self.child(tag)
        return c.value if c is not None else default


class Sex(enum.Enum):
    MALE = "M"
    FEMALE = "F"
    OTHER = "X"  # GEDCOM 7: does not fit the typical definition of male or female
    UNKNOWN = "U"

    @property
    def symbol(self) -> str:
        return {"M": "\u2642", "F": "\u2640", "X": "\u26a5", "U": "?"}[self.value]


class NameType(enum.Enum):
    NONE = ""
    BIRTH = "BIRTH"
    AKA = "AKA"  # also known as: alternate spellings, transliterations in another name
    NICKNAME = "NICK"  # a name used as a whole for the person: "Seryozha"
    MARRIED = "MARRIED"
    IMMIGRANT = "IMMIGRANT"
    MAIDEN = "MAIDEN"
    PROFESSIONAL = "PROFESSIONAL"
    OTHER = "OTHER"


class ChildRelation(enum.Enum):
    BIRTH = "BIRTH"
    ADOPTED = "ADOPTED"
    FOSTER = "FOSTER"
    STEP = "STEP"  # not a GEDCOM 7 PEDI value: written as OTHER with a PHRASE
    SEALING = "SEALING"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


@_lazy_lists
@slotted
class NoteRef:
    """A pointer to a shared note record (GEDCOM 7 SNOTE, 5.5.1 NOTE @N1@)."""

    note_id: str
    extra: list[Structure] = _lazy()


@_lazy_lists
@slotted
class Note:
    """Free text: inline on a record, or a shared record when `id` is set."""

    text: str
    id: str = ""
    mime: str = ""  # "text/html" in GEDCOM 7 when the text is HTML (shown escaped anyway)
    lang: str = ""
    translations: list[Note] = _lazy()
    citations: list[Citation] = _lazy()
    extra: list[Structure] = _lazy()


NoteLike = Note | NoteRef


@_lazy_lists
@slotted
class Citation:
    """Evidence for a fact: a source, where in it, and what it says (the excerpt)."""

    source_id: str = ""  # xref of the Source record; "" for a 5.5.1 inline source
    page: str = ""  # where within the source: page, section, chapter
    text: list[str] = _lazy()  # verbatim excerpts (DATA.TEXT)
    quality: int | None = None  # QUAY 0..3
    date: Date | None = None  # DATA.DATE: when the record was made
    event: str = ""  # EVEN: the kind of event the source records
    role: str = ""
    description: str = ""  # the text of a 5.5.1 inline source "1 SOUR text"
    notes: list[NoteLike] = _lazy()
    media: list[MediaRef] = _lazy()
    extra: list[Structure] = _lazy()


@_lazy_lists
@slotted
class Repository:
    id: str
    name: str = ""
    address: str = ""
    notes: list[NoteLike] = _lazy()
    extra: list[Structure] = _lazy()


UNTITLED_SOURCE = "Untitled source"
_STAND_IN = 60  # characters of a source's text that name it when nothing else does


@_lazy_lists
@slotted
class Source:
    id: str
    title: str = ""
    author: str = ""
    publication: str = ""  # PUBL: publisher, place and year
    abbreviation: str = ""
    text: str = ""  # TEXT: text from the source itself
    repositories: list[Structure] = field(default_factory=list)  # REPO pointers with CALN, kept whole
    notes: list[NoteLike] = _lazy()
    media: list[MediaRef] = _lazy()
    extra: list[Structure] = _lazy()

    def display(self) -> str:
        """A full citation line: "Robert Service, Trotsky (2009)"; never the xref, which tells a reader
        nothing: a source with no author or title is named by what else it records (see `stand_in`)."""
        parts = [p for p in (self.author, self.title) if p]
        text = ", ".join(parts) or self.stand_in()
        if self.publication:
            return f"{text} ({self.publication})" if text else self.publication
        return text or UNTITLED_SOURCE

    def stand_in(self) -> str:
        """What names a source with no author or title: its abbreviation, else a NAME line kept as read
        (EasyTree's title), else the first words of its text ("p. 221, MVR 212 [Amended Rec]:45"); ""
        when it has none of these."""
        abbreviation = " ".join(self.abbreviation.split())
        if abbreviation:
            return abbreviation
        named = next((" ".join(s.value.split()) for s in self.extra if s.tag == "NAME" and not s.pointer), "")
        return shorten(named, 2 * _STAND_IN) if named else shorten(" ".join(self.text.split()), _STAND_IN)


@_lazy_lists
@slotted
class Place:
    name: str = ""  # "Moscow, Russia"; the jurisdictions comma-separated as in the file
    form: str = ""
    latitude: str = ""
    longitude: str = ""
    translations: list[tuple[str, str]] = _lazy()  # (text, lang)
    notes: list[NoteLike] = _lazy()
    extra: list[Structure] = _lazy()


# Readable labels for the GEDCOM event and attribute tags.
EVENT_LABELS: dict[str, str] = {
    "BIRT": "Birth", "CHR": "Christening", "BAPM": "Baptism", "DEAT": "Death", "BURI": "Burial",
    "CREM": "Cremation", "ADOP": "Adoption", "BARM": "Bar mitzvah", "BASM": "Bas mitzvah",
    "BLES": "Blessing", "CHRA": "Adult christening", "CONF": "Confirmation", "FCOM": "First communion",
    "ORDN": "Ordination", "NATU": "Naturalization", "EMIG": "Emigration", "IMMI": "Immigration",
    "CENS": "Census", "PROB": "Probate", "WILL": "Will", "GRAD": "Graduation", "RETI": "Retirement",
    "EVEN": "Event", "CAST": "Caste", "DSCR": "Description", "EDUC": "Education", "IDNO": "Identifier",
    "NATI": "Nationality", "NCHI": "Number of children", "NMR": "Number of marriages",
    "OCCU": "Occupation", "PROP": "Property", "RELI": "Religion", "RESI": "Residence",
    "SSN": "Social security number", "TITL": "Title", "FACT": "Fact",
    "ANUL": "Annulment", "DIV": "Divorce", "DIVF": "Divorce filed", "ENGA": "Engagement",
    "MARB": "Marriage banns", "MARC": "Marriage contract", "MARL": "Marriage licence",
    "MARR": "Marriage", "MARS": "Marriage settlement",
}


@_lazy_lists
@slotted
class Event:
    """An event or attribute of a person or family: birth, occupation, residence..."""

    tag: str  # GEDCOM tag: BIRT, DEAT, OCCU, RESI, EVEN, FACT, ...
    value: str = ""  # the line value: "engineer" for OCCU, "Y" for a bare BIRT in 5.5.1
    type: str = ""  # TYPE: what kind of EVEN/FACT, or a refinement
    date: Date | None = None
    place: Place | None = None
    age: str = ""
    cause: str = ""
    agency: str = ""
    citations: list[Citation] = _lazy()
    notes: list[NoteLike] = _lazy()
    media: list[MediaRef] = _lazy()
    extra: list[Structure] = _lazy()

    @property
    def denied(self) -> bool:
        """True for "1 DIV N" and the like: the file says the event did NOT happen."""
        return self.value.strip().upper() == "N"

    @property
    def label(self) -> str:
        if self.tag in ("EVEN", "FACT") and self.type and self.type.upper() != self.tag:  # ("TYPE EVEN")
            return self.type
        return EVENT_LABELS.get(self.tag, self.tag.lstrip("_").capitalize())

    def sort_key(self) -> tuple[int, int, int, int, int]:
        return self.date.sort_key() if self.date else (1, 0, 0, 0, 9)

    def life_key(self) -> tuple[int, int, int, int, int]:
        """Where the fact goes in a life read in order: by date; one without a date after the dated,
        but a birth or baptism without one first and a death or burial without one last."""
        key = self.sort_key()
        if key[0] == 1:  # no date, or one that cannot be placed
            if self.tag in _LIFE_FIRST:
                return (-1, *key[1:])
            if self.tag in _LIFE_LAST:
                return (2, *key[1:])
        return key


_LIFE_FIRST = frozenset({"BIRT", "CHR", "BAPM"})
_LIFE_LAST = frozenset({"DEAT", "BURI", "CREM"})


@_lazy_lists
@slotted
class Name:
    """One name of a person. `full` is the GEDCOM form: "Sergei /Sedov/"."""

    full: str = ""
    given: str = ""
    surname: str = ""
    prefix: str = ""  # NPFX: "Dr."
    surname_prefix: str = ""  # SPFX: "van"
    suffix: str = ""  # NSFX: "Jr."
    nickname: str = ""  # NICK
    type: NameType = NameType.NONE
    type_phrase: str = ""  # what kind of OTHER name, or the 5.5.1 free text
    lang: str = ""
    translations: list[Name] = _lazy()  # TRAN: other scripts / romanisations
    citations: list[Citation] = _lazy()
    notes: list[NoteLike] = _lazy()
    extra: list[Structure] = _lazy()

    @classmethod
    def from_gedcom(cls, value: str, **kw: object) -> Name:
        """Build a name from a GEDCOM NAME value, splitting given and surname on slashes."""
        given, surname, suffix = split_gedcom_name(value)
        name = cls(full=value, given=given, surname=surname, **kw)  # type: ignore[arg-type]
        if suffix and not name.suffix:
            name.suffix = suffix
        return name

    def display(self) -> str:
        """Given name(s) then surname, as a reader expects: "Sergei Sedov"."""
        parts = (self.prefix, self.given, self.surname_prefix, self.surname, self.suffix, self.full)
        if len(self.full) + len(self.given) + len(self.surname) > _LONG_NAME:
            return _long_name_display(*parts)
        return _name_display(*parts)

    def all_texts(self) -> list[str]:
        """Every spelling this name carries: itself, its nickname, its translations."""
        out = [self.display()]
        if self.nickname:
            out.append(self.nickname)
        out.extend(t.display() for t in self.translations)
        return [t for t in out if t]


# tabs and line breaks separate words; any other control character is dropped
_CONTROL_CHARACTERS = {c: " " if c in (0x09, 0x0A, 0x0D) else None for c in (*range(0x20), 0x7F)}


def _name_display(prefix: str, given: str, surname_prefix: str, surname: str, suffix: str, full: str) -> str:
    text = " ".join(p for p in (prefix, given, surname_prefix, surname, suffix) if p)
    if not text:
        text = " ".join(full.replace("/", " ").split())
    if not text.isprintable():  # a stray control character (kept in the file) draws as a box
        text = " ".join(text.translate(_CONTROL_CHARACTERS).split())
    if "_" in text:
        # Older programs (PAF) joined the words of a name part with underscores
        # ("Nicholas_II", "of_Denmark") and wrote "____" for a part not known: a reader
        # sees the words, and no line of blanks. The file keeps them as written.
        text = " ".join(text.replace("_", " ").split())
    return text


# Names longer than this exist only in damaged or hostile files. The window asks for a name a
# dozen times a click; for a name of megabytes each answer cost a scan of it (20 ms for 10 MB),
# so the answer is kept (a string's hash is kept too: a second lookup does not scan it again).
_LONG_NAME = 1000
_long_name_display = lru_cache(maxsize=16)(_name_display)


def given_from_pieces(pieces: str, spoken: str) -> str:
    """The given name a GIVN line says, which GEDCOM 5.5.1 makes a list with commas: "John,
    Fitzgerald" is "John Fitzgerald", spelled as the NAME line spells it (`spoken`) when that holds
    the same names, so that a comma that is part of a name (Queen.ged's "..., comte de Blois") stays."""
    if "," not in pieces:
        return pieces
    words = pieces.replace(",", " ").split()
    if not words:
        return pieces
    if spoken.replace(",", " ").split() == words:
        return spoken
    return " ".join(words)


def split_gedcom_name(value: str) -> tuple[str, str, str]:
    """Split "Given /Surname/ Suffix" into (given, surname, suffix)."""
    if "/" not in value:
        return " ".join(value.split()), "", ""
    before, _, rest = value.partition("/")
    surname, _, after = rest.partition("/")
    return " ".join(before.split()), " ".join(surname.split()), " ".join(after.split())


@_lazy_lists
@slotted
class MediaRef:
    media_id: str = ""  # pointer to a Media record, or "" with an inline file
    file: str = ""
    form: str = ""
    title: str = ""
    extra: list[Structure] = _lazy()
    line: int = 0  # of the OBJE line, for the problems found with its file


@_lazy_lists
@slotted
class Media:
    id: str
    files: list[tuple[str, str, str]] = field(default_factory=list)  # (path, format, title)
    notes: list[NoteLike] = _lazy()
    citations: list[Citation] = _lazy()
    extra: list[Structure] = _lazy()
    line: int = 0  # where the record starts in the file it was read from


@_lazy_lists
@slotted
class Association:
    """ASSO: a link to another person with a role (godfather, witness, friend)."""

    person_id: str
    relation: str = ""
    phrase: str = ""
    citations: list[Citation] = _lazy()
    notes: list[NoteLike] = _lazy()
    extra: list[Structure] = _lazy()


@_lazy_lists
@slotted
class Person:
    id: str
    names: list[Name] = field(default_factory=list)
    sex: Sex = Sex.UNKNOWN
    events: list[Event] = field(default_factory=list)  # events and attributes, in file order
    parent_family_ids: list[str] = field(default_factory=list)  # FAMC, in file order
    family_ids: list[str] = field(default_factory=list)  # FAMS, in file order
    citations: list[Citation] = _lazy()  # evidence about the person as a whole
    notes: list[NoteLike] = _lazy()  # the first is shown as the biography
    media: list[MediaRef] = _lazy()
    associations: list[Association] = _lazy()
    extra: list[Structure] = _lazy()
    line: int = 0  # where the record starts in the file it was read from
    # the kinds of its lines in the order read, one letter each (N name, S sex, E event, C FAMC,
    # F FAMS, A ASSO, R citation, O note, M media, X other), so writing keeps the file's order
    file_order: str = ""

    @property
    def name(self) -> Name:
        return self.names[0] if self.names else Name()

    def display_name(self) -> str:
        return self.name.display() or "(unknown)"

    def first_event(self, *tags: str) -> Event | None:
        for e in self.events:
            if e.tag in tags:
                return e
        return None

    @property
    def birth(self) -> Event | None:
        return self.first_event("BIRT") or self.first_event("CHR", "BAPM")

    @property
    def death(self) -> Event | None:
        return self.first_event("DEAT") or self.first_event("BURI", "CREM")

    @property
    def birth_year(self) -> int | None:
        """The year of the birth (or christening), however uncertain; None when not dated."""
        b = self.birth
        return b.date.year if b is not None and b.date is not None else None

    @property
    def death_year(self) -> int | None:
        """The year of the death (or burial), however uncertain; None when not dated."""
        d = self.death
        return d.date.year if d is not None and d.date is not None else None

    def lifespan(self, short: bool = True) -> str:
        """Life years in words: for a chart box "1908–1937", "bef. 1406 – aft. 1454", "born 1936",
        "died abt. 1937"; with `short` False, for running text, "before 1406 – after 1454".

        In a box "?" stands for a death the file records without a year ("1908–?"), and for a date it
        gives only in words, which the running text says, cut past SHORT_TEXT characters; the
        running text says "unknown" for the year ("1908 – unknown"): a "?" in a sentence reads as
        a doubt about the birth.
        """
        b = self.birth
        d = self.death
        by = _life_year(b.date, short) if b and b.date else ""
        dy = _life_year(d.date, short) if d and d.date else ""
        if d and not dy:
            dy = ("?" if short else "unknown") if by else ""
        if by and dy:
            # "1908–1937", but "bef. 1406 – 1454": a dash between words would join them
            return f"{by}\u2013{dy}" if " " not in by + dy and dy != "unknown" else f"{by} \u2013 {dy}"
        if by:
            return f"born {by}"
        if dy and dy != "?":
            return f"died {dy}"
        return ""


def _life_year(date: Date, short: bool) -> str:
    if short or date.year is not None:
        return date.year_text(short)
    return shorten(" ".join(date.year_text().split()))  # the file's words, on one line


@_lazy_lists
@slotted
class ChildRef:
    person_id: str
    relation: ChildRelation = ChildRelation.BIRTH
    phrase: str = ""  # PEDI PHRASE, or the original non-standard PEDI text
    extra: list[Structure] = _lazy()  # substructures of FAM.CHIL


@_lazy_lists
@slotted
class Family:
    """A couple (either partner may be missing) and their children."""

    id: str
    husband_id: str = ""  # HUSB: in GEDCOM 7 just "first partner"
    wife_id: str = ""
    children: list[ChildRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # MARR, DIV, ...
    citations: list[Citation] = _lazy()
    notes: list[NoteLike] = _lazy()
    media: list[MediaRef] = _lazy()
    extra: list[Structure] = _lazy()
    line: int = 0
    # the kinds of its lines in the order read (H HUSB, W WIFE, C CHIL, E event, R citation,
    # O note, M media, X other), so writing keeps the file's order
    file_order: str = ""

    @property
    def partner_ids(self) -> list[str]:
        return [p for p in (self.husband_id, self.wife_id) if p]

    @property
    def child_ids(self) -> list[str]:
        return [c.person_id for c in self.children]

    @property
    def is_married(self) -> bool:
        """True when the family records a marriage (not just a partnership)."""
        return any(e.tag in ("MARR", "MARB", "MARC", "MARL", "MARS") and not e.denied for e in self.events)

    @property
    def is_divorced(self) -> bool:
        return any(e.tag in ("DIV", "ANUL") and not e.denied for e in self.events)
