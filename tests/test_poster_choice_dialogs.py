"""File > Export and File > Print offer what `familytree export --poster auto --min-text PT` does (issue 14):
a poster of as many sheets as names of at least that size need, chosen like the other page choices,
remembered, and printed without a question."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog

from familytree import cli
from familytree.render.export import ChartPrint, page_layout
from familytree.ui.main_window import MainWindow
from familytree.ui.printing import ExportDialog, PageOptions, PrintController
from support.documents import pdf_pages
from support.windows import make_window

pytestmark = pytest.mark.gui

MIN_TEXT = 15.0  # the bundled family's names are smaller than this on one A4 page


@pytest.fixture
def window(qtbot, bundled_path: Path) -> MainWindow:
    return make_window(qtbot, bundled_path)


@pytest.fixture
def controller(window: MainWindow) -> PrintController:
    controller = PrintController(window.workspace, window)
    controller.printer.setPageLayout(page_layout("A4"))
    controller.orientation_chosen = True  # the paper as the command line below is told
    window.print_controller = controller
    return controller


def legible_poster(controller: PrintController, out: Path) -> tuple[ChartPrint, list[str]]:
    """The job last printed or exported, a poster with names of MIN_TEXT at least, and its PDF's pages:
    the assembly guide, then each sheet printed."""
    job = controller.job
    assert job is not None
    assert job.plan is not None
    assert job.plan.is_poster
    assert job.plan.text_pt >= MIN_TEXT
    pages = pdf_pages(out)
    assert "Assembly guide" in pages[0]
    assert len(pages) == 1 + len([p for p in job.pages if p.sheet is not None]) > 2
    return job, pages


def choose_auto(pages: PageOptions, min_text: float) -> None:
    """As a user does: the poster-by-legibility choice, then the size."""
    pages.auto.click()
    assert pages.min_text.isEnabled()
    assert not pages.columns.isEnabled()
    pages.min_text.setValue(min_text)


def test_export_offers_the_poster_of_as_many_sheets_as_legible_names_need(
        qtbot, tmp_path: Path, window: MainWindow, controller: PrintController,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "auto.pdf"
    controller.last_export_path = str(out)
    monkeypatch.setattr(controller, "ask_poster", lambda question: pytest.fail(f"asked: {question}"))

    def user(dialog: ExportDialog) -> int:
        assert "names at least" in dialog.pages.auto.text().replace("&", "")
        choose_auto(dialog.pages, MIN_TEXT)
        dialog._on_accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", user)
    window.actions_by_id["file.export"].trigger()
    assert controller.last_error == ""
    job, pages = legible_poster(controller, out)
    assert pages[0].startswith(job.title)
    # the same pages as the command line's --poster auto --min-text on the same chart and paper
    cli_out = tmp_path / "cli.pdf"
    assert cli.main(["export", str(cli_out), "--file", str(window.workspace.path), "--focus",
                     window.workspace.focus_id, "--poster", "auto", "--min-text", str(MIN_TEXT), "--paper",
                     "A4", "--portrait", "--orientation", "vertical"]) == 0
    said = capsys.readouterr().out
    m = re.search(r"poster of (\d+)x(\d+) sheets", said)
    assert m is not None, said
    assert (int(m.group(1)), int(m.group(2))) == (job.plan.columns, job.plan.rows)
    assert len(pdf_pages(cli_out)) == len(pages)
    # remembered: the next Export dialog opens on the same choice
    again = ExportDialog(controller, None)
    qtbot.addWidget(again)
    assert again.pages.auto.isChecked()
    assert again.pages.min_text.value() == MIN_TEXT
    fresh = PrintController(window.workspace, window)
    assert fresh.options.auto_poster
    assert fresh.options.min_text_pt == MIN_TEXT


def test_fit_and_a_fixed_grid_are_still_chosen_as_before(qtbot, tmp_path: Path, controller: PrintController
                                                          ) -> None:
    controller.last_export_path = str(tmp_path / "chart.pdf")
    dialog = ExportDialog(controller, None)
    qtbot.addWidget(dialog)
    choose_auto(dialog.pages, 9.0)
    dialog.pages.poster.click()
    assert not dialog.pages.min_text.isEnabled()
    dialog.pages.columns.setValue(3)
    dialog.pages.rows.setValue(2)
    dialog._on_accept()
    assert (controller.options.poster, controller.options.auto_poster) == ((3, 2), False)
    dialog = ExportDialog(controller, None)
    qtbot.addWidget(dialog)
    dialog.pages.fit.click()
    dialog._on_accept()
    assert (controller.options.poster, controller.options.auto_poster) == (None, False)


def test_print_offers_the_same_choice_and_prints_legible_names(
        qtbot, tmp_path: Path, window: MainWindow, controller: PrintController,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+P, the Chart tab set to the poster by legibility, Print (to a PDF file)."""
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "printed.pdf"
    controller.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    controller.printer.setOutputFileName(str(out))
    monkeypatch.setattr(controller, "ask_poster", lambda question: False)  # one page when asked: no
    shown: list[QPrintDialog] = []

    def user(dialog: QPrintDialog) -> int:
        shown.append(dialog)
        tab = dialog.findChild(PageOptions)
        assert tab is not None
        choose_auto(tab, MIN_TEXT)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", user)
    window.actions_by_id["file.print"].trigger()
    assert shown
    legible_poster(controller, out)
    assert controller.options.auto_poster
    assert controller.options.min_text_pt == MIN_TEXT
