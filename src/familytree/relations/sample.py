"""Family trees built in code: a builder for small named families, large generated trees for benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from familytree.model import ChildRef, ChildRelation, Event, Family, Name, Person, Sex, Structure, Tree

__all__ = ["TreeBuilder", "generated_tree"]

_SEXES = {"M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNKNOWN, "X": Sex.OTHER}


class TreeBuilder:
    """Adds people and families to a Tree with generated xrefs, keeping both sides of each link.

    >>> b = TreeBuilder()
    >>> dad, mum, kid = b.person("Dad", "M"), b.person("Mum", "F"), b.person("Kid", "F")
    >>> fam = b.family(dad, mum, [kid])
    """

    def __init__(self, tree: Tree | None = None) -> None:
        self.tree = tree if tree is not None else Tree()
        self._people = 0
        self._families = 0

    def person(self, name: str, sex: str = "U") -> str:
        """A new person named "Given Surname" (the last word is the surname); returns the xref."""
        self._people += 1
        pid = f"@I{self._people}@"
        given, _, surname = name.rpartition(" ")
        if not given:
            given, surname = surname, ""
        gedcom = f"{given} /{surname}/" if surname else given
        self.tree.add_person(Person(pid, [Name(full=gedcom, given=given, surname=surname)], _SEXES[sex]))
        return pid

    def family(self, first: str = "", second: str = "", children: Iterable[str] = (), *,
               married: bool = True, unmarried: bool = False, divorced: bool = False,
               relations: Mapping[str, ChildRelation] | None = None) -> str:
        """A couple (either may be "") and their children; returns the family xref.

        `married` records a marriage event; `unmarried` records GEDCOM 7's `NO MARR`;
        `relations` gives a child's pedigree other than birth (adopted, foster, step).
        """
        self._families += 1
        fid = f"@F{self._families}@"
        fam = Family(fid, husband_id=first, wife_id=second)
        if married and not unmarried:
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
            self.add_child(fid, cid, (relations or {}).get(cid, ChildRelation.BIRTH))
        return fid

    def add_child(self, family_id: str, child_id: str, relation: ChildRelation = ChildRelation.BIRTH) -> None:
        self.tree.families[family_id].children.append(ChildRef(child_id, relation))
        self.tree.people[child_id].parent_family_ids.append(family_id)


def generated_tree(size: int, seed: int = 1, clans: int = 40) -> Tree:
    """A tree of about `size` people shaped like a real research file.

    Descendants of `clans` founding couples, generation by generation: most marry
    someone from outside (with no recorded parents), a few marry twice (half
    siblings), a few marry a descendant of another line (so lines join and
    pedigrees collapse), and have up to five children.
    """
    rng = random.Random(seed)
    b = TreeBuilder()

    def new(sex: str) -> str:
        return b.person(f"P{b._people + 1} C{rng.randrange(clans)}", sex)

    generation: list[str] = []
    for _ in range(clans):
        husband, wife = new("M"), new("F")
        kids = [new(rng.choice("MF")) for _ in range(rng.randint(2, 5))]
        b.family(husband, wife, kids)
        generation.extend(kids)
    while len(b.tree.people) < size and generation:
        nxt: list[str] = []
        rng.shuffle(generation)
        single = set(generation)
        for pid in generation:
            if len(b.tree.people) >= size:
                break
            if pid not in single:
                continue
            single.discard(pid)
            if rng.random() < 0.15:
                continue  # never married, or not recorded
            male = b.tree.people[pid].sex is Sex.MALE
            marriages = 2 if rng.random() < 0.1 else 1
            for _ in range(marriages):
                partner = ""
                if rng.random() < 0.04:
                    partner = next((q for q in single if (b.tree.people[q].sex is Sex.MALE) != male), "")
                    single.discard(partner)
                partner = partner or new("F" if male else "M")
                kids = [new(rng.choice("MF")) for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 4)))]
                couple = (pid, partner) if male else (partner, pid)
                b.family(*couple, kids, divorced=marriages == 2 and rng.random() < 0.5)
                nxt.extend(kids)
        generation = nxt
    return b.tree
