"""The source editor, opened from the Sources view: a source's title, author, publication, abbreviation and
text, and where it is kept (repositories, their names and addresses, the call numbers)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from familytree.model import Source, Structure, Tree
from familytree.model.text import shorten
from familytree.ui.edit_drafts import ListDraft, Row, sync
from familytree.ui.edit_fields import ListPanel, add_row, note_label, set_editable_text
from familytree.ui.editor_dialog import EditorDialog, open_editor
from familytree.ui.settings import Settings
from familytree.workspace import TreeChange, UndoStack, Workspace
from familytree.workspace import editing as e

__all__ = ["RepositoryPicker", "SourceEditor", "open_source_editor"]

_SOURCE_FIELDS = (("&Title:", "title", "Title"), ("&Author:", "author", "Author"),
                  ("P&ublication:", "publication", "Publication: publisher, place, year"),
                  ("A&bbreviation:", "abbreviation", "Abbreviation"))


def _link_row(link: Structure | None = None, **values: Any) -> Row:
    """Where a source is kept: `repository_id`, or `new_repository` (name, address) made at OK; the
    `call_number` there."""
    if link is None:
        return Row.new({"repository_id": "", "new_repository": None, "call_number": "", **values})
    return Row.opened(link, {"repository_id": link.value, "new_repository": None,
                             "call_number": link.child_value("CALN")})


class RepositoryPicker(QDialog):
    """Where is the source kept? One of the file's repositories, or a new one; and the call number there."""

    def __init__(self, tree: Tree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where is the source kept?")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form = QFormLayout(self)
        self.repository = add_row(form, "&Repository:", QComboBox(self), "Repository")
        for repository_id, repository in tree.repositories.items():
            self.repository.addItem(shorten(repository.name or repository_id, 80), repository_id)
        self.repository.addItem("A new repository", "")
        self.name = add_row(form, "&Name:", QLineEdit(self), "Name of the new repository")
        self.address = add_row(form, "A&ddress:", QLineEdit(self), "Address of the new repository")
        self.call_number = add_row(form, "&Call number:", QLineEdit(self), "Call number of the source there")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.repository.currentIndexChanged.connect(lambda _i: self._enable())
        self.name.textChanged.connect(lambda _t: self._enable())
        self._enable()

    def _enable(self) -> None:
        new = not self.repository.currentData()
        self.name.setEnabled(new)
        self.address.setEnabled(new)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not new or bool(self.name.text().strip()))

    def values(self) -> dict[str, Any]:
        repository_id = self.repository.currentData() or ""
        new = None if repository_id else (self.name.text().strip(), self.address.text().strip())
        return {"repository_id": repository_id, "new_repository": new, "call_number": self.call_number.text()}


class SourceEditor(EditorDialog):
    """Edit a source record (or make a new one: `source_id` ""), and the repositories it is kept at."""

    size_name = "source_editor"
    default_size = (640, 560)

    def __init__(self, workspace: Workspace, source_id: str = "", settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, settings, parent)
        self.setObjectName("sourceEditor")
        self.source_id = source_id
        source = self.tree.sources.get(source_id) or Source("")
        self.setWindowTitle(f"Edit the source {shorten(source.display(), 80)}" if source_id else "New source")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self._opened = {key: getattr(source, key) for _text, key, _name in _SOURCE_FIELDS}
        self._opened["text"] = source.text
        for text, key, name in _SOURCE_FIELDS:
            field = add_row(form, text, QLineEdit(self), name)
            field.setText(self._opened[key])
            field.setCursorPosition(0)
            field.textEdited.connect(lambda _t: self.edited())
            self.fields[key] = field
        self.text = add_row(form, "Te&xt:", QPlainTextEdit(self), "Text from the source")
        set_editable_text(self.text, source.text)
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self.edited)
        kept = QGroupBox("Kept at", self)
        self.links = ListPanel("repository", self._link_label, self.pick_repository, kept, movable=False)
        self.links.changed.connect(self.edited)
        self.links.current.connect(lambda _i: self._load_repository())
        repository = QFormLayout()
        self.repository_name = add_row(repository, "&Name:", QLineEdit(kept), "Name of the repository")
        self.repository_address = add_row(repository, "A&ddress:", QLineEdit(kept),
                                          "Address of the repository")
        self.shared = note_label(kept, "Shared repository")
        repository.addRow(self.shared)
        self.repository_name.textEdited.connect(lambda text: self._set_repository("name", text))
        self.repository_address.textEdited.connect(lambda text: self._set_repository("address", text))
        column = QVBoxLayout(kept)
        column.addWidget(self.links, 1)
        column.addLayout(repository)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(kept, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.repositories: dict[str, Row] = {rid: Row.opened(rid, {"name": r.name, "address": r.address})
                                             for rid, r in self.tree.repositories.items()}
        self.links.set_draft(ListDraft.of(_link_row(link) for link in source.repositories
                                          if link.pointer and link.value in self.tree.repositories))
        self.picker: RepositoryPicker | None = None
        self._load_repository()
        self.check()

    # -- repositories ------------------------------------------------------------------------------
    def _link_label(self, row: Row) -> str:
        values = row.current
        new = values["new_repository"]
        name = new[0] + " (new)" if new else self.repositories[values["repository_id"]].current["name"] \
            if values["repository_id"] in self.repositories else values["repository_id"]
        return f"{name}, call number {values['call_number']}" if values["call_number"] else name

    def pick_repository(self) -> None:
        """Add: the picker says where the source is kept; its answer becomes a new row."""
        picker = RepositoryPicker(self.tree, self)
        self.picker = picker
        picker.accepted.connect(lambda: self._add_link(picker.values()))
        picker.open()

    def _add_link(self, values: dict[str, Any]) -> None:
        self.links.insert(_link_row(**values))

    def _repository(self) -> Row | None:
        row = self.links.row()
        if row is None:
            return None
        return self.repositories.get(row.current["repository_id"])

    def _load_repository(self) -> None:
        row = self.links.row()
        repository = self._repository()
        new = row.current["new_repository"] if row is not None else None
        values = repository.current if repository is not None else \
            {"name": new[0], "address": new[1]} if new else {"name": "", "address": ""}
        self.repository_name.setText(values["name"])
        self.repository_address.setText(values["address"])
        for field in (self.repository_name, self.repository_address):
            field.setEnabled(row is not None)
            field.setCursorPosition(0)
        others = 0
        if repository is not None:
            others = sum(1 for s in self.tree.sources.values() if s.id != self.source_id and any(
                link.value == repository.origin for link in s.repositories))
        self.shared.setText(f"Kept also by {others} other source{'s' if others > 1 else ''}: a change to the "
                            f"name or address is theirs too" if others else "")

    def _set_repository(self, key: str, value: str) -> None:
        row = self.links.row()
        repository = self._repository()
        if repository is not None:
            repository.current[key] = value
        elif row is not None and row.current["new_repository"]:
            name, address = row.current["new_repository"]
            row.current["new_repository"] = (value, address) if key == "name" else (name, value)
        self.links.refresh()

    # -- the edits ---------------------------------------------------------------------------------
    def _changes(self) -> dict[str, str]:
        now = {key: field.text() for key, field in self.fields.items()}
        now["text"] = self.text.toPlainText()
        return {k: v for k, v in now.items() if v != self._opened[k]}

    def apply(self, stack: UndoStack) -> None:
        tree = stack.tree
        source_id = self.source_id
        changes = self._changes()
        if not source_id:
            made = {k: changes.get(k, "") for k in ("title", "author", "publication", "text", "abbreviation")}
            source_id = stack.push(e.add_source(tree, **made)).created[0]
        elif changes:
            stack.push(e.edit_source(tree, source_id, **changes))
        for rid, row in self.repositories.items():
            if row.changes() and rid in tree.repositories:
                stack.push(e.edit_repository(tree, rid, **row.changes()))

        def link(_i: int, row: Row) -> e.Edit:
            values = row.current
            repository_id = values["repository_id"]
            if values["new_repository"]:
                repository_id = stack.push(e.add_repository(tree, *values["new_repository"])).created[0]
            return e.add_repository_link(tree, source_id, repository_id, values["call_number"])

        sync(stack, self.links.draft, lambda: tree.sources[source_id].repositories, link,
             lambda i: e.remove_repository_link(tree, source_id, i))

    def subject(self) -> str:
        source = self.tree.sources.get(self.source_id)
        return f"the source \u201c{shorten(source.display(), 60)}\u201d" if source is not None \
            else "a new source"

    def shows(self, change: TreeChange) -> bool:
        return self.source_id in change.sources or bool(change.repositories)

    def gone(self, change: TreeChange) -> str:
        if not self.source_id or self.source_id in self.tree.sources:
            return ""
        return "This source is no longer in the file: nothing here can be saved"


def open_source_editor(workspace: Workspace, source_id: str = "", settings: Settings | None = None,
                       parent: QWidget | None = None) -> SourceEditor | None:
    """The source's editor (the one already open, brought to the front, or a new one); "" for a new source."""
    tree = workspace.tree
    if tree is None or (source_id and source_id not in tree.sources):
        return None
    return open_editor(parent, SourceEditor, lambda ed: bool(source_id) and ed.source_id == source_id
                       and ed.tree is tree, lambda: SourceEditor(workspace, source_id, settings, parent))

