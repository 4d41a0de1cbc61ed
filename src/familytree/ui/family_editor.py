"""The family editor: whether the couple married (married, not married, not known), the family's events with
their sources, and its notes; reached from the details panel's Family section and the person editor."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from familytree.model import Family, NoteRef, Person
from familytree.model.text import shorten
from familytree.relations import PartnerStatus, partner_status
from familytree.render.text import set_plain_text
from familytree.ui.edit_drafts import ListDraft, fact_row, notes_draft, sync_facts, sync_notes
from familytree.ui.edit_fields import add_row, place_index
from familytree.ui.editor_dialog import EditorDialog, open_editor
from familytree.ui.fact_editor import FAMILY_TAGS, FactsTab, NotesTab
from familytree.ui.settings import Settings
from familytree.workspace import TreeChange, UndoStack, Workspace
from familytree.workspace.editing import family_words, person_words
from familytree.workspace.relatives import set_partnership

__all__ = ["FamilyEditor", "PARTNERSHIPS", "open_family_editor"]

PARTNERSHIPS = (("Married", PartnerStatus.MARRIED), ("Not married", PartnerStatus.UNMARRIED),
                ("Not known", PartnerStatus.UNKNOWN))


class FamilyEditor(EditorDialog):
    """Edit one family's partnership, events and notes (who is in it: the chart's relatives menu)."""

    size_name = "family_editor"
    default_size = (780, 560)

    def __init__(self, workspace: Workspace, family_id: str, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, settings, parent)
        self.setObjectName("familyEditor")
        self.family_id = family_id
        tree = self.tree
        family = tree.families[family_id]
        self.setWindowTitle(shorten(f"Edit the family of {family_words(tree, family)}", 120))
        form = QFormLayout()
        self.partners = QLabel(self)
        self.partners.setWordWrap(True)
        add_row(form, "Partners:", self.partners, "Partners")
        set_plain_text(self.partners, self._partners(family))
        self.children_label = QLabel(self)
        self.children_label.setWordWrap(True)
        add_row(form, "Children:", self.children_label, "Children")
        children = [person_words(tree, c) for c in family.child_ids if c in tree.people]
        set_plain_text(self.children_label, ", ".join(children) or "none recorded")
        self.partnership = add_row(form, "&Partnership:", QComboBox(self), "Partnership")
        self.partnership.setToolTip("Whether the couple married: married records a marriage; not married "
                                    "says in the file that they did not; not known says neither")
        for words, status in PARTNERSHIPS:
            self.partnership.addItem(words, status.value)
        self._status = partner_status(family)
        self.partnership.setCurrentIndex(self.partnership.findData(self._status.value))
        self.partnership.currentIndexChanged.connect(lambda _i: self.edited())
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Parts of the family's record")
        self.facts = FactsTab(tree, FAMILY_TAGS, lambda: place_index(workspace), self.edited, settings,
                              self.tabs)
        self.notes = NotesTab(self.edited, self.tabs)
        self.tabs.addTab(self.facts, "&Events")
        self.tabs.addTab(self.notes, "N&otes")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.facts.set_draft(ListDraft.of(fact_row(e) for e in family.events))
        self.notes.shared_note = lambda row: isinstance(row.origin, NoteRef)
        self.notes.set_draft(notes_draft(tree, family.notes))
        self.check()

    def _partners(self, family: Family) -> str:
        names = [person_words(self.tree, p) for p in family.partner_ids if p in self.tree.people]
        return " and ".join(names) or "none recorded"

    def apply(self, stack: UndoStack) -> None:
        owner = ("FAM", self.family_id)
        sync_facts(stack, owner, self.facts.panel.draft)
        sync_notes(stack, owner, self.notes.panel.draft)
        status = PartnerStatus(self.partnership.currentData())
        if status is not self._status:
            stack.push(set_partnership(stack.tree, self.family_id, status))

    def subject(self) -> str:
        family = self.tree.families.get(self.family_id)
        return f"the family of {family_words(self.tree, family)}" if family is not None else self.family_id

    def concerned(self) -> tuple[list[str], list[str]]:
        family = self.tree.families.get(self.family_id)
        return (family.partner_ids if family is not None else []), [self.family_id]

    def shows(self, change: TreeChange) -> bool:
        return self.family_id in change.families

    def gone(self, change: TreeChange) -> str:
        if self.family_id in self.tree.families:
            return ""
        return "This family is no longer in the file: nothing here can be saved while it is gone"

    def record(self) -> Person | Family | None:
        return self.tree.families.get(self.family_id)


def open_family_editor(workspace: Workspace, family_id: str, settings: Settings | None = None,
                       parent: QWidget | None = None) -> FamilyEditor | None:
    """The family's editor: the one already open, brought to the front, or a new one."""
    tree = workspace.tree
    if tree is None or family_id not in tree.families:
        return None
    return open_editor(parent, FamilyEditor, lambda e: e.family_id == family_id and e.tree is tree,
                       lambda: FamilyEditor(workspace, family_id, settings, parent))
