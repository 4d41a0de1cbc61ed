"""Take a screenshot of the real main window (run under Xvfb).

    xvfb-run -a -s "-screen 0 1600x1000x24" python -m familytree.ui.screenshot resources/screenshot.png

--action runs a declared command (ui/actions.py) once the file is shown, in the order given:
--action view.high_contrast twice shows high contrast turned on and off again; help.shortcuts,
help.guide and view.legend open their windows; file.export and file.preview open the Export
dialog and the Print Preview, showing living people as --living says (show, name, private, omit).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", nargs="?", default="resources/screenshot.png")
    parser.add_argument("--file", help="GEDCOM file (default: the bundled family)")
    parser.add_argument("--first", action="append", default=[], metavar="FILE",
                        help="a file opened before --file, as a user opens one after another (repeatable)")
    parser.add_argument("--select", help="the person to select (default: the file's first person)")
    parser.add_argument("--focus", help="the person to centre the chart on, after the file is open")
    parser.add_argument("--zoom", type=float, help="the chart's zoom (1.0 is 100 %%), set before --focus")
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--chart", help="the chart type (hourglass, ancestors, descendants, relatives, fan)")
    parser.add_argument("--up", type=int, help="generations up (a fan's generations)")
    parser.add_argument("--living", choices=("show", "name", "private", "omit"),
                        help="what the file's prints and exports show of living people")
    parser.add_argument("--action", action="append", default=[], metavar="ID",
                        help="a command of ui/actions.py to run before the picture (repeatable)")
    ns = parser.parse_args(argv)

    from familytree.paths import bundled_family_path
    from familytree.ui.app import app_icon, ensure_application
    from familytree.ui.main_window import MainWindow

    app = ensure_application()
    # a clean, throw-away profile: the picture must not depend on saved window state
    profile = tempfile.TemporaryDirectory(prefix="familytree-screenshot-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, profile.name)
    app.setWindowIcon(app_icon())
    window = MainWindow()
    width, height = (int(v) for v in ns.size.split("x"))
    window.setGeometry(0, 0, width, height)
    window.show()

    def open_and_wait(path: str) -> None:
        # a large file is read in a thread: the next step waits until it is on screen
        loop = QEventLoop()
        window.fileLoaded.connect(loop.quit)
        window.loadFailed.connect(loop.quit)
        window.open_file(path)
        if window.files.loader is not None:
            loop.exec()
        window.fileLoaded.disconnect(loop.quit)
        window.loadFailed.disconnect(loop.quit)
        window.view.finish_animation()

    for path in ns.first:
        open_and_wait(path)
    open_and_wait(ns.file or str(bundled_family_path()))
    if ns.high_contrast:
        window.actions_by_id["view.high_contrast"].trigger()
    if ns.chart or ns.up:
        from familytree.layout import ChartType

        settings = window.workspace.settings
        window.workspace.change_settings(chart_type=ChartType(ns.chart) if ns.chart else settings.chart_type,
                                         generations_up=ns.up or settings.generations_up)
    if ns.zoom:
        window.view.set_zoom(ns.zoom)
    if ns.focus:
        window.workspace.set_focus(ns.focus)
    if ns.select:
        window.workspace.select(ns.select)
    if ns.living:
        from familytree.privacy import Mode

        window.printing.set_living(Mode(ns.living))
    window.view.finish_animation()
    result = {"code": 1}

    def run_actions() -> None:
        for action_id in ns.action:
            window.actions_by_id[action_id].trigger()
            app.processEvents()

    def grab() -> None:
        window.view.finish_animation()
        screen = QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0)
        if pixmap.isNull() or pixmap.width() < 50:
            pixmap = window.grab()
        result["code"] = 0 if pixmap.save(ns.output) else 1
        print(f"{ns.output}: {pixmap.width()}x{pixmap.height()}")
        app.quit()

    QTimer.singleShot(700, run_actions)  # after the docks built on the first paint
    QTimer.singleShot(1500, grab)
    app.exec()
    window.close()
    profile.cleanup()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
