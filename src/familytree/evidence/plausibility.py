"""What is merely implausible in the dates of a life (born after death, a mother of 9 or 70, a marriage
before birth): warnings an edit gives and the Conflicts dock lists, never a reason to refuse one."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from familytree.evidence.dates import DayInterval, day_interval
from familytree.model import ChildRelation, Citation, Event, Family, Person, Sex, Tree
from familytree.model.text import shorten

__all__ = ["Implausible", "Implausibility", "MOTHER_OLDEST", "MOTHER_YOUNGEST", "implausibilities",
           "tree_implausibilities"]

MOTHER_YOUNGEST = 12  # a mother younger than this at a birth is implausible
MOTHER_OLDEST = 60  # and older than this
# "about 1908" may be a year either way: approximate dates are widened so, and only what every
# reading of the dates makes implausible is said
_SLACK_DAYS = 366
_DAYS_A_YEAR = 365.2425
_MARRIAGES = frozenset(("MARR", "MARB", "MARC", "MARL", "MARS"))


class Implausibility(enum.Enum):
    BORN_AFTER_DEATH = "born after death"
    MOTHER_TOO_YOUNG = "mother too young"
    MOTHER_TOO_OLD = "mother too old"
    BORN_AFTER_MOTHERS_DEATH = "born after the mother's death"
    MARRIED_BEFORE_BIRTH = "married before birth"


@dataclass(frozen=True, slots=True)
class Implausible:
    """One implausible thing: what, in a sentence, whom it concerns and the facts that say it."""

    kind: Implausibility
    message: str  # "Yulia is recorded as born (1936) after dying (1930)"
    person_ids: tuple[str, ...]
    events: tuple[Event, ...]  # the facts whose dates disagree, so their sources can be listed
    family_id: str = ""

    @property
    def citations(self) -> list[Citation]:
        """The sources of the facts involved, in order."""
        return [c for e in self.events for c in e.citations]


def _days(event: Event | None) -> DayInterval | None:
    return day_interval(event.date, _SLACK_DAYS) if event is not None and event.date is not None else None


def _after(late: DayInterval | None, early: DayInterval | None) -> bool:
    """True when every day `late` allows is after every day `early` allows."""
    return late is not None and early is not None and late[0] is not None and early[1] is not None \
        and late[0] > early[1]


def _when(event: Event) -> str:
    return event.date.display() if event.date is not None else ""


def _name(person: Person) -> str:
    return shorten(person.display_name(), 60)


def _own(person: Person) -> Iterator[Implausible]:
    birth, death = person.birth, person.death
    if birth is not None and death is not None and _after(_days(birth), _days(death)):
        yield Implausible(Implausibility.BORN_AFTER_DEATH,
                          f"{_name(person)} is recorded as born ({_when(birth)}) after dying "
                          f"({_when(death)})",
                          (person.id,), (birth, death))


def _as_mother(tree: Tree, family: Family, mother: Person) -> Iterator[Implausible]:
    mother_birth, mother_death = mother.birth, mother.death
    born, died = _days(mother_birth), _days(mother_death)
    for ref in family.children:
        child = tree.people.get(ref.person_id)
        birth = child.birth if child is not None and ref.relation is ChildRelation.BIRTH else None
        at = _days(birth)
        if child is None or birth is None or at is None or at[0] is None or at[1] is None:
            continue
        who = (mother.id, child.id)
        if mother_birth is not None and born is not None and born[0] is not None and born[1] is not None:
            oldest = int((at[1] - born[0]) / _DAYS_A_YEAR)
            youngest = int((at[0] - born[1]) / _DAYS_A_YEAR)
            if oldest < MOTHER_YOUNGEST:
                yield Implausible(Implausibility.MOTHER_TOO_YOUNG,
                                  f"{_name(mother)} was at most {max(oldest, 0)} when {_name(child)} was "
                                  f"born ({_when(birth)}): younger than {MOTHER_YOUNGEST}", who,
                                  (mother_birth, birth), family.id)
            elif youngest > MOTHER_OLDEST:
                yield Implausible(Implausibility.MOTHER_TOO_OLD,
                                  f"{_name(mother)} was at least {youngest} when {_name(child)} was born "
                                  f"({_when(birth)}): older than {MOTHER_OLDEST}", who,
                                  (mother_birth, birth), family.id)
        if mother_death is not None and _after(at, died):
            yield Implausible(Implausibility.BORN_AFTER_MOTHERS_DEATH,
                              f"{_name(child)} is recorded as born ({_when(birth)}) after the death of "
                              f"{_name(mother)}, the mother ({_when(mother_death)})", who,
                              (birth, mother_death), family.id)


def _married(tree: Tree, family: Family) -> Iterator[Implausible]:
    for event in family.events:
        if event.tag not in _MARRIAGES or event.denied:
            continue
        when = _days(event)
        for pid in family.partner_ids:
            partner = tree.people.get(pid)
            birth = partner.birth if partner is not None else None
            if partner is not None and birth is not None and _after(_days(birth), when):
                yield Implausible(Implausibility.MARRIED_BEFORE_BIRTH,
                                  f"{_name(partner)} is recorded as married ({_when(event)}) before "
                                  f"being born ({_when(birth)})", (pid,), (event, birth), family.id)


def _family(tree: Tree, family: Family) -> Iterator[Implausible]:
    for pid in family.partner_ids:
        mother = tree.people.get(pid)
        if mother is not None and mother.sex is Sex.FEMALE:
            yield from _as_mother(tree, family, mother)
    yield from _married(tree, family)


def implausibilities(tree: Tree, people: Iterable[str] = (),
                     families: Iterable[str] = ()) -> list[Implausible]:
    """What is implausible about these people and families (after an edit: the ones its change names).

    A person brings in their own dates, the families they are a partner in (their children's
    births, their marriages) and the families they are a child of (their birth against their
    mother's life). Each warning once, in the order met.
    """
    seen: set[tuple[Implausibility, tuple[str, ...], str]] = set()
    out: list[Implausible] = []
    concerned = dict.fromkeys(f for f in families if f in tree.families)
    for pid in people:
        person = tree.people.get(pid)
        if person is None:
            continue
        for warning in _own(person):
            _add(warning, seen, out)
        concerned.update(dict.fromkeys(f for f in (*person.family_ids, *person.parent_family_ids)
                                       if f in tree.families))
    for fid in concerned:
        for warning in _family(tree, tree.families[fid]):
            _add(warning, seen, out)
    return out


def _add(warning: Implausible, seen: set[tuple[Implausibility, tuple[str, ...], str]],
         out: list[Implausible]) -> None:
    key = (warning.kind, warning.person_ids, warning.family_id)
    if key not in seen:
        seen.add(key)
        out.append(warning)


def tree_implausibilities(tree: Tree) -> list[Implausible]:
    """Everything implausible in the tree, people first (for the Conflicts dock)."""
    out = [w for person in tree.iter_people() for w in _own(person)]
    out.extend(w for family in tree.families.values() for w in _family(tree, family))
    return out
