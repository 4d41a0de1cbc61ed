"""Who is treated as living, and why: no death recorded, and not born or first recorded over 110 years ago.

The rule (issue 15), on the safe side wherever the file is silent:

1. A death, burial or cremation (dated or not, "DEAT Y" too), or an event whose type
   speaks of death ("Age at death"), makes a person dead, whatever else is recorded.
2. Otherwise a person's own birth or baptism date decides: born more than 110 years
   ago is dead, later is living.
3. A person with no birth date is bounded by everything else dated: their first own record
   (an event of theirs, or of a family they are a partner in: "married 1890"), and their
   relatives' dates. A child's date bounds a parent's birth from above (nobody is a parent
   before MIN_PARENT_AGE); a parent's or partner's bounds it more loosely (MAX_PARENT_AGE,
   MAX_PARTNER_GAP). The tightest bound decides: a mother of a daughter born 1985 was born
   by 1973, and is living; a man whose son was born 1850 is not.
4. People with no dates of their own or their relatives' take the bound of the nearest
   people who have one, generation by generation: a breadth-first walk from the dated,
   each person given a bound once, from the people given one in the generation before.
   Every person is visited once, so cycles in the family links and chains thousands of
   generations long finish in time linear in the links. A bound from a relative's bound
   is a chain of inferences; `reason` names the chain ("son's daughter born 1985").
5. Nothing dated anywhere in the family: living.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import operator
from collections.abc import Iterable
from typing import NamedTuple

from familytree.model import EVENT_LABELS, Calendar, Date, DateModifier, Event, Sex, Tree

__all__ = [
    "MAX_AGE", "MIN_PARENT_AGE", "MAX_PARENT_AGE", "MAX_PARTNER_GAP", "Basis", "LivingIndex", "Link",
    "Verdict", "infer_living", "living_people", "reason",
]

MAX_AGE = 110  # born (or first recorded) more than this many years ago: not living
MIN_PARENT_AGE = 12  # a child's date bounds a parent's birth: at least this much earlier
MAX_PARENT_AGE = 65  # a parent's date bounds a child's birth: at most this much later (generous: safe side)
MAX_PARTNER_GAP = 30  # a partner's date bounds a person's birth: at most this much later

_DEATHS = frozenset(("DEAT", "BURI", "CREM"))
_BIRTHS = frozenset(("BIRT", "CHR", "BAPM"))
_MARRIAGES = frozenset(("MARR", "MARB", "MARC", "MARL", "MARS"))
_TYPED = frozenset(("EVEN", "FACT"))


class Basis(enum.Enum):
    """What a verdict rests on."""

    DEATH = "death"  # a death, burial or cremation is recorded
    BIRTH = "birth"  # the person's own birth or baptism date
    RECORDED = "recorded"  # their first dated record, with no birth date
    RELATIVE = "relative"  # a relative's date bounds their birth more tightly
    NONE = "none"  # nothing dated in the family


class Link(enum.Enum):
    """How the next person on the way to the evidence is related to this one."""

    CHILD = "child"
    PARENT = "parent"
    PARTNER = "partner"


class Verdict(NamedTuple):
    """Whether a person is treated as living, and the evidence that decided it."""

    living: bool
    basis: Basis
    year: int | None = None  # the year of the deciding event (a relative's, with RELATIVE)
    tag: str = ""  # that event's tag (BIRT, MARR, DEAT...), or an EVEN's type
    # the latest birth year the dates allow, and whose date gave it (with any basis: relatives'
    # bounds are chained through the dead as well)
    born_by: int | None = None
    relative: str = ""  # whose event bounds the birth ("" for the person's own)
    via: str = ""  # the next person on the way to `relative` (the relative itself when next of kin)
    link: Link | None = None  # how `via` is related to this person


_Near = tuple[str, int, "Link"]  # a relative, the shift from their birth bound to this person's, the link


class _Bound(NamedTuple):
    """The latest birth year evidence allows, and the evidence (internal)."""

    born_by: int
    year: int
    tag: str
    basis: Basis
    relative: str = ""
    via: str = ""
    link: Link | None = None


def latest_year(date: Date) -> int | None:
    """The latest year a dated record can have been made in; None when the date has no upper end.

    "after 1900" could be any year since; a period "from 1900 to 1950" shows the person
    recorded by 1900; "between 1900 and 1950", by 1950.
    """
    mod = date.modifier
    if mod is _AFTER:
        return None
    point = date.end if mod is _BETWEEN and date.end is not None else date.start
    if point is None:
        return None
    year = point.year
    if year is None or (point.calendar is _GREGORIAN and not point.bce):
        return year  # most dates: no call
    return point.gregorian_year()


_AFTER, _BETWEEN, _GREGORIAN = DateModifier.AFTER, DateModifier.BETWEEN, Calendar.GREGORIAN
_events = operator.attrgetter("events")


def infer_living(tree: Tree, this_year: int | None = None) -> dict[str, Verdict]:
    """A verdict for every person of the tree, by xref (see the module's rule). `this_year`: today's
    by default."""
    return LivingIndex(tree, this_year).verdicts


class LivingIndex:
    """Who is living in one tree, kept up to date edit by edit.

    Made, it holds `infer_living`'s verdicts and what they were inferred from; `update` (told
    which people and families an edit changed) infers again only the people whose verdict can
    change: those changed, the people without a birth date whose relatives they are, and the
    undated people bounded through them (every link of such a chain is undated, so the chain is
    followed no further than it reaches). The verdicts are then those `infer_living` would give
    for the tree as it now is, so long as the tree's family links agree (as reading makes them
    and edits keep them).
    """

    def __init__(self, tree: Tree, this_year: int | None = None) -> None:
        year_now = this_year if this_year is not None else datetime.date.today().year
        self.tree = tree
        self.limit = year_now - MAX_AGE
        self.verdicts: dict[str, Verdict] = {}
        self._born: dict[str, tuple[int, str]] = {}  # own birth or baptism: the year, the tag
        self._deaths: dict[str, tuple[int | None, str]] = {}  # of the people with no birth date
        self._records: dict[str, _Bound] = {}  # of the people with no birth date: their own first record
        self._near: dict[str, list[_Near]] = {}  # of the people with no birth date: their relatives
        self._bounds: dict[str, _Bound] = {}  # of the people with no birth date: the tightest bound found
        self._listed_by: dict[str, set[str]] | None = None  # who has each person in `_near` (first update)
        self._infer_all()

    def _infer_all(self) -> None:
        tree, limit, verdicts, born = self.tree, self.limit, self.verdicts, self._born
        people = tree.people
        deaths, records = self._deaths, self._records
        # the hot loop: one pass over every event of every person, with few calls (each person's
        # events read by one, driven from C)
        dates = map(_own_dates, map(_events, people.values()))
        for pid, (birth, birth_tag, first, first_tag, death) in zip(people, dates, strict=True):
            if birth_tag:
                born[pid] = (birth, birth_tag)
                verdicts[pid] = (  # (_born_verdict, inlined)
                    Verdict(birth >= limit, Basis.BIRTH, birth, birth_tag, birth) if death is None
                    else Verdict(False, Basis.DEATH, death[0], death[1], birth))
                continue
            if death is not None:
                deaths[pid] = death
            if first_tag:
                records[pid] = _Bound(first, first, first_tag, Basis.RECORDED)
        if len(born) == len(people):
            return  # everyone decided by their own birth date
        unborn = [pid for pid in people if pid not in born]
        for pid in unborn:
            _first_family_record(tree, pid, records)
        near = self._near
        for pid in unborn:
            mine = _neighbours(tree, pid)
            if mine:
                near[pid] = mine
        bounds = self._bounds
        # people with a record but no birth: their own first record, or a relative's own date if tighter
        for pid in records:
            bounds[pid] = self._own_or_kin(pid)
        self._from_the_nearest_dated(near)
        for pid in unborn:
            verdicts[pid] = self._unborn_verdict(pid)

    # -- one edit ----------------------------------------------------------------------------------
    def update(self, people: Iterable[str], families: Iterable[str] = ()) -> set[str]:
        """Infer again after an edit that changed these people and families (added and removed ones
        too); returns the people whose verdict changed (or who came or went)."""
        tree = self.tree
        listed_by = self._listed_by if self._listed_by is not None else self._make_listed_by()
        changed = set(people)
        for fid in families:  # its members' relatives, and its partners' first records, may have changed
            f = tree.families.get(fid)
            if f is not None:
                changed.update(m for m in (f.husband_id, f.wife_id) if m)
                changed.update(c.person_id for c in f.children)
        old = {pid: self.verdicts.get(pid) for pid in changed}
        # read each changed person again; the relatives they had and have are asked about below
        touched = set(changed)
        for pid in changed:
            touched.update(other for other, _, _ in self._forget(pid, listed_by))
            if pid in tree.people:
                touched.update(other for other, _, _ in self._read(pid, listed_by))
        # the people bounded by a changed one's own dates: those who have them as a relative
        seeds = set(changed)
        for pid in changed:
            seeds.update(listed_by.get(pid, ()))
        records, bounds = self._records, self._bounds
        for pid in seeds:
            if pid in records:
                bounds[pid] = self._own_or_kin(pid)
            touched.update(listed_by.get(pid, ()))
        # the undated people bounded through them, in whole groups of undated relatives
        undated = self._undated_groups(touched | seeds)
        for pid in undated:
            bounds.pop(pid, None)
        self._from_the_nearest_dated({pid: self._near[pid] for pid in undated})
        verdicts = self.verdicts
        for pid in seeds | undated:
            if pid not in old:
                old[pid] = verdicts.get(pid)
            if pid not in tree.people:
                verdicts.pop(pid, None)
            elif pid not in self._born:  # (a birth date decides alone: read with the person)
                verdicts[pid] = self._unborn_verdict(pid)
        return {pid for pid, verdict in old.items() if verdicts.get(pid) != verdict}

    def _make_listed_by(self) -> dict[str, set[str]]:
        listed_by: dict[str, set[str]] = {}
        for pid, near in self._near.items():
            for other, _, _ in near:
                listed_by.setdefault(other, set()).add(pid)
        self._listed_by = listed_by
        return listed_by

    def _forget(self, pid: str, listed_by: dict[str, set[str]]) -> list[_Near]:
        """Drop what was read of a person; returns the relatives they had."""
        self._born.pop(pid, None)
        self._deaths.pop(pid, None)
        self._records.pop(pid, None)
        self._bounds.pop(pid, None)
        before = self._near.pop(pid, [])
        for other, _, _ in before:
            listers = listed_by.get(other)
            if listers is not None:
                listers.discard(pid)
        return before

    def _read(self, pid: str, listed_by: dict[str, set[str]]) -> list[_Near]:
        """Read a person's own dates (and, with no birth date, their relatives); returns the relatives."""
        tree = self.tree
        birth, birth_tag, first, first_tag, death = _own_dates(tree.people[pid].events)
        if birth_tag:
            self._born[pid] = (birth, birth_tag)
            self.verdicts[pid] = _born_verdict(birth, birth_tag, death, self.limit)
            return []
        if death is not None:
            self._deaths[pid] = death
        if first_tag:
            self._records[pid] = _Bound(first, first, first_tag, Basis.RECORDED)
        _first_family_record(tree, pid, self._records)
        mine = _neighbours(tree, pid)
        if mine:
            self._near[pid] = mine
            for other, _, _ in mine:
                listed_by.setdefault(other, set()).add(pid)
        return mine

    def _undated_groups(self, around: set[str]) -> set[str]:
        """The people with no date of their own who are linked, through others like them, to any of
        `around`: the breadth-first walk's groups that may have changed, each whole."""
        assert self._listed_by is not None
        near, listed_by, born, records = self._near, self._listed_by, self._born, self._records

        def undated(pid: str) -> bool:
            return pid in near and pid not in born and pid not in records

        group = {pid for pid in around if undated(pid)}
        todo = list(group)
        while todo:
            pid = todo.pop()
            for other in itertools.chain((o for o, _, _ in near[pid]), listed_by.get(pid, ())):
                if other not in group and undated(other):
                    group.add(other)
                    todo.append(other)
        return group

    # -- one person --------------------------------------------------------------------------------
    def _own_or_kin(self, pid: str) -> _Bound:
        """A person with a record but no birth date: their first record, or a relative's own date if
        that bounds them more tightly."""
        best = self._records[pid]
        born, records = self._born, self._records
        for other, shift, link in self._near.get(pid, ()):
            b = born.get(other)
            theirs = (b[0], b[0], b[1]) if b is not None else records.get(other)
            if theirs is not None and theirs[0] + shift < best.born_by:
                best = _Bound(theirs[0] + shift, theirs[1], theirs[2], Basis.RELATIVE, other, other, link)
        return best

    def _from_the_nearest_dated(self, neighbours: dict[str, list[_Near]]) -> None:
        """Bound the undated people of `neighbours` from their relatives' bounds, generation by
        generation outwards (each given a bound once, from those given one the generation before)."""
        bounds, born = self._bounds, self._born
        layer = [pid for pid, near in neighbours.items()
                 if pid not in bounds and any(other in born or other in bounds for other, _, _ in near)]
        while layer:
            found: dict[str, _Bound] = {}
            for pid in layer:
                best: _Bound | None = None
                for other, shift, link in neighbours[pid]:
                    b = born.get(other)
                    if b is not None:
                        by, year, tag, relative = b[0], b[0], b[1], other
                    else:
                        theirs = bounds.get(other)
                        if theirs is None:
                            continue
                        by, year, tag = theirs.born_by, theirs.year, theirs.tag
                        relative = theirs.relative or other
                    if best is None or by + shift < best.born_by:
                        best = _Bound(by + shift, year, tag, Basis.RELATIVE, relative, other, link)
                if best is not None:
                    found[pid] = best
            bounds.update(found)
            following: dict[str, None] = {}  # in order, so that verdicts do not depend on the hash seed
            for pid in layer:
                for other, _, _ in neighbours[pid]:
                    if other not in bounds and other in neighbours:
                        following[other] = None
            layer = list(following)

    def _unborn_verdict(self, pid: str) -> Verdict:
        death = self._deaths.get(pid)
        b = self._bounds.get(pid)
        if death is not None:
            # the bound is kept too: a chain of inference may pass through the dead
            return Verdict(False, Basis.DEATH, death[0], death[1]) if b is None else \
                Verdict(False, Basis.DEATH, death[0], death[1], b.born_by, b.relative, b.via, b.link)
        if b is None:
            return Verdict(True, Basis.NONE)
        return Verdict(b.born_by >= self.limit, b.basis, b.year, b.tag, b.born_by, b.relative, b.via, b.link)


def _born_verdict(birth: int, tag: str, death: tuple[int | None, str] | None, limit: int) -> Verdict:
    if death is None:
        return Verdict(birth >= limit, Basis.BIRTH, birth, tag, birth)
    return Verdict(False, Basis.DEATH, death[0], death[1], birth)


def _own_dates(events: list[Event]) -> tuple[int, str, int, str, tuple[int | None, str] | None]:
    """A person's own birth (year, tag; "" when none), first other dated record (year, tag) and death."""
    birth = first = 0
    birth_tag = first_tag = ""
    death: tuple[int | None, str] | None = None
    deaths_tags, births_tags, typed, latest = _DEATHS, _BIRTHS, _TYPED, latest_year
    for e in events:
        tag = e.tag
        date = e.date
        if tag in deaths_tags or (tag in typed and "death" in e.type.lower()):
            if death is None and not (e.value and e.denied):
                death = (latest(date) if date is not None else None, tag if tag not in typed else e.type)
            continue
        if date is None:
            continue
        y = latest(date)
        if y is None:
            continue
        if tag in births_tags:
            if not birth_tag or y < birth:
                birth, birth_tag = y, tag
        elif not first_tag or y < first:
            first, first_tag = y, (e.type if tag in typed and e.type else tag)
    return birth, birth_tag, first, first_tag, death


def _first_family_record(tree: Tree, pid: str, records: dict[str, _Bound]) -> None:
    """Date a partner with no birth date by their families' events too: "married 1890"."""
    families = tree.families
    for fid in tree.people[pid].family_ids:
        f = families.get(fid)
        if f is None or not f.events or pid not in (f.husband_id, f.wife_id):
            continue
        for e in f.events:
            date = e.date
            y = latest_year(date) if date is not None and not (e.value and e.denied) else None
            known = records.get(pid)
            if y is not None and (known is None or y < known.born_by):
                tag = e.type if e.tag in _TYPED and e.type else e.tag
                records[pid] = _Bound(y, y, tag, Basis.RECORDED)


def _neighbours(tree: Tree, pid: str) -> list[_Near]:
    """A person's children, partners and parents, each with the shift from the relative's birth bound
    to theirs (the family links as `Tree.link` made them agree)."""
    people = tree.people
    families = tree.families
    p = people[pid]
    mine: list[_Near] = []
    for fid in p.family_ids:
        f = families.get(fid)
        if f is None:
            continue
        husband, wife = f.husband_id, f.wife_id
        if pid != husband and pid != wife:
            continue
        for c in f.children:
            other = c.person_id
            if other != pid and other in people:
                mine.append((other, -MIN_PARENT_AGE, Link.CHILD))
        other = wife if pid == husband else husband
        if other and other != pid and other in people:
            mine.append((other, MAX_PARTNER_GAP, Link.PARTNER))
    for fid in p.parent_family_ids:
        f = families.get(fid)
        if f is None:
            continue
        for other in (f.husband_id, f.wife_id):
            if other and other != pid and other in people:
                mine.append((other, MAX_PARENT_AGE, Link.PARENT))
    return mine


def living_people(verdicts: dict[str, Verdict]) -> set[str]:
    return {pid for pid, v in verdicts.items() if v.living}


# -- wording -----------------------------------------------------------------------------------

_KIN = {
    Link.CHILD: ("son", "daughter", "child"),
    Link.PARENT: ("father", "mother", "parent"),
    Link.PARTNER: ("husband", "wife", "partner"),
}
_LONGEST_CHAIN = 3  # "son's daughter's son"; further away, the relative is named


def reason(tree: Tree, verdicts: dict[str, Verdict], person_id: str) -> str:
    """Why a person is treated as living or not, for the details panel:
    "no death recorded; daughter born 1985"."""
    v = verdicts.get(person_id)
    if v is None:
        return ""
    if v.basis is Basis.DEATH:
        what = {"DEAT": "death", "BURI": "burial", "CREM": "cremation"}.get(v.tag, v.tag.lower() or "death")
        return f"{what} recorded" + (f" ({v.year})" if v.year is not None else "")
    if v.basis is Basis.NONE:
        return "no death recorded, and no dates in the family"
    assert v.year is not None
    event = _event_words(v.tag, v.year)
    if v.basis is Basis.RELATIVE:
        event = f"{_kinship(tree, verdicts, person_id)} {event}"
    if v.living:
        return f"no death recorded; {event}"
    if v.basis is Basis.RELATIVE:
        return f"no death recorded; {event}, so born by {v.born_by}, more than {MAX_AGE} years ago"
    return f"no death recorded; {event}, more than {MAX_AGE} years ago"


def _event_words(tag: str, year: int) -> str:
    if tag == "BIRT":
        return f"born {year}"
    if tag in _BIRTHS:
        return f"baptised {year}"
    if tag in _MARRIAGES:
        return f"married {year}"
    return f"first recorded {year} ({EVENT_LABELS.get(tag, tag.lstrip('_')).lower()})"


def _kinship(tree: Tree, verdicts: dict[str, Verdict], person_id: str) -> str:
    """The chain of relatives from a person to the one whose date bounds them: "son's daughter"."""
    words: list[str] = []
    current = verdicts[person_id]
    relative = current.relative
    for _ in range(len(verdicts)):  # each step goes to a person bounded a generation earlier: no loop
        if current.link is None or not current.via:
            break
        sex = tree.people[current.via].sex if current.via in tree.people else Sex.UNKNOWN
        male, female, either = _KIN[current.link]
        words.append(male if sex is Sex.MALE else female if sex is Sex.FEMALE else either)
        if current.via == relative:
            break
        current = verdicts[current.via]
    if len(words) <= _LONGEST_CHAIN:
        return "'s ".join(words)
    name = tree.people[relative].display_name() if relative in tree.people else relative
    return f"a relative {len(words)} links away ({name})"
