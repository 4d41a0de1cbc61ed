"""File > Print, Print Preview, Page Setup and Export: the window's chart on paper and in files.

One paginator (render.export.ChartPrint) draws every page, so the preview, the printer
and an exported PDF show the same pages. What they show of living people is chosen in each
dialog and remembered per file: the tree is redacted before the chart is laid out, as
`familytree export --living` does, so the boxes on paper are those of the shared tree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import (
    QPageSetupDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from familytree.layout import ChartLayout, ChartType, layout_chart
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.model.text import SHORT_TEXT, shorten
from familytree.privacy import Mode, redact
from familytree.render.export import (
    ChartPrint,
    ExportError,
    ExportFormat,
    ExportResult,
    PrintOptions,
    best_orientation,
    format_for_path,
    page_layout,
    write_pdf,
    write_png,
    write_svg,
)
from familytree.render.pages import MIN_TEXT_PT
from familytree.render.portraits import Portraits
from familytree.ui.files import APP_NAME
from familytree.ui.living_choice import LivingChoice, VerdictCache, hidden_note, living_combo, nearest_kept
from familytree.ui.settings import Key, Keys, Settings
from familytree.workspace import Workspace

__all__ = ["PrintController", "PageOptions", "ExportDialog", "SharedChart"]

AUTO_POSTER = "auto"  # Keys.POSTER's value for the poster of as many sheets as legible names need
# the smallest name size that poster is made for (here, beside the one choice that uses it)
MIN_TEXT = Key("print/min_text", MIN_TEXT_PT)


@slotted(frozen=True)
class SharedChart:
    """The chart as it leaves the machine: the tree with the living hidden as chosen, laid out anew."""

    tree: Tree
    layout: ChartLayout
    mode: Mode
    living: int = 0  # of the window's chart, the living people hidden or left out
    restricted: int = 0  # ... and the people marked private who are not living

    @property
    def note(self) -> str:
        """For the status bar: "1 living person hidden (names only)"; "" when nothing was hidden."""
        return hidden_note(self.mode, self.living, self.restricted)


class PageOptions(QWidget):
    """Fit on one page, a poster of as many sheets as legible names need (`familytree export --poster
    auto --min-text PT`), or one of columns x rows; and the person sheet. Shared by dialogs."""

    def __init__(self, poster: tuple[int, int] | None, person_sheet: bool,
                 parent: QWidget | None = None, auto: bool = False, min_text: float = MIN_TEXT_PT) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chart")
        self.fit = QRadioButton("&Fit the chart on one page")
        self.auto = QRadioButton("Poster: &as many sheets as names at least")
        self.auto.setToolTip("The fewest sheets that print every name at least this tall; sheets with no "
                             "one on them are left out")
        self.poster = QRadioButton("&Poster over several sheets:")
        group = QButtonGroup(self)
        for button in (self.fit, self.auto, self.poster):
            group.addButton(button)
        self.min_text = QDoubleSpinBox()
        self.min_text.setRange(1.0, 72.0)  # as --min-text takes
        self.min_text.setDecimals(1)
        self.min_text.setSingleStep(0.5)
        self.min_text.setSuffix(" pt")
        self.min_text.setValue(min_text)
        self.min_text.setAccessibleName("Smallest name size on the poster")
        self.columns = QSpinBox()
        self.columns.setRange(1, 50)
        self.columns.setSuffix(" across")
        self.columns.setAccessibleName("Poster columns")
        self.rows = QSpinBox()
        self.rows.setRange(1, 50)
        self.rows.setSuffix(" down")
        self.rows.setAccessibleName("Poster rows")
        self.person_sheet = QCheckBox("Add the focus person's &details (person sheet) after the chart")
        columns, rows = poster if poster is not None else (2, 2)
        self.columns.setValue(columns)
        self.rows.setValue(rows)
        (self.poster if poster is not None else self.auto if auto else self.fit).setChecked(True)
        self.person_sheet.setChecked(person_sheet)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.auto)
        auto_row.addWidget(self.min_text)
        auto_row.addWidget(QLabel("need"))
        auto_row.addStretch(1)
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster)
        poster_row.addWidget(self.columns)
        poster_row.addWidget(QLabel("\u00d7"))
        poster_row.addWidget(self.rows)
        poster_row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.fit)
        box.addLayout(auto_row)
        box.addLayout(poster_row)
        hint = QLabel("A poster has an assembly page, overlapping sheets and crop marks; "
                      "no box is ever cut between sheets, and a sheet with no one on it is not printed.")
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.person_sheet)
        box.addStretch(1)
        group.buttonToggled.connect(self._on_mode_changed)
        self._on_mode_changed()

    def _on_mode_changed(self) -> None:
        self.min_text.setEnabled(self.auto.isChecked())
        self.columns.setEnabled(self.poster.isChecked())
        self.rows.setEnabled(self.poster.isChecked())

    def chosen_poster(self) -> tuple[int, int] | None:
        if self.poster.isChecked() and self.columns.value() * self.rows.value() > 1:
            return (self.columns.value(), self.rows.value())
        return None

    def chosen_auto(self) -> bool:
        """Whether the poster is to have as many sheets as names of `min_text` need."""
        return self.auto.isChecked()

    def apply_to(self, options: PrintOptions) -> None:
        """Put the choice into `options`, as `familytree export` does with --fit, --poster and --min-text."""
        options.poster = self.chosen_poster()
        options.auto_poster = self.chosen_auto()
        if options.auto_poster:
            options.min_text_pt = self.min_text.value()
        options.person_sheet = self.person_sheet.isChecked()


class ExportDialog(QDialog):
    """Where and how to export: file, format, pages (PDF), resolution and background (PNG), and what
    of the living."""

    def __init__(self, controller: PrintController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Chart")
        self.controller = controller
        self.path = QLineEdit(controller.last_export_path)
        self.path.setAccessibleName("File to write")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.format = QComboBox()
        for fmt, text in ((ExportFormat.PDF, "PDF document (pages)"), (ExportFormat.SVG, "SVG image"),
                          (ExportFormat.PNG, "PNG image")):
            self.format.addItem(text, fmt)
        opts = controller.options
        self.pages = PageOptions(opts.poster, opts.person_sheet, self, opts.auto_poster, opts.min_text_pt)
        self.paper = QLabel()
        setup = QPushButton("Page Set&up…")
        setup.clicked.connect(self._page_setup)
        self.dpi = QDoubleSpinBox()
        self.dpi.setRange(10, 2400)
        self.dpi.setDecimals(0)
        self.dpi.setSuffix(" dpi")
        self.dpi.setValue(controller.dpi)
        self.background = QComboBox()
        self.background.addItem("White", False)
        self.background.addItem("Transparent", True)
        self.background.setCurrentIndex(1 if controller.transparent else 0)
        self.living = controller.living_choice(self, labelled=False)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper, 1)
        paper_row.addWidget(setup)
        form = QFormLayout()
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)  # the row is a layout: give the mnemonic its field
        form.addRow(file_label, file_row)
        form.addRow("F&ormat:", self.format)
        form.addRow("Paper:", paper_row)
        form.addRow("Pages:", self.pages)
        form.addRow("&Resolution:", self.dpi)
        form.addRow("&Background:", self.background)
        form.addRow("&Living people:", self.living)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.path.textChanged.connect(self._on_path_changed)
        self._on_path_changed()
        self._on_format_changed()

    def chosen_format(self) -> ExportFormat:
        fmt: ExportFormat = self.format.currentData()
        return fmt

    def _on_path_changed(self) -> None:
        try:
            fmt = format_for_path(self.path.text())
        except ExportError:
            return
        index = self.format.findData(fmt)
        if index >= 0 and index != self.format.currentIndex():
            self.format.setCurrentIndex(index)

    def _on_format_changed(self) -> None:
        fmt = self.chosen_format()
        paged = fmt is ExportFormat.PDF
        self.pages.setEnabled(paged)
        self.paper.setEnabled(paged)
        self.dpi.setEnabled(fmt is ExportFormat.PNG)
        self.background.setEnabled(fmt is ExportFormat.PNG)
        layout = self.controller.printer.pageLayout()
        turned = "landscape" if layout.orientation() == QPageLayout.Orientation.Landscape else "portrait"
        self.paper.setText(f"{layout.pageSize().name()}, {turned}")
        text = self.path.text().strip()
        if text and Path(text).suffix.lower() != f".{fmt.value}":
            self.path.setText(str(Path(text).with_suffix(f".{fmt.value}")))

    def _browse(self) -> None:
        fmt = self.chosen_format()
        name, _ = QFileDialog.getSaveFileName(self, "Export Chart", self.path.text(),
                                              f"{fmt.value.upper()} files (*.{fmt.value})")
        if name:
            self.path.setText(name)

    def _page_setup(self) -> None:
        self.controller.page_setup()
        self._on_format_changed()

    def _on_accept(self) -> None:
        if not self.path.text().strip():
            self.path.setFocus()
            return
        self.pages.apply_to(self.controller.options)
        self.controller.dpi = self.dpi.value()
        self.controller.transparent = bool(self.background.currentData())
        self.controller.set_living(self.living.mode())
        self.controller.save_settings()
        self.accept()


class PrintController(QObject):
    """What File > Print, Print Preview, Page Setup and Export do with the workspace's chart.

    `window` parents the dialogs and shows what was done in its status bar.
    """

    def __init__(self, workspace: Workspace, window: QMainWindow, settings: Settings | None = None,
                 portraits: Callable[[], Portraits | None] | None = None) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self.portraits = portraits  # the portraits the window's chart draws, if any
        self.settings = settings if settings is not None else Settings()
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout(_default_paper(self.printer)))
        self.options = PrintOptions()
        self.dpi = 150.0
        self.transparent = False
        self.last_export_path = ""
        self.last_error = ""
        self.last_result: ExportResult | None = None
        self.job: ChartPrint | None = None
        self.shared: SharedChart | None = None  # what the last job was made of
        self.orientation_chosen = False  # until the user turns the paper, it turns to suit the chart
        # the chart a poster was suggested for (settle_pages): the suggestion holds for it alone
        self._suggested_for: object | None = None
        self._page_options: PageOptions | None = None
        self._living_options: LivingChoice | None = None
        self._living_unsaved = Mode.SHOW  # the choice for a tree with no file yet
        self.verdicts = VerdictCache()
        self._shared: SharedChart | None = None
        self._shared_from: tuple[object, object] = (None, None)  # the window's (tree, chart) it was made of
        # an edit may make someone living or dead anywhere in the tree, a new file anyone
        workspace.events.changed.connect(self._forget_verdicts)
        workspace.events.tree.connect(self._forget_verdicts)
        self.load_settings()

    # -- remembered between sessions -------------------------------------------------------------
    def load_settings(self) -> None:
        settings = self.settings
        poster = settings.get(Keys.POSTER)
        columns, _, rows = poster.partition("x")
        if columns.isdigit() and rows.isdigit() and int(columns) * int(rows) > 1:
            self.options.poster = (min(int(columns), 50), min(int(rows), 50))
        self.options.auto_poster = poster == AUTO_POSTER
        min_text = settings.get(MIN_TEXT)
        self.options.min_text_pt = min_text if 1.0 <= min_text <= 72.0 else MIN_TEXT_PT
        self.options.person_sheet = settings.get(Keys.PERSON_SHEET)
        dpi = settings.get(Keys.EXPORT_DPI)
        self.dpi = dpi if 10 <= dpi <= 2400 else Keys.EXPORT_DPI.default
        self.transparent = settings.get(Keys.EXPORT_TRANSPARENT)
        self.last_export_path = settings.get(Keys.EXPORT_PATH)

    def save_settings(self) -> None:
        settings = self.settings
        poster = self.options.poster
        chosen = poster if self._suggested_for is None else None  # a suggestion is not a preference
        settings.set(Keys.POSTER, f"{chosen[0]}x{chosen[1]}" if chosen
                     else AUTO_POSTER if self.options.auto_poster else "")
        settings.set(MIN_TEXT, self.options.min_text_pt)
        settings.set(Keys.PERSON_SHEET, self.options.person_sheet)
        settings.set(Keys.EXPORT_DPI, self.dpi)
        settings.set(Keys.EXPORT_TRANSPARENT, self.transparent)
        settings.set(Keys.EXPORT_PATH, self.last_export_path)

    # -- the living -----------------------------------------------------------------------------------
    @property
    def living(self) -> Mode:
        """What the open file's prints and exports show of living people (remembered per file)."""
        path = self.workspace.path
        return self.settings.living(Keys.CHART_LIVING, path) if path else self._living_unsaved

    def set_living(self, mode: Mode) -> None:
        if self.workspace.path:
            self.settings.set_living(Keys.CHART_LIVING, self.workspace.path, mode)
        else:
            self._living_unsaved = mode

    def living_choice(self, parent: QWidget | None = None, labelled: bool = True) -> LivingChoice:
        """The choice as the dialogs show it, with how many of the file it concerns."""
        tree = self.workspace.tree
        counts = self.verdicts.counts(tree) if tree is not None else None
        return LivingChoice(self.living, counts, parent, labelled)

    def _forget_verdicts(self, _change: object) -> None:
        self.verdicts.forget()
        self._shared = None

    def shared_chart(self) -> SharedChart | None:
        """The window's chart with the living hidden as chosen; None (and a message) when no one is left.

        Hidden before the layout, as on the command line: a box reading "Living" is sized for
        that word, and a chart with the living left out closes up around them. Made again only
        when the chart, the tree or the choice changed.
        """
        ws = self.workspace
        tree, layout, mode = ws.tree, ws.layout, self.living
        assert tree is not None
        if mode is Mode.SHOW:
            return SharedChart(tree, layout, mode)
        shared = self._shared
        made_of = self._shared_from
        if shared is not None and shared.mode is mode and made_of[0] is tree and made_of[1] is layout:
            return shared
        redaction = redact(tree, mode, self.verdicts.verdicts(tree))
        kept = redaction.tree
        focus = layout.focus_id
        if focus not in kept.people:  # left out: the chart centres on the nearest relative kept
            focus = nearest_kept(tree, focus, kept)
        if not focus:
            self._error("Everyone in this chart is treated as living or marked private, so leaving them out "
                        "leaves no one to print. Choose another way to show living people.")
            return None
        s = ws.settings
        try:
            fan = s.fan if s.chart_type is ChartType.FAN else None
            # laid out as on screen: compact, with the branches folded there
            shared_layout = layout_chart(kept, s.chart_type, focus, s.generations_up, s.generations_down,
                                         ws.sizer, s.orientation, fan=fan, options=s.layout)
        except Exception as error:  # noqa: BLE001 - as on screen: odd data must not take the window down
            self._error(shorten(f"The chart could not be drawn with living people hidden: {error}",
                                2 * SHORT_TEXT))
            return None
        living = {pid for pid, v in self.verdicts.verdicts(tree).items() if v.living}
        # counted on the chart the user sees, the people of the file beyond it are no concern of the output
        shown = layout.person_ids if mode is Mode.OMIT else shared_layout.person_ids
        hidden = shown & (living | self.verdicts.restricted(tree))
        self._shared = SharedChart(kept, shared_layout, mode, len(hidden & living), len(hidden - living))
        self._shared_from = (tree, layout)
        return self._shared

    # -- the chart to print ------------------------------------------------------------------
    def make_job(self) -> ChartPrint | None:
        """The window's chart as it is now, in print colours, with the living hidden as chosen; None (and
        a message) with nothing to print."""
        tree, layout = self.workspace.tree, self.workspace.layout
        if tree is None or not layout.boxes:
            self._error("There is no chart to print: open a file and choose a person first.")
            return None
        if self._suggested_for is not None and self._suggested_for is not layout:
            # a poster suggested for another chart (a royal pedigree) would tile a small one over sheets
            self.options.poster = None
            self._suggested_for = None
        shared = self.shared_chart()
        if shared is None:
            return None
        self.options.file_name = Path(self.workspace.path or tree.path or "").name
        self.options.privacy_note = shared.note
        self.shared = shared
        self.options.portraits = self.portraits() if self.portraits is not None else None
        self.job = ChartPrint(shared.tree, shared.layout, self.options)
        if not self.orientation_chosen:
            self.printer.setPageLayout(best_orientation(self.job, self.printer.pageLayout()))
        return self.job

    def settle_pages(self, job: ChartPrint) -> None:
        """On one page with names too small to read: say so and offer the poster that keeps them legible
        (a poster chosen, of a grid or of as many sheets as legible names need: nothing to ask)."""
        if self.options.poster is not None or self.options.auto_poster:
            return
        job.paginate_for(self.printer)
        plan = job.plan
        if plan is None or plan.legible(self.options.min_text_pt):
            return
        paint = self.printer.pageLayout().paintRect(QPageLayout.Unit.Point)
        poster = job.poster_suggestion(paint.width(), paint.height())
        question = (f"On one page the names would be {plan.text_pt:.1f} pt tall, smaller than a "
                    f"readable {self.options.min_text_pt:g} pt.\n\nPrint a poster of "
                    f"{poster.columns} \u00d7 {poster.rows} sheets instead "
                    f"(names {poster.text_pt:.1f} pt, with an assembly page)?")
        if self.ask_poster(question):
            self.options.poster = (poster.columns, poster.rows)
            self._suggested_for = self.workspace.layout  # the window's chart, whatever the living show

    def ask_poster(self, question: str) -> bool:
        answer = QMessageBox.question(self.window, APP_NAME, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    # -- printing --------------------------------------------------------------------------------
    def print_chart(self) -> None:
        job = self.make_job()
        if job is None:
            return
        self.settle_pages(job)
        dialog = self.make_print_dialog(job)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if self.apply_page_options(dialog):
                job = self.make_job()  # the living shown otherwise: another chart
            if job is not None:
                self.print_with(dialog.printer(), job)

    def make_print_dialog(self, job: ChartPrint) -> QPrintDialog:
        pages = job.paginate_for(self.printer)
        dialog = QPrintDialog(self.printer, self.window)
        dialog.setWindowTitle("Print Chart")
        dialog.setMinMax(1, len(pages))
        dialog.setFromTo(1, len(pages))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        opts = self.options
        self._page_options = PageOptions(opts.poster, opts.person_sheet, None, opts.auto_poster,
                                         opts.min_text_pt)
        self._living_options = self.living_choice()
        box = self._living_options.layout()
        if isinstance(box, QVBoxLayout):
            box.addStretch(1)  # a tab of the dialog: the choice at its top
        dialog.setOptionTabs([self._page_options, self._living_options])
        return dialog

    def apply_page_options(self, dialog: QPrintDialog) -> bool:
        """Take the choices of the print dialog's Chart and Living people tabs; True when the living are
        to be shown otherwise than in the job the dialog was opened with."""
        options = self._page_options
        if options is not None:
            if options.chosen_poster() != self.options.poster or options.chosen_auto():
                self._suggested_for = None  # the user chose in the dialog: their choice, kept
            options.apply_to(self.options)
            self.save_settings()
        living = self._living_options
        if living is None or living.mode() is self.living:
            return False
        self.set_living(living.mode())
        return True

    def print_with(self, printer: QPrinter, job: ChartPrint | None = None) -> int:
        """Print the job on `printer` (the dialog's code path); honours the page range chosen there."""
        job = job or self.make_job()
        if job is None:
            return 0
        first, last = 1, 0
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            first, last = printer.fromPage() or 1, printer.toPage()
        printer.setDocName(job.title)
        progress = self._progress_dialog("Printing the chart…")
        try:
            pages = job.print_to(printer, first, last, progress=progress)
        except ExportError as e:
            self._error(f"The chart could not be printed: {e}")
            return 0
        finally:
            progress.close()
        if progress.cancelled:
            printer.abort()
            self._status("Printing cancelled")
            return pages
        self._status(self._with_note(f"Printed {pages} page{'s' if pages != 1 else ''} of {job.title}"))
        return pages

    def _progress_dialog(self, label: str) -> _PageProgress:
        return _PageProgress(label, self.window)

    def preview(self) -> None:
        job = self.make_job()
        if job is None:
            return
        self.settle_pages(job)
        self.make_preview_dialog(job).exec()

    def make_preview_dialog(self, job: ChartPrint) -> QPrintPreviewDialog:
        """The pages as they will print; "Living people" in its tool bar redraws them as chosen there."""
        dialog = QPrintPreviewDialog(self.printer, self.window)
        dialog.setWindowTitle(f"Print Preview \u2014 {job.title}")
        dialog.resize(self.window.size() * 0.85)  # Qt's own size shows a page the size of a stamp
        shown = [job]
        dialog.paintRequested.connect(lambda printer: self._paint_preview(printer, shown[0]))
        bar = dialog.findChild(QToolBar)
        if bar is not None:  # Qt's own preview dialog has one tool bar
            combo = living_combo(self.living, bar)
            combo.setObjectName("previewLiving")
            bar.addSeparator()
            bar.addWidget(QLabel(" Living people: ", bar))
            bar.addWidget(combo)

            def on_living_changed() -> None:
                self.set_living(combo.currentData())
                again = self.make_job()
                if again is not None:
                    shown[0] = again
                    dialog.setWindowTitle(f"Print Preview \u2014 {again.title}")
                    preview = dialog.findChild(QPrintPreviewWidget)
                    if preview is not None:
                        preview.updatePreview()

            combo.currentIndexChanged.connect(on_living_changed)
        return dialog

    def _paint_preview(self, printer: QPrinter, job: ChartPrint) -> None:
        try:
            job.print_to(printer)
        except ExportError as e:
            self._error(f"The preview could not be drawn: {e}")
            return
        self._status(self._with_note(f"Preview of {job.title}"))

    def page_setup(self) -> None:
        if QPageSetupDialog(self.printer, self.window).exec() == QDialog.DialogCode.Accepted:
            # the user has seen the paper: keep their choice from now on, even if unchanged
            self.orientation_chosen = True

    # -- export ------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.make_job() is None:
            return
        if not self.last_export_path:
            stem = Path(self.workspace.path or "chart").stem or "chart"
            self.last_export_path = str(Path.home() / f"{stem}-chart.pdf")
        dialog = ExportDialog(self, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            job = self.make_job()
            if job is not None and dialog.chosen_format() is ExportFormat.PDF:
                self.settle_pages(job)  # names too small on one page: offer the poster first
            self.export_to(dialog.path.text().strip())

    def export_to(self, path: str) -> bool:
        """Write the window's chart to `path` (format from its extension).

        On failure an error is shown and any existing file is left as it was.
        """
        job = self.make_job()
        if job is None:
            return False
        progress = self._progress_dialog("Exporting the chart…")
        try:
            fmt = format_for_path(path)
            if fmt is ExportFormat.PDF:
                try:
                    result = write_pdf(job, path, self.printer.pageLayout(), progress=progress)
                finally:
                    progress.close()
            elif fmt is ExportFormat.SVG:
                result = write_svg(job, path)
            else:
                result = write_png(job, path, self.dpi, self.transparent)
        except ExportError as e:
            if progress.cancelled:
                self._status("Export cancelled; any existing file is unchanged")
            else:
                self._error(f"The chart was not exported: {e}. Any existing file is unchanged.")
            return False
        self.last_export_path = path
        self.last_result = result
        self.save_settings()
        what = f"{result.pages} pages" if result.pages != 1 else "1 page"
        if fmt is not ExportFormat.PDF:
            what = f"{result.width}\u00d7{result.height}"
        self._status(self._with_note(f"Exported {Path(path).name} ({what})"))
        return True

    # -- messages ------------------------------------------------------------------------------------
    def _with_note(self, text: str) -> str:
        """`text`, and how many people the output hid: "Exported a.pdf (1 page); 1 living person hidden"."""
        note = self.shared.note if self.shared is not None else ""
        return f"{text}; {note}" if note else text

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _error(self, message: str) -> None:
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal; does not block the caller


class _PageProgress:
    """A progress dialog for long jobs (a poster of many sheets), shown only if the job takes a while."""

    def __init__(self, label: str, parent: QWidget | None) -> None:
        self.label = label
        self.parent = parent
        self.dialog: QProgressDialog | None = None
        self.cancelled = False

    def __call__(self, done: int, total: int) -> bool:
        if self.dialog is None and total > 2:
            self.dialog = QProgressDialog(self.label, "Cancel", 0, total, self.parent)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(400)
        if self.dialog is not None:
            self.dialog.setValue(done)  # processes events: the Cancel button works
            self.cancelled = self.dialog.wasCanceled()
        return not self.cancelled

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None


def _default_paper(printer: QPrinter) -> str:
    """Letter where the system's printer defaults to it, A4 elsewhere."""
    name = printer.pageLayout().pageSize().key().lower()
    return "Letter" if "letter" in name else "A4"

