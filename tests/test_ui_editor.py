"""The person, family and source editors as a user works them: typed, clicked, OK, seen, undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from familytree.gedcom import write_text
from familytree.model import Date, DateModifier, Event, Sex
from familytree.relations import PartnerStatus, partner_status
from familytree.ui.details import DetailsPanel
from familytree.ui.editor_dialog import CHECK_DELAY_MS, EditorDialog
from familytree.ui.family_editor import FamilyEditor
from familytree.ui.main_window import MainWindow
from familytree.ui.person_editor import PersonEditor
from familytree.ui.source_editor import SourceEditor
from familytree.ui.source_picker import SourcePicker
from familytree.workspace import editing as e
from familytree.workspace.relatives import delete_person
from support.clicks import answer
from support.windows import make_window

pytestmark = pytest.mark.gui

SERGEI, OLGA, YULIA = "@I1@", "@I5@", "@I7@"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, bundled_path: Path) -> MainWindow:
    made: list[QWidget] = [QWidget()]  # closed before the window (held here: pytest-qt holds it weakly)

    def give_up_edits(_widget: QWidget) -> None:
        for window in made[1:]:  # closing, the window would ask whether to save them
            assert isinstance(window, MainWindow)
            window.workspace.undo.set_clean()

    qtbot.addWidget(made[0], before_close_func=give_up_edits)
    window = make_window(qtbot, bundled_path)
    made.append(window)
    return window


def opened(window: QWidget, kind: type[EditorDialog]) -> EditorDialog:
    editors = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(qtbot: QtBot, dialog: EditorDialog | SourcePicker) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def heading(window: MainWindow) -> str:
    """The details page's first line: the name and life years."""
    return window.details.toPlainText().split("\n")[0].replace("\u2068", "").replace("\u2069", "")


def click_link(qtbot: QtBot, panel: DetailsPanel, scheme: str, target: str) -> None:
    """Click a link of the details page, scrolled into view, as a user does."""
    cursor = QTextCursor(panel.document())
    cursor.setPosition(panel.anchor_positions(scheme)[target][0] + 1)
    panel.setTextCursor(cursor)
    panel.ensureCursorVisible()
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.cursorRect(cursor).center())


def edit_with_ctrl_e(qtbot: QtBot, window: MainWindow, person_id: str) -> PersonEditor:
    window.activateWindow()  # (back in the window from another editor)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.workspace.select(person_id)
    qtbot.keyClick(window.view, Qt.Key.Key_E, CTRL)
    editor = opened(window, PersonEditor)
    assert isinstance(editor, PersonEditor)
    assert editor.person_id == person_id
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)  # the keyboard goes to it
    return editor


def new_fact(qtbot: QtBot, editor: PersonEditor | FamilyEditor) -> None:
    qtbot.mouseClick(editor.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=editor.tabs.tabBar().tabRect(editor.tabs.indexOf(editor.facts)).center())
    assert editor.tabs.currentWidget() is editor.facts
    click(qtbot, editor.facts.panel.add_button)


# -- the scenarios -----------------------------------------------------------------------------

def test_sergei_renamed_in_the_editor_is_renamed_everywhere_and_ctrl_z_gives_him_back(
        qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    assert editor.windowTitle() == "Edit Sergei Sedov"
    assert not editor.isModal()
    assert QApplication.activeModalWidget() is None
    given = editor.names.fields["given"]
    retype(qtbot, given, "Sergius")
    assert editor.names.panel.list.item(0).text() == "Sergius Sedov"
    assert ws.tree.people[SERGEI].display_name() == "Sergei Sedov"  # nothing changes before OK
    qtbot.keyClick(given, Qt.Key.Key_Return)  # Enter accepts
    assert not editor.isVisible()
    assert ws.tree.people[SERGEI].display_name() == "Sergius Sedov"
    assert ws.undo.descriptions == ["Renamed Sergei Sedov to Sergius Sedov"]
    assert heading(window) == "Sergius Sedov 1908 \u2013 believed 1937"
    assert "Sergius Sedov" in window.scene.item_for(SERGEI).description()
    box = window.search_box
    box.setText("Sergius")
    box.update_results()
    assert ("person", SERGEI) in box.result_rows()
    ws.undo.undo()
    assert ws.tree.people[SERGEI].display_name() == "Sergei Sedov"
    assert heading(window) == "Sergei Sedov 1908 \u2013 believed 1937"


def test_a_birth_abt_1937_cited_to_a_new_source_shows_in_the_details_with_its_citation(
        qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    ws.select(OLGA)
    click_link(qtbot, window.details, "edit", OLGA)  # the details panel's Edit link
    editor = opened(window, PersonEditor)
    assert isinstance(editor, PersonEditor)
    new_fact(qtbot, editor)
    facts = editor.facts
    assert facts.tag.currentText() == "Birth"
    qtbot.keyClicks(facts.date.edit, "abt 1937")
    assert facts.date.preview.text() == "about 1937"
    assert facts.date.warning.isHidden()
    assert "marked unsourced" in facts.unsourced.text()  # which source says so?
    click(qtbot, facts.cite_button)
    picker = facts.picker
    assert isinstance(picker, SourcePicker)
    assert picker.isVisible()
    assert picker.windowTitle() == "Which source says so?"
    assert not picker.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClicks(picker.author, "Vera Pavlova")  # typing a new source's author chooses "A new source"
    assert picker.new.isChecked()
    qtbot.keyClicks(picker.title, "Register of births, Moscow")
    qtbot.keyClicks(picker.publication, "Moscow, 1938")
    qtbot.keyClicks(picker.page, "entry 112")
    qtbot.keyClicks(picker.excerpt, "Olga, daughter of Ivan Greber, born about 1937.")
    picker.quality.setCurrentIndex(picker.quality.findData(2))
    ok(qtbot, picker)
    assert facts.citations.item(0).text() == \
        "Vera Pavlova, Register of births, Moscow (Moscow, 1938) (new), entry 112 · quality 2"
    assert facts.unsourced.text() == ""
    editor.check()
    # her marriage (before 3 August 1935) comes before this birth: said, not blocking
    assert "is recorded as married (before 3 August 1935" in editor.warnings.text()
    ok(qtbot, editor)
    assert not editor.isVisible()
    olga = ws.tree.people[OLGA]
    birth = olga.birth
    assert birth is not None
    assert birth.date is not None
    assert (birth.date.modifier, birth.date.year) == (DateModifier.ABOUT, 1937)
    citation = birth.citations[0]
    source = ws.tree.sources[citation.source_id]
    assert (source.author, source.title, source.publication) == \
        ("Vera Pavlova", "Register of births, Moscow", "Moscow, 1938")
    assert (citation.page, citation.text, citation.quality) == \
        ("entry 112", ["Olga, daughter of Ivan Greber, born about 1937."], 2)
    assert len(ws.undo.edits) == 1  # one entry in the History, undone at once
    assert ws.undo.undo_text.startswith("Edited Olga Greber: added birth of Olga Greber: about 1937")
    page = window.details.toPlainText()
    assert "\nBirth\nabout 1937[4]\n" in page  # the fact, marked with its citation's number
    assert "\n4. Vera Pavlova, Register of births, Moscow (Moscow, 1938), entry 112\n" in page
    assert "Olga, daughter of Ivan Greber, born about 1937." in page
    ws.undo.undo()
    assert ws.tree.people[OLGA].birth is None
    assert citation.source_id not in ws.tree.sources


def test_3_4_1908_says_which_way_it_was_read(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    new_fact(qtbot, editor)
    date = editor.facts.date
    qtbot.keyClicks(date.edit, "3/4/1908")
    assert date.preview.text() == "3 April 1908"
    assert date.warning.isVisible()
    assert date.warning.text() == \
        "\u26a0 Read day first, as 3 April 1908; for 4 March write 4/3/1908 or 4 Mar 1908"


def test_a_date_that_cannot_be_read_is_kept_as_a_phrase_with_a_warning(qtbot: QtBot,
                                                                        window: MainWindow) -> None:
    ws = window.workspace
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    new_fact(qtbot, editor)
    facts = editor.facts
    facts.tag.setCurrentIndex(facts.tag.findData("GRAD"))
    qtbot.keyClicks(facts.date.edit, "the spring after the war")
    assert "kept as written" in facts.date.preview.text()
    assert "kept as written, as a date phrase" in facts.date.warning.text()
    ok(qtbot, editor)
    graduation = ws.tree.people[YULIA].first_event("GRAD")
    assert graduation is not None
    assert graduation.date is not None
    assert graduation.date.modifier is DateModifier.TEXT
    assert graduation.date.phrase == "the spring after the war"
    assert "the spring after the war" in write_text(ws.tree)
    # saved without a source: the details panel says so
    assert "\nGraduation\nthe spring after the war \u00b7 unsourced\n" in window.details.toPlainText()


def test_a_place_is_completed_from_the_places_of_the_file(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    new_fact(qtbot, editor)
    place = editor.facts.place
    place.setFocus()  # clicked into, as a user types
    qtbot.keyClicks(place, "mosc")
    completer = place.completer()
    assert completer.popup().isVisible()
    assert place.model.places == ["Moscow, Russia", "Kremlin, Moscow, Russia"]
    qtbot.keyClicks(place, "ow kre")
    assert place.model.places == ["Kremlin, Moscow, Russia"]
    popup = completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the first place offered, picked
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert place.text() == "Kremlin, Moscow, Russia"
    assert editor.facts.panel.row().current["place"] == "Kremlin, Moscow, Russia"
    qtbot.keyClicks(place, "x")
    assert not completer.popup().isVisible() or place.model.places == []


def test_a_source_is_edited_in_the_sources_view(qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    sources = window.evidence.sources
    sources.toggleViewAction().trigger()  # View > Sources
    qtbot.waitUntil(sources.isVisible)
    item = next(i for i in (sources.list.topLevelItem(n) for n in range(sources.list.topLevelItemCount()))
                if i is not None and i.text(0).startswith("Robert Service, Trotsky (2009)"))
    sources.list.setCurrentItem(item)
    click(qtbot, sources.edit_button)
    editor = opened(window, SourceEditor)
    assert isinstance(editor, SourceEditor)
    assert editor.source_id == "@S2@"
    retype(qtbot, editor.fields["title"], "Trotsky: A Biography")
    retype(qtbot, editor.fields["publication"], "Macmillan, London, 2009")
    click(qtbot, editor.links.add_button)  # where is it kept?
    picker = editor.picker
    assert picker is not None
    qtbot.keyClicks(picker.name, "British Library")
    qtbot.keyClicks(picker.call_number, "YC.2010.a.1234")
    click(qtbot, picker.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert editor.links.list.item(0).text() == "British Library (new), call number YC.2010.a.1234"
    ok(qtbot, editor)
    source = ws.tree.sources["@S2@"]
    assert (source.title, source.publication) == ("Trotsky: A Biography", "Macmillan, London, 2009")
    repository = ws.tree.repositories[source.repositories[0].value]
    assert repository.name == "British Library"
    assert source.repositories[0].child_value("CALN") == "YC.2010.a.1234"
    # the view lists it by its new title at once, still chosen
    titles = sources.source_titles()
    assert "Robert Service, Trotsky: A Biography (Macmillan, London, 2009) (76 facts)" in titles
    assert sources.current_source() == "@S2@"
    # the details of a person who cites it say the new title
    ws.select(YULIA)
    assert "Trotsky: A Biography (Macmillan, London, 2009)" in window.details.toPlainText()
    ws.undo.undo()
    assert ws.tree.sources["@S2@"].title == "Trotsky"
    assert not ws.tree.repositories


# -- families --------------------------------------------------------------------------------------------

def test_the_family_editor_from_the_details_says_sergei_and_genrietta_did_not_marry(
        qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    ws.select(SERGEI)
    click_link(qtbot, window.details, "editfamily", "@F4@")
    editor = opened(window, FamilyEditor)
    assert isinstance(editor, FamilyEditor)
    assert editor.partners.text() == "Sergei Sedov and Genrietta Rubinshtein"
    assert editor.partnership.currentText() == "Not known"
    editor.partnership.setCurrentIndex(editor.partnership.findText("Not married"))
    new_fact(qtbot, editor)
    editor.facts.tag.setCurrentIndex(editor.facts.tag.findData("RESI"))
    qtbot.keyClicks(editor.facts.place, "Krasnoyarsk, Siberia, Russia")
    qtbot.keyClicks(editor.facts.date.edit, "1935")
    ok(qtbot, editor)
    family = ws.tree.families["@F4@"]
    assert partner_status(family) is PartnerStatus.UNMARRIED
    assert family.events[-1].tag == "RESI"
    assert family.events[-1].place.name == "Krasnoyarsk, Siberia, Russia"
    assert ws.undo.undo_text.startswith("Edited the family of Sergei Sedov and Genrietta Rubinshtein: ")
    ws.undo.undo()
    assert partner_status(ws.tree.families["@F4@"]) is PartnerStatus.UNKNOWN


def test_what_would_lose_evidence_is_refused_with_the_reason_and_nothing_changes(
        qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    click(qtbot, editor.families.findChild(QAbstractButton))  # Edit Family… on the first family
    family_editor = opened(window, FamilyEditor)
    assert isinstance(family_editor, FamilyEditor)
    family_editor.close()
    editor.family_list.setCurrentRow(editor.family_list.count() - 2)  # the marriage with Olga
    family_editor = editor.edit_family()
    assert isinstance(family_editor, FamilyEditor)
    assert family_editor.family_id == "@F3@"
    family_editor.partnership.setCurrentIndex(family_editor.partnership.findText("Not married"))
    family_editor.check()
    assert family_editor.warnings.text().startswith("Cannot be saved: The family of Sergei Sedov and Olga "
                                                    "Greber records marriage")
    ok(qtbot, family_editor)
    assert family_editor.isVisible()
    assert family_editor.refusal is not None
    assert family_editor.refusal.isVisible()
    assert "remove that fact first" in family_editor.refusal.text()
    assert ws.undo.edits == []


# -- keyboard and conventions ------------------------------------------------------------------------------

def test_escape_asks_before_throwing_typed_changes_away(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Escape)  # nothing typed: nothing to ask
    assert not editor.isVisible()
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    surname = editor.names.fields["surname"]
    retype(qtbot, surname, "Bronstein")
    qtbot.keyClick(surname, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert answer(qtbot, editor.question, "Keep Editing").startswith("Discard your changes to Sergei Sedov?")
    assert editor.isVisible()
    assert surname.text() == "Bronstein"
    assert not editor.close()  # the window's close button asks the same
    answer(qtbot, editor.question, "Discard")
    assert closed(editor)
    assert window.workspace.tree.people[SERGEI].display_name() == "Sergei Sedov"
    assert window.workspace.undo.edits == []
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    retype(qtbot, editor.names.fields["surname"], "Sedov")  # typed, but as it was: nothing to lose
    qtbot.keyClick(editor.names.fields["surname"], Qt.Key.Key_Escape)
    assert closed(editor)


def closed(dialog: QWidget) -> bool:
    """Whether a dialog is off the screen (a dialog deleted on closing is gone by the time it is asked)."""
    return not isValid(dialog) or not dialog.isVisible()


def tab_cycle(qtbot: QtBot, dialog: QWidget) -> list[QWidget]:
    """The widgets Tab goes through from the one with the keyboard, once round."""
    start = dialog.focusWidget()
    seen = [start]
    for _key in range(200):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is start:
            return seen
        seen.append(dialog.focusWidget())
    raise AssertionError("Tab never came back")


def test_the_keyboard_starts_in_the_first_field_and_ok_and_cancel_come_last(
        qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    given = editor.names.fields["given"]
    assert editor.focusWidget() is given
    assert given.selectedText() == "Sergei"  # typing replaces it, an arrow key keeps it
    cycle = tab_cycle(qtbot, editor)
    buttons = editor.buttons
    ok_button, cancel = (buttons.button(b) for b in (QDialogButtonBox.StandardButton.Ok,
                                                     QDialogButtonBox.StandardButton.Cancel))
    at = cycle.index(editor.sex)  # the form's first field: after OK and Cancel, and nothing between
    assert cycle[at - 2:at] == [ok_button, cancel]
    after = cycle[at:] + cycle[:at - 2]
    assert after[:2] == [editor.sex, editor.restriction]
    assert after.index(given) < after.index(editor.names.fields["surname"])
    assert not any(buttons.isAncestorOf(w) for w in after)
    family = editor.edit_family(window.workspace.tree.people[SERGEI].family_ids[0])
    assert isinstance(family, FamilyEditor)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is family)
    assert family.focusWidget() is family.partnership
    family.discard()
    editor.discard()


def test_every_field_has_a_name_and_tab_follows_the_form(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    family = editor.edit_family(window.workspace.tree.people[SERGEI].family_ids[0])
    sources = window.evidence.sources
    source = sources.edit_source("@S1@")
    new_fact(qtbot, editor)
    picker = editor.facts.cite()
    for dialog in (editor, family, source, picker):
        assert dialog is not None
        for field in dialog.findChildren(QWidget):
            if isinstance(field, (QLineEdit, QComboBox, QPlainTextEdit, QListWidget, QTableWidget,
                                  QAbstractButton)) and field.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert field.accessibleName() or (isinstance(field, QAbstractButton) and field.text()), field
    picker.reject()
    editor.activateWindow()
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    fields = editor.names.fields
    fields["given"].setFocus()
    order = []
    for _key in range(5):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        order.append(editor.focusWidget())
    assert order == [fields["surname"], fields["prefix"], fields["surname_prefix"], fields["suffix"],
                     fields["nickname"]]


def test_an_editor_remembers_its_size(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    assert (editor.width(), editor.height()) != (780, 540)
    editor.resize(780, 540)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    again = edit_with_ctrl_e(qtbot, window, YULIA)
    assert (again.width(), again.height()) == (780, 540)


def test_ctrl_e_raises_the_editor_already_open_and_export_moved_to_ctrl_shift_e(
        qtbot: QtBot, window: MainWindow) -> None:
    first = edit_with_ctrl_e(qtbot, window, SERGEI)
    window.workspace.select(SERGEI)
    qtbot.keyClick(window.view, Qt.Key.Key_E, CTRL)
    assert opened(window, PersonEditor) is first
    keys = [k.toString() for k in window.actions_by_id["file.export"].shortcuts()]
    assert keys == ["Ctrl+Shift+E"]


# -- the tree changing under an open editor ------------------------------------------------------------------

def test_a_change_made_elsewhere_while_the_editor_is_open_stays(qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    ws.undo.push(e.set_sex(ws.tree, SERGEI, Sex.UNKNOWN))  # the chart's menu, another editor: elsewhere
    assert "Changed elsewhere since this editor opened" in editor.warnings.text() or editor.elsewhere
    retype(qtbot, editor.names.fields["given"], "Sergius")
    ok(qtbot, editor)
    person = ws.tree.people[SERGEI]
    assert (person.display_name(), person.sex) == ("Sergius Sedov", Sex.UNKNOWN)


def test_an_editor_whose_person_was_deleted_saves_nothing_until_undo_brings_her_back(
        qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    retype(qtbot, editor.names.fields["given"], "Julia")
    window.editing.push(lambda t: delete_person(t, YULIA))
    ok_button = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok_button.isEnabled()
    assert "no longer in the file" in editor.warnings.text()
    qtbot.wait(CHECK_DELAY_MS + 100)  # the edits tried again after the typing: no error, still said
    assert "no longer in the file" in editor.warnings.text()
    qtbot.keyClick(editor.names.fields["given"], Qt.Key.Key_A)
    qtbot.wait(CHECK_DELAY_MS + 100)
    assert "no longer in the file" in editor.warnings.text()
    window.actions_by_id["edit.undo"].trigger()
    assert ok_button.isEnabled()
    assert "no longer in the file" not in editor.warnings.text()
    assert "Back in the file" in editor.warnings.text()
    ok(qtbot, editor)
    assert not editor.isVisible()
    assert ws.tree.people[YULIA].display_name() == "Juliaa"
    assert ws.undo.descriptions[-1] == "Renamed Yulia to Juliaa"


def test_a_locked_record_is_changed_only_when_the_user_says_so(qtbot: QtBot, window: MainWindow) -> None:
    ws = window.workspace
    window.editing.push(lambda t: e.set_restriction(t, ("INDI", YULIA), "LOCKED"))
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    retype(qtbot, editor.names.fields["given"], "Julia")
    ok(qtbot, editor)
    asked = answer(qtbot, editor.question, "Cancel")
    assert asked.startswith("The record of Yulia is locked (RESN locked): the file asks that it not be "
                            "changed.")
    assert editor.isVisible()
    assert ws.tree.people[YULIA].display_name() == "Yulia"
    ok(qtbot, editor)
    answer(qtbot, editor.question, "Change Anyway")
    assert closed(editor)
    assert ws.tree.people[YULIA].display_name() == "Julia"
    editor = edit_with_ctrl_e(qtbot, window, YULIA)  # unlocked in the editor: the user's own word
    editor.restriction.setCurrentIndex(editor.restriction.findText("None"))
    retype(qtbot, editor.names.fields["given"], "Yulia")
    ok(qtbot, editor)
    assert editor.question is None
    assert not editor.isVisible()
    assert ws.tree.people[YULIA].display_name() == "Yulia"


def test_opening_another_file_closes_the_editors_of_the_last(qtbot: QtBot, window: MainWindow,
                                                             bundled_path: Path) -> None:
    editor = edit_with_ctrl_e(qtbot, window, SERGEI)
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(bundled_path))
    assert not editor.isVisible()


def test_changing_a_fact_asks_whether_its_sources_still_say_so(qtbot: QtBot, window: MainWindow) -> None:
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    qtbot.mouseClick(editor.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=editor.tabs.tabBar().tabRect(editor.tabs.indexOf(editor.facts)).center())
    facts = editor.facts
    assert facts.panel.row().current["tag"] == "BIRT"
    assert facts.unsourced.text() == ""  # as read: cited
    retype(qtbot, facts.date.edit, "12 May 1936")
    assert facts.unsourced.text().startswith("You changed this fact: do these sources say so?")
    click(qtbot, facts.change_button)
    picker = facts.picker
    assert picker is not None
    retype(qtbot, picker.page, "p. 401")
    ok(qtbot, picker)
    assert facts.unsourced.text() == ""
    ok(qtbot, editor)
    birth = window.workspace.tree.people[YULIA].birth
    assert birth is not None
    assert birth.citations[0].page == "p. 401"
    assert birth.date is not None
    assert birth.date.display() == "12 May 1936"


def test_an_event_of_type_even_is_called_an_event_and_the_order_buttons_have_words(
        qtbot: QtBot, window: MainWindow) -> None:
    event = Event("EVEN", type="EVEN", date=Date.parse("5 MAY 1950"))  # as some files write it: TYPE EVEN
    window.editing.push(lambda t: e.add_event(t, YULIA, event))
    editor = edit_with_ctrl_e(qtbot, window, YULIA)
    bar = editor.tabs.tabBar()
    where = bar.tabRect(editor.tabs.indexOf(editor.facts)).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=where)
    assert editor.tabs.currentWidget() is editor.facts
    rows = [editor.facts.panel.list.item(i).text() for i in range(editor.facts.panel.list.count())]
    assert "Event: 5 May 1950" in rows
    assert not any("EVEN" in row for row in rows)
    panel = editor.facts.panel
    for button, words in ((panel.up_button, "Up"), (panel.down_button, "Down")):
        assert button is not None
        assert words in button.text()
        assert button.accessibleName() == f"Move the chosen fact {words.lower()}"
        assert button.toolTip() == button.accessibleName()
    editor.discard()


def test_the_editor_warns_about_its_own_person_not_about_a_brothers_old_problem(qtbot: QtBot) -> None:
    """Anna's mother was 75 at Anna's birth (an old problem, listed in the Conflicts dock): the editor
    of her brother Boris, born when the mother was 30, says nothing of it."""
    from support.builders import TreeBuilder

    b = TreeBuilder()
    mother, father = b.person("Maria /Orlova/", "F", born="1900"), b.person("Ivan /Orlov/", "M", born="1895")
    anna, boris = b.person("Anna /Orlova/", "F", born="1975"), b.person("Boris /Orlov/", "M", born="1930")
    b.family(father, mother, [boris, anna])
    window = make_window(qtbot, tree=b.tree)
    editor = edit_with_ctrl_e(qtbot, window, anna)
    assert "older than 60" in " ".join(editor.check().warnings)  # her own: said
    editor.close()
    editor = edit_with_ctrl_e(qtbot, window, boris)
    assert editor.check().warnings == []
