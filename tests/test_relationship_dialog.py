"""The Relationship dialog on the bundled family: the relationship, its path in words and on the chart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from familytree.gedcom import read_file
from familytree.model import Name, Person, Sex
from familytree.ui.main_window import MainWindow
from familytree.ui.relationship_dialog import RelationshipDialog, clear_highlight, highlighted_ids

pytestmark = pytest.mark.gui

YULIA, SERGEI, LEON, NATALIA, LEV, OLGA = "@I7@", "@I1@", "@I2@", "@I3@", "@I4@", "@I5@"




@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    tree = read_file(bundled_path)
    tree.add_person(Person("@LONER@", [Name.from_gedcom("Ann /Other/")], Sex.FEMALE))
    win = MainWindow(tree=tree, path=str(bundled_path), focus=SERGEI)
    qtbot.addWidget(win)
    win.evidence  # noqa: B018 (built as after the first paint)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(qtbot, window: MainWindow, a: str, b: str) -> RelationshipDialog:
    dialog = RelationshipDialog(window.workspace, window.chart, a, b, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(("a", "b", "statement"), [
    (YULIA, LEON, "Yulia is Leon Trotsky's granddaughter"),
    (LEV, YULIA, "Lev Sedov is Yulia's uncle"),
    (OLGA, NATALIA, "Olga Greber is Natalia Sedova's daughter-in-law"),
    (SERGEI, OLGA, "Sergei Sedov is Olga Greber's husband"),
])
def test_names_the_relationship_closest_first(qtbot, window, a, b, statement):
    dialog = open_dialog(qtbot, window, a, b)
    assert dialog.statements()[0] == statement


def test_the_path_in_words(qtbot, window):
    dialog = open_dialog(qtbot, window, YULIA, LEON)
    assert dialog.path_view.toPlainText() == \
        "Yulia is the daughter of Sergei Sedov, who is the son of Leon Trotsky."


def test_no_known_relationship(qtbot, window):
    dialog = open_dialog(qtbot, window, "@LONER@", LEON)
    assert dialog.statements() == ["No known relationship between Ann Other and Leon Trotsky."]
    assert not dialog.show_button.isEnabled()


def test_no_kinship_term_still_says_how_they_are_connected(qtbot, window):
    dialog = open_dialog(qtbot, window, OLGA, "@I6@")  # Sergei Sedov's two partners
    assert dialog.statements() == ["No known relationship between Olga Greber and Genrietta Rubinshtein."]
    assert dialog.path_view.toPlainText() == (
        "No kinship term, but they are connected: Olga Greber is the wife "
        "of Sergei Sedov, who is the partner of Genrietta Rubinshtein.")
    loner = open_dialog(qtbot, window, "@LONER@", LEON)
    assert "connected" not in loner.path_view.toPlainText()


def test_swap_asks_the_other_way_round(qtbot, window):
    dialog = open_dialog(qtbot, window, YULIA, LEON)
    dialog.swap()
    assert dialog.statements()[0] == "Leon Trotsky is Yulia's grandfather"
    assert dialog.a_label.text().startswith("Leon Trotsky")


def test_show_on_chart_highlights_the_people_and_lines_of_the_path(qtbot, window):
    dialog = open_dialog(qtbot, window, YULIA, LEON)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    rel = dialog.current_relationship()
    assert rel is not None
    assert highlighted_ids(window.scene) == {YULIA, SERGEI, LEON, "@F4@", "@F1@"}
    # the lines of Leon's family lead to Sergei, not to his brother Lev
    lev = window.scene.item_for(LEV)
    assert lev is not None
    lev_rect = lev.sceneBoundingRect().adjusted(-3, -3, 3, 3)
    for item in window.scene.items():
        if item.data(0) == "relationship-path" and item.data(1) == "@F1@":
            path = item.path()
            for i in range(path.elementCount()):
                e = path.elementAt(i)
                assert not lev_rect.contains(e.x, e.y)
    clear_highlight(window.scene)
    assert highlighted_ids(window.scene) == set()


def test_show_on_chart_brings_an_off_chart_path_into_view(qtbot, window):
    window.up_spin.setValue(2)
    window.down_spin.setValue(1)
    window.workspace.set_focus(YULIA)
    assert window.scene.item_for("@I8@") is None  # her great-grandfather is beyond two generations
    dialog = open_dialog(qtbot, window, YULIA, "@I8@")
    assert dialog.statements()[0] == "Yulia is David Bronstein's great-granddaughter"
    dialog.show_on_chart()
    # re-centred on a person from whom the whole path is within the chart's generations
    assert window.workspace.focus_id == SERGEI
    assert highlighted_ids(window.scene) == {YULIA, SERGEI, LEON, "@I8@", "@F4@", "@F1@", "@F2@"}


def test_the_whole_highlighted_path_stays_in_view_after_a_re_centring(qtbot, window):
    # the chart's glide to the new centre used to run on after the zoom to the path, cutting it off
    window.up_spin.setValue(2)
    window.down_spin.setValue(1)
    window.workspace.set_focus(YULIA)
    dialog = open_dialog(qtbot, window, YULIA, "@I8@")
    dialog.show_on_chart()
    assert window.workspace.focus_id == SERGEI  # re-centred
    qtbot.wait(800)  # longer than any animation of the view
    assert_in_view(window, (YULIA, SERGEI, LEON, "@I8@"))


def test_the_path_stays_in_view_when_shown_while_the_chart_glides(qtbot, window):
    window.workspace.set_focus(OLGA)  # starts a glide to Olga...
    dialog = open_dialog(qtbot, window, OLGA, NATALIA)
    dialog.show_on_chart()  # ...that must not carry the view away from the path once it is shown
    qtbot.wait(800)
    assert_in_view(window, (OLGA, SERGEI, NATALIA))


def assert_in_view(window, people) -> None:
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for pid in people:
        item = window.scene.item_for(pid)
        assert item is not None
        assert visible.contains(item.sceneBoundingRect()), pid


def test_a_path_longer_than_the_chart_says_who_is_missing(qtbot, window):
    window.up_spin.setValue(1)
    window.down_spin.setValue(1)
    dialog = open_dialog(qtbot, window, YULIA, "@I8@")
    dialog.show_on_chart()
    assert "Not on this chart" in dialog.path_view.toPlainText()
    drawn = {p for p in (YULIA, SERGEI, LEON, "@I8@") if window.scene.item_for(p) is not None}
    assert drawn
    assert drawn <= highlighted_ids(window.scene)


def test_tools_menu_opens_the_dialog_for_the_selected_person(qtbot, window):
    window.workspace.select(YULIA)
    window.actions_by_id["tools.relationship"].trigger()  # type: ignore[attr-defined]
    dialog = window.evidence.dialogs[-1]  # type: ignore[attr-defined]  # deleted with the window
    assert dialog.a_id == YULIA
    assert dialog.b_id == SERGEI  # the chart's focus
    assert dialog.statements()[0] == "Yulia is Sergei Sedov's daughter"


def test_typing_a_name_in_a_field_chooses_the_person(qtbot, window):
    dialog = open_dialog(qtbot, window, YULIA, "")
    assert dialog.statements() == []
    field = dialog.b_field
    # the dialog has the keyboard, as when the user types in it: else Enter is the chart's key
    # (centre on the selected person) in the main window behind it
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    field.setFocus()
    qtbot.keyClicks(field, "Natalia Sedova")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.b_id == NATALIA)
    assert dialog.statements()[0] == "Yulia is Natalia Sedova's granddaughter"


def test_opening_another_file_closes_the_dialogs_of_the_old_one(qtbot, window, bundled_path):
    dialog = window.evidence.open_relationship(YULIA, LEON)  # type: ignore[attr-defined]
    assert dialog is not None
    assert dialog.isVisible()
    window.open_file(str(bundled_path))
    qtbot.waitUntil(lambda: not window.evidence.dialogs, timeout=10000)  # type: ignore[attr-defined]


def test_a_hebrew_name_first_keeps_the_sentence_left_to_right(qtbot, window):
    # a paragraph takes the direction of its first letter: the path was set flush right, full stop first
    window.workspace.tree.people[YULIA].names[0] = Name.from_gedcom("\u05d9\u05d5\u05dc\u05d9\u05d4 /Sedova/")
    dialog = open_dialog(qtbot, window, YULIA, LEON)
    qtbot.waitUntil(lambda: dialog.path_view.document().begin().layout().lineCount() > 0)
    line = dialog.path_view.document().begin().layout().lineAt(0)
    assert line.naturalTextRect().left() < 1.0
    assert dialog.a_label.text() == "\u200e\u05d9\u05d5\u05dc\u05d9\u05d4 Sedova (born 1936)"  # LTR first
    assert dialog.b_label.text().startswith("Leon Trotsky")  # no mark where none is needed


def test_two_people_of_the_same_name_are_told_apart(qtbot, window):
    window.workspace.tree.people[LEV].names[0] = Name.from_gedcom("Sergei /Sedov/")  # two brothers, one name
    dialog = open_dialog(qtbot, window, LEV, SERGEI)
    assert dialog.statements()[0] == f"Sergei Sedov ({LEV}) is Sergei Sedov ({SERGEI})'s brother"
    assert f"Sergei Sedov ({LEV}) is the son of" in dialog.path_view.toPlainText()


def test_the_person_picker_lists_each_person_once_and_nothing_else(qtbot, window):
    dialog = open_dialog(qtbot, window, YULIA, "")
    field = dialog.b_field
    field.setText("Rubinshtein")  # also in biographies and excerpts, and two parents of one name
    field.update_results()
    rows = field.result_rows()
    assert {kind for kind, _ in rows} == {"person"}
    ids = [pid for _, pid in rows]
    assert sorted(ids) == sorted(set(ids)) == ["@I10@", "@I6@", "@I9@"]
    items = [field.popup.list.item(i) for i in range(field.popup.list.count())]
    shown = [item.data(Qt.ItemDataRole.AccessibleTextRole) for item in items
             if item.data(Qt.ItemDataRole.UserRole)]  # headings have no person
    assert len(set(shown)) == len(shown)  # the two parents of Genrietta told apart by their ids
    field.setText("Vienna")  # only in texts
    field.update_results()
    assert field.result_rows() == []


def test_the_toolbar_search_still_finds_texts(qtbot, window):
    box = window.search_box
    box.setText("Vienna")
    box.update_results()
    assert any(kind == "person" for kind, _ in box.result_rows())  # a biography that mentions Vienna


def test_show_on_chart_never_leaves_the_chart_zoomed_in(qtbot, window):
    # zoomed in to a parent and child, the next chart was cut off at every side
    window.view.fit_all()
    before = window.view.zoom
    dialog = open_dialog(qtbot, window, YULIA, SERGEI)
    dialog.show_on_chart()
    assert window.view.zoom <= before + 1e-9
    assert_in_view(window, (YULIA, SERGEI))
    window.view.set_zoom(3.0)  # too close for the whole path: it zooms out as far as it needs
    dialog = open_dialog(qtbot, window, YULIA, "@I8@")
    dialog.show_on_chart()
    assert window.view.zoom < 3.0
    assert_in_view(window, (YULIA, SERGEI, LEON, "@I8@"))
