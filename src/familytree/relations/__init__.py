"""Family relations: the family graph, the relationship engine, and its wording.

`FamilyGraph` needs networkx, which takes a third of a second to import, so it is
loaded only when first asked for; the relationship engine does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from familytree.relations.engine import Relationship, RelationshipCalculator, Role, Step, relationships
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
    "RelationshipCalculator", "Role", "Sibling", "Step", "Wording", "child_links", "get_wording",
    "kinship_term", "languages", "parent_links", "partner_links", "partner_status", "partner_term",
    "register", "relationships",
]


def __getattr__(name: str) -> Any:
    if name == "FamilyGraph":
        from familytree.relations import graph

        return getattr(graph, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
