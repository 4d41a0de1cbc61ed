"""Disagreeing evidence: facts of one person or family to which citations give different values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import field

from familytree.evidence.dates import DayInterval, day_interval, intervals_overlap
from familytree.model import Citation, Event, Family, Person, Tree, place_text
from familytree.model.slotted import slotted

__all__ = [
    "SINGULAR_TAGS", "Conflict", "ConflictingValue", "citation_key", "family_conflicts",
    "find_conflicts", "person_conflicts", "source_key",
]

# Facts a life has once: two records of one of them are two claims about the same fact.
SINGULAR_TAGS = frozenset({"BIRT", "CHR", "DEAT", "BURI", "CREM"})
SINGULAR_FAMILY_TAGS = frozenset({"MARR", "DIV", "ANUL"})

# "about 1908" and "1909" are compatible: approximate dates are widened by a year.
APPROXIMATE_SLACK_DAYS = 366


@slotted
class ConflictingValue:
    """One of the claims: which event says it, what it says, and on whose authority."""

    event_indexes: list[int]  # indexes in the owner's `events` of the records that say it
    value: str  # as shown: "professor at ...", "21 March 1908", "Moscow, Russia"
    citations: list[Citation] = field(default_factory=list)  # of all those records


@slotted
class Conflict:
    """Two or more records of the same fact that disagree."""

    owner_id: str  # the person, or the family for a family fact
    person_ids: list[str]  # the people it concerns (the person, or the couple)
    tag: str  # GEDCOM tag of the fact: BIRT, OCCU...
    label: str  # "Birth date", "Occupation"
    aspect: str  # "date", "place" or "value"
    values: list[ConflictingValue] = field(default_factory=list)
    is_family: bool = False

    @property
    def person_id(self) -> str:
        return self.person_ids[0] if self.person_ids else ""

    @property
    def event_indexes(self) -> list[int]:
        return sorted(i for v in self.values for i in v.event_indexes)

    def describe(self, tree: Tree) -> str:
        """One line: "Occupation: sources differ: 'professor' (Service, Trotsky) / 'instructor' (...)"."""
        parts = []
        for v in self.values:
            cited = "; ".join(_short_source(tree, c) for c in v.citations) or "unsourced"
            parts.append(f"\u201c{v.value}\u201d ({cited})")
        return f"{self.label}: sources differ: " + " / ".join(parts)


def _short_source(tree: Tree, citation: Citation) -> str:
    src = tree.sources.get(citation.source_id) if citation.source_id else None
    if src is not None:
        text = src.title or src.abbreviation or src.display()
    else:
        text = tree.cited_source(citation)
    return f"{text}, {citation.page}" if citation.page else text


def source_key(citation: Citation) -> str:
    """What identifies the source a citation cites, for inline 5.5.1 sources too."""
    return citation.source_id or "inline:" + " ".join(citation.description.split()).casefold()


def citation_key(citation: Citation) -> tuple[str, str]:
    return (source_key(citation), " ".join(citation.page.split()).casefold())


_WORD_RE = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD_RE.findall(folded)


def _values_differ(a: str, b: str) -> bool:
    """Different claims, not one a fuller form of the other ("professor" / "professor of physics")."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb or wa == wb:
        return False
    sa, sb = set(wa), set(wb)
    return not (sa <= sb or sb <= sa)


# Words that name the kind of a jurisdiction, not the place: "Fayette County" is "Fayette".
_JURISDICTION_WORDS = frozenset({
    "county", "co", "parish", "township", "twp", "district", "province", "region", "oblast", "krai", "kray",
    "governorate", "gubernia", "guberniya", "uezd", "uyezd", "volost", "city", "of",
})
_PARENTHESES_RE = re.compile(r"\([^)]*\)")


def _place_parts(name: str) -> list[str]:
    parts = []
    for part in _PARENTHESES_RE.sub(" ", name).split(","):
        words = [w for w in _words(part) if w not in _JURISDICTION_WORDS] or _words(part)
        if words:
            parts.append(" ".join(words))
    return parts


def _places_differ(a: str, b: str) -> bool:
    """Two places that cannot be the same: "Moscow" and "Moscow, Russia" can."""
    pa, pb = _place_parts(a), _place_parts(b)
    if not pa or not pb:
        return False
    # the most specific part of one named anywhere in the other: a fuller or shorter form
    return pa[0] not in pb and pb[0] not in pa


def _place_name(event: Event) -> str:
    return event.place.name if event.place is not None else ""


def _fact_value(event: Event) -> str:
    """What an attribute says: its value, or for a residence without one, its place."""
    return " ".join(event.value.split()) or place_text(event.place)


def _dated_value(event: Event) -> str:
    text = _fact_value(event)
    if event.date is not None and event.date.display():
        text += f", {event.date.display()}"
    return text


def _singular_disagreements(a: Event, b: Event) -> Iterator[str]:
    """The aspects ("date", "place") in which two records of a once-only fact disagree."""
    ia = day_interval(a.date, APPROXIMATE_SLACK_DAYS)
    ib = day_interval(b.date, APPROXIMATE_SLACK_DAYS)
    if ia is not None and ib is not None and not intervals_overlap(ia, ib):
        yield "date"
    if _places_differ(_place_name(a), _place_name(b)):
        yield "place"


def _is_open(interval: DayInterval) -> bool:
    return interval[0] is None or interval[1] is None


def _same_time(a: Event, b: Event) -> bool:
    """Could two records of a repeatable fact be about the same time of the life?

    Both undated: nothing sets them apart.  One dated, the other not: nothing
    joins them.  "after 1926" and "before 1938" overlap but only bound the time,
    so with an open-ended date the two records must also name the same place.
    """
    ia, ib = day_interval(a.date), day_interval(b.date)
    if ia is None or ib is None:
        return ia is None and ib is None
    if not intervals_overlap(ia, ib):
        return False
    if _is_open(ia) or _is_open(ib):
        pa, pb = _place_name(a), _place_name(b)
        return bool(pa and pb) and not _places_differ(pa, pb)
    return True


def _citation_keys(event: Event) -> set[tuple[str, str]]:
    return {citation_key(c) for c in event.citations}


def _source_keys(event: Event) -> set[str]:
    return {source_key(c) for c in event.citations}


def _kind(event: Event) -> tuple[str, str]:
    # EVEN/FACT with different TYPEs are different facts; so are a civil and a church wedding
    return (event.tag, " ".join(event.type.split()).casefold())


def _conflicts_in(events: list[Event], singular: frozenset[str]) -> list[tuple[str, str, list[int]]]:
    """(tag, aspect, event indexes) for every group of disagreeing records of one fact."""
    by_kind: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(events):
        by_kind.setdefault(_kind(e), []).append(i)
    out: list[tuple[str, str, list[int]]] = []
    for (tag, _type), indexes in by_kind.items():
        if len(indexes) < 2:
            continue
        groups: dict[str, list[int]] = {}
        for n, i in enumerate(indexes):
            for j in indexes[n + 1:]:
                a, b = events[i], events[j]
                if tag in singular:
                    # the same citations behind both records: a duplicate entry, not two sources
                    if not (a.citations or b.citations) or _citation_keys(a) == _citation_keys(b):
                        continue
                    aspects = list(_singular_disagreements(a, b))
                else:
                    sa, sb = _source_keys(a), _source_keys(b)
                    if not sa or not sb or sa & sb:
                        continue  # a source that gives both values describes a change, not a doubt
                    if not _same_time(a, b) or not _values_differ(_fact_value(a), _fact_value(b)):
                        continue
                    if a.value.strip() and _places_differ(_place_name(a), _place_name(b)):
                        continue  # held in two places: two posts, not two accounts of one
                    aspects = ["value"]
                for aspect in aspects:
                    group = groups.setdefault(aspect, [])
                    for k in (i, j):
                        if k not in group:
                            group.append(k)
        for aspect, group in groups.items():
            out.append((tag, aspect, sorted(group)))
    return out


def _label(event: Event, aspect: str) -> str:
    if aspect == "value":
        return event.label
    return f"{event.label} {aspect}"


def _shown(event: Event, aspect: str) -> str:
    if aspect == "date":
        return event.date.display() if event.date is not None else ""
    if aspect == "place":
        return place_text(event.place)
    return _dated_value(event)


def _build(owner_id: str, person_ids: list[str], events: list[Event], singular: frozenset[str],
           is_family: bool) -> list[Conflict]:
    out = []
    for tag, aspect, indexes in _conflicts_in(events, singular):
        # records saying the same thing are one claim, with all their citations
        claims: dict[str, ConflictingValue] = {}
        for i in indexes:
            shown = _shown(events[i], aspect)
            claim = claims.setdefault(" ".join(_words(shown)), ConflictingValue([], shown))
            claim.event_indexes.append(i)
            claim.citations.extend(c for c in events[i].citations if c not in claim.citations)
        out.append(Conflict(owner_id, person_ids, tag, _label(events[indexes[0]], aspect), aspect,
                            list(claims.values()), is_family))
    return out


def person_conflicts(tree: Tree, person_id: str) -> list[Conflict]:
    """The disagreements among one person's own facts."""
    person: Person | None = tree.people.get(person_id)
    if person is None or len(person.events) < 2:
        return []
    return _build(person.id, [person.id], person.events, SINGULAR_TAGS, False)


def family_conflicts(tree: Tree, family_id: str) -> list[Conflict]:
    """The disagreements among one family's facts (two marriage dates...)."""
    family: Family | None = tree.families.get(family_id)
    if family is None or len(family.events) < 2:
        return []
    people = [p for p in family.partner_ids if p in tree.people]
    return _build(family.id, people, family.events, SINGULAR_FAMILY_TAGS, True)


def _may_conflict(events: list[Event]) -> bool:
    """A cheap first look: a tag recorded twice, once at least with a citation (most people have none)."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for e in events:
        (repeated if e.tag in seen else seen).add(e.tag)
    return bool(repeated) and any(e.citations and e.tag in repeated for e in events)


def find_conflicts(tree: Tree) -> list[Conflict]:
    """Every disagreement in the file: people in file order, then families."""
    out: list[Conflict] = []
    for person in tree.people.values():
        if len(person.events) >= 2 and _may_conflict(person.events):
            out.extend(person_conflicts(tree, person.id))
    for family in tree.families.values():
        if len(family.events) >= 2 and _may_conflict(family.events):
            out.extend(family_conflicts(tree, family.id))
    return out
