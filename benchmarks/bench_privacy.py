"""Benchmark who is living (issue 15) over 100,000 generated people, against a plain pass over their events.

Usage: python benchmarks/bench_privacy.py [--people 100000] [--seed 1] [--repeat 5]

Times, each the best of --repeat in this same run and with the garbage collector paused
(as the window and the command line read and write large trees):

- baseline: one plain pass over every event of every person, reading its date;
- infer_living: the verdicts for everyone (in the generated file everyone has a birth date);
- infer_living with every other person's birth removed, so that half the people are bounded
  by their relatives' dates (the breadth-first inference);
- redact for --living name and omit (what export and convert add), for information;
- after a single edit (a birth date changed, given or taken away, a death added, a partner
  linked, a person deleted), inferring again only whom the edit can change
  (LivingIndex.update), against infer_living over the whole tree, in both kinds of tree
  (each birth date; every other birth removed). The verdicts are checked against a whole
  inference at the end.

Target on a 2-core machine: infer_living over 100,000 people under 0.5 s; after an edit,
a few milliseconds (an edit is on screen in under 50 ms, issue 17).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_gedcom  # noqa: E402

from familytree.gedcom import collection_paused, read_file  # noqa: E402
from familytree.model import Date, Event, Tree  # noqa: E402
from familytree.privacy import LivingIndex, Mode, infer_living, redact  # noqa: E402
from familytree.workspace import EditRefused, TreeChange, UndoStack  # noqa: E402
from familytree.workspace import editing as e  # noqa: E402
from familytree.workspace import relatives as r  # noqa: E402
from familytree.workspace.editing import Edit  # noqa: E402

TARGET_S = 0.5


def best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def plain_pass(tree: Tree) -> int:
    dated = 0
    for p in tree.people.values():
        for event in p.events:
            if event.date is not None:
                dated += 1
    return dated


def report(label: str, took: float, baseline: float) -> None:
    print(f"{label:<52} {took * 1000:8.1f} ms  ({took / baseline:.1f}x the baseline)")


def edits(tree: Tree, rng: random.Random) -> dict[str, Callable[[str], Edit]]:
    """Each kind of edit that can change who is living, made for a person."""
    ids = list(tree.people)

    def births(pid: str) -> list[int]:
        return [i for i, event in enumerate(tree.people[pid].events) if event.tag == "BIRT"]

    def birth_date(pid: str) -> Edit:
        found = births(pid)
        if not found:
            return e.add_event(tree, pid, Event("BIRT", date=Date.parse(str(rng.randint(1800, 2010)))))
        return e.edit_event(tree, ("INDI", pid, "events", found[0]), date=f"abt {rng.randint(1800, 2010)}")

    def no_birth(pid: str) -> Edit:
        found = births(pid)
        if not found:
            return birth_date(pid)
        return e.remove_event(tree, ("INDI", pid, "events", found[0]))

    return {
        "a birth date changed or given": birth_date,
        "a birth date taken away": no_birth,
        "a death added": lambda pid: e.add_event(tree, pid, Event("DEAT", date=Date.parse("1990"))),
        "a partner linked": lambda pid: r.add_partner(tree, pid, rng.choice(ids)),
        "a person deleted": lambda pid: r.delete_person(tree, pid),
    }


def incremental(tree: Tree, label: str, full: float, count: int) -> None:
    """Time LivingIndex.update after single edits of each kind, each undone after."""
    rng = random.Random(7)
    index = LivingIndex(tree)
    stack = UndoStack(tree)
    times: list[float] = []

    def follow(change: TreeChange) -> None:
        start = time.perf_counter()
        index.update(change.people, change.families)
        times.append(time.perf_counter() - start)

    stack.changed.connect(follow)
    for kind, make in edits(tree, rng).items():
        times.clear()
        for _ in range(count):
            try:
                stack.push(make(rng.choice(list(tree.people))))
            except EditRefused:
                continue
            stack.undo()
        median = statistics.median(times)
        p95 = sorted(times)[int(0.95 * len(times))]
        print(f"  {kind + ' (and undone)':<50} median {median * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms"
              f"  ({full / median:,.0f}x faster than the whole tree's)")
    same = index.verdicts == infer_living(tree)
    print(f"  {label}: the verdicts kept edit by edit {'are' if same else 'ARE NOT'} the whole tree's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=100, help="edits of each kind, each followed")
    ns = parser.parse_args()
    with collection_paused():
        tree = read_file(cached_gedcom(ns.people, ns.seed))
        events = sum(len(p.events) for p in tree.people.values())
        print(f"{len(tree.people):,} people, {events:,} events, {len(tree.families):,} families")
        base, _ = best(lambda: plain_pass(tree), ns.repeat)
        print(f"{'baseline: one pass over every event, reading its date':<52} {base * 1000:8.1f} ms")
        took, verdicts = best(lambda: infer_living(tree), ns.repeat)
        report("infer_living", took, base)
        living = sum(v.living for v in verdicts.values())
        print(f"  {living:,} living; target under {TARGET_S} s: {'met' if took < TARGET_S else 'MISSED'}")
        for mode in (Mode.NAME, Mode.OMIT):
            spent, result = best(lambda mode=mode: redact(tree, mode, verdicts), max(1, ns.repeat // 2))
            report(f"redact --living {mode.value} (verdicts given)", spent, base)
        print("inferred again after one edit (LivingIndex.update):")
        incremental(tree, "each birth date", took, ns.edits)
        for p in list(tree.people.values())[::2]:
            p.events[:] = [event for event in p.events if event.tag != "BIRT"]
        half, verdicts = best(lambda: infer_living(tree), ns.repeat)
        report("infer_living, every other birth removed", half, base)
        print(f"  {sum(v.living for v in verdicts.values()):,} living")
        print("inferred again after one edit (LivingIndex.update), every other birth removed:")
        incremental(tree, "every other birth removed", half, ns.edits)


if __name__ == "__main__":
    main()
