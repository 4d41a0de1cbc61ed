"""File > Print, Print Preview and Export from the main window: the same pages as an exported PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox

from familytree.render.export import ChartPrint, page_layout, write_pdf
from familytree.render.pages import PageKind
from familytree.ui.printing import ExportDialog, PrintController
from familytree.workspace import Workspace

pytestmark = pytest.mark.gui




@pytest.fixture
def window(qtbot, bundled_path: Path):
    from familytree.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(bundled_path))
    return window


@pytest.fixture
def controller(window) -> PrintController:
    controller = PrintController(window.workspace, window)
    controller.printer.setPageLayout(page_layout("A4"))
    return controller


def pages_text(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def test_the_window_offers_print_preview_page_setup_and_export(window) -> None:
    actions = [window.actions_by_id[f"file.{name}"] for name in ("print", "preview", "page_setup", "export")]
    for action in actions:
        assert action.isEnabled()
    assert window.actions_by_id["file.print"].shortcut().toString() == "Ctrl+P"


def test_preview_opens_offscreen_with_the_expected_page_count(qtbot, window, controller) -> None:
    controller.options.poster = (2, 2)
    job = controller.make_job()
    dialog = controller.make_preview_dialog(job)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() == 5, timeout=5000)  # assembly guide and 4 sheets
    preview.setCurrentPage(3)
    assert preview.currentPage() == 3
    preview.zoomIn()
    dialog.close()


def test_printing_through_the_dialog_path_gives_the_pages_of_export(tmp_path: Path, window,
                                                                   controller) -> None:
    controller.options.poster = (3, 2)
    controller.options.person_sheet = True
    job = controller.make_job()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setPageLayout(controller.printer.pageLayout())
    dialog = controller.make_print_dialog(job)
    assert dialog.maxPage() == len(job.pages)
    dialog.accept()
    controller.apply_page_options(dialog)
    count = controller.print_with(printer, job)
    exported = tmp_path / "exported.pdf"
    ws = window.workspace
    result = write_pdf(ChartPrint(ws.tree, ws.layout, controller.options), exported,
                       controller.printer.pageLayout())
    assert count == result.pages == 7 + len([p for p in job.pages if p.kind is PageKind.PERSON_SHEET])
    assert pages_text(printed) == pages_text(exported)


def test_a_page_range_prints_only_those_pages(tmp_path: Path, controller) -> None:
    controller.options.poster = (2, 2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert controller.print_with(printer) == 2
    texts = pages_text(tmp_path / "range.pdf")
    assert len(texts) == 2
    assert "Page 2 of 5" in texts[0]
    assert "Page 3 of 5" in texts[1]


def test_fit_with_unreadable_names_offers_the_poster(controller, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(controller, "ask_poster", lambda question: asked.append(question) or True)
    controller.options.min_text_pt = 15.0  # the bundled family's names are smaller on one A4 page
    job = controller.make_job()
    controller.settle_pages(job)
    assert asked
    assert "15 pt" in asked[0]
    assert controller.options.poster is not None
    columns, rows = controller.options.poster
    job.paginate_for(controller.printer)
    assert job.plan.text_pt >= 15.0
    assert (job.plan.columns, job.plan.rows) == (columns, rows)


def test_a_suggested_poster_is_for_its_chart_only(window, controller, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # accepting a 16x1 poster for royal92 used to tile the next, small chart over 16 sheets too
    monkeypatch.setattr(controller, "ask_poster", lambda question: True)
    controller.options.min_text_pt = 15.0
    controller.settle_pages(controller.make_job())
    suggested = controller.options.poster
    assert suggested is not None
    assert controller.export_to(str(tmp_path / "poster.pdf"))  # the same chart: still the poster
    assert controller.last_result is not None
    assert controller.last_result.pages > 1
    assert QSettings().value("print/poster", "") == ""  # a suggestion is not remembered as a choice
    ws = window.workspace
    ws.set_focus(next(p for p in ws.tree.people if p != ws.focus_id))
    job = controller.make_job()
    assert controller.options.poster is None
    job.paginate_for(controller.printer)
    assert not job.plan.is_poster


def test_export_writes_each_format(tmp_path: Path, controller) -> None:
    for suffix in ("pdf", "svg", "png"):
        out = tmp_path / f"chart.{suffix}"
        assert controller.export_to(str(out))
        assert out.stat().st_size > 0
    assert controller.last_result is not None
    assert controller.last_result.width > 0


def test_a_failed_export_shows_an_error_and_keeps_the_old_file(qtbot, tmp_path: Path, controller) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    assert not controller.export_to(str(blocker / "chart.pdf"))
    assert "not a folder" in controller.last_error
    assert "existing file is unchanged" in controller.last_error
    def error_box() -> QMessageBox | None:  # (another test's window may still be closing with its own)
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                     and "not a folder" in w.text()), None)

    qtbot.waitUntil(lambda: error_box() is not None, timeout=3000)
    box = error_box()
    assert box is not None
    box.close()
    assert blocker.read_text() == "a file, not a folder"


def test_export_dialog_follows_the_file_name(qtbot, tmp_path: Path, controller) -> None:
    controller.last_export_path = str(tmp_path / "chart.pdf")
    dialog = ExportDialog(controller, None)
    qtbot.addWidget(dialog)
    assert dialog.pages.isEnabled()
    dialog.path.setText(str(tmp_path / "chart.png"))
    assert dialog.chosen_format().value == "png"
    assert dialog.dpi.isEnabled()
    assert not dialog.pages.isEnabled()
    dialog.pages.poster.setChecked(True)
    dialog.pages.columns.setValue(3)
    dialog.pages.rows.setValue(2)
    dialog.dpi.setValue(200)
    dialog.background.setCurrentIndex(1)
    dialog._on_accept()
    assert controller.options.poster == (3, 2)
    assert controller.dpi == 200
    assert controller.transparent


def test_nothing_to_print_says_so(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QMainWindow

    bare = QMainWindow()
    qtbot.addWidget(bare)
    controller = PrintController(Workspace(), bare)
    assert controller.make_job() is None
    assert "no chart to print" in controller.last_error


def test_print_dialog_page_range_matches_the_job(qtbot, controller) -> None:
    job = controller.make_job()
    dialog = controller.make_print_dialog(job)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintDialog)
    assert (dialog.minPage(), dialog.maxPage()) == (1, len(job.pages))
    assert re.search(r"chart", dialog.windowTitle(), re.I)
    from familytree.ui.printing import PageOptions

    tab = dialog.findChild(PageOptions)  # the Chart tab among the dialog's options
    assert tab is not None
    tab.poster.setChecked(True)
    tab.columns.setValue(2)
    tab.rows.setValue(1)
    controller.apply_page_options(dialog)
    assert controller.options.poster == (2, 1)


def test_file_print_prints_the_chart_through_the_dialog(tmp_path: Path, window, controller,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+P as a user presses it, with the system dialog answered "Print" (to a PDF file)."""
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "printed.pdf"
    controller.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    controller.printer.setOutputFileName(str(out))
    shown: list[QPrintDialog] = []

    def answer_print(dialog: QPrintDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", answer_print)
    window.print_controller = controller
    window.actions_by_id["file.print"].trigger()
    assert shown
    texts = pages_text(out)
    assert len(texts) == 1
    assert window.workspace.tree.people[window.workspace.focus_id].display_name() in texts[0]
    assert "Page 1 of 1" in texts[0]


def test_cancelling_a_long_export_writes_nothing(tmp_path: Path, window, controller,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)  # the user presses Cancel
    controller.options.poster = (3, 2)
    out = tmp_path / "poster.pdf"
    assert not controller.export_to(str(out))
    assert not out.exists()
    assert controller.last_error == ""  # a cancel is not an error
    assert "cancelled" in window.statusBar().currentMessage()
    assert [p.name for p in tmp_path.iterdir() if p.suffix] == []  # no partial file either


def test_page_choices_are_remembered_for_the_next_session(qtbot, tmp_path: Path, window, controller) -> None:
    controller.last_export_path = str(tmp_path / "chart.png")
    dialog = ExportDialog(controller, None)
    qtbot.addWidget(dialog)
    dialog.pages.poster.setChecked(True)
    dialog.pages.columns.setValue(4)
    dialog.pages.rows.setValue(3)
    dialog.pages.person_sheet.setChecked(True)
    dialog.dpi.setValue(300)
    dialog.background.setCurrentIndex(1)
    dialog._on_accept()
    later = PrintController(window.workspace, window)
    assert later.options.poster == (4, 3)
    assert later.options.person_sheet
    assert later.dpi == 300
    assert later.transparent
    assert later.last_export_path == str(tmp_path / "chart.png")
