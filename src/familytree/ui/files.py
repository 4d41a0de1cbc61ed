"""Opening and saving: the file dialogs, background loading with progress, recent files, drops, GEDZIP."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QProgressBar, QPushButton

from familytree.gedcom.errors import load_error_message
from familytree.model import Severity, Tree
from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, for_display, shorten
from familytree.render.text import menu_text, tooltip
from familytree.ui.collector import GuiCollector
from familytree.ui.loader import LoadThread, read_tree, settle_tree
from familytree.ui.settings import Keys, Settings
from familytree.workspace import Workspace

if TYPE_CHECKING:  # (who is living is worked out for Save As and its copies alone, when asked)
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QMessageBox

    from familytree.privacy import Mode
    from familytree.ui.living_choice import VerdictCache

__all__ = ["FileController", "GEDCOM_FILTER", "SAVE_FILTER_7", "SAVE_FILTER_551",
           "SAVE_FILTER_GDZ", "SYNC_LOAD_LIMIT", "APP_NAME"]

APP_NAME = "familytree"
GEDCOM_FILTER = "GEDCOM (*.ged *.gdz *.GED *.GDZ)"
SAVE_FILTER_7 = "GEDCOM 7.0 (*.ged)"
SAVE_FILTER_551 = "GEDCOM 5.5.1 (*.ged)"
SAVE_FILTER_GDZ = "GEDZIP, GEDCOM 7.0 with its media (*.gdz)"
GEDCOM_SUFFIXES = (".ged", ".gdz")
# Files smaller than this are read at once (a blink); larger ones in a thread with a progress bar.
SYNC_LOAD_LIMIT = 2_000_000


def is_gedzip(path: str) -> bool:
    return path.lower().endswith(".gdz")


def _is_bundled(path: str) -> bool:
    from familytree.paths import bundled_family_path

    try:
        return os.path.samefile(path, bundled_family_path())
    except OSError:
        return False


class FileController(QObject):
    """What File > Open, Save, Save As, Open Recent and a dropped file do, for one window.

    A read tree is handed on with `loaded(tree, path, focus)`; the window shows it.
    """

    loaded = Signal(object, str, str)  # the Tree, its path, the person to centre on ("" for home)
    failed = Signal(str)  # a sentence naming the file
    saved = Signal(str)  # the path written
    discarded = Signal()  # the user gave up the unsaved changes (the file is closed or replaced)

    def __init__(self, window: QMainWindow, workspace: Workspace, settings: Settings) -> None:
        super().__init__(window)
        GuiCollector.install()  # the window's worker threads (this load, the search index) never collect
        self.window = window
        self.workspace = workspace
        self.settings = settings
        self.loader: LoadThread | None = None
        self.last_error = ""
        self.last_question = ""  # the question about unsaved changes last asked
        self.question: QMessageBox | None = None  # that question, while it waits for an answer
        self._pending_focus = ""
        # (path, version, whether its header names that version) the file open was last saved as here
        self._written = ("", "", False)
        self._verdicts: VerdictCache | None = None
        workspace.events.changed.connect(self._forget_verdicts)
        workspace.events.tree.connect(self._forget_verdicts)
        # made now, though shown only for a large file: in the status bar from the start, they give it
        # the height it keeps (made later, they made it grow as the first large file was read)
        bar = window.statusBar()
        self.progress = QProgressBar(window)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(200)
        self.progress.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel", window)
        self.cancel_button.clicked.connect(self.cancel_loading)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        window.installEventFilter(self)  # files dropped on it

    @property
    def verdicts(self) -> VerdictCache:
        """Who is living in the tree open, for the counts Save As shows (inferred when first asked)."""
        if self._verdicts is None:
            from familytree.ui.living_choice import VerdictCache

            self._verdicts = VerdictCache()
        return self._verdicts

    def _forget_verdicts(self, _what: object) -> None:
        if self._verdicts is not None:
            self._verdicts.forget()

    # -- opening ---------------------------------------------------------------------------------
    def choose(self) -> None:
        path = self.workspace.path
        start = str(Path(path).parent) if path else str(Path.home())
        from PySide6.QtWidgets import QFileDialog  # (the dialogs load with the first one asked for)

        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open a GEDCOM file", start,
                                                f"{GEDCOM_FILTER};;All files (*)")
        if chosen:
            self.open(chosen)

    def open(self, path: str, focus: str = "") -> None:
        """Read `path`; small files at once, large ones in a thread with progress and Cancel.

        When the file open has unsaved changes, the user is asked first what becomes of them."""
        path = str(path)
        if self.ask_about_changes(f"opening {shorten(Path(path).name)}", lambda: self._open(path, focus)):
            self._open(path, focus)

    def _open(self, path: str, focus: str) -> None:
        self._pending_focus = focus
        if self.loader is not None:
            self.cancel_loading()
        try:
            size = os.path.getsize(path)
        except OSError as error:
            self.report_error(load_error_message(path, error))
            return
        if size >= SYNC_LOAD_LIMIT:
            self._start_thread(path)
            return
        try:
            tree = read_tree(path)
        except Exception as error:  # noqa: BLE001 - any reader failure becomes a message, never a traceback
            self.report_error(load_error_message(path, error))
            return
        self._hand_on(tree, path)

    def _hand_on(self, tree: Tree, path: str) -> None:
        tree.path = tree.path or path
        self.settings.add_recent(path)
        self.loaded.emit(tree, path, self._pending_focus)

    def _start_thread(self, path: str) -> None:
        loader = LoadThread(path, self)
        self.loader = loader
        loader.progressed.connect(self.progress.setValue)
        loader.loaded.connect(lambda tree: self._on_thread_loaded(loader, tree, path))
        loader.failed.connect(lambda message: self._on_thread_done(loader, message))
        loader.cancelled.connect(lambda: self._on_thread_done(loader, ""))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.window.statusBar().showMessage(f"Reading {shorten(Path(path).name)}…")
        loader.start()

    def _on_thread_loaded(self, loader: LoadThread, tree: Tree, path: str) -> None:
        if loader is self.loader:  # else a load that was cancelled or superseded
            self._finish_thread(loader)
            settle_tree(tree)  # (here, in the GUI thread: see ui/collector.py)
            self._hand_on(tree, path)

    def _on_thread_done(self, loader: LoadThread, message: str) -> None:
        if loader is not self.loader:
            return
        self._finish_thread(loader)
        if message:
            self.report_error(message)
        else:
            self.window.statusBar().showMessage("Loading cancelled", 5000)

    def _finish_thread(self, loader: LoadThread) -> None:
        self.loader = None
        self.progress.hide()
        self.cancel_button.hide()
        self.window.statusBar().clearMessage()
        _delete_when_done(loader)

    def cancel_loading(self) -> None:
        """Stop reading the file being loaded; the file on screen stays."""
        loader = self.loader
        if loader is None:
            return
        loader.cancel()
        self.loader = None
        self.progress.hide()
        self.cancel_button.hide()
        self.window.statusBar().showMessage("Loading cancelled", 5000)
        _delete_when_done(loader)

    def close(self) -> None:
        """The window closes: stop a load in progress and let its thread end."""
        loader = self.loader
        if loader is not None:
            self.cancel_loading()
            if not loader.wait(3000):
                # still reading (a slow disk): a QThread deleted while it runs ends the process, so it
                # outlives the window, held here until it finishes
                loader.setParent(None)
                _RUNNING.add(loader)
                loader.finished.connect(lambda: _RUNNING.discard(loader))

    def report_error(self, message: str) -> None:
        message = for_display(message, TOOLTIP_TEXT)  # it may quote the file
        self.last_error = message
        self.window.statusBar().showMessage(shorten(message, SHORT_TEXT * 2), 10000)
        self.failed.emit(message)
        self._message_box(message)

    def _message_box(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # (start-up: dialogs' classes are made when needed)

        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the event loop

    # -- recent files and drops ------------------------------------------------------------------
    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = menu.addAction(menu_text(Path(path).name))
            action.setToolTip(tooltip(path))
            action.setStatusTip(shorten(path, TOOLTIP_TEXT))
            action.setEnabled(os.path.exists(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open(p))
        if not recent:
            menu.addAction("(no recent files)").setEnabled(False)

    @staticmethod
    def dropped_file(data: QMimeData) -> str:
        """The first local GEDCOM file among what is dragged ("" when none)."""
        for url in data.urls() if data.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(GEDCOM_SUFFIXES):
                return url.toLocalFile()
        return ""

    def open_dropped(self, path: str) -> None:
        # after the drop returns, so the dragging application is not kept waiting
        QTimer.singleShot(0, lambda: self.open(path))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A file dragged onto the window: a GEDCOM file is taken, and opened when dropped."""
        if watched is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            from PySide6.QtGui import QDropEvent  # (its class is made with the first drag: start-up)

            if not isinstance(event, QDropEvent):  # (they are; this tells the type checker)
                return super().eventFilter(watched, event)
            path = self.dropped_file(event.mimeData())
            if not path:
                event.ignore()
            else:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.open_dropped(path)
            return True
        return super().eventFilter(watched, event)

    # -- unsaved changes -------------------------------------------------------------------------
    def ask_about_changes(self, doing: str, then: Callable[[], object]) -> bool:
        """Before the open file goes (`doing`: "closing", "opening x.ged"): True when it has no unsaved
        changes. Else False, and the user is asked to Save, Discard or Cancel them (window-modal,
        the window not blocked); `then` is called once they are saved or given up."""
        stack = self.workspace.undo
        if self.workspace.tree is None or stack.is_clean:
            return True
        if self.question is not None:  # asked already: the same question stays
            self.question.raise_()
            return False
        name = shorten(Path(self.workspace.path).name if self.workspace.path else "untitled")
        text = f"Save the changes to {name} before {doing}?"
        self.last_question = text
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text,
                          buttons.Save | buttons.Discard | buttons.Cancel, self.window)
        box.setObjectName("unsavedQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        last = stack.undo_text
        box.setInformativeText(for_display(
            "If you do not save them, your changes will be lost"
            + (f"; the last one: {last}." if last else " (they were undone past the point last saved)."),
            TOOLTIP_TEXT))
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(answer: int) -> None:
            self.question = None
            if answer == buttons.Save and self.save():
                then()
            elif answer == buttons.Discard:
                self.give_up_changes()
                then()

        box.finished.connect(answered)
        self.question = box
        box.open()
        return False

    def give_up_changes(self) -> None:
        """The unsaved changes are given up (the file is closed or replaced): no journal keeps them."""
        self.discarded.emit()

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the file where it was read, in its own version family: a 5.x file (or one naming no
        version) as 5.5.1, its header naming the version it did (5.5 stays 5.5), a 7.0 file as 7.0
        (the bundled family: under a name asked); True when saved.

        The records not changed since reading keep their lines as read (`familytree.gedcom.keeping`);
        with nothing changed, the file is left as it is."""
        tree, path = self.workspace.tree, self.workspace.path
        if tree is None:
            return False
        if not path or _is_bundled(path):  # the family that comes with the program is not changed
            return self.save_as()
        if is_gedzip(path) and not (tree.people or tree.families):
            # an archive whose GEDCOM was not read (past a limit, damaged): saving would replace it
            unread = [d.message for d in tree.diagnostics if d.line == 0 and d.severity is Severity.ERROR]
            if unread:
                self.report_error(f"{path}: not saved, since its GEDCOM could not be read "
                                  f"({unread[0]}); saving would replace it with an empty one.")
                return False
        # as `familytree convert` tells the families apart, but by the version this window last saved
        # the file in, if it did (Save As 7.0 from a 5.5.1 file); a .gdz stays a .gdz (7.0, with its media)
        saved_path, saved, declare = self._written
        if saved_path != path:
            saved, declare = "7.0" if tree.header.version.startswith("7") else "5.5.1", False
        return self.save_to(path, "7.0" if is_gedzip(path) else saved, declare=declare)

    def save_as(self) -> bool:
        """Save under a name and in a version asked; True when the file open was saved (not a copy for
        sharing, not cancelled)."""
        if self.workspace.tree is None:
            return False
        start = self.workspace.path or str(Path.home() / "family.ged")
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Save as", start, f"{SAVE_FILTER_7};;{SAVE_FILTER_551};;{SAVE_FILTER_GDZ}",
            SAVE_FILTER_GDZ if is_gedzip(start) else SAVE_FILTER_7)
        if not path:
            return False
        if not path.lower().endswith(GEDCOM_SUFFIXES):  # the suffix the user typed wins over the filter's
            path += ".gdz" if chosen == SAVE_FILTER_GDZ else ".ged"
        version = "5.5.1" if chosen == SAVE_FILTER_551 and not is_gedzip(path) else "7.0"
        living = self.ask_living(path, version)
        if living is None:
            return False
        from familytree.privacy import Mode  # (loaded by the question just asked)

        return self.save_to(path, version, living) and living is Mode.SHOW

    def ask_living(self, path: str, version: str) -> Mode | None:
        """The Save As options: what the file holds of the living (remembered per file); None: cancelled."""
        from PySide6.QtWidgets import QDialog

        from familytree.ui.living_choice import SaveOptions

        tree = self.workspace.tree
        assert tree is not None
        source = self.workspace.path
        dialog = SaveOptions(path, _kind(path, version), self.settings.living(Keys.SAVE_LIVING, source),
                             self.verdicts.counts(tree), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.set_living(Keys.SAVE_LIVING, source, dialog.living.mode())
        return dialog.living.mode()

    def save_to(self, path: str, version: str = "7.0", living: Mode | None = None,
                declare: bool = True) -> bool:
        """Write the tree atomically; True when written. Its header names `version`, or with `declare`
        False the version of the file read, when it is of that family (File > Save).

        A .gdz is written as GEDZIP (GEDCOM 7.0) with the media of the archive the tree
        came from; what the save could not take along is said in the status bar and a message.
        With `living` other than SHOW (or None) a copy for sharing is written, and the window's file
        stays the one open.
        """
        tree = self.workspace.tree
        if tree is None:
            return False
        if living is not None:
            from familytree.privacy import Mode

            if living is not Mode.SHOW:
                return self._save_shared_copy(tree, path, version, living)
        gedzip = is_gedzip(path)
        version = "7.0" if gedzip else version
        # photos packed into a .gdz (the tree then reads them from it); moved links kept working
        notes = self._write(tree, path, version, adopt=True, keep=True, declare=declare)
        if notes is None:
            return False
        self._written = (path, version, declare)
        if gedzip:
            tree.path = path  # the media are in the new archive now: the next save takes them from it
        self.workspace.path = path
        self.settings.add_recent(path)
        self.saved.emit(path)
        self._tell(f"Saved {shorten(Path(path).name)} as {_written_as(path, version)}", notes)
        return True

    def _save_shared_copy(self, tree: Tree, path: str, version: str, living: Mode) -> bool:
        """Write a copy with the living hidden; the tree on screen stays whole and stays the file open,
        which a later Save writes whole (so the copy never replaces it)."""
        source = self.workspace.path or tree.path
        if source and _same_file(path, source):
            self.report_error(f"{path}: not saved. This is the file open now: writing it with living people "
                              "hidden would remove them from it. Choose another name for the copy to share.")
            return False
        from familytree.privacy import hidden_note, redact

        version = "7.0" if is_gedzip(path) else version
        redaction = redact(tree, living, self.verdicts.verdicts(tree))
        # not adopted: the copy's links are the copy's, the tree on screen keeps its own
        notes = self._write(redaction.tree, path, version, leave_out=redaction.removed_files)
        if notes is None:
            return False
        hidden = hidden_note(living, redaction.living, redaction.restricted) or "no one to hide"
        self._tell(f"Saved {shorten(Path(path).name)} ({_kind(path, version)}) for sharing: {hidden}. "
                   "The window still shows everyone", notes, 20000)
        return True

    def _write(self, tree: Tree, path: str, version: str, leave_out: frozenset[str] = frozenset(),
               adopt: bool = False, keep: bool = False, declare: bool = False) -> list[str] | None:
        """Write `tree` with its media (`keep`: the lines of the records not changed since reading);
        what the user should know, or None (and a message) on failure."""
        from familytree.gedcom import collection_paused
        from familytree.media.saving import save_tree

        try:
            with collection_paused():
                return save_tree(tree, path, version, leave_out=leave_out, adopt=adopt, keep=keep,
                                 declare=declare)
        except Exception as error:  # noqa: BLE001 - any writer failure becomes a message, never a traceback
            reason = error.strerror or str(error) if isinstance(error, OSError) else \
                f"{type(error).__name__}: {error}"
            self.report_error(f"{path}: could not be saved ({reason}). The previous file is unchanged.")
            return None

    def _tell(self, done: str, notes: list[str], timeout: int = 5000) -> None:
        """Say in the status bar that a file was saved, and in a message what the save left behind."""
        if not notes:
            self.window.statusBar().showMessage(done, timeout)
            return
        self.window.statusBar().showMessage(shorten(f"{done}; {notes[0]}", SHORT_TEXT * 2), 20000)
        shown = notes[:20] + ([f"… and {len(notes) - 20} more like these."] if len(notes) > 20 else [])
        self._message_box(for_display(f"{done}.\n\n" + "\n\n".join(shown), TOOLTIP_TEXT))


def _kind(path: str, version: str) -> str:
    return "GEDZIP (GEDCOM 7.0)" if is_gedzip(path) else f"GEDCOM {version}"


def _written_as(path: str, version: str) -> str:
    """What a file just saved in `version`'s family is, as its header says: a 5.x file kept its own."""
    if is_gedzip(path) or version == "7.0":
        return _kind(path, version)
    from familytree.gedcom.keeping import named_version

    try:
        named = named_version(path)
    except OSError:
        named = version
    return f"GEDCOM {named}" if named else "GEDCOM (its header names no version, as before)"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


_RUNNING: set[LoadThread] = set()  # loads whose window closed before they ended


def _delete_when_done(loader: LoadThread) -> None:
    """Delete a load's thread once it has ended (it may still be returning from its last signal)."""
    if loader.isFinished():
        loader.deleteLater()
    else:
        loader.finished.connect(loader.deleteLater)
