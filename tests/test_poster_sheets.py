"""A poster prints only the sheets that hold someone (issue 14): a sheet whose own part (the overlap with
its neighbours not counted) shows no box and no label, only a connector line or the edge of a fan's
ring, is left out and named on the assembly page."""

from __future__ import annotations

import bisect
import math
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout

from familytree import cli
from familytree.layout import ChartType, layout_chart
from familytree.layout.fan import FanChart
from familytree.render.export import ChartPrint, PrintOptions, page_layout
from familytree.render.items import make_sizer
from familytree.render.pages import PageKind, Rect
from support.corpus import corpus_path
from support.documents import pdf_pages
from support.pedigree import full_pedigree

pytestmark = pytest.mark.gui


def test_a_relatives_poster_prints_no_sheet_with_only_a_line_on_it(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Gruffydd ap Cynan's relatives on A4 with names of 10 pt: 6 of the 44 sheets printed carried a
    vertical line and the header alone."""
    ivar = corpus_path("real/IvarKingOfDublin.ged")
    out = tmp_path / "relatives.pdf"
    assert cli.main(["export", str(out), "--file", str(ivar), "--focus", "@I317@", "--chart", "relatives",
                     "--generations", "3", "--paper", "A4", "--poster", "auto", "--min-text", "10"]) == 0
    said = capsys.readouterr().out
    m = re.search(r"poster of (\d+)x(\d+) sheets and an assembly page, (\d+) blank sheets left out", said)
    assert m is not None, said
    columns, rows, left_out = (int(g) for g in m.groups())
    pages = pdf_pages(out)
    assert len(pages) == 1 + columns * rows - left_out
    frame = re.compile(r"^(Relatives chart of .*|Sheet \w+ — column .*|IvarKingOfDublin\.ged|Printed .*|"
                       r"Page \d+ of \d+)$")
    for page in pages[1:]:
        words = [line for line in page.splitlines() if line.strip() and not frame.match(line.strip())]
        label = re.search(r"Sheet (\w+)", page)
        assert words, f"sheet {label.group(1) if label else '?'} has nothing but its header and footer"
    named = re.search(r"Not printed, no one on them: ([A-Z0-9, ]+)\.", " ".join(pages[0].split()))
    assert named is not None
    assert len(named.group(1).split(", ")) == left_out


class FanMap:
    """Which segment of a fan holds a point, by its ring and its angle: a check made apart from the
    paginator's."""

    def __init__(self, fan: FanChart) -> None:
        self.fan = fan
        self.slots = {(s.generation, s.slot) for s in fan.segments}

    def holds(self, x: float, y: float) -> bool:
        r = math.hypot(x, y)
        radii = self.fan.radii
        if r <= radii[0]:
            return self.fan.angle != 180 or y <= 0
        g = bisect.bisect_left(radii, r)
        if g >= len(radii):
            return False
        a = math.degrees(math.atan2(x, -y))
        half = self.fan.angle / 2
        if not -half <= a <= half:
            return False
        slot = min(int((a + half) / (self.fan.angle / 2 ** g)), 2 ** g - 1)
        return (g, slot) in self.slots

    def in_rect(self, rect: Rect, step: float) -> bool:
        nx, ny = max(2, math.ceil(rect.width / step)), max(2, math.ceil(rect.height / step))
        return any(self.holds(rect.x + rect.width * i / nx, rect.y + rect.height * j / ny)
                   for i in range(nx + 1) for j in range(ny + 1))


def test_a_ten_generation_fan_poster_leaves_out_the_sheets_its_rings_only_overlap(qapp) -> None:
    tree, focus = full_pedigree(10)
    layout = layout_chart(tree, ChartType.FAN, focus, 10, 0, make_sizer())
    fan = layout.fan
    assert fan is not None
    job = ChartPrint(tree, layout, PrintOptions(auto_poster=True))
    paint = page_layout("A4").paintRect(QPageLayout.Unit.Point)
    job.paginate(paint.width(), paint.height())
    plan = job.plan
    assert plan is not None
    assert plan.is_poster
    printed = {p.sheet.label for p in job.pages if p.kind is PageKind.CHART and p.sheet is not None}
    shapes = FanMap(fan)
    labels = [Rect(*r) for r in fan.label_rects()]
    bounds_only = []
    for sheet in plan.chart_sheets():
        trim = sheet.trim
        assert trim is not None
        holds = shapes.in_rect(trim, 4.0)
        if sheet.label in printed:
            assert holds or any(trim.intersects(r) for r in labels), f"sheet {sheet.label} printed blank"
        else:
            assert not holds, f"sheet {sheet.label} left out with part of a segment on it"
            assert not any(trim.intersects(r) for r in labels), f"sheet {sheet.label} left out with a name"
            if any(trim.intersects(Rect.from_bounds(*s.bounds())) for s in fan.segments):
                bounds_only.append(sheet.label)
    assert job.blank_sheets == {s.label for s in plan.chart_sheets()} - printed
    # a sheet a ring's bounds reach but the ring does not: printed before, only the overlap on it
    assert bounds_only
