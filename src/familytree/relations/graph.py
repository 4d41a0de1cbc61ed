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
from dataclasses import dataclass

import networkx as nx

from familytree.model import Tree
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

__all__ = ["FamilyGraph", "Sibling", "PERSON", "FAMILY"]

PERSON = "person"
FAMILY = "family"


@dataclass(frozen=True, slots=True)
class Sibling:
    """A brother or sister: full when they share the family (or both parents), else half."""

    person_id: str
    half: bool
    shared_parents: tuple[str, ...]
    family_ids: tuple[str, ...]  # the families that join them: one for full, two for half
    lineage: Lineage = Lineage.BIRTH  # the weaker of the two children's links


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
        """Full siblings (same family, or the same two parents) and half siblings (one parent)."""
        g = self.graph
        if person_id not in g:
            return []
        own_families = list(g.predecessors(person_id))
        my_parents = {p for fam in own_families for p in g.predecessors(fam)}
        out: dict[str, Sibling] = {}
        for fam in own_families:
            mine = g.edges[fam, person_id]["lineage"]
            candidates = [fam]
            for parent in g.predecessors(fam):
                candidates.extend(f for f in g.successors(parent) if f != fam)
            for other_fam in candidates:
                shared = tuple(p for p in g.predecessors(other_fam) if p in my_parents)
                full = other_fam == fam or len(shared) >= 2
                for child in g.successors(other_fam):
                    if child == person_id:
                        continue
                    theirs = g.edges[other_fam, child]["lineage"]
                    lineage = max(mine, theirs, key=lambda li: li.rank)
                    fams = (self.family_id(fam),) if other_fam == fam else (
                        self.family_id(fam), self.family_id(other_fam))
                    sib = Sibling(child, not full, shared, fams, lineage)
                    prev = out.get(child)
                    if prev is None or (prev.half and not sib.half):
                        out[child] = sib
        return list(out.values())

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
