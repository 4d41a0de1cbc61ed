"""A person's life in date order, with the events of their close family and the file's context events."""

from __future__ import annotations

from dataclasses import field

from familytree.evidence.dates import Age, age_between, day_interval
from familytree.model import (
    ChildRelation,
    Citation,
    Date,
    DateModifier,
    Event,
    Family,
    Person,
    Place,
    Sex,
    Structure,
    Tree,
    place_text,
    recorded_age_text,
)
from familytree.model.slotted import slotted

__all__ = ["CONTEXT_RECORD_TAGS", "TimelineEntry", "context_events", "context_records", "timeline"]

_BIRTH_TAGS = ("BIRT", "CHR", "BAPM")
_DEATH_TAGS = ("DEAT", "BURI", "CREM")
# Within one day: birth first, death and burial last, whatever order the file has.
_TAG_ORDER = {"BIRT": 0, "CHR": 1, "BAPM": 1, "DEAT": 8, "BURI": 9, "CREM": 9}
_TO_TAGS = {"MARR", "ENGA", "MARB", "MARC", "MARL", "MARS"}
_FROM_TAGS = {"DIV", "DIVF", "ANUL"}

# Level-0 records a file may use for historical events attached to no one (GEDCOM has
# no standard record for them): "0 @E1@ _EVEN" with DATE, PLAC, TYPE, NOTE and SOUR.
CONTEXT_RECORD_TAGS = frozenset({"EVEN", "_EVEN", "_EVENT", "_EVT", "_HIST", "_HEVENT"})


@slotted
class TimelineEntry:
    """One line of a timeline."""

    event: Event
    description: str  # "Birth", "Occupation: engineer", "Birth of daughter Yulia Sedova"
    person_id: str = ""  # whose event it is: the person to select when the line is clicked
    relation: str = ""  # what that person is to the focus: "" for the focus, "father", "daughter"
    family_id: str = ""  # set for a family event (marriage, divorce)
    event_index: int = -1  # index in the owner's `events` (the person's, or the family's)
    age: Age | None = None  # the focus person's age at the time, from the dates
    recorded_age: str = ""  # the age the record itself gives (GEDCOM AGE), in words, when no date does
    is_context: bool = False  # a historical event recorded by the file, not a family event
    sort_key: tuple[int, ...] = field(default=())

    @property
    def date(self) -> Date | None:
        return self.event.date

    @property
    def date_text(self) -> str:
        return self.event.date.display() if self.event.date is not None else ""

    @property
    def place_text(self) -> str:
        return place_text(self.event.place)

    @property
    def age_text(self) -> str:
        return self.age.display() if self.age is not None else self.recorded_age

    @property
    def citations(self) -> list[Citation]:
        return self.event.citations

    @property
    def is_own(self) -> bool:
        """The focus person's own event, or a family event of their own couple."""
        return self.relation == "" and not self.is_context


def _word(sex: Sex, male: str, female: str, neutral: str) -> str:
    return male if sex is Sex.MALE else female if sex is Sex.FEMALE else neutral


_CHILD_PREFIX = {ChildRelation.ADOPTED: "adopted ", ChildRelation.FOSTER: "foster ",
                 ChildRelation.STEP: "step"}
_PARENT_PREFIX = {ChildRelation.ADOPTED: "adoptive ", ChildRelation.FOSTER: "foster ",
                  ChildRelation.STEP: "step"}


def _relatives(tree: Tree, focus: Person) -> dict[str, str]:
    """The close family of a person, each with what they are to the person, closest kind first."""
    out: dict[str, str] = {}
    for fam in tree.parent_families(focus.id):
        prefix = _PARENT_PREFIX.get(tree.child_relation(fam, focus.id), "")
        for pid in fam.partner_ids:
            p = tree.people.get(pid)
            if p is not None and pid not in out:
                out[pid] = prefix + _word(p.sex, "father", "mother", "parent")
    def parents_of(pid: str) -> set[str]:
        # birth parents where the file gives them; else every parent (two adopted children are siblings)
        return set(tree.parents(pid, birth_only=True)) or set(tree.parents(pid))

    mine = parents_of(focus.id)
    my_families = set(tree.people[focus.id].parent_family_ids)
    for sid in tree.siblings(focus.id):
        s = tree.people.get(sid)
        if s is None or sid in out or sid == focus.id:
            continue
        theirs = parents_of(sid)
        shared = theirs & mine
        if shared and shared == theirs == mine:
            prefix = ""
        elif not theirs and not mine and my_families & set(s.parent_family_ids):
            prefix = ""  # children of one family whose parents the file does not name
        elif shared:
            prefix = "half-"
        else:
            prefix = "step"  # children of two partners, sharing no parent
        out[sid] = prefix + _word(s.sex, "brother", "sister", "sibling")
    for fam in tree.partner_families(focus.id):
        for pid in fam.partner_ids:
            p = tree.people.get(pid)
            if p is None or pid == focus.id or pid in out:
                continue
            married = fam.is_married or fam.is_divorced  # a divorce ends a marriage: there was one
            word = _word(p.sex, "husband", "wife", "spouse") if married else "partner"
            out[pid] = ("former " + word) if fam.is_divorced else word
        for ref in fam.children:
            c = tree.people.get(ref.person_id)
            if c is not None and c.id not in out and c.id != focus.id:
                out[c.id] = _CHILD_PREFIX.get(ref.relation, "") + _word(c.sex, "son", "daughter", "child")
    return out


def _first_dated(person: Person, tags: tuple[str, ...]) -> tuple[int, Event] | None:
    for tag in tags:
        for i, e in enumerate(person.events):
            if e.tag == tag and not e.denied and day_interval(e.date) is not None:
                return i, e
    return None


def _birth_date(person: Person) -> Date | None:
    found = _first_dated(person, _BIRTH_TAGS)
    if found is None:
        return None
    date = found[1].date
    if date is not None and found[1].tag != "BIRT" and not date.is_uncertain:
        # a christening date bounds the birth from above only: ages from it are "about"
        return Date(DateModifier.ABOUT, date.start, date.end, date.phrase)
    return date


def _own_label(event: Event) -> str:
    value = " ".join(event.value.split())
    if value and value.upper() != "Y":
        return f"{event.label}: {value}"
    return event.label


def _family_label(tree: Tree, event: Event, family: Family, focus_id: str, relatives: dict[str, str]) -> str:
    """ "Marriage to Olga Greber", "Marriage of parents A and B", "Marriage of son C to D"."""
    names = {pid: tree.people[pid].display_name() for pid in family.partner_ids if pid in tree.people}
    joiner = "to" if event.tag in _TO_TAGS else "from" if event.tag in _FROM_TAGS else "with"
    value = " ".join(event.value.split())
    tail = f": {value}" if value and value.upper() != "Y" else ""
    if focus_id in family.partner_ids:
        others = [n for pid, n in names.items() if pid != focus_id]
        return f"{event.label} {joiner} {' and '.join(others)}{tail}" if others else event.label + tail
    if focus_id in family.child_ids:
        return f"{event.label} of parents {' and '.join(names.values())}{tail}"
    for pid, rel in relatives.items():
        if pid in family.partner_ids:
            others = [n for other, n in names.items() if other != pid]
            text = f"{event.label} of {rel} {names[pid]}"
            return (f"{text} {joiner} {' and '.join(others)}" if others else text) + tail
    return f"{event.label} of {' and '.join(names.values())}{tail}"


def _context_event(record: Structure) -> Event:
    """An Event from a level-0 context record, keeping only what a timeline shows."""
    date_s = record.child("DATE")
    date = Date.parse(date_s.value, date_s.child_value("PHRASE")) if date_s is not None else None
    place = Place(record.child_value("PLAC")) if record.child("PLAC") is not None else None
    title = next((t for t in (record.value, record.child_value("TYPE"), record.child_value("TITL"),
                              record.child_value("NOTE")) if t), "")
    event = Event("EVEN", value=title, type=record.child_value("TYPE") or "Historical event", date=date,
                  place=place)
    for s in record.children:
        if s.tag == "SOUR":
            text = [t.value for d in s.children if d.tag == "DATA" for t in d.children if t.tag == "TEXT"]
            event.citations.append(Citation(
                source_id=s.value if s.pointer else "", page=s.child_value("PAGE"), text=text,
                description="" if s.pointer else s.value))
    return event


def context_records(tree: Tree) -> list[tuple[str, Event]]:
    """(xref, event) for every historical event the file records without attaching it to anyone."""
    return [(r.xref, _context_event(r)) for r in tree.other_records if r.tag in CONTEXT_RECORD_TAGS]


def context_events(tree: Tree) -> list[Event]:
    """Historical events the file records without attaching them to anyone."""
    return [event for _xref, event in context_records(tree)]


def _key(event: Event, rank: int, order: int) -> tuple[int, ...]:
    """Chronological: the middle of the days a date allows; births at their earliest, deaths at their latest.

    So "about 1937" and "1937" sit in mid-1937, "between 1924 and 1926" in 1925, a
    death in "1937" after a report of January 1937, and undated facts last.
    """
    when = day_interval(event.date)
    if when is None:
        return (1, 0, _TAG_ORDER.get(event.tag, 5), rank, order)
    lo, hi = when
    if lo is None or hi is None:
        day = lo if lo is not None else hi
    elif event.tag in _BIRTH_TAGS:
        day = lo
    elif event.tag in _DEATH_TAGS:
        day = hi
    else:
        day = (lo + hi) // 2
    assert day is not None
    return (0, day, _TAG_ORDER.get(event.tag, 5), rank, order)


def timeline(tree: Tree, person_id: str, family: bool = True, context: bool = True) -> list[TimelineEntry]:
    """The events of a person's life in date order, with their close family's.

    The person's own events come with every record the file has, undated ones
    last.  Parents', siblings', partners' and children's births and deaths, the
    person's marriages and those of their parents and children are added when
    dated.  Context events (see `context_events`) are added within the
    person's lifetime.  Each entry carries the person's age when the dates allow.
    """
    focus = tree.people.get(person_id)
    if focus is None:
        return []
    birth = _birth_date(focus)
    birth_found = _first_dated(focus, _BIRTH_TAGS)
    birth_event = birth_found[1] if birth_found is not None else None
    death_found = _first_dated(focus, _DEATH_TAGS)
    death_day = day_interval(death_found[1].date) if death_found is not None else None
    last_day = death_day[1] if death_day is not None else None

    def age_at(event: Event) -> Age | None:
        if birth is None or event.date is None or event is birth_event or \
                (event.tag == "BIRT" and any(event is e for e in focus.events)):
            return None  # no age at the birth itself, nor at another record of it ("about 3" at birth)
        when = day_interval(event.date)
        if when is not None and last_day is not None and when[0] is not None and when[0] > last_day:
            return None  # after the death: no age
        return age_between(birth, event.date)

    entries: list[TimelineEntry] = []
    order = 0

    def add(event: Event, description: str, rank: int, **kw: object) -> None:
        nonlocal order
        order += 1
        entry = TimelineEntry(event, description, age=age_at(event), sort_key=_key(event, rank, order),
                              **kw)  # type: ignore[arg-type]
        if entry.age is None and event.age and entry.person_id == focus.id and not entry.family_id:
            entry.recorded_age = recorded_age_text(event.age)  # the AGE of a record is its own person's
        entries.append(entry)

    # "1 DIV N" says the event did not happen (PAF writes it on every couple in royal92.ged): a timeline
    # lists what happened, so it is left out rather than shown as "Divorce: N"
    for i, e in enumerate(focus.events):
        if not e.denied:
            add(e, _own_label(e), 0, person_id=focus.id, event_index=i)
    if family:
        relatives = _relatives(tree, focus)
        for rank, (pid, rel) in enumerate(relatives.items(), start=1):
            person = tree.people[pid]
            for tags in (_BIRTH_TAGS, _DEATH_TAGS):
                found = _first_dated(person, tags)
                if found is not None:
                    i, e = found
                    add(e, f"{e.label} of {rel} {person.display_name()}", rank, person_id=pid, relation=rel,
                        event_index=i)
        families: list[Family] = list(tree.partner_families(focus.id))
        for pid, rel in relatives.items():
            if rel.endswith(("father", "mother", "parent", "son", "daughter", "child")):
                families.extend(f for f in tree.partner_families(pid) if f not in families)
        own = set(focus.family_ids)
        for fam in families:
            mine = fam.id in own
            who = focus.id if mine else next((p for p in fam.partner_ids if p in relatives), "")
            for i, e in enumerate(fam.events):
                if e.denied or (not mine and day_interval(e.date) is None):
                    continue
                add(e, _family_label(tree, e, fam, focus.id, relatives), 0 if mine else 50,
                    person_id=who, relation="" if mine else relatives.get(who, ""), family_id=fam.id,
                    event_index=i)
    if context and tree.other_records:
        birth_day = day_interval(birth)
        first_day = birth_day[0] if birth_day is not None else None
        for i, e in enumerate(context_events(tree)):
            when = day_interval(e.date)
            if when is None or first_day is None:
                continue
            if (when[1] is not None and when[1] < first_day) or (
                    last_day is not None and when[0] is not None and when[0] > last_day):
                continue  # outside the life
            add(e, e.value or e.label, 100, event_index=i, is_context=True)
    entries.sort(key=lambda t: t.sort_key)
    return entries
