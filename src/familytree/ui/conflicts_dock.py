"""The Conflicts dock: every fact of the open file on which the sources disagree."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from familytree.evidence import Conflict, citation_text, find_conflicts
from familytree.model.text import SHORT_TEXT, shorten
from familytree.render.text import tooltip
from familytree.ui.sources_view import WholeFileDock, busy_cursor, child_items

__all__ = ["ConflictsDock"]

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


class ConflictsDock(WholeFileDock):
    """One line per disagreement ("Sergei Sedov — Occupation: sources differ"), the claims beneath it.

    The list is built when the dock is first shown for a tree, so that opening a large
    file does not pay for a dock nobody looks at.
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal names are camelCase)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Conflicts", parent)
        self.setObjectName("conflictsDock")
        self.conflicts: list[Conflict] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel(body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QTreeWidget(body)
        self.list.setObjectName("conflictsList")
        self.list.setAccessibleName("Conflicting evidence")
        self.list.setHeaderLabels(["Person and fact", "Cited from"])
        self.list.setColumnCount(2)
        self.list.setWordWrap(True)
        self.list.setColumnWidth(0, 340)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        layout.addWidget(self.list)
        self.setWidget(body)

    def rebuild(self) -> None:
        self.list.clear()
        tree = self.tree
        self._built_for = tree
        with busy_cursor():
            self.conflicts = find_conflicts(tree) if tree is not None else []
        if tree is None:
            self.summary.setText("No file is open.")
            return
        n = len(self.conflicts)
        # "the sources agree" would be news to a file that cites none (royal92.ged)
        self.summary.setText("No two records of the same fact disagree." if n == 0 else
                             f"{n} fact{'s' if n != 1 else ''} on which the sources differ.")
        for conflict in self.conflicts:
            names = " and ".join(shorten(tree.people[p].display_name()) for p in conflict.person_ids
                                 if p in tree.people) or shorten(conflict.owner_id)
            top = QTreeWidgetItem([f"{names} \u2014 {shorten(conflict.label)}: sources differ", ""])
            top.setData(0, PERSON_ROLE, conflict.person_id)
            top.setToolTip(0, tooltip(conflict.describe(tree)))
            for value in conflict.values:
                cited = "; ".join(citation_text(tree, c) for c in value.citations) or "unsourced"
                child = QTreeWidgetItem([shorten(value.value), shorten(cited, 2 * SHORT_TEXT)])
                child.setData(0, PERSON_ROLE, conflict.person_id)
                child.setToolTip(0, tooltip(value.value))
                child.setToolTip(1, tooltip(cited))
                top.addChild(child)
            self.list.addTopLevelItem(top)
            top.setExpanded(True)

    def rows(self) -> list[str]:
        """The headline of every conflict listed (for tests and accessibility checks)."""
        return [item.text(0) for item in child_items(self.list.invisibleRootItem())]

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        person_id = item.data(0, PERSON_ROLE)
        if isinstance(person_id, str) and person_id:
            self.personChosen.emit(person_id)
