"""Benchmark: the on-screen side of re-centring and of panning/zooming big charts.

    python benchmarks/bench_scene.py [--people 100000] [--moves 60] [--frames 20]

1. Re-centring a 4-up/4-down hourglass on the generated 100,000-person file, walking
   from neighbour to neighbour: layout plus scene update (ChartScene.setChart), target
   under 50 ms; against a baseline measured in the same run: adding the same number of
   plain QGraphicsRectItems to a bare QGraphicsScene.
2. The relatives chart of a well-connected person of real/royal92.ged: layout, scene
   build, and the time to paint one frame of a 1600x1000 view fully zoomed out (boxes
   without text) and at 100 %, against painting an empty scene in the same view.
Runs on the offscreen platform unless a DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

from familytree.gedcom import collection_paused, read_file
from familytree.layout import ChartType, layout_chart
from familytree.model import Tree
from familytree.render.items import make_sizer
from familytree.render.palette import Palette
from familytree.render.scene import ChartScene
from familytree.ui.chart_view import ChartView

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import cached_gedcom  # noqa: E402

ROYAL92 = Path(__file__).resolve().parent.parent.parent / "shared" / "gedcom-corpus" / "real" / "royal92.ged"
RECENTRE_TARGET_MS = 50.0
FRAME_BUDGET_MS = 16.7  # one frame at 60 Hz: no visible stutter


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def well_connected(tree: Tree, rng: random.Random, tries: int = 4000) -> str:
    ids = list(tree.people)
    best, score = ids[0], -1
    for _ in range(min(tries, len(ids) * 2)):
        pid = rng.choice(ids)
        kids = tree.children(pid)
        s = (len(tree.parents(pid)) + sum(len(tree.parents(p)) for p in tree.parents(pid))
             + len(tree.partners(pid)) + len(kids) + sum(len(tree.children(k)) for k in kids)
             + len(tree.siblings(pid)))
        if s > score:
            best, score = pid, s
    return best


def bare_scene(count: int) -> float:
    """Baseline: fill a plain scene with `count` rectangles, as setChart fills ours."""
    scene = QGraphicsScene()
    t0 = time.perf_counter()
    scene.clear()
    for i in range(count):
        scene.addItem(QGraphicsRectItem(QRectF(i * 200.0, 0.0, 170.0, 58.0)))
    return time.perf_counter() - t0


def bench_recentre(tree: Tree, moves: int, rng: random.Random) -> None:
    sizer = make_sizer()
    focus = well_connected(tree, rng)
    layout = layout_chart(tree, ChartType.HOURGLASS, focus, 4, 4, sizer)
    scene = ChartScene(tree, layout, Palette.screen())
    view = ChartView(scene)
    view.resize(1600, 1000)
    view.show()
    QApplication.processEvents()
    lay_t, scene_t, paint_t, base_t, sizes = [], [], [], [], []
    for _ in range(moves):
        t0 = time.perf_counter()
        layout = layout_chart(tree, ChartType.HOURGLASS, focus, 4, 4, sizer)
        t1 = time.perf_counter()
        scene.setChart(tree, layout)
        scene.select_person(focus)
        t2 = time.perf_counter()
        box = layout.box_for(focus)
        if box is not None:
            view.centerOn(*box.center)
        view.viewport().repaint()
        t3 = time.perf_counter()
        lay_t.append(t1 - t0)
        scene_t.append(t2 - t1)
        paint_t.append(t3 - t2)
        sizes.append(len(layout.boxes) + len(layout.connectors))
        base_t.append(bare_scene(len(layout.boxes) + len(layout.connectors)))
        options = tree.parents(focus) + tree.children(focus) + tree.partners(focus) + tree.siblings(focus)
        focus = rng.choice(options) if options else focus
    total = [a + b for a, b in zip(lay_t, scene_t, strict=True)]
    print(f"Re-centring a 4-up/4-down hourglass, {moves} moves "
          f"({min(sizes)}-{max(sizes)} items, median {statistics.median(sizes):.0f}):")
    for name, times in (("layout", lay_t), ("scene update", scene_t), ("layout + scene", total),
                        ("first paint after", paint_t), ("baseline: bare scene fill", base_t)):
        med, p95 = _stats(times)
        print(f"  {name:26s} median {_ms(med)}  p95 {_ms(p95)}")
    med, p95 = _stats(total)
    verdict = "met" if p95 * 1000 < RECENTRE_TARGET_MS else "MISSED"
    ratio = statistics.median(scene_t) / max(statistics.median(base_t), 1e-9)
    print(f"  target layout + scene p95 < {RECENTRE_TARGET_MS:.0f} ms: {verdict}; "
          f"scene update / bare fill: {ratio:.1f}x")
    view.close()


def _frames(view: ChartView, count: int) -> list[float]:
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - t0)
    return times


def bench_big_chart(path: Path, frames: int, rng: random.Random) -> None:
    with collection_paused():  # as the window reads
        tree = read_file(path)
    sizer = make_sizer()
    focus = well_connected(tree, rng)
    t0 = time.perf_counter()
    layout = layout_chart(tree, ChartType.RELATIVES, focus, 4, 4, sizer)
    t1 = time.perf_counter()
    scene = ChartScene(tree, layout, Palette.screen())
    t2 = time.perf_counter()
    view = ChartView(scene)
    view.resize(1600, 1000)
    view.show()
    QApplication.processEvents()
    name = tree.people[focus].display_name()
    print(f"{path.name}: relatives chart of {name} ({len(layout.boxes)} boxes, "
          f"{len(layout.connectors)} connectors)")
    print(f"  layout {_ms(t1 - t0)}   scene build {_ms(t2 - t1)}")
    view.fit_all()
    zoomed_out = view.zoom
    _frames(view, 2)
    out = _frames(view, frames)
    view.set_zoom(1.0)
    box = layout.box_for(focus)
    if box is not None:
        view.centerOn(*box.center)
    _frames(view, 2)
    full = _frames(view, frames)
    empty_scene = QGraphicsScene()
    empty_scene.setSceneRect(scene.sceneRect())
    view.setScene(empty_scene)
    _frames(view, 2)
    empty = _frames(view, frames)
    for label, times in ((f"frame, fully zoomed out ({zoomed_out:.3f}x)", out), ("frame at 100 %", full),
                         ("baseline: frame of an empty scene", empty)):
        med, p95 = _stats(times)
        print(f"  {label:38s} median {_ms(med)}  p95 {_ms(p95)}")
    verdict = "met" if max(_stats(out)[1], _stats(full)[1]) * 1000 < FRAME_BUDGET_MS else "MISSED"
    print(f"  target p95 frame < {FRAME_BUDGET_MS} ms (60 Hz): {verdict}")
    view.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=60)
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    ns = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(ns.seed)
    path = cached_gedcom(ns.people)
    t0 = time.perf_counter()
    with collection_paused():
        tree = read_file(path)
    print(f"{path.name}: {len(tree.people):,} people read in {time.perf_counter() - t0:.2f} s")
    bench_recentre(tree, ns.moves, rng)
    if ROYAL92.exists():
        bench_big_chart(ROYAL92, ns.frames, rng)
    else:
        print(f"{ROYAL92} not found: big-chart frame times skipped")
    del app


if __name__ == "__main__":
    main()
