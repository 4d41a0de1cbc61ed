"""Left-to-right order of the row groups in each generation row (few crossings, stable)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from familytree.layout.graph import ChartGraph, FamilyDraw

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
    by_gen: dict[int, list[FamilyDraw]] = {}
    for fd in graph.families.values():
        if fd.parents and fd.children:
            down_links.setdefault(fd.gen, []).append((fd.parents, fd.children))
            by_gen.setdefault(fd.gen, []).append(fd)

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
        for fd in by_gen.get(gen - 1, []):
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


def keep_birth_order(graph: ChartGraph, rows: dict[int, list[int]]) -> dict[int, list[int]]:
    """Every family's dated children eldest first: the row groups of a family's children with a
    year of birth take the places those groups hold in their row, in the order of the births.

    Other groups keep their places (a child the file gives no year stays where the order put
    it), so an order chosen for few crossings stays as it was wherever it kept the births in order.
    """
    where = {sid: i for sids in rows.values() for i, sid in enumerate(sids)}
    nodes = graph.nodes
    # the families nearest the focus last, so that they win for a child of two families (bad data)
    def nearness(f: FamilyDraw) -> tuple[int, str]:
        return (-min(nodes[k].order for k in f.parents + f.children), f.family_id) if f.children else (0, "")

    for fd in sorted(graph.families.values(), key=nearness):
        if len(fd.children) < 2:
            continue
        born: dict[int, tuple[int, int]] = {}
        for c in fd.children:
            year = graph.tree.people[graph.nodes[c].person_id].birth_year
            if year is None:
                continue
            sid = graph.nodes[c].segment
            born[sid] = min(born.get(sid, (year, fd.child_index.get(c, 0))), (year, fd.child_index.get(c, 0)))
        if len(born) < 2:
            continue
        row = rows[fd.gen + 1]
        slots = sorted(where[sid] for sid in born)
        for slot, sid in zip(slots, sorted(born, key=lambda s: (born[s], where[s])), strict=True):
            row[slot] = sid
            where[sid] = slot
    return rows


def _row_links(graph: ChartGraph) -> dict[int, list[tuple[list[str], list[str]]]]:
    """Families by the row of their parents: (parent keys, child keys)."""
    out: dict[int, list[tuple[list[str], list[str]]]] = {}
    for fd in graph.families.values():
        if fd.parents and fd.children:
            out.setdefault(fd.gen, []).append((fd.parents, fd.children))
    return out


def _positions(graph: ChartGraph, sids: list[int]) -> dict[str, int]:
    pos: dict[str, int] = {}
    for sid in sids:
        for k in graph.segments[sid]:
            pos[k] = len(pos)
    return pos


def _inversions(seq: list[float]) -> int:
    """Pairs i < j with seq[i] > seq[j] (merge sort, O(n log n))."""
    count = 0
    width = 1
    a = list(seq)
    n = len(a)
    while width < n:
        out: list[float] = []
        for lo in range(0, n, 2 * width):
            left, right = a[lo:lo + width], a[lo + width:lo + 2 * width]
            i = j = 0
            while i < len(left) and j < len(right):
                if right[j] < left[i]:
                    out.append(right[j])
                    count += len(left) - i
                    j += 1
                else:
                    out.append(left[i])
                    i += 1
            out.extend(left[i:])
            out.extend(right[j:])
        a = out
        width *= 2
    return count


def crossings(graph: ChartGraph, rows: dict[int, list[int]]) -> int:
    """Crossings of parent-to-child lines between adjacent rows, for an order of the rows."""
    links = _row_links(graph)
    total = 0
    pos = {g: _positions(graph, sids) for g, sids in rows.items()}
    for g, fams in links.items():
        above, below = pos.get(g, {}), pos.get(g + 1, {})
        edges: list[tuple[float, int]] = []
        for parents, children in fams:
            ps = [above[p] for p in parents if p in above]
            if not ps:
                continue
            a = sum(ps) / len(ps)
            edges.extend((a, below[c]) for c in children if c in below)
        edges.sort()
        total += _inversions([float(c) for _, c in edges])
    return total


def reduce_crossings(graph: ChartGraph, rows: dict[int, list[int]], sweeps: int = 8) -> dict[int, list[int]]:
    """Barycentre sweeps down and up the rows, keeping the order with the fewest crossings.

    Children of one family keep their family's order; a row group without links
    to the row it is sorted against keeps its place relative to the others.
    """
    best = {g: list(s) for g, s in rows.items()}
    best_count = crossings(graph, best)
    if best_count == 0:
        return best
    links = _row_links(graph)
    child_index: dict[str, int] = {}
    for fd in graph.families.values():
        child_index.update(fd.child_index)
    current = {g: list(s) for g, s in rows.items()}
    gens = sorted(current)
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        for g in (gens[1:] if downward else gens[-2::-1]):
            ref = g - 1 if downward else g + 1
            ref_pos = _positions(graph, current[ref])
            acc: dict[int, list[float]] = {}
            if downward:
                for parents, children in links.get(ref, []):
                    ps = [ref_pos[p] for p in parents if p in ref_pos]
                    if ps:
                        a = sum(ps) / len(ps)
                        for c in children:
                            acc.setdefault(graph.nodes[c].segment, []).append(a)
            else:
                for parents, children in links.get(g, []):
                    cs = [ref_pos[c] for c in children if c in ref_pos]
                    if cs:
                        acc.setdefault(graph.nodes[parents[0]].segment, []).extend(cs)
            sids = current[g]
            scale = len(ref_pos) / max(1, sum(len(graph.segments[s]) for s in sids))
            own = _positions(graph, sids)

            def key(sid: int, acc: dict[int, list[float]] = acc, own: dict[str, int] = own,
                    scale: float = scale) -> tuple[float, int, int]:
                seg = graph.segments[sid]
                first = own[seg[0]]
                bary = sum(acc[sid]) / len(acc[sid]) if sid in acc else first * scale
                return (bary, min(child_index.get(k, 0) for k in seg), first)

            current[g] = sorted(sids, key=key)
        count = crossings(graph, current)
        if count < best_count:
            best, best_count = {g: list(s) for g, s in current.items()}, count
            if count == 0:
                break
    return best


Key = tuple[float, ...]


def lineage_keys(graph: ChartGraph, focus: str) -> dict[str, Key]:
    """Left-to-right keys for a relatives chart, from the family's structure.

    The focus' ancestors take the places of a pedigree (the father's side to the
    left of the mother's when he stands left of her, and so on up); an ancestor's
    brothers and sisters stand on that ancestor's outer side, where their line
    crosses no other, but those whose births are dated with the ancestor's stand
    around the ancestor, eldest first (the couple is then parted, see layout.couples);
    a person's descendants and partners follow their key.
    """
    keys: dict[str, Key] = {focus: (0.0, 0.0)}
    parents_of: dict[str, list[FamilyDraw]] = {}
    families_of: dict[str, list[FamilyDraw]] = {}
    for fd in graph.families.values():
        for c in fd.children:
            parents_of.setdefault(c, []).append(fd)
        for p in fd.parents:
            families_of.setdefault(p, []).append(fd)

    def side_in_couple(fd: FamilyDraw, key: str) -> float:
        """-1 when `key` stands left of its partner in this family, +1 right, 0 alone."""
        if len(fd.parents) < 2:
            return 0.0
        seg = graph.segments[graph.nodes[key].segment]
        others = [p for p in fd.parents if p != key and p in seg]
        if not others or key not in seg:
            # a parted couple (layout.couples): where their places in the pedigree put them
            other = next(p for p in fd.parents if p != key)
            if key in keys and other in keys and keys[key] != keys[other]:
                return -1.0 if keys[key] < keys[other] else 1.0
            return 0.0
        return -1.0 if seg.index(key) < seg.index(others[0]) else 1.0

    def born(key: str) -> bool:
        return graph.tree.people[graph.nodes[key].person_id].birth_year is not None

    # the direct line: a pedigree of places in (-1, 1)
    line = [(focus, 0.0, 0.5)]
    direct = {focus: None}  # in the order found (a dict, so the walk below is deterministic)
    while line:
        key, place, half = line.pop()
        for fd in parents_of.get(key, [])[:1]:
            for p in fd.parents:
                if p in keys:
                    continue
                side = side_in_couple(fd, p) or (-1.0 if p == fd.parents[0] else 1.0)
                if len(fd.parents) == 1:
                    side = 0.0
                keys[p] = (place + side * half, 0.0)
                direct[p] = None
                line.append((p, place + side * half, half / 2))

    # everyone else from the person they hang from: brothers and sisters of the direct
    # line on its outer side, children after their parents, partners with their partner
    queue = list(direct)
    head = 0
    while head < len(queue):
        key = queue[head]
        head += 1
        base = keys[key]
        for fd in parents_of.get(key, []):
            if key in direct:  # brothers and sisters of an ancestor or of the focus
                me = fd.child_index.get(key, 0)
                outward = 0.0
                if key != focus or not fd.parents:
                    for partner_fd in families_of.get(key, []):
                        outward = outward or side_in_couple(partner_fd, key)
                dated = born(key)
                for c in fd.children:
                    if c in keys:
                        continue
                    i = fd.child_index.get(c, 0)
                    # the dated ones around the ancestor, eldest first; the others on the side away
                    # from the ancestor's partner, where their line crosses no other
                    side = outward if not (dated and born(c)) or not outward else (-1.0 if i < me else 1.0)
                    offset = float(i - me) if not side else side * (len(fd.child_index) + 1) + (i - me) * 1e-3
                    keys[c] = (base[0], base[1] + offset)
                    queue.append(c)
            for p in fd.parents:
                if p not in keys:
                    keys[p] = base + (0.5,)
                    queue.append(p)
        for fd in families_of.get(key, []):
            for p in fd.parents:
                if p not in keys:
                    keys[p] = base
                    queue.append(p)
            for c in fd.children:
                if c not in keys:
                    keys[c] = base + (float(fd.child_index.get(c, 0)),)
                    queue.append(c)
    return keys


def order_by_keys(graph: ChartGraph, keys: dict[str, Key]) -> dict[int, list[int]]:
    """Every row sorted by its groups' keys (the smallest of their members')."""
    rows = rows_of(graph)
    far: Key = (INF,)
    for sids in rows.values():
        sids.sort(key=lambda s: (min(keys.get(k, far) for k in graph.segments[s]),
                                 min(graph.nodes[k].order for k in graph.segments[s])))
    return rows
