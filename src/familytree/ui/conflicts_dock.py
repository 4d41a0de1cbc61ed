"""The Conflicts dock: every fact of the open file on which the sources disagree, and every implausible
date (a parent of 9 or 70, born after death...) with the facts and the sources that say it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from familytree.evidence import Conflict, citation_text, find_conflicts
from familytree.evidence.plausibility import Implausible, refreshed_implausibilities, tree_implausibilities
from familytree.model import Citation, Tree
from familytree.model.text import SHORT_TEXT, shorten
from familytree.render.text import tooltip
from familytree.ui.sources_view import WholeFileDock, busy_cursor, child_items
from familytree.workspace import TreeChange
from familytree.workspace.editing import fact_words

__all__ = ["ConflictsDock"]

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def _cited(tree: Tree, citations: list[Citation]) -> str:
    return "; ".join(citation_text(tree, c) for c in citations) or "unsourced"


class ConflictsDock(WholeFileDock):
    """One line per disagreement ("Sergei Sedov — Occupation: sources differ"), the claims beneath it; then
    one per implausible date ("⚠ Genrietta Rubinshtein, the mother, was at most 6 when ..."), the facts
    involved beneath it, each with its sources. A click on a line chooses its person.

    The list is built when the dock is first shown for a tree, so that opening a large
    file does not pay for a dock nobody looks at; after an edit it is built again (the
    window asks once a run of edits pauses).
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal names are camelCase)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Conflicts", parent)
        self.setObjectName("conflictsDock")
        self.conflicts: list[Conflict] = []
        self.implausible: list[Implausible] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel(body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QTreeWidget(body)
        self.list.setObjectName("conflictsList")
        self.list.setAccessibleName("Conflicting evidence and implausible dates")
        self.list.setHeaderLabels(["Person and fact", "Cited from"])
        self.list.setColumnCount(2)
        self.list.setWordWrap(True)
        self.list.setColumnWidth(0, 340)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        layout.addWidget(self.list)
        self.setWidget(body)

    def rebuild(self) -> None:
        tree = self.tree
        self._built_for = tree
        with busy_cursor():
            self.conflicts = find_conflicts(tree) if tree is not None else []
            self.implausible = tree_implausibilities(tree) if tree is not None else []
        self._fill()

    def tree_edited(self, changes: Sequence[TreeChange]) -> None:
        """Edits of the tree shown: the disagreements found again, the implausible dates only where the
        edits touched (the whole file's take a second for 100,000 people)."""
        tree = self.tree
        if not self.isVisible() or tree is None or self._built_for is not tree:
            self.tree_changed()
            return
        people = {p for change in changes for p in change.people}
        families = {f for change in changes for f in change.families}
        with busy_cursor():
            self.conflicts = find_conflicts(tree)
            self.implausible = refreshed_implausibilities(tree, self.implausible, people, families)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        tree = self.tree
        if tree is None:
            self.summary.setText("No file is open.")
            return
        n, m = len(self.conflicts), len(self.implausible)
        # "the sources agree" would be news to a file that cites none (royal92.ged)
        differ = "No two records of the same fact disagree." if n == 0 else \
            f"{n} fact{'s' if n != 1 else ''} on which the sources differ."
        odd = "No date is implausible." if m == 0 else \
            f"{m} implausible date{'s' if m != 1 else ''} (a warning: the file may be right)."
        self.summary.setText(f"{differ} {odd}")
        for conflict in self.conflicts:
            names = " and ".join(shorten(tree.people[p].display_name()) for p in conflict.person_ids
                                 if p in tree.people) or shorten(conflict.owner_id)
            top = QTreeWidgetItem([f"{names} \u2014 {shorten(conflict.label)}: sources differ", ""])
            top.setData(0, PERSON_ROLE, conflict.person_id)
            top.setToolTip(0, tooltip(conflict.describe(tree)))
            for value in conflict.values:
                cited = _cited(tree, value.citations)
                child = QTreeWidgetItem([shorten(value.value), shorten(cited, 2 * SHORT_TEXT)])
                child.setData(0, PERSON_ROLE, conflict.person_id)
                child.setToolTip(0, tooltip(value.value))
                child.setToolTip(1, tooltip(cited))
                top.addChild(child)
            self.list.addTopLevelItem(top)
            top.setExpanded(True)
        for warning in self.implausible:
            top = self._implausible_item(tree, warning)
            self.list.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # the sentence across the dock; its facts' sources beneath
            top.setExpanded(True)

    def _implausible_item(self, tree: Tree, warning: Implausible) -> QTreeWidgetItem:
        """The warning, and beneath it each fact involved with its sources."""
        person_id = next((p for p in warning.person_ids if p in tree.people), "")
        top = QTreeWidgetItem([f"\u26a0 {shorten(warning.message, 2 * SHORT_TEXT)}", ""])
        top.setData(0, PERSON_ROLE, person_id)
        top.setToolTip(0, tooltip(warning.message))
        for event, owner in zip(warning.events, warning.owners, strict=False):
            kind = "FAM" if owner in tree.families and owner not in tree.people else "INDI"
            fact = fact_words(tree, (kind, owner), event)
            cited = _cited(tree, event.citations)
            child = QTreeWidgetItem([shorten(fact[:1].upper() + fact[1:]), shorten(cited, 2 * SHORT_TEXT)])
            child.setData(0, PERSON_ROLE, owner if kind == "INDI" else person_id)
            child.setToolTip(0, tooltip(fact))
            child.setToolTip(1, tooltip(cited))
            top.addChild(child)
        return top

    def rows(self) -> list[str]:
        """The headline of every conflict listed (for tests and accessibility checks)."""
        return [item.text(0) for item in child_items(self.list.invisibleRootItem())]

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        person_id = item.data(0, PERSON_ROLE)
        if isinstance(person_id, str) and person_id:
            self.personChosen.emit(person_id)
