"""The chart's relatives dialogs and menus as a user meets them: a parent for someone who has two, a
descendant refused as a sibling, words that show whole, menu entries without stray ampersands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from familytree.gedcom import read_file
from familytree.model import ChildRelation
from familytree.ui.main_window import MainWindow
from familytree.ui.person_editor import PersonEditor
from familytree.ui.relative_dialogs import LinkDialog, NewPersonDialog, RelativeDialog
from familytree.workspace.editing import set_restriction
from support.clicks import (
    answer_when_asked,
    bundled_copy,
    choose,
    cut_off,
    editing_window,
    entry,
    ok,
    right_click,
)

pytestmark = pytest.mark.gui

SERGEI, NATALIA, GENRIETTA, YULIA = "@I1@", "@I3@", "@I6@", "@I7@"


@pytest.fixture
def family(tmp_path: Path, bundled_path: Path) -> Path:
    return bundled_copy(tmp_path, bundled_path)


@pytest.fixture
def window(qtbot, family: Path) -> MainWindow:
    return editing_window(qtbot, family)


def dialog_of(window: MainWindow) -> RelativeDialog:
    dialog = window.editing.relatives.dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def pick(qtbot, combo, text: str) -> None:
    """Choose an entry of a drop-down list by its words, with the keyboard as a user can."""
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def link(qtbot, window: MainWindow, person_id: str, role: str, name: str) -> LinkDialog:
    """Right-click the person, Link Existing > As <role>…, type a name, Enter (the first person found)."""
    choose(qtbot, right_click(window, person_id), "link_existing", f"link_{role}")
    dialog = dialog_of(window)
    assert isinstance(dialog, LinkDialog)
    qtbot.keyClicks(dialog.field, name)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # the first person found
    return dialog


def new_persons_editor(qtbot, window: MainWindow, person_id: str) -> PersonEditor:
    """The person editor that opens on a person just added, once it has the keyboard."""
    (editor,) = [e for e in window.findChildren(PersonEditor) if e.isVisible()]
    assert editor.person_id == person_id
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def test_a_parent_added_to_someone_with_two_asks_what_kind_of_parent_and_warns_of_a_third_by_birth(
        qtbot, window, family):
    tree = window.workspace.tree
    choose(qtbot, right_click(window, YULIA), "add_parent")
    dialog = dialog_of(window)
    assert isinstance(dialog, NewPersonDialog)
    # where the parent goes is said though there is nothing else to choose, and what kind of parent is asked
    assert dialog.findChild(QLabel, "family_words").text() == \
        "in a new family of their own (not with the parents recorded)"
    assert dialog.relation.isVisible()
    assert dialog.relation.currentText() == "Adoptive parent"  # two birth parents recorded already
    qtbot.keyClicks(dialog.given, "Anna")
    assert dialog.outcome.text() == ("OK records Anna as an adoptive parent of Yulia, in a new family of "
                                     "their own; the parents recorded (Sergei Sedov and Genrietta "
                                     "Rubinshtein) stay as they are.")
    assert not dialog.caution.isVisible()
    pick(qtbot, dialog.relation, "Birth parent")
    assert dialog.caution.isVisible()
    assert "Yulia already has two birth parents (Sergei Sedov and Genrietta Rubinshtein)" in \
        dialog.caution.text()
    assert cut_off(dialog) == []
    pick(qtbot, dialog.relation, "Step-parent")
    assert not dialog.caution.isVisible()
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    (anna,) = [p for p in tree.parents(YULIA) if p not in (SERGEI, GENRIETTA)]
    new = tree.families[tree.people[anna].family_ids[0]]
    assert [(c.person_id, c.relation) for c in new.children] == [(YULIA, ChildRelation.STEP)]
    assert window.editing.history.rows()[-1] == "Added Anna as a step-parent of Yulia"
    editor = new_persons_editor(qtbot, window, anna)
    assert editor.focusWidget() is editor.names.fields["given"]  # to go on with her name, not on OK
    editor.close()
    window.actions_by_id["file.save"].trigger()
    again = read_file(family)
    assert again.child_relation(again.families[new.id], YULIA) is ChildRelation.STEP  # PEDI step
    assert sorted(again.parents(YULIA, birth_only=True)) == sorted([SERGEI, GENRIETTA])


def test_an_existing_person_linked_as_a_third_parent_gets_the_relation_chosen(qtbot, window):
    tree = window.workspace.tree
    dialog = link(qtbot, window, YULIA, "parent", "Natalia Sedova")
    assert dialog.chosen_id == NATALIA
    assert "Natalia Sedova as an adoptive parent of Yulia" in dialog.outcome.text()
    pick(qtbot, dialog.relation, "Foster parent")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    family = tree.families[tree.people[NATALIA].family_ids[-1]]
    assert family.child_ids == [YULIA]
    assert tree.child_relation(family, YULIA) is ChildRelation.FOSTER
    assert window.editing.history.rows()[-1] == "Linked Natalia Sedova as a foster parent of Yulia"


def test_a_first_parent_is_a_birth_parent_unless_told(qtbot, window):
    choose(qtbot, right_click(window, "@I8@"), "add_parent")  # David Bronstein: no parents recorded
    dialog = dialog_of(window)
    assert dialog.relation.currentText() == "Birth parent"
    assert dialog.findChild(QLabel, "family_words").text() == "in a new family (the first parent recorded)"
    dialog.reject()


def test_a_daughter_linked_as_her_fathers_sibling_is_refused_and_the_words_show_whole(qtbot, window):
    dialog = link(qtbot, window, SERGEI, "sibling", "Yulia")
    assert dialog.chosen_id == YULIA
    ok(qtbot, dialog)
    assert dialog.isVisible()  # still open, for another choice
    assert dialog.refusal.isVisible()
    assert dialog.refusal.text() == ("Yulia cannot be a sibling of Sergei Sedov: Yulia is a descendant of "
                                     "Sergei Sedov (his daughter), and no one can be a sibling of their own "
                                     "ancestor")
    assert not window.workspace.undo.edits
    assert cut_off(dialog) == []  # the dialog grew to the reason: nothing is cut top or bottom
    dialog.reject()


def test_an_ancestor_refused_as_a_parent_shows_whole_in_a_narrow_dialog(qtbot, window):
    choose(qtbot, right_click(window, "@I2@"), "link_existing", "link_parent")  # Leon Trotsky
    dialog = dialog_of(window)
    dialog.resize(360, dialog.height())
    dialog.choose(YULIA)
    ok(qtbot, dialog)
    assert dialog.refusal.isVisible()
    assert cut_off(dialog) == []
    dialog.reject()


def test_the_relation_and_partnership_menus_show_words_not_ampersands(qtbot, window):
    menu = right_click(window, YULIA)
    relation = entry(menu, "relations", f"relation_to:{SERGEI}")
    assert [a.text() for a in relation.actions()] == ["&Birth", "&Adopted", "&Foster", "&Step"]
    menu.close()
    menu = right_click(window, SERGEI)
    partnership = entry(menu, "partnership", "partnership_with:@F4@")
    assert [a.text() for a in partnership.actions()] == ["&Married", "&Not Married", "&Unknown"]
    menu.close()


def test_deleting_a_locked_person_says_the_file_asks_that_she_not_be_changed(qtbot, window):
    window.editing.push(lambda t: set_restriction(t, ("INDI", YULIA), "LOCKED"))
    asked = answer_when_asked(qtbot, "Cancel")
    choose(qtbot, right_click(window, YULIA), "delete_person")
    assert "The record of Yulia is locked (RESN locked): the file asks that it not be changed or deleted" \
        in asked[0]
    assert YULIA in window.workspace.tree.people
    choose(qtbot, right_click(window, YULIA), "add_child")  # adding a relative says so too
    dialog = dialog_of(window)
    assert "The record of Yulia is locked" in dialog.caution.text()
    assert dialog.caution.isVisible()
    dialog.reject()
