"""Page geometry for printed charts: fit to one page, poster tiling with safe overlaps, bands and marks.

Everything here is plain arithmetic in two unit systems: chart units (the layout's
coordinates) and page points (1/72 inch, measured from the top-left of the printable
area). The painter in `render.export` turns a PagePlan into drawing.
"""

from __future__ import annotations

import bisect
import enum
import math
from collections.abc import Callable, Sequence

from familytree.model.slotted import slotted

__all__ = [
    "Rect", "PageKind", "Sheet", "PagePlan", "PageBands", "plan_fit", "plan_poster", "choose_poster",
    "column_label", "sheet_label", "occupied_sheets", "sheets_needed", "DEFAULT_OVERLAP_PT", "MIN_TEXT_PT",
    "MAX_FIT_SCALE", "box_limit",
]

DEFAULT_OVERLAP_PT = 20.0  # about 7 mm: enough to glue sheets, little enough to waste no paper
MIN_TEXT_PT = 6.0  # below this names are hard to read on paper
MAX_FIT_SCALE = 2.0  # a tiny chart is enlarged, but not into a page of giant letters
_GRID_SLACK = 2  # how many times the best poster's printed sheets a grid's cells may be, to be tried
CHART_PAD = 6.0  # chart units kept around the drawing so border lines are never clipped


@slotted(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Rect, tolerance: float = 1e-6) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance and other.bottom <= self.bottom + tolerance)

    def intersects(self, other: Rect) -> bool:
        return (other.x < self.right and other.right > self.x
                and other.y < self.bottom and other.bottom > self.y)

    @classmethod
    def from_bounds(cls, left: float, top: float, right: float, bottom: float) -> Rect:
        return cls(left, top, right - left, bottom - top)


class PageKind(enum.Enum):
    CHART = "chart"  # the chart, or one tile of a poster
    ASSEMBLY = "assembly"  # the whole poster small, with the sheet grid over it
    PERSON_SHEET = "person sheet"  # a page of the focus person's details


@slotted(frozen=True)
class Sheet:
    """One chart page: which part of the chart it shows and where it may be trimmed."""

    kind: PageKind
    source: Rect  # chart units shown on this page (the whole chart area of the page)
    column: int = 0  # 0-based position in the poster
    row: int = 0
    trim: Rect | None = None  # chart units: where to cut this sheet when assembling a poster
    label: str = ""  # "B1": column letter, row number


@slotted(frozen=True)
class PageBands:
    """How a printable area is shared: header, footer, and the chart between them (points), with
    the key to the chart's lines above the footer when it has one."""

    width: float
    height: float
    header: float = 22.0
    footer: float = 18.0
    marks: float = 0.0  # room around the chart for crop marks (posters)
    legend: float = 0.0  # room for the key to the lines, 0 for a chart of solid lines only

    @property
    def chart_area(self) -> Rect:
        m = self.marks
        return Rect(m, self.header + m, max(1.0, self.width - 2 * m),
                    max(1.0, self.height - self.header - self.footer - self.legend - 2 * m))

    @property
    def legend_rect(self) -> Rect:
        return Rect(0.0, self.height - self.footer - self.legend, self.width, self.legend)

    @property
    def header_rect(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.header)

    @property
    def footer_rect(self) -> Rect:
        return Rect(0.0, self.height - self.footer, self.width, self.footer)


@slotted(frozen=True)
class PagePlan:
    """The chart pages of a print job, all drawn at one scale (points per chart unit)."""

    bands: PageBands
    scale: float
    columns: int
    rows: int
    sheets: tuple[Sheet, ...]
    chart: Rect  # the chart's extent in chart units
    text_pt: float  # the size names are printed at

    @property
    def is_poster(self) -> bool:
        return self.columns * self.rows > 1

    def chart_sheets(self) -> list[Sheet]:
        return [s for s in self.sheets if s.kind is PageKind.CHART]

    def legible(self, min_text_pt: float = MIN_TEXT_PT) -> bool:
        return self.text_pt + 1e-9 >= min_text_pt


def column_label(column: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet letters, so sheet names never run out."""
    out = ""
    n = column + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def sheet_label(column: int, row: int) -> str:
    return f"{column_label(column)}{row + 1}"


def _padded(chart: Rect) -> Rect:
    return Rect(chart.x - CHART_PAD, chart.y - CHART_PAD, chart.width + 2 * CHART_PAD,
                chart.height + 2 * CHART_PAD)


def plan_fit(chart: Rect, bands: PageBands, name_size: float, max_scale: float = MAX_FIT_SCALE) -> PagePlan:
    """The whole chart scaled to the chart area of one page, centred."""
    area = bands.chart_area
    padded = _padded(chart)
    scale = min(area.width / max(padded.width, 1e-6), area.height / max(padded.height, 1e-6), max_scale)
    w, h = area.width / scale, area.height / scale
    cx, cy = padded.x + padded.width / 2, padded.y + padded.height / 2
    source = Rect(cx - w / 2, cy - h / 2, w, h)
    sheet = Sheet(PageKind.CHART, source, 0, 0, None, "")
    return PagePlan(bands, scale, 1, 1, (sheet,), chart, name_size * scale)


def _tile_starts(lo: float, hi: float, spans: Sequence[tuple[float, float]], tile: float, count: int,
                 overlap: float) -> list[float] | None:
    """Starts of `count` tiles of length `tile` covering [lo, hi], each span wholly inside one tile.

    Tiles are laid from the left, the chart centred on the poster. Where a span (a box)
    would reach across an overlap strip, the next tile starts at that span instead, so the
    box is whole on the next sheet: nothing is ever cut between two pages. None when
    `count` tiles cannot do it at this size.
    """
    extent = hi - lo
    canvas = count * tile - (count - 1) * overlap
    if extent > canvas + 1e-9 or any(b - a > tile + 1e-9 for a, b in spans):
        return None
    ordered = sorted(spans, key=lambda s: s[1])
    for first in (lo - (canvas - extent) / 2, lo):
        starts = [first]
        for _ in range(1, count):
            end = starts[-1] + tile
            start = end - overlap
            for a, b in ordered:  # spans that cross this tile's end and start before the strip
                if b > end and a < start:
                    start = min(start, a)
            start = max(start, starts[-1] + 1e-6)  # a tile never starts before the previous one
            starts.append(start)
        if starts[-1] + tile >= hi - 1e-9 and _all_whole(starts, tile, spans):
            return starts
    return None


def _all_whole(starts: list[float], tile: float, spans: Sequence[tuple[float, float]]) -> bool:
    return all(any(s - 1e-6 <= a and b <= s + tile + 1e-6 for s in starts) for a, b in spans)


def plan_poster(chart: Rect, boxes: Sequence[Rect], bands: PageBands, columns: int, rows: int,
                name_size: float, overlap_pt: float = DEFAULT_OVERLAP_PT,
                max_scale: float = math.inf) -> PagePlan:
    """The chart tiled over columns x rows sheets at the largest scale that keeps every box whole
    on at least one sheet, with at least `overlap_pt` of overlap between neighbours."""
    if columns < 1 or rows < 1:
        raise ValueError("a poster needs at least one column and one row")
    area = bands.chart_area
    padded = _padded(chart)
    xs = [(b.x, b.right) for b in boxes]
    ys = [(b.y, b.bottom) for b in boxes]
    # the largest scale at which the poster's canvas holds the chart, before any box is considered
    scale = min(
        (columns * area.width - (columns - 1) * overlap_pt) / max(padded.width, 1e-6),
        (rows * area.height - (rows - 1) * overlap_pt) / max(padded.height, 1e-6),
        max_scale,
    )
    scale = max(scale, 1e-6)
    for _ in range(400):
        tw, th, ov = area.width / scale, area.height / scale, overlap_pt / scale
        cols_at = _tile_starts(padded.x, padded.right, xs, tw, columns, min(ov, tw / 2))
        rows_at = _tile_starts(padded.y, padded.bottom, ys, th, rows, min(ov, th / 2))
        if cols_at is not None and rows_at is not None:
            break
        scale *= 0.98  # a box reached across an overlap with no slack left: a little smaller, try again
    else:  # pragma: no cover - boxes larger than a page at any sane scale
        raise ValueError("the chart's boxes do not fit on the sheets")
    tw, th = area.width / scale, area.height / scale
    sheets: list[Sheet] = []
    for r, y in enumerate(rows_at):
        for c, x in enumerate(cols_at):
            trim = Rect.from_bounds(
                x if c == 0 else (x + cols_at[c - 1] + tw) / 2,
                y if r == 0 else (y + rows_at[r - 1] + th) / 2,
                x + tw if c == columns - 1 else (cols_at[c + 1] + x + tw) / 2,
                y + th if r == rows - 1 else (rows_at[r + 1] + y + th) / 2,
            )
            sheets.append(Sheet(PageKind.CHART, Rect(x, y, tw, th), c, r, trim, sheet_label(c, r)))
    return PagePlan(bands, scale, columns, rows, tuple(sheets), chart, name_size * scale)


def choose_poster(chart: Rect, boxes: Sequence[Rect], bands: PageBands, name_size: float,
                  min_text_pt: float = MIN_TEXT_PT, overlap_pt: float = DEFAULT_OVERLAP_PT,
                  max_sheets: int = 100, drawn: Sequence[Rect] | None = None,
                  printed: Callable[[PagePlan], set[str]] | None = None) -> PagePlan:
    """The poster with the fewest printed sheets whose names print at least `min_text_pt` tall.

    With `drawn` (what a sheet must show some of to be printed: boxes and labels), or
    `printed` (a plan's sheets that are printed), a sheet left out is not counted: a chart a
    hundred times wider than tall becomes a strip of sheets, an hourglass may leave a corner
    out. Among posters of as many sheets,
    one with no whole row or column left out wins, then larger text, then fewer cells. When even
    `max_sheets` is not enough, the largest poster tried is returned (check `legible`).
    """
    fit = plan_fit(chart, bands, name_size)
    if fit.legible(min_text_pt):
        return fit
    area = bands.chart_area
    padded = _padded(chart)
    # the scale that makes names legible, no higher than keeps the largest box on a sheet
    need = min(min_text_pt / name_size, box_limit(boxes, bands))
    min_text_pt = need * name_size

    def canvas_scale(columns: int, rows: int) -> float:
        return min((columns * area.width - (columns - 1) * overlap_pt) / max(padded.width, 1e-6),
                   (rows * area.height - (rows - 1) * overlap_pt) / max(padded.height, 1e-6))

    def merit(plan: PagePlan) -> tuple[int, bool, float, int]:
        """Fewest sheets printed; then no whole row or column left out (that is a smaller grid on
        more paper, whatever a hair's breadth of text it gains); then the largest text; then the
        fewest cells."""
        cells = plan.columns * plan.rows
        if printed is None and drawn is None:
            return (cells, False, -plan.text_pt, cells)
        used = printed(plan) if printed is not None else occupied_sheets(plan, drawn or [])
        kept = [s for s in plan.sheets if s.label in used]
        blank_line = (len({s.column for s in kept}) < plan.columns
                      or len({s.row for s in kept}) < plan.rows)
        return (len(used), blank_line, -plan.text_pt, cells)

    best: tuple[tuple[int, bool, float, int], PagePlan] | None = None
    candidates = sorted(
        ((c, r) for c in range(1, max_sheets + 1) for r in range(1, max_sheets // c + 1) if c * r > 1),
        key=lambda cr: (cr[0] * cr[1], abs(cr[0] - cr[1])),
    )
    # a grid of more cells prints fewer sheets only by leaving some out: up to twice as many are tried
    slack = _GRID_SLACK if drawn is not None or printed is not None else 1
    for columns, rows in candidates:
        if best is not None and columns * rows > slack * best[0][0]:
            break
        if canvas_scale(columns, rows) < need:  # a quick rejection before the exact tiling
            continue
        plan = plan_poster(chart, boxes, bands, columns, rows, name_size, overlap_pt)
        if not plan.legible(min_text_pt):
            continue
        key = merit(plan)
        if best is None or key < best[0]:
            best = (key, plan)
    if best is not None:
        return best[1]
    # nothing within the budget is legible: the grid that prints names largest, shaped like the chart
    columns, rows = max(candidates, key=lambda cr: (canvas_scale(*cr), -cr[0] * cr[1]))
    return plan_poster(chart, boxes, bands, columns, rows, name_size, overlap_pt)


def box_limit(boxes: Sequence[Rect], bands: PageBands) -> float:
    """Most points per chart unit at which the largest box still fits within 90 % of a sheet: no
    poster can print a box larger than a sheet whole."""
    if not boxes:
        return math.inf
    area = bands.chart_area
    return 0.9 * min(area.width / max(b.width for b in boxes), area.height / max(b.height for b in boxes))


def sheets_needed(chart: Rect, bands: PageBands, name_size: float, min_text_pt: float = MIN_TEXT_PT,
                  overlap_pt: float = DEFAULT_OVERLAP_PT) -> tuple[int, int]:
    """Roughly how many columns and rows a legible poster takes (before boxes are kept whole)."""
    area = bands.chart_area
    padded = _padded(chart)
    scale = min_text_pt / name_size
    columns = max(1, math.ceil((padded.width * scale - overlap_pt) / max(1.0, area.width - overlap_pt)))
    rows = max(1, math.ceil((padded.height * scale - overlap_pt) / max(1.0, area.height - overlap_pt)))
    return columns, rows


def occupied_sheets(plan: PagePlan, rects: Sequence[Rect]) -> set[str]:
    """Labels of the poster sheets whose trimmed part shows something of `rects`."""
    sheets = plan.chart_sheets()
    if not sheets or any(s.trim is None for s in sheets):
        return {s.label for s in sheets}
    by_pos = {(s.column, s.row): s for s in sheets}
    # trims tile the poster without overlap: column and row edges are shared by all sheets
    xs = [by_pos[(c, 0)].trim.right for c in range(plan.columns - 1)]  # type: ignore[union-attr]
    ys = [by_pos[(0, r)].trim.bottom for r in range(plan.rows - 1)]  # type: ignore[union-attr]
    out: set[str] = set()
    for r in rects:
        c0, c1 = bisect.bisect_right(xs, r.x), bisect.bisect_left(xs, r.right)
        r0, r1 = bisect.bisect_right(ys, r.y), bisect.bisect_left(ys, r.bottom)
        for c in range(c0, c1 + 1):
            for row in range(r0, r1 + 1):
                out.add(sheet_label(c, row))
    return out
