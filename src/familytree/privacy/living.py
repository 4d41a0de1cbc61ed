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
from typing import NamedTuple

from familytree.model import EVENT_LABELS, Calendar, Date, DateModifier, Sex, Tree

__all__ = [
    "MAX_AGE", "MIN_PARENT_AGE", "MAX_PARENT_AGE", "MAX_PARTNER_GAP", "Basis", "Link", "Verdict",
    "infer_living", "living_people", "reason",
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


def infer_living(tree: Tree, this_year: int | None = None) -> dict[str, Verdict]:
    """A verdict for every person of the tree, by xref (see the module's rule). `this_year`: today's
    by default."""
    year_now = this_year if this_year is not None else datetime.date.today().year
    limit = year_now - MAX_AGE
    people = tree.people
    verdicts: dict[str, Verdict] = {}
    born: dict[str, tuple[int, str]] = {}  # own birth or baptism: the year, the tag
    deaths: dict[str, tuple[int | None, str]] = {}  # of the people with no birth date
    records: dict[str, _Bound] = {}  # of the people with no birth date: their own first record
    deaths_tags, births_tags, typed = _DEATHS, _BIRTHS, _TYPED
    latest = latest_year
    # the hot loop: one pass over every event of every person, with few calls
    for pid, p in people.items():
        birth = first = 0
        birth_tag = first_tag = ""
        death: tuple[int | None, str] | None = None
        for e in p.events:
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
        if birth_tag:
            born[pid] = (birth, birth_tag)
            if death is None:
                verdicts[pid] = Verdict(birth >= limit, Basis.BIRTH, birth, birth_tag, birth)
            else:
                verdicts[pid] = Verdict(False, Basis.DEATH, death[0], death[1], birth)
            continue
        if death is not None:
            deaths[pid] = death
        if first_tag:
            records[pid] = _Bound(first, first, first_tag, Basis.RECORDED)
    if len(born) == len(people):
        return verdicts  # everyone decided by their own birth date
    unborn = [pid for pid in people if pid not in born]
    _first_family_records(tree, unborn, records)
    neighbours = _neighbours(tree, unborn)
    bounds: dict[str, _Bound] = {}
    for near in neighbours.values():
        for other, _, _ in near:
            if other in born and other not in bounds:
                year, tag = born[other]
                bounds[other] = _Bound(year, year, tag, Basis.BIRTH)
    # people with a record but no birth: their own first record, or a relative's own date if tighter
    own_or_kin: dict[str, _Bound] = {}
    for pid, own in records.items():
        best = own
        for other, shift, link in neighbours.get(pid, ()):
            theirs = bounds.get(other) or records.get(other)
            if theirs is not None and theirs.born_by + shift < best.born_by:
                best = _Bound(theirs.born_by + shift, theirs.year, theirs.tag, Basis.RELATIVE, other, other,
                              link)
        own_or_kin[pid] = best
    bounds.update(own_or_kin)
    _from_the_nearest_dated(neighbours, bounds)
    for pid in unborn:
        death = deaths.get(pid)
        b = bounds.get(pid)
        if death is not None:
            # the bound is kept too: a chain of inference may pass through the dead
            verdicts[pid] = Verdict(False, Basis.DEATH, death[0], death[1]) if b is None else \
                Verdict(False, Basis.DEATH, death[0], death[1], b.born_by, b.relative, b.via, b.link)
        elif b is None:
            verdicts[pid] = Verdict(True, Basis.NONE)
        else:
            verdicts[pid] = Verdict(b.born_by >= limit, b.basis, b.year, b.tag, b.born_by, b.relative, b.via,
                                    b.link)
    return verdicts


def _first_family_records(tree: Tree, unborn: list[str], records: dict[str, _Bound]) -> None:
    """Date the partners with no birth date by their families' events too: "married 1890"."""
    families = tree.families
    for pid in unborn:
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


def _neighbours(tree: Tree, unborn: list[str]) -> dict[str, list[_Near]]:
    """For each person with no birth date: their children, partners and parents, each with the shift
    from the relative's birth bound to theirs (the family links as `Tree.link` made them agree)."""
    people = tree.people
    families = tree.families
    out: dict[str, list[_Near]] = {}
    for pid in unborn:
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
        if mine:
            out[pid] = mine
    return out


def _from_the_nearest_dated(neighbours: dict[str, list[_Near]], bounds: dict[str, _Bound]) -> None:
    """Bound the undated people from their relatives' bounds, generation by generation outwards."""
    layer = [pid for pid, near in neighbours.items()
             if pid not in bounds and any(other in bounds for other, _, _ in near)]
    while layer:
        found: dict[str, _Bound] = {}
        for pid in layer:
            best: _Bound | None = None
            for other, shift, link in neighbours[pid]:
                theirs = bounds.get(other)
                if theirs is not None and (best is None or theirs.born_by + shift < best.born_by):
                    best = _Bound(theirs.born_by + shift, theirs.year, theirs.tag, Basis.RELATIVE,
                                  theirs.relative or other, other, link)
            if best is not None:
                found[pid] = best
        bounds.update(found)
        following: dict[str, None] = {}  # in order, so that verdicts do not depend on the hash seed
        for pid in layer:
            for other, _, _ in neighbours[pid]:
                if other not in bounds and other in neighbours:
                    following[other] = None
        layer = list(following)


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
