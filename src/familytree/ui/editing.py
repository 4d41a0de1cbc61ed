"""The window's side of editing: Undo and Redo, the title's asterisk, every view following an edit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, for_display, shorten
from familytree.render.text import menu_text, tooltip
from familytree.ui.accessibility import announce
from familytree.ui.files import APP_NAME
from familytree.ui.history_dock import HistoryDock
from familytree.ui.recovery import Recovery
from familytree.workspace import TreeChange, UndoStack

if TYPE_CHECKING:  # (edits and the relatives menu load with the first use: start-up draws a chart)
    from familytree.ui.details import DetailsPanel
    from familytree.ui.evidence import EvidenceTools
    from familytree.ui.main_window import MainWindow
    from familytree.ui.relatives_menu import RelativesMenu
    from familytree.ui.search_box import SearchBox
    from familytree.workspace import Edit

__all__ = ["EditController", "imperative", "plural"]

UNDO_TEXT = 40  # characters of an edit's words in Edit > Undo ("Undo Rename Sergei Sedov to Sergei Tr…")
WHOLE_FILE_DELAY_MS = 250  # the Conflicts dock is made again this long after the last edit
# Up to this many people, who is living is inferred again with the edit; in a bigger file just after it
# is on screen (0.2 s for 100,000 people, which a single edit must not wait for)
LIVING_AT_ONCE = 20_000
RELATIVE_ACTIONS = ("edit.add_parent", "edit.add_partner", "edit.add_child", "edit.add_sibling",
                    "edit.delete_person")

# The History says what was done ("Renamed ..."); Undo and Redo say what they do ("Undo Rename ...")
_VERBS = {"Renamed": "Rename", "Added": "Add", "Linked": "Link", "Removed": "Remove", "Deleted": "Delete",
          "Moved": "Move", "Changed": "Change", "Made": "Make", "Cited": "Cite", "Said": "Say",
          "Restricted": "Restrict"}


def imperative(description: str) -> str:
    """An edit's words as a command: "Renamed Sergei Sedov to ..." -> "Rename Sergei Sedov to ..."."""
    first, _, rest = description.partition(" ")
    return f"{_VERBS.get(first, first)} {rest}".strip()


def plural(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _touches_lives(edit: Edit, change: TreeChange) -> bool:
    """Whether an edit can change who is treated as living: a fact (its date, a death), a link between
    people, a person or family added or removed. A new name or note cannot."""
    from familytree.workspace.editing import AddRecord, RemoveRecord

    return change.links or any(isinstance(step, AddRecord | RemoveRecord) or step.attribute == "events"
                               or step.where[2:3] == ("events",) for step in edit.steps)


class EditController(QObject):
    """Follows the open file's undo stack for one window.

    Edit > Undo and Redo say what they undo and redo; the title has an asterisk while there are
    unsaved changes; the History dock lists them; the recovery journal keeps them
    (ui/recovery.py). After each change, done, undone or redone, the views that are built
    show it: the chart (the workspace lays it out again when it shows what changed), the
    details, the timeline, the search box's index, the relationship dialogs, and the
    Conflicts dock (a moment later: a whole-file list).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.last_refusal = ""  # the reason the last edit asked for was refused, as told
        self._details: DetailsPanel | None = None
        self._search: SearchBox | None = None
        self._evidence: EvidenceTools | None = None
        self.recovery: Recovery = Recovery(window, self.workspace, window.files)
        window.view.firstPainted.connect(self.recovery.start)  # journals looked for once the chart is shown
        self._relatives: RelativesMenu | None = None
        self.history: HistoryDock = HistoryDock(window, self.go_to)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)  # a tab beside the details
        window.tabifyDockWidget(window.details_dock, self.history)
        self.history.hide()
        self._whole_file = QTimer(self)  # the whole-file docks, once a run of edits pauses
        self._whole_file.setSingleShot(True)
        self._whole_file.setInterval(WHOLE_FILE_DELAY_MS)
        self._whole_file.timeout.connect(self._refresh_whole_file_docks)
        self._unseen: list[TreeChange] = []  # the changes the whole-file docks have not been told of yet
        self._living = QTimer(self)  # who is living, inferred again after the edit is on screen (big files)
        self._living.setSingleShot(True)
        self._living.timeout.connect(self._infer_living_again)
        events = self.workspace.events
        events.edits.connect(self._on_stack)
        events.changed.connect(self._on_changed)  # after the workspace's own handler: the chart is drawn
        events.selection.connect(lambda _pid: self._enable_relatives())
        events.tree.connect(lambda _tree: self._enable_relatives())
        window.files.saved.connect(self._on_saved)
        window.view.addRequested.connect(  # the chart's "+" on the selected box
            lambda person_id, where: self.relatives.popup_add_menu(person_id, where))

    @property
    def relatives(self) -> RelativesMenu:
        """The chart's menus for adding, linking and removing relatives (built on first use)."""
        if self._relatives is None:
            from familytree.ui.relatives_menu import RelativesMenu

            self._relatives = RelativesMenu(self)
        return self._relatives

    # -- the parts the window builds on first use ---------------------------------------------------
    def follow_details(self, panel: DetailsPanel) -> None:
        self._details = panel

    def follow_search(self, box: SearchBox) -> None:
        self._search = box

    def follow_evidence(self, tools: EvidenceTools) -> None:
        self._evidence = tools
        tools.extend_person_menu = lambda menu, person_id: self.relatives.fill(menu, person_id)  # right-click

    # -- doing, undoing -----------------------------------------------------------------------------
    def push(self, make: Callable[[Tree], Edit]) -> Edit | None:
        """Make an edit of the open tree and do it; None, and the reason said, when it is refused."""
        tree = self.workspace.tree
        if tree is None:
            return None
        from familytree.workspace.editing import EditRefused

        try:
            return self.workspace.undo.push(make(tree))
        except EditRefused as refusal:
            self.refuse(str(refusal))
            return None

    def refuse(self, reason: str) -> None:
        """Say why an edit was not made: in the status bar and a message (names in it are data)."""
        self.last_refusal = reason
        self.window.statusBar().showMessage(shorten(reason, 2 * SHORT_TEXT), 10000)
        from PySide6.QtWidgets import QMessageBox  # (start-up: dialogs' classes are made when needed)

        box = QMessageBox(QMessageBox.Icon.Warning, "Not changed", for_display(reason, 4 * SHORT_TEXT),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("refusal")
        box.open()

    def undo(self) -> None:
        self._say("Undone", self.workspace.undo.undo())

    def redo(self) -> None:
        self._say("Redone", self.workspace.undo.redo())

    def go_to(self, index: int) -> None:
        """Undo or redo up to the `index`-th change (0: the file as opened): a click in the History."""
        stack = self.workspace.undo
        if index != stack.index:
            self.workspace.undo.go_to(index)
            undone = f"{len(stack.edits) - stack.index} undone"  # ("undone" has no plural)
            self.window.statusBar().showMessage(f"{plural(len(stack.done), 'change')} done, {undone}", 5000)

    def _say(self, what: str, change: TreeChange | None) -> None:
        if change is None:
            return
        text = f"{what}: {shorten(change.description, 2 * SHORT_TEXT)}"
        self.window.statusBar().showMessage(text, 5000)
        announce(self.window.view, text)

    # -- following the stack ------------------------------------------------------------------------
    def _on_stack(self, stack: UndoStack) -> None:
        actions = self.window.actions_by_id
        for action_id, verb, words in (("edit.undo", "&Undo", stack.undo_text),
                                       ("edit.redo", "&Redo", stack.redo_text)):
            action = actions[action_id]
            action.setEnabled(bool(words))
            action.setText(f"{verb} {menu_text(imperative(words), UNDO_TEXT)}" if words else verb)
            action.setToolTip(tooltip(words) if words else action.statusTip())
        self.update_title()
        self.history.show_stack(stack, Path(self.workspace.path).name if self.workspace.path else "untitled")

    def update_title(self) -> None:
        """The file's name in the title, an asterisk while it has unsaved changes; its counts below."""
        window, path, tree = self.window, self.workspace.path, self.workspace.tree
        name = shorten(Path(path).name if path else "untitled")
        window.setWindowTitle(f"{name.replace('[*]', '[*][*]')}[*] — {APP_NAME}")  # [*]: Qt's asterisk
        window.setWindowFilePath(path)
        window.setWindowModified(tree is not None and not self.workspace.undo.is_clean)
        if tree is None:
            window.file_label.setText("")
            return
        parts = [name, plural(len(tree.people), "person", "people"),
                 plural(len(tree.families), "family", "families"), plural(len(tree.sources), "source")]
        if tree.diagnostics:
            parts.append(plural(len(tree.diagnostics), "problem"))
        window.file_label.setText("  ·  ".join(parts))
        window.file_label.setToolTip(tooltip(path))

    def _on_saved(self, path: str) -> None:
        self.workspace.undo.set_clean()  # (the title and the History hear it)
        self.recovery.saved(path)

    def _enable_relatives(self) -> None:
        ws = self.workspace
        on = ws.tree is not None and ws.selected_id in ws.tree.people
        for action_id in RELATIVE_ACTIONS:
            self.window.actions_by_id[action_id].setEnabled(on)
        self.window.view.set_add_handle(on)

    # -- following the tree -------------------------------------------------------------------------
    def _on_changed(self, change: TreeChange) -> None:
        ws, tree = self.workspace, self.workspace.tree
        if tree is None:
            return
        stack = ws.undo
        edit = stack.edits[stack.index] if change.undone else stack.edits[stack.index - 1]
        if self._search is not None:
            self._search.update_people(change)
        panel = self._details
        if panel is not None:
            if _touches_lives(edit, change):
                if len(tree.people) <= LIVING_AT_ONCE:
                    panel.forget_living()
                else:  # the edit first; who is living in a moment (a whole file's inference, coalesced)
                    self._living.start()
            if panel.person_id in tree.people:  # (its name, facts and relatives as they now are, where read)
                panel.show_person(tree, panel.person_id)
        self.window.view.accessibility.forget_relations()  # (the links are asked again)
        tools = self._evidence
        if tools is not None:
            timeline = tools.timeline
            if timeline.person_id:
                shown = timeline.person_id if timeline.person_id in tree.people else ws.selected_id
                timeline.set_person(None, "")
                timeline.set_person(tree, shown)
            for dialog in tools.dialogs:
                dialog.set_a(dialog.a_id, compute=False)  # (a person deleted is no longer chosen)
                dialog.set_b(dialog.b_id)
            self._unseen.append(change)
            self._whole_file.start()

    def _infer_living_again(self) -> None:
        panel, tree = self._details, self.workspace.tree
        if panel is not None and tree is not None:
            panel.forget_living()
            if panel.person_id in tree.people:
                panel.show_person(tree, panel.person_id)

    def _refresh_whole_file_docks(self) -> None:
        changes, self._unseen = self._unseen, []
        if self._evidence is not None:
            self._evidence.conflicts.tree_edited(changes)  # (the Sources dock follows edits itself)
