"""Hostile text from a file in the editors: shown as written, never as markup, never long enough to freeze."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT
from familytree.ui.editor_dialog import EditorDialog
from familytree.ui.family_editor import open_family_editor
from familytree.ui.main_window import MainWindow
from familytree.ui.person_editor import PersonEditor, open_person_editor
from familytree.ui.source_editor import open_source_editor
from familytree.ui.source_picker import SourcePicker
from support.hostile import LONG, assert_no_markup_from, finding, long_file, make_window, shown_texts

pytestmark = pytest.mark.gui


def open_editors(window: MainWindow) -> list[QWidget]:
    """Every person's and family's editor, each source's, and the source picker over a fact."""
    ws = window.workspace
    tree = ws.tree
    assert tree is not None
    opened: list[QWidget] = []
    for person_id in tree.people:
        editor = open_person_editor(ws, person_id, window.settings, window)
        assert editor is not None
        for i in range(editor.tabs.count()):
            editor.tabs.setCurrentIndex(i)  # each tab laid out
        opened.append(editor)
    for family_id in tree.families:
        opened.append(open_family_editor(ws, family_id, window.settings, window))
    for source_id in tree.sources:
        opened.append(open_source_editor(ws, source_id, window.settings, window))
    first = opened[0]
    assert isinstance(first, PersonEditor)
    if first.facts.panel.draft.rows:
        first.facts.panel.list.setCurrentRow(0)
    picker = first.facts.cite()
    assert isinstance(picker, SourcePicker)
    opened.append(picker)
    QApplication.processEvents()
    return opened


def test_the_editors_show_markup_from_a_file_as_text(qtbot: QtBot, qapp) -> None:
    path = finding("hostile-content.ged")
    window = make_window(qtbot, path)
    editors = open_editors(window)
    assert_no_markup_from(path, window)
    evil = next(e for e in editors if isinstance(e, PersonEditor) and e.person_id == "@I1@")
    assert isinstance(evil, PersonEditor)
    given = window.workspace.tree.people["@I1@"].names[0].given  # "<script>alert(1)<": a slash, a surname
    assert evil.names.fields["given"].text() == given  # as written, to edit
    assert evil.windowTitle() == f"Edit {window.workspace.tree.people['@I1@'].display_name()}"
    for editor in editors:
        if isinstance(editor, EditorDialog):
            editor.reject()
    assert window.workspace.undo.edits == []  # looked at, nothing changed


def test_the_editors_of_a_file_of_300_kb_values_cut_what_they_show_and_keep_what_they_edit(
        qtbot: QtBot, qapp, tmp_path: Path) -> None:
    window = make_window(qtbot, long_file(tmp_path))
    editors = open_editors(window)
    limits = {"tooltip": TOOLTIP_TEXT + 200}
    for editor in editors:
        for shown in shown_texts(editor):
            if shown.kind != "document":  # a note or excerpt to edit is whole (and wraps anywhere)
                assert len(shown.text) <= limits.get(shown.kind, 3 * SHORT_TEXT + 50), \
                    (shown.where, shown.kind, len(shown.text))
    long_one = next(e for e in editors if isinstance(e, PersonEditor) and e.person_id == "@I2@")
    assert isinstance(long_one, PersonEditor)
    # what is edited is whole: a field cut for display would cut the file's value at OK
    assert long_one.names.fields["given"].text() == "N" * LONG
    long_one.tabs.setCurrentWidget(long_one.notes)
    assert long_one.notes.text.toPlainText() == "W" * LONG
    long_one.tabs.setCurrentWidget(long_one.facts)
    assert long_one.facts.place.text() == "P" * LONG
    long_one.accept()  # OK with nothing changed: no edit
    assert window.workspace.undo.edits == []
