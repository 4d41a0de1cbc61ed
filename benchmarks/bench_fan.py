"""Benchmark: laying out a 10-generation fan chart (target < 50 ms), against a baseline in the same run.

    python benchmarks/bench_fan.py [--runs 30] [--seed 1] [--ged FILE --focus XREF]

A full pedigree of 10 generations (1,023 ancestors, none missing, names of real lengths
from the generator's lists) is laid out as a 270-degree fan with real font metrics: time
per layout (median and p95). The baseline, measured in the same run on the same people:
the ancestors chart of the same focus, 10 generations, the box layout every other chart uses.
With --ged the focus' fan in that file is timed too (royal92's Queen Victoria: --focus @I1@).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from familytree.gedcom import read_file
from familytree.layout import ChartLayout, ChartType, layout_chart
from familytree.layout.fan import MAX_FAN_GENERATIONS, FanOptions
from familytree.model import ChildRef, Date, Event, Family, Name, Person, Sex, Tree
from familytree.render.items import make_sizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_layout import dot_seconds  # noqa: E402
from generate import FEMALE_GIVEN, MALE_GIVEN, OTHER_SURNAMES, RUSSIAN_SURNAMES  # noqa: E402

TARGET_MS = 50.0
TITLES = ["", "", "", " of Saxe-Coburg", " of Brunswick-Lüneburg", " of Mecklenburg-Strelitz"]


def full_pedigree(generations: int, seed: int = 1) -> tuple[Tree, str]:
    """A focus with every ancestor known up to `generations`: names of one to three given names,
    some with a territorial title; births and deaths 28 years a generation apart."""
    rng = random.Random(seed)
    tree = Tree()
    surnames = RUSSIAN_SURNAMES + OTHER_SURNAMES

    def person(pid: str, male: bool, gen: int) -> Person:
        given = " ".join(rng.sample(MALE_GIVEN if male else FEMALE_GIVEN, rng.randint(1, 3)))
        name = Name.from_gedcom(f"{given} /{rng.choice(surnames)}/{rng.choice(TITLES)}")
        born = 1990 - 28 * gen - rng.randint(0, 6)
        p = Person(pid, [name], Sex.MALE if male else Sex.FEMALE,
                   events=[Event("BIRT", date=Date.parse(str(born))),
                           Event("DEAT", date=Date.parse(str(born + rng.randint(30, 85))))])
        return tree.add_person(p)

    person("@I1@", rng.random() < 0.5, 0)
    for n in range(1, 2 ** generations):  # Ahnentafel numbers: n's parents are 2n and 2n + 1
        gen = n.bit_length() - 1
        if gen + 1 > generations:
            break
        father, mother = person(f"@I{2 * n}@", True, gen + 1), person(f"@I{2 * n + 1}@", False, gen + 1)
        tree.add_family(Family(f"@F{n}@", father.id, mother.id, [ChildRef(f"@I{n}@")]))
    tree.link()
    return tree, "@I1@"


def timed(run: Callable[[], ChartLayout], runs: int) -> tuple[list[float], ChartLayout]:
    gc.collect()
    times, layout = [], run()  # the first run warms the font metrics' caches, as the window does
    for _ in range(runs):
        t = time.perf_counter()
        layout = run()
        times.append(time.perf_counter() - t)
    return times, layout


def report(what: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{what:<44} median {statistics.median(times) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ged", help="also time the fan of --focus in this GEDCOM file")
    parser.add_argument("--focus", default="@I1@")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    sizer = make_sizer()
    tree, focus = full_pedigree(MAX_FAN_GENERATIONS, args.seed)
    gens = MAX_FAN_GENERATIONS

    fan_times, fan = timed(lambda: layout_chart(tree, ChartType.FAN, focus, up=gens, sizer=sizer,
                                                fan=FanOptions(270)), args.runs)
    box_times, boxes = timed(lambda: layout_chart(tree, ChartType.ANCESTORS, focus, up=gens, sizer=sizer),
                             max(3, args.runs // 5))
    assert fan.fan is not None
    cold = make_sizer()  # no name measured yet: the first fan of a file
    t = time.perf_counter()
    layout_chart(tree, ChartType.FAN, focus, up=gens, sizer=cold, fan=FanOptions(270))
    first = time.perf_counter() - t
    print(f"full pedigree, {gens} generations: {len(fan.boxes)} people; fan radius {fan.fan.radii[-1]:.0f}, "
          f"smallest name {fan.fan.smallest_name:.1f} units")
    print(report("fan chart, 270 degrees (target < 50 ms)", fan_times))
    print(f"{'the first fan, every name measured anew':<44} {first * 1000:7.1f} ms")
    print(report(f"baseline: ancestors chart, {len(boxes.boxes)} boxes", box_times))
    median = statistics.median(fan_times) * 1000
    print(f"fan / ancestors chart: x{statistics.median(fan_times) / statistics.median(box_times):.2f}; "
          f"{'within' if median < TARGET_MS else 'OVER'} the {TARGET_MS:g} ms target")
    dot = dot_seconds(boxes, tree)
    print(f"Graphviz dot on the same {len(boxes.boxes)} people and their families: {dot * 1000:.1f} ms "
          f"(x{dot / statistics.median(fan_times):.1f} the fan)" if dot is not None
          else "(Graphviz dot not installed: apt-get install graphviz)")
    if args.ged:
        real = read_file(args.ged)
        times, lay = timed(lambda: layout_chart(real, ChartType.FAN, args.focus, up=gens, sizer=sizer,
                                                fan=FanOptions(270)), args.runs)
        print(report(f"{Path(args.ged).name} {args.focus}: {len(lay.boxes)} people", times))
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
