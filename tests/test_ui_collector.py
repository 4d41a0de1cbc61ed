"""While a window runs, garbage is collected in the GUI thread alone (ui/collector.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from familytree.ui.collector import GuiCollector
from support.windows import make_window


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_worker_threads_never_collect_and_the_gui_thread_still_does(qtbot, bundled_path) -> None:
    make_window(qtbot, bundled_path)
    assert GuiCollector.installed() is not None
    threads: list[int] = []

    def heard(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(heard)
    try:
        kept: list[weakref.ref[_Cycle]] = []

        def allocate() -> None:  # as a load or an index does: far past the collector's threshold
            for _ in range(50_000):
                cycle = _Cycle()
                if len(kept) < 10:
                    kept.append(weakref.ref(cycle))

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert threads == [], "a worker thread collected"
        assert any(ref() is not None for ref in kept), "(the cycles wait for a collection)"
        qtbot.waitUntil(lambda: all(ref() is None for ref in kept), timeout=5000)
        assert threads
        assert set(threads) == {threading.main_thread().ident}
    finally:
        gc.callbacks.remove(heard)
