"""The main window as GUI tests open it: shown, sized, with a file loaded and the view settled."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from familytree.model import Tree
from familytree.ui.main_window import MainWindow


def make_window(qtbot: QtBot, path: Path | None = None, tree: Tree | None = None,
                resize: bool = True) -> MainWindow:
    """A shown window holding `tree`, or the file at `path` once it has loaded."""
    window = MainWindow(tree=tree)
    qtbot.addWidget(window)
    if resize:
        window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    if path is not None:
        with qtbot.waitSignal(window.fileLoaded, timeout=10000):
            window.open_file(str(path))
    window.view.finish_animation()
    return window
