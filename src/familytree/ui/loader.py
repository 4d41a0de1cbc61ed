"""Reading a GEDCOM file off the GUI thread, with progress and Cancel."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThread, Signal

from familytree.gedcom.errors import load_error_message
from familytree.gedcom.reader import Cancel, Progress
from familytree.model import Tree

__all__ = ["LoadThread", "CancelFlag", "read_tree"]


class CancelFlag(threading.Event):
    """Set by Cancel; the reader may call it or ask is_set()."""

    def __call__(self) -> bool:
        return self.is_set()


BIG_TREE = 20_000  # people; below this a full collection is too quick to notice
READ_SHARE = 0.95  # of the progress bar: the rest is the collection after a big tree is read


def read_tree(path: str, progress: Progress | None = None, cancel: Cancel | None = None,
              settle: bool = True) -> Tree:
    """familytree.gedcom.read_file, imported when first needed (keeps it off the import path).

    Garbage collection is paused for the read alone (the load's objects are not cyclic) and
    is as it was again when this returns or raises: the window must never be left without it.
    `settle`: False when the caller settles the tree itself (`settle_tree`), in its own thread.
    """
    from familytree.gedcom import collection_paused, read_file

    with collection_paused():
        tree: Tree = read_file(path, progress=progress, cancel=cancel)
    if settle:
        settle_tree(tree)
    return tree


def settle_tree(tree: Tree) -> None:
    """After a big tree is read: collect once and set its objects aside from later collections.

    A big tree is millions of long-lived objects: without this, the collector's next full sweep
    (often during the first chart layout) stalls the window for about a second. Objects of a tree
    closed later are still freed by reference counting. In the window this runs in the GUI thread
    (see ui/collector.py): a collection in the load thread could destroy Qt objects there.
    """
    if len(tree.people) >= BIG_TREE:
        gc.collect()
        gc.freeze()


class LoadThread(QThread):
    """Runs the reader in a worker thread; results arrive as signals in the GUI thread."""

    progressed = Signal(int)  # percent
    loaded = Signal(object)  # the Tree
    failed = Signal(str)  # a sentence naming the file
    cancelled = Signal()

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.cancel_flag = CancelFlag()
        self._last_percent = -1

    def cancel(self) -> None:
        self.cancel_flag.set()

    def _progress(self, fraction: float) -> None:
        self._tell(int(fraction * READ_SHARE * 100))

    def _tell(self, percent: int) -> None:
        percent = max(0, min(100, percent))
        if percent != self._last_percent:  # one signal per percent, not per line
            self._last_percent = percent
            self.progressed.emit(percent)

    def run(self) -> None:
        try:
            # settled by the GUI thread once it has the tree (FileController): never collected here
            tree = read_tree(self.path, progress=self._progress, cancel=self.cancel_flag, settle=False)
        except Exception as error:  # noqa: BLE001 - the reader raises LoadCancelled and OSError; show, never crash
            if self.cancel_flag.is_set() or type(error).__name__ == "LoadCancelled":
                self.cancelled.emit()
            else:
                self.failed.emit(load_error_message(self.path, error))
            return
        if self.cancel_flag.is_set():
            self.cancelled.emit()
            return
        if not tree.path:
            tree.path = self.path
        self._tell(100)
        self.loaded.emit(tree)
