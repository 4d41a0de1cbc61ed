"""The Sources dock: every source, its citations, and the people and facts that rest on each."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familytree.evidence import CitationEntry, SourceEntry, source_index
from familytree.model import Tree
from familytree.model.text import LONG_TEXT, SHORT_TEXT, for_display, shorten
from familytree.render.text import tooltip
from familytree.ui.editor_dialog import window_settings
from familytree.workspace import TreeChange, Workspace

__all__ = ["SourcesDock", "busy_cursor", "child_items"]

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3  # (source index, citation index or -1)
USE_ROLE = Qt.ItemDataRole.UserRole + 4  # (source index, citation index, use index) on a fact
_SHOW = QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
LIVE_REBUILD = 5000  # people: up to this many the dock lists its sources again after any edit


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while a whole-file scan runs (a second or two on a 100,000-person file)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The children of a tree item (the top-level items for `widget.invisibleRootItem()`)."""
    return [c for c in (item.child(i) for i in range(item.childCount())) if c is not None]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class WholeFileDock(QDockWidget):
    """A dock over the whole open file: built when first shown for a tree, rebuilt for a new one.

    Opening a large file then costs nothing for docks nobody looks at.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.tree: Tree | None = None
        self._built_for: Tree | None = None
        self.visibilityChanged.connect(self._on_visibility_changed)

    def set_tree(self, tree: Tree | None) -> None:
        """Use `tree`; the dock is (re)built now if it is visible, else when it is shown."""
        self.tree = tree
        if self.isVisible():
            self.rebuild()

    def tree_changed(self) -> None:
        """The tree was edited: the dock is built again now if it is visible, else when it is shown."""
        self._built_for = None
        if self.isVisible():
            self.rebuild()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._built_for is not self.tree:
            self.rebuild()

    def rebuild(self) -> None:
        raise NotImplementedError


class SourcesDock(WholeFileDock):
    """A tree of sources -> citations (page) -> facts; clicking a fact opens its person.

    Built when first shown for a tree, and each level filled in when it is
    expanded: a file with a hundred thousand citations opens its list at once.
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal names are camelCase)
    sourceChosen = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None, workspace: Workspace | None = None) -> None:
        super().__init__("Sources", parent)
        self.setObjectName("sourcesDock")
        self.entries: list[SourceEntry] = []
        self._haystacks: dict[tuple[int, int], str] = {}
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.filter = QLineEdit(body)
        self.filter.setPlaceholderText("Filter sources, pages and people")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.filter.textChanged.connect(self._apply_filter)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        self.new_button = QPushButton("&New…", body)
        self.new_button.setAccessibleName("New source")
        self.new_button.setToolTip("Add a source: its author, title, publication and where it is kept")
        self.new_button.clicked.connect(lambda _checked=False: self.edit_source(""))
        self.edit_button = QPushButton("&Edit…", body)
        self.edit_button.setAccessibleName("Edit the chosen source")
        self.edit_button.setToolTip("Edit the chosen source and where it is kept (or double-click it)")
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_source(self.current_source()))
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        layout.addLayout(row)
        self.list = QTreeWidget(body)
        self.list.setObjectName("sourcesList")
        self.list.setAccessibleName("Sources and their citations")
        self.list.setHeaderLabels(["Source, citation, fact"])
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        self.list.itemExpanded.connect(self._fill)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemDoubleClicked.connect(self._on_double_clicked)
        self.excerpt_view = QTextBrowser(body)
        self.excerpt_view.setObjectName("sourcesExcerpts")
        self.excerpt_view.setAccessibleName("What the chosen source or citation says")
        self.excerpt_view.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, body)
        split.addWidget(self.list)
        split.addWidget(self.excerpt_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split)
        self.setWidget(body)
        self.workspace: Workspace | None = None
        self.editor: QWidget | None = None  # the last source editor opened here
        if workspace is not None:
            self.follow(workspace)
        self._enable()

    # -- building, one level at a time ------------------------------------------------------------
    def rebuild(self) -> None:
        chosen = self.current_source()
        self.list.clear()
        tree = self.tree
        self._built_for = tree
        self._haystacks = {}
        self.entries = []  # let the old index go before the new one is built (half the memory)
        with busy_cursor():
            self.entries = source_index(tree) if tree is not None else []
        items = []
        for i, entry in enumerate(self.entries):
            top = QTreeWidgetItem([f"{shorten(entry.title)} ({_plural(entry.use_count, 'fact')})"])
            top.setToolTip(0, tooltip(entry.title))
            top.setData(0, ENTRY_ROLE, (i, -1))
            if entry.source is not None:
                top.setData(0, SOURCE_ROLE, entry.key)
            if entry.citations:
                top.setChildIndicatorPolicy(_SHOW)
            items.append(top)
        self.list.addTopLevelItems(items)
        self._apply_filter(self.filter.text())
        again = next((item for item in items if chosen and item.data(0, SOURCE_ROLE) == chosen), None)
        if again is not None:  # rebuilt after an edit: the source edited stays chosen
            self.list.setCurrentItem(again)
        self._enable()

    def _fill(self, item: QTreeWidgetItem) -> None:
        """Create the children of an item the first time it is expanded."""
        where = item.data(0, ENTRY_ROLE)
        if item.childCount() or not isinstance(where, tuple) or self.tree is None:
            return
        s, c = where
        entry = self.entries[s]
        if c < 0:
            for j, citation in enumerate(entry.citations):
                mid = QTreeWidgetItem([shorten(citation.page) or "(no page given)"])
                mid.setData(0, ENTRY_ROLE, (s, j))
                if citation.texts:
                    mid.setToolTip(0, tooltip("\n\n".join(citation.texts)))
                if entry.source is not None:
                    mid.setData(0, SOURCE_ROLE, entry.key)
                if citation.uses:
                    mid.setChildIndicatorPolicy(_SHOW)
                item.addChild(mid)
        else:
            for u, use in enumerate(entry.citations[c].uses):
                text = use.display(self.tree)
                leaf = QTreeWidgetItem([shorten(text)])
                leaf.setData(0, USE_ROLE, (s, c, u))
                leaf.setToolTip(0, tooltip("\n\n".join(use.citation.text) or text))
                if use.person_ids:
                    leaf.setData(0, PERSON_ROLE, use.person_ids[0])
                item.addChild(leaf)
        self._apply_filter(self.filter.text(), item)

    # -- filtering ----------------------------------------------------------------------------------
    def _citation_text(self, citation: CitationEntry) -> str:
        assert self.tree is not None
        return "\n".join([citation.page, *(u.display(self.tree) for u in citation.uses)]).casefold()

    def _haystack(self, s: int, c: int) -> str:
        """Everything under a source (c == -1) or a citation, folded, for the filter."""
        key = (s, c)
        text = self._haystacks.get(key)
        if text is None:
            entry = self.entries[s]
            if c < 0:
                text = "\n".join([entry.title.casefold(),
                                  *(self._haystack(s, j) for j in range(len(entry.citations)))])
            else:
                text = self._citation_text(entry.citations[c])
            self._haystacks[key] = text
        return text

    def _apply_filter(self, text: str, under: QTreeWidgetItem | None = None) -> None:
        """Hide what does not match; a line stays when it, or anything under it, matches."""
        needle = text.casefold().strip()

        def show(item: QTreeWidgetItem, inherited: bool) -> None:
            where = item.data(0, ENTRY_ROLE)
            own = not needle or inherited or needle in item.text(0).casefold()
            matches = own or (isinstance(where, tuple) and needle in self._haystack(*where))
            item.setHidden(not matches)
            for child in child_items(item):
                show(child, own)

        root = under if under is not None else self.list.invisibleRootItem()
        inherited = under is not None and not under.isHidden() and needle in under.text(0).casefold()
        for item in child_items(root):
            show(item, inherited)

    # -- reading and clicking ---------------------------------------------------------------------
    def source_titles(self) -> list[str]:
        """The text of every top-level line (for tests and accessibility checks)."""
        return [item.text(0) for item in child_items(self.list.invisibleRootItem())]

    def details_html(self, item: QTreeWidgetItem | None) -> str:
        """What the pane under the list shows for a line: the source, a page's excerpts, a fact's."""
        tree = self.tree
        if item is None or tree is None:
            return ""
        def esc(text: str, limit: int = 2 * SHORT_TEXT) -> str:
            return html.escape(for_display(text, limit))

        where = item.data(0, USE_ROLE) or item.data(0, ENTRY_ROLE)
        if not isinstance(where, tuple):
            return ""
        entry = self.entries[where[0]]
        parts = [f"<p><b>{esc(entry.title)}</b></p>"]
        if len(where) == 3:
            use = entry.citations[where[1]].uses[where[2]]
            parts.append(f"<p>{esc(use.display(tree))}</p>")
            if use.citation.page:
                parts.append(f"<p>{esc(use.citation.page)}</p>")
            texts = use.citation.text
        elif where[1] >= 0:
            citation = entry.citations[where[1]]
            parts.append(f"<p>{esc(citation.page or '(no page given)')} \u2014 "
                         f"{esc(_plural(len(citation.uses), 'fact'))}</p>")
            texts = citation.texts
        else:
            parts.append(f"<p>{esc(_plural(len(entry.citations), 'citation'))}, "
                         f"{esc(_plural(entry.use_count, 'fact'))}</p>")
            texts = [entry.source.text] if entry.source is not None and entry.source.text else []
        # an excerpt past LONG_TEXT characters is read whole in the details panel
        parts.extend(f"<blockquote>{esc(t, LONG_TEXT).replace(chr(10), '<br>')}</blockquote>" for t in texts)
        return "".join(parts)

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.excerpt_view.setHtml(self.details_html(item))
        self._enable()

    # -- editing ------------------------------------------------------------------------------------
    def follow(self, workspace: Workspace) -> None:
        """Edit the workspace's sources here, and list them again after each edit."""
        self.workspace = workspace
        workspace.events.changed.connect(self._on_tree_changed)

    def _on_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        source_id = item.data(0, SOURCE_ROLE)
        if isinstance(source_id, str) and source_id and item.parent() is None:  # a source's own line
            self.edit_source(source_id)

    def current_source(self) -> str:
        """The source record of the chosen line (a source, one of its citations or facts), "" for none."""
        item = self.list.currentItem()
        while item is not None and not item.data(0, SOURCE_ROLE):
            item = item.parent()
        return str(item.data(0, SOURCE_ROLE)) if item is not None else ""

    def edit_source(self, source_id: str) -> QWidget | None:
        """Open the source editor of a source record ("" for a new source)."""
        if self.workspace is None or self.workspace.tree is None:
            return None
        from familytree.ui.source_editor import open_source_editor

        self.editor = open_source_editor(self.workspace, source_id, window_settings(self), self.window())
        return self.editor

    def _enable(self) -> None:
        editable = self.workspace is not None and self.tree is not None
        self.new_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and bool(self.current_source()))

    def _on_tree_changed(self, change: TreeChange) -> None:
        if self.tree is None or self.tree is not (self.workspace.tree if self.workspace else None):
            return
        # a whole-file index: made again at once for a change to a source, or for a small file; for a
        # large one when the dock is next shown (seconds for 100,000 people: not after every edit)
        touched = change.sources or change.repositories
        if self.isVisible() and (touched or len(self.tree.people) <= LIVE_REBUILD):
            self.rebuild()
        else:
            self._built_for = None

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        person_id = item.data(0, PERSON_ROLE)
        if isinstance(person_id, str) and person_id:
            self.personChosen.emit(person_id)
            return
        source_id = item.data(0, SOURCE_ROLE)
        if isinstance(source_id, str) and source_id:
            self.sourceChosen.emit(source_id)
