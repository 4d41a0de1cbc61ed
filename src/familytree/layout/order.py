"""Left-to-right order of the row groups in each generation row (few crossings, stable)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from familytree.layout.graph import ChartGraph

INF = float("inf")


def rows_of(graph: ChartGraph) -> dict[int, list[int]]:
    """Live row groups by generation, in creation order."""
    rows: dict[int, list[int]] = {}
    for sid in graph.live_segments():
        seg = graph.segments[sid]
        rows.setdefault(graph.nodes[seg[0]].gen, []).append(sid)
    for sids in rows.values():
        sids.sort(key=lambda s: min(graph.nodes[k].order for k in graph.segments[s]))
    return rows


def order_rows(graph: ChartGraph, row0_key: Callable[[int], Any] | None = None) -> dict[int, list[int]]:
    """Order every row outward from the focus row by the barycentre of its links.

    Rows above the focus follow their children, rows below follow their parents;
    children of one family keep the family's own order. On a tree this gives a
    drawing without crossings, and the order depends only on the people shown,
    so re-centring on a neighbour keeps most of the picture in place.
    """
    rows = rows_of(graph)
    if not rows:
        return rows
    if row0_key is not None and 0 in rows:
        rows[0].sort(key=row0_key)
    seg_order = {s: min(graph.nodes[k].order for k in graph.segments[s])
                 for sids in rows.values() for s in sids}

    # family links per row
    down_links: dict[int, list[tuple[list[str], list[str]]]] = {}  # parents' row -> (parents, children)
    for fd in graph.families.values():
        if fd.parents and fd.children:
            down_links.setdefault(fd.gen, []).append((fd.parents, fd.children))

    def positions(gen: int) -> dict[str, int]:
        pos: dict[str, int] = {}
        for sid in rows.get(gen, []):
            for k in graph.segments[sid]:
                pos[k] = len(pos)
        return pos

    gens = sorted(rows)
    # upward from the focus row
    for gen in [g for g in reversed(gens) if g < 0]:
        below = positions(gen + 1)
        acc: dict[int, list[float]] = {}
        for parents, children in down_links.get(gen, []):
            ps = [below[c] for c in children if c in below]
            if not ps:
                continue
            sid = graph.nodes[parents[0]].segment
            acc.setdefault(sid, []).extend(ps)
        rows[gen].sort(key=lambda s: (sum(acc[s]) / len(acc[s]) if s in acc else INF, seg_order[s]))
    # downward from the focus row
    for gen in [g for g in gens if g > 0]:
        above = positions(gen - 1)
        acc_d: dict[int, list[float]] = {}
        first_index: dict[int, int] = {}
        for fd in graph.families.values():
            if fd.gen != gen - 1 or not fd.parents:
                continue
            ps = [above[p] for p in fd.parents if p in above]
            if not ps:
                continue
            anchor = sum(ps) / len(ps)
            for c in fd.children:
                sid = graph.nodes[c].segment
                acc_d.setdefault(sid, []).append(anchor)
                idx = fd.child_index.get(c, 0)
                first_index[sid] = min(first_index.get(sid, idx), idx)
        rows[gen].sort(key=lambda s: (sum(acc_d[s]) / len(acc_d[s]) if s in acc_d else INF,
                                      first_index.get(s, 0), seg_order[s]))
    return rows
