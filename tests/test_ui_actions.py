"""The window's commands are declared once: menus, keys and Help > Keyboard Shortcuts come from the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser

from familytree.layout import ChartType, Orientation
from familytree.ui.actions import ACTIONS, TYPED_KEYS, Menu, shortcuts_table
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


def listed_keys(window: MainWindow, where: str | None = None) -> set[str]:
    return {key for row in shortcuts_table(window.actions_by_id) if where in (None, row.where)
            for key in row.keys.split(", ")}


def test_keyboard_shortcuts_lists_every_key_the_window_answers(qtbot, window: MainWindow) -> None:
    """Every key bound to anything in the window, by an action or a shortcut, is in the list."""
    listed = listed_keys(window)
    native = QKeySequence.SequenceFormat.NativeText
    bound: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            bound[key.toString(native)] = action.objectName() or action.text()
    for shortcut in window.findChildren(QShortcut):
        bound[shortcut.key().toString(native)] = "a QShortcut"
    # keys of some keyboards only ("Open", "Shift+Save") are not for typing; every other one is listed
    missing = {key: who for key, who in bound.items() if key not in listed
               and (len(key.rsplit("+", 1)[-1]) <= 3 or key.rsplit("+", 1)[-1] in TYPED_KEYS)}
    assert not missing, f"bound but not in Help > Keyboard Shortcuts: {missing}"
    window.actions_by_id["help.shortcuts"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
                  and w.windowTitle() == "Keyboard Shortcuts")
    text = dialog.findChild(QTextBrowser).toPlainText()
    for row in shortcuts_table(window.actions_by_id):
        assert row.keys in text
        assert row.what in text
    assert "Ctrl+Shift+R" in text
    assert "Relationship" in text
    dialog.close()


# the keys one types: printable ASCII (Qt's letters are the capitals), the editing and moving keys
_NAMED = ("Escape", "Tab", "Backspace", "Return", "Enter", "Insert", "Delete", "Home", "End", "Left", "Up",
          "Right", "Down", "PageUp", "PageDown", *(f"F{n}" for n in range(1, 13)))
KEYS_TRIED = [Qt.Key(code) for code in (*range(0x20, 0x61), *range(0x7B, 0x7F))] + \
    [getattr(Qt.Key, f"Key_{name}") for name in _NAMED]


def test_every_key_the_chart_itself_answers_is_declared(qtbot) -> None:
    """The chart view handles some keys itself (a view without a window has no actions): each is
    declared in ui/actions.py, so the list of shortcuts has it."""
    from familytree.ui.chart_view import ChartView

    view = ChartView()
    qtbot.addWidget(view)
    answered: list[str] = []
    for signal in (view.navigateRequested, view.activateRequested, view.backRequested, view.forwardRequested):
        signal.connect(lambda *_args, s=signal: answered.append("yes"))
    declared = {QKeySequence(k) for spec in ACTIONS for k in (*spec.chart_keys, *spec.keys)
                if isinstance(k, str)}
    for key in KEYS_TRIED:
        answered.clear()
        qtbot.keyClick(view, key)
        if answered:
            assert QKeySequence(key) in declared, QKeySequence(key).toString()


def test_home_goes_home_from_the_chart_and_moves_the_cursor_in_the_search_box(qtbot, bundled_path) -> None:
    from support.windows import make_window

    window = make_window(qtbot, bundled_path)
    window.raise_()
    window.activateWindow()  # keys reach only the active window's focused widget
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    ws = window.workspace
    home = ws.home_id
    assert home, "a file opens with a home person"
    elsewhere = next(p for p in ws.tree.people if p != home)
    ws.set_focus(elsewhere)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Home)
    assert ws.focus_id == home
    ws.set_focus(elsewhere)
    box = window.search_box
    window.focus_search()
    qtbot.keyClicks(box, "Sedov")
    qtbot.keyClick(box, Qt.Key.Key_Home)
    assert box.cursorPosition() == 0
    assert ws.focus_id == elsewhere, "Home in a text field is the cursor's, not the chart's"
    qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert ws.focus_id == home, "Alt+Home goes home from anywhere"
    assert "Home" in listed_keys(window, "On the chart")


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
    listed = {row.what: row.keys.split(", ") for row in shortcuts_table(window.actions_by_id)}
    assert "Ctrl+O" in listed["Open"]
    assert "Open" not in listed["Open"]  # the Open key of some keyboards is not a shortcut to type


def test_a_screen_reader_is_told_every_key_of_the_chart(window: MainWindow) -> None:
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(window.view)
    assert interface is not None
    told = interface.text(QAccessible.Text.Help)
    for spec in ACTIONS:
        for key in spec.chart_keys:
            assert f"{key}" in told, key
    assert "Home: Centre on the home person" in told
