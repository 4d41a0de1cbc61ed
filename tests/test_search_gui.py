"""The search field as a user works it: type, move with the arrows, pick with Enter, in the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from familytree.model import Tree
from familytree.ui.search_box import SearchBox, highlighted_html

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def tree(bundled_path: Path) -> Tree:
    from familytree.gedcom import read_file

    return read_file(str(bundled_path))

@pytest.fixture
def box(qtbot, tree: Tree) -> SearchBox:  # type: ignore[no-untyped-def]
    widget = SearchBox()
    qtbot.addWidget(widget)
    widget.setTree(tree)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget

def _key_clicks(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` key by key; QTest's keyClicks only knows ASCII, so others go as text events."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

def _type(qtbot, box: SearchBox, text: str) -> None:  # type: ignore[no-untyped-def]
    _key_clicks(qtbot, box, text)
    qtbot.waitUntil(lambda: box.popup.isVisible() and bool(box.result_rows()), timeout=3000)

def test_type_down_enter_chooses_the_person(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Seryozha")
    assert box.result_rows()[0] == ("person", "@I1@")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args == ["@I1@"]
    assert not box.popup.isVisible()

def test_arrows_walk_past_headings(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Sedov")
    people = [r for r in box.result_rows() if r[0] == "person"]
    assert len(people) >= 3
    assert box.current_row() is None  # nothing is picked until the arrows are used
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.current_row() == box.result_rows()[0]  # the "People" heading is skipped
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.current_row() == box.result_rows()[1]
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.current_row() == box.result_rows()[0]
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert chosen.args == [box.result_rows()[0][1]]

def test_enter_before_the_pause_searches_at_once(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(box, "Genrietta")
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args == ["@I6@"]

def test_reason_and_life_years_are_shown(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Серёжа")
    view = box.popup.list
    row = next(i for i in range(view.count()) if view.item(i).data(Qt.ItemDataRole.UserRole))
    label = view.itemWidget(view.item(row))
    assert isinstance(label, QLabel)
    assert "Sergei Sedov" in label.text()
    assert "1908" in label.text()
    assert "Cyrillic Серёжа" in label.text()

def test_text_results_highlight_and_open_the_person(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Krasnoyarsk")
    rows = box.result_rows()
    assert ("person", "@I1@") in rows
    view = box.popup.list
    texts = [view.itemWidget(view.item(i)).text() for i in range(view.count())
             if view.item(i).data(Qt.ItemDataRole.UserRole)]
    assert any("'>Krasnoyarsk</b>" in t and "background-color" in t for t in texts)
    # no people are called Krasnoyarsk: the first result is a text, Enter opens its person
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args[0] in {"@I1@", "@I6@", "@I9@", "@I10@"}

def test_escape_clears(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Lev")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert not box.popup.isVisible()

def test_filters_narrow_the_results(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Sedov")
    assert ("person", "@I4@") in box.result_rows()
    women = box.filter_menu.sex.findText("Female")
    box.filter_menu.sex.setCurrentIndex(women)
    qtbot.waitUntil(lambda: ("person", "@I4@") not in box.result_rows(), timeout=2000)
    assert ("person", "@I3@") in box.result_rows()  # Natalia Sedova
    assert box.filter_action.text() == "Filters (on)"
    box.filter_menu.born_from.setValue(1930)  # and born from 1930: Yulia is no Sedov by name
    qtbot.waitUntil(lambda: ("person", "@I3@") not in box.result_rows(), timeout=2000)
    box.filter_menu.clear()
    qtbot.waitUntil(lambda: ("person", "@I4@") in box.result_rows(), timeout=2000)

@pytest.mark.parametrize("text", ["🙂", ".*[(", "x" * 10_000, "<b>bold</b> & co"])
def test_odd_input_shows_no_error(qtbot, box: SearchBox, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setText(text)
    box.update_results()
    assert box.popup.isVisible()
    assert box.result_rows() == [] or box.result_rows()[0][0] in ("person", "source")

def test_highlighted_html_escapes_markup() -> None:
    text = "a <script>x</script> & Krasnoyarsk"
    start = text.index("Krasnoyarsk")
    out = highlighted_html(text, ((start, start + len("Krasnoyarsk")),))
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert out.endswith("Krasnoyarsk</b>")

def test_large_tree_is_indexed_in_the_background(qtbot) -> None:  # type: ignore[no-untyped-def]
    from familytree.model import Name, Person

    big = Tree()
    for i in range(6000):
        big.add_person(Person(f"@I{i}@", [Name.from_gedcom(f"Person{i % 97} /Family{i % 89}/")]))
    widget = SearchBox()
    qtbot.addWidget(widget)
    widget.setTree(big)
    widget.show()
    qtbot.keyClicks(widget, "Family7")
    qtbot.waitUntil(lambda: bool(widget.result_rows()), timeout=10_000)
    assert all(kind == "person" for kind, _ in widget.result_rows())

def _main_window_with_search():  # type: ignore[no-untyped-def]
    try:
        from familytree.ui.main_window import MainWindow
    except ImportError:
        pytest.skip("the main window is not built yet")
    return MainWindow

def test_search_in_the_real_window(qtbot, bundled_path: Path) -> None:  # type: ignore[no-untyped-def]
    main_window = _main_window_with_search()
    window = main_window(path=str(bundled_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.tree is not None and bool(ws.focus_id), timeout=10_000)
    qtbot.waitUntil(lambda: window.search_box is not None, timeout=5000)
    box = window.search_box
    assert isinstance(box, SearchBox)
    assert box.parent() is not None
    # the field is in the toolbar, and "/" on the chart puts the keyboard in it (the window is
    # made wide enough for the whole toolbar: in a narrow one the field sits in the overflow)
    assert window.toolbar.isAncestorOf(box)
    window.resize(1400, 900)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and box.isVisible(), timeout=3000)
    window.view.setFocus()
    qtbot.keyClick(window.view, "/")
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    # pick someone the chart does not show yet, so that choosing them must re-centre it
    window.up_spin.setValue(1)
    window.down_spin.setValue(1)
    window.workspace.set_focus("@I7@")
    assert window.scene.item_for("@I8@") is None
    _key_clicks(qtbot, box, "Давид Бронштейн")
    qtbot.waitUntil(lambda: bool(box.result_rows()), timeout=3000)
    assert box.result_rows()[0] == ("person", "@I8@")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace.selected_id == "@I8@", timeout=3000)
    assert window.workspace.focus_id == "@I8@"
    assert window.scene.item_for("@I8@") is not None
    assert "David Bronstein" in window.details.toPlainText()


def test_popup_stays_on_the_screen(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    screen = box.screen().availableGeometry()
    box.resize(200, box.height())
    box.move(screen.right() - 210, screen.top() + 10)
    _type(qtbot, box, "Sedov")
    popup = box.popup.frameGeometry()
    assert popup.right() <= screen.right()
    assert popup.left() >= screen.left()
    assert popup.top() >= box.mapToGlobal(box.rect().bottomLeft()).y()


def test_click_on_a_result_chooses_it(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Genrietta")
    view = box.popup.list
    row = next(i for i in range(view.count()) if view.item(i).data(Qt.ItemDataRole.UserRole))
    where = view.visualItemRect(view.item(row)).center()
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert chosen.args == ["@I6@"]


def test_a_source_only_text_opens_the_source(qtbot, box: SearchBox, tree: Tree) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "Nemesis")  # a word of a source's title
    sources = [r for r in box.result_rows() if r[0] == "source"]
    assert sources, box.result_rows()
    assert "Nemesis" in tree.sources[sources[0][1]].title
    while box.current_row() != sources[0]:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    with qtbot.waitSignal(box.sourceChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args == [sources[0][1]]


def test_a_year_finds_who_was_born_or_died_then(qtbot, box: SearchBox) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, box, "1936")
    people = [r for r in box.result_rows() if r[0] == "person"]
    assert people[:1] == [("person", "@I7@")]  # Yulia, born in Moscow in 1936
    view = box.popup.list
    row = next(i for i in range(view.count()) if view.item(i).data(Qt.ItemDataRole.UserRole))
    label = view.itemWidget(view.item(row))
    assert "born 1936" in label.text()
    with qtbot.waitSignal(box.personChosen, timeout=2000) as chosen:
        qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert chosen.args == ["@I7@"]
