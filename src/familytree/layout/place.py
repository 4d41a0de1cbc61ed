"""Coordinates for ordered rows: balanced positions, connector lanes, boxes and lines.

Works in (u, v) coordinates: u runs along a generation row, v across rows.
Vertical charts map (u, v) to (x, y); horizontal ones to (y, x).
"""

from __future__ import annotations

import bisect
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
from familytree.layout.graph import ChartGraph
from familytree.layout.rows import Measures, RowPositions, balance_rows, measure
from familytree.model import ChildRelation

_DROP_STEP = 16.0  # between the lines of two families coming down to one child
# least space between two families' lines that share a lane end to end: closer, they read as one line
_SHARED_LANE_GAP = 20.0
_LINK_CLEARANCE = 20.0  # least room between a duplicate's link and a family line beside it
_DROP_CLEARANCE = 16.0  # least room between a line down to a child and another family's line

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


def _free_channels(blocked: list[tuple[float, float]], targets: list[float], left: float, right: float,
                   clearance: float = 8.0) -> list[float]:
    """Places no interval (widened by `clearance`) covers: in each free stretch, those nearest the targets.

    Past the outermost box the chart's sides (`left`, `right`) are offered, so a
    link never runs along a box's edge.
    """
    spans = sorted((lo - clearance, hi + clearance) for lo, hi in blocked)
    merged: list[list[float]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    if not merged:
        return list(targets)
    out = [left, right]
    for (_, hi), (lo, _) in zip(merged, merged[1:], strict=False):
        out.extend(min(max(t, hi), lo) for t in targets)  # inside the free stretch, nearest the target
    out.extend(t for t in targets if t < merged[0][0] or t > merged[-1][1])
    return out


def _clear_spot(lo: float, hi: float, want: float, lines: list[float], clearance: float) -> float:
    """A place in [lo, hi] at least `clearance` from every one of `lines` if there is one, else
    as far from them as can be; `want` where that is clear, else the nearest such place."""
    near = [u for u in lines if lo - clearance < u < hi + clearance]
    if not near or hi <= lo or min(abs(want - u) for u in near) >= clearance:
        return want
    spots = [want, lo, hi] + [u + d for u in near for d in (-clearance, clearance)]
    spots = [u for u in spots if lo <= u <= hi]
    return min(spots, key=lambda s: (-min(clearance, min(abs(s - u) for u in near)), abs(s - want)))


class _GapLines:
    """Where the family lines of one row gap are, to count what a duplicate link would cross."""

    def __init__(self, spans: list[tuple[float, float]], drops: list[float]) -> None:
        self.starts = sorted(lo for lo, _ in spans)
        self.ends = sorted(hi for _, hi in spans)
        self.drops = sorted(drops)

    def spanning(self, u: float) -> int:
        """Horizontal lines a vertical at u crosses on its way through the gap."""
        return bisect.bisect_left(self.starts, u) - bisect.bisect_right(self.ends, u)

    def drops_between(self, a: float, b: float) -> int:
        lo, hi = min(a, b), max(a, b)
        return bisect.bisect_left(self.drops, hi) - bisect.bisect_right(self.drops, lo)


def place(graph: ChartGraph, rows: dict[int, list[int]], focus_key: str, chart: ChartType,
          sizer: BoxSizer, orientation: Orientation) -> ChartLayout:
    """Boxes and lines for ordered rows (see the module docstring)."""
    measures = measure(graph, rows, sizer, orientation)
    positions = balance_rows(graph, rows, measures, focus_key)
    placer = _Placer(graph, measures, positions)
    placer.family_lines()
    placer.route_duplicates()
    placer.assign_lanes()
    return placer.build(focus_key, chart)


Waypoint = tuple[float, object]  # (u, v): v a number, a row edge or the lane item a line runs along


class _Placer:
    """The stages of placing one chart, sharing what each works out."""

    def __init__(self, graph: ChartGraph, measures: Measures, positions: RowPositions) -> None:
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

    def family_lines(self) -> None:
        """Each family's starting point, routed partnership lines and bus extents."""
        nodes, u_left, along, centre = self.nodes, self.u_left, self.along, self.centre
        # with brackets over brothers and sisters whose parents are not on the chart
        self.fams = fams = [fd for fd in self.graph.families.values() if fd.parents or fd.children]
        fams.sort(key=lambda fd: (fd.gen, min(nodes[p].order for p in fd.parents or fd.children),
                                  fd.family_id))
        self.drops = self._drops()
        self.routed: dict[int, tuple[float, float]] = {}  # family index -> U-line interval
        self.buses: dict[int, tuple[float, float]] = {}
        self.anchor_u: dict[int, float] = {}
        for i, fd in enumerate(fams):
            if len(fd.parents) == 2 and not self.measures.side_by_side(*fd.parents):
                a, b = sorted(fd.parents, key=lambda k: u_left[k])
                self.routed[i] = (centre[a], centre[b])
            if not fd.parents:  # a bracket: its stub stands over the middle of the children
                us = [self.drop(i, c) for c in fd.children]
                self.anchor_u[i] = (min(us) + max(us)) / 2
            else:
                first = fd.parents[0]
                self.anchor_u[i] = u_left[first] - self.off[first] + self.measures.stem_offset(fd)
            if len(fd.children) == 1 and fd.parents:
                # an only child a little off its parents' middle: drop straight down where the
                # line can start there (between the partners, under a lone parent, along the U)
                if len(fd.parents) == 1:
                    k = fd.parents[0]
                    lo, hi = u_left[k] + 4, u_left[k] + along[k] - 4
                elif i in self.routed:
                    lo, hi = self.routed[i][0] + 4, self.routed[i][1] - 4
                    one = [k for k in fd.parents if self.partnerships[k] == 1]
                    if len(one) == 1:  # along the U under that partner's box
                        k = one[0]
                        lo, hi = max(lo - 4, u_left[k] + 4), min(hi + 4, u_left[k] + along[k] - 4)
                else:
                    a, b = sorted(fd.parents, key=lambda k: u_left[k])
                    lo, hi = u_left[a] + along[a] + 3, u_left[b] - 3
                self.anchor_u[i] = min(max(self.drop(i, fd.children[0]), lo), hi)
            if fd.children:
                us = [self.drop(i, c) for c in fd.children] + [self.anchor_u[i]]
                self.buses[i] = (min(us), max(us))
        self._clear_drops()
        index = self._gap_index()
        for i, fd in enumerate(fams):
            if not fd.parents:
                self.anchor_u[i] = self._stub_place(i)
            elif (i in self.routed or len(fd.parents) == 1) and fd.children:
                self._clear_stem(i, index)

    def _gap_index(self) -> dict[int, tuple[list[float], list[int]]]:
        """The family lines running down each row gap (stems, the ends of lines under the row,
        lines down to children), sorted along the row, with the family each belongs to."""
        found: dict[int, list[tuple[float, int]]] = {}
        for i, fd in enumerate(self.fams):
            at = found.setdefault(fd.gen, [])
            at.extend((u, i) for u in self.routed.get(i, ()))
            if fd.parents and fd.children:
                at.append((self.anchor_u[i], i))
            at.extend((self.drop(i, c), i) for c in fd.children)
        return {g: ([u for u, _ in sorted(at)], [i for _, i in sorted(at)]) for g, at in found.items()}

    @staticmethod
    def _lines_near(index: dict[int, tuple[list[float], list[int]]], gap: int, lo: float, hi: float,
                    mine: int) -> list[float]:
        """The lines in `gap` between lo and hi that are not family `mine`'s."""
        us, owners = index.get(gap, ([], []))
        start, end = bisect.bisect_left(us, lo), bisect.bisect_right(us, hi)
        return [us[k] for k in range(start, end) if owners[k] != mine]

    def _clear_stem(self, i: int, index: dict[int, tuple[list[float], list[int]]]) -> None:
        """Move the stem of a lone parent's family, or of a couple joined under the row (along their
        line under the partner it hangs from), clear of another family's line down the same gap
        (beside one, it would read as that family's)."""
        fd, u_left, along = self.fams[i], self.u_left, self.along
        one = [k for k in fd.parents if len(fd.parents) == 1 or self.partnerships[k] == 1]
        lo, hi = self.routed.get(i, (-1e18, 1e18))
        if len(one) == 1:
            lo, hi = max(lo, u_left[one[0]] + 8.0), min(hi, u_left[one[0]] + along[one[0]] - 8.0)
        lines = self._lines_near(index, fd.gen, lo - _LINK_CLEARANCE, hi + _LINK_CLEARANCE, i)
        at = _clear_spot(lo, hi, self.anchor_u[i], lines, _LINK_CLEARANCE)
        if at != self.anchor_u[i]:
            self.anchor_u[i] = at
            us = [self.drop(i, c) for c in fd.children] + [at]
            self.buses[i] = (min(us), max(us))

    def _drops(self) -> dict[tuple[int, str], float]:
        """Where the lines of a child's families come down to a child of more than one family on the
        chart (birth and adoptive parents, or a family recorded twice): side by side along the box's
        edge, in the order their parents stand, so that no line runs down on top of another family's
        and reads as joining the two."""
        by_child: dict[str, list[int]] = {}
        for i, fd in enumerate(self.fams):
            for c in fd.children:
                by_child.setdefault(c, []).append(i)
        out: dict[tuple[int, str], float] = {}
        centre, fams = self.centre, self.fams
        for c, idx in by_child.items():
            if len(idx) < 2:
                continue
            idx.sort(key=lambda i: (sum(centre[k] for k in fams[i].parents or fams[i].children)
                                    / len(fams[i].parents or fams[i].children), i))
            step = min(_DROP_STEP, (self.along[c] - 8.0) / (len(idx) - 1))  # 4 from the corners
            for j, i in enumerate(idx):
                out[(i, c)] = centre[c] + (j - (len(idx) - 1) / 2) * max(step, 0.0)
        return out

    def _clear_drops(self) -> None:
        """Move a line down to a child along the child's box, clear of another family's line
        running down the same row gap (a couple's stem right above the child): side by side a few
        units apart, the two read as one and the child as both families'."""
        fams, u_left, along = self.fams, self.u_left, self.along
        index = self._gap_index()
        for i, fd in enumerate(fams):
            moved = False
            for c in fd.children:
                if (i, c) in self.drops:  # a child of several families: their lines are spaced already
                    continue
                lo, hi = u_left[c] + 8.0, u_left[c] + along[c] - 8.0
                lines = self._lines_near(index, fd.gen, lo - _DROP_CLEARANCE, hi + _DROP_CLEARANCE, i)
                u = self.drop(i, c)
                clear = _clear_spot(lo, hi, u, lines, _DROP_CLEARANCE)
                if clear != u:
                    self.drops[(i, c)] = clear
                    moved = True
            if moved:
                us = [self.drop(i, c) for c in fd.children] + [self.anchor_u[i]]
                self.buses[i] = (min(us), max(us))

    def drop(self, i: int, c: str) -> float:
        """Where family i's line comes down to its child c."""
        return self.drops.get((i, c), self.centre[c])

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

    def _stub_place(self, i: int) -> float:
        """Where a bracket's stub stands: over its children's middle, unless that is over someone
        else's box (a partner standing between brothers; the stub would read as their line) or
        another family's line runs down near there (it would read as this family's parents), then
        where it is clearest."""
        fd = self.fams[i]
        others = [(self.u_left[k], self.u_left[k] + self.along[k]) for k, n in self.nodes.items()
                  if n.gen == fd.gen + 1 and k not in fd.relations]
        kids = sorted(self.drop(i, c) for c in fd.children)
        lo, hi = kids[0], kids[-1]
        foreign: list[float] = []
        for j, other in enumerate(self.fams):
            if j == i or other.gen != fd.gen:
                continue
            foreign.extend(self.drop(j, c) for c in other.children)
            if other.parents and other.children:
                foreign.append(self.anchor_u[j])
            if j in self.routed:
                foreign.extend(self.routed[j])
        foreign = [u for u in foreign if lo - 40 <= u <= hi + 40]
        mid = (lo + hi) / 2
        spots = [mid] + kids + [(a + b) / 2 for a, b in zip(kids, kids[1:], strict=False)]
        spots = [u for u in spots if not any(a - 2 < u < b + 2 for a, b in others)] or spots
        if not foreign:
            return min(spots, key=lambda u: abs(u - mid))
        return min(spots, key=lambda u: (-min(40.0, min(abs(u - f) for f in foreign)), abs(u - mid)))

    # -- duplicates' links ---------------------------------------------------------------------
    def route_duplicates(self) -> None:
        """A duplicate's link runs from the upper box's bottom into the gap below it, then either
        down a free channel between the boxes of the rows in between, or out to the chart's
        side (and round below or above the whole chart when the other end is nearer the other
        side), and along the gap above the lower box: whichever crosses fewest lines."""
        nodes, u_left, along, gens, sp = self.nodes, self.u_left, self.along, self.gens, self.sp
        fams = self.fams
        self.dups = dups = sorted((n for n in nodes.values() if n.duplicate_of), key=lambda n: n.order)
        row_spans: dict[int, list[tuple[float, float]]] = {}
        for k, n in nodes.items():
            row_spans.setdefault(n.gen, []).append((u_left[k], u_left[k] + along[k]))
        gap_spans: dict[int, list[tuple[float, float]]] = {}
        gap_drops: dict[int, list[float]] = {}
        for i, iv in list(self.routed.items()) + list(self.buses.items()):
            gap_spans.setdefault(fams[i].gen, []).append(iv)
        for i, fd in enumerate(fams):
            gap_drops.setdefault(fd.gen, []).extend(self.drop(i, c) for c in fd.children)
        gap_lines = {g: _GapLines(gap_spans.get(g, []), gap_drops.get(g, []))
                     for g in range(gens[0] - 1, gens[-1] + 1)}
        verticals: dict[int, list[float]] = {}  # the family lines running down each row gap
        for i, fd in enumerate(fams):
            at = verticals.setdefault(fd.gen, [])
            at.extend(self.drop(i, c) for c in fd.children)
            at.extend(self.routed.get(i, ()))
            if fd.children:
                at.append(self.anchor_u[i])
        self.dup_route: dict[str, list[Waypoint]] = {}
        self.dup_h: dict[tuple[str, int], tuple[int, float, float]] = {}  # (dup, leg) -> (gap, lo, hi)
        self.first_gap, self.last_gap = first_gap, last_gap = gens[0] - 1, gens[-1]
        # links from lower rows run nearer the chart's sides, so links nest instead of crossing
        self.rank = rank = {n.key: r for r, n in enumerate(sorted(dups, key=lambda n: (
            -max(n.gen, nodes[n.duplicate_of].gen), n.order)))}
        for n in dups:
            j = rank[n.key]
            orig = nodes[n.duplicate_of]
            upper, lower = (orig.key, n.key) if orig.gen < n.gen else (n.key, orig.key)
            g_up, g_low = nodes[upper].gen, nodes[lower].gen
            uu = self._link_end(upper, verticals.get(g_up, []))
            lu = self._link_end(lower, verticals.get(g_low - 1, []))
            leg0, leg1, leg2 = ("d", (n.key, 0)), ("d", (n.key, 1)), ("d", (n.key, 2))
            first: Waypoint = (uu, ("bottom", g_up))
            last: Waypoint = (lu, ("top", g_low))
            sides = (self.min_u - sp.margin - 6 * j, self.max_u + sp.margin + 6 * j)
            options: list[tuple[int, float, list[Waypoint], list[tuple[int, int, float, float]]]] = []
            if g_low == g_up + 1:
                cost = gap_lines[g_up].drops_between(uu, lu)
                options.append((cost, 0.0, [first, (uu, leg0), (lu, leg0), last], [(0, g_up, uu, lu)]))
            else:
                between = [iv for g in range(g_up + 1, g_low) for iv in row_spans.get(g, [])]
                for ch in _free_channels(between, [uu, lu, (uu + lu) / 2], *sides):
                    cost = (gap_lines[g_up].drops_between(uu, ch) + gap_lines[g_low - 1].spanning(ch)
                            + gap_lines[g_low - 1].drops_between(ch, lu)
                            + sum(gap_lines[g].spanning(ch) for g in range(g_up + 1, g_low - 1)))
                    options.append((cost, abs(ch - (uu + lu) / 2),
                                    [first, (uu, leg0), (ch, leg0), (ch, leg1), (lu, leg1), last],
                                    [(0, g_up, uu, ch), (1, g_low - 1, ch, lu)]))
            for s1 in sides:
                for s2 in sides:
                    if s1 == s2:
                        continue
                    cost = gap_lines[g_up].drops_between(uu, s1) + gap_lines[g_low - 1].drops_between(s2, lu)
                    outer = last_gap if (gens[-1] - g_low) <= (g_up - gens[0]) else first_gap
                    options.append((cost, abs(s1 - s2) + 1e6,
                                    [first, (uu, leg0), (s1, leg0), (s1, leg2), (s2, leg2), (s2, leg1),
                                     (lu, leg1), last],
                                    [(0, g_up, uu, s1), (1, g_low - 1, s2, lu), (2, outer, s1, s2)]))
            _, _, route, legs = min(options, key=lambda o: (o[0], o[1]))
            self.dup_route[n.key] = route
            for leg, gap, u1, u2 in legs:
                self.dup_h[(n.key, leg)] = (gap, min(u1, u2), max(u1, u2))
            for u, _ in route[2:-2]:  # later links keep clear of this one's channel
                if self.min_u <= u <= self.max_u:
                    for g in range(g_up + 1, g_low):
                        row_spans.setdefault(g, []).append((u, u))

    def _link_end(self, key: str, verticals: list[float]) -> float:
        """Where a duplicate's link leaves or reaches a box: four fifths along it, or where it runs
        clear of the family lines in the same row gap (beside one it reads as part of it)."""
        lo, hi = self.u_left[key] + 8.0, self.u_left[key] + self.along[key] - 8.0
        return _clear_spot(lo, hi, self.u_left[key] + self.along[key] * 0.8, verticals, _LINK_CLEARANCE)

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
        for dk, (gap, lo, hi) in self.dup_h.items():
            gap_items.setdefault(gap, []).append((3, ("d", dk), (lo, hi)))
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

    def route_v(self, v: object) -> float:
        if isinstance(v, tuple) and v[0] == "bottom":
            return self.v_top[v[1]] + self.row_across[v[1]]
        if isinstance(v, tuple) and v[0] == "top":
            return self.v_top[v[1]]
        return self.lane_v(v)

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

        for n in self.dups:
            points = [(u, self.route_v(v)) for u, v in self.dup_route[n.key]]
            lines = [seg(u1, v1, u2, v2) for (u1, v1), (u2, v2) in zip(points, points[1:], strict=False)]
            layout.connectors.append(Connector("", ConnectorKind.DUPLICATE,
                                               tuple(p for p in lines if p[0] != p[1]),
                                               person_keys=(n.key, n.duplicate_of)))
        return layout


def _unique(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))
