"""Benchmark: compact charts, how large they print and how fast they lay out, against plain charts.

    python benchmarks/bench_compact.py [--seed 1] [--runs 5] [--no-corpus]

1. Legibility: descendants charts of large families on one A3 sheet, as `familytree export
   --fit --paper A3` prints them (the orientation, of the chart and of the paper, that
   prints larger): the names' size in points, plain and compact. Generated families
   (royal-sized: nine children with partners, their children with partners; 2 and 3
   generations, about 90 and 200 people) and, from the shared corpus, royal92's Queen
   Victoria (86 and 196 people). Targets: 2 generations at 5 pt at least, 3 at 3 pt.
2. Speed: a compact descendants chart of 5,000 people (a generated family of six to nine
   children a couple, all generations, cut at the chart's limit of 5,000 boxes; fewer
   boxes once partners share them), median of --runs layouts, against the plain layout
   of the same chart in the same run, and Graphviz `dot` on the same people and families
   (as bench_layout.py gives them; `apt-get install graphviz`). Target < 0.5 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from familytree.gedcom import read_file
from familytree.layout import ALL_GENERATIONS, ChartType, LayoutOptions, Orientation, layout_chart
from familytree.model import ChildRef, Date, Event, Family, Name, Person, Sex, Tree
from familytree.render.export import ChartPrint, PrintOptions, best_print, page_layout
from familytree.render.items import make_sizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_layout import dot_seconds  # noqa: E402
from generate import FEMALE_GIVEN, MALE_GIVEN, OTHER_SURNAMES  # noqa: E402

ROYAL92 = Path(__file__).resolve().parent.parent.parent / "shared" / "gedcom-corpus" / "real" / "royal92.ged"
TARGETS = {2: 5.0, 3: 3.0}  # generations -> least name size on A3, in points
SPEED_TARGET_S = 0.5
TITLES = ["", "", " of Hesse", " of Saxe-Coburg and Gotha", " of Schleswig-Holstein", " of Battenberg"]


class _Family:
    """A family tree built generation by generation, each person with a birth year."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tree = Tree()

    def person(self, male: bool, year: int, surname: str) -> str:
        rng = self.rng
        pid = f"@I{len(self.tree.people) + 1}@"
        given = " ".join(rng.sample(MALE_GIVEN if male else FEMALE_GIVEN, rng.randint(1, 2)))
        person = Person(pid, [Name.from_gedcom(f"{given} /{surname}/{rng.choice(TITLES)}")],
                        Sex.MALE if male else Sex.FEMALE)
        person.events.append(Event("BIRT", date=Date.parse(str(year))))
        if rng.random() < 0.9:
            person.events.append(Event("DEAT", date=Date.parse(str(year + rng.randint(1, 85)))))
        self.tree.add_person(person)
        return pid

    def family(self, husband: str, wife: str, children: list[str]) -> None:
        fid = f"@F{len(self.tree.families) + 1}@"
        self.tree.add_family(Family(fid, husband_id=husband, wife_id=wife,
                                    children=[ChildRef(c) for c in children]))

    def grow(self, founder: str, year: int, widths: list[tuple[int, int]], married: float) -> None:
        """Each generation's couples have between widths[i] children; `married` of them marry."""
        rng = self.rng
        parents = [(founder, year)]
        for low, high in widths:
            born: list[tuple[str, int]] = []
            for pid, parent_year in parents:
                male = self.tree.people[pid].sex is Sex.MALE
                partner = self.person(not male, parent_year + rng.randint(-3, 3), rng.choice(OTHER_SURNAMES))
                first = parent_year + rng.randint(20, 30)
                count = rng.randint(low, high)
                kids = [self.person(rng.random() < 0.5, first + 2 * i, "Stem") for i in range(count)]
                self.family(pid if male else partner, partner if male else pid, kids)
                born.extend((k, first + 2 * i) for i, k in enumerate(kids) if rng.random() < married)
            parents = born
        for pid, year in parents:  # the last generation shown married too, without children on the chart
            male = self.tree.people[pid].sex is Sex.MALE
            partner = self.person(not male, year + rng.randint(-3, 3), rng.choice(OTHER_SURNAMES))
            self.family(pid if male else partner, partner if male else pid, [])
        self.tree.link()


def royal_family(generations: int, seed: int) -> tuple[Tree, str]:
    """A founder with nine children (as Queen Victoria), four fifths of each generation married: 2
    generations of four to six grandchildren a couple (about 90 people), or 3 of three to five and
    two to four (about 200)."""
    family = _Family(seed)
    founder = family.person(False, 1820, "Stem")
    widths = [(9, 9), (4, 6)] if generations == 2 else [(9, 9), (3, 5), (2, 4)]
    family.grow(founder, 1820, widths, married=0.8)
    return family.tree, founder


def big_family(seed: int) -> tuple[Tree, str]:
    """Six to nine children a couple, generation after generation: past 5,000 people."""
    family = _Family(seed)
    founder = family.person(True, 1700, "Stem")
    family.grow(founder, 1700, [(6, 9)] * 5, married=0.7)
    return family.tree, founder


def printed_size(tree: Tree, focus: str, down: int, compact: bool) -> tuple[float, int, str]:
    """Names' size on one A3 sheet (--fit), people on the chart, and the orientations chosen."""
    sizer = make_sizer()
    options = LayoutOptions(compact=compact)
    layouts = [layout_chart(tree, ChartType.DESCENDANTS, focus, 0, down, sizer, o, options=options)
               for o in Orientation]
    jobs = [ChartPrint(tree, layout, PrintOptions(auto_poster=False)) for layout in layouts]
    job, paper = best_print(jobs, page_layout("A3"))
    paint = paper.paintRect(paper.Unit.Point)
    job.paginate(paint.width(), paint.height())
    assert job.plan is not None
    turned = "landscape" if paper.orientation() == paper.Orientation.Landscape else "portrait"
    return job.plan.text_pt, len(job.layout.person_ids), f"{job.layout.orientation.value} chart, {turned}"


def bench_legibility(charts: list[tuple[str, Tree, str, int]]) -> None:
    print("Names on one A3 sheet (export --fit --paper A3, orientation auto), plain -> compact:")
    for name, tree, focus, down in charts:
        plain, people, _ = printed_size(tree, focus, down, compact=False)
        compact, _, how = printed_size(tree, focus, down, compact=True)
        target = TARGETS[down]
        verdict = "met" if compact >= target else "MISSED"
        print(f"  {name:44s} {people:4d} people  {plain:4.1f} -> {compact:4.1f} pt ({how})   "
              f"target >= {target:g} pt: {verdict}")


def bench_speed(runs: int, seed: int) -> None:
    tree, founder = big_family(seed)
    sizer = make_sizer()
    times: dict[bool, list[float]] = {False: [], True: []}
    boxes = 0
    layout = None
    for _ in range(runs):
        for compact in (False, True):  # alternating, so both see the same load
            gc.collect()
            t0 = time.perf_counter()
            layout = layout_chart(tree, ChartType.DESCENDANTS, founder, 0, ALL_GENERATIONS, sizer,
                                  options=LayoutOptions(compact=compact))
            times[compact].append(time.perf_counter() - t0)
            boxes = len(layout.boxes) if compact else boxes
    plain, compact = statistics.median(times[False]), statistics.median(times[True])
    verdict = "met" if compact < SPEED_TARGET_S else "MISSED"
    print(f"Compact descendants chart of a generated family of {len(tree.people):,}, cut at the size limit "
          f"(5,000 people, {boxes:,} boxes with partners sharing them):")
    print(f"  compact layout median {compact:.3f} s (max {max(times[True]):.3f} s)   "
          f"target < {SPEED_TARGET_S:g} s: {verdict}")
    print(f"  baseline: the plain layout of the same chart {plain:.3f} s   ratio {compact / plain:.2f}x")
    dot = dot_seconds(layout, tree) if layout is not None else None
    if dot is None:
        print("  (Graphviz dot not installed: apt-get install graphviz)")
    else:
        print(f"  Graphviz dot on the same people and families: {dot:.3f} s   "
              f"ratio dot/compact {dot / compact:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-corpus", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (measuring text needs one)
    charts: list[tuple[str, Tree, str, int]] = []
    for down in (2, 3):
        tree, founder = royal_family(down, args.seed)
        charts.append((f"generated royal family, {down} generations", tree, founder, down))
    if not args.no_corpus and ROYAL92.exists():
        royal = read_file(ROYAL92)
        charts += [(f"royal92 Queen Victoria, {down} generations", royal, "@I1@", down) for down in (2, 3)]
    elif not args.no_corpus:
        print(f"({ROYAL92} not found: royal92 figures skipped)")
    bench_legibility(charts)
    bench_speed(args.runs, args.seed)


if __name__ == "__main__":
    main()
