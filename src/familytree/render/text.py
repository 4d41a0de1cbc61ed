"""Text from a file in Qt labels, tooltips and menus: shown as written, never read as markup, cut short.

Qt reads a label's or a tooltip's text as rich text when it looks like markup
(`Qt::mightBeRichText`): a name `<img src=/dev/zero>` then makes Qt load the "image",
and a name of a megabyte makes it lay out a megabyte. Every widget that shows a value
from a file goes through here, or escapes the value inside its own deliberate rich text.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtText
from PySide6.QtWidgets import QLabel, QWidget

from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, break_long_words, for_display, shorten

__all__ = ["tooltip", "plain_label", "set_plain_text", "set_person_label", "menu_text", "is_markup",
           "left_to_right", "PLAIN_TIP_LENGTH"]

# A plain tooltip is one line per line of text: longer ones are wrapped as rich text instead.
PLAIN_TIP_LENGTH = 100


def is_markup(text: str) -> bool:
    """Whether Qt would read `text` as rich text in a label or tooltip left to decide for itself."""
    return bool(QtText.mightBeRichText(text))


def tooltip(text: str, limit: int = TOOLTIP_TEXT) -> str:
    """A tooltip that shows `text` as written: cut to `limit`, and escaped inside a paragraph
    that keeps its line breaks when Qt would take it for markup or it is too long for one line."""
    if len(text) <= PLAIN_TIP_LENGTH and not is_markup(text):
        return text
    import html  # (a long or marked-up tooltip is rare: the module loads with the first)

    return "<p style='white-space:pre-wrap'>" + html.escape(for_display(text, limit), quote=False) + "</p>"


def set_plain_text(label: QLabel, text: str, limit: int = SHORT_TEXT) -> None:
    """Show `text` in `label` as plain text, cut to `limit`; when cut, its tooltip gives more.
    A label that may show a long text wants word wrap: else the window grows as wide as the text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    shown = for_display(text, limit)
    label.setText(shown)
    label.setToolTip(tooltip(text) if len(text) > limit else "")


def plain_label(text: str = "", parent: QWidget | None = None, limit: int = SHORT_TEXT) -> QLabel:
    """A label for text from a file: plain text, never markup."""
    label = QLabel(parent)
    set_plain_text(label, text, limit)
    return label


def menu_text(text: str, limit: int = 80) -> str:
    """`text` for a menu entry or button: cut, and an "&" shown as itself instead of a shortcut mark."""
    return for_display(text, limit).replace("&", "&&")


def left_to_right(text: str) -> str:
    """`text` for a label of an English window, read left to right even when it starts with a
    Hebrew or Arabic name: "יוליה Sedova (b. 1936)", not "Sedova (b. 1936) יוליה".

    A label takes its direction from its first strong letter; a left-to-right mark in front
    settles it.  Text with no right-to-left letter is returned as it is.
    """
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return "\u200e" + text
    return text


def set_person_label(label: QLabel, name: str, years: str = "") -> None:
    """A person's name and life years in `label`, as plain text read left to right; a long name is
    cut (its years kept) and given whole, as far as a tooltip goes, in the tooltip."""
    shown = shorten(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)  # unwrapped, a long name would make the window as wide as itself
    label.setText(left_to_right(break_long_words(f"{shown} ({years})" if years else shown)))
    label.setToolTip(tooltip(name) if shown != name else "")
