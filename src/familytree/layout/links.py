"""Duplicates' links: the dotted line from a duplicate box back to the person's first box."""

from __future__ import annotations

import bisect
import enum
from typing import NamedTuple

from familytree.layout.family_lines import LINE_CLEARANCE, FamilyLines, clear_spot
from familytree.layout.graph import ChartGraph
from familytree.layout.rows import Measures, RowPositions
from familytree.model.slotted import slotted


class LinkStretch(enum.Enum):
    """A horizontal stretch of a link; each runs along a lane of its own in a row gap."""

    FROM_UPPER = "from upper"  # along the gap under the upper box
    TO_LOWER = "to lower"  # along the gap over the lower box
    ROUND = "round"  # below or above the whole chart, from one side to the other


class RowEdge(NamedTuple):
    """The top or bottom edge of a row, where a link leaves or reaches a box."""

    generation: int
    bottom: bool


# a point of a link's route: along the row, and across it a row's edge or the stretch whose lane it is on
Waypoint = tuple[float, RowEdge | LinkStretch]


class Stretch(NamedTuple):
    """Where one stretch of a link runs: along the gap under row `gap`, from `lo` to `hi`; `above`
    the families' lines (their buses and lines under the row), else below them, next to the
    children's row."""

    kind: LinkStretch
    gap: int
    lo: float
    hi: float
    above: bool = False


_Ends = tuple[LinkStretch, int, float, float, bool]
_SIDE_STEP = 12.0  # between links that go round the chart's side, nested


@slotted(frozen=True)
class DuplicateLink:
    """The route of one duplicate's link, from the upper of the two boxes to the lower."""

    duplicate: str  # box key of the duplicate
    original: str  # box key of the person's first box
    rank: int  # 0 for the link nearest the chart (links from lower rows run further out)
    route: tuple[Waypoint, ...]
    stretches: tuple[Stretch, ...]


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


class _GapLines:
    """Where the family lines of one row gap are, to count what a duplicate link would cross.

    A link's stretch along the gap runs either above the families' horizontal lines (a
    bus, a couple's line under their row), crossing the lines that come down to them
    (stems, the ends of lines under the row, the lines down from a bracket), or below
    them, crossing the lines down to the children. Its vertical parts cross the
    horizontal lines they pass.
    """

    def __init__(self, spans: list[tuple[float, float]], upper: list[float], lower: list[float]) -> None:
        self.starts = sorted(lo for lo, _ in spans)
        self.ends = sorted(hi for _, hi in spans)
        self.upper = sorted(upper)  # lines down through the top of the gap
        self.lower = sorted(lower)  # lines down through the bottom of the gap, to the children

    def spanning(self, u: float) -> int:
        """Horizontal lines a vertical at u crosses on its way through the gap."""
        return bisect.bisect_left(self.starts, u) - bisect.bisect_right(self.ends, u)

    def between(self, a: float, b: float, above: bool) -> int:
        """Vertical lines that a link's stretch from a to b crosses, above or below the families' lines."""
        lo, hi = min(a, b), max(a, b)
        lines = self.upper if above else self.lower
        return bisect.bisect_left(lines, hi) - bisect.bisect_right(lines, lo)

    def stretch(self, a: float, b: float, down_at: tuple[float, ...]) -> tuple[int, bool]:
        """The fewer crossings of a stretch from a to b, above or below the families' lines, and
        which: above, the link's verticals at `down_at` then pass the families' horizontal
        lines; below, those at the other ends do."""
        others = tuple(u for u in (a, b) if u not in down_at)
        above = self.between(a, b, True) + sum(self.spanning(u) for u in down_at)
        below = self.between(a, b, False) + sum(self.spanning(u) for u in others)
        return (above, True) if above < below else (below, False)

    def add_vertical(self, u: float) -> None:
        """A link routed earlier: later ones count its vertical as a line to cross."""
        bisect.insort(self.upper, u)
        bisect.insort(self.lower, u)

    def add_span(self, lo: float, hi: float) -> None:
        bisect.insort(self.starts, lo)
        bisect.insort(self.ends, hi)


def route_links(graph: ChartGraph, measures: Measures, positions: RowPositions,
                lines: FamilyLines) -> tuple[DuplicateLink, ...]:
    """A duplicate's link runs from the upper box's bottom into the gap below it, then either
    down a free channel between the boxes of the rows in between, or out to the chart's
    side (and round below or above the whole chart when the other end is nearer the other
    side), and along the gap above the lower box: whichever crosses fewest lines.

    Links are routed in the order of the duplicates' boxes; each later one keeps clear
    of the channels taken before it.
    """
    nodes, gens = graph.nodes, measures.generations
    families = lines.families
    duplicates = sorted((n for n in nodes.values() if n.duplicate_of), key=lambda n: n.order)
    row_spans: dict[int, list[tuple[float, float]]] = {}  # each row group whole: a partnership line joins it
    for sid in graph.live_segments():
        start, gen = positions.group_left[sid], nodes[graph.segments[sid][0]].gen
        row_spans.setdefault(gen, []).append((start, start + measures.group_width[sid]))
    gap_spans: dict[int, list[tuple[float, float]]] = {}
    top_lines: dict[int, list[float]] = {}  # lines through the top of each row gap
    bottom_lines: dict[int, list[float]] = {}  # lines through its bottom
    for i, span in list(lines.under_row.items()) + list(lines.bus.items()):
        gap_spans.setdefault(families[i].gen, []).append(span)
    child_lines = [lines.child_lines(i) for i in range(len(families))]
    verticals: dict[int, list[float]] = {}  # the family lines running down each row gap
    for i, family in enumerate(families):
        gap = family.gen
        bottom_lines.setdefault(gap, []).extend(child_lines[i])
        top_lines.setdefault(gap, []).extend(lines.under_row.get(i, ()))
        if family.children:
            top_lines[gap].extend([lines.stem[i]] if family.parents else child_lines[i])
        at = verticals.setdefault(gap, [])
        at.extend(child_lines[i])
        at.extend(lines.under_row.get(i, ()))
        if family.children:
            at.append(lines.stem[i])
    gap_lines = {g: _GapLines(gap_spans.get(g, []), top_lines.get(g, []), bottom_lines.get(g, []))
                 for g in range(gens[0] - 1, gens[-1] + 1)}
    first_gap, last_gap = gens[0] - 1, gens[-1]
    margin = measures.spacing.margin
    # links from lower rows run nearer the chart's sides, so links nest instead of crossing
    # (and a partner's copy's link along its own row nearer still: round the chart none passes under it)
    rank = {n.key: r for r, n in enumerate(sorted(duplicates, key=lambda n: (
        -max(n.gen, nodes[n.duplicate_of].gen), n.gen != nodes[n.duplicate_of].gen, n.order)))}
    links: list[DuplicateLink] = []
    for n in duplicates:
        j = rank[n.key]
        original = nodes[n.duplicate_of]
        upper, lower = (original.key, n.key) if original.gen < n.gen else (n.key, original.key)
        upper_row, lower_row = nodes[upper].gen, nodes[lower].gen
        upper_end = _link_end(upper, verticals.get(upper_row, []), positions, measures)
        lower_end = _link_end(lower, verticals.get(lower_row - 1, []), positions, measures)
        under_upper, over_lower = gap_lines[upper_row], gap_lines[lower_row - 1]  # the gaps it joins
        from_upper, to_lower, round_chart = LinkStretch.FROM_UPPER, LinkStretch.TO_LOWER, LinkStretch.ROUND
        first: Waypoint = (upper_end, RowEdge(upper_row, bottom=True))
        last: Waypoint = (lower_end, RowEdge(lower_row, bottom=False))
        # nested links down a side stand as far apart as a link from a family line (else two read as one)
        sides = (positions.first - margin - _SIDE_STEP * j, positions.last + margin + _SIDE_STEP * j)
        middle = (upper_end + lower_end) / 2
        # (crossings, detour, route, stretches as (kind, gap, one end, other end, above)): fewest crossings
        options: list[tuple[int, float, tuple[Waypoint, ...], tuple[_Ends, ...]]] = []
        if lower_row == upper_row:  # a partner's duplicate beside the other partner: along a gap of the row
            row = upper_row
            for along, row_gap, bottom in ((from_upper, row, True), (to_lower, row - 1, False)):
                lines_there = verticals.get(row_gap, [])
                a, b = (_link_end(k, lines_there, positions, measures) for k in (upper, lower))
                # under the row the link comes down from both boxes, over it down to both
                crossings, above = gap_lines[row_gap].stretch(a, b, () if bottom else (a, b))
                edge = RowEdge(row, bottom)
                options.append((crossings, float(not bottom), ((a, edge), (a, along), (b, along), (b, edge)),
                                ((along, row_gap, a, b, above),)))
        elif lower_row == upper_row + 1:
            crossings, above = under_upper.stretch(upper_end, lower_end, (lower_end,))
            options.append((crossings, 0.0, (first, (upper_end, from_upper), (lower_end, from_upper), last),
                            ((from_upper, upper_row, upper_end, lower_end, above),)))
        else:
            between = [span for g in range(upper_row + 1, lower_row) for span in row_spans.get(g, [])]
            for channel in _free_channels(between, [upper_end, lower_end, middle], *sides):
                on_the_way = sum(gap_lines[g].spanning(channel) for g in range(upper_row + 1, lower_row - 1))
                out, out_above = under_upper.stretch(upper_end, channel, (channel,))
                into, into_above = over_lower.stretch(channel, lower_end, (lower_end,))
                options.append((out + into + on_the_way, abs(channel - middle),
                                (first, (upper_end, from_upper), (channel, from_upper), (channel, to_lower),
                                 (lower_end, to_lower), last),
                                ((from_upper, upper_row, upper_end, channel, out_above),
                                 (to_lower, lower_row - 1, channel, lower_end, into_above))))
        for out_side in sides if lower_row > upper_row else ():
            for in_side in sides:
                if out_side == in_side:
                    continue
                out, out_above = under_upper.stretch(upper_end, out_side, (out_side,))
                into, into_above = over_lower.stretch(in_side, lower_end, (lower_end,))
                outer = last_gap if (gens[-1] - lower_row) <= (upper_row - gens[0]) else first_gap
                round_about = gap_lines[outer].between(out_side, in_side, False)  # links along the end row
                # round the chart: taken over a channel only when it crosses fewer lines
                options.append((out + into + round_about, abs(out_side - in_side) + 1e6,
                                (first, (upper_end, from_upper), (out_side, from_upper),
                                 (out_side, round_chart), (in_side, round_chart), (in_side, to_lower),
                                 (lower_end, to_lower), last),
                                ((from_upper, upper_row, upper_end, out_side, out_above),
                                 (to_lower, lower_row - 1, in_side, lower_end, into_above),
                                 (round_chart, outer, out_side, in_side, False))))
        _, _, route, ends = min(options, key=lambda o: (o[0], o[1]))
        stretches = tuple(Stretch(kind, gap, min(a, b), max(a, b), above) for kind, gap, a, b, above in ends)
        links.append(DuplicateLink(n.key, n.duplicate_of, j, route, stretches))
        for u, _ in route[2:-2]:  # later links keep clear of this one's channel
            if positions.first <= u <= positions.last:
                for g in range(upper_row + 1, lower_row):
                    row_spans.setdefault(g, []).append((u, u))
        # and count its lines as lines to cross: a stretch along its gap with the link's verticals at its
        # ends, and a channel down the gaps between
        for stretch in stretches:
            if stretch.kind is not round_chart:
                gap_lines[stretch.gap].add_span(stretch.lo, stretch.hi)
                for u in (stretch.lo, stretch.hi):
                    if positions.first <= u <= positions.last:
                        gap_lines[stretch.gap].add_vertical(u)
        if len(route) == 6:
            for g in range(upper_row + 1, lower_row - 1):
                gap_lines[g].add_vertical(route[2][0])
    return tuple(links)


def _link_end(key: str, verticals: list[float], positions: RowPositions, measures: Measures) -> float:
    """Where a duplicate's link leaves or reaches a box: four fifths along it, or where it runs
    clear of the family lines in the same row gap (beside one it reads as part of it)."""
    left, length = positions.left[key], measures.length[key]
    return clear_spot(left + 8.0, left + length - 8.0, left + length * 0.8, verticals, LINE_CLEARANCE)

