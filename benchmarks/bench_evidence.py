"""Benchmark the evidence tools on a generated 100,000-person tree with citations.

Usage: python benchmarks/bench_evidence.py [--people 100000] [--seed 1] [--gui]

Adds 200 sources and cites about half of all events (and gives 2 % of people a second,
disagreeing birth record), then times `find_conflicts`, `source_index` and `timeline`
per person, next to a baseline measured in the same run: one plain pass over every
event reading its citations (the least any whole-file evidence scan can do).
With --gui it also times building the Conflicts and Sources docks and one Timeline.
Targets on a 2-core machine: conflicts and sources index under 1 s (they run only when
their dock is first shown), a timeline under 5 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_gedcom  # noqa: E402

from familytree.evidence import find_conflicts, source_index, timeline  # noqa: E402
from familytree.gedcom import collection_paused, read_file  # noqa: E402
from familytree.model import Citation, Date, Event, Source, Tree  # noqa: E402


def timed(label: str, run: Callable[[], Any], baseline: float | None = None) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    took = time.perf_counter() - start
    ratio = f"  ({took / baseline:.1f}x the baseline)" if baseline else ""
    print(f"{label:<42} {took * 1000:9.1f} ms{ratio}")
    return took, result


def add_citations(tree: Tree, seed: int) -> int:
    rng = random.Random(seed)
    for i in range(200):
        tree.add_source(Source(f"@BS{i}@", title=f"Register {i}"))
    count = 0
    for person in tree.people.values():
        for event in person.events:
            if rng.random() < 0.5:
                event.citations.append(Citation(f"@BS{rng.randrange(200)}@", page=f"p. {rng.randrange(400)}"))
                count += 1
        if person.events and rng.random() < 0.02:
            first = person.events[0]
            person.events.append(Event(first.tag, date=Date.parse("1700"), citations=[Citation("@BS0@")]))
    return count


def scan(tree: Tree) -> int:
    return sum(len(e.citations) for p in tree.people.values() for e in p.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gui", action="store_true", help="also time the docks (offscreen Qt)")
    ns = parser.parse_args()
    with collection_paused():  # as the window reads
        tree = read_file(cached_gedcom(ns.people, ns.seed))
    cited = add_citations(tree, ns.seed)
    print(f"{len(tree.people):,} people, {sum(len(p.events) for p in tree.people.values()):,} events, "
          f"{cited:,} citations")
    base, _ = timed("baseline: one pass over every event", lambda: scan(tree))
    _, conflicts = timed("find_conflicts", lambda: find_conflicts(tree), base)
    _, index = timed("source_index", lambda: source_index(tree), base)
    print(f"  {len(conflicts):,} conflicts; {len(index)} sources, {sum(e.use_count for e in index):,} uses")
    ids = list(tree.people)[:: max(1, len(tree.people) // 200)]
    took, _ = timed(f"timeline x {len(ids)} people", lambda: [timeline(tree, i) for i in ids])
    print(f"  {took / len(ids) * 1000:.2f} ms per timeline")
    if ns.gui:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from familytree.ui.conflicts_dock import ConflictsDock
        from familytree.ui.sources_view import SourcesDock
        from familytree.ui.timeline_dock import TimelineDock

        app = QApplication.instance() or QApplication([])
        sources, conflicts_dock, timeline_dock = SourcesDock(), ConflictsDock(), TimelineDock()
        sources.tree = conflicts_dock.tree = tree
        timed("Sources dock (top level)", sources.rebuild, base)
        timed("Conflicts dock", conflicts_dock.rebuild, base)
        timed("Timeline dock, one person", lambda: timeline_dock.set_person(tree, ids[len(ids) // 2]))
        del app


if __name__ == "__main__":
    main()
