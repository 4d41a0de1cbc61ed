"""Across the rows: a lane for each horizontal line in a row gap, and where rows and lanes stand."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping
from typing import NamedTuple

from familytree.layout.chart import LABEL_HEIGHT
from familytree.layout.family_lines import FamilyLines
from familytree.layout.graph import FamilyDraw
from familytree.layout.links import DuplicateLink, LinkStretch, RowEdge
from familytree.layout.rows import Measures, RowPositions, Spacing
from familytree.model import ChildRelation
from familytree.model.slotted import slotted
from familytree.model.text import shorten

# least space between two families' lines that share a lane end to end: closer, they read as one line
_SHARED_LANE_GAP = 20.0

# children drawn on their family's solid line, with no label; any other relation gets a dashed labelled one
UNLABELLED = (ChildRelation.BIRTH, ChildRelation.UNKNOWN)
_LABEL = {
    ChildRelation.ADOPTED: "adopted",
    ChildRelation.STEP: "step",
    ChildRelation.FOSTER: "foster",
    ChildRelation.SEALING: "sealing",
    ChildRelation.OTHER: "other",
}
# the room a child line's label needs: a generous estimate of the renderer's italic label font
_LABEL_CHAR = 8.0  # per character (capitals included)
_LABEL_PAD = 14.0
_LABEL_MARGIN = 6.0  # between the labels nearest the children and their boxes (the selection outline)
LABEL_CHARS = 60  # of a label: a longer phrase is cut with "…" (the person's details give it whole)


def child_label(relation: ChildRelation, phrase: str) -> str:
    """The label on the line to a child who is not a birth child: the file's own words if it has
    any, on one line, cut past LABEL_CHARS characters."""
    words = " ".join(phrase[:4 * LABEL_CHARS].split())
    return shorten(words, LABEL_CHARS) if words else _LABEL.get(relation, "other")


def label_width(label: str) -> float:
    """A label's width as drawn (estimated: the layout measures no text)."""
    return _LABEL_CHAR * len(label) + _LABEL_PAD


class LaneCategory(enum.Enum):
    """What runs along a lane. A row gap stacks its lanes in this order, top first."""

    BRACKET = "bracket"  # the bus of brothers and sisters whose parents are not on the chart
    LINK_ABOVE = "link above"  # a stretch of a duplicate's link above the families' lines (fewer cross it)
    PARTNERSHIP = "partnership"  # the line joining a couple under their row
    FAMILY = "family"  # a family's bus, stacked so that stems and children's lines cross least
    LINK = "link"  # a stretch of a duplicate's link


class LaneItem(NamedTuple):
    """A horizontal line with a lane of its own: a family's (by its index in FamilyLines), or one
    stretch of a duplicate's link (by the duplicate's box key)."""

    category: LaneCategory
    family: int = -1
    duplicate: str = ""
    stretch: LinkStretch | None = None


def link_item(duplicate: str, stretch: LinkStretch, above: bool) -> LaneItem:
    """The lane item of a stretch of a duplicate's link, above the families' lines or below them."""
    category = LaneCategory.LINK_ABOVE if above else LaneCategory.LINK
    return LaneItem(category, duplicate=duplicate, stretch=stretch)


def bus_item(family: int, draw: FamilyDraw) -> LaneItem:
    """The lane item of a family's bus: a bracket's when the parents are not on the chart."""
    return LaneItem(LaneCategory.FAMILY if draw.parents else LaneCategory.BRACKET, family)


class Lane(NamedTuple):
    gap: int  # the row gap: the one under row `gap`
    number: int  # 0 for the top lane of the gap


@slotted(frozen=True)
class Lanes:
    """Which lane of its row gap each horizontal line runs along."""

    lane: Mapping[LaneItem, Lane]
    count: Mapping[int, int]  # row gap -> its lanes
    label_room: Mapping[int, float]  # row gap -> room kept under its lowest lane for child lines' labels
    # (family, child) -> where the label of the line to the child stands: along the row, and its line
    label_spot: Mapping[tuple[int, str], tuple[float, int]]


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


def _lane_levels(spans: list[tuple[float, float]], stems: list[float], child_lines: list[list[float]],
                 lanes: list[int], count: int) -> list[int]:
    """Stack the lanes of one row gap so that stems and children's lines cross as few buses as possible.

    A family's lines to its children run down through the lanes below its bus, its
    stem down through the lanes above: for two overlapping buses that decides which
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
            cost[a][b] += sum(lo_j < d < hi_j for d in child_lines[i]) + (lo_i < stems[j] < hi_i)
            cost[b][a] += sum(lo_i < d < hi_i for d in child_lines[j]) + (lo_j < stems[i] < hi_j)
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


def assign_lanes(measures: Measures, positions: RowPositions, lines: FamilyLines,
                 links: tuple[DuplicateLink, ...]) -> Lanes:
    """Horizontal lines in each row gap on lanes of their own: brackets of parentless brothers
    and sisters on top (under a free lane for their stub), the stretches of duplicates' links
    that run above the families' lines, partnerships under the row, then family buses
    (stacked to cross least), then the links' other stretches (nested where they run round
    the chart, so that they do not cross)."""
    families, gens = lines.families, measures.generations
    first_gap, last_gap = gens[0] - 1, gens[-1]
    rank = {link.duplicate: link.rank for link in links}
    wanted: dict[int, list[tuple[LaneItem, tuple[float, float]]]] = {}  # row gap -> lines and their spans
    for i, span in lines.under_row.items():
        wanted.setdefault(families[i].gen, []).append((LaneItem(LaneCategory.PARTNERSHIP, i), span))
    for i, span in lines.bus.items():
        wanted.setdefault(families[i].gen, []).append((bus_item(i, families[i]), span))
    for link in links:
        for stretch in link.stretches:
            item = link_item(link.duplicate, stretch.kind, stretch.above)
            wanted.setdefault(stretch.gap, []).append((item, (stretch.lo, stretch.hi)))
    lane: dict[LaneItem, Lane] = {}
    count: dict[int, int] = {}
    for gap, items in wanted.items():
        # lane 0 left free for the brackets' stubs
        base = 1 if any(item.category is LaneCategory.BRACKET for item, _ in items) else 0
        for category in LaneCategory:
            chosen = [(item, span) for item, span in items if item.category is category]
            spans = [span for _, span in chosen]
            if category is LaneCategory.LINK and gap in (first_gap, last_gap):  # round the chart: nested
                by_rank = sorted(range(len(chosen)), key=lambda k: rank[chosen[k][0].duplicate],
                                 reverse=gap == first_gap)
                assigned, used = [0] * len(chosen), len(chosen)
                for number, k in enumerate(by_rank):
                    assigned[k] = number
            else:
                assigned, used = _lanes(spans, _SHARED_LANE_GAP)
            if category is LaneCategory.FAMILY and used > 1:
                ids = [item.family for item, _ in chosen]
                level = _lane_levels(spans, [lines.stem[i] for i in ids], [lines.child_lines(i) for i in ids],
                                     assigned, used)
                assigned = [level[a] for a in assigned]
            for (item, _), number in zip(chosen, assigned, strict=True):
                lane[item] = Lane(gap, base + number)
            base += used
        count[gap] = base
    spots, room = _labels(lines, positions, measures)
    return Lanes(lane, count, room, spots)


def _labels(lines: FamilyLines, positions: RowPositions, measures: Measures
            ) -> tuple[dict[tuple[int, str], tuple[float, int]], dict[int, float]]:
    """Where the labels of adopted, step and foster children's lines stand: (family, child) ->
    (along the row, the label's line in its gap, 0 the nearest the children), and the room each
    row gap keeps for them between its lowest lane and the next row, so that no label hides
    under a box. In a vertical chart labels that would overlap each other stand one above the
    other; in a horizontal one a label reads across the rows, so its gap is as long as it is wide."""
    spots: dict[tuple[int, str], tuple[float, int]] = {}
    room: dict[int, float] = {}
    taken: dict[int, list[list[tuple[float, float]]]] = {}  # gap -> per label line, the extents used
    for i, family in enumerate(lines.families):
        for c in family.children:
            relation, phrase = family.relations[c]
            if relation in UNLABELLED:
                continue
            label = child_label(relation, phrase)
            u = label_u(lines, positions, measures, i, c, label)
            if not measures.vertical:
                spots[(i, c)] = (u, 0)
                room[family.gen] = max(room.get(family.gen, 0.0), label_width(label))
                continue
            half = label_width(label) / 2
            used = taken.setdefault(family.gen, [])
            row = next((r for r, extents in enumerate(used)
                        if all(u + half <= lo or u - half >= hi for lo, hi in extents)), len(used))
            if row == len(used):
                used.append([])
            used[row].append((u - half, u + half))
            spots[(i, c)] = (u, row)
            room[family.gen] = max(room.get(family.gen, 0.0), LABEL_HEIGHT * (row + 1) + _LABEL_MARGIN)
    return spots, room


def label_u(lines: FamilyLines, positions: RowPositions, measures: Measures, i: int, c: str,
            label: str) -> float:
    """Where the label of family i's line to child c stands along the row: on the line, or beside
    it on the outer side where other families' lines come down to the same child (so that it hides
    none); in a vertical chart never past the chart's outermost boxes when it is narrower than the
    chart (a long phrase on the line to the first or the last child reached out of its bounds)."""
    u = lines.child_line[(i, c)]
    side = u - positions.centre[c]
    # half the label's extent along the row (estimated, the layout measures no text) and a margin
    half = label_width(label) / 2 if measures.vertical else LABEL_HEIGHT / 2 + 4.0
    at = u if abs(side) < 1e-6 else u + (half if side > 0 else -half)
    if measures.vertical:
        first, last = positions.first, positions.last
        at = max(min(at, last - half), first + half) if last - first >= 2 * half else (first + last) / 2
        at = min(max(at, u - half + 4.0), u + half - 4.0)  # still on its line
    return at


@slotted(frozen=True)
class Across:
    """Where the rows, and the lanes in the gaps between them, stand across the rows (v)."""

    spacing: Spacing
    lanes: Lanes
    row_top: Mapping[int, float]  # generation -> v of its top edge
    row_depth: Mapping[int, float]  # generation -> the row's extent across
    vertical: bool  # generations are rows: labels read along them

    def row_bottom(self, gen: int) -> float:
        return self.row_top[gen] + self.row_depth[gen]

    def lane(self, item: LaneItem, above: int = 0) -> float:
        """Where a lane item runs across its row gap (`above`: that many lanes higher)."""
        lanes, row_top = self.lanes, self.row_top
        gap, number = lanes.lane[item]
        size = _gap_size(self.spacing, lanes, gap)
        top = row_top[gap] + self.row_depth[gap] if gap in row_top else row_top[gap + 1] - size
        # the lanes share the gap but the room kept for labels next to the children's row
        return top + (number - above + 1) * (size - lanes.label_room.get(gap, 0.0)) / (lanes.count[gap] + 1)

    def label_v(self, gap: int, line: int) -> float:
        """Where the middle of a label on that line of a gap's room for labels stands across the rows."""
        if not self.vertical:
            return self.row_top[gap + 1] - self.lanes.label_room.get(gap, 0.0) / 2
        return self.row_top[gap + 1] - _LABEL_MARGIN - (line + 0.5) * LABEL_HEIGHT

    def waypoint(self, v: RowEdge | LinkStretch, duplicate: str) -> float:
        """Where a point of a duplicate's link stands across the rows."""
        if isinstance(v, RowEdge):
            return self.row_bottom(v.generation) if v.bottom else self.row_top[v.generation]
        below = link_item(duplicate, v, above=False)
        return self.lane(below if below in self.lanes.lane else link_item(duplicate, v, above=True))


def _gap_size(spacing: Spacing, lanes: Lanes, gap: int) -> float:
    """The room between row `gap` and the next: its lanes, and room for labels under them."""
    lane_room = max(spacing.row_gap, (lanes.count.get(gap, 0) + 1) * spacing.lane)
    return lane_room + lanes.label_room.get(gap, 0.0)


def stack_rows(measures: Measures, lanes: Lanes) -> Across:
    """Rows one under the other, each gap between them as deep as its lanes and labels need."""
    row_top: dict[int, float] = {}
    v = 0.0
    for g in measures.generations:
        if g - 1 in row_top:
            v += _gap_size(measures.spacing, lanes, g - 1)
        row_top[g] = v
        v += measures.depth[g]
    return Across(measures.spacing, lanes, row_top, measures.depth, measures.vertical)
