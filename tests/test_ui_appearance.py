"""View > High Contrast and the system's light or dark: the chart, the docks and their rows change at once."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from familytree.render.palette import Palette
from familytree.ui.appearance import high_contrast_widgets
from familytree.ui.main_window import MainWindow
from support.windows import dim_rows, make_window

pytestmark = pytest.mark.gui

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    win = make_window(qtbot, bundled_path)
    win.evidence  # noqa: B018 (the Timeline dock, built after the first paint in real use)
    win.details.show_person(win.workspace.tree, win.workspace.focus_id)
    yield win
    win.appearance.restore()  # the application's palette is shared with the next test


def box_fill(window: MainWindow, person_id: str) -> QColor:
    """The colour on screen just inside the bottom-right corner of a person's box (fill, not text)."""
    item = window.scene.item_for(person_id)
    assert item is not None
    window.view.ensureVisible(item, 10, 10)
    box = item.box
    corner = window.view.mapFromScene(box.x + box.width - 8, box.y + box.height - 8)  # inside the border
    return window.view.viewport().grab().toImage().pixelColor(corner)


def link_colours(window: MainWindow) -> set[str]:
    out = set()
    block = window.details.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                out.add(fmt.foreground().color().name())
            it += 1
        block = block.next()
    return out


def look(window: MainWindow) -> dict[str, object]:
    """What a user sees change: the window, a chart box, a dock, the timeline's rows, a link."""
    QApplication.processEvents()  # a new style reaches the widgets from the event loop
    focus = window.workspace.focus_id
    return {
        "window": window.palette().color(Role.Window).name(),
        "text": window.palette().color(Role.WindowText).name(),
        "chart": window.scene.backgroundBrush().color().name(),
        "box": box_fill(window, focus).name(),
        "dock": window.details.palette().color(Role.Base).name(),
        "dock text": window.details.palette().color(Role.Text).name(),
        "timeline": window.evidence.timeline.list.palette().color(Role.Base).name(),
        "rows": dim_rows(window),
        "links": link_colours(window),
    }


def test_high_contrast_switches_everything_at_once_and_back_exactly(qtbot, window: MainWindow) -> None:
    before = look(window)
    assert before["rows"], "the bundled family's timeline has rows drawn apart"
    assert before["links"], "the details of the focus person link to relatives"
    focus_sex = window.workspace.tree.people[window.workspace.focus_id].sex

    window.actions_by_id["view.high_contrast"].trigger()
    on = look(window)
    hc, widgets = Palette.high_contrast(), high_contrast_widgets()
    assert on["window"] == on["dock"] == on["timeline"] == on["chart"] == "#000000"
    assert on["text"] == on["dock text"] == "#ffffff"
    assert on["box"] == hc.fill(focus_sex).name(), "the boxes change now, not at the next re-centre"
    assert on["rows"] == {widgets.color(Group.Disabled, Role.Text).name()}
    assert on["links"] == {widgets.color(Role.Link).name()}

    window.actions_by_id["view.high_contrast"].trigger()
    assert look(window) == before


def test_high_contrast_is_remembered_and_the_next_window_opens_in_it(qtbot, window: MainWindow,
                                                                      bundled_path) -> None:
    window.actions_by_id["view.high_contrast"].trigger()
    window.close()
    assert QGuiApplication.palette().color(Role.Window).name() != "#000000", \
        "a closed window gives the application its palette back"
    again = make_window(qtbot, bundled_path)
    QApplication.processEvents()
    try:
        assert again.actions_by_id["view.high_contrast"].isChecked()
        assert again.scene.chart_palette.name == "high-contrast"
        assert again.palette().color(Role.Window).name() == "#000000"
    finally:
        again.appearance.restore()


def test_the_system_turning_dark_turns_the_chart_and_the_rows_dark(qtbot, window: MainWindow) -> None:
    before = look(window)
    light = QPalette(QGuiApplication.palette())
    dark = QPalette(light)
    for role, colour in ((Role.Window, "#2b2b2b"), (Role.Base, "#1e1e1e"), (Role.Text, "#eeeeee"),
                         (Role.WindowText, "#eeeeee"), (Role.Link, "#8ab4f8")):
        dark.setColor(role, QColor(colour))
    dark.setColor(Group.Disabled, Role.Text, QColor("#8a8a8a"))
    QApplication.setPalette(dark)  # what Qt does when the desktop switches to dark
    try:
        now = look(window)
        assert window.scene.chart_palette.name == "dark"
        assert now["chart"] == Palette.dark().background.name()
        assert now["box"] == Palette.dark().fill(
            window.workspace.tree.people[window.workspace.focus_id].sex).name()
        assert now["rows"] == {"#8a8a8a"}
        assert now["links"] == {"#8ab4f8"}
    finally:
        QApplication.setPalette(light)
    assert look(window) == before
