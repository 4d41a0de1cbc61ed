"""Qt drawing of chart layouts: the scene, its items and palettes, reused for screen, paper and files."""

from __future__ import annotations

import sys


def _immortalize_singletons() -> None:
    """Work around a reference-count bug of PySide6 6.12 on CPython 3.11.

    Its void methods (setObjectName, centerOn, QPainter.drawLine...) and methods returning
    None hand back None without taking a reference, so every call lowers None's count by
    one; a few thousand calls (seconds of painting) and CPython aborts with "none_dealloc:
    deallocating None". CPython 3.12 makes None, True and False immortal, which makes the
    bug harmless; this does the same on older CPythons by giving them a count no program
    can use up. They are never freed anyway, so nothing else changes.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < 1 << 40:
            count.value += 1 << 60


_immortalize_singletons()
