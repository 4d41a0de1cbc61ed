"""What is merely implausible in the dates of a life (born after death, a parent of 9 or 70, a child born
after its mother's death, a marriage before birth): warnings an edit gives and the Conflicts dock lists,
never a reason to refuse one."""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Iterable, Iterator

from familytree.evidence.dates import DayInterval, day_interval
from familytree.model import ChildRelation, Citation, Date, Event, Family, Person, Sex, Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten

__all__ = ["FATHER_AFTER_DEATH_DAYS", "FATHER_OLDEST", "Implausible", "Implausibility", "PARENT_OLDEST",
           "PARENT_YOUNGEST",
           "implausibilities", "refreshed_implausibilities", "tree_implausibilities"]

PARENT_YOUNGEST = 12  # a mother or father younger than this at a birth is implausible
PARENT_OLDEST = 60  # and a mother (or a parent of unknown sex) older than this
FATHER_OLDEST = 80  # a father older than this: men do father children in their sixties and seventies
# a child may be born this long after its father's death (nine months and then some, as dates are rounded)
FATHER_AFTER_DEATH_DAYS = 300
# "about 1908" may be a year either way: approximate dates are widened so, and only what every
# reading of the dates makes implausible is said
_SLACK_DAYS = 366
_DAYS_A_YEAR = 365.2425
_MARRIAGES = frozenset(("MARR", "MARB", "MARC", "MARL", "MARS"))
_PARENT_WORDS = {Sex.FEMALE: ("the mother", "her"), Sex.MALE: ("the father", "his")}


class Implausibility(enum.Enum):
    BORN_AFTER_DEATH = "born after death"
    PARENT_TOO_YOUNG = "parent too young"
    PARENT_TOO_OLD = "parent too old"
    PARENT_BORN_AFTER_CHILD = "parent born after the child"
    BORN_AFTER_MOTHERS_DEATH = "born after the mother's death"
    BORN_AFTER_FATHERS_DEATH = "born long after the father's death"
    MARRIED_BEFORE_BIRTH = "married before birth"


@slotted(frozen=True)
class Implausible:
    """One implausible thing: what, in a sentence, whom it concerns and the facts that say it."""

    kind: Implausibility
    message: str  # "Yulia is recorded as born (1936) after dying (1930)"
    person_ids: tuple[str, ...]
    events: tuple[Event, ...]  # the facts whose dates disagree, so their sources can be listed
    family_id: str = ""
    owners: tuple[str, ...] = ()  # whose each fact is: a person's xref, or the family's for a marriage

    @property
    def citations(self) -> list[Citation]:
        """The sources of the facts involved, in order."""
        return [c for e in self.events for c in e.citations]


@functools.lru_cache(maxsize=1 << 16)
def _interval(date: Date) -> DayInterval | None:
    """(Remembered: a whole file is asked again after each edit, and a date is read once, not for each
    relative whose dates it is compared with; files repeat their dates.)"""
    return day_interval(date, _SLACK_DAYS)


def _days(event: Event | None) -> DayInterval | None:
    return _interval(event.date) if event is not None and event.date is not None else None


def _after(late: DayInterval | None, early: DayInterval | None, gap: int = 0) -> bool:
    """True when every day `late` allows is more than `gap` days after every day `early` allows."""
    return late is not None and early is not None and late[0] is not None and early[1] is not None \
        and late[0] > early[1] + gap


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
                          (person.id,), (birth, death), owners=(person.id, person.id))


def _age_at_birth(parent: Person, parent_birth: Event, born: DayInterval, child: Person, birth: Event,
                  at: DayInterval) -> tuple[Implausibility, str] | None:
    """What is implausible in a parent's age when their child was born, in words; None when nothing.
    (The words are made only for a warning: most births are plausible, and a file has many.)"""
    if born[0] is None or born[1] is None or at[0] is None or at[1] is None:
        return None
    oldest = int((at[1] - born[0]) / _DAYS_A_YEAR)
    youngest = int((at[0] - born[1]) / _DAYS_A_YEAR)
    limit = FATHER_OLDEST if parent.sex is Sex.MALE else PARENT_OLDEST
    if PARENT_YOUNGEST <= oldest and youngest <= limit:
        return None
    role, whose = _PARENT_WORDS.get(parent.sex, ("a parent", "their"))
    who, was_born = f"{_name(parent)}, {role},", f"is recorded as born ({_when(parent_birth)})"
    child_words = f"{whose} child {_name(child)} ({_when(birth)})"
    if _after(born, at):
        return Implausibility.PARENT_BORN_AFTER_CHILD, f"{who} {was_born} after {child_words}"
    if oldest < 1:
        return Implausibility.PARENT_TOO_YOUNG, f"{who} {was_born} less than a year before {child_words}"
    born_when = f"when {_name(child)} was born ({_when(birth)})"
    if oldest < PARENT_YOUNGEST:
        return Implausibility.PARENT_TOO_YOUNG, \
            f"{who} was at most {oldest} {born_when}: younger than {PARENT_YOUNGEST}"
    return Implausibility.PARENT_TOO_OLD, \
        f"{who} was at least {youngest} {born_when}: older than {limit}"


def _as_parent(tree: Tree, family: Family, parent: Person) -> Iterator[Implausible]:
    """A parent's age at each birth of a child of theirs by birth, and a birth after their death."""
    parent_birth, parent_death = parent.birth, parent.death
    born, died = _days(parent_birth), _days(parent_death)
    if born is None and died is None:
        return
    for ref in family.children:
        child = tree.people.get(ref.person_id)
        birth = child.birth if child is not None and ref.relation is ChildRelation.BIRTH else None
        at = _days(birth)
        if child is None or birth is None or at is None:
            continue
        people = (parent.id, child.id)
        said = _age_at_birth(parent, parent_birth, born, child, birth, at) \
            if parent_birth is not None and born is not None else None
        if said is not None and parent_birth is not None:
            yield Implausible(*said, people, (parent_birth, birth), family.id, people)
        if parent_death is None:
            continue
        mother = parent.sex is Sex.FEMALE
        if _after(at, died, 0 if mother else FATHER_AFTER_DEATH_DAYS):
            role = _PARENT_WORDS.get(parent.sex, ("a parent", ""))[0]
            yield Implausible(Implausibility.BORN_AFTER_MOTHERS_DEATH if mother
                              else Implausibility.BORN_AFTER_FATHERS_DEATH,
                              f"{_name(child)} is recorded as born ({_when(birth)}) "
                              f"{'' if mother else 'more than nine months '}after the death of "
                              f"{_name(parent)}, {role} ({_when(parent_death)})", people,
                              (birth, parent_death), family.id, (child.id, parent.id))


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
                                  f"being born ({_when(birth)})", (pid,), (event, birth), family.id,
                                  (family.id, pid))


def _family(tree: Tree, family: Family) -> Iterator[Implausible]:
    for pid in family.partner_ids:
        parent = tree.people.get(pid)
        if parent is not None:
            yield from _as_parent(tree, family, parent)
    yield from _married(tree, family)


def implausibilities(tree: Tree, people: Iterable[str] = (),
                     families: Iterable[str] = ()) -> list[Implausible]:
    """What is implausible about these people and families (after an edit: the ones its change names).

    A person brings in their own dates, the families they are a partner in (their children's
    births, their marriages) and the families they are a child of (their birth against their
    parents' lives). Each warning once, in the order met.
    """
    seen: set[tuple[Implausibility, tuple[str, ...], str, str]] = set()
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


def _add(warning: Implausible, seen: set[tuple[Implausibility, tuple[str, ...], str, str]],
         out: list[Implausible]) -> None:
    key = (warning.kind, warning.person_ids, warning.family_id, warning.message)
    if key not in seen:
        seen.add(key)
        out.append(warning)


def refreshed_implausibilities(tree: Tree, known: list[Implausible], people: Iterable[str],
                               families: Iterable[str]) -> list[Implausible]:
    """The tree's implausibilities after edits that changed these people and families, from `known` (the
    whole tree's before them): what concerned them found again, the rest kept. A whole file takes a
    second for 100,000 people; this, what the edit touched."""
    people, families = set(people), set(families)
    for pid in people:
        person = tree.people.get(pid)
        if person is not None:
            families.update(person.family_ids, person.parent_family_ids)
    kept = [w for w in known if w.family_id not in families and people.isdisjoint(w.person_ids)]
    return kept + implausibilities(tree, people, families)


def tree_implausibilities(tree: Tree) -> list[Implausible]:
    """Everything implausible in the tree, people first (for the Conflicts dock), each warning once."""
    seen: set[tuple[Implausibility, tuple[str, ...], str, str]] = set()
    out: list[Implausible] = []
    for warning in itertools.chain((w for person in tree.iter_people() for w in _own(person)),
                                   (w for family in tree.families.values() for w in _family(tree, family))):
        _add(warning, seen, out)
    return out
