"""Family relations: the family graph, the relationship engine, and its wording.

    calc = RelationshipCalculator(tree)          # keep one per open tree: it caches links
    for rel in calc.relationships(a_id, b_id, limit=20):   # closest first; [] if none
        rel.term                # "granddaughter" (English); rel.term_in("ru") -> "внучка"
        rel.statement(tree)     # "Yulia is Leon Trotsky's granddaughter"
        rel.describe_path(tree) # "Yulia is the daughter of Sergei Sedov, who is the son of ..."
        rel.path                # person and family ids from A to B, to highlight on a chart
    calc.warnings               # data problems met (people recorded as their own ancestors)
    close_family(tree, pid)     # parents, siblings, partners, children, each with its word

`FamilyGraph` needs networkx, which takes a third of a second to import, so it is
loaded only when first asked for; nothing else here needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from familytree.relations.engine import (
    Relationship,
    RelationshipCalculator,
    Role,
    Step,
    connection,
    relationships,
)
from familytree.relations.english import kinship_term, partner_term
from familytree.relations.family import Kin, KinRole, Sibling, close_family, siblings
from familytree.relations.links import (
    ChildLink,
    Lineage,
    ParentLink,
    PartnerLink,
    PartnerStatus,
    child_links,
    parent_links,
    partner_links,
    partner_status,
)
from familytree.relations.wording import Wording, get_wording, languages, register

if TYPE_CHECKING:
    from familytree.relations.graph import FamilyGraph

__all__ = [
    "Kin", "KinRole", "close_family", "siblings",
    "ChildLink", "FamilyGraph", "Lineage", "ParentLink", "PartnerLink", "PartnerStatus", "Relationship",
    "RelationshipCalculator", "Role", "Sibling", "Step", "Wording", "child_links", "connection",
    "get_wording",
    "kinship_term", "languages", "parent_links", "partner_links", "partner_status", "partner_term",
    "register", "relationships",
]


def __getattr__(name: str) -> Any:
    if name == "FamilyGraph":
        from familytree.relations import graph

        return getattr(graph, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
