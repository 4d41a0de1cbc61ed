"""The fan chart drawn: files with the names as text, legible on A4, in the window clicked as a user does."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPageLayout

from familytree import cli
from familytree.gedcom import read_file, write_file
from familytree.layout import ChartType, FanColours, FanOptions, layout_chart
from familytree.layout.fan import FanChart
from familytree.model import Tree
from familytree.render.export import ChartPrint, PrintOptions, best_orientation
from familytree.render.fan_items import FanSegmentItem
from familytree.render.items import make_sizer
from familytree.render.scene import ChartScene
from familytree.ui.actions import Menu
from familytree.ui.main_window import MainWindow
from support.pedigree import full_pedigree
from support.windows import make_window

SVG = "{http://www.w3.org/2000/svg}"


def yulia(tree: Tree) -> str:
    return next(pid for pid, p in tree.people.items() if p.display_name() == "Yulia")


def pdf_text_lines(path: Path) -> list[str]:
    """Every text object of a PDF written by Qt, decoded through its fonts' ToUnicode maps: one
    string a drawn line, whatever its angle (pdftotext reads only level and upright-turned text)."""
    data = path.read_bytes()
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}

    def stream(body: bytes) -> bytes:
        raw = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        assert raw is not None
        return zlib.decompress(raw.group(1)) if b"FlateDecode" in body else raw.group(1)

    maps: dict[bytes, dict[int, str]] = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(number)])
        if to_unicode is None:
            continue
        cmap = stream(objects[int(to_unicode.group(1))])
        table: dict[int, str] = {}
        for lo, _hi, targets in re.findall(rb"<([0-9A-F]+)> <([0-9A-F]+)> \[([^\]]*)\]", cmap):
            for i, t in enumerate(re.findall(rb"<([0-9A-F]+)>", targets)):
                table[int(lo, 16) + i] = bytes.fromhex(t.decode()).decode("utf-16-be")
        for code, target in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>\s*\n", cmap):
            table.setdefault(int(code, 16), bytes.fromhex(target.decode()).decode("utf-16-be"))
        maps[name] = table
    lines = []
    for body in objects.values():
        if b"/Filter /FlateDecode" not in body or b"stream" not in body:
            continue
        try:
            content = stream(body)
        except zlib.error:
            continue
        for block in re.findall(rb"BT(.*?)ET", content, re.S):
            font = re.search(rb"/(F\d+) [\d.]+ Tf", block)
            if font is None or font.group(1) not in maps:
                continue
            glyphs = re.findall(rb"<([0-9A-F]{4})> Tj", block)
            text = "".join(maps[font.group(1)].get(int(g, 16), "?") for g in glyphs)
            lines.append(" ".join(text.replace("\t", " ").split()))
    return lines


def label_lines(fan: FanChart) -> list[str]:
    return [line.text for s in fan.segments if s.label is not None for line in s.label.lines]


# -- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [180, 270, 360])
def test_cli_fan_to_svg_pdf_and_png_with_every_name_as_text(qapp, tmp_path: Path, bundled_path: Path,
                                                            angle: int, capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    tree = read_file(bundled_path)
    focus = yulia(tree)
    layout = layout_chart(tree, ChartType.FAN, focus, up=4, sizer=make_sizer(), fan=FanOptions(angle))
    assert layout.fan is not None
    wanted = label_lines(layout.fan)
    people = {tree.people[b.person_id].display_name() for b in layout.boxes}
    assert {"Yulia", "Sergei Sedov", "Leon Trotsky", "Natalia Sedova", "David Bronstein"} <= people
    common = ["--chart", "fan", "--focus", "Yulia", "--generations", "4", "--fan-angle", str(angle)]

    svg = tmp_path / "fan.svg"
    assert cli.main(["export", str(svg), *common]) == 0
    texts = [" ".join("".join(t.itertext()).split()) for t in ET.parse(svg).iter(f"{SVG}text")]
    assert sorted(t for t in texts if t) == sorted(wanted)
    assert "Fan chart of Yulia" in capsys.readouterr().out

    pdf = tmp_path / "fan.pdf"
    assert cli.main(["export", str(pdf), *common]) == 0
    said = capsys.readouterr().out
    assert "Fan chart of Yulia" in said
    assert "names" in said
    drawn = pdf_text_lines(pdf)
    for line in wanted:
        assert line in drawn
    if shutil.which("pdftotext") is not None:  # poppler reads the level text: the focus' name
        plain = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout
        assert "Yulia" in plain
        assert "Fan chart of Yulia" in plain

    png = tmp_path / "fan.png"
    assert cli.main(["export", str(png), *common, "--dpi", "72"]) == 0
    image = QImage(str(png))
    assert not image.isNull()
    left, top, right, bottom = layout.bounds()
    assert image.width() == pytest.approx(right - left + 24, abs=3)  # the chart and the image margins
    assert image.height() == pytest.approx(bottom - top + 24, abs=3)
    centre = image.pixelColor(round(-left + 12), round(-top + 12 - (20 if angle == 180 else 0)))
    assert centre.name() != "#ffffff" or angle == 180  # the focus' disc is drawn, not blank


def test_five_generations_print_on_a4_with_names_of_at_least_5_pt(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A full pedigree of five generations (63 people, names up to royal lengths) on one A4 sheet:
    the figure `familytree export --fit` reports, from the smallest name of the fan."""
    tree, focus = full_pedigree(5)
    path = tmp_path / "pedigree.ged"
    write_file(tree, path)
    out = tmp_path / "fan.pdf"
    assert cli.main(["export", str(out), "--file", str(path), "--focus", focus, "--chart", "fan",
                     "--generations", "5", "--fit", "--paper", "A4"]) == 0
    said = capsys.readouterr().out
    size = float(re.search(r"names (\d+\.\d) pt", said).group(1))  # type: ignore[union-attr]
    assert size >= 5.0, said
    assert "63 people" in said
    # the same figure from the print job: the fan's smallest name at the page's scale
    layout = layout_chart(tree, ChartType.FAN, focus, up=5, sizer=make_sizer())
    job = ChartPrint(tree, layout, PrintOptions())
    paint = best_orientation(job, "A4").paintRect(QPageLayout.Unit.Point)
    job.paginate(paint.width(), paint.height())
    assert layout.fan is not None
    assert job.name_size == layout.fan.smallest_name
    assert job.plan is not None
    assert not job.plan.is_poster
    assert job.plan.text_pt == pytest.approx(size, abs=0.05)


def test_a_poster_of_a_fan_keeps_every_name_whole_on_a_sheet(qapp) -> None:
    tree, focus = full_pedigree(7)
    layout = layout_chart(tree, ChartType.FAN, focus, up=7, sizer=make_sizer())
    job = ChartPrint(tree, layout, PrintOptions(poster=(2, 2)))
    job.paginate(539, 786)
    assert job.plan is not None
    assert job.plan.is_poster
    sheets = [s.source for s in job.plan.chart_sheets()]
    assert layout.fan is not None
    for x, y, w, h in layout.fan.label_rects():
        assert any(s.x <= x and x + w <= s.right and s.y <= y and y + h <= s.bottom for s in sheets)


# -- the scene -------------------------------------------------------------------------------------


def test_segments_are_ring_shaped_items_a_click_inside_selects(qapp) -> None:
    tree, focus = full_pedigree(4)
    layout = layout_chart(tree, ChartType.FAN, focus, up=4, sizer=make_sizer())
    scene = ChartScene(tree, layout)
    assert layout.fan is not None
    for seg in layout.fan.segments:
        item = scene.box_items[seg.key]
        assert isinstance(item, FanSegmentItem)
        mid, r = math.radians(seg.middle), (seg.inner + seg.outer) / 2
        inside = QPointF(r * math.sin(mid), -r * math.cos(mid))
        hit = scene.person_at(inside)
        assert hit is item  # not a neighbour whose bounding box also covers the point
    # the corner of a parent's bounding box outside its ring is not the parent
    father = next(s for s in layout.fan.segments if s.generation == 1 and s.slot == 0)
    corner = QPointF(-father.outer * 0.99, -father.outer * 0.99)
    assert scene.person_at(corner) is not scene.box_items[father.key]


def test_a_shortened_name_has_the_whole_name_in_its_tooltip(qapp) -> None:
    tree, focus = full_pedigree(5)
    outer = next(pid for pid in tree.people if not tree.parent_families(pid))
    tree.people[outer].names[0].given = "Maximilian Ferdinand Wolfgang Bartholomäus Leopold"
    layout = layout_chart(tree, ChartType.FAN, focus, up=5, sizer=make_sizer())
    scene = ChartScene(tree, layout)
    item = scene.item_for(outer)
    assert isinstance(item, FanSegmentItem)
    assert item.segment.label is not None
    assert item.segment.label.shortened
    assert tree.people[outer].display_name() in item.toolTip()
    assert "generation 5" in item.toolTip()


def test_a_duplicate_is_marked_and_clicking_it_selects_the_first_appearance(qapp, qtbot) -> None:
    from support.families import cousin_marriage

    tree, p = cousin_marriage()
    layout = layout_chart(tree, ChartType.FAN, p["kid"], up=3, sizer=make_sizer())
    scene = ChartScene(tree, layout)
    dup = next(i for i in scene.box_items.values() if i.is_duplicate)
    assert "also shown elsewhere" in dup.toolTip()
    heard: list[str] = []
    scene.personClicked.connect(heard.append)
    scene.press(dup)
    assert heard == [p["gf"]]
    assert scene.selected_person_id() == p["gf"]
    assert scene.item_for(p["gf"]).isSelected()
    assert not scene.item_for(p["gf"]).is_duplicate


@pytest.mark.parametrize("colours", list(FanColours))
def test_colours_tell_the_side_or_the_generation(qapp, colours: FanColours) -> None:
    from familytree.render.fan_items import fan_fill
    from familytree.render.palette import Palette

    tree, focus = full_pedigree(3)
    layout = layout_chart(tree, ChartType.FAN, focus, up=3, fan=FanOptions(270, colours))
    assert layout.fan is not None
    fills: dict[tuple[object, int], set[str]] = {}
    for seg in layout.fan.segments:
        key = (seg.side if colours is FanColours.SIDE else None, seg.generation)
        fills.setdefault(key, set()).add(fan_fill(Palette.light(), seg, colours).name())
    assert all(len(v) == 1 for v in fills.values())  # one colour for each side and ring (or ring)
    by_ring = [next(iter(fills[(None, g)])) for g in range(4)] if colours is FanColours.GENERATION else []
    assert len(set(by_ring)) == len(by_ring)
    if colours is FanColours.SIDE:
        from familytree.layout.fan import FanSide

        assert fills[(FanSide.PATERNAL, 1)] != fills[(FanSide.MATERNAL, 1)]
    high = {fan_fill(Palette.high_contrast(), s, colours).name() for s in layout.fan.segments}
    assert high == {Palette.high_contrast().background.name()}  # white text on black, as every chart


# -- the window ------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, bundled_path: Path) -> MainWindow:
    return make_window(qtbot, bundled_path)


def segment_point(window: MainWindow, person_id: str) -> QPoint:
    item = window.scene.item_for(person_id)
    assert isinstance(item, FanSegmentItem)
    seg = item.segment
    mid, r = math.radians(seg.middle), (seg.inner + seg.outer) / 2 if seg.generation else 0.0
    point = QPointF(r * math.sin(mid), -r * math.cos(mid))
    window.view.finish_animation()
    window.view.centerOn(point)
    return window.view.mapFromScene(point)


@pytest.mark.gui
def test_choosing_the_fan_in_the_window_then_clicking_and_double_clicking(qtbot, window: MainWindow) -> None:
    tree = window.workspace.tree
    assert tree is not None
    combo = window.chart_controls.chart_combo
    index = combo.findData(ChartType.FAN.value)
    assert index >= 0
    assert combo.itemText(index) == "Fan chart"
    window.workspace.set_focus(yulia(tree))
    combo.setCurrentIndex(index)
    assert window.workspace.settings.chart_type is ChartType.FAN
    assert window.workspace.layout.fan is not None
    assert all(isinstance(i, FanSegmentItem) for i in window.scene.box_items.values())
    sergei = next(pid for pid, p in tree.people.items() if p.display_name() == "Sergei Sedov")
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=segment_point(window, sergei))
    assert window.workspace.selected_id == sergei
    assert window.workspace.focus_id == yulia(tree)
    assert "Sergei Sedov" in window.statusBar().currentMessage()
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=segment_point(window, sergei))
    window.view.finish_animation()
    assert window.workspace.focus_id == sergei  # re-centred: Sergei in the middle of a new fan
    middle = window.workspace.layout.fan
    assert middle is not None
    assert middle.segments[0].person_id == sergei
    trotsky = next(pid for pid, p in tree.people.items() if p.display_name() == "Leon Trotsky")
    assert window.scene.item_for(trotsky).segment.generation == 1  # type: ignore[union-attr]


@pytest.mark.gui
def test_view_menu_sets_the_fan_angle_and_colours_and_the_window_remembers_them(qtbot, window: MainWindow
                                                                                 ) -> None:
    menu = window.fan_menu
    assert menu.menuAction() in window.menus[Menu.VIEW].actions()
    menu.angle_actions[360].trigger()
    settings = window.workspace.settings
    assert settings.chart_type is ChartType.FAN
    assert settings.fan.angle == 360
    assert window.workspace.layout.fan is not None
    assert window.workspace.layout.fan.angle == 360
    menu.colour_actions[FanColours.GENERATION].trigger()
    assert window.workspace.layout.fan.colours is FanColours.GENERATION
    assert window.chart_controls.chart_combo.currentData() == ChartType.FAN.value
    assert not window.chart_controls.down_spin.isEnabled()  # a fan shows ancestors only
    remembered = window.settings.chart()
    assert remembered.chart_type is ChartType.FAN
    assert remembered.fan == FanOptions(360, FanColours.GENERATION)
    menu.angle_actions[180].trigger()
    assert menu.angle_actions[180].isChecked()
    assert not menu.angle_actions[360].isChecked()
    assert window.settings.chart().fan.angle == 180
