"""The relationship engine: every distinct kinship path between two people, as structured objects.

Why this walks the Tree and not the networkx FamilyGraph: a pair query touches only
the two people's ancestors (a few hundred people even in a 100,000-person file),
while building the graph for such a file takes 1.5 s and importing networkx 0.3 s
(benchmarks/bench_relations.py).  Walking `Tree.parent_families` and
`partner_families` (dict look-ups) answers a pair in a millisecond or so with no
set-up, from the command line as from the GUI.  `FamilyGraph` is for whole-tree
questions (all ancestors or descendants, cycles, graph algorithms).

How: a breadth-first walk up from each person finds every ancestor once, with
every link that reached it.  The common ancestors that are not ancestors of
another common ancestor are the tops of the relationship paths; a second,
layered walk over just the people between each person and those tops finds each
way up and its length (pedigree collapse gives several).  Two children of one
family meeting at the top make a full relationship (the couple are the common
ancestors), children of two families a half one.  Partnerships add in-law and
step paths: a partner hop at either end (husband, son-in-law, stepmother,
brother-in-law's wife) and a parent or grandparent on each side who were partners
(stepbrother, step-aunt).  Nothing recurses; walks are bounded by `max_depth`;
people recorded as their own ancestors are found (Kahn's algorithm), reported as
warnings and visited once, so bad data ends instead of looping.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from functools import partial

from familytree.model import DateModifier, Sex, Tree
from familytree.model.slotted import slotted
from familytree.relations.links import (
    DataWarnings,
    Lineage,
    ParentLink,
    PartnerLink,
    PartnerStatus,
    child_links,
    lineage_of,
    own_ancestor_warning,
    parent_links,
    partner_links,
)

__all__ = ["Role", "Step", "Relationship", "RelationshipCalculator", "connection", "relationships"]


class Role(enum.Enum):
    """What the first person of a Step is to the second."""

    CHILD = "child"  # one generation up: from_id is a child of to_id
    PARENT = "parent"  # one generation down: from_id is a parent of to_id
    PARTNER = "partner"


@slotted(frozen=True)
class Step:
    """One link of a path: `from_id` is the `role` of `to_id` in family `family_id`."""

    from_id: str
    to_id: str
    family_id: str
    role: Role
    lineage: Lineage = Lineage.BIRTH  # for CHILD/PARENT steps: how the child belongs to the family
    status: PartnerStatus | None = None  # for PARTNER steps
    ended: bool = False  # for PARTNER steps: divorced or annulled


@slotted(frozen=True, eq=False)
class Relationship:
    """One way in which A is related to B, read as "A is B's <term>".

    The core of the path joins `core_a` (A, or A's partner) and `core_b` (B, or
    B's partner): `up` generations from core_a to the common ancestor(s), then
    `down` generations to core_b.  `up == down == 0` with `a_partner` set means
    A and B are partners.  With `apex_partnership` set, the top of the path is a
    couple, apex[0] an ancestor of A only and apex[1] of B only (stepbrother: A's
    parent was the partner of B's parent).
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
    # the step-parent died before the stepchild was born (a widow's first husband): "mother's
    # husband", never "stepfather"; read from the file's dates, False when they do not say
    step_unmet: bool = False

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
    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        """Closest first.

        Fewer links, then fewer partnerships, birth before adoption, full before
        half, a living partnership before an ended one.
        """
        hops = sum(x is not None for x in (self.a_partner, self.b_partner, self.apex_partnership))
        ended = any(s.ended for s in self.steps)
        return (self.distance, hops, self.lineage.rank, int(self.half), int(ended), self.up)

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

    def is_unnamed_parents(self, node_id: str) -> bool:
        """True for a common ancestor that is a family with no parent recorded (its id stands for them)."""
        return node_id in self.apex and node_id not in self.sexes

    def sex(self, person_id: str) -> Sex:
        return self.sexes.get(person_id, Sex.UNKNOWN)

    # -- words (English unless another wording is given) ------------------------
    @property
    def term(self) -> str:
        """What A is to B: "granddaughter", "second cousin once removed", "brother-in-law's wife"."""
        from familytree.relations.wording import get_wording

        return get_wording().term(self)

    def term_in(self, language: str) -> str:
        """The term in another language: term_in("ru") -> "внучка"."""
        from familytree.relations.wording import get_wording

        return get_wording(language).term(self)

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


_Pred = tuple[str, str, Lineage]  # (child, family, lineage): one link by which a walk reached a person
_Layers = dict[str, dict[int, list[_Pred]]]  # person -> generation -> the links that reached it there


@slotted
class _Ancestry:
    """Every ancestor of `start`, each visited once: nearest generation and every link that reached it."""

    start: str
    generation: dict[str, int]  # start: 0, parents: 1, ...
    links: dict[str, list[_Pred]]  # person -> (child, family, lineage) for each child of theirs walked
    cyclic: frozenset[str]  # people on a cycle (their own ancestors) among these
    limit: int | None = None  # generations walked at most


# A longer way to the same ancestor (pedigree collapse) is followed while it is at most this many
# generations longer than the shortest; this bounds the walk, and past it the relationship says little.
_COLLAPSE_SLACK = 6
_STEP_REACH = 2  # generations from each side up to a step partnership: step-cousin at most
_HOP_REACH = 6  # generations searched on each side of an in-law path: up to "wife's fifth cousin"

# (rank for "closest first", identity of the path, how to build it)
_Candidate = tuple[tuple[int, ...], tuple[object, ...], "Callable[[], Relationship]"]


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
        self._ancestry: dict[tuple[str, int | None], _Ancestry] = {}
        self.last_count = 0  # how many relationships the last query found, before any limit

    def clear(self) -> None:
        self._parents.clear()
        self._partners.clear()
        self._ancestry.clear()

    # -- links ----------------------------------------------------------------------
    def _parent_links(self, pid: str) -> list[ParentLink]:
        links = self._parents.get(pid)
        if links is None:
            links = self._parents[pid] = parent_links(self.tree, pid)
            # Children of a family whose parents are not recorded are still siblings (files list such
            # families): the family's id stands in for its unnamed parents, a common ancestor with no
            # ancestors of its own.  It never names a person (see Relationship.is_unnamed_parents).
            linked = {lk.family_id for lk in links}
            for fam in self.tree.parent_families(pid):
                if fam.id not in linked and fam.id not in self.tree.people:
                    links.append(ParentLink(fam.id, fam.id, lineage_of(self.tree.child_relation(fam, pid))))
        return links

    def _partner_links(self, pid: str) -> list[PartnerLink]:
        links = self._partners.get(pid)
        if links is None:
            links = self._partners[pid] = partner_links(self.tree, pid)
        return links

    # -- ancestry ---------------------------------------------------------------------
    def _limit(self, depth: int | None) -> int | None:
        """The tighter of max_depth and a walk's own bound."""
        if depth is None or self.max_depth is None:
            return self.max_depth if depth is None else depth
        return min(depth, self.max_depth)

    def ancestry(self, start: str, depth: int | None = None) -> _Ancestry:
        """Every ancestor of `start` (within `depth` generations), cached."""
        limit = self._limit(depth)
        anc = self._ancestry.get((start, limit))
        if anc is None:
            anc = self._ancestry[start, limit] = self._walk_up(start, limit)
        return anc

    def _walk_up(self, start: str, limit: int | None) -> _Ancestry:
        """Breadth-first over parents, each person once, within `limit` generations."""
        generation = {start: 0}
        links: dict[str, list[_Pred]] = {start: []}
        frontier = [start]
        depth = 0
        while frontier and (limit is None or depth < limit):
            depth += 1
            nxt: list[str] = []
            for child in frontier:
                for link in self._parent_links(child):
                    parent = link.parent_id
                    pred = (child, link.family_id, link.lineage)
                    known = links.get(parent)
                    if known is None:
                        links[parent] = [pred]
                        generation[parent] = depth
                        nxt.append(parent)
                    elif link.lineage is Lineage.BIRTH:
                        known.insert(0, pred)  # birth links first: a path prefers them
                    else:
                        known.append(pred)
            frontier = nxt
        cyclic = self._cycles(links, generation, limit)
        return _Ancestry(start, generation, links, cyclic, limit)

    def _cycles(self, links: dict[str, list[_Pred]], generation: dict[str, int],
                limit: int | None) -> frozenset[str]:
        """The people on a cycle among those walked, each reported as a warning.

        Kahn's algorithm: peel off from below everyone all of whose walked
        children are peeled; nobody is left unless there is a cycle (the usual
        case, in one cheap pass).  What is left are the people on cycles and their
        ancestors; peeling those from above leaves the cycles.
        """
        expanded = (lambda p: True) if limit is None else (lambda p: generation[p] < limit)
        count = {n: len(preds) for n, preds in links.items()}
        queue = [n for n, c in count.items() if c == 0]
        while queue:
            n = queue.pop()
            del count[n]
            if not expanded(n):
                continue
            for link in self._parent_links(n):
                parent = link.parent_id
                if parent in count:
                    count[parent] -= 1
                    if count[parent] == 0:
                        queue.append(parent)
        if not count:
            return frozenset()
        nodes = set(count)
        down = {n: {child for child, _, _ in links[n] if child in nodes} for n in nodes}
        up: dict[str, set[str]] = {n: set() for n in nodes}
        for n, children in down.items():
            for c in children:
                up[c].add(n)
        _peel(nodes, up, down)
        order = {pid: i for i, pid in enumerate(self.tree.people)}
        for pid in sorted(nodes, key=lambda p: order.get(p, 0)):
            self.warnings.add(own_ancestor_warning(self.tree, pid))
        return frozenset(nodes)

    def _layers(self, anc: _Ancestry, targets: Iterable[str], depth: int | None = None) -> _Layers:
        """Every (person, generation) on a way from the start up to one of `targets`.

        Only people between the start and the targets are walked, so a query
        pays for the part of the pedigree its answer lies in.  People on a cycle
        are visited once; a longer way round pedigree collapse is followed while
        within _COLLAPSE_SLACK generations of the shortest, which keeps it finite.
        """
        between = set(targets)
        stack = list(between)
        while stack:
            for child, _, _ in anc.links.get(stack.pop(), ()):
                if child not in between:
                    between.add(child)
                    stack.append(child)
        layers: _Layers = {anc.start: {0: []}}
        frontier = [anc.start]
        generation = 0
        limit = anc.limit if depth is None else self._limit(depth)
        while frontier and (limit is None or generation < limit):
            generation += 1
            nxt: list[str] = []
            for child in frontier:
                for link in self._parent_links(child):
                    parent = link.parent_id
                    if parent not in between:
                        continue
                    pred = (child, link.family_id, link.lineage)
                    gens = layers.setdefault(parent, {})
                    preds = gens.get(generation)
                    if preds is None:
                        if gens and (parent in anc.cyclic
                                     or generation > anc.generation[parent] + _COLLAPSE_SLACK):
                            continue
                        preds = gens[generation] = []
                        nxt.append(parent)
                    if link.lineage is Lineage.BIRTH:
                        preds.insert(0, pred)
                    else:
                        preds.append(pred)
            frontier = nxt
        return layers

    def _lowest(self, common: Iterable[str], cyclic: frozenset[str], starts: tuple[str, str],
                depth: int | None = None) -> list[str]:
        """The common ancestors that are not ancestors of another one (other than A or B).

        An ancestor of a common ancestor only repeats, a generation further out,
        what the nearer one says; in royal pedigrees it would multiply the paths
        into the hundreds of thousands.  Distinct lines still give distinct
        relationships (double cousins), and so do the several ways one lowest
        ancestor is reached (pedigree collapse).  A and B themselves are left out
        of "another": when B is A's grandfather, B's parents may still join them
        by a second line (A's mother a daughter of B's sister).  People on a cycle
        are above themselves; they are not counted as above anyone, or none would
        be lowest.
        """
        common = list(common)
        above: set[str] = set()
        seen: set[str] = set()
        queue = [(x, 0) for x in common if x not in starts]  # breadth first, so each is seen nearest
        for person, height in queue:
            if depth is not None and height >= depth:
                continue
            for link in self._parent_links(person):
                parent = link.parent_id
                if parent not in seen:
                    seen.add(parent)
                    queue.append((parent, height + 1))
                    if parent not in cyclic:
                        above.add(parent)
        return [x for x in common if x not in above]

    def _path_up(self, layers: _Layers, person: str, generation: int) -> list[Step]:
        """One path from the walk's start up to (person, generation), preferring birth links."""
        steps: list[Step] = []
        while generation > 0:
            child, fam, lineage = layers[person][generation][0]  # birth links come first
            steps.append(Step(child, person, fam, Role.CHILD, lineage))
            person, generation = child, generation - 1
        steps.reverse()
        return steps

    # -- the query ---------------------------------------------------------------------
    def relationships(self, a_id: str, b_id: str, limit: int | None = None) -> list[Relationship]:
        """Every distinct relationship of A to B, closest first; [] when none is known.

        `limit` keeps only the closest ones (pedigree collapse in royal houses
        can join two people in hundreds of ways); `last_count` says how many
        there were in all.
        """
        self.last_count = 0
        if a_id not in self.tree.people or b_id not in self.tree.people or a_id == b_id:
            return []
        found: dict[tuple[object, ...], tuple[tuple[int, ...], Callable[[], Relationship]]] = {}

        def keep(items: Iterable[_Candidate]) -> None:
            for rank, key, build in items:
                if key not in found:
                    found[key] = (rank, build)

        keep(self._cores(a_id, b_id, None, None))
        a_links = self._partner_links(a_id)
        b_links = self._partner_links(b_id)
        for la in a_links:
            if la.partner_id == b_id:
                keep([((1, 1, 0, int(la.ended)), ("partner", la.family_id),
                       partial(self._make, a_id, b_id, 0, 0, (), False, [], la, None))])
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
        ordered = sorted(found.values(), key=lambda item: item[0])
        # paths are built only for what is kept: building is most of the cost
        kept: list[Relationship] = []
        dropped = 0
        exact = bool(self.warnings)  # with cycles some candidates are dropped: build all to count the rest
        for _, build in ordered:
            if limit is not None and len(kept) >= limit and not exact:
                break
            rel = build()
            if _visits_each_person_once(rel):
                kept.append(rel)
            else:
                dropped += 1
        self.last_count = len(ordered) - dropped
        return sorted(kept[:limit] if limit is not None else kept, key=lambda r: r.sort_key)

    def _cores(self, ca: str, cb: str, a_hop: PartnerLink | None, b_hop: PartnerLink | None,
               a_id: str = "", b_id: str = "") -> Iterator[_Candidate]:
        """Blood (or adoptive...) paths between ca and cb through a common ancestor.

        Across a partnership only _HOP_REACH generations are searched: "wife's
        fifth cousin" is as far as in-law words go to be of use, and a royal with
        six wives would otherwise cost six walks to antiquity.
        """
        a_id = a_id or ca
        b_id = b_id or cb
        reach = _HOP_REACH if a_hop or b_hop else None
        anc_a = self.ancestry(ca, reach)
        anc_b = self.ancestry(cb, reach)
        small, large = anc_a.generation, anc_b.generation
        if len(small) > len(large):
            small, large = large, small
        common = self._lowest((x for x in small if x in large), anc_a.cyclic | anc_b.cyclic, (ca, cb), reach)
        if not common:
            return
        layers_a = self._layers(anc_a, common)
        layers_b = self._layers(anc_b, common)
        tree = self.tree
        hops = (a_hop is not None) + (b_hop is not None)
        for x in common:
            for up, preds_a in layers_a.get(x, {}).items():
                for down, preds_b in layers_b.get(x, {}).items():
                    for pa in _or_start(preds_a):
                        for pb in _or_start(preds_b):
                            if pa is None and pb is None:
                                continue  # x is both starts: the same person
                            if pa is not None and pb is not None and pa[0] == pb[0]:
                                continue  # they meet lower down: that closer ancestor tells it
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
                            rank = (up + down + hops, hops, int(half), up)
                            yield rank, key, partial(self._build_core, layers_a, layers_b, x, up, down, pa,
                                                     pb, apex, half, a_hop, b_hop, a_id, b_id)

    def _build_core(self, anc_a: _Layers, anc_b: _Layers, x: str, up: int, down: int,
                    pa: _Pred | None, pb: _Pred | None, apex: tuple[str, ...], half: bool,
                    a_hop: PartnerLink | None, b_hop: PartnerLink | None, a_id: str,
                    b_id: str) -> Relationship:
        steps_a = self._path_up(anc_a, pa[0], up - 1) if pa else []
        if pa:
            steps_a.append(Step(pa[0], x, pa[1], Role.CHILD, pa[2]))
        steps_b = self._path_up(anc_b, pb[0], down - 1) if pb else []
        if pb:
            steps_b.append(Step(pb[0], x, pb[1], Role.CHILD, pb[2]))
        core = steps_a + [_reverse(s) for s in reversed(steps_b)]
        return self._make(a_id, b_id, up, down, apex, half, core, a_hop, b_hop)

    def _step_apexes(self, a_id: str, b_id: str) -> Iterator[_Candidate]:
        """A's parent or grandparent x was the partner of B's parent or grandparent y.

        That is stepbrother, step-aunt, step-nephew or step-cousin; further out
        English has no word, and stepmother and stepson are partner hops at an end.
        """
        near_a = self._near(a_id)
        near_b = self._near(b_id)
        for x, gens_a in near_a.items():
            for link in self._partner_links(x):
                gens_b = near_b.get(link.partner_id)
                if not gens_b:
                    continue
                for up, preds_a in gens_a.items():
                    for down, preds_b in gens_b.items():
                        if not (0 < up <= _STEP_REACH and 0 < down <= _STEP_REACH):
                            continue
                        for pa in preds_a:
                            if pa[1] == link.family_id:
                                continue  # the partner is A's own ancestor through this family
                            for pb in preds_b:
                                if pb[1] == link.family_id:
                                    continue
                                key = ("step", link.family_id, pa[0], pb[0], up, down)
                                rank = (up + down + 1, 1, 0, up)
                                build = partial(self._build_step, near_a, near_b, x, link, up, down, pa, pb)
                                yield rank, key, build

    def _near(self, start: str) -> _Layers:
        """Parents and grandparents, each by every way they are reached."""
        anc = self.ancestry(start, _STEP_REACH)
        return self._layers(anc, [p for p in anc.generation if p != start])

    def _build_step(self, anc_a: _Layers, anc_b: _Layers, x: str, link: PartnerLink, up: int, down: int,
                    pa: _Pred, pb: _Pred) -> Relationship:
        y = link.partner_id
        steps_a = self._path_up(anc_a, pa[0], up - 1)
        steps_a.append(Step(pa[0], x, pa[1], Role.CHILD, pa[2]))
        steps_b = self._path_up(anc_b, pb[0], down - 1)
        steps_b.append(Step(pb[0], y, pb[1], Role.CHILD, pb[2]))
        hop = Step(x, y, link.family_id, Role.PARTNER, status=link.status, ended=link.ended)
        core = steps_a + [hop] + [_reverse(s) for s in reversed(steps_b)]
        return self._make(steps_a[0].from_id, steps_b[0].from_id, up, down, (x, y), False, core, None, None,
                          apex_partnership=link)

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
        unmet = False
        if a_hop is not None and b_hop is None and (up, down) == (0, 1):
            unmet = _died_before_born(self.tree, a_id, b_id)  # A: the mother's (or father's) partner
        elif b_hop is not None and a_hop is None and (up, down) == (1, 0):
            unmet = _died_before_born(self.tree, b_id, a_id)  # B: the partner of A's parent
        return Relationship(a_id, b_id, up, down, apex, half, lineage, tuple(steps), a_hop, b_hop,
                            apex_partnership, sexes, unmet)


def _died_before_born(tree: Tree, dead_id: str, born_id: str) -> bool:
    """True when the file dates one person's death to a year before the other's birth, plainly.

    Only exact (or "before") death years and exact (or "after") birth years in the same
    calendar count: an "about" on either side leaves the question open.
    """
    death = tree.people[dead_id].first_event("DEAT")
    birth = tree.people[born_id].first_event("BIRT")
    if death is None or birth is None or death.date is None or birth.date is None:
        return False
    if death.date.modifier not in (DateModifier.EXACT, DateModifier.BEFORE) or \
            birth.date.modifier not in (DateModifier.EXACT, DateModifier.AFTER):
        return False
    died, born = death.date.start, birth.date.start
    if died is None or born is None or died.year is None or born.year is None:
        return False
    if died.calendar is not born.calendar or died.bce or born.bce:
        return False
    return died.year < born.year




def _visits_each_person_once(rel: Relationship) -> bool:
    """A kinship path never passes through the same person twice.

    Only people recorded as their own ancestors make one that does ("A is the son of
    A and B, who are the parents of C" is no brotherhood); it is dropped.
    """
    people = [rel.steps[0].from_id, *(s.to_id for s in rel.steps)] if rel.steps else []
    if len(people) != len(set(people)):
        return False
    if len(rel.apex) == 2 and rel.apex_partnership is None:
        # a full relationship passes through one of the couple; the other must be off the path
        return not all(p in people for p in rel.apex)
    return True


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
                  warnings: list[str] | None = None, limit: int | None = None) -> list[Relationship]:
    """Every distinct relationship of A to B, closest first.

    `max_depth` bounds the generations walked up from each person (None: as far
    as the data go).  Data problems met on the way (cycles) are appended to
    `warnings` when a list is given.  `limit` keeps only the closest ones.
    """
    calc = RelationshipCalculator(tree, max_depth=max_depth)
    found = calc.relationships(a_id, b_id, limit=limit)
    if warnings is not None:
        warnings.extend(calc.warnings)
    return found


def connection(tree: Tree, a_id: str, b_id: str, max_links: int = 12) -> Relationship | None:
    """The shortest chain of parent, child and partner links from A to B, when no kinship term
    says how they are related ("Olga is the wife of Sergei, who is the partner of Genrietta").

    Breadth first over at most `max_links` links, each person visited once, so cycles and
    huge files end; None when they are not connected within that reach. The result's
    steps and people are those of the chain; it has no term of its own.
    """
    if a_id not in tree.people or b_id not in tree.people or a_id == b_id:
        return None
    came: dict[str, Step | None] = {a_id: None}
    frontier = [a_id]
    for _ in range(max_links):
        following: list[str] = []
        for pid in frontier:
            nexts: list[Step] = [Step(pid, p.parent_id, p.family_id, Role.CHILD, p.lineage)
                                 for p in parent_links(tree, pid)]
            nexts += [Step(pid, c.child_id, c.family_id, Role.PARENT, c.lineage)
                      for c in child_links(tree, pid)]
            nexts += [Step(pid, q.partner_id, q.family_id, Role.PARTNER, status=q.status, ended=q.ended)
                      for q in partner_links(tree, pid)]
            for step in nexts:
                if step.to_id in came:
                    continue
                came[step.to_id] = step
                if step.to_id == b_id:
                    chain: list[Step] = []
                    at: Step | None = step
                    while at is not None:
                        chain.append(at)
                        at = came[at.from_id]
                    chain.reverse()
                    people = {s.from_id for s in chain} | {b_id}
                    return Relationship(a_id, b_id, 0, 0, (), False, Lineage.BIRTH, tuple(chain),
                                        sexes={p: tree.people[p].sex for p in people})
                following.append(step.to_id)
        if not following:
            return None
        frontier = following
    return None
