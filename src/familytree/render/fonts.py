"""The font charts and sheets are measured and printed with."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication

__all__ = ["print_font"]


def print_font(font: QFont | None = None) -> QFont:
    """The application's font without ligatures: "offspring" in a PDF is then found by a search for it."""
    out = QFont(font) if font is not None else QFont(QGuiApplication.font())
    for tag in ("liga", "clig", "dlig"):
        out.setFeature(QFont.Tag(tag), 0)
    return out
