"""Starting the GUI: the QApplication, its names for QSettings, the icon, and the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

__all__ = ["run_gui", "app_icon", "ORGANIZATION", "APPLICATION"]

ORGANIZATION = "familytree"
APPLICATION = "familytree"


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created and named (for QSettings) if there is none."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName("familytree")
    QApplication.setDesktopFileName("familytree")
    assert isinstance(app, QApplication)
    return app


def app_icon() -> QIcon:
    from familytree.paths import resources_dir

    path = resources_dir() / "familytree.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def run_gui(path: str | None, focus: str | None = None) -> int:
    """Open the main window on `path` (or the bundled family) and run until it closes."""
    app = ensure_application()
    from familytree.paths import bundled_family_path
    from familytree.ui.main_window import MainWindow

    app.setWindowIcon(app_icon())
    window = MainWindow()
    window.show()
    window.open_file(path or str(bundled_family_path()), focus=focus or "")
    window.view.setFocus()
    return app.exec()
