"""The chart in the window as files are opened one after another: zoom per file, scroll bars, the
overview in a corner, re-centring, and the progress of a long load."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from familytree.ui.chart_panel import READABLE_ZOOM
from familytree.ui.files import SYNC_LOAD_LIMIT
from familytree.ui.main_window import MainWindow
from support.windows import make_window, shows_as_much_as_fits, visible_rect

pytestmark = pytest.mark.gui

YULIA, SERGEI, DAVID = "@I7@", "@I1@", "@I8@"


def wide_family(path: Path, children: int = 40) -> Path:
    """A couple with `children` children, each married with a child: a chart too wide to read whole."""
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8",
             "0 @P1@ INDI", "1 NAME Adam /Wide/", "1 SEX M", "1 FAMS @F0@",
             "0 @P2@ INDI", "1 NAME Eve /Broad/", "1 SEX F", "1 FAMS @F0@",
             "0 @F0@ FAM", "1 HUSB @P1@", "1 WIFE @P2@"]
    lines += [f"1 CHIL @C{i}@" for i in range(children)]
    for i in range(children):
        lines += [f"0 @C{i}@ INDI", f"1 NAME Child{i} /Wide/", "1 SEX M", "1 FAMC @F0@", f"1 FAMS @G{i}@",
                  f"0 @W{i}@ INDI", f"1 NAME Wife{i} /Other/", "1 SEX F", f"1 FAMS @G{i}@",
                  f"0 @K{i}@ INDI", f"1 NAME Grandchild{i} /Wide/", f"1 FAMC @G{i}@",
                  f"0 @G{i}@ FAM", f"1 HUSB @C{i}@", f"1 WIFE @W{i}@", f"1 CHIL @K{i}@"]
    lines.append("0 TRLR")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_file(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_file(str(path))
    window.view.finish_animation()


def whole_chart_in_view(window: MainWindow) -> bool:
    return visible_rect(window).adjusted(-1, -1, 1, 1).contains(window.scene.sceneRect())


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    return make_window(qtbot, bundled_path)


# -- zoom per file ---------------------------------------------------------------------------------
def test_a_big_files_zoom_does_not_carry_over_to_the_small_family(qtbot, window, bundled_path, tmp_path):
    first_look = window.view.zoom
    assert whole_chart_in_view(window)  # the ten people fit the window
    big = wide_family(tmp_path / "wide.ged")
    open_file(qtbot, window, big)
    assert window.view.fit_factor(window.scene.sceneRect()) < READABLE_ZOOM
    assert window.view.zoom == pytest.approx(1.0)  # too wide to read whole: readable boxes around the focus
    window.view.set_zoom(0.8)  # the user zooms out a little on the big file
    open_file(qtbot, window, bundled_path)
    assert window.view.zoom == pytest.approx(first_look)  # the family's own zoom, not the big file's
    assert whole_chart_in_view(window)
    open_file(qtbot, window, big)
    assert window.view.zoom == pytest.approx(0.8)  # and the big file's own zoom is kept for it


def test_each_file_keeps_its_zoom_in_a_new_window(qtbot, window, bundled_path):
    window.view.set_zoom(2.0)
    window.close()
    again = make_window(qtbot, bundled_path)
    assert again.view.zoom == pytest.approx(2.0)


# -- scroll bars and re-centring ------------------------------------------------------------------
def test_scroll_bars_only_while_the_chart_is_larger_than_the_window(qtbot, window):
    view = window.view
    bars = (view.horizontalScrollBar(), view.verticalScrollBar())
    assert whole_chart_in_view(window)
    qtbot.wait(50)  # the view shows or hides its bars once it has laid itself out
    assert not any(bar.isVisible() for bar in bars)
    view.set_zoom(3.0)
    qtbot.waitUntil(lambda: all(bar.isVisible() for bar in bars))
    window.actions_by_id["view.fit"].trigger()
    assert whole_chart_in_view(window)
    qtbot.waitUntil(lambda: not any(bar.isVisible() for bar in bars))


@pytest.mark.parametrize("person_id", [YULIA, DAVID, SERGEI, "@I6@", "@I9@"])
def test_re_centring_keeps_as_much_of_the_chart_in_view_as_fits(qtbot, window, person_id):
    # Yulia is at the foot of her chart, David Bronstein at the top of his: centred exactly, half the
    # window was empty while the other end of the chart was cut off
    window.view.set_zoom(2.0)
    window.workspace.set_focus(person_id)
    window.view.finish_animation()
    assert shows_as_much_as_fits(window, person_id)


def test_a_newly_opened_big_chart_starts_at_its_edge_not_past_it(qtbot, window, tmp_path):
    open_file(qtbot, window, wide_family(tmp_path / "wide.ged"))
    assert shows_as_much_as_fits(window, window.workspace.focus_id)


# -- the overview ------------------------------------------------------------------------------------
def test_the_overview_never_covers_the_focus_or_the_selected_box(qtbot, window):
    view, minimap = window.view, window.view.minimap
    view.set_zoom(2.5)
    chart = window.scene.sceneRect()
    shown = 0
    for person_id in list(window.workspace.layout.person_ids):
        window.workspace.select(person_id)
        # wherever the view is scrolled: each corner of the chart and its middle
        for x in (chart.left(), chart.center().x(), chart.right()):
            for y in (chart.top(), chart.center().y(), chart.bottom()):
                view.centerOn(QPointF(x, y))
                if not minimap.isVisible():
                    continue
                shown += 1
                for pid in {person_id, window.workspace.focus_id}:
                    box = view.mapFromScene(window.scene.item_for(pid).sceneBoundingRect()).boundingRect()
                    box.translate(view.viewport().pos())
                    assert not minimap.geometry().intersects(box), (pid, x, y)
    assert shown  # the overview was there most of the time


def test_the_overview_is_hidden_while_the_whole_chart_is_in_view(qtbot, window):
    window.view.set_zoom(2.5)
    assert window.view.minimap.isVisible()
    window.actions_by_id["view.fit"].trigger()
    assert whole_chart_in_view(window)
    assert not window.view.minimap.isVisible()


# -- loading -----------------------------------------------------------------------------------------
def many_people(path: Path, people: int) -> Path:
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "1 CHAR UTF-8"]
    for i in range(people):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Person{i} /Family{i % 97}/",
                  "1 BIRT", f"2 DATE {1800 + i % 200}", "2 PLAC Leeds, Yorkshire, England",
                  "1 NOTE A line of biography, long enough to make the file a few megabytes in all."]
    lines.append("0 TRLR")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_progress_bar_moves_as_a_large_file_is_read(qtbot, window, tmp_path):
    path = many_people(tmp_path / "large.ged", 20000)
    assert path.stat().st_size > max(SYNC_LOAD_LIMIT, 3_000_000)  # read in a thread, with the bar
    seen: list[int] = []
    window.files.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(window.fileLoaded, timeout=30000):
        window.open_file(str(path))
        assert window.files.progress.isVisible()
    assert len(window.workspace.tree.people) == 20000
    values = [v for v in seen if v > 0]  # the bar starts from 0 at each load
    assert len(values) >= 30  # many steps, not 0 then 100
    assert values == sorted(values)
    assert values[-1] == 100
    assert any(40 <= v <= 60 for v in values)  # it passes through the middle
