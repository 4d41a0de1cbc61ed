"""Geometry checks of a chart layout: what users would see as a broken chart, and crossings."""

from __future__ import annotations

import bisect
from collections import defaultdict

from familytree.layout.chart import Box, ChartLayout, Orientation, Segment

MIN_GAP = 4.0  # least space between two boxes
_EPS = 0.5  # lines may touch a box's edge; this much inside it is a crossing


def _overlaps(layout: ChartLayout) -> list[str]:
    out: list[str] = []
    boxes = sorted(layout.boxes, key=lambda b: b.x)
    active: list[Box] = []
    for b in boxes:
        active = [a for a in active if a.right + MIN_GAP > b.x]
        for a in active:
            if a.y < b.bottom + MIN_GAP and b.y < a.bottom + MIN_GAP:
                out.append(f"boxes {a.key} and {b.key} overlap or are closer than {MIN_GAP:g}")
        active.append(b)
    return out


class _BoxIndex:
    """Boxes bucketed by horizontal bands, for quick segment queries."""

    def __init__(self, boxes: list[Box], band: float = 100.0) -> None:
        self.band = band
        self.buckets: dict[int, list[Box]] = defaultdict(list)
        for b in boxes:
            for i in range(int(b.y // band), int(b.bottom // band) + 1):
                self.buckets[i].append(b)
        self.sorted: dict[int, tuple[list[float], list[Box]]] = {}
        for i, bs in self.buckets.items():
            bs.sort(key=lambda b: b.x)
            self.sorted[i] = ([b.x for b in bs], bs)
        self.max_width = max((b.width for b in boxes), default=0.0)

    def near(self, x1: float, y1: float, x2: float, y2: float) -> set[Box]:
        lo_x, hi_x = min(x1, x2), max(x1, x2)
        out: set[Box] = set()
        for i in range(int(min(y1, y2) // self.band), int(max(y1, y2) // self.band) + 1):
            if i not in self.sorted:
                continue
            xs, bs = self.sorted[i]
            j = bisect.bisect_left(xs, lo_x - self.max_width)
            while j < len(bs) and xs[j] <= hi_x:
                out.add(bs[j])
                j += 1
        return out


def _crosses(seg: Segment, b: Box) -> bool:
    (x1, y1), (x2, y2) = seg
    left, right, top, bottom = b.x + _EPS, b.right - _EPS, b.y + _EPS, b.bottom - _EPS
    if abs(y1 - y2) < 1e-9:  # horizontal
        return top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left
    if abs(x1 - x2) < 1e-9:  # vertical
        return left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top
    # any other direction: sample (layouts only make axis-parallel lines)
    for t in (i / 32 for i in range(33)):
        x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
        if left < x < right and top < y < bottom:
            return True
    return False


def _connectors_through_boxes(layout: ChartLayout) -> list[str]:
    out: list[str] = []
    index = _BoxIndex(layout.boxes)
    for c in layout.connectors:
        own = set(c.person_keys)
        for s in c.segments:
            (x1, y1), (x2, y2) = s
            for b in sorted(index.near(x1, y1, x2, y2), key=lambda b: b.key):
                if b.key not in own and _crosses(s, b):
                    what = c.family_id or "link"
                    out.append(f"{c.kind.value} line of {what} crosses the box of {b.key}")
    return out


def _rows(layout: ChartLayout) -> list[str]:
    out: list[str] = []
    vertical = layout.orientation is Orientation.VERTICAL
    spans: dict[int, tuple[float, float]] = {}
    for b in layout.boxes:
        lo, hi = (b.y, b.bottom) if vertical else (b.x, b.right)
        if b.generation not in spans:
            spans[b.generation] = (lo, hi)
        elif abs(spans[b.generation][0] - lo) > 1e-6:
            out.append(f"generation {b.generation} is not on one row: {b.key} is out of line")
        else:
            spans[b.generation] = (lo, max(hi, spans[b.generation][1]))
    gens = sorted(spans)
    for g1, g2 in zip(gens, gens[1:], strict=False):
        if spans[g1][1] > spans[g2][0]:
            out.append(f"generation {g1} is not before generation {g2}")
    return out


def _duplicates(layout: ChartLayout) -> list[str]:
    out: list[str] = []
    keys: dict[str, Box] = {}
    primary: dict[str, str] = {}
    for b in layout.boxes:
        if b.key in keys:
            out.append(f"box key {b.key} is used twice")
        keys[b.key] = b
        if not b.duplicate_of:
            if b.person_id in primary:
                out.append(f"{b.person_id} is drawn twice without a duplicate mark")
            primary[b.person_id] = b.key
    for b in layout.boxes:
        if b.duplicate_of and (b.duplicate_of not in keys or keys[b.duplicate_of].person_id != b.person_id
                               or keys[b.duplicate_of].duplicate_of):
            out.append(f"duplicate box {b.key} does not point to the original box of {b.person_id}")
    for c in layout.connectors:
        for k in c.person_keys:
            if k not in keys:
                out.append(f"{c.kind.value} line of {c.family_id or 'link'} names a box {k} not on the chart")
    return out


def _pieces(layout: ChartLayout) -> list[str]:
    """Boxes no chain of connectors joins to the focus' box: a disconnected piece of the chart."""
    parent = {b.key: b.key for b in layout.boxes}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for c in layout.connectors:
        keys = [k for k in c.person_keys if k in parent]
        for k in keys[1:]:
            parent[root(k)] = root(keys[0])
    pieces: dict[str, list[str]] = defaultdict(list)
    for b in layout.boxes:
        pieces[root(b.key)].append(b.key)
    if len(pieces) < 2:
        return []
    focus = next((b.key for b in layout.boxes if b.is_focus), "")
    main = root(focus) if focus else max(pieces, key=lambda r: (len(pieces[r]), r))
    out: list[str] = []
    for r, keys in sorted(pieces.items(), key=lambda item: min(item[1])):
        if r != main:
            more = f" (with {len(keys) - 1} more)" if len(keys) > 1 else ""
            out.append(f"box {min(keys)}{more} is joined by no line to the rest of the chart")
    return out


def check_layout(layout: ChartLayout) -> list[str]:
    """Every violation of the chart rules, in words; empty when the chart is sound.

    Rules: boxes never overlap and keep a gap; a line never runs through a box
    it does not join; each generation is on a row of its own, in order; a person
    drawn more than once is drawn as marked duplicates of one original; every
    box is joined to the focus by a chain of lines (no piece stands apart). A fan keeps its own
    rules (`check_fan`) and that of duplicates.
    """
    if layout.fan is not None:
        from familytree.layout.fan import check_fan

        return _duplicates(layout) + check_fan(layout)
    return (_overlaps(layout) + _connectors_through_boxes(layout) + _rows(layout) + _duplicates(layout)
            + _pieces(layout))


def count_crossings(layout: ChartLayout) -> int:
    """How many times lines of different connectors cross (the measure `dot` is compared on)."""
    horizontal: list[tuple[float, float, float, int]] = []  # y, x1, x2, connector
    vertical: list[tuple[float, float, float, int]] = []  # x, y1, y2, connector
    for i, c in enumerate(layout.connectors):
        for (x1, y1), (x2, y2) in c.segments:
            if abs(y1 - y2) < 1e-9 and abs(x1 - x2) > 1e-9:
                horizontal.append((y1, min(x1, x2), max(x1, x2), i))
            elif abs(x1 - x2) < 1e-9 and abs(y1 - y2) > 1e-9:
                vertical.append((x1, min(y1, y2), max(y1, y2), i))
    vertical.sort()
    xs = [v[0] for v in vertical]
    count = 0
    for y, lo, hi, i in horizontal:
        j = bisect.bisect_right(xs, lo + 1e-6)
        while j < len(vertical) and vertical[j][0] < hi - 1e-6:
            x, y1, y2, k = vertical[j]
            if k != i and y1 + 1e-6 < y < y2 - 1e-6:
                count += 1
            j += 1
    return count
