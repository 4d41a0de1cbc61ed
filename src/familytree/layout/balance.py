"""Positions along the rows: least squares over family wishes, keeping order and gaps (row by row)."""

from __future__ import annotations

from collections.abc import Mapping

from familytree.model.slotted import slotted


@slotted
class Term:
    """A wish that sum(coef * x[item]) + const be 0, with a weight.

    `parents_gen` is the row of the parents for a wish between generations, or
    None for one within a row (siblings kept together).
    """

    coefs: list[tuple[int, float]]
    const: float
    weight: float
    parents_gen: int | None
    only: int | None = None  # the one item that heeds this wish (the others ignore it)


def pava(desired: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators), O(n)."""
    sums: list[float] = []
    ws: list[float] = []
    counts: list[int] = []
    for d, w in zip(desired, weights, strict=True):
        sums.append(d * w)
        ws.append(w)
        counts.append(1)
        while len(ws) > 1 and sums[-2] * ws[-1] > sums[-1] * ws[-2]:
            s, w2, c = sums.pop(), ws.pop(), counts.pop()
            sums[-1] += s
            ws[-1] += w2
            counts[-1] += c
    out: list[float] = []
    for s, w, c in zip(sums, ws, counts, strict=True):
        out.extend([s / w] * c)
    return out


class Balancer:
    """Places the row groups of each row, one row at a time, exactly for the wishes on it.

    Items are the row groups (partners side by side, rigid); `rows` lists them
    left to right, `width` gives each one's width and `gap` the least space
    between two of them.
    """

    def __init__(self, rows: dict[int, list[int]], width: Mapping[int, float], gap: float,
                 terms: list[Term]) -> None:
        self.rows = rows
        # per group, each wish it heeds, unpacked for speed: (kind, weight, const / c, then the
        # other groups with their coefficient / c); kind 0 within the row, 1 the group holds
        # the children of the wish, 2 the parents
        self.by_item: dict[int, list[tuple[int, float, float, int, float, int, float]]] = {}
        gen_of = {item: g for g, items in rows.items() for item in items}
        for t in terms:
            for item, c in t.coefs:
                if t.only is not None and t.only != item:
                    continue
                others = [(i, cc / c) for i, cc in t.coefs if i != item]
                o1, c1 = others[0] if others else (item, 0.0)
                o2, c2 = others[1] if len(others) > 1 else (o1, 0.0)
                if t.parents_gen is None:
                    kind = 0
                else:
                    kind = 1 if t.parents_gen < gen_of[item] else 2
                wish = (kind, c * c * t.weight, t.const / c, o1, c1, o2, c2)
                self.by_item.setdefault(item, []).append(wish)
        self.cum: dict[int, float] = {}
        self.x: dict[int, float] = {}
        for items in rows.values():
            u = 0.0
            for item in items:
                self.cum[item] = u
                u += width[item] + gap
            for item in items:
                self.x[item] = self.cum[item] - (u - gap) / 2

    def solve(self, g: int, up: bool = True, down: bool = True, fallback: bool = False) -> float:
        """Place row g. `up`/`down` pick the wishes shared with the row above/below; with
        `fallback`, a group with no such wish follows the other side instead of staying put."""
        x = self.x
        items = self.rows[g]
        desired: list[float] = []
        weights: list[float] = []
        skip = 0 if (up and down) else (2 if up else 1)  # the kind of wish not to heed
        for item in items:
            num = den = 0.0
            across = 0
            wishes = self.by_item.get(item, ())
            for kind, w, k, o1, c1, o2, c2 in wishes:
                if kind == skip and kind:
                    continue
                across += kind != 0
                # the wish sum(c * x) + const = 0 solved for this group, the others held
                num -= (k + c1 * x[o1] + c2 * x[o2]) * w
                den += w
            if not across and fallback:
                # a follower gives way to a neighbour placed by its own family
                for kind, w, k, o1, c1, o2, c2 in wishes:
                    if kind:
                        num -= (k + c1 * x[o1] + c2 * x[o2]) * w * 0.01
                        den += w * 0.01
            if den > 0:
                desired.append(num / den - self.cum[item])
                weights.append(den)
            else:
                desired.append(x[item] - self.cum[item])
                weights.append(1e-3)
        moved = 0.0
        for item, z in zip(items, pava(desired, weights), strict=True):
            nx = z + self.cum[item]
            moved = max(moved, abs(nx - x[item]))
            x[item] = nx
        return moved

    def run(self, max_sweeps: int) -> int:
        """From the widest rows inward, balancing sweeps, then straightening passes."""
        gens = sorted(self.rows)
        solve = self.solve
        # a first placement from the widest rows inward: descendants' rows put parents over
        # children from the bottom up, ancestors' rows children under parents from the top
        for g in reversed(gens):
            if g > 0:
                solve(g, up=False)
        for g in gens:
            if g < 0:
                solve(g, down=False)
        sweeps = 0
        for sweeps in range(max_sweeps):
            order = [g for g in gens if g >= 0] + [g for g in reversed(gens) if g < 0]
            if sweeps % 2:
                order = [g for g in reversed(gens) if g > 0] + [g for g in gens if g <= 0]
            if max((solve(g) for g in order), default=0.0) < 1.0:
                break
        # inward again, so lines run straight wherever there is room
        for g in reversed(gens):
            if g > 0:
                solve(g, up=False)
        for g in gens:
            if g < 0:
                solve(g, down=False)
        if 0 in self.rows:
            solve(0)
        # and groups with nobody further out on the chart follow those nearer the focus
        for g in gens:
            if g > 0:
                solve(g, up=False, fallback=True)
        for g in reversed(gens):
            if g < 0:
                solve(g, down=False, fallback=True)
        return sweeps
