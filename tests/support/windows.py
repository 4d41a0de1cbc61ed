"""The main window as GUI tests open it: shown, sized, with a file loaded and the view settled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from pytestqt.qtbot import QtBot

from familytree.model import Tree
from familytree.ui.main_window import MainWindow


def make_window(qtbot: QtBot, path: Path | None = None, tree: Tree | None = None,
                resize: bool = True) -> MainWindow:
    """A shown window holding `tree`, or the file at `path` once it has loaded."""
    window = MainWindow(tree=tree)
    qtbot.addWidget(window, before_close_func=_without_asking)
    if resize:
        window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    if path is not None:
        with qtbot.waitSignal(window.fileLoaded, timeout=10000):
            window.open_file(str(path))
    window.view.finish_animation()
    return window


def _without_asking(window: MainWindow) -> None:
    """A test's window closes without asking about changes left unsaved: a window whose close waits for
    an answer would be deleted without its threads stopped."""
    window.files.give_up_changes()
    window.close_anyway()


def visible_rect(window: MainWindow) -> QRectF:
    """The part of the chart in the window, in scene coordinates."""
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def shows_as_much_as_fits(window: MainWindow, person_id: str) -> bool:
    """The person's box is in view, with as much of the chart around it as the window holds: along
    each side the chart is either whole and in the middle, or fills the window edge to edge."""
    item = window.scene.item_for(person_id)
    assert item is not None, f"{person_id} is not on the chart"
    visible = visible_rect(window)
    chart = window.scene.sceneRect()
    if not visible.adjusted(-1, -1, 1, 1).contains(item.sceneBoundingRect()):
        return False
    slack = 3 / window.view.zoom  # pixels of rounding
    for low, high, seen_low, seen_high in ((chart.left(), chart.right(), visible.left(), visible.right()),
                                           (chart.top(), chart.bottom(), visible.top(), visible.bottom())):
        if high - low <= seen_high - seen_low:
            if abs((low + high) / 2 - (seen_low + seen_high) / 2) > slack:
                return False
        elif seen_low < low - slack or seen_high > high + slack:
            return False
    return True


def dim_rows(window: MainWindow) -> set[str]:
    """The colours of the timeline rows drawn apart (a relative's event, history)."""
    tree = window.evidence.timeline.list
    out = set()
    for row in range(tree.topLevelItemCount()):
        brush = tree.topLevelItem(row).foreground(0)
        if brush.style() != Qt.BrushStyle.NoBrush:
            out.add(brush.color().name())
    return out
