"""Family trees built in code: a builder for small named families, large generated trees for benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from familytree.model import (
    ChildRef,
    ChildRelation,
    Date,
    Event,
    Family,
    Name,
    NameType,
    Person,
    Sex,
    Structure,
    Tree,
)

__all__ = ["TreeBuilder", "gedcom_name", "generated_tree"]


def gedcom_name(value: str, type_: NameType = NameType.NONE, nickname: str = "",
                translations: Iterable[str] = ()) -> Name:
    """A name from its GEDCOM value ("Sergei /Sedov/"), with a nickname and Russian translations."""
    name = Name.from_gedcom(value, type=type_, nickname=nickname)
    name.translations = [Name.from_gedcom(t, lang="ru") for t in translations]
    return name


class TreeBuilder:
    """Adds people and families to a Tree with xrefs @I1@, @F1@, ..., keeping both sides of each link.

    A family records only what it is asked to: with `marriages`, each family records
    a marriage event (MARR) unless `family()` says otherwise.

    >>> b = TreeBuilder(marriages=True)
    >>> dad, mum, kid = b.person("Dad /Smith/", "M"), b.person("Mum /Jones/", "F"), b.person("Kid /Smith/")
    >>> fam = b.family(dad, mum, [kid])
    """

    def __init__(self, *, marriages: bool = False) -> None:
        self.tree = Tree()
        self.marriages = marriages

    def person(self, name: str | Name, sex: str = "U", *, other_names: Iterable[Name] = (),
               born: str = "", died: str = "") -> str:
        """A new person; returns the xref.

        `name`: a GEDCOM value ("Given /Surname/") or a Name; `sex`: M, F, U or X;
        `born`, `died`: GEDCOM dates of a birth and a death event.
        """
        pid = f"@I{len(self.tree.people) + 1}@"
        first = Name.from_gedcom(name) if isinstance(name, str) else name
        person = Person(pid, [first, *other_names], Sex(sex))
        if born:
            person.events.append(Event("BIRT", date=Date.parse(born)))
        if died:
            person.events.append(Event("DEAT", date=Date.parse(died)))
        self.tree.add_person(person)
        return pid

    def family(self, first: str = "", second: str = "", children: Iterable[str] = (), *,
               married: bool | None = None, unmarried: bool = False, divorced: bool = False,
               relations: Mapping[str, ChildRelation] | None = None) -> str:
        """A couple (HUSB and WIFE; either may be "") and their children; returns the family xref.

        `married` records a marriage event (default: the builder's `marriages`); `unmarried`
        records GEDCOM 7's `NO MARR` and no marriage; `divorced` a divorce event; `relations`
        gives a child's pedigree other than birth (adopted, foster, step).
        """
        fid = f"@F{len(self.tree.families) + 1}@"
        fam = Family(fid, husband_id=first, wife_id=second)
        if (self.marriages if married is None else married) and not unmarried:
            fam.events.append(Event("MARR"))
        if unmarried:
            fam.extra.append(Structure("NO", "MARR"))
        if divorced:
            fam.events.append(Event("DIV"))
        self.tree.add_family(fam)
        for pid in (first, second):
            if pid:
                self.tree.people[pid].family_ids.append(fid)
        for cid in children:
            fam.children.append(ChildRef(cid, (relations or {}).get(cid, ChildRelation.BIRTH)))
            self.tree.people[cid].parent_family_ids.append(fid)
        return fid


def generated_tree(size: int, seed: int = 1, clans: int = 40) -> Tree:
    """A tree of about `size` people shaped like a real research file.

    Descendants of `clans` founding couples, generation by generation: most marry
    someone from outside (with no recorded parents), a few marry twice (half
    siblings), a few marry a descendant of another line (so lines join and
    pedigrees collapse), and have up to five children.
    """
    rng = random.Random(seed)
    b = TreeBuilder(marriages=True)
    people = b.tree.people

    def new(sex: str) -> str:
        return b.person(f"P{len(people) + 1} /C{rng.randrange(clans)}/", sex)

    generation: list[str] = []
    for _ in range(clans):
        husband, wife = new("M"), new("F")
        kids = [new(rng.choice("MF")) for _ in range(rng.randint(2, 5))]
        b.family(husband, wife, kids)
        generation.extend(kids)
    while len(people) < size and generation:
        nxt: list[str] = []
        rng.shuffle(generation)
        single = set(generation)
        for pid in generation:
            if len(people) >= size:
                break
            if pid not in single:
                continue
            single.discard(pid)
            if rng.random() < 0.15:
                continue  # never married, or not recorded
            male = people[pid].sex is Sex.MALE
            marriages = 2 if rng.random() < 0.1 else 1
            for _ in range(marriages):
                partner = ""
                if rng.random() < 0.04:
                    # from the end of the shuffled list, where most are still single; never in the
                    # set's order, which follows the hash seed and so would differ in every run
                    partner = next((q for q in reversed(generation)
                                    if q in single and (people[q].sex is Sex.MALE) != male), "")
                    single.discard(partner)
                partner = partner or new("F" if male else "M")
                kids = [new(rng.choice("MF")) for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 4)))]
                couple = (pid, partner) if male else (partner, pid)
                b.family(*couple, kids, divorced=marriages == 2 and rng.random() < 0.5)
                nxt.extend(kids)
        generation = nxt
    return b.tree
