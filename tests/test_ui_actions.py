"""The window's commands are declared once: menus, keys and Help > Keyboard Shortcuts come from the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser

from familytree.layout import ChartType, Orientation
from familytree.ui.actions import ACTIONS, Menu, shortcuts_table
from familytree.ui.main_window import MainWindow
from familytree.ui.settings import Key, Keys, Settings
from familytree.workspace import ChartSettings

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    from familytree.gedcom import read_file

    win = MainWindow(tree=read_file(bundled_path), path=str(bundled_path))
    qtbot.addWidget(win)
    return win


def test_every_declared_command_is_in_its_menu_with_its_keys(window: MainWindow) -> None:
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids)), "an id declared twice"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [m.value for m in Menu]
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert action.text() == spec.text
        if spec.menu is not None:
            assert action in window.menus[spec.menu].actions(), spec.id
        for key in spec.keys:
            if isinstance(key, str):
                assert QKeySequence(key) in action.shortcuts(), (spec.id, key)


def test_no_two_commands_answer_the_same_key(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for key in window.actions_by_id[spec.id].shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is both {seen[text]} and {spec.id}"
            seen[text] = spec.id


def test_triggering_a_command_does_what_its_menu_says(window: MainWindow) -> None:
    ws = window.workspace
    start = ws.focus_id
    window.actions_by_id["view.horizontal"].trigger()
    assert ws.settings.orientation is Orientation.HORIZONTAL
    assert ws.layout.orientation is Orientation.HORIZONTAL
    ws.set_focus(next(p for p in ws.tree.people if p != start))
    assert window.actions_by_id["go.back"].isEnabled()
    window.actions_by_id["go.back"].trigger()
    assert ws.focus_id == start
    assert window.actions_by_id["go.forward"].isEnabled()


def test_keyboard_shortcuts_lists_every_key_the_window_answers(qtbot, window: MainWindow) -> None:
    rows = shortcuts_table(window.actions_by_id)
    listed = " ".join(keys for keys, _what in rows)
    for spec in ACTIONS:
        for key in window.actions_by_id[spec.id].shortcuts():
            typed = key.toString(QKeySequence.SequenceFormat.NativeText)
            if "+" in typed:
                assert typed in listed, spec.id
    window.actions_by_id["help.shortcuts"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
                  and w.windowTitle() == "Keyboard Shortcuts")
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "Relationship" in text
    assert "Ctrl+Shift+R" in text
    dialog.close()


def test_a_setting_of_the_wrong_type_reads_as_its_default(qapp, tmp_path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings = Settings(store)
    store.setValue("chart/up", "lots")
    store.setValue("chart/type", "spiral")
    store.setValue("view/minimap", "false")
    assert settings.get(Keys.GENERATIONS_UP) == 3
    assert settings.get(Keys.MINIMAP) is False
    assert settings.chart() == ChartSettings(ChartType.HOURGLASS, 3, 3, Orientation.VERTICAL)
    assert settings.get(Key("export/dpi", 150.0)) == 150.0


def test_chart_settings_survive_a_round_trip_including_all_generations(qapp, tmp_path) -> None:
    from familytree.layout import ALL_GENERATIONS

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    chosen = ChartSettings(ChartType.RELATIVES, ALL_GENERATIONS, 2, Orientation.HORIZONTAL)
    settings.set_chart(chosen)
    assert settings.chart() == chosen


def test_file_save_never_writes_into_the_family_that_comes_with_the_program(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (asked.append(args[2]), ("", ""))[1])
    before = window.workspace.path
    window.actions_by_id["file.save"].trigger()
    assert asked, "Save on the bundled family asks where to save, as Save As does"
    assert window.workspace.path == before


def test_keyboard_shortcuts_lists_keys_one_types(window: MainWindow) -> None:
    listed = {what: keys.split(", ") for keys, what in shortcuts_table(window.actions_by_id)}
    assert "Ctrl+O" in listed["Open"]
    assert "Open" not in listed["Open"]  # the Open key of some keyboards is not a shortcut to type
