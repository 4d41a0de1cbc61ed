"""Benchmark: relationship queries and the family graph on a generated 100,000-person tree.

    python benchmarks/bench_relations.py [--people N] [--pairs N] [--seed N] [--gedcom FILE | --shared-file]

Prints the time per pair (median, p95, max) for random pairs and for pairs of
kin (found by walking up and down the tree, some through a partner), the graph
build time, and each against a baseline measured in the same run: a bare
breadth-first walk over both people's ancestors, the least any pair query must do.
Target: under 50 ms per pair.  With --gedcom the pairs come from a real file
instead (a royal pedigree such as Queen.ged is the hard case: pedigree collapse);
--shared-file reads the 100,000-person GEDCOM file of benchmarks/generate.py.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from familytree.model import Tree
from familytree.relations import RelationshipCalculator

# The generated tree is built by the tests' builder, so the tests and this benchmark share one shape
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.builders import generated_tree  # noqa: E402

TARGET_MS = 50.0


def bare_ancestor_walk(tree: Tree, a: str, b: str) -> int:
    """The baseline: every ancestor of both people, visited once each, no paths kept."""
    seen: set[str] = set()
    for start in (a, b):
        queue = [start]
        while queue:
            person = queue.pop()
            for parent in tree.parents(person):
                if parent not in seen:
                    seen.add(parent)
                    queue.append(parent)
    return len(seen)


def kin_pairs(tree: Tree, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Pairs who are related: up 1-6 generations from A, down 1-6 to B, a third of them via B's partner."""
    ids = [p for p in tree.people if tree.parents(p)]
    out: list[tuple[str, str]] = []
    while len(out) < count:
        a = rng.choice(ids)
        person = a
        for _ in range(rng.randint(1, 6)):
            parents = tree.parents(person)
            if not parents:
                break
            person = rng.choice(parents)
        for _ in range(rng.randint(1, 6)):
            children = tree.children(person)
            if not children:
                break
            person = rng.choice(children)
        if rng.random() < 0.33 and tree.partners(person):
            person = rng.choice(tree.partners(person))
        if person != a:
            out.append((a, person))
    return out


def time_pairs(pairs: list[tuple[str, str]], query: Callable[[str, str], object]) -> list[float]:
    times = []
    for a, b in pairs:
        start = time.perf_counter()
        query(a, b)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered):7.3f} ms  p95 {p95:7.3f} ms  max {ordered[-1]:7.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=20,
                        help="relationships built per pair, closest first, as the command shows (0: all)")
    parser.add_argument("--gedcom", metavar="FILE", help="read this file instead of generating a tree")
    parser.add_argument("--shared-file", action="store_true",
                        help="read the GEDCOM file of benchmarks/generate.py (made once, then reused)")
    ns = parser.parse_args()

    if ns.shared_file:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from generate import cached_gedcom

        ns.gedcom = str(cached_gedcom(ns.people, seed=1))
    start = time.perf_counter()
    if ns.gedcom:
        from familytree.gedcom import collection_paused, read_file

        with collection_paused():  # as the window reads
            tree = read_file(ns.gedcom)
        made = "read"
    else:
        tree = generated_tree(ns.people, seed=ns.seed)
        made = "generated"
    print(f"{made} {len(tree.people):,} people, {len(tree.families):,} families "
          f"in {time.perf_counter() - start:.2f} s")

    rng = random.Random(ns.seed)
    ids = list(tree.people)
    sets = {
        "random pairs": [(rng.choice(ids), rng.choice(ids)) for _ in range(ns.pairs)],
        "kin pairs": kin_pairs(tree, rng, ns.pairs),
    }
    for label, pairs in sets.items():
        # a fresh calculator per pair: no cache carried over, as for a one-off question
        found: list[int] = []

        def query(a: str, b: str) -> None:
            found.append(len(RelationshipCalculator(tree).relationships(a, b, ns.limit or None)))  # noqa: B023

        engine = time_pairs(pairs, query)
        baseline = time_pairs(pairs, lambda a, b: bare_ancestor_walk(tree, a, b))
        related = sum(1 for n in found if n)
        ratio = statistics.median(engine) / max(statistics.median(baseline), 1e-9)
        print(f"{label:13} ({len(pairs)}, {related} related, {sum(found)} relationships)")
        print(f"  relationships: {summary(engine)}")
        print(f"  bare walk:     {summary(baseline)}")
        print(f"  median ratio to bare walk {ratio:.1f}x; p95 is "
              f"{sorted(engine)[int(0.95 * len(engine))] / TARGET_MS:.1%} of the {TARGET_MS:.0f} ms target")

    import networkx  # noqa: F401  (imported first so that the build time below is the build alone)

    from familytree.relations import FamilyGraph

    start = time.perf_counter()
    graph = FamilyGraph(tree)
    build = time.perf_counter() - start
    start = time.perf_counter()
    edges = sum(len(tree.families[f].partner_ids) + len(tree.families[f].children) for f in tree.families)
    scan = time.perf_counter() - start
    print(f"FamilyGraph: {graph.graph.number_of_nodes():,} nodes, {graph.graph.number_of_edges():,} edges "
          f"built in {build:.2f} s ({build / max(scan, 1e-9):.0f}x a bare scan of the {edges:,} links)")
    start = time.perf_counter()
    cycles = graph.cycles()
    print(f"FamilyGraph.cycles(): {len(cycles)} in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
