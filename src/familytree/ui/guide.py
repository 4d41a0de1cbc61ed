"""Help > User Guide: the short guide that ships in the package, read offline in a text browser."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

__all__ = ["GUIDE", "guide_html", "help_window", "show_guide"]

GUIDE = "guide.html"  # in familytree/resources/, listed in pyproject's package-data


def guide_html() -> str:
    """The guide's text; a sentence saying so when an installation lost it."""
    try:
        return (resources.files("familytree") / "resources" / GUIDE).read_text(encoding="utf-8")
    except OSError as e:
        return f"<p>The user guide is missing from this installation ({e.strerror or e}).</p>"


def help_window(parent: QWidget, title: str, html: str, width: int, height: int) -> QDialog:
    """A window of our own rich text beside the main window, with a Close button.

    Only links within the page are followed: the guide never opens a browser or the network.
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    text = QTextBrowser(dialog)
    text.setAccessibleName(title)
    text.setOpenLinks(False)
    text.setOpenExternalLinks(False)
    text.setHtml(html)

    def follow(url: QUrl) -> None:
        if not url.scheme() and not url.path() and url.fragment():
            text.scrollToAnchor(url.fragment())

    text.anchorClicked.connect(follow)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    column = QVBoxLayout(dialog)
    column.addWidget(text)
    column.addWidget(buttons)
    dialog.resize(width, height)
    dialog.show()
    return dialog


def show_guide(parent: QWidget) -> QDialog:
    return help_window(parent, "User Guide", guide_html(), 720, 760)
