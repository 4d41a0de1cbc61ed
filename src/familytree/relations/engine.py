"""The relationship engine: every distinct kinship path between two people, as structured objects.

Why this walks the Tree and not the networkx FamilyGraph: a pair query touches only
the two people's ancestors (a few hundred people even in a 100,000-person file),
while building the graph for such a file takes about a second and importing
networkx alone 0.3 s.  Walking `Tree.parent_families` / `partner_families` (dict
look-ups) answers a pair in milliseconds with no set-up, from the command line
as from the GUI.  `FamilyGraph` is for whole-tree questions (all ancestors,
cycles, graph algorithms).

How: an upward breadth-first walk from each person records every (ancestor,
generation) pair with the links that reached it (so pedigree collapse yields
several distances to the same ancestor).  An ancestor met from both sides through
two different children is the top of a relationship path; children of one family
meeting there make a full relationship (the couple are the common ancestors),
children of two families a half one.  Partnerships add in-law and step paths: a
partner hop at either end (husband, son-in-law, stepmother, brother-in-law's
wife) and two ancestors who were partners (stepbrother).  Nothing recurses, the
walk is bounded by `max_depth` generations, and a person met as their own
ancestor ends the layered walk with a warning instead of looping.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from familytree.model import Sex, Tree
from familytree.relations.links import (
    DataWarnings,
    Lineage,
    ParentLink,
    PartnerLink,
    PartnerStatus,
    own_ancestor_warning,
    parent_links,
    partner_links,
)

__all__ = ["Role", "Step", "Relationship", "RelationshipCalculator", "relationships"]


class Role(enum.Enum):
    """What the first person of a Step is to the second."""

    CHILD = "child"  # one generation up: from_id is a child of to_id
    PARENT = "parent"  # one generation down: from_id is a parent of to_id
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Step:
    """One link of a path: `from_id` is the `role` of `to_id` in family `family_id`."""

    from_id: str
    to_id: str
    family_id: str
    role: Role
    lineage: Lineage = Lineage.BIRTH  # for CHILD/PARENT steps: how the child belongs to the family
    status: PartnerStatus | None = None  # for PARTNER steps
    ended: bool = False  # for PARTNER steps: divorced or annulled


@dataclass(frozen=True, slots=True, eq=False)
class Relationship:
    """One way in which A is related to B, read as "A is B's <term>".

    The core of the path joins `core_a` (A, or A's partner) and `core_b` (B, or
    B's partner): `up` generations from core_a to the common ancestor(s), then
    `down` generations to core_b.  `up == down == 0` with `a_partner` set means
    A and B are partners.  With `apex_family_id` and two `apex` people who are
    not both ancestors of each side, the top of the path is a partnership
    (stepbrother: A's parent was the partner of B's parent).
    """

    a_id: str
    b_id: str
    up: int
    down: int
    apex: tuple[str, ...]  # the common ancestor(s): two for a full relationship, one for half or lineal
    half: bool
    lineage: Lineage  # the strongest non-birth link on the core path, else BIRTH
    steps: tuple[Step, ...]  # A -> ... -> B, every link in order
    a_partner: PartnerLink | None = None  # A is the partner of core_a
    b_partner: PartnerLink | None = None  # core_b is the partner of B
    apex_partnership: PartnerLink | None = None  # step apex: apex[0]'s partnership with apex[1]
    sexes: dict[str, Sex] = field(default_factory=dict)  # of everyone on the path

    # -- shape ---------------------------------------------------------------
    @property
    def core_a(self) -> str:
        return self.a_partner.partner_id if self.a_partner else self.a_id

    @property
    def core_b(self) -> str:
        return self.b_partner.partner_id if self.b_partner else self.b_id

    @property
    def is_partnership(self) -> bool:
        """A and B are (or were) partners themselves."""
        return self.a_partner is not None and self.core_a == self.b_id and self.b_partner is None

    @property
    def is_step(self) -> bool:
        return self.apex_partnership is not None or self.lineage is Lineage.STEP

    @property
    def is_in_law(self) -> bool:
        return (self.a_partner is not None or self.b_partner is not None) and not self.is_partnership

    @property
    def is_blood(self) -> bool:
        return (self.a_partner is None and self.b_partner is None and self.apex_partnership is None
                and self.lineage is Lineage.BIRTH)

    @property
    def distance(self) -> int:
        """Links on the path: generations plus one per partnership crossed."""
        return len(self.steps)

    @property
    def sort_key(self) -> tuple[int, int, int, int, int]:
        hops = sum(x is not None for x in (self.a_partner, self.b_partner, self.apex_partnership))
        return (self.distance, hops, self.lineage.rank, int(self.half), self.up)

    @property
    def path(self) -> tuple[str, ...]:
        """Person and family ids from A to B in walking order, each once: what a chart highlights.

        A full relationship lists both common ancestors after the family that joins them.
        """
        out: list[str] = [self.a_id]
        seen = {self.a_id}

        def add(i: str) -> None:
            if i and i not in seen:
                seen.add(i)
                out.append(i)

        for s in self.steps:
            add(s.family_id)
            if s.to_id in self.apex and s.role is Role.CHILD and self.apex_partnership is None:
                for person in self.apex:
                    add(person)
            add(s.to_id)
        return tuple(out)

    @property
    def person_ids(self) -> tuple[str, ...]:
        return tuple(i for i in self.path if i in self.sexes)

    @property
    def family_ids(self) -> tuple[str, ...]:
        return tuple(i for i in self.path if i not in self.sexes)

    def sex(self, person_id: str) -> Sex:
        return self.sexes.get(person_id, Sex.UNKNOWN)

    # -- words (English unless another wording is given) ------------------------
    @property
    def term(self) -> str:
        """What A is to B: "granddaughter", "second cousin once removed", "brother-in-law's wife"."""
        from familytree.relations.wording import get_wording

        return get_wording().term(self)

    def statement(self, tree: Tree, language: str = "en") -> str:
        """"Yulia Sedova is Leon Trotsky's granddaughter"."""
        from familytree.relations.wording import get_wording

        return get_wording(language).statement(self, _namer(tree))

    def describe_path(self, tree: Tree, language: str = "en") -> str:
        """"Yulia is the daughter of Sergei Sedov, who is the son of Leon Trotsky"."""
        from familytree.relations.wording import get_wording

        return get_wording(language).describe_path(self, _namer(tree))

    def to_dict(self) -> dict[str, object]:
        return {
            "term": self.term,
            "up": self.up,
            "down": self.down,
            "half": self.half,
            "lineage": self.lineage.value,
            "kind": ("partner" if self.is_partnership else "in-law" if self.is_in_law
                     else "step" if self.is_step else "blood" if self.is_blood else self.lineage.value),
            "common_ancestors": list(self.apex),
            "path": list(self.path),
        }


def _namer(tree: Tree) -> Callable[[str], str]:
    def name(pid: str) -> str:
        p = tree.people.get(pid)
        return p.display_name() if p is not None else pid

    return name


# -- the upward walk ---------------------------------------------------------------


@dataclass(slots=True)
class _Ancestry:
    """Every (ancestor, generation) reachable upward from `start`, with the links that reached it.

    `layers[person][generation]` lists (child, family, lineage) for each way the
    walk arrived; it is empty for the start itself at generation 0.
    """

    start: str
    layers: dict[str, dict[int, list[tuple[str, str, Lineage]]]]


class RelationshipCalculator:
    """Finds relationships in one tree; keeps its people's links cached between queries.

    `warnings` collects what was wrong with the data on the way (cycles), once each.
    Call `clear()` after the tree changes.
    """

    def __init__(self, tree: Tree, max_depth: int | None = None) -> None:
        self.tree = tree
        self.max_depth = max_depth
        self.warnings = DataWarnings()
        self._parents: dict[str, list[ParentLink]] = {}
        self._partners: dict[str, list[PartnerLink]] = {}
        self._ancestry: dict[str, _Ancestry] = {}

    def clear(self) -> None:
        self._parents.clear()
        self._partners.clear()
        self._ancestry.clear()

    # -- links ----------------------------------------------------------------------
    def _parent_links(self, pid: str) -> list[ParentLink]:
        links = self._parents.get(pid)
        if links is None:
            links = self._parents[pid] = parent_links(self.tree, pid)
        return links

    def _partner_links(self, pid: str) -> list[PartnerLink]:
        links = self._partners.get(pid)
        if links is None:
            links = self._partners[pid] = partner_links(self.tree, pid)
        return links

    # -- ancestry ---------------------------------------------------------------------
    def ancestry(self, start: str) -> _Ancestry:
        anc = self._ancestry.get(start)
        if anc is None:
            anc = self._ancestry[start] = self._walk_up(start)
        return anc

    def _walk_up(self, start: str, first_visit_only: bool = False) -> _Ancestry:
        """Layered breadth-first walk; falls back to one visit per person when it meets a cycle.

        Without a cycle no path is longer than the number of people seen, so a
        generation beyond that count proves one: then the walk starts again
        visiting each person once, which always ends.
        """
        layers: dict[str, dict[int, list[tuple[str, str, Lineage]]]] = {start: {0: []}}
        frontier = [start]
        generation = 0
        limit = self.max_depth
        while frontier and (limit is None or generation < limit):
            nxt: list[str] = []
            generation += 1
            for child in frontier:
                for link in self._parent_links(child):
                    parent = link.parent_id
                    if parent == start:
                        self.warnings.add(own_ancestor_warning(self.tree, start))
                    gens = layers.get(parent)
                    if gens is None:
                        gens = layers[parent] = {}
                    elif first_visit_only:
                        if generation in gens:
                            gens[generation].append((child, link.family_id, link.lineage))
                        continue
                    preds = gens.get(generation)
                    if preds is None:
                        preds = gens[generation] = []
                        nxt.append(parent)
                    preds.append((child, link.family_id, link.lineage))
            frontier = nxt
            if not first_visit_only and generation > len(layers):
                self._report_cycles(layers)
                return self._walk_up(start, first_visit_only=True)
        return _Ancestry(start, layers)

    def _report_cycles(self, layers: dict[str, dict[int, list[tuple[str, str, Lineage]]]]) -> None:
        """Name the people on a cycle among those walked: peel off, both ways, all who are not."""
        nodes = set(layers)
        up: dict[str, set[str]] = {n: {lk.parent_id for lk in self._parent_links(n)} & nodes for n in nodes}
        down: dict[str, set[str]] = {n: set() for n in nodes}
        for n, parents in up.items():
            for p in parents:
                down[p].add(n)
        # peel off from below those with no child left, then from above those with no parent left:
        # what remains lies on a cycle (or between two)
        _peel(nodes, down, up)
        _peel(nodes, up, down)
        order = {pid: i for i, pid in enumerate(self.tree.people)}
        for pid in sorted(nodes, key=lambda p: order.get(p, 0)):
            self.warnings.add(own_ancestor_warning(self.tree, pid))

    def _path_up(self, anc: _Ancestry, person: str, generation: int) -> list[Step]:
        """One path from the walk's start up to (person, generation), preferring birth links."""
        steps: list[Step] = []
        while generation > 0:
            preds = anc.layers[person][generation]
            child, fam, lineage = min(preds, key=lambda p: p[2].rank)
            steps.append(Step(child, person, fam, Role.CHILD, lineage))
            person, generation = child, generation - 1
        steps.reverse()
        return steps

    # -- the query ---------------------------------------------------------------------
    def relationships(self, a_id: str, b_id: str) -> list[Relationship]:
        """Every distinct relationship of A to B, closest first; [] when none is known."""
        if a_id not in self.tree.people or b_id not in self.tree.people or a_id == b_id:
            return []
        found: dict[tuple[object, ...], Relationship] = {}

        def keep(items: Iterable[tuple[tuple[object, ...], Relationship]]) -> None:
            for key, rel in items:
                found.setdefault(key, rel)

        keep(self._cores(a_id, b_id, None, None))
        a_links = self._partner_links(a_id)
        b_links = self._partner_links(b_id)
        for la in a_links:
            if la.partner_id == b_id:
                keep([(("partner", la.family_id), self._make(a_id, b_id, 0, 0, (), False, [], la, None))])
            else:
                keep(self._cores(la.partner_id, b_id, la, None, a_id=a_id))
        for lb in b_links:
            if lb.partner_id != a_id:
                keep(self._cores(a_id, lb.partner_id, None, lb, b_id=b_id))
        for la in a_links:
            for lb in b_links:
                # partners of each other, or sharing a partner, is said better by a single hop
                if la.partner_id != b_id and lb.partner_id != a_id and la.partner_id != lb.partner_id:
                    keep(self._cores(la.partner_id, lb.partner_id, la, lb, a_id=a_id, b_id=b_id))
        keep(self._step_apexes(a_id, b_id))
        return sorted(found.values(), key=lambda r: r.sort_key)

    def _cores(self, ca: str, cb: str, a_hop: PartnerLink | None, b_hop: PartnerLink | None,
               a_id: str = "", b_id: str = "") -> Iterator[tuple[tuple[object, ...], Relationship]]:
        """Blood (or adoptive...) paths between ca and cb through a common ancestor."""
        a_id = a_id or ca
        b_id = b_id or cb
        anc_a = self.ancestry(ca)
        anc_b = self.ancestry(cb)
        small, large = (anc_a.layers, anc_b.layers)
        if len(small) > len(large):
            small, large = large, small
        common = [x for x in small if x in large]
        tree = self.tree
        for x in common:
            for up, preds_a in anc_a.layers[x].items():
                for down, preds_b in anc_b.layers[x].items():
                    for pa in _or_start(preds_a):
                        for pb in _or_start(preds_b):
                            if pa is None and pb is None:
                                continue  # x is both starts: the same person
                            if pa is not None and pb is not None and pa[0] == pb[0]:
                                continue  # they meet lower down: that closer ancestor tells it
                            if pa is None and up != 0 or pb is None and down != 0:
                                continue
                            # a partner hop through the very family that makes the other a parent
                            # says nothing new (a mother is not also "father's wife")
                            if a_hop and up == 0 and pb is not None and pb[1] == a_hop.family_id:
                                continue
                            if b_hop and down == 0 and pa is not None and pa[1] == b_hop.family_id:
                                continue
                            if pa is not None and pb is not None:
                                couple = _shared_parents(tree, pa[1], pb[1])
                                half = len(couple) < 2 and pa[1] != pb[1]
                                apex = couple if not half and x in couple else (x,)
                            else:
                                apex, half = (x,), False
                            key = ("core", a_hop and a_hop.family_id, b_hop and b_hop.family_id, apex,
                                   pa and pa[0], pb and pb[0], up, down)
                            steps_a = self._path_up(anc_a, pa[0], up - 1) if pa else []
                            if pa:
                                steps_a.append(Step(pa[0], x, pa[1], Role.CHILD, pa[2]))
                            steps_b = self._path_up(anc_b, pb[0], down - 1) if pb else []
                            if pb:
                                steps_b.append(Step(pb[0], x, pb[1], Role.CHILD, pb[2]))
                            core = steps_a + [_reverse(s) for s in reversed(steps_b)]
                            yield key, self._make(a_id, b_id, up, down, apex, half, core, a_hop, b_hop)

    def _step_apexes(self, a_id: str, b_id: str) -> Iterator[tuple[tuple[object, ...], Relationship]]:
        """A's ancestor x was the partner of B's ancestor y (neither through that partnership)."""
        anc_a = self.ancestry(a_id)
        anc_b = self.ancestry(b_id)
        for x, gens_a in anc_a.layers.items():
            for link in self._partner_links(x):
                gens_b = anc_b.layers.get(link.partner_id)
                if not gens_b:
                    continue
                y = link.partner_id
                for up, preds_a in gens_a.items():
                    for down, preds_b in gens_b.items():
                        if up == 0 or down == 0:
                            continue  # stepmother and stepson are partner hops at an end
                        for pa in preds_a:
                            if pa[1] == link.family_id:
                                continue  # y is A's own ancestor through this family
                            for pb in preds_b:
                                if pb[1] == link.family_id:
                                    continue
                                key = ("step", link.family_id, pa[0], pb[0], up, down)
                                steps_a = self._path_up(anc_a, pa[0], up - 1)
                                steps_a.append(Step(pa[0], x, pa[1], Role.CHILD, pa[2]))
                                steps_b = self._path_up(anc_b, pb[0], down - 1)
                                steps_b.append(Step(pb[0], y, pb[1], Role.CHILD, pb[2]))
                                hop = Step(x, y, link.family_id, Role.PARTNER, status=link.status,
                                           ended=link.ended)
                                core = steps_a + [hop] + [_reverse(s) for s in reversed(steps_b)]
                                rel = self._make(a_id, b_id, up, down, (x, y), False, core, None, None,
                                                 apex_partnership=link)
                                yield key, rel

    def _make(self, a_id: str, b_id: str, up: int, down: int, apex: tuple[str, ...], half: bool,
              core: list[Step], a_hop: PartnerLink | None, b_hop: PartnerLink | None,
              apex_partnership: PartnerLink | None = None) -> Relationship:
        steps: list[Step] = []
        if a_hop is not None:
            steps.append(Step(a_id, a_hop.partner_id, a_hop.family_id, Role.PARTNER, status=a_hop.status,
                              ended=a_hop.ended))
        steps.extend(core)
        if b_hop is not None:
            steps.append(Step(b_hop.partner_id, b_id, b_hop.family_id, Role.PARTNER, status=b_hop.status,
                              ended=b_hop.ended))
        lineage = max((s.lineage for s in core), key=lambda li: li.rank, default=Lineage.BIRTH)
        people = {a_id, b_id, *apex}
        for s in steps:
            people.add(s.from_id)
            people.add(s.to_id)
        sexes = {p: self.tree.people[p].sex for p in people if p in self.tree.people}
        return Relationship(a_id, b_id, up, down, apex, half, lineage, tuple(steps), a_hop, b_hop,
                            apex_partnership, sexes)


_Pred = tuple[str, str, Lineage]  # (child, family, lineage): how the walk reached an ancestor


def _or_start(preds: list[_Pred]) -> list[_Pred | None]:
    """The ways an ancestor was reached, or [None] for the walk's start itself."""
    return list(preds) if preds else [None]


def _peel(nodes: set[str], edges: dict[str, set[str]], reverse: dict[str, set[str]]) -> None:
    """Kahn's algorithm: remove from `nodes` every node that no cycle holds, seen along `edges`."""
    count = {n: len(edges[n] & nodes) for n in nodes}
    queue = [n for n, c in count.items() if c == 0]
    while queue:
        n = queue.pop()
        nodes.discard(n)
        for m in reverse[n]:
            if m in nodes:
                count[m] -= 1
                if count[m] == 0:
                    queue.append(m)


def _reverse(step: Step) -> Step:
    """A child-of step read the other way: the parent-of step going down."""
    return Step(step.to_id, step.from_id, step.family_id, Role.PARENT, step.lineage)


def _shared_parents(tree: Tree, fam_a: str, fam_b: str) -> tuple[str, ...]:
    """The parents two children have in common, given the families they are children of."""
    fa = tree.families.get(fam_a)
    fb = tree.families.get(fam_b)
    if fa is None or fb is None:
        return ()
    if fam_a == fam_b:
        return tuple(p for p in fa.partner_ids if p in tree.people)
    other = set(fb.partner_ids)
    return tuple(p for p in fa.partner_ids if p in other and p in tree.people)


def relationships(tree: Tree, a_id: str, b_id: str, max_depth: int | None = None,
                  warnings: list[str] | None = None) -> list[Relationship]:
    """Every distinct relationship of A to B, closest first.

    `max_depth` bounds the generations walked up from each person (None: as far
    as the data go).  Data problems met on the way (cycles) are appended to
    `warnings` when a list is given.
    """
    calc = RelationshipCalculator(tree, max_depth=max_depth)
    found = calc.relationships(a_id, b_id)
    if warnings is not None:
        warnings.extend(calc.warnings)
    return found
