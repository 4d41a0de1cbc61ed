"""The family as a networkx graph: people and families as nodes, for whole-tree family questions.

The graph is bipartite and directed the way descent runs: partner -> family ->
child.  A family edge to a child carries how the child belongs (birth, adopted,
step, foster); a family node carries the couple's status.  A cycle in this
graph is a person recorded as their own ancestor.  Every walk here is a loop
over a queue, never recursion, so a 3,000-generation chain is as safe as a
three-generation one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import networkx as nx

from familytree.model import Tree
from familytree.relations.family import Sibling, siblings
from familytree.relations.links import (
    ChildLink,
    DataWarnings,
    Lineage,
    ParentLink,
    PartnerLink,
    PartnerStatus,
    lineage_of,
    own_ancestor_warning,
    partner_status,
)

__all__ = ["FamilyGraph", "PERSON", "FAMILY"]

PERSON = "person"
FAMILY = "family"


class FamilyGraph:
    """A DiGraph of one tree: person nodes and family nodes, with `kind` attributes.

    Node keys are the file's xrefs.  A family whose xref is also a person's
    (a bad file) is keyed "<xref>#family" and reported in `warnings`.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.warnings = DataWarnings()
        g: nx.DiGraph = nx.DiGraph()
        g.add_nodes_from((pid, {"kind": PERSON}) for pid in tree.people)
        self._family_node: dict[str, str] = {}
        self._node_family: dict[str, str] = {}
        nodes: list[tuple[str, dict[str, object]]] = []
        edges: list[tuple[str, str, dict[str, object]]] = []
        for fam in tree.families.values():
            node = fam.id
            if node in tree.people:
                node = f"{fam.id}#family"
                self.warnings.add(f"{fam.id} names both a person and a family: the family is {node} here")
            self._family_node[fam.id] = node
            self._node_family[node] = fam.id
            nodes.append((node, {"kind": FAMILY, "status": partner_status(fam), "ended": fam.is_divorced}))
            for pid in fam.partner_ids:
                if pid in tree.people:
                    edges.append((pid, node, {"kind": "partner"}))
            for c in fam.children:
                if c.person_id in tree.people:
                    edges.append((node, c.person_id, {"kind": "child", "lineage": lineage_of(c.relation)}))
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
        self.graph = g

    def family_node(self, family_id: str) -> str:
        """The graph node of a family (its xref, unless a person has the same one)."""
        return self._family_node.get(family_id, family_id)

    def family_id(self, node: str) -> str:
        return self._node_family.get(node, node)

    def is_person(self, node: str) -> bool:
        return bool(self.graph.nodes[node].get("kind") == PERSON) if node in self.graph else False

    # -- one step -------------------------------------------------------------------
    def parent_links(self, person_id: str) -> list[ParentLink]:
        g = self.graph
        if person_id not in g:
            return []
        out = []
        for fam in g.predecessors(person_id):
            lineage = g.edges[fam, person_id]["lineage"]
            for parent in g.predecessors(fam):
                out.append(ParentLink(parent, self.family_id(fam), lineage))
        return out

    def child_links(self, person_id: str) -> list[ChildLink]:
        g = self.graph
        if person_id not in g:
            return []
        return [ChildLink(child, self.family_id(fam), g.edges[fam, child]["lineage"])
                for fam in g.successors(person_id) for child in g.successors(fam)]

    def partner_links(self, person_id: str) -> list[PartnerLink]:
        g = self.graph
        if person_id not in g:
            return []
        out = []
        for fam in g.successors(person_id):
            data = g.nodes[fam]
            for other in g.predecessors(fam):
                if other != person_id:
                    out.append(PartnerLink(other, self.family_id(fam), data["status"], data["ended"]))
        return out

    def parents(self, person_id: str, lineages: Iterable[Lineage] | None = None) -> list[str]:
        """Parents in file order; only those linked by the given lineages when asked (e.g. BIRTH)."""
        wanted = set(lineages) if lineages is not None else None
        return _unique(lk.parent_id for lk in self.parent_links(person_id)
                       if wanted is None or lk.lineage in wanted)

    def children(self, person_id: str, lineages: Iterable[Lineage] | None = None) -> list[str]:
        wanted = set(lineages) if lineages is not None else None
        return _unique(lk.child_id for lk in self.child_links(person_id)
                       if wanted is None or lk.lineage in wanted)

    def partners(self, person_id: str, status: PartnerStatus | None = None) -> list[str]:
        return _unique(lk.partner_id for lk in self.partner_links(person_id)
                       if status is None or lk.status is status)

    def siblings(self, person_id: str) -> list[Sibling]:
        """Full siblings (same family, or the same two parents), then half siblings (one parent)."""
        return siblings(self.tree, person_id)

    def full_siblings(self, person_id: str) -> list[str]:
        return [s.person_id for s in self.siblings(person_id) if not s.half]

    def half_siblings(self, person_id: str) -> list[str]:
        return [s.person_id for s in self.siblings(person_id) if s.half]

    # -- generations --------------------------------------------------------------------
    def ancestors(self, person_id: str, generations: int | None = None) -> dict[str, int]:
        """Every ancestor up to `generations` back (None: all), with the nearest generation (parents 1)."""
        return self._walk(person_id, generations, up=True)

    def descendants(self, person_id: str, generations: int | None = None) -> dict[str, int]:
        """Every descendant down to `generations` (None: all), with the nearest generation (children 1)."""
        return self._walk(person_id, generations, up=False)

    def _walk(self, start: str, generations: int | None, up: bool) -> dict[str, int]:
        g = self.graph
        if start not in g:
            return {}
        step = g.predecessors if up else g.successors
        found: dict[str, int] = {}
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        while queue:
            person, gen = queue.popleft()
            if generations is not None and gen >= generations:
                continue
            for fam in step(person):
                for other in step(fam):
                    if other == start:
                        self.warnings.add(own_ancestor_warning(self.tree, start))
                        continue
                    if other not in found:  # breadth first: the first visit is the nearest
                        found[other] = gen + 1
                        queue.append((other, gen + 1))
        return found

    def cycles(self) -> list[list[str]]:
        """Groups of people each of whom is recorded as their own ancestor; each is also a warning."""
        g = self.graph
        out: list[list[str]] = []
        for component in nx.strongly_connected_components(g):
            if len(component) < 2:
                continue
            people = [n for n in self.tree.people if n in component]
            out.append(people)
            for pid in people:
                self.warnings.add(own_ancestor_warning(self.tree, pid))
        return out


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
