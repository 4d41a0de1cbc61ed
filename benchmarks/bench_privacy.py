"""Benchmark who is living (issue 15) over 100,000 generated people, against a plain pass over their events.

Usage: python benchmarks/bench_privacy.py [--people 100000] [--seed 1] [--repeat 5]

Times, each the best of --repeat in this same run and with the garbage collector paused
(as the window and the command line read and write large trees):

- baseline: one plain pass over every event of every person, reading its date;
- infer_living: the verdicts for everyone (in the generated file everyone has a birth date);
- infer_living with every other person's birth removed, so that half the people are bounded
  by their relatives' dates (the breadth-first inference);
- redact for --living name and omit (what export and convert add), for information.

Target on a 2-core machine: infer_living over 100,000 people under 0.5 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_gedcom  # noqa: E402

from familytree.gedcom import collection_paused, read_file  # noqa: E402
from familytree.model import Tree  # noqa: E402
from familytree.privacy import Mode, infer_living, redact  # noqa: E402

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
        for e in p.events:
            if e.date is not None:
                dated += 1
    return dated


def report(label: str, took: float, baseline: float) -> None:
    print(f"{label:<52} {took * 1000:8.1f} ms  ({took / baseline:.1f}x the baseline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
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
        for p in list(tree.people.values())[::2]:
            p.events[:] = [e for e in p.events if e.tag != "BIRT"]
        half, verdicts = best(lambda: infer_living(tree), ns.repeat)
        report("infer_living, every other birth removed", half, base)
        print(f"  {sum(v.living for v in verdicts.values()):,} living")


if __name__ == "__main__":
    main()
