"""Where each family's lines stand along the rows: stems, lines down to children, buses."""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from familytree.layout.graph import ChartGraph, FamilyDraw
from familytree.layout.rows import Measures, RowPositions
from familytree.model.slotted import slotted

_DROP_STEP = 16.0  # between the lines of two families coming down to one child
_DROP_CLEARANCE = 16.0  # least room between a line down to a child and another family's line
# least room between a stem or a duplicate's link and another family's line beside it
LINE_CLEARANCE = 20.0

# the lines running down one row gap, sorted along the row, and the family each belongs to
_GapIndex = dict[int, tuple[list[float], list[int]]]


@slotted(frozen=True)
class FamilyLines:
    """Each family's lines along the rows (u); how deep in the row gap they run is the lanes' work.

    A family is named by its index in `families`. Its stem comes down from between the
    partners (or under a lone parent, or along a couple's line under their row) to its
    bus, the horizontal line from which a line comes down to each child. Brothers and
    sisters whose parents are not on the chart hang from a bracket: a bus whose stem is
    a short stub up from it.
    """

    families: tuple[FamilyDraw, ...]  # by row, then their first member's order, then id
    stem: Mapping[int, float]  # family -> where its stem (or a bracket's stub) stands
    child_line: Mapping[tuple[int, str], float]  # (family, child key) -> where its line comes down
    bus: Mapping[int, tuple[float, float]]  # family with children -> its bus, from end to end
    # a couple who cannot stand side by side -> their line under the row, from middle to middle
    under_row: Mapping[int, tuple[float, float]]

    def child_lines(self, family: int) -> list[float]:
        """Where the family's lines come down to its children, in the order of its children."""
        return [self.child_line[(family, c)] for c in self.families[family].children]


def family_lines(graph: ChartGraph, measures: Measures, positions: RowPositions) -> FamilyLines:
    """Each family's stem, lines down to children and bus, kept clear of other families' lines.

    First where each line would stand by its own family alone; then lines down to a
    child moved along the child's box, clear of other families' lines; then stems
    moved clear of the lines after that (a bracket's stub to where no other family's
    line or box makes it read as theirs).
    """
    nodes, left, centre, length = graph.nodes, positions.left, positions.centre, measures.length
    # with brackets over brothers and sisters whose parents are not on the chart
    families = tuple(sorted((f for f in graph.families.values() if f.parents or f.children),
                            key=lambda f: (f.gen, min(nodes[p].order for p in f.parents or f.children),
                                           f.family_id)))
    spaced = _spaced_child_lines(families, centre, length)
    child_line = {(i, c): spaced.get((i, c), centre[c]) for i, family in enumerate(families)
                  for c in family.children}
    under_row: dict[int, tuple[float, float]] = {}
    stem: dict[int, float] = {}
    bus: dict[int, tuple[float, float]] = {}
    for i, family in enumerate(families):
        if len(family.parents) == 2 and not measures.side_by_side(*family.parents):
            a, b = sorted(family.parents, key=lambda k: left[k])
            under_row[i] = (centre[a], centre[b])
        if not family.parents:  # a bracket: its stub stands over the middle of the children
            us = [child_line[(i, c)] for c in family.children]
            stem[i] = (min(us) + max(us)) / 2
        else:
            parts = measures.stem_parts(family)
            stem[i] = sum(weight * (positions.group_left[g] + at) for g, weight, at in parts)
        if len(family.children) == 1 and family.parents:
            # an only child a little off its parents' middle: drop straight down where the
            # line can start there (between the partners, under a lone parent, along the U)
            lo, hi = _only_child_stem_range(family, under_row.get(i), measures, positions)
            stem[i] = min(max(child_line[(i, family.children[0])], lo), hi)
        if family.children:
            bus[i] = _bus(i, family, stem, child_line)
    moved = _clear_child_lines(families, positions, measures, child_line, spaced,
                               _gap_index(families, under_row, stem, child_line))
    child_line.update(moved)
    for i in dict.fromkeys(i for i, _ in moved):
        bus[i] = _bus(i, families[i], stem, child_line)
    index = _gap_index(families, under_row, stem, child_line)
    for i, family in enumerate(families):
        if not family.parents:
            stem[i] = _stub_place(i, families, graph, positions, measures, stem, child_line, under_row)
        elif (i in under_row or len(family.parents) == 1) and family.children:
            at = _clear_stem(i, family, under_row, stem[i], measures, positions, index)
            if at != stem[i]:
                stem[i] = at
                bus[i] = _bus(i, family, stem, child_line)
    return FamilyLines(families, stem, child_line, bus, under_row)


def _bus(i: int, family: FamilyDraw, stem: Mapping[int, float],
         child_line: Mapping[tuple[int, str], float]) -> tuple[float, float]:
    """A family's bus runs from its stem to its outermost children's lines."""
    us = [child_line[(i, c)] for c in family.children] + [stem[i]]
    return (min(us), max(us))


def _only_child_stem_range(family: FamilyDraw, under_row: tuple[float, float] | None, measures: Measures,
                           positions: RowPositions) -> tuple[float, float]:
    """Where the stem of a family with one child can stand: between the partners, under a lone
    parent, or along the couple's line under the row (under the partner it hangs from)."""
    left, length = positions.left, measures.length
    if len(family.parents) == 1:
        k = family.parents[0]
        return left[k] + 4, left[k] + length[k] - 4
    if under_row is not None:
        lo, hi = under_row[0] + 4, under_row[1] - 4
        one = [k for k in family.parents if measures.partnerships[k] == 1]
        if len(one) == 1:  # along the U under that partner's box
            k = one[0]
            lo, hi = max(lo - 4, left[k] + 4), min(hi + 4, left[k] + length[k] - 4)
        return lo, hi
    a, b = sorted(family.parents, key=lambda k: left[k])
    return left[a] + length[a] + 3, left[b] - 3


def _spaced_child_lines(families: tuple[FamilyDraw, ...], centre: Mapping[str, float],
                        length: Mapping[str, float]) -> dict[tuple[int, str], float]:
    """Where the lines of a child's families come down to a child of more than one family on the
    chart (birth and adoptive parents, or a family recorded twice): side by side along the box's
    edge, in the order their parents stand, so that no line runs down on top of another family's
    and reads as joining the two."""
    by_child: dict[str, list[int]] = {}
    for i, family in enumerate(families):
        for c in family.children:
            by_child.setdefault(c, []).append(i)
    out: dict[tuple[int, str], float] = {}
    for c, idx in by_child.items():
        if len(idx) < 2:
            continue
        idx.sort(key=lambda i: (sum(centre[k] for k in families[i].parents or families[i].children)
                                / len(families[i].parents or families[i].children), i))
        step = min(_DROP_STEP, (length[c] - 8.0) / (len(idx) - 1))  # 4 from the corners
        for j, i in enumerate(idx):
            out[(i, c)] = centre[c] + (j - (len(idx) - 1) / 2) * max(step, 0.0)
    return out


def _gap_index(families: tuple[FamilyDraw, ...], under_row: Mapping[int, tuple[float, float]],
               stem: Mapping[int, float], child_line: Mapping[tuple[int, str], float]) -> _GapIndex:
    """The family lines running down each row gap (stems, the ends of lines under the row,
    lines down to children), sorted along the row, with the family each belongs to."""
    found: dict[int, list[tuple[float, int]]] = {}
    for i, family in enumerate(families):
        at = found.setdefault(family.gen, [])
        at.extend((u, i) for u in under_row.get(i, ()))
        if family.parents and family.children:
            at.append((stem[i], i))
        at.extend((child_line[(i, c)], i) for c in family.children)
    index: _GapIndex = {}
    for gap, at in found.items():
        at.sort()
        index[gap] = ([u for u, _ in at], [i for _, i in at])
    return index


def _lines_near(index: _GapIndex, gap: int, lo: float, hi: float, mine: int) -> list[float]:
    """The lines in `gap` between lo and hi that are not family `mine`'s."""
    us, owners = index.get(gap, ([], []))
    start, end = bisect.bisect_left(us, lo), bisect.bisect_right(us, hi)
    return [us[k] for k in range(start, end) if owners[k] != mine]


def clear_spot(lo: float, hi: float, want: float, lines: list[float], clearance: float) -> float:
    """A place in [lo, hi] at least `clearance` from every one of `lines` if there is one, else
    as far from them as can be; `want` where that is clear, else the nearest such place."""
    near = [u for u in lines if lo - clearance < u < hi + clearance]
    if not near or hi <= lo or min(abs(want - u) for u in near) >= clearance:
        return want
    spots = [want, lo, hi] + [u + d for u in near for d in (-clearance, clearance)]
    spots = [u for u in spots if lo <= u <= hi]
    return min(spots, key=lambda s: (-min(clearance, min(abs(s - u) for u in near)), abs(s - want)))


def _clear_child_lines(families: tuple[FamilyDraw, ...], positions: RowPositions, measures: Measures,
                       child_line: Mapping[tuple[int, str], float], spaced: Mapping[tuple[int, str], float],
                       index: _GapIndex) -> dict[tuple[int, str], float]:
    """Lines down to a child moved along the child's box, clear of another family's line running
    down the same row gap (a couple's stem right above the child): side by side a few units
    apart, the two read as one and the child as both families'."""
    left, length = positions.left, measures.length
    moved: dict[tuple[int, str], float] = {}
    for i, family in enumerate(families):
        for c in family.children:
            if (i, c) in spaced or (i, c) in moved:  # a child of several families: spaced already
                continue
            lo, hi = left[c] + 8.0, left[c] + length[c] - 8.0
            lines = _lines_near(index, family.gen, lo - _DROP_CLEARANCE, hi + _DROP_CLEARANCE, i)
            u = child_line[(i, c)]
            clear = clear_spot(lo, hi, u, lines, _DROP_CLEARANCE)
            if clear != u:
                moved[(i, c)] = clear
    return moved


def _clear_stem(i: int, family: FamilyDraw, under_row: Mapping[int, tuple[float, float]], at: float,
                measures: Measures, positions: RowPositions, index: _GapIndex) -> float:
    """Where the stem of a lone parent's family, or of a couple joined under the row (along their
    line under the partner it hangs from), stands clear of another family's line down the same
    gap (beside one, it would read as that family's)."""
    left, length = positions.left, measures.length
    one = [k for k in family.parents if len(family.parents) == 1 or measures.partnerships[k] == 1]
    lo, hi = under_row.get(i, (-1e18, 1e18))
    if len(one) == 1:
        lo, hi = max(lo, left[one[0]] + 8.0), min(hi, left[one[0]] + length[one[0]] - 8.0)
    lines = _lines_near(index, family.gen, lo - LINE_CLEARANCE, hi + LINE_CLEARANCE, i)
    return clear_spot(lo, hi, at, lines, LINE_CLEARANCE)


def _stub_place(i: int, families: tuple[FamilyDraw, ...], graph: ChartGraph, positions: RowPositions,
                measures: Measures, stem: Mapping[int, float], child_line: Mapping[tuple[int, str], float],
                under_row: Mapping[int, tuple[float, float]]) -> float:
    """Where a bracket's stub stands: over its children's middle, unless that is over someone
    else's box (a partner standing between brothers; the stub would read as their line) or
    another family's line runs down near there (it would read as this family's parents), then
    where it is clearest."""
    family, left, length = families[i], positions.left, measures.length
    others = [(left[k], left[k] + length[k]) for k, n in graph.nodes.items()
              if n.gen == family.gen + 1 and k not in family.relations]
    kids = sorted(child_line[(i, c)] for c in family.children)
    lo, hi = kids[0], kids[-1]
    foreign: list[float] = []
    for j, other in enumerate(families):
        if j == i or other.gen != family.gen:
            continue
        foreign.extend(child_line[(j, c)] for c in other.children)
        if other.parents and other.children:
            foreign.append(stem[j])
        if j in under_row:
            foreign.extend(under_row[j])
    foreign = [u for u in foreign if lo - 40 <= u <= hi + 40]
    mid = (lo + hi) / 2
    spots = [mid] + kids + [(a + b) / 2 for a, b in zip(kids, kids[1:], strict=False)]
    spots = [u for u in spots if not any(a - 2 < u < b + 2 for a, b in others)] or spots
    if not foreign:
        return min(spots, key=lambda u: abs(u - mid))
    return min(spots, key=lambda u: (-min(40.0, min(abs(u - f) for f in foreign)), abs(u - mid)))
