"""Benchmark: exporting a large chart (royal92 relatives) as a 3x3 poster PDF, an SVG and a PNG.

Each figure comes from a fresh process so that peak memory (maximum resident set size,
which only grows) belongs to that one step. Next to the exports, the same chart laid out
and drawn for the screen (scene built, rendered into a window-sized image and a whole-chart
image) is the baseline the ratios are measured against. Target: the PDF in under 5 s.

    python benchmarks/bench_export.py [--steps 6] [--file FILE] [--dpi 150]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROYAL92 = Path(__file__).resolve().parent.parent.parent / "shared" / "gedcom-corpus" / "real" / "royal92.ged"
PDF_TARGET_S = 5.0
STEPS = ("screen", "pdf", "svg", "png")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kilobytes on Linux


def _focus(tree: object) -> str:
    """The person with the most immediate relatives (as the layout benchmark picks)."""
    t = tree  # a familytree.model.Tree
    return max(t.people, key=lambda p: (len(t.children(p)) + len(t.parents(p))  # type: ignore[attr-defined]
                                        + len(t.partners(p)) + len(t.siblings(p)), p))  # type: ignore[attr-defined]


def run_step(step: str, path: Path, chart: str, steps: int, dpi: float) -> dict[str, object]:
    """One measurement, in this (fresh) process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from familytree.gedcom import collection_paused, read_file
    from familytree.layout import ChartType, layout_chart
    from familytree.render.export import (
        ChartPrint,
        ExportError,
        PrintOptions,
        page_layout,
        write_pdf,
        write_png,
        write_svg,
    )
    from familytree.render.items import make_sizer
    from familytree.render.palette import Palette
    from familytree.render.scene import ChartScene

    app = QApplication([])
    with collection_paused():  # as the window reads
        tree = read_file(path)
    focus = _focus(tree)
    sizer = make_sizer()
    before = _rss_mb()
    t0 = time.perf_counter()
    layout = layout_chart(tree, ChartType(chart), focus, steps, steps, sizer)
    layout_s = time.perf_counter() - t0
    out: dict[str, object] = {"step": step, "boxes": len(layout.boxes), "layout_s": layout_s,
                              "focus": tree.people[focus].display_name()}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if step == "screen":
            scene = ChartScene(tree, layout, Palette.light())
            built = time.perf_counter()
            view = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)  # a window, chart fitted
            painter = QPainter(view)
            scene.render(painter, QRectF(view.rect()), scene.sceneRect())
            painter.end()
            out["scene_build_s"] = built - t0
            out["fitted_view_s"] = time.perf_counter() - built
        else:
            # every sheet drawn, blank or not: the full 3x3 is the case measured
            options = PrintOptions(poster=(3, 3), file_name=path.name, skip_blank_sheets=False)
            job = ChartPrint(tree, layout, options)
            target = Path(tmp) / f"chart.{step}"
            try:
                if step == "pdf":
                    result = write_pdf(job, target, page_layout("A4"))
                elif step == "svg":
                    result = write_svg(job, target)
                else:
                    result = write_png(job, target, dpi)
            except ExportError as e:  # a PNG too large for memory is refused, and that is the figure
                out["refused"] = str(e).split(": ", 1)[-1]
                out["seconds"] = time.perf_counter() - t0
                out["peak_mb"] = _rss_mb() - before
                return out
            out["pages"] = result.pages
            out["size"] = f"{result.width}x{result.height}" if result.width else ""
            out["bytes"] = target.stat().st_size
            if job.plan is not None and step == "pdf":
                out["text_pt"] = round(job.plan.text_pt, 1)
        out["seconds"] = time.perf_counter() - t0
    out["peak_mb"] = _rss_mb() - before
    del app
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROYAL92)
    parser.add_argument("--chart", default="relatives")
    parser.add_argument("--steps", type=int, default=6, help="generations / relationship steps (default 6)")
    parser.add_argument("--dpi", type=float, default=150.0)
    parser.add_argument("--one", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_step(args.one, args.file, args.chart, args.steps, args.dpi)))
        return 0
    if not args.file.exists():
        print(f"{args.file} not found: nothing to measure")
        return 1
    results = {}
    for step in STEPS:
        done = subprocess.run([sys.executable, __file__, "--one", step, "--file", str(args.file), "--chart",
                               args.chart, "--steps", str(args.steps), "--dpi", str(args.dpi)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{step}: failed\n{done.stderr}")
            return 1
        results[step] = json.loads(done.stdout.strip().splitlines()[-1])
    screen = results["screen"]
    base = float(screen["layout_s"]) + float(screen["seconds"])  # type: ignore[arg-type]
    print(f"{args.file.name}: {args.chart} chart of {screen['focus']}, {args.steps} steps, "
          f"{screen['boxes']} boxes; layout {float(screen['layout_s']) * 1000:.0f} ms")  # type: ignore[arg-type]
    print(f"  screen (baseline): layout + scene build {float(screen['scene_build_s']) * 1000:.0f} ms "  # type: ignore[arg-type]
          f"+ fitted render {float(screen['fitted_view_s']) * 1000:.0f} ms = {base * 1000:.0f} ms, "  # type: ignore[arg-type]
          f"peak +{float(screen['peak_mb']):.0f} MB")  # type: ignore[arg-type]
    for step in ("pdf", "svg", "png"):
        r = results[step]
        if "refused" in r:
            print(f"  {step.upper()}: refused in {float(r['seconds']):.2f} s: {r['refused']}")  # type: ignore[arg-type]
            continue
        total = float(r["layout_s"]) + float(r["seconds"])  # type: ignore[arg-type]
        extra = f", names {r['text_pt']} pt" if "text_pt" in r else ""
        what = f"{r['pages']} pages" if step == "pdf" else str(r["size"])
        verdict = ""
        if step == "pdf":
            verdict = f"   target < {PDF_TARGET_S:.0f} s: {'met' if total < PDF_TARGET_S else 'MISSED'}"
        print(f"  {step.upper()} 3x3 poster: {what}{extra}, {int(r['bytes']) / 1e6:.1f} MB, "  # type: ignore[call-overload]
              f"layout + export {total:.2f} s ({total / base:.1f}x the screen), "
              f"peak +{float(r['peak_mb']):.0f} MB{verdict}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
