"""Garbage collection in the GUI thread only: a timer collects by the collector's own thresholds."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

__all__ = ["GuiCollector"]


class GuiCollector(QObject):
    """Runs the cyclic garbage collector from the GUI thread's event loop, and never in another thread.

    A Qt object left in a reference cycle (a closed window's widgets, a handler's lambda) must be
    destroyed in the thread that owns it. With automatic collection, whichever thread allocates past
    the threshold collects: the file load, the search index or the photo catalogue, built in worker
    threads, could destroy such objects there, and collect while the GUI thread collected too (the
    test suite crashed so, a load thread and the GUI thread both in the collector). So, as pyqtgraph
    does, automatic collection is switched off while a window runs, and this timer collects in the
    GUI thread by the same thresholds; never while a large read has collection paused.
    """

    INTERVAL_MS = 250
    _installed: GuiCollector | None = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    @classmethod
    def install(cls) -> GuiCollector | None:
        """Start collecting from the GUI thread (once per application); None without an application."""
        app = QCoreApplication.instance()
        if app is None:
            return None
        if cls._installed is None:
            cls._installed = cls(app)
            gc.disable()
            cls._installed.timer.start()
        return cls._installed

    @classmethod
    def installed(cls) -> GuiCollector | None:
        return cls._installed

    def check(self) -> None:
        """Collect the youngest generation that has grown past its threshold, as the interpreter would."""
        paused = sys.modules.get("familytree.gedcom.collection")  # (not imported at start-up for this)
        if paused is not None and paused.collection_paused().active:
            return  # a read of a large file: its millions of new objects are not garbage
        young, middle, old = self.thresholds
        allocated, young_runs, middle_runs = gc.get_count()
        if young and middle_runs > old:
            gc.collect(2)
        elif young and young_runs > middle:
            gc.collect(1)
        elif young and allocated > young:
            gc.collect(0)
