"""The Sources dock: every source, its citations, and the people and facts that rest on each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from familytree.evidence import SourceEntry, source_index
from familytree.model import Tree

__all__ = ["SourcesDock", "child_items"]

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 2


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The children of a tree item (the top-level items for `widget.invisibleRootItem()`)."""
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class SourcesDock(QDockWidget):
    """A tree of sources -> citations (page) -> facts; clicking a fact opens its person.

    Built when first shown for a tree, like the Conflicts dock: a large file costs
    nothing until someone looks.
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal names are camelCase)
    sourceChosen = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sources", parent)
        self.setObjectName("sourcesDock")
        self.tree: Tree | None = None
        self.entries: list[SourceEntry] = []
        self._built_for: Tree | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.filter = QLineEdit(body)
        self.filter.setPlaceholderText("Filter sources, pages and people")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.filter.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter)
        self.list = QTreeWidget(body)
        self.list.setObjectName("sourcesList")
        self.list.setAccessibleName("Sources and their citations")
        self.list.setHeaderLabels(["Source, citation, fact"])
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def set_tree(self, tree: Tree | None) -> None:
        self.tree = tree
        if self.isVisible():
            self.rebuild()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._built_for is not self.tree:
            self.rebuild()

    def rebuild(self) -> None:
        self.list.clear()
        tree = self.tree
        self._built_for = tree
        self.entries = source_index(tree) if tree is not None else []
        if tree is None:
            return
        items = []
        for entry in self.entries:
            top = QTreeWidgetItem([f"{entry.title} ({_plural(entry.use_count, 'fact')})"])
            top.setToolTip(0, entry.title)
            if entry.source is not None:
                top.setData(0, SOURCE_ROLE, entry.key)
            for citation in entry.citations:
                mid = QTreeWidgetItem([citation.page or "(no page given)"])
                texts = citation.texts
                if texts:
                    mid.setToolTip(0, "\n\n".join(texts))
                if entry.source is not None:
                    mid.setData(0, SOURCE_ROLE, entry.key)
                for use in citation.uses:
                    leaf = QTreeWidgetItem([use.display(tree)])
                    leaf.setToolTip(0, "\n\n".join(use.citation.text) or use.display(tree))
                    if use.person_ids:
                        leaf.setData(0, PERSON_ROLE, use.person_ids[0])
                    mid.addChild(leaf)
                top.addChild(mid)
            items.append(top)
        self.list.addTopLevelItems(items)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        """Hide what does not match; a source matches if it, a citation or a fact under it does."""
        needle = text.casefold().strip()

        def show(item: QTreeWidgetItem, inherited: bool) -> bool:
            own = not needle or needle in item.text(0).casefold()
            any_child = False
            for child in child_items(item):
                any_child = show(child, inherited or own) or any_child
            visible = inherited or own or any_child
            item.setHidden(not visible)
            return visible

        for item in child_items(self.list.invisibleRootItem()):
            show(item, False)

    def source_titles(self) -> list[str]:
        """The text of every top-level line (for tests and accessibility checks)."""
        return [item.text(0) for item in child_items(self.list.invisibleRootItem())]

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        person_id = item.data(0, PERSON_ROLE)
        if isinstance(person_id, str) and person_id:
            self.personChosen.emit(person_id)
            return
        source_id = item.data(0, SOURCE_ROLE)
        if isinstance(source_id, str) and source_id:
            self.sourceChosen.emit(source_id)
