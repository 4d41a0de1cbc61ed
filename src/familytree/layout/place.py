"""Coordinates for ordered rows: balanced positions, connector lanes, boxes and lines.

Works in (u, v) coordinates: u runs along a generation row, v across rows.
Vertical charts map (u, v) to (x, y); horizontal ones to (y, x).
"""

from __future__ import annotations

import itertools

from familytree.layout.chart import (
    Box,
    BoxSizer,
    ChartLayout,
    ChartType,
    Connector,
    ConnectorKind,
    Orientation,
    Point,
    Segment,
)
from familytree.layout.family_lines import FamilyLines, family_lines
from familytree.layout.graph import ChartGraph
from familytree.layout.links import DuplicateLink, LinkStretch, RowEdge, route_links
from familytree.layout.rows import Measures, RowPositions, balance_rows, measure
from familytree.model import ChildRelation

# least space between two families' lines that share a lane end to end: closer, they read as one line
_SHARED_LANE_GAP = 20.0

_KIND = {
    ChildRelation.ADOPTED: ConnectorKind.ADOPTED,
    ChildRelation.STEP: ConnectorKind.STEP,
    ChildRelation.FOSTER: ConnectorKind.FOSTER,
    ChildRelation.SEALING: ConnectorKind.OTHER,
    ChildRelation.OTHER: ConnectorKind.OTHER,
}
# the room a child line's label needs: a generous estimate of the renderer's italic label font
_LABEL_CHAR = 8.0  # per character (capitals included)
_LABEL_PAD = 14.0
_LABEL_HEIGHT = 18.0
_LABEL = {
    ChildRelation.ADOPTED: "adopted",
    ChildRelation.STEP: "step",
    ChildRelation.FOSTER: "foster",
    ChildRelation.SEALING: "sealing",
    ChildRelation.OTHER: "other",
}


def _lanes(intervals: list[tuple[float, float]], sep: float) -> tuple[list[int], int]:
    """Greedy interval colouring: overlapping horizontal lines get different lanes."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1]))
    ends: list[float] = []
    out = [0] * len(intervals)
    for i in order:
        lo, hi = intervals[i]
        for lane, end in enumerate(ends):
            if end + sep < lo:
                ends[lane] = hi
                out[i] = lane
                break
        else:
            out[i] = len(ends)
            ends.append(hi)
    return out, len(ends)


def _lane_levels(spans: list[tuple[float, float]], stems: list[float], drops: list[list[float]],
                 lanes: list[int], count: int) -> list[int]:
    """Stack the lanes of one row gap so that stems and drops cross as few buses as possible.

    A family's drops run down through the lanes below its bus, its stem down
    through the lanes above: for two overlapping buses that decides which
    order crosses less. Returns the level (0 = top) of each lane.
    """
    cost = [[0] * count for _ in range(count)]  # cost[a][b]: lane a above lane b
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    for n, i in enumerate(order):
        lo_i, hi_i = spans[i]
        for j in order[n + 1:]:
            lo_j, hi_j = spans[j]
            if lo_j >= hi_i:
                break
            a, b = lanes[i], lanes[j]
            if a == b:
                continue
            cost[a][b] += sum(lo_j < d < hi_j for d in drops[i]) + (lo_i < stems[j] < hi_i)
            cost[b][a] += sum(lo_i < d < hi_i for d in drops[j]) + (lo_j < stems[i] < hi_j)
    def total(p: tuple[int, ...]) -> int:
        return sum(cost[p[x]][p[y]] for x in range(count) for y in range(x + 1, count))

    if count <= 6:
        best = min(itertools.permutations(range(count)), key=lambda p: (total(p), p))
    else:  # insert each lane where it costs least
        stack: list[int] = []
        for lane in range(count):
            spots = [sum(cost[k][lane] for k in stack[:pos]) + sum(cost[lane][k] for k in stack[pos:])
                     for pos in range(len(stack) + 1)]
            stack.insert(spots.index(min(spots)), lane)
        best = tuple(stack)
    level = [0] * count
    for lvl, lane in enumerate(best):
        level[lane] = lvl
    return level


def place(graph: ChartGraph, rows: dict[int, list[int]], focus_key: str, chart: ChartType,
          sizer: BoxSizer, orientation: Orientation) -> ChartLayout:
    """Boxes and lines for ordered rows (see the module docstring)."""
    measures = measure(graph, rows, sizer, orientation)
    positions = balance_rows(graph, rows, measures, focus_key)
    lines = family_lines(graph, measures, positions)
    placer = _Placer(graph, measures, positions, lines, route_links(graph, measures, positions, lines))
    placer.assign_lanes()
    return placer.build(focus_key, chart)



class _Placer:
    """The stages of placing one chart, sharing what each works out."""

    def __init__(self, graph: ChartGraph, measures: Measures, positions: RowPositions,
                 lines: FamilyLines, links: tuple[DuplicateLink, ...]) -> None:
        self.graph = graph
        self.measures = measures
        self.orientation = measures.orientation
        self.sp = measures.spacing
        self.nodes = graph.nodes
        self.vertical = measures.vertical
        self.along = measures.length
        self.partnerships = measures.partnerships
        self.gens = measures.generations
        self.row_across = measures.depth
        self.off = measures.offset
        self.u_left = positions.left
        self.centre = positions.centre
        self.min_u = positions.first
        self.max_u = positions.last
        self.lines = lines
        self.fams = lines.families
        self.routed = lines.under_row
        self.buses = lines.bus
        self.anchor_u = lines.stem
        self.links = links
        self.rank = {link.duplicate: link.rank for link in links}
        self.first_gap, self.last_gap = self.gens[0] - 1, self.gens[-1]

    def drop(self, i: int, c: str) -> float:
        """Where family i's line comes down to its child c."""
        return self.lines.child_line[(i, c)]

    def _label_u(self, i: int, c: str, label: str) -> float:
        """Where the label of family i's line to child c stands: on the line, or beside it on the
        outer side where other families' lines come down to the same child (so that it hides none)."""
        u = self.drop(i, c)
        side = u - self.centre[c]
        if abs(side) < 1e-6:
            return u
        # half the label's extent along the row (estimated, the layout measures no text) and a margin
        half = (_LABEL_CHAR * len(label) + _LABEL_PAD) / 2 if self.vertical else _LABEL_HEIGHT / 2 + 4.0
        return u + (half if side > 0 else -half)

    # -- across the rows ---------------------------------------------------------------------
    def assign_lanes(self) -> None:
        """Horizontal lines in each row gap on lanes of their own: brackets of parentless brothers
        and sisters on top (under a free lane for their stub), routed partnerships, then family
        buses (stacked to cross least), then duplicates' links."""
        fams, rank = self.fams, self.rank
        gap_items: dict[int, list[tuple[int, object, tuple[float, float]]]] = {}
        for i, iv in self.routed.items():
            gap_items.setdefault(fams[i].gen, []).append((1, ("u", i), iv))
        for i, iv in self.buses.items():
            gap_items.setdefault(fams[i].gen, []).append((0 if not fams[i].parents else 2, ("b", i), iv))
        for link in self.links:
            for stretch in link.stretches:
                gap_items.setdefault(stretch.gap, []).append(
                    (3, ("d", (link.duplicate, stretch.kind)), (stretch.lo, stretch.hi)))
        self.lane_of: dict[object, tuple[int, int]] = {}  # item -> (gap, lane number)
        self.lane_count: dict[int, int] = {}
        self.label_room = self._label_room()
        for gap, items in gap_items.items():
            base = 1 if any(it[0] == 0 for it in items) else 0  # lane 0 left free for the stubs
            for cat in (0, 1, 2, 3):
                sel = [it for it in items if it[0] == cat]
                assigned, count = _lanes([it[2] for it in sel], _SHARED_LANE_GAP)
                if cat == 3 and gap in (self.first_gap, self.last_gap):  # round the chart: nested
                    by_rank = sorted(range(len(sel)), key=lambda i: rank[sel[i][1][1][0]],  # type: ignore[index]
                                     reverse=gap == self.first_gap)
                    assigned, count = [0] * len(sel), len(sel)
                    for lane, i in enumerate(by_rank):
                        assigned[i] = lane
                if cat == 2 and count > 1:
                    fam_ids = [it[1][1] for it in sel]  # type: ignore[index]
                    drops = [[self.drop(i, c) for c in fams[i].children] for i in fam_ids]
                    level = _lane_levels([it[2] for it in sel], [self.anchor_u[i] for i in fam_ids], drops,
                                         assigned, count)
                    assigned = [level[a] for a in assigned]
                for it, lane in zip(sel, assigned, strict=True):
                    self.lane_of[it[1]] = (gap, base + lane)
                base += count
            self.lane_count[gap] = base
        self.v_top: dict[int, float] = {}
        v = 0.0
        for g in self.gens:
            if g - 1 in self.v_top:
                v += self.gap_size(g - 1)
            self.v_top[g] = v
            v += self.row_across[g]

    def _label_room(self) -> dict[int, float]:
        """Room each row gap keeps between its lowest lane and the next row for the labels on
        adopted, step and foster children's lines, so that no label hides under a box."""
        room: dict[int, float] = {}
        for fd in self.fams:
            for c in fd.children:
                rel, phrase = fd.relations[c]
                if rel in (ChildRelation.BIRTH, ChildRelation.UNKNOWN):
                    continue
                label = phrase or _LABEL.get(rel, "other")
                # labels read across: in a horizontal chart the line to the child is as long as
                # the label is wide (estimated, the layout measures no text); otherwise one line high
                need = _LABEL_CHAR * len(label) + _LABEL_PAD if not self.vertical else _LABEL_HEIGHT
                room[fd.gen] = max(room.get(fd.gen, 0.0), need)
        return room

    def gap_size(self, gap: int) -> float:
        lanes = max(self.sp.row_gap, (self.lane_count.get(gap, 0) + 1) * self.sp.lane)
        return lanes + self.label_room.get(gap, 0.0)

    def lane_v(self, item: object, above: int = 0) -> float:
        """Where a lane item runs across its row gap (`above`: that many lanes higher)."""
        gap, lane = self.lane_of[item]
        v_top = self.v_top
        size = self.gap_size(gap)
        top = v_top[gap] + self.row_across[gap] if gap in v_top else v_top[gap + 1] - size
        # the lanes share the gap but the room kept for labels next to the children's row
        return top + (lane - above + 1) * (size - self.label_room.get(gap, 0.0)) / (self.lane_count[gap] + 1)

    def route_v(self, v: RowEdge | LinkStretch, duplicate: str) -> float:
        if isinstance(v, RowEdge):
            top = self.v_top[v.generation]
            return top + self.row_across[v.generation] if v.bottom else top
        return self.lane_v(("d", (duplicate, v)))

    def pt(self, u: float, v: float) -> Point:
        return (u, v) if self.vertical else (v, u)

    def seg(self, u1: float, v1: float, u2: float, v2: float) -> Segment:
        return (self.pt(u1, v1), self.pt(u2, v2))

    # -- the result ----------------------------------------------------------------------------
    def build(self, focus_key: str, chart: ChartType) -> ChartLayout:
        nodes, u_left, along, centre = self.nodes, self.u_left, self.along, self.centre
        v_top, row_across, seg = self.v_top, self.row_across, self.seg
        layout = ChartLayout(chart=chart, focus_id=nodes[focus_key].person_id if focus_key in nodes else "",
                             orientation=self.orientation, warnings=list(self.graph.warnings))
        for k in sorted(nodes, key=lambda k: (nodes[k].gen, u_left[k])):
            n = nodes[k]
            px, py = self.pt(u_left[k], v_top[n.gen])
            w, h = (along[k], row_across[n.gen]) if self.vertical else (row_across[n.gen], along[k])
            layout.boxes.append(Box(k, n.person_id, px, py, w, h, n.gen, k == focus_key, n.duplicate_of))

        for i, fd in enumerate(self.fams):
            g = fd.gen
            au = self.anchor_u[i]
            if len(fd.parents) == 2:
                mid_v = v_top[g] + row_across[g] / 2
                bottom = v_top[g] + row_across[g]
                a, b = sorted(fd.parents, key=lambda k: u_left[k])
                part: tuple[Segment, ...]
                if i in self.routed:
                    uv = self.lane_v(("u", i))
                    part = (seg(centre[a], bottom, centre[a], uv), seg(centre[a], uv, centre[b], uv),
                            seg(centre[b], uv, centre[b], bottom))
                    stem_v = uv
                else:
                    part = (seg(u_left[a] + along[a], mid_v, u_left[b], mid_v),)
                    stem_v = mid_v
                layout.connectors.append(Connector(fd.family_id, ConnectorKind.PARTNERSHIP, part,
                                                   person_keys=(a, b)))
            elif fd.parents:
                stem_v = v_top[g] + row_across[g]
            if not fd.children:
                continue
            bv = self.lane_v(("b", i))
            label, label_at, joined = "", None, tuple(fd.parents)
            if not fd.parents:
                # a bracket: a stub up into the free lane, marked "?" when the file names no parents
                stem_v = self.lane_v(("b", i), above=1)
                joined = tuple(fd.children)
                if fd.unknown_parents:
                    label, label_at = "?", self.pt(au, stem_v)
            child_top = v_top[g + 1]
            births = [c for c in fd.children
                      if fd.relations[c][0] in (ChildRelation.BIRTH, ChildRelation.UNKNOWN)]
            others = [c for c in fd.children if c not in births]
            stem = seg(au, stem_v, au, bv)
            if births:
                lo = min([au] + [self.drop(i, c) for c in births])
                hi = max([au] + [self.drop(i, c) for c in births])
                parts = [stem]
                if hi - lo > 1e-6:
                    parts.append(seg(lo, bv, hi, bv))
                parts.extend(seg(self.drop(i, c), bv, self.drop(i, c), child_top) for c in births)
                layout.connectors.append(Connector(fd.family_id, ConnectorKind.DESCENT, tuple(parts),
                                                   label=label, label_at=label_at,
                                                   person_keys=_unique(joined + tuple(births))))
            else:
                lo = hi = au
            for c in others:
                rel, phrase = fd.relations[c]
                cu = self.drop(i, c)
                parts = [] if births else [stem]
                if cu < lo:
                    parts.append(seg(cu, bv, lo, bv))
                elif cu > hi:
                    parts.append(seg(hi, bv, cu, bv))
                parts.append(seg(cu, bv, cu, child_top))
                label = phrase or _LABEL.get(rel, "other")
                layout.connectors.append(Connector(
                    fd.family_id, _KIND.get(rel, ConnectorKind.OTHER), tuple(parts), label=label,
                    label_at=self.pt(self._label_u(i, c, label), (bv + child_top) / 2),
                    person_keys=_unique(joined + (c,))))

        for link in self.links:
            points = [(u, self.route_v(v, link.duplicate)) for u, v in link.route]
            lines = [seg(u1, v1, u2, v2) for (u1, v1), (u2, v2) in zip(points, points[1:], strict=False)]
            layout.connectors.append(Connector("", ConnectorKind.DUPLICATE,
                                               tuple(p for p in lines if p[0] != p[1]),
                                               person_keys=(link.duplicate, link.original)))
        return layout


def _unique(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
