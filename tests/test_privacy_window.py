"""Living people in what leaves the window: Print, Print Preview, Export and Save As hide them as chosen
(remembered per file); the window itself shows everyone; the details panel says who is treated as living."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from familytree.gedcom import read_file
from familytree.privacy import LIVING_NAME, infer_living
from familytree.ui.living_choice import LivingChoice, SaveOptions
from familytree.ui.main_window import MainWindow
from familytree.ui.printing import ExportDialog
from support.documents import pdf_text, svg_text
from support.privacy import write_family
from support.windows import make_window

pytestmark = pytest.mark.gui

YULIA = "@I7@"  # born 1936, no death recorded: living
SERGEI = "@I1@"  # her father, died 1937: shown in every mode


@pytest.fixture
def window(qtbot, bundled_path: Path) -> MainWindow:
    return make_window(qtbot, bundled_path)


def when_shown(kind: type[QWidget], answer: Callable[[QWidget], None]) -> list[QWidget]:
    """Answer the next modal dialog of `kind` as the user would, once its exec() shows it; the
    dialogs answered are listed."""
    answered: list[QWidget] = []

    def look(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            answered.append(dialog)
            answer(dialog)
        elif tries < 250:
            QTimer.singleShot(20, lambda: look(tries + 1))

    QTimer.singleShot(0, look)
    return answered


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def click_save(qtbot, dialog: QWidget) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def export(qtbot, window: MainWindow, out: Path, living: str, person_sheet: bool = False) -> ExportDialog:
    """File > Export…, the file named, `living` chosen under Living people, Save clicked."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.path.setText(str(out))
        dialog.pages.person_sheet.setChecked(person_sheet)
        choose(dialog.living.combo, living)
        click_save(qtbot, dialog)

    answered = when_shown(ExportDialog, answer)
    window.actions_by_id["file.export"].trigger()
    assert answered, "File > Export did not show its dialog"
    assert out.exists()
    return answered[0]  # type: ignore[return-value]


def offered(window: MainWindow, action_id: str, kind: type[ExportDialog | SaveOptions]) -> str:
    """The Living people choice the dialog of `kind` that the command opens offers (then cancelled)."""
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, kind)
        seen.append(dialog.living.combo.currentText())
        dialog.reject()

    when_shown(kind, answer)
    window.actions_by_id[action_id].trigger()
    assert seen, f"{action_id} did not show its dialog"
    return seen[0]


def close_message(qtbot, words: str) -> None:
    """Close the message box saying `words`, once it shows."""
    def box() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible() and words in w.text()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=3000)
    shown = box()
    assert shown is not None
    shown.close()


def chart_living(window: MainWindow) -> int:
    """How many of the window's chart are treated as living."""
    verdicts = infer_living(window.workspace.tree)
    return sum(1 for pid in window.workspace.layout.person_ids if verdicts[pid].living)


@pytest.mark.parametrize("suffix", ["svg", "pdf"])
def test_names_only_keeps_yulias_name_and_drops_her_birth_year(qtbot, window, tmp_path: Path,
                                                               suffix: str) -> None:
    assert YULIA in window.workspace.layout.person_ids
    out = tmp_path / f"chart.{suffix}"
    export(qtbot, window, out, "Names only")
    text = svg_text(out) if suffix == "svg" else pdf_text(out)
    assert "Yulia" in text
    assert "1936" not in text
    assert "Sergei Sedov" in text
    assert "1908" in text
    count = chart_living(window)
    assert count >= 1
    assert f"{count} living people hidden (names only)" in window.statusBar().currentMessage()
    # the window shows everyone still
    assert "1936" in window.scene.item_for(YULIA).toolTip()


def test_leave_out_drops_yulia_and_says_so(qtbot, window, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    export(qtbot, window, out, "Leave out")
    text = svg_text(out)
    assert "Yulia" not in text
    assert "Sergei Sedov" in text
    assert "living people left out" in window.statusBar().currentMessage()


def test_show_all_exports_everything_and_notes_nothing(qtbot, window, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    export(qtbot, window, out, "Show all")
    assert "Yulia" in svg_text(out)
    assert "1936" in svg_text(out)
    assert "hidden" not in window.statusBar().currentMessage()


def test_the_person_sheet_of_a_living_focus_is_hidden_too(qtbot, window, tmp_path: Path) -> None:
    window.workspace.set_focus(YULIA)
    out = tmp_path / "sheet.pdf"
    export(qtbot, window, out, "As \u201cLiving\u201d", person_sheet=True)
    text = pdf_text(out)
    assert "Yulia" not in text
    assert "1936" not in text
    assert LIVING_NAME in text
    assert "Sergei Sedov" in text


def test_the_choice_is_remembered_for_the_same_file_and_not_for_another(qtbot, window, tmp_path: Path,
                                                                          bundled_path: Path) -> None:
    export(qtbot, window, tmp_path / "chart.svg", "Names only")

    def shown_choice() -> str:
        return offered(window, "file.export", ExportDialog)

    assert shown_choice() == "Names only"
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(write_family(tmp_path)))
    assert shown_choice() == "Show all"
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(bundled_path))
    assert shown_choice() == "Names only"
    # and the next session's window
    again = make_window(qtbot, bundled_path)
    assert again.printing.living.value == "name"


def test_preview_shows_living_boxes_in_private_mode(qtbot, window) -> None:
    looked: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintPreviewDialog)
        combo = dialog.findChild(QComboBox, "previewLiving")
        assert combo is not None, "the preview's tool bar has no Living people choice"
        assert combo.currentText() == "Show all"
        choose(combo, "As \u201cLiving\u201d")
        job = window.printing.job
        assert job is not None
        looked["texts"] = [item.toolTip() for item in job.scene.person_items.values()]
        looked["title"] = dialog.windowTitle()
        preview = dialog.findChild(QPrintPreviewWidget)
        looked["pages"] = preview.pageCount() if preview is not None else 0
        dialog.reject()

    when_shown(QPrintPreviewDialog, answer)
    window.actions_by_id["file.preview"].trigger()
    texts = looked["texts"]
    assert isinstance(texts, list)
    assert any(t.startswith(LIVING_NAME) for t in texts)
    assert not any("Yulia" in t or "1936" in t for t in texts)
    assert any("Sergei Sedov" in t for t in texts)
    assert looked["pages"] == 1
    assert window.printing.living.value == "private"  # chosen in the preview: remembered for the file
    assert "hidden (shown as \u201cLiving\u201d)" in window.statusBar().currentMessage()


def test_print_hides_the_living_as_chosen_in_the_print_dialog(qtbot, window, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    controller = window.printing
    out = tmp_path / "printed.pdf"
    controller.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    controller.printer.setOutputFileName(str(out))

    def answer(dialog: QPrintDialog) -> int:  # the system dialog: its Living people tab, then Print
        tab = dialog.findChild(LivingChoice)
        assert tab is not None, "the print dialog has no Living people tab"
        choose(tab.combo, "Leave out")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", answer)
    window.actions_by_id["file.print"].trigger()
    text = pdf_text(out)
    assert "Yulia" not in text
    assert "Sergei Sedov" in text
    assert "left out" in window.statusBar().currentMessage()


def test_save_as_with_names_only_writes_a_copy_and_the_window_keeps_everything(
        qtbot, tmp_path: Path, bundled_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "family.ged"
    shutil.copy(bundled_path, source)
    window = make_window(qtbot, source)
    target = tmp_path / "for-cousin.ged"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), "GEDCOM 7.0 (*.ged)"))

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, SaveOptions)
        choose(dialog.living.combo, "Names only")
        assert "removed from the file" in dialog.after.text()
        click_save(qtbot, dialog)

    answered = when_shown(SaveOptions, answer)
    window.actions_by_id["file.save_as"].trigger()
    assert answered, "Save As did not offer its options"
    shared = read_file(target)
    yulia = shared.people[YULIA]
    assert yulia.display_name() == "Yulia"
    assert yulia.events == []
    record = next(r for r in target.read_text(encoding="utf-8-sig").split("\n0 ") if r.startswith(YULIA))
    assert "1936" not in record
    assert "DATE" not in record
    assert shared.people[SERGEI].lifespan() == read_file(source).people[SERGEI].lifespan()
    # the window: the full tree, from the file it had open
    ws = window.workspace
    assert ws.path == str(source)
    assert source.name in window.windowTitle()
    assert any(e.date is not None for e in ws.tree.people[YULIA].events)
    assert "1936" in window.scene.item_for(YULIA).toolTip()
    message = window.statusBar().currentMessage()
    assert "for sharing" in message
    assert "still shows everyone" in message
    assert "living people hidden (names only)" in message
    ws.select(YULIA)
    assert "1936" in window.details.toPlainText()
    assert str(target) not in window.settings.recent_files()  # not a file to go on working in

    assert offered(window, "file.save_as", SaveOptions) == "Names only"  # Save As again: as chosen last


def test_a_copy_with_the_living_hidden_never_replaces_the_open_file(qtbot, tmp_path: Path,
                                                                     bundled_path: Path) -> None:
    from familytree.privacy import Mode

    source = tmp_path / "family.ged"
    shutil.copy(bundled_path, source)
    before = source.read_bytes()
    window = make_window(qtbot, source)
    assert not window.files.save_to(str(source), "7.0", Mode.OMIT)
    assert source.read_bytes() == before
    assert "Choose another name" in window.files.last_error
    close_message(qtbot, "another name")


def test_details_panel_says_why_yulia_is_treated_as_living(qtbot, window) -> None:
    ws = window.workspace
    ws.select(YULIA)
    text = window.details.toPlainText()
    assert "Treated as living: no death recorded; born 1936" in text
    ws.select("@I6@")  # her mother, with no dates of her own
    assert "Treated as living: no death recorded; daughter born 1936" in window.details.toPlainText()
    ws.select(SERGEI)
    assert "Treated as living" not in window.details.toPlainText()


def test_leaving_out_a_living_focus_centres_on_the_nearest_relative_kept(qtbot, window,
                                                                          tmp_path: Path) -> None:
    window.workspace.set_focus(YULIA)
    export(qtbot, window, tmp_path / "chart.svg", "Leave out")
    job = window.printing.job
    assert job is not None
    assert job.layout.focus_id == SERGEI  # her father
    assert window.workspace.focus_id == YULIA  # the window's chart is hers still


def test_a_chart_of_the_living_only_says_there_is_no_one_to_print(qtbot, tmp_path: Path) -> None:
    young = tmp_path / "young.ged"
    young.write_text("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
                     "0 @I1@ INDI\n1 NAME Ann /Young/\n1 BIRT\n2 DATE 1990\n1 FAMS @F1@\n"
                     "0 @I2@ INDI\n1 NAME Bob /Young/\n1 FAMS @F1@\n"
                     "0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n0 TRLR\n", encoding="utf-8")
    window = make_window(qtbot, young)
    out = tmp_path / "chart.svg"

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.path.setText(str(out))
        choose(dialog.living.combo, "Leave out")
        click_save(qtbot, dialog)

    when_shown(ExportDialog, answer)
    window.actions_by_id["file.export"].trigger()
    assert not out.exists()
    assert "leaves no one to print" in window.printing.last_error
    close_message(qtbot, "no one to print")


def test_an_edit_that_records_a_death_is_heard(qtbot, window, tmp_path: Path) -> None:
    from familytree.model import Event
    from familytree.model.date_input import read_date
    from familytree.workspace.editing import add_event

    ws = window.workspace
    ws.select(YULIA)
    assert "Treated as living" in window.details.toPlainText()
    export(qtbot, window, tmp_path / "before.svg", "Names only")
    assert "1936" not in svg_text(tmp_path / "before.svg")
    ws.undo.push(add_event(ws.tree, YULIA, Event("DEAT", date=read_date("2001").date)))
    window.details.show_person(ws.tree, YULIA)
    assert "Treated as living" not in window.details.toPlainText()
    export(qtbot, window, tmp_path / "after.svg", "Names only")
    assert "1936" in svg_text(tmp_path / "after.svg")
