"""The person editor (Edit > Edit Person…, Ctrl+E): names, sex, facts with their sources, notes and the
record's restriction, changed in one go at OK, one entry of the undo stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from familytree.model import Family, NoteRef, Person, Sex
from familytree.model.text import shorten
from familytree.render.text import tooltip
from familytree.ui.edit_drafts import (
    ListDraft,
    fact_row,
    name_row,
    notes_draft,
    restriction_of,
    says_locked,
    sync_facts,
    sync_names,
    sync_notes,
)
from familytree.ui.edit_fields import place_index
from familytree.ui.editor_dialog import EditorDialog, open_editor
from familytree.ui.fact_editor import PERSON_TAGS, FactsTab, NotesTab
from familytree.ui.name_editor import NamesTab
from familytree.ui.settings import Settings
from familytree.workspace import TreeChange, UndoStack, Workspace
from familytree.workspace.editing import RESTRICTIONS, family_words, person_words, set_restriction, set_sex

if TYPE_CHECKING:
    from familytree.ui.main_window import MainWindow

__all__ = ["PersonEditor", "edit_person", "restriction_of"]

SEX_CHOICES = (("Male", Sex.MALE), ("Female", Sex.FEMALE), ("Other", Sex.OTHER), ("Not known", Sex.UNKNOWN))
_FAMILY_ROLE = Qt.ItemDataRole.UserRole


class PersonEditor(EditorDialog):
    """Edit one person. Nothing changes until OK; then every change is one entry of the undo stack."""

    size_name = "person_editor"
    default_size = (820, 640)

    def __init__(self, workspace: Workspace, person_id: str, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, settings, parent)
        self.setObjectName("personEditor")
        self.person_id = person_id
        tree = self.tree
        person = tree.people[person_id]
        self.setWindowTitle(f"Edit {shorten(person.display_name(), 80)}")
        top = QHBoxLayout()
        self.sex = QComboBox(self)
        self.sex.setAccessibleName("Sex")
        for words, sex in SEX_CHOICES:
            self.sex.addItem(words, sex.value)
        self.sex.setCurrentIndex(self.sex.findData(person.sex.value))
        self.sex.currentIndexChanged.connect(lambda _i: self.edited())
        self._sex = person.sex
        self.restriction = QComboBox(self)
        self.restriction.setAccessibleName("Restriction (RESN)")
        self.restriction.setToolTip("Whether the file marks this record private (RESN): hidden wherever "
                                    "the living are hidden, as the file asks")
        self.restriction.addItem("None", "")
        for value in RESTRICTIONS:
            self.restriction.addItem(value.capitalize(), value)
        self._restriction = restriction_of(person)
        if self.restriction.findData(self._restriction.upper()) < 0:  # "confidential, locked": as it is
            self.restriction.addItem(shorten(self._restriction, 60), self._restriction.upper())
        self.restriction.setCurrentIndex(self.restriction.findData(self._restriction.upper()))
        self.restriction.currentIndexChanged.connect(lambda _i: self.edited())
        for text, field in (("&Sex:", self.sex), ("&Restriction:", self.restriction)):
            label = QLabel(text, self)
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field)
            top.addSpacing(12)
        top.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Parts of the person's record")
        self.names = NamesTab(self.edited, self.tabs)
        self.facts = FactsTab(tree, PERSON_TAGS, lambda: place_index(workspace), self.edited, settings,
                              self.tabs)
        self.notes = NotesTab(self.edited, self.tabs)
        self.families = self._families_tab(person)
        for tab, words in ((self.names, "&Names"), (self.facts, "&Facts and events"), (self.notes, "N&otes"),
                           (self.families, "Fa&milies")):
            self.tabs.addTab(tab, words)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.names.set_draft(ListDraft.of(name_row(n) for n in person.names))
        self.facts.set_draft(ListDraft.of(fact_row(e) for e in person.events))
        self.notes.shared_note = lambda row: isinstance(row.origin, NoteRef)
        self.notes.set_draft(notes_draft(tree, person.notes))
        self.check()

    def _families_tab(self, person: Person) -> QWidget:
        tab = QWidget(self.tabs)
        self.family_list = QListWidget(tab)
        self.family_list.setAccessibleName("Families of the person")
        tree = self.tree
        for family in tree.parent_families(person.id):
            self._family_item(f"Child of {family_words(tree, family)}", family.id)
        for family in tree.partner_families(person.id):
            others = [person_words(tree, p) for p in family.partner_ids
                      if p != person.id and p in tree.people]
            self._family_item(f"Partner of {' and '.join(others) or 'someone not recorded'}", family.id)
        self.family_list.itemActivated.connect(lambda item: self.edit_family(item.data(_FAMILY_ROLE)))
        edit = QPushButton("&Edit Family…", tab)
        edit.setAccessibleName("Edit the chosen family: partnership and family events")
        edit.setAutoDefault(False)
        edit.clicked.connect(lambda _checked=False: self.edit_family())
        edit.setEnabled(self.family_list.count() > 0)
        self.family_list.setCurrentRow(0)
        column = QVBoxLayout(tab)
        column.addWidget(self.family_list)
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addStretch(1)
        column.addLayout(row)
        return tab

    def _family_item(self, text: str, family_id: str) -> None:
        item = QListWidgetItem(shorten(text))
        item.setData(_FAMILY_ROLE, family_id)
        if len(text) > len(item.text()):
            item.setToolTip(tooltip(text))
        self.family_list.addItem(item)

    def edit_family(self, family_id: str = "") -> QWidget | None:
        item = self.family_list.currentItem()
        family_id = family_id or (item.data(_FAMILY_ROLE) if item is not None else "")
        if not family_id:
            return None
        from familytree.ui.family_editor import open_family_editor

        return open_family_editor(self.workspace, family_id, self.settings, self.parentWidget())

    # -- the edits ---------------------------------------------------------------------------------
    def apply(self, stack: UndoStack) -> None:
        tree, pid = stack.tree, self.person_id
        sex = Sex(self.sex.currentData())
        if sex is not self._sex:
            stack.push(set_sex(tree, pid, sex))
        sync_names(stack, pid, self.names.panel.draft)
        sync_facts(stack, ("INDI", pid), self.facts.panel.draft)
        sync_notes(stack, ("INDI", pid), self.notes.panel.draft)
        restriction = self.restriction.currentData()
        if restriction != self._restriction.upper():
            stack.push(set_restriction(tree, ("INDI", pid), restriction))

    def subject(self) -> str:
        return person_words(self.tree, self.person_id)

    def concerned(self) -> tuple[list[str], list[str]]:
        return [self.person_id], []

    def shows(self, change: TreeChange) -> bool:
        return self.person_id in change.people

    def gone(self, change: TreeChange) -> str:
        if self.person_id in self.tree.people:
            return ""
        return ("This person is no longer in the file (deleted, or their adding undone): "
                "nothing here can be saved while they are gone")

    def record(self) -> Person | Family | None:
        return self.tree.people.get(self.person_id)

    def stays_locked(self) -> bool:
        return says_locked(str(self.restriction.currentData()))

    def first_field(self) -> QWidget | None:
        self.tabs.setCurrentWidget(self.names)
        return self.names.fields["given"]

    def pushed(self) -> None:
        places = place_index(self.workspace)
        for row in self.facts.panel.draft.rows:
            if row.changes().get("place"):
                places.add(row.current["place"])


def open_person_editor(workspace: Workspace, person_id: str, settings: Settings | None = None,
                       parent: QWidget | None = None) -> PersonEditor | None:
    """The person's editor: the one already open for them, brought to the front, or a new one."""
    tree = workspace.tree
    if tree is None or person_id not in tree.people:
        return None
    return open_editor(parent, PersonEditor, lambda e: e.person_id == person_id and e.tree is tree,
                       lambda: PersonEditor(workspace, person_id, settings, parent))


def edit_person(window: MainWindow, person_id: str = "") -> PersonEditor | None:
    """Edit > Edit Person…: the editor of `person_id`, else of the selected person."""
    workspace = window.workspace
    person_id = person_id or workspace.selected_id
    editor = open_person_editor(workspace, person_id, window.settings, window)
    if editor is None:
        window.statusBar().showMessage("Select a person to edit: click them on the chart", 5000)
    return editor
