"""Benchmark: chart layout speed, stability and edge crossings, against Graphviz `dot` on the same graphs.

    python benchmarks/bench_layout.py [--people N] [--seed N] [--moves N] [--no-dot]

1. Re-centring a 4-up/4-down hourglass on the generated 100,000-person file,
   walking from neighbour to neighbour (parent, child, partner, sibling): time per
   layout (target < 50 ms), against a baseline measured in the same run (the bare
   walk that only collects the chart's people), and how many boxes that stay on
   the chart keep their place (after aligning the two charts on their shared boxes);
   then the same walk with the chart compact (View > Compact Chart).
2. The relatives chart of a well-connected person in real/royal92.ged (target < 1 s).
3. `dot` (as Gramps and GVExport use it: a node per person and per family,
   parent -> family -> child, rankdir=TB) on the same people and families: time,
   and straight-line edge crossings for both drawings of that graph, plus the
   crossings of our own orthogonal connectors. Needs `apt-get install graphviz`.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from familytree.gedcom import collection_paused, read_file
from familytree.layout import (
    ChartLayout,
    ChartType,
    ConnectorKind,
    LayoutOptions,
    count_crossings,
    layout_chart,
)
from familytree.layout.chart import DEFAULT_BOX_HEIGHT, DEFAULT_BOX_WIDTH
from familytree.layout.graph import ChartGraph
from familytree.model import Tree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import cached_gedcom  # noqa: E402

ROYAL92 = Path(__file__).resolve().parent.parent.parent / "shared" / "gedcom-corpus" / "real" / "royal92.ged"
RECENTRE_TARGET_MS = 50.0
PLAIN = LayoutOptions()
RELATIVES_TARGET_S = 1.0

Line = tuple[tuple[float, float], tuple[float, float]]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def well_connected(tree: Tree, rng: random.Random, tries: int = 4000) -> str:
    """A person with parents, grandparents, partners and grandchildren: a busy hourglass."""
    ids = list(tree.people)
    best, score = ids[0], -1
    for _ in range(tries):
        pid = rng.choice(ids)
        kids = tree.children(pid)
        s = (len(tree.parents(pid)) + sum(len(tree.parents(p)) for p in tree.parents(pid))
             + len(tree.partners(pid)) + len(kids) + sum(len(tree.children(k)) for k in kids))
        if s > score:
            best, score = pid, s
    return best


def neighbour(tree: Tree, pid: str, rng: random.Random) -> str:
    """A parent, child, partner or sibling, preferring those with more family (a busy walk)."""
    options = tree.parents(pid) + tree.children(pid) + tree.partners(pid) + tree.siblings(pid)
    if not options:
        return pid
    options.sort(key=lambda p: -(len(tree.parents(p)) + len(tree.children(p)) + len(tree.partners(p))))
    return rng.choice(options[: max(1, (len(options) + 1) // 2)])


def bare_walk(tree: Tree, focus: str, up: int, down: int) -> int:
    """The baseline: collect the hourglass' people with the chart walks, no geometry."""
    g = ChartGraph(tree)
    f, _ = g.place(focus, 0)
    g.partner_families(f)
    for s in tree.siblings(focus):
        g.place(s, 0)
    g.walk_up([k for k, n in g.nodes.items() if n.gen == 0], -up)
    g.walk_down([f], down)
    return len(g.nodes)


def kept_in_place(a: ChartLayout, b: ChartLayout) -> tuple[int, int, int, int, int]:
    """Boxes on both charts; how many did not move relative to the others (within 1 unit,
    within a box width); pairs of neighbours in a row, and how many kept their order."""
    pa = {x.key: (x.x, x.y) for x in a.boxes}
    pb = {x.key: (x.x, x.y) for x in b.boxes}
    shared = [k for k in pa if k in pb]
    if not shared:
        return 0, 0, 0, 0, 0
    dx = statistics.median(pb[k][0] - pa[k][0] for k in shared)
    dy = statistics.median(pb[k][1] - pa[k][1] for k in shared)
    same = sum(1 for k in shared if abs(pb[k][0] - pa[k][0] - dx) <= 1 and abs(pb[k][1] - pa[k][1] - dy) <= 1)
    near = sum(1 for k in shared if abs(pb[k][0] - pa[k][0] - dx) <= DEFAULT_BOX_WIDTH
               and abs(pb[k][1] - pa[k][1] - dy) <= 1)
    rows: dict[float, list[str]] = {}
    for k in sorted(shared, key=lambda k: pa[k]):
        rows.setdefault(pa[k][1], []).append(k)
    pairs = kept_order = 0
    for keys in rows.values():
        for k1, k2 in zip(keys, keys[1:], strict=False):
            pairs += 1
            kept_order += pb[k1][0] < pb[k2][0]
    return len(shared), same, near, pairs, kept_order


def bench_recentre(tree: Tree, moves: int, rng: random.Random, options: LayoutOptions = PLAIN) -> None:
    focus = well_connected(tree, rng)
    layout_chart(tree, ChartType.HOURGLASS, focus, up=4, down=4, options=options)  # warm up
    times, walks, sizes = [], [], []
    totals = [0, 0, 0, 0, 0]
    prev = None
    for _ in range(moves):
        t0 = time.perf_counter()
        layout = layout_chart(tree, ChartType.HOURGLASS, focus, up=4, down=4, options=options)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        bare_walk(tree, focus, 4, 4)
        walks.append(time.perf_counter() - t0)
        sizes.append(len(layout.boxes))
        if prev is not None:
            totals = [t + k for t, k in zip(totals, kept_in_place(prev, layout), strict=True)]
        prev = layout
        focus = neighbour(tree, focus, rng)
    times.sort()
    med, p95, worst = statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]
    base = statistics.median(walks)
    kind = "compact hourglass" if options.compact else "hourglass"
    print(f"Re-centring a 4-up/4-down {kind}, {moves} moves between neighbours "
          f"({min(sizes)}-{max(sizes)} boxes, median {statistics.median(sizes):.0f}):")
    verdict = "met" if p95 * 1000 < RECENTRE_TARGET_MS else "MISSED"
    print(f"  layout     median {_ms(med)}  p95 {_ms(p95)}  max {_ms(worst)}   "
          f"target p95 < {RECENTRE_TARGET_MS:.0f} ms: {verdict}")
    print(f"  baseline   median {_ms(base)}  (the bare walk collecting the same people)   "
          f"ratio layout/walk {med / base:.1f}x")
    shared, same, near, pairs, kept_order = totals
    if shared:
        print(f"  stability  of {shared} boxes that stay on the chart: {100 * same / shared:.0f} % keep "
              f"their place, {100 * near / shared:.0f} % move less than a box width; "
              f"{100 * kept_order / max(1, pairs):.0f} % of neighbours keep their order")


# -- dot -----------------------------------------------------------------------------
def dot_source(layout: ChartLayout, tree: Tree) -> str:
    """The chart's people and families as Gramps' graph reports give them to dot."""
    w, h = DEFAULT_BOX_WIDTH / 72, DEFAULT_BOX_HEIGHT / 72
    people = sorted({b.person_id for b in layout.boxes})
    families = sorted({c.family_id for c in layout.connectors if c.family_id})
    lines = ["digraph G {", "rankdir=TB;", "node [shape=box, fixedsize=true, "
             f"width={w:.3f}, height={h:.3f}];"]
    index = {p: i for i, p in enumerate(people)}
    for p in people:
        lines.append(f"p{index[p]};")
    edges = []
    for j, fid in enumerate(families):
        fam = tree.families[fid]
        lines.append(f"f{j} [shape=point, width=0.05, height=0.05];")
        for pid in fam.partner_ids:
            if pid in index:
                edges.append(f"p{index[pid]} -> f{j};")
        for cid in fam.child_ids:
            if cid in index:
                edges.append(f"f{j} -> p{index[cid]};")
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines)


def dot_lines(plain: str) -> list[Line]:
    """Straight lines between the centres of the nodes dot placed."""
    pos: dict[str, tuple[float, float]] = {}
    out: list[Line] = []
    rows = [line.split() for line in plain.splitlines()]
    for r in rows:
        if r and r[0] == "node":
            pos[r[1]] = (float(r[2]) * 72, -float(r[3]) * 72)
    for r in rows:
        if r and r[0] == "edge":
            out.append((pos[r[1]], pos[r[2]]))
    return out


def our_lines(layout: ChartLayout) -> list[Line]:
    """The same graph drawn straight on our positions: person centre -> family point -> child centre."""
    centre = {b.key: b.center for b in layout.boxes}
    out: list[Line] = []
    for c in layout.connectors:
        if c.kind.value in ("partnership", "duplicate") or not c.segments:
            continue
        family_point = c.segments[0][0]
        parents = [k for k in c.person_keys if centre[k][1] < family_point[1] - 1]
        children = [k for k in c.person_keys if centre[k][1] > family_point[1] + 1]
        out.extend((centre[p], family_point) for p in parents)
        out.extend((family_point, centre[k]) for k in children)
    return list(dict.fromkeys(out))


def straight_crossings(lines: list[Line]) -> int:
    """Pairs of lines that cross at a point inside both (shared end points do not count)."""
    def orient(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    boxes = [(min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])) for a, b in lines]
    order = sorted(range(len(lines)), key=lambda i: boxes[i][0])
    count = 0
    active: list[int] = []
    for i in order:
        active = [j for j in active if boxes[j][1] >= boxes[i][0]]
        (a, b) = lines[i]
        for j in active:
            if boxes[j][3] < boxes[i][2] or boxes[i][3] < boxes[j][2]:
                continue
            c, d = lines[j]
            if {a, b} & {c, d}:
                continue
            o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
            if o1 * o2 < -1e-9 and o3 * o4 < -1e-9:
                count += 1
        active.append(i)
    return count


def dot_seconds(layout: ChartLayout, tree: Tree) -> float | None:
    """How long `dot` takes to lay out the chart's people and families (None without Graphviz)."""
    if shutil.which("dot") is None:
        return None
    src = dot_source(layout, tree)
    t0 = time.perf_counter()
    run = subprocess.run(["dot", "-Tplain"], input=src, capture_output=True, text=True, check=False)
    return time.perf_counter() - t0 if run.returncode == 0 else None


def compare_with_dot(name: str, layout: ChartLayout, tree: Tree, seconds: float) -> None:
    src = dot_source(layout, tree)
    t0 = time.perf_counter()
    run = subprocess.run(["dot", "-Tplain"], input=src, capture_output=True, text=True, check=False)
    dot_s = time.perf_counter() - t0
    if run.returncode != 0:
        print(f"  dot failed on {name}: {run.stderr.strip()[:200]}")
        return
    ours = straight_crossings(our_lines(layout))
    theirs = straight_crossings(dot_lines(run.stdout))
    print(f"  {name}: {len(layout.boxes)} boxes")
    print(f"    time       ours {_ms(seconds)}   dot {_ms(dot_s)}   ratio dot/ours {dot_s / seconds:.1f}x")
    print(f"    crossings  ours {ours:5d}   dot {theirs:5d}   (straight lines person-family-child; "
          f"ratio ours/dot {ours / theirs if theirs else float('nan'):.2f})")
    family_lines = dataclasses.replace(layout, connectors=[
        c for c in layout.connectors if c.kind is not ConnectorKind.DUPLICATE])
    dups = sum(1 for b in layout.boxes if b.duplicate_of)
    print(f"               ours as drawn (orthogonal): {count_crossings(family_lines)} between family lines, "
          f"{count_crossings(layout)} with the dotted links of {dups} duplicate boxes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--no-dot", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    have_dot = not args.no_dot and shutil.which("dot") is not None

    t0 = time.perf_counter()
    with collection_paused():  # as the window reads
        big = read_file(cached_gedcom(args.people, args.seed))
    print(f"Generated file: {len(big.people):,} people read in {time.perf_counter() - t0:.1f} s")
    # A full collection walks every object of the loaded tree (about 1 s at 100,000 people) and
    # falls on whatever runs next, a layout included; the app freezes the tree after loading.
    t0 = time.perf_counter()
    gc.collect()
    gc.freeze()
    print(f"  (gc.collect + gc.freeze after loading: {time.perf_counter() - t0:.2f} s, once)")
    same_walk = random.Random()
    same_walk.setstate(rng.getstate())
    bench_recentre(big, args.moves, rng)
    bench_recentre(big, args.moves, same_walk, LayoutOptions(compact=True))

    charts: list[tuple[str, ChartLayout, Tree, float]] = []
    focus = well_connected(big, rng)
    t0 = time.perf_counter()
    hg = layout_chart(big, ChartType.HOURGLASS, focus, up=4, down=4)
    charts.append(("generated, 4-up/4-down hourglass", hg, big, time.perf_counter() - t0))

    if ROYAL92.exists():
        with collection_paused():
            royal = read_file(ROYAL92)
        focus = max(royal.people, key=lambda p: (len(royal.children(p)) + len(royal.parents(p))
                                                 + len(royal.partners(p)) + len(royal.siblings(p)), p))
        name = royal.people[focus].display_name()
        print(f"royal92 relatives chart of {name} ({focus}):")
        for steps in (3, 4, 6, 10):
            t0 = time.perf_counter()
            rel = layout_chart(royal, ChartType.RELATIVES, focus, up=steps, down=steps)
            took = time.perf_counter() - t0
            verdict = "met" if took < RELATIVES_TARGET_S else "MISSED"
            print(f"  {steps} steps: {len(rel.boxes):5d} boxes in {_ms(took)}   "
                  f"target < {RELATIVES_TARGET_S:.0f} s: {verdict}")
            charts.append((f"royal92 relatives, {steps} steps", rel, royal, took))
        t0 = time.perf_counter()
        hg = layout_chart(royal, ChartType.HOURGLASS, focus, up=4, down=4)
        charts.append(("royal92 4-up/4-down hourglass", hg, royal, time.perf_counter() - t0))
    else:
        print(f"({ROYAL92} not found: royal92 figures skipped)")

    if have_dot:
        print("Against Graphviz dot on the same people and families:")
        for name, layout, tree, took in charts:
            compare_with_dot(name, layout, tree, took)
    else:
        print("(dot not installed: apt-get install -y graphviz, for the comparison)")


if __name__ == "__main__":
    main()
