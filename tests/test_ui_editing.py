"""Editing in the window as a user does it: relatives from the chart, Undo and Redo, the History, saving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from familytree.gedcom import read_file
from familytree.model import ChildRelation, Event
from familytree.model.date_input import read_date
from familytree.ui.main_window import MainWindow
from familytree.ui.person_editor import PersonEditor
from familytree.ui.relative_dialogs import LinkDialog, NewPersonDialog
from familytree.workspace import relatives as r
from familytree.workspace.editing import add_event, add_source, edit_name
from support.clicks import answer, answer_when_asked, bundled_copy, choose, editing_window, ok, right_click
from support.windows import make_window

pytestmark = pytest.mark.gui

SERGEI, LEON, YULIA = "@I1@", "@I2@", "@I7@"


@pytest.fixture
def family(tmp_path: Path, bundled_path: Path) -> Path:
    return bundled_copy(tmp_path, bundled_path)


@pytest.fixture
def window(qtbot, family: Path) -> MainWindow:
    return editing_window(qtbot, family)


# -- what a user does ---------------------------------------------------------------------------
def add_new(qtbot, window: MainWindow, person_id: str, role: str, given: str, sex: str = "") -> str:
    """Right-click the person, Add <role>…, type the name, OK: the new person's id."""
    choose(qtbot, right_click(window, person_id), f"add_{role}")
    dialog = window.editing.relatives.dialog
    assert isinstance(dialog, NewPersonDialog)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.given, given)
    if sex:
        dialog.sex.setCurrentIndex(dialog.sex.findText(sex))
    before = set(window.workspace.tree.people)
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    (new,) = set(window.workspace.tree.people) - before
    editors = [w for w in window.findChildren(PersonEditor) if w.isVisible()]
    assert [e.person_id for e in editors] == [new]  # the person editor opens for them, to say more
    editors[0].close()
    return new


# -- the story --------------------------------------------------------------------------
def test_a_child_added_to_yulia_is_undone_redone_saved_and_read_back(qtbot, window, family):
    child = add_new(qtbot, window, YULIA, "child", "Maria", "Female")
    tree, ws = window.workspace.tree, window.workspace
    assert tree.people[child].display_name() == "Maria"
    assert tree.parents(child) == [YULIA]
    assert ws.selected_id == child
    assert window.scene.item_for(child) is not None
    assert "Maria" in window.details.toPlainText()
    window.editing.push(lambda t: add_event(t, child, Event("BIRT", date=read_date("1960").date)))
    undo, redo = window.actions_by_id["edit.undo"], window.actions_by_id["edit.redo"]
    assert undo.text().replace("&", "") == "Undo Add birth of Maria: 1960"
    assert not redo.isEnabled()
    assert window.isWindowModified()

    undo.trigger()
    assert tree.people[child].birth_year is None
    assert redo.text().replace("&", "") == "Redo Add birth of Maria: 1960"
    undo.trigger()
    assert child not in tree.people
    assert window.scene.item_for(child) is None
    assert not tree.children(YULIA)
    assert not undo.isEnabled()
    assert not window.isWindowModified()
    redo.trigger()
    redo.trigger()
    assert tree.people[child].birth_year == 1960
    assert tree.parents(child) == [YULIA]

    window.actions_by_id["file.save"].trigger()
    assert not window.isWindowModified()
    again = read_file(family)
    (maria,) = again.children(YULIA)
    assert again.people[maria].display_name() == "Maria"
    assert again.people[maria].birth_year == 1960
    reopened = make_window(qtbot, family)
    assert reopened.workspace.tree.children(YULIA) == [maria]


def test_a_rename_is_found_by_the_new_name_at_once(qtbot, window):
    box = window.search_box
    name = ("INDI", SERGEI, "names", 0)
    window.editing.push(lambda t: edit_name(t, name, given="Serguei", surname="Klimov"))
    assert window.scene.item_for(SERGEI).person.display_name() == "Serguei Klimov"  # the chart shows it
    assert "Serguei Klimov" in window.details.toPlainText()
    qtbot.keyClicks(box, "Klimov")
    box.update_results()
    assert box.result_rows()[0] == ("person", SERGEI)
    window.actions_by_id["edit.undo"].trigger()
    box.clear()
    qtbot.keyClicks(box, "Klimov")
    box.update_results()
    assert ("person", SERGEI) not in box.result_rows()


def test_linking_a_descendant_as_a_parent_is_refused_with_the_reason(qtbot, window):
    choose(qtbot, right_click(window, LEON), "link_existing", "link_parent")
    dialog = window.editing.relatives.dialog
    assert isinstance(dialog, LinkDialog)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.field, "Yulia")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # the first person found
    assert dialog.chosen_id == YULIA
    ok(qtbot, dialog)
    assert dialog.isVisible()  # still open, for another choice
    assert dialog.refusal.isVisible()
    reason = dialog.refusal.text()
    assert "Leon Trotsky cannot be a child of Yulia" in reason
    assert "own ancestor" in reason
    assert not window.workspace.undo.edits
    dialog.reject()


def test_title_asterisk_and_the_question_on_closing(qtbot, window, family):
    before = family.read_bytes()
    assert not window.isWindowModified()
    assert "*" not in window.windowHandle().title()
    window.editing.push(lambda t: edit_name(t, ("INDI", YULIA, "names", 0), given="Julia"))
    assert window.isWindowModified()
    assert window.windowHandle().title().startswith("family.ged*")
    assert not window.close()  # not yet: asked first
    asked = answer(qtbot, window.files.question, "Cancel")
    assert "Save the changes to family.ged before closing?" in asked
    assert "Renamed Yulia to Julia" in asked
    assert window.isVisible()
    journal = window.editing.recovery.journal
    assert journal is not None
    assert journal.path.exists()
    window.close()
    answer(qtbot, window.files.question, "Discard")
    assert not window.isVisible()
    assert family.read_bytes() == before
    assert not journal.path.exists()  # the changes were given up


def test_save_in_the_closing_question_saves(qtbot, window, family):
    window.editing.push(lambda t: edit_name(t, ("INDI", YULIA, "names", 0), given="Julia"))
    window.close()
    answer(qtbot, window.files.question, "Save")
    assert not window.isVisible()
    assert read_file(family).people[YULIA].display_name() == "Julia"


def test_opening_another_file_asks_first(qtbot, window, family, bundled_path, tmp_path):
    other = tmp_path / "other.ged"
    shutil.copyfile(bundled_path, other)
    window.editing.push(lambda t: edit_name(t, ("INDI", YULIA, "names", 0), given="Julia"))
    window.open_file(str(other))
    assert "before opening other.ged" in answer(qtbot, window.files.question, "Cancel")
    assert window.workspace.path == str(family)
    assert window.workspace.undo.edits
    window.open_file(str(other))
    with qtbot.waitSignal(window.fileLoaded):
        answer(qtbot, window.files.question, "Discard")
    assert window.workspace.path == str(other)
    assert not window.isWindowModified()


def click_row(qtbot, window: MainWindow, row: int) -> None:
    rows = window.editing.history.list
    where = rows.visualItemRect(rows.item(row)).center()
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_history_lists_the_changes_and_a_click_goes_back(qtbot, window):
    sources = len(window.workspace.tree.sources)
    window.editing.push(lambda t: edit_name(t, ("INDI", YULIA, "names", 0), given="Julia"))
    window.editing.push(lambda t: add_event(t, YULIA, Event("RESI", date=read_date("1960").date)))
    window.editing.push(lambda t: add_source(t, "Letters of Natalia Sedova"))
    window.editing.history.show()
    history = window.editing.history
    assert history.rows() == ["Opened family.ged", "Renamed Yulia to Julia", "Added residence of Julia: 1960",
                              "Added the source \u201cLetters of Natalia Sedova\u201d"]
    rows = history.list
    click_row(qtbot, window, 1)
    tree = window.workspace.tree
    assert window.workspace.undo.index == 1
    assert tree.people[YULIA].display_name() == "Julia"
    assert len(tree.sources) == sources
    assert rows.item(1).font().bold()
    assert rows.item(3).font().italic()
    assert window.actions_by_id["edit.redo"].text().replace("&", "") == "Redo Add residence of Julia: 1960"
    click_row(qtbot, window, 0)
    assert tree.people[YULIA].display_name() == "Yulia"
    assert not window.isWindowModified()
    click_row(qtbot, window, 3)
    assert len(tree.sources) == sources + 1
    assert window.workspace.undo.index == 3


def test_deleting_asks_and_names_what_goes_with_her(qtbot, window):
    asked = answer_when_asked(qtbot, "Delete")
    choose(qtbot, right_click(window, YULIA), "delete_person")
    assert asked
    assert asked[0].startswith("Delete Yulia?")
    assert "Yulia as a child of Sergei Sedov and Genrietta Rubinshtein" in asked[0]
    tree = window.workspace.tree
    assert YULIA not in tree.people
    assert window.scene.item_for(YULIA) is None
    window.actions_by_id["edit.undo"].trigger()
    assert YULIA in tree.children(SERGEI)
    assert window.scene.item_for(YULIA) is not None


def test_the_plus_on_the_selected_box_offers_the_relatives(qtbot, window):
    window.workspace.select(YULIA)
    handle = window.view.add_handle
    assert handle.isVisible()
    box = window.view.mapFromScene(window.scene.item_for(YULIA).sceneBoundingRect()).boundingRect()
    assert box.contains(handle.geometry().center()) or box.adjusted(-20, -20, 20, 20).contains(
        handle.geometry().center())  # on the box's corner
    qtbot.mouseClick(handle, Qt.MouseButton.LeftButton)
    menu = next(m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible())
    offered = [a.text() for a in menu.actions()][:4]
    assert offered == ["Add Parent…", "Add Partner…", "Add Child…", "Add Sibling…"]
    choose(qtbot, menu, "add_sibling")
    dialog = window.editing.relatives.dialog
    assert isinstance(dialog, NewPersonDialog)
    assert dialog.family.isHidden()  # one family to go into: her parents'
    dialog.reject()
    window.workspace.select(YULIA)
    window.view.set_zoom(0.05)  # a box too small to carry it
    assert not handle.isVisible()


def test_after_an_edit_the_views_show_it(qtbot, window):
    tools = window.evidence
    window.workspace.select(SERGEI)
    tools.timeline.show()
    tools.sources.show()
    tools.sources.raise_()
    before = len(tools.sources.entries)
    window.editing.push(lambda t: edit_name(t, ("INDI", SERGEI, "names", 0), given="Serguei"))
    assert tools.timeline.windowTitle() == "Timeline: Serguei Sedov"
    assert "Serguei Sedov" in window.details.toPlainText()
    dialog = tools.open_relationship(SERGEI, YULIA)
    assert dialog.statements()[0].startswith("Serguei Sedov is Yulia's father")
    window.editing.push(lambda t: add_source(t, "Letters of Natalia Sedova"))
    qtbot.waitUntil(lambda: len(tools.sources.entries) == before + 1, timeout=3000)
    window.actions_by_id["edit.undo"].trigger()
    window.actions_by_id["edit.undo"].trigger()
    assert dialog.statements()[0].startswith("Sergei Sedov is Yulia's father")
    dialog.close()


def test_order_relation_and_partnership_from_the_menu(qtbot, window):
    tree = window.workspace.tree
    lev, parents = "@I4@", tree.families["@F1@"]
    assert parents.child_ids == [lev, SERGEI]
    choose(qtbot, right_click(window, lev), "reorder", "move_child:@F1@:1")
    assert parents.child_ids == [SERGEI, lev]
    choose(qtbot, right_click(window, YULIA), "relations", f"relation_to:{SERGEI}",
           f"relation:{SERGEI}:ADOPTED")
    relations = r.child_relations(tree, "@F4@", YULIA)
    assert relations == {SERGEI: ChildRelation.ADOPTED, "@I6@": ChildRelation.BIRTH}
    assert window.editing.history.rows()[-1] == "Made Yulia an adopted child of Sergei Sedov"
    # the marriage of Sergei and Olga has a date and a source: it is not removed by a menu
    choose(qtbot, right_click(window, SERGEI), "partnership", "partnership_with:@F3@",
           "partnership:@F3@:unmarried")
    assert "remove that fact first" in window.editing.last_refusal
    refusal = next(w for w in window.findChildren(QMessageBox) if w.objectName() == "refusal")
    assert "Sergei Sedov and Olga Greber" in refusal.text()
    refusal.close()
    assert len(window.workspace.undo.edits) == 2


def test_in_a_big_file_who_is_living_follows_just_after_the_edit(qtbot, window, monkeypatch):
    monkeypatch.setattr("familytree.ui.editing.LIVING_AT_ONCE", 5)  # the bundled family as a big file
    window.workspace.select(YULIA)
    assert "Treated as living" in window.details.toPlainText()
    window.editing.push(lambda t: add_event(t, YULIA, Event("DEAT", date=read_date("2001").date)))
    assert "2001" in window.details.toPlainText()  # the edit at once
    qtbot.waitUntil(lambda: "Treated as living" not in window.details.toPlainText(), timeout=3000)


def test_names_in_the_menu_are_shown_as_written(qtbot, qapp, tmp_path):
    from familytree.model import Name, Person, Sex, Tree

    tree = Tree()
    tree.add_person(Person("@I1@", [Name.from_gedcom("Tom & <i>Jerry /Smith/")], Sex.MALE))
    window = make_window(qtbot, tree=tree)
    window.evidence  # noqa: B018
    menu = right_click(window, "@I1@")
    delete = next(a for a in menu.actions() if a.objectName() == "delete_person")
    assert delete.text() == "&Delete Tom && <i>Jerry Smith…"  # "&&": one & shown, no mnemonic
