"""Opening and saving: the file dialogs, background loading with progress, recent files, drops, GEDZIP."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QProgressBar, QPushButton

from familytree.gedcom.errors import load_error_message
from familytree.model import Severity, Tree
from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, for_display, shorten
from familytree.render.text import menu_text, tooltip
from familytree.ui.loader import LoadThread, read_tree
from familytree.ui.settings import Settings
from familytree.workspace import Workspace

__all__ = ["FileController", "GEDCOM_FILTER", "SAVE_FILTER_7", "SAVE_FILTER_551", "SAVE_FILTER_GDZ",
           "SYNC_LOAD_LIMIT", "APP_NAME"]

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

    def __init__(self, window: QMainWindow, workspace: Workspace, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.settings = settings
        self.loader: LoadThread | None = None
        self.last_error = ""
        self._pending_focus = ""
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

    # -- opening ---------------------------------------------------------------------------------
    def choose(self) -> None:
        path = self.workspace.path
        start = str(Path(path).parent) if path else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self.window, "Open a GEDCOM file", start,
                                                f"{GEDCOM_FILTER};;All files (*)")
        if chosen:
            self.open(chosen)

    def open(self, path: str, focus: str = "") -> None:
        """Read `path`; small files at once, large ones in a thread with progress and Cancel."""
        path = str(path)
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
        loader.wait(2000)
        loader.deleteLater()

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
        loader.finished.connect(loader.deleteLater)

    def close(self) -> None:
        """The window closes: stop a load in progress and let its thread end."""
        loader = self.loader
        if loader is not None:
            self.cancel_loading()
            loader.wait(3000)

    def report_error(self, message: str) -> None:
        message = for_display(message, TOOLTIP_TEXT)  # it may quote the file
        self.last_error = message
        self.window.statusBar().showMessage(shorten(message, SHORT_TEXT * 2), 10000)
        self.failed.emit(message)
        self._message_box(message)

    def _message_box(self, text: str) -> None:
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

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        tree, path = self.workspace.tree, self.workspace.path
        if tree is None:
            return
        if not path or _is_bundled(path):  # the family that comes with the program is not changed
            self.save_as()
            return
        if is_gedzip(path) and not (tree.people or tree.families):
            # an archive whose GEDCOM was not read (past a limit, damaged): saving would replace it
            unread = [d.message for d in tree.diagnostics if d.line == 0 and d.severity is Severity.ERROR]
            if unread:
                self.report_error(f"{path}: not saved, since its GEDCOM could not be read "
                                  f"({unread[0]}); saving would replace it with an empty one.")
                return
        five = tree.header.version.startswith("5")
        # a .gdz stays a .gdz (7.0, with its media)
        self.save_to(path, "5.5.1" if five and not is_gedzip(path) else "7.0")

    def save_as(self) -> None:
        if self.workspace.tree is None:
            return
        start = self.workspace.path or str(Path.home() / "family.ged")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Save as", start, f"{SAVE_FILTER_7};;{SAVE_FILTER_551};;{SAVE_FILTER_GDZ}",
            SAVE_FILTER_GDZ if is_gedzip(start) else SAVE_FILTER_7)
        if not path:
            return
        if not path.lower().endswith(GEDCOM_SUFFIXES):  # the suffix the user typed wins over the filter's
            path += ".gdz" if chosen == SAVE_FILTER_GDZ else ".ged"
        self.save_to(path, "5.5.1" if chosen == SAVE_FILTER_551 and not is_gedzip(path) else "7.0")

    def save_to(self, path: str, version: str = "7.0") -> bool:
        """Write the tree atomically; True when written.

        A .gdz is written as GEDZIP (GEDCOM 7.0) with the media of the archive the tree
        came from; what the save could not take along is said in the status bar and a message.
        """
        from familytree.gedcom import collection_paused
        from familytree.media.saving import save_tree

        tree = self.workspace.tree
        if tree is None:
            return False
        gedzip = is_gedzip(path)
        version = "7.0" if gedzip else version
        try:
            with collection_paused():
                # photos packed into a .gdz (the tree then reads them from it); moved links kept working
                notes = save_tree(tree, path, version, adopt=True)
        except Exception as error:  # noqa: BLE001 - any writer failure becomes a message, never a traceback
            reason = error.strerror or str(error) if isinstance(error, OSError) else \
                f"{type(error).__name__}: {error}"
            self.report_error(f"{path}: could not be saved ({reason}). The previous file is unchanged.")
            return False
        if gedzip:
            tree.path = path  # the media are in the new archive now: the next save takes them from it
        self.workspace.path = path
        self.settings.add_recent(path)
        self.saved.emit(path)
        kind = "GEDZIP (GEDCOM 7.0)" if gedzip else f"GEDCOM {version}"
        done = f"Saved {shorten(Path(path).name)} as {kind}"
        if not notes:
            self.window.statusBar().showMessage(done, 5000)
            return True
        self.window.statusBar().showMessage(shorten(f"{done}; {notes[0]}", SHORT_TEXT * 2), 20000)
        shown = notes[:20] + ([f"… and {len(notes) - 20} more like these."] if len(notes) > 20 else [])
        self._message_box(for_display(f"{done}.\n\n" + "\n\n".join(shown), TOOLTIP_TEXT))
        return True
