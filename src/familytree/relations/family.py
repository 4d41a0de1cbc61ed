"""A person's close family (parents, siblings, partners, children), each named, without networkx.

This is what a details panel or a timeline of "events of the close family" needs
for one person; it reads the Tree directly, so it is cheap on the GUI's start-up path.
"""

from __future__ import annotations

import enum

from familytree.model import Sex, Tree
from familytree.model.slotted import slotted
from familytree.relations.english import kinship_term, partner_term
from familytree.relations.links import Lineage, child_links, lineage_of, parent_links, partner_links

__all__ = ["KinRole", "Kin", "Sibling", "siblings", "close_family"]


class KinRole(enum.Enum):
    PARENT = "parent"
    SIBLING = "sibling"
    PARTNER = "partner"
    CHILD = "child"


@slotted(frozen=True)
class Sibling:
    """A brother or sister: full when they share the family (or both parents), else half."""

    person_id: str
    half: bool
    shared_parents: tuple[str, ...]
    family_ids: tuple[str, ...]  # the families that join them: one for full, two for half
    lineage: Lineage = Lineage.BIRTH  # the weaker of the two children's links


@slotted(frozen=True)
class Kin:
    """One close relative: who, in which role and family, and the English word for them."""

    person_id: str
    role: KinRole
    term: str  # what this relative is to the person: "mother", "half-brother", "ex-wife", "adopted son"
    family_id: str
    half: bool = False
    lineage: Lineage = Lineage.BIRTH


def siblings(tree: Tree, person_id: str) -> list[Sibling]:
    """Full siblings (same family, or both parents), then half siblings (one parent), in file order."""
    out: dict[str, Sibling] = {}
    for fam in tree.parent_families(person_id):
        mine = lineage_of(tree.child_relation(fam, person_id))
        my_parents = set(fam.partner_ids)
        candidates = [fam]
        for parent in fam.partner_ids:
            candidates.extend(f for f in tree.partner_families(parent) if f.id != fam.id)
        for other in candidates:
            shared = tuple(p for p in other.partner_ids if p in my_parents and p in tree.people)
            full = other.id == fam.id or len(shared) >= 2
            fams = (fam.id,) if other.id == fam.id else (fam.id, other.id)
            for c in other.children:
                if c.person_id == person_id or c.person_id not in tree.people:
                    continue
                lineage = max(mine, lineage_of(c.relation), key=lambda li: li.rank)
                sib = Sibling(c.person_id, not full, shared, fams, lineage)
                prev = out.get(c.person_id)
                if prev is None or (prev.half and not sib.half):
                    out[c.person_id] = sib
    return sorted(out.values(), key=lambda s: s.half)


def close_family(tree: Tree, person_id: str) -> list[Kin]:
    """Parents, siblings, partners and children of a person, in that order, each once per family."""
    def sex(pid: str) -> Sex:
        return tree.people[pid].sex

    out: list[Kin] = []
    for pl in parent_links(tree, person_id):
        if pl.parent_id != person_id:
            term = kinship_term(0, 1, sex(pl.parent_id), lineage=pl.lineage)
            out.append(Kin(pl.parent_id, KinRole.PARENT, term, pl.family_id, lineage=pl.lineage))
    for s in siblings(tree, person_id):
        term = kinship_term(1, 1, sex(s.person_id), s.half, s.lineage)
        out.append(Kin(s.person_id, KinRole.SIBLING, term, s.family_ids[-1], s.half, s.lineage))
    for link in partner_links(tree, person_id):
        term = partner_term(sex(link.partner_id), link.status, link.ended)
        out.append(Kin(link.partner_id, KinRole.PARTNER, term, link.family_id))
    for cl in child_links(tree, person_id):
        if cl.child_id != person_id:
            term = kinship_term(1, 0, sex(cl.child_id), lineage=cl.lineage)
            out.append(Kin(cl.child_id, KinRole.CHILD, term, cl.family_id, lineage=cl.lineage))
    return out
