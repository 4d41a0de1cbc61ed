"""The open file's recovery journal: kept after each change, removed once saved, offered after a crash."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow

from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, for_display, shorten
from familytree.ui.files import APP_NAME, FileController
from familytree.workspace import UndoStack, Workspace

if TYPE_CHECKING:  # (the journal loads with the first chart on screen, or the first edit if sooner)
    from PySide6.QtWidgets import QMessageBox

    from familytree.workspace import Edit
    from familytree.workspace.journal import Journal, RecoveryJournal

__all__ = ["LISTED_EDITS", "Recovery", "journal_folder"]

LISTED_EDITS = 8  # changes named in the question; the rest are counted


def journal_folder() -> Path:
    """Where the journals are kept: a folder of the user's data folder (AppDataLocation)."""
    from PySide6.QtCore import QStandardPaths  # (start-up: the journal comes after the first chart)

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


class Recovery(QObject):
    """Keeps the changes to the open file in a journal (one per file path) after each change, and removes
    it once they are saved or given up; when a file is opened for which a journal is found (the
    program stopped before they were saved), asks whether to restore them.

    At start-up, a journal of another file is offered too: opening that file restores its changes.
    Until `start` (the window's first chart is on screen) the file opened waits for its journal,
    which is then looked for, and made (a digest of the file read again); an edit before that (a
    script's) makes it at once.
    """

    def __init__(self, window: QMainWindow, workspace: Workspace, files: FileController,
                 folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.files = files
        self._folder = Path(folder) if folder is not None else None
        self.journal: RecoveryJournal | None = None
        self.question: QMessageBox | None = None  # the offer, while it waits for an answer
        self.last_error = ""
        self._restore_next = ""  # a file opened at the user's word to restore its changes: no question
        self._first_file = True
        self._started = False
        self._waiting: UndoStack | None = None  # the stack of the file open, its journal waiting for `start`
        workspace.events.tree.connect(self._on_tree)
        workspace.events.edits.connect(self._on_edits)
        files.discarded.connect(self.discard)

    @property
    def folder(self) -> Path:
        """Where this window keeps its journals (the user's, unless another was given)."""
        if self._folder is None:
            self._folder = journal_folder()
        return self._folder

    # -- keeping the journal -------------------------------------------------------------------------
    def start(self) -> None:
        """The window's first chart is on screen: the file open has its journal from now on."""
        self._started = True
        self._journal_now()

    def _journal_now(self) -> None:
        if self._stop_waiting():
            self._open_journal()

    def _stop_waiting(self) -> bool:
        stack, self._waiting = self._waiting, None
        if stack is not None:
            stack.pushing.disconnect(self._before_first_edit)
        return stack is not None

    def _before_first_edit(self, edit: Edit) -> None:
        self._journal_now()
        if self.journal is not None:
            # made while this edit is pushed: it keeps its steps too, before they are applied
            self.journal._on_pushing(edit)

    def _on_tree(self, tree: Tree | None) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        self._close_question()
        self._stop_waiting()  # (the last file, never edited)
        if tree is None or not self.workspace.path:
            return
        if self._started:
            self._open_journal()
        else:
            self._waiting = self.workspace.undo
            self._waiting.pushing.connect(self._before_first_edit)

    def _open_journal(self) -> None:
        from familytree.workspace.journal import RecoveryJournal, journal_path

        path = self.workspace.path
        where = journal_path(self.folder, path)
        found = self._read(where) if where.exists() else None
        try:
            self.journal = RecoveryJournal(self.workspace.undo, where, path)
        except OSError as error:  # the file cannot be read for its digest: edits are still possible
            self._tell(f"Changes to {Path(path).name} cannot be kept for recovery ({error})")
            return
        first, self._first_file = self._first_file, False
        if found is not None:
            QTimer.singleShot(0, lambda: self._offer(found, where))  # once the file is on screen
        elif first:
            QTimer.singleShot(0, self._offer_another)

    def _on_edits(self, stack: UndoStack) -> None:
        # nothing done since the file was opened: a journal found for it stays until answered
        if self.journal is None or self.journal.stack is not stack or not stack.edits:
            return
        try:
            self.journal.write()
        except OSError as error:
            self._tell(f"The changes cannot be kept for recovery: {error}")

    def saved(self, path: str) -> None:
        """The file was saved (under `path`): the journal now keeps only what is done after this."""
        from familytree.workspace.journal import journal_path

        journal = self.journal
        if journal is None:
            return
        journal.remove()
        journal.saved(path)
        journal.path = journal_path(self.folder, path)
        self._on_edits(journal.stack)

    def discard(self) -> None:
        """The changes were given up (the user said so): no journal is kept of them."""
        if self.journal is not None:
            self.journal.remove()

    def _tell(self, text: str) -> None:
        self.last_error = text
        self.window.statusBar().showMessage(shorten(text, 2 * SHORT_TEXT), 10000)

    # -- offering it back ----------------------------------------------------------------------------
    def _read(self, where: Path) -> Journal | None:
        from familytree.workspace.journal import JournalError, read_journal

        try:
            return read_journal(where)
        except JournalError as error:
            self._set_aside(where, str(error))
            return None

    def _set_aside(self, where: Path, why: str) -> None:
        """A journal that cannot be used is kept beside, under another name, and the user told why."""
        kept = where.with_suffix(".unused")
        try:
            os.replace(where, kept)
        except OSError:
            kept = where
        self._tell(f"{why}. The changes it holds are kept in {kept}")

    def _offer(self, found: Journal, where: Path) -> None:
        ws = self.workspace
        if ws.tree is None or self.journal is None or self.journal.path != where or ws.undo.edits:
            return  # another file by now, or changed already
        name = Path(ws.path).name
        if found.digest and self.journal.digest and found.digest != self.journal.digest:
            self._set_aside(where, f"{name} has changed since the unsaved changes to it were made: they "
                                   f"cannot be put back on it")
            return
        if os.path.abspath(ws.path) == self._restore_next:
            self._restore_next = ""
            self._restore(found)
            return
        n = len(found.edits)
        from PySide6.QtWidgets import QMessageBox  # (dialogs' classes are made when first needed)

        box = QMessageBox(QMessageBox.Icon.Question, "Restore Unsaved Changes", "",
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("recoveryQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(for_display(f"{APP_NAME} closed before {n} change{'s' if n != 1 else ''} to {name} "
                                f"{'were' if n != 1 else 'was'} saved. Restore {'them' if n != 1 else 'it'}?",
                                TOOLTIP_TEXT))
        listed = [f"\u2022 {shorten(e.description, 2 * SHORT_TEXT)}" for e in found.edits[:LISTED_EDITS]]
        if n > LISTED_EDITS:
            listed.append(f"\u2026 and {n - LISTED_EDITS} more")
        box.setInformativeText(for_display("\n".join(listed), TOOLTIP_TEXT))
        restore = box.addButton("&Restore Changes", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Discard Them", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._answered(box, found))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox, found: Journal) -> None:
        if self.question is not box:
            return
        self.question = None
        if _chose(box, box.ButtonRole.AcceptRole):
            self._restore(found)
        else:
            self.discard()

    def _restore(self, found: Journal) -> None:
        from familytree.workspace.journal import JournalError, replay

        ws = self.workspace
        if ws.tree is None:
            return
        try:
            replay(found, ws.tree, ws.undo)  # each change on the undo stack, as it was made
        except JournalError as error:
            journal = self.journal
            if journal is not None:
                self._set_aside(journal.path, str(error))
            return
        n = len(found.edits)
        self.window.statusBar().showMessage(f"Restored {n} unsaved change{'s' if n != 1 else ''}", 8000)

    def _offer_another(self) -> None:
        """At start-up: the most recent journal of another file whose changes were not saved."""
        from familytree.workspace.journal import JournalError, journal_path, read_journal

        current = os.path.abspath(self.workspace.path)
        journals = sorted(self.folder.glob("*.journal.json"), key=lambda p: p.stat().st_mtime, reverse=True) \
            if self.folder.is_dir() else []
        for where in journals:
            try:
                found = read_journal(where)
            except JournalError:
                continue
            if found.source != current and os.path.isfile(found.source) and found.edits \
                    and journal_path(self.folder, found.source) == where:
                self._offer_to_open(found)
                return

    def _offer_to_open(self, found: Journal) -> None:
        name = Path(found.source).name
        n = len(found.edits)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Restore Unsaved Changes",
                          for_display(f"{APP_NAME} closed before {n} change{'s' if n != 1 else ''} to {name} "
                                      f"{'were' if n != 1 else 'was'} saved. Open {name} and restore them?",
                                      TOOLTIP_TEXT),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("recoveryQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(for_display(found.source, TOOLTIP_TEXT))
        box.addButton(f"&Open {shorten(name, 40)}", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Not Now", QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if self.question is box:
                self.question = None
                if _chose(box, QMessageBox.ButtonRole.AcceptRole):
                    self._restore_next = found.source
                    self.files.open(found.source)

        box.finished.connect(lambda _r: answered())
        self.question = box
        box.open()

    def _close_question(self) -> None:
        box, self.question = self.question, None
        if box is not None:
            box.close()


def _chose(box: QMessageBox, role: QMessageBox.ButtonRole) -> bool:
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == role
