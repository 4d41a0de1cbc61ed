"""One person's direct family links (parents, children, partners) read from a Tree, with their kind."""

from __future__ import annotations

import enum

from familytree.model import ChildRelation, Family, Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten

__all__ = [
    "Lineage", "PartnerStatus", "ParentLink", "ChildLink", "PartnerLink",
    "lineage_of", "partner_status", "parent_links", "child_links", "partner_links",
    "DataWarnings", "own_ancestor_warning",
]


class Lineage(enum.Enum):
    """How a child belongs to a family: by birth or otherwise.

    Ordered by how strongly a non-birth link colours a whole path: a path with a
    step link is a step relationship even if it also holds an adoption.
    """

    BIRTH = "birth"
    ADOPTED = "adopted"
    FOSTER = "foster"
    STEP = "step"

    @property
    def rank(self) -> int:
        return _LINEAGE_RANK[self]


_LINEAGE_RANK = {Lineage.BIRTH: 0, Lineage.ADOPTED: 1, Lineage.FOSTER: 2, Lineage.STEP: 3}

_RELATION_LINEAGE = {
    ChildRelation.ADOPTED: Lineage.ADOPTED,
    ChildRelation.FOSTER: Lineage.FOSTER,
    ChildRelation.STEP: Lineage.STEP,
}


def lineage_of(relation: ChildRelation) -> Lineage:
    """Birth, unknown, sealing and other pedigrees count as birth: files rarely say more."""
    return _RELATION_LINEAGE.get(relation, Lineage.BIRTH)


class PartnerStatus(enum.Enum):
    """What a family record says about the couple's union."""

    MARRIED = "married"  # a marriage event (MARR, MARC, MARL, ...) is recorded
    UNMARRIED = "unmarried"  # the file says explicitly that they did not marry
    UNKNOWN = "unknown"  # a couple with no marriage recorded either way


_UNMARRIED_WORDS = ("unmarried", "not married", "never married", "no marriage", "partner", "common law",
                    "common-law", "civil union", "cohabit", "concubin", "living together")


def _says_unmarried(text: str) -> bool:
    folded = text.casefold()
    return any(w in folded for w in _UNMARRIED_WORDS)


def partner_status(family: Family) -> PartnerStatus:
    """Married when a marriage (or its divorce) is recorded; unmarried when the file says so in any usual way.

    GEDCOM 7 writes `1 NO MARR`; Gramps and others write a family TYPE or `_STAT`
    such as "Unmarried" or "Civil union"; some write an EVEN with such a TYPE.
    """
    if family.is_married:
        return PartnerStatus.MARRIED
    for s in family.extra:
        if s.tag == "NO" and s.value.strip().upper() == "MARR":
            return PartnerStatus.UNMARRIED
        if s.tag in ("TYPE", "_TYPE", "_STAT", "_STATUS", "_REL", "_MREL") and _says_unmarried(s.value):
            return PartnerStatus.UNMARRIED
        if s.tag in ("_NMR", "_UNMARRIED", "_NOMAR"):
            return PartnerStatus.UNMARRIED
    for e in family.events:
        if e.tag in ("EVEN", "FACT") and _says_unmarried(f"{e.type} {e.value}"):
            return PartnerStatus.UNMARRIED
    if family.is_divorced:  # a divorce or annulment ends a marriage: there was one
        return PartnerStatus.MARRIED
    return PartnerStatus.UNKNOWN


@slotted(frozen=True)
class ParentLink:
    """`parent_id` is a parent of the person in `family_id`, by `lineage`."""

    parent_id: str
    family_id: str
    lineage: Lineage


@slotted(frozen=True)
class ChildLink:
    """`child_id` is a child of the person in `family_id`, by `lineage`."""

    child_id: str
    family_id: str
    lineage: Lineage


@slotted(frozen=True)
class PartnerLink:
    """`partner_id` is the person's partner in `family_id`; `ended` after a divorce or annulment."""

    partner_id: str
    family_id: str
    status: PartnerStatus
    ended: bool = False


def parent_links(tree: Tree, person_id: str) -> list[ParentLink]:
    """The person's parents in every family they are a child of, in file order."""
    out: list[ParentLink] = []
    for fam in tree.parent_families(person_id):
        lineage = lineage_of(tree.child_relation(fam, person_id))
        for pid in fam.partner_ids:
            if pid in tree.people:  # a person who is their own parent is kept: cycle checks report it
                out.append(ParentLink(pid, fam.id, lineage))
    return out


def child_links(tree: Tree, person_id: str) -> list[ChildLink]:
    """The person's children in every family they are a partner in, in file order."""
    out: list[ChildLink] = []
    for fam in tree.partner_families(person_id):
        for c in fam.children:
            if c.person_id in tree.people:
                out.append(ChildLink(c.person_id, fam.id, lineage_of(c.relation)))
    return out


def partner_links(tree: Tree, person_id: str) -> list[PartnerLink]:
    """The person's partners, one link per family (a couple may have several family records)."""
    out: list[PartnerLink] = []
    for fam in tree.partner_families(person_id):
        status = partner_status(fam)
        for pid in fam.partner_ids:
            if pid != person_id and pid in tree.people:
                out.append(PartnerLink(pid, fam.id, status, fam.is_divorced))
    return out


class DataWarnings(list[str]):
    """What was wrong with the data, in the order met, each message once."""

    def add(self, message: str) -> None:
        if message not in self:
            self.append(message)


def own_ancestor_warning(tree: Tree, person_id: str) -> str:
    p = tree.people.get(person_id)
    label = f"{shorten(p.display_name())} ({person_id})" if p is not None else person_id  # a message
    return f"{label} is recorded as their own ancestor"
