"""Along the rows: what the boxes and row groups measure, and where the balance puts them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from familytree.layout.balance import Balancer, Term
from familytree.layout.chart import BoxSizer, Orientation, compact_size
from familytree.layout.graph import ChartGraph, FamilyDraw
from familytree.model.slotted import slotted


@slotted(frozen=True)
class Spacing:
    partner_gap: float  # between partners: the partnership line
    group_gap: float  # between row groups
    row_gap: float  # least space between generation rows
    lane: float  # least space between connector lanes in a row gap
    margin: float  # from the chart's side to the first routed duplicate link


SPACING = {
    Orientation.VERTICAL: Spacing(partner_gap=26.0, group_gap=34.0, row_gap=64.0, lane=9.0, margin=24.0),
    Orientation.HORIZONTAL: Spacing(partner_gap=18.0, group_gap=24.0, row_gap=72.0, lane=9.0, margin=20.0),
}
# a compact chart's: room for the lines between rows, no more
COMPACT_SPACING = {
    Orientation.VERTICAL: Spacing(partner_gap=20.0, group_gap=14.0, row_gap=44.0, lane=7.0, margin=16.0),
    Orientation.HORIZONTAL: Spacing(partner_gap=10.0, group_gap=8.0, row_gap=52.0, lane=7.0, margin=14.0),
}

_MAX_SWEEPS = 12
_SIBLINGS = 0.3  # how strongly brothers and sisters keep together (a family's centring is 1)


def _sane(size: float) -> float:
    """A box side from a sizer: at least 1, and 1 for NaN or infinity, so no box collapses."""
    if not size >= 1.0:  # NaN compares false
        return 1.0
    return min(float(size), 1e6)


@slotted(frozen=True)
class Measures:
    """The boxes' sizes and their places inside their row groups, before anything is placed.

    Box keys name the boxes; a row group (partners side by side) is a segment id of the graph.
    `length` is a box's extent along its row, `depth` a row's across (its deepest box).
    """

    orientation: Orientation
    vertical: bool  # the orientation is vertical: u is x and v is y
    spacing: Spacing
    generations: tuple[int, ...]  # the rows, ancestors first
    length: Mapping[str, float]  # box key -> extent along the row
    depth: Mapping[int, float]  # generation -> the row's extent across
    group: Mapping[str, int]  # box key -> its row group
    offset: Mapping[str, float]  # box key -> from the left of its row group
    place_in_group: Mapping[str, int]  # box key -> 0 for the leftmost of its row group, 1 next...
    group_width: Mapping[int, float]  # row group -> its width
    partnerships: Mapping[str, int]  # box key -> couples on the chart the box is part of
    compact: bool = False  # a compact chart's boxes (see LayoutOptions)
    partners: Mapping[str, list[str]] = field(default_factory=dict)  # box key -> partners sharing it

    def side_by_side(self, a: str, b: str) -> bool:
        """Whether two boxes stand next to each other in one row group (a couple joined by a short line)."""
        return self.group[a] == self.group[b] and abs(self.place_in_group[a] - self.place_in_group[b]) == 1

    def stem_parts(self, family: FamilyDraw) -> tuple[tuple[int, float, float], ...]:
        """Where a family's line starts: (row group, weight, from the group's left) whose weighted
        sum is the place; one part, or two for a couple parted into two groups (layout.couples)."""
        offset, length = self.offset, self.length
        if len(family.parents) == 1:
            k = family.parents[0]
            return ((self.group[k], 1.0, offset[k] + length[k] / 2),)
        a, b = family.parents
        if self.side_by_side(a, b):
            a, b = sorted(family.parents, key=lambda k: offset[k])
            return ((self.group[a], 1.0, offset[a] + length[a] + self.spacing.partner_gap / 2),)
        # a couple joined by a line under the row: the children's line comes down under the partner
        # whose only partnership on the chart this is (from the middle it would run down under the
        # boxes between them, reading as the family of whoever stands there)
        one = [k for k in (a, b) if self.partnerships[k] == 1]
        if len(one) == 1:
            return ((self.group[one[0]], 1.0, offset[one[0]] + length[one[0]] / 2),)
        return tuple((self.group[k], 0.5, offset[k] + length[k] / 2) for k in (a, b))


def measure(graph: ChartGraph, rows: dict[int, list[int]], sizer: BoxSizer,
            orientation: Orientation, compact: bool = False, partners: Mapping[str, list[str]] | None = None
            ) -> Measures:
    """Each box's size from the sizer (turned along and across the rows), its offset in its row group;
    a compact chart's boxes with the `partners` that share them."""
    spacing = (COMPACT_SPACING if compact else SPACING)[orientation]
    vertical = orientation is Orientation.VERTICAL
    segments = graph.segments
    people = graph.tree.people
    partners = partners or {}
    length: dict[str, float] = {}
    across: dict[str, float] = {}
    for key, node in graph.nodes.items():
        person = people[node.person_id]
        if compact:
            # a horizontal chart's column takes a wide box more easily than a tall one: partners inline
            w, h = compact_size(sizer, person, [people[p] for p in partners.get(key, ())],
                                inline=not vertical)
        else:
            w, h = sizer(person)
        w, h = _sane(w), _sane(h)
        length[key], across[key] = (w, h) if vertical else (h, w)
    partnerships: dict[str, int] = {}
    for family in graph.families.values():
        if len(family.parents) == 2:
            for k in family.parents:
                partnerships[k] = partnerships.get(k, 0) + 1
    generations = sorted(rows)
    depth = {g: max((across[k] for s in rows[g] for k in segments[s]), default=0.0) for g in generations}
    offset: dict[str, float] = {}
    group_width: dict[int, float] = {}
    place_in_group: dict[str, int] = {}
    for g in generations:
        for group in rows[g]:
            u = 0.0
            for i, k in enumerate(segments[group]):
                offset[k] = u
                place_in_group[k] = i
                u += length[k] + spacing.partner_gap
            group_width[group] = u - spacing.partner_gap
    return Measures(orientation, vertical, spacing, tuple(generations), length, depth,
                    {key: node.segment for key, node in graph.nodes.items()}, offset, place_in_group,
                    group_width, partnerships, compact, partners)


@slotted(frozen=True)
class RowPositions:
    """Where each box stands along its row (u), the focus centred on 0."""

    left: Mapping[str, float]  # box key -> u of its left side
    centre: Mapping[str, float]  # box key -> u of its middle
    group_left: Mapping[int, float]  # row group -> u of its left side
    first: float  # the left side of the leftmost box
    last: float  # the right side of the rightmost box
    sweeps: int  # how many balancing sweeps it took (for benchmarks)


def balance_rows(graph: ChartGraph, rows: dict[int, list[int]], measures: Measures, focus_key: str
                 ) -> RowPositions:
    """Positions along the rows; the focus centred on 0 so that re-centring is calm.

    The balance wishes each family's couple over the middle of its children
    (first to last), and brothers and sisters close together as far as their
    own families allow; the order and the gaps are kept exactly. Each row is placed
    on its own, so a family's children reach under a neighbour with fewer generations
    below it instead of widening the rows above (a tidy tree's packing, with the
    parents over their children as nearly as the rows leave room for).
    """
    offset, length, group = measures.offset, measures.length, measures.group
    row_place = {s: i for g in measures.generations for i, s in enumerate(rows[g])}
    terms: list[Term] = []
    for family in graph.families.values():
        if not family.parents or not family.children:
            continue
        kids = sorted(family.children, key=lambda c: (row_place[group[c]], offset[c]))
        eldest, youngest = kids[0], kids[-1]
        first, last = offset[eldest] + length[eldest] / 2, offset[youngest] + length[youngest] / 2
        first_group, last_group = group[eldest], group[youngest]
        # (a couple parted into two groups: each partner's half of the wish on its own)
        for parents, weight, stem in measures.stem_parts(family):
            if first_group == last_group:
                coefs = [(parents, 1.0), (first_group, -1.0)]
            else:
                coefs = [(parents, 1.0), (first_group, -0.5), (last_group, -0.5)]
            terms.append(Term(coefs, stem - (first + last) / 2, weight, family.gen))
    parent_groups = {group[p] for f in graph.families.values() if f.children for p in f.parents}
    gap = measures.spacing.group_gap
    for family in graph.families.values():
        # a brother or sister with no family of their own on the chart stands by the next one
        child_groups = sorted({group[c] for c in family.children}, key=lambda s: row_place[s])
        for left_group, right_group in zip(child_groups, child_groups[1:], strict=False):
            for lone in (left_group, right_group):
                if lone not in parent_groups:
                    terms.append(Term([(right_group, 1.0), (left_group, -1.0)],
                                      -(measures.group_width[left_group] + gap), _SIBLINGS, None, lone))
    balancer = Balancer(rows, measures.group_width, gap, terms)
    sweeps = balancer.run(_MAX_SWEEPS)
    return _positions(graph, measures, balancer.x, focus_key, sweeps)


def _positions(graph: ChartGraph, measures: Measures, x: Mapping[int, float], focus_key: str,
               sweeps: int) -> RowPositions:
    """Every box's place along its row from its row group's, the focus centred on 0."""
    group, offset, length = measures.group, measures.offset, measures.length
    focus_group = group.get(focus_key)
    shift = x[focus_group] + offset[focus_key] + length[focus_key] / 2 if focus_group is not None else 0.0
    group_left = {g: u - shift for g, u in x.items()}
    left = {k: group_left[group[k]] + offset[k] for k in graph.nodes}
    centre = {k: left[k] + length[k] / 2 for k in graph.nodes}
    return RowPositions(left, centre, group_left, min(left.values(), default=0.0),
                        max((left[k] + length[k] for k in graph.nodes), default=0.0), sweeps)
