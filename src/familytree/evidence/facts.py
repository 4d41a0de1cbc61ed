"""How well each fact is supported: citation counts, "unsourced" and "sources differ" marks."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import field

from familytree.evidence.conflicts import Conflict, ConflictingValue, family_conflicts, person_conflicts
from familytree.model import Event, Person, Tree, place_text
from familytree.model.slotted import slotted

__all__ = [
    "FactAnnotation", "citation_count", "fact_annotations", "fact_summary", "family_fact_annotations",
    "life_summary", "support_label", "NOTHING_RECORDED",
]

# What a fact that records only that it happened ("1 BAPM", "1 CREM Y") shows: an empty row looks lost.
NOTHING_RECORDED = "no date or place recorded"


def fact_summary(event: Event) -> str:
    """One line for a fact: "Occupation: engineer, 1930, Moscow"; "Birth, 21 March 1908, Kiev"."""
    head = event.label
    value = " ".join(event.value.split())
    if value and value.upper() != "Y":  # 5.5.1 writes a bare "BIRT Y" for "it happened"
        head += f": {value}"
    parts = [head]
    if event.date is not None and event.date.display():
        parts.append(event.date.display())
    parts.append(place_text(event.place))
    return ", ".join(p for p in parts if p)


_VERBS = {"BIRT": "born", "CHR": "christened", "BAPM": "baptised", "DEAT": "died", "BURI": "buried",
          "CREM": "cremated"}
# A cause of death that says how in a verb ("Believed executed", "Killed in action") replaces "died".
_CAUSE_VERB = re.compile(r"((believed|presumed|reportedly|probably) )?\w+ed( \w+){0,2}", re.IGNORECASE)

# A place the file words with its own preposition ("near Cork", "at sea") takes no "in".
_PREPOSITION = re.compile(r"(in|at|near|on|off)\b", re.IGNORECASE)


def _when(event: Event) -> str:
    """An event's date for a summary line; a phrase that explains the date is left to the fact itself."""
    if event.date is None:
        return ""
    date = event.date
    if date.phrase and date.year is not None:
        date = dataclasses.replace(date, phrase="")
    return date.display()


def _life_event(event: Event | None) -> str:
    if event is None or event.denied:
        return ""
    verb = _VERBS.get(event.tag, event.label.lower())
    cause = " ".join(event.cause.split())
    if event.tag == "DEAT" and cause and _CAUSE_VERB.fullmatch(cause):
        verb = cause[0].lower() + cause[1:]
    when = _when(event)
    if when.startswith("believed "):  # the date is what the researcher believes: say it once, in order
        when = when[len("believed "):]
        if "believed" not in verb.split():
            verb = "believed to have died" if verb == "died" else f"{verb} (believed)"
    if not when and event.tag not in ("DEAT", "BURI", "CREM"):
        return ""  # "born" alone says nothing; "died" says the person is dead
    where = place_text(event.place)
    if not when and where:  # "died in Ireland", not "died" as if the line were cut
        when = where if _PREPOSITION.match(where) else f"in {where}"
    return f"{verb} {when}".strip()


def life_summary(person: Person) -> str:
    """Birth and death in one line: "born 21 March 1908; believed executed 1937"; "" when neither is known.

    The christening or baptism stands in for an unrecorded birth, the burial for the death; a
    cause of death worded as a verb ("Believed executed") says how the person died; a death with a
    place and no date says where ("died in Ireland").
    """
    return "; ".join(t for t in (_life_event(person.birth), _life_event(person.death)) if t)


def citation_count(event: Event) -> int:
    """How many citations support a fact."""
    return len(event.citations)


def support_label(count: int) -> str:
    """ "unsourced", "1 citation", "3 citations"."""
    if count == 0:
        return "unsourced"
    return "1 citation" if count == 1 else f"{count} citations"


@slotted
class FactAnnotation:
    """What the details dock shows beside one fact."""

    citation_count: int
    conflicts: list[Conflict] = field(default_factory=list)  # the disagreements this fact is part of
    differs_with: list[int] = field(default_factory=list)  # indexes of the facts that disagree with it
    index: int = -1  # the fact's own index in its record's `events`

    def other_claims(self, conflict: Conflict) -> list[ConflictingValue]:
        """The claims of a conflict that are not this fact's own."""
        return [v for v in conflict.values if self.index not in v.event_indexes]

    @property
    def unsourced(self) -> bool:
        return self.citation_count == 0

    @property
    def differs(self) -> bool:
        return bool(self.conflicts)

    def display(self) -> str:
        """ "2 citations", "unsourced", "1 citation · sources differ"."""
        text = support_label(self.citation_count)
        if self.differs:
            text += " \u00b7 sources differ"
        return text

    def tooltip(self, tree: Tree) -> str:
        """Plain text naming the other claims, for a tooltip on the mark."""
        return "\n".join(c.describe(tree) for c in self.conflicts)


def _annotate(events: list[Event], conflicts: list[Conflict]) -> dict[int, FactAnnotation]:
    out = {i: FactAnnotation(citation_count(e), index=i) for i, e in enumerate(events)}
    for conflict in conflicts:
        for i in conflict.event_indexes:
            ann = out[i]
            ann.conflicts.append(conflict)
            for claim in ann.other_claims(conflict):
                ann.differs_with.extend(j for j in claim.event_indexes if j not in ann.differs_with)
    return out


def fact_annotations(tree: Tree, person_id: str) -> dict[int, FactAnnotation]:
    """For each of a person's events (by index in `person.events`): support and disagreement."""
    person = tree.people.get(person_id)
    if person is None:
        return {}
    return _annotate(person.events, person_conflicts(tree, person_id))


def family_fact_annotations(tree: Tree, family_id: str) -> dict[int, FactAnnotation]:
    """The same for a family's events (marriage, divorce), by index in `family.events`."""
    family = tree.families.get(family_id)
    if family is None:
        return {}
    return _annotate(family.events, family_conflicts(tree, family_id))
