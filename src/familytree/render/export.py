"""Charts on paper and in files: one paginator for printers, print preview and PDF; SVG and PNG images.

Every output draws the same ChartScene (print colours) with `scene.render`, so what is
printed is what the screen shows. Files are written atomically: drawn into a temporary
file beside the target, then moved over it, so a failure never leaves a partial file.
"""

from __future__ import annotations

import datetime
import enum
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from familytree.gedcom.atomic import replaced
from familytree.layout.chart import ChartLayout
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten
from familytree.privacy import LIVING_NAME, PRIVATE_NAME
from familytree.render.fonts import print_font
from familytree.render.items import CHART_NAME, chart_name
from familytree.render.legend import legend_for, legend_size, paint_legend
from familytree.render.pages import (
    DEFAULT_OVERLAP_PT,
    MIN_TEXT_PT,
    PageBands,
    PageKind,
    PagePlan,
    Rect,
    Sheet,
    box_limit,
    choose_poster,
    occupied_sheets,
    plan_fit,
    plan_poster,
    sheets_needed,
)
from familytree.render.palette import Palette
from familytree.render.person_sheet import PersonSheet
from familytree.render.portraits import Portraits
from familytree.render.scene import ChartScene

__all__ = [
    "ExportError", "ExportFormat", "PrintOptions", "ChartPrint", "PrintedPage", "ExportResult", "PAPER_SIZES",
    "page_layout", "export_chart", "write_pdf", "write_svg", "write_png", "chart_title", "format_for_path",
    "image_size", "MAX_IMAGE_PIXELS", "best_orientation", "best_print",
]

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
    "A1": QPageSize.PageSizeId.A1,
    "A0": QPageSize.PageSizeId.A0,
    "Legal": QPageSize.PageSizeId.Legal,
    "Tabloid": QPageSize.PageSizeId.Tabloid,
}
DEFAULT_MARGIN_PT = 28.0  # about 10 mm, inside what every desktop printer can reach
IMAGE_MARGIN = 12.0  # chart units of white (or clear) space around an exported image
MAX_IMAGE_PIXELS = 120_000_000  # 4 bytes each while drawing: about half a gigabyte at most
MAX_IMAGE_SIDE = 32_767  # QImage and most viewers stop here
POSTER_MARKS_PT = 12.0  # the band around a poster sheet's chart where the crop marks go

HEADER_PX = 11
FOOTER_PX = 8
LEGEND_PX = 8
LEGEND_GAP = 4.0  # points between the chart and the key under it
INK = QColor("#000000")
GREY = QColor("#666666")


# progress(pages done, pages in all) -> go on?
Progress = Callable[[int, int], bool]


class ExportError(Exception):
    """A chart could not be written: the message is one line naming the file and the reason."""


class ExportFormat(enum.Enum):
    PDF = "pdf"
    SVG = "svg"
    PNG = "png"


def format_for_path(path: str | os.PathLike[str]) -> ExportFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        raise ExportError(f"{os.fspath(path)}: unknown format {suffix!r}; "
                          "use a name ending .pdf, .svg or .png") from None


_HIDDEN_FOCUS = {LIVING_NAME: "a living person", PRIVATE_NAME: "a person marked private"}


def chart_title(tree: Tree, layout: ChartLayout) -> str:
    """ "Hourglass chart of Sergei Sedov" (a long name cut as on the chart: the title goes into the
    PDF's or SVG's metadata, page headers and messages)."""
    person = tree.people.get(layout.focus_id)
    name = chart_name(person) if person is not None else shorten(layout.focus_id, CHART_NAME)
    # a person hidden by --living (or named so by another program's privacy export) is a kind of person
    name = _HIDDEN_FOCUS.get(name, name)
    return f"{layout.chart.title} of {name}" if name else layout.chart.title


def page_layout(paper: str = "A4", landscape: bool = False,
                margin_pt: float = DEFAULT_MARGIN_PT) -> QPageLayout:
    if paper not in PAPER_SIZES:
        raise ExportError(f"unknown paper {paper!r}; choose one of {', '.join(PAPER_SIZES)}")
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(PAPER_SIZES[paper]), orientation,
                       QMarginsF(margin_pt, margin_pt, margin_pt, margin_pt), QPageLayout.Unit.Point)


@slotted
class PrintOptions:
    """How a chart is put on paper."""

    poster: tuple[int, int] | None = None  # (columns, rows); None prints on one page, or auto_poster
    # The poster choice Auto (with poster None): one page if names are legible on it, else the
    # grid that prints them at least min_text_pt tall on the fewest sheets.
    auto_poster: bool = False
    person_sheet: bool = False  # the focus person's details after the chart
    # Poster sheets with nothing of the chart on them are left out (the assembly page shows the
    # gap); False prints every cell of the grid, for measuring only.
    skip_blank_sheets: bool = True
    min_text_pt: float = MIN_TEXT_PT
    overlap_pt: float = DEFAULT_OVERLAP_PT
    file_name: str = ""  # shown in the footer
    privacy_note: str = ""  # what the output hid ("3 living people left out"), in the footer
    printed_on: datetime.date | None = None  # defaults to today
    portraits: Portraits | None = None  # drawn in boxes laid out with room for them, and on the person sheet


@slotted(frozen=True)
class PrintedPage:
    """One page of a job: a chart sheet, the assembly guide, or a page of the person sheet."""

    kind: PageKind
    sheet: Sheet | None = None
    sheet_page: int = 0  # page index within the person sheet


@slotted
class ExportResult:
    path: str
    format: ExportFormat
    pages: int = 1
    width: int = 0  # pixels for PNG, points for SVG
    height: int = 0
    warnings: list[str] = field(default_factory=list)


class ChartPrint:
    """A chart made into pages for a given paper: the one paginator behind printing, preview and PDF."""

    def __init__(self, tree: Tree, layout: ChartLayout, options: PrintOptions | None = None,
                 font: QFont | None = None) -> None:
        self.tree = tree
        self.layout = layout
        self.options = options if options is not None else PrintOptions()
        self.title = chart_title(tree, layout)
        self._font = print_font(font)
        self.scene = ChartScene(tree, layout, palette=Palette.print_(), font=self._font,
                                portraits=self.options.portraits)
        # This scene is only ever drawn on paper and into files: no item caches at all, set once
        # (ChartScene.render switches them off and on around every call, which over a hundred
        # poster pages of a 5,000-box chart cost most of the time).
        for item in self.scene.items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.chart = self._chart_rect()
        self.boxes = self._obstacles()
        self.name_size = float(self.scene.fonts.name.pixelSize())
        if layout.fan is not None:  # a fan sets names smaller ring by ring: the smallest is what reads
            self.name_size = layout.fan.smallest_name
        # the key to the dashed and dotted lines, printed only when this chart draws some
        self.legend = legend_for(layout)
        self._legend_font = QFont(self._font)
        self._legend_font.setPixelSize(LEGEND_PX)
        self.warnings: list[str] = []
        self.plan: PagePlan | None = None
        self.pages: list[PrintedPage] = []
        self.blank_sheets: set[str] = set()  # labels of poster sheets left out: no box, no label
        # the poster that would print names legibly, when the pages planned print them smaller
        self.offer: PagePlan | None = None
        self._segment_bounds: list[Rect] | None = None
        self._sheet: PersonSheet | None = None

    # -- geometry ------------------------------------------------------------------
    def render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw `source` (chart units) of the chart into `target`: the scene's own drawing, as on screen."""
        self.scene.rendering = True  # every label, no selection outline
        try:
            QGraphicsScene.render(self.scene, painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        finally:
            self.scene.rendering = False

    def _chart_rect(self) -> Rect:
        rect = QRectF(*_bounds_rect(self.layout))
        for item in self.scene.connector_items:  # labels reach past the lines
            rect = rect.united(item.sceneBoundingRect().adjusted(2, 2, -2, -2))
        return Rect(rect.x(), rect.y(), rect.width(), rect.height())

    def _obstacles(self) -> list[Rect]:
        """What must never be cut between sheets: every box, and every connector label (a fan's
        segments reach across the chart: their text)."""
        out = [Rect(b.x, b.y, b.width, b.height) for b in self.layout.boxes] if self.layout.fan is None \
            else [Rect(*r) for r in self.layout.fan.label_rects()]
        fm = QFontMetricsF(self.scene.fonts.label)
        for c in self.layout.connectors:
            if not c.label:
                continue
            if c.label_at is not None:
                x, y = c.label_at
            elif c.segments:
                (x1, y1), (x2, y2) = c.segments[len(c.segments) // 2]
                x, y = (x1 + x2) / 2, (y1 + y2) / 2
            else:
                continue
            # as wide as the item draws it, with room to spare
            w, h = fm.horizontalAdvance(c.label) * 1.1 + 8.0, fm.height() + 4.0
            out.append(Rect(x - w / 2, y - h / 2, w, h))
        return out

    def poster_suggestion(self, width_pt: float, height_pt: float) -> PagePlan:
        """The poster with the fewest printed sheets that prints names at least `options.min_text_pt`
        tall (sheets that hold no box and no label are not printed, so not counted)."""
        bands = PageBands(width_pt, height_pt, marks=POSTER_MARKS_PT)
        return choose_poster(self.chart, self.boxes, bands, self.name_size, self.options.min_text_pt,
                             self.options.overlap_pt, printed=self.sheets_with_content)

    def _too_small(self, plan: PagePlan, chosen: bool) -> str:
        """Why a poster (`chosen` here, or the user's grid) prints names below `options.min_text_pt`,
        and what would help."""
        opts = self.options
        said = f"names are printed {plan.text_pt:.1f} pt tall, below a legible {opts.min_text_pt:g} pt"
        largest = box_limit(self.boxes, plan.bands) * self.name_size
        if largest < opts.min_text_pt:  # no grid can do it: the largest box would outgrow a sheet
            return (f"{said}: at {opts.min_text_pt:g} pt the largest box would not fit on one sheet; "
                    "use larger paper")
        columns, rows = sheets_needed(self.chart, plan.bands, self.name_size, opts.min_text_pt,
                                      opts.overlap_pt)
        if chosen:
            return (f"{said}: it would take about {columns}x{rows} sheets, more than a poster is given "
                    "(100); use larger paper or fewer generations")
        return f"{said}: that takes about {columns}x{rows} sheets, or larger paper, or fewer generations"

    def _bands(self, width_pt: float, height_pt: float) -> PageBands:
        """A page of one whole chart (fit, or a poster's assembly page): room for the key if it has one."""
        legend = legend_size(self.legend, self._legend_font, width_pt)[1] + LEGEND_GAP if self.legend else 0.0
        return PageBands(width_pt, height_pt, legend=legend)

    def paginate(self, width_pt: float, height_pt: float) -> list[PrintedPage]:
        """Plan the pages for a printable area of this size (points); sets `plan` and `warnings`."""
        opts = self.options
        self.warnings = []
        self.offer = None
        poster_bands = PageBands(width_pt, height_pt, marks=POSTER_MARKS_PT)
        if opts.poster is not None and opts.poster != (1, 1):
            columns, rows = opts.poster
            plan = plan_poster(self.chart, self.boxes, poster_bands, columns, rows, self.name_size,
                               opts.overlap_pt)
        else:
            plan = plan_fit(self.chart, self._bands(width_pt, height_pt), self.name_size)
            if not plan.legible(opts.min_text_pt):
                # (a poster of one sheet: legible only without the key under the chart, kept on one page)
                poster = self.poster_suggestion(width_pt, height_pt)
                if poster.is_poster and opts.auto_poster:
                    self.warnings.append(
                        f"on one page names would be {plan.text_pt:.1f} pt, below {opts.min_text_pt:g} pt: "
                        f"printing a poster of {poster.columns}x{poster.rows} sheets instead")
                    plan = poster
                elif poster.is_poster:
                    self.offer = poster
                    self.warnings.append(
                        f"names are printed {plan.text_pt:.1f} pt tall, below a legible "
                        f"{opts.min_text_pt:g} pt; a poster of {poster.columns}x{poster.rows} sheets "
                        f"would print them at {poster.text_pt:.1f} pt")
        if plan.is_poster and not plan.legible(opts.min_text_pt):
            chosen = opts.poster is None and opts.auto_poster
            self.warnings.append(self._too_small(plan, chosen))
            if not chosen:
                suggestion = self.poster_suggestion(width_pt, height_pt)
                self.offer = suggestion if suggestion.text_pt > plan.text_pt else None
        pages: list[PrintedPage] = []
        if plan.is_poster:
            pages.append(PrintedPage(PageKind.ASSEMBLY))
        self.blank_sheets = set()
        if plan.is_poster:
            used = self.sheets_with_content(plan)
            self.blank_sheets = {s.label for s in plan.sheets if s.label not in used}
        if opts.skip_blank_sheets and len(self.blank_sheets) < len(plan.sheets):
            pages.extend(PrintedPage(PageKind.CHART, s) for s in plan.sheets
                         if s.label not in self.blank_sheets)
        else:
            self.blank_sheets = set()
            pages.extend(PrintedPage(PageKind.CHART, s) for s in plan.sheets)
        self._sheet = None
        if opts.person_sheet and self.layout.focus_id in self.tree.people:
            area = PageBands(width_pt, height_pt).chart_area
            self._sheet = PersonSheet(self.tree, self.layout.focus_id, area.width, area.height, self._font,
                                      opts.portraits)
            pages.extend(PrintedPage(PageKind.PERSON_SHEET, None, i) for i in range(self._sheet.page_count))
        self.plan = plan
        self.pages = pages
        return pages

    def sheets_with_content(self, plan: PagePlan) -> set[str]:
        """Labels of `plan`'s sheets whose own part (within the trim, the overlap not counted) holds
        some of a box or a label: the sheets worth printing. A connector line alone, or the edge of
        what the next sheet shows, is not (the assembly page shows the gap)."""
        used = occupied_sheets(plan, self.boxes)  # boxes and labels (a fan's: its labels)
        fan = self.layout.fan
        if fan is None or not plan.is_poster:
            return used
        # a fan's segments are its boxes: a sheet with only a segment's colour on it is printed too,
        # reckoned by the ring's shape, not by its bounds (a quarter ring's corner holds none of it)
        if self._segment_bounds is None:
            self._segment_bounds = [Rect.from_bounds(*s.bounds()) for s in fan.segments]
        maybe = occupied_sheets(plan, self._segment_bounds) - used
        for sheet in plan.chart_sheets():
            trim = sheet.trim
            if sheet.label not in maybe or trim is None:
                continue
            if any(b.intersects(trim) and s.meets(trim.x, trim.y, trim.right, trim.bottom)
                   for s, b in zip(fan.segments, self._segment_bounds, strict=True)):
                used.add(sheet.label)
        return used

    def printed_sheets(self, plan: PagePlan) -> int:
        """How many of `plan`'s chart sheets are printed: those holding a box or a label, unless
        `options.skip_blank_sheets` is off."""
        if not plan.is_poster or not self.options.skip_blank_sheets:
            return len(plan.chart_sheets())
        return len(self.sheets_with_content(plan))

    def paginate_for(self, device: QPagedPaintDevice) -> list[PrintedPage]:
        paint = device.pageLayout().paintRect(QPageLayout.Unit.Point)
        return self.paginate(paint.width(), paint.height())

    # -- drawing ---------------------------------------------------------------------
    def print_to(self, device: QPagedPaintDevice, first_page: int = 1, last_page: int = 0,
                 progress: Progress | None = None) -> int:
        """Draw pages first_page..last_page (1-based, 0 = to the end) on a printer or PDF writer.

        `progress(done, total)` is called before each page; when it returns False printing stops.
        Returns the number of pages drawn. Raises ExportError when the device cannot be drawn on.
        """
        pages = self.paginate_for(device)
        paint = device.pageLayout().paintRect(QPageLayout.Unit.Point)
        last = len(pages) if last_page <= 0 else min(last_page, len(pages))
        first = max(1, first_page)
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError("the printer or file could not be opened for drawing")
        drawn = 0
        try:
            # page coordinates are points from the printable area's top-left, whatever the resolution
            dpi = device.logicalDpiX()
            for number in range(first, last + 1):
                if progress is not None and not progress(number - first, last - first + 1):
                    break  # the user cancelled
                if drawn and not device.newPage():
                    raise ExportError("the printer refused a new page")
                painter.resetTransform()
                painter.scale(dpi / 72.0, dpi / 72.0)
                self.paint_page(painter, number - 1, paint.width(), paint.height())
                drawn += 1
        finally:
            painter.end()
        return drawn

    def paint_page(self, painter: QPainter, index: int, width_pt: float, height_pt: float) -> None:
        """Draw page `index` (0-based) of the last pagination; the painter works in points."""
        assert self.plan is not None, "paginate() first"
        page = self.pages[index]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        title = ""  # the chart's
        if page.kind is PageKind.CHART and page.sheet is not None:
            bands = self.plan.bands
            self._paint_sheet(painter, page.sheet, bands)
            self._paint_legend(painter, bands)
            label = ""
            if self.plan.is_poster:
                s = page.sheet
                label = (f"Sheet {s.label} \u2014 column {s.column + 1} of {self.plan.columns}, "
                         f"row {s.row + 1} of {self.plan.rows}")
        elif page.kind is PageKind.ASSEMBLY:
            bands = self._bands(width_pt, height_pt)
            self._paint_assembly(painter, bands)
            self._paint_legend(painter, bands)
            label = f"Assembly guide: {self.plan.columns} \u00d7 {self.plan.rows} sheets"
        else:
            bands = PageBands(width_pt, height_pt)
            area = bands.chart_area
            assert self._sheet is not None
            self._sheet.paint_page(painter, page.sheet_page, QRectF(area.x, area.y, area.width, area.height))
            person = self.tree.people.get(self.layout.focus_id)
            # headed as what it is, not as the chart it follows
            title = f"Person sheet: {chart_name(person)}" if person is not None else "Person sheet"
            label = ""
        self._paint_header_footer(painter, bands, label, index + 1, len(self.pages), title)
        painter.restore()

    def _paint_sheet(self, painter: QPainter, sheet: Sheet, bands: PageBands) -> None:
        assert self.plan is not None
        area = bands.chart_area
        target = QRectF(area.x, area.y, area.width, area.height)
        source = QRectF(sheet.source.x, sheet.source.y, sheet.source.width, sheet.source.height)
        painter.save()
        painter.setClipRect(target)
        self.render(painter, target, source)
        painter.restore()
        if sheet.trim is not None and self.plan.is_poster:
            self._paint_crop_marks(painter, sheet, area)

    def _paint_legend(self, painter: QPainter, bands: PageBands) -> None:
        """The key to the chart's lines, under the chart (pages planned without one have no room)."""
        if not self.legend or bands.legend <= 0:
            return
        rect = bands.legend_rect
        paint_legend(painter, QPointF(rect.x, rect.y + LEGEND_GAP), self.legend, self.scene.chart_palette,
                     self._legend_font, rect.width)

    def _paint_crop_marks(self, painter: QPainter, sheet: Sheet, area: Rect) -> None:
        """Ticks in the band around the chart where the sheet is cut when the poster is assembled."""
        assert self.plan is not None
        assert sheet.trim is not None
        s = self.plan.scale
        x0 = area.x + (sheet.trim.x - sheet.source.x) * s
        x1 = area.x + (sheet.trim.right - sheet.source.x) * s
        y0 = area.y + (sheet.trim.y - sheet.source.y) * s
        y1 = area.y + (sheet.trim.bottom - sheet.source.y) * s
        band = POSTER_MARKS_PT - 2.0
        painter.save()
        painter.setPen(QPen(INK, 0.5))
        for x in (x0, x1):
            painter.drawLine(QPointF(x, area.y - 1.0), QPointF(x, area.y - 1.0 - band))
            painter.drawLine(QPointF(x, area.bottom + 1.0), QPointF(x, area.bottom + 1.0 + band))
        for y in (y0, y1):
            painter.drawLine(QPointF(area.x - 1.0, y), QPointF(area.x - 1.0 - band, y))
            painter.drawLine(QPointF(area.right + 1.0, y), QPointF(area.right + 1.0 + band, y))
        painter.restore()

    def _paint_assembly(self, painter: QPainter, bands: PageBands) -> None:
        """The whole poster small, with each sheet's trimmed part outlined and named."""
        assert self.plan is not None
        sheets = self.plan.chart_sheets()
        canvas = QRectF()
        for s in sheets:
            canvas = canvas.united(QRectF(s.source.x, s.source.y, s.source.width, s.source.height))
        area = bands.chart_area
        note_height = 26.0 if self.blank_sheets else 0.0  # room below the poster to name the left-out sheets
        area = Rect(area.x, area.y, area.width, area.height - note_height)
        scale = min(area.width / canvas.width(), area.height / canvas.height())
        w, h = canvas.width() * scale, canvas.height() * scale
        target = QRectF(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
        painter.save()
        painter.setClipRect(target.adjusted(-1, -1, 1, 1))
        self.render(painter, target, canvas)
        painter.restore()

        def to_page(r: Rect) -> QRectF:
            return QRectF(target.x() + (r.x - canvas.x()) * scale, target.y() + (r.y - canvas.y()) * scale,
                          r.width * scale, r.height * scale)

        painter.save()
        font = QFont(self._font)
        cell_size = min(target.width() / self.plan.columns, target.height() / self.plan.rows)
        font.setPixelSize(max(8, int(cell_size / 4)))
        font.setBold(True)
        painter.setFont(font)
        for s in sheets:
            cell = to_page(s.trim if s.trim is not None else s.source)
            painter.setPen(QPen(QColor(200, 30, 30), 0.8, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell)
            blank = s.label in self.blank_sheets
            painter.setPen(QColor(150, 150, 150, 110) if blank else QColor(200, 30, 30, 110))
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, s.label)
        if self.blank_sheets:
            small = QFont(self._font)
            small.setPixelSize(FOOTER_PX)
            painter.setFont(small)
            painter.setPen(INK)
            names = ", ".join(sorted(self.blank_sheets, key=_sheet_order))
            note = (f"Not printed, no one on them: {names}. Leave their places empty when assembling "
                    "(a line may cross the gap).")
            below = QRectF(area.x, target.bottom() + 4, area.width, note_height - 4)
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, note)
        painter.restore()

    def _paint_header_footer(self, painter: QPainter, bands: PageBands, label: str, number: int,
                             total: int, title: str = "") -> None:
        opts = self.options
        head, foot = bands.header_rect, bands.footer_rect
        title_font = QFont(self._font)
        title_font.setPixelSize(HEADER_PX)
        title_font.setBold(True)
        small = QFont(self._font)
        small.setPixelSize(FOOTER_PX)
        painter.save()
        painter.setPen(INK)
        painter.setFont(title_font)
        title_rect = QRectF(head.x, head.y, head.width, head.height - 6)
        fm = QFontMetricsF(title_font)
        label_width = QFontMetricsF(small).horizontalAdvance(label) + 12 if label else 0.0
        title = fm.elidedText(title or self.title, Qt.TextElideMode.ElideRight,
                              max(20.0, head.width - label_width))
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(small)
        if label:
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(QPen(GREY, 0.5))
        painter.drawLine(QPointF(head.x, head.bottom - 3), QPointF(head.right, head.bottom - 3))
        painter.drawLine(QPointF(foot.x, foot.y + 4), QPointF(foot.right, foot.y + 4))
        painter.setPen(INK)
        foot_rect = QRectF(foot.x, foot.y + 6, foot.width, foot.height - 6)
        when = opts.printed_on or datetime.date.today()
        sfm = QFontMetricsF(small)
        page_text = f"Page {number} of {total}"
        printed = f"Printed {when.isoformat()}"
        if opts.privacy_note:  # what the output hid, on every page: "3 living people left out"
            printed += f" \u00b7 {opts.privacy_note}"
        # the middle of the footer may take all but the page number's room on either side (the file's
        # name on the left gives way first)
        printed = sfm.elidedText(printed, Qt.TextElideMode.ElideRight,
                                 foot.width - 2 * (sfm.horizontalAdvance(page_text) + 16))
        side = (foot.width - sfm.horizontalAdvance(printed)) / 2 - 12
        name = sfm.elidedText(opts.file_name, Qt.TextElideMode.ElideMiddle, max(20.0, side))
        painter.drawText(foot_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.drawText(foot_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, printed)
        painter.drawText(foot_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page_text)
        painter.restore()


def _sheet_order(label: str) -> tuple[int, str]:
    """ "B10" after "B9": by row number, then column letters."""
    letters = label.rstrip("0123456789")
    return (int(label[len(letters):] or 0), letters)


def _bounds_rect(layout: ChartLayout) -> tuple[float, float, float, float]:
    left, top, right, bottom = layout.bounds()
    return (left, top, right - left, bottom - top)


# -- files ----------------------------------------------------------------------------------


def _check_target(path: str | os.PathLike[str]) -> None:
    """Say before drawing anything why `path` cannot be written, if it cannot."""
    target = Path(os.fspath(path))
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder, not a file name")
    if not parent.exists():
        raise ExportError(f"{target}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"{target}: {parent} is not a folder")


@contextmanager
def _exported(path: str | os.PathLike[str],
              clean: Callable[[bytes], bytes] | None = None) -> Iterator[QBuffer]:
    """A buffer to draw into; its bytes replace `path` atomically only if the block succeeds.

    Qt's PDF, SVG and image writers do not report a failed write (a full disk gave a
    truncated PDF and "wrote ..."), so they draw into memory and Python writes the file
    (gedcom.atomic: fsynced, renamed into place, nothing partial left on failure).
    """
    _check_target(path)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    yield buffer
    buffer.close()
    data = bytes(buffer.data().data())
    if clean is not None:
        data = clean(data)
    try:
        with replaced(path) as f:
            f.write(data)
    except OSError as e:
        raise ExportError(f"{os.fspath(path)}: cannot write: {e.strerror or e}") from None


def write_pdf(job: ChartPrint, path: str | os.PathLike[str], layout: QPageLayout | None = None,
              title: str = "", progress: Progress | None = None) -> ExportResult:
    """The job's pages as a vector PDF with real text; cancelled through `progress`, nothing is written."""
    with _exported(path) as device:
        writer = QPdfWriter(device)
        writer.setPageLayout(layout if layout is not None else page_layout())
        writer.setTitle(title or job.title)
        writer.setCreator("familytree")
        try:
            pages = job.print_to(writer, progress=progress)
        except ExportError as e:
            raise ExportError(f"{os.fspath(path)}: {e}") from None
        del writer  # finishes the PDF before the file is checked and moved
        if pages < len(job.pages):
            raise ExportError(f"{os.fspath(path)}: cancelled; nothing was written")
    return ExportResult(os.fspath(path), ExportFormat.PDF, pages, warnings=list(job.warnings))


def _image_geometry(job: ChartPrint) -> QRectF:
    c = job.chart
    m = IMAGE_MARGIN
    return QRectF(c.x - m, c.y - m, c.width + 2 * m, c.height + 2 * m)


def image_size(job: ChartPrint, dpi: float) -> QSize:
    """The pixel size of a PNG of the chart at `dpi` (chart units are points)."""
    source = _image_geometry(job)
    return QSize(max(1, math.ceil(source.width() * dpi / 72.0)),
                 max(1, math.ceil(source.height() * dpi / 72.0)))


def write_svg(job: ChartPrint, path: str | os.PathLike[str]) -> ExportResult:
    """The whole chart as one SVG image, 1 chart unit = 1 pt, with a viewBox and text as <text>."""
    source = _image_geometry(job)
    width, height = math.ceil(source.width()), math.ceil(source.height())
    with _exported(path, _xml_safe) as device:
        generator = QSvgGenerator()
        generator.setOutputDevice(device)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setResolution(72)
        generator.setTitle(job.title)
        generator.setDescription(f"{job.title}, drawn by familytree")
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"{os.fspath(path)}: cannot write the SVG")
        try:
            job.render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()
        del generator
    return ExportResult(os.fspath(path), ExportFormat.SVG, 1, width, height, list(job.warnings))


# Characters XML 1.0 forbids even escaped; a GEDCOM name may hold them, QSvgGenerator writes them as is.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    cleaned = _NOT_XML.sub("\ufffd", text)
    return data if cleaned == text else cleaned.encode("utf-8")


def write_png(job: ChartPrint, path: str | os.PathLike[str], dpi: float = 150.0,
              transparent: bool = False) -> ExportResult:
    """The whole chart as a PNG at `dpi`, on white or on a transparent background."""
    size = image_size(job, dpi)
    if size.width() > MAX_IMAGE_SIDE or size.height() > MAX_IMAGE_SIDE or \
            size.width() * size.height() > MAX_IMAGE_PIXELS:
        source = _image_geometry(job)
        fit = min(MAX_IMAGE_SIDE * 72.0 / source.width(), MAX_IMAGE_SIDE * 72.0 / source.height(),
                  math.sqrt(MAX_IMAGE_PIXELS / (source.width() * source.height())) * 72.0)
        raise ExportError(f"{os.fspath(path)}: at {dpi:g} dpi the image would be {size.width()}\u00d7"
                          f"{size.height()} pixels; use {max(1, math.floor(fit))} dpi or less, "
                          "or a PDF or SVG")
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"{os.fspath(path)}: not enough memory for a "
                          f"{size.width()}\u00d7{size.height()} image")
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    source = _image_geometry(job)
    background = job.scene.backgroundBrush()
    if transparent:
        job.scene.setBackgroundBrush(QBrush(Qt.BrushStyle.NoBrush))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        job.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    finally:
        painter.end()
        job.scene.setBackgroundBrush(background)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    with _exported(path) as device:
        if not image.save(device, "PNG"):  # type: ignore[call-overload]
            raise ExportError(f"{os.fspath(path)}: the PNG could not be written")
    return ExportResult(os.fspath(path), ExportFormat.PNG, 1, size.width(), size.height(), list(job.warnings))


def best_orientation(job: ChartPrint, paper: QPageLayout | str = "A4") -> QPageLayout:
    """`paper` (a layout, or a paper name) turned portrait or landscape, whichever prints this chart better.

    Better means: legible names on fewer sheets, then larger names (a wide chart on one
    page gets landscape; a tall pedigree portrait). Paper size and margins are kept.
    """
    return best_print([job], paper)[1]


def best_print(jobs: Sequence[ChartPrint], paper: QPageLayout | str = "A4",
               turn: bool = True) -> tuple[ChartPrint, QPageLayout]:
    """Of `jobs` (one chart laid out in each orientation) on `paper` turned both ways, or as it is
    when `turn` is False, the one that prints best: legible names on the fewest printed sheets,
    then the largest names. On a tie the first job and portrait paper win."""
    def merit(job: ChartPrint, layout: QPageLayout) -> tuple[bool, int, float]:
        paint = layout.paintRect(QPageLayout.Unit.Point)
        pages = job.paginate(paint.width(), paint.height())
        assert job.plan is not None
        sheets = sum(1 for p in pages if p.kind is PageKind.CHART)
        return (job.plan.legible(job.options.min_text_pt), -sheets, job.plan.text_pt)

    if not jobs:
        raise ValueError("best_print needs a job")
    base = page_layout(paper) if isinstance(paper, str) else paper
    papers = [base]
    if turn:
        portrait, landscape = QPageLayout(base), QPageLayout(base)
        portrait.setOrientation(QPageLayout.Orientation.Portrait)
        landscape.setOrientation(QPageLayout.Orientation.Landscape)
        papers = [portrait, landscape]
    best: tuple[tuple[bool, int, float], ChartPrint, QPageLayout] | None = None
    for job in jobs:
        for layout in papers:
            m = merit(job, layout)
            if best is None or m > best[0]:
                best = (m, job, layout)
    assert best is not None
    return best[1], best[2]


def export_chart(job: ChartPrint, path: str | os.PathLike[str], layout: QPageLayout | None = None,
                 dpi: float = 150.0, transparent: bool = False) -> ExportResult:
    """Write the job in the format OUT's extension names."""
    fmt = format_for_path(path)
    if fmt is ExportFormat.PDF:
        return write_pdf(job, path, layout)
    if fmt is ExportFormat.SVG:
        return write_svg(job, path)
    return write_png(job, path, dpi, transparent)
