"""The key to a chart's lines: the styles it draws and what each means, for the window and for paper."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from familytree.layout.chart import Branch, ChartLayout, Connector, ConnectorKind
from familytree.model.slotted import slotted
from familytree.render.branch_items import paint_handle
from familytree.render.items import ChartFonts, ConnectorItem
from familytree.render.palette import Palette

__all__ = ["LegendEntry", "LEGEND", "legend_for", "legend_size", "paint_legend", "sample_positions",
           "SAMPLE_WIDTH"]

SAMPLE_WIDTH = 30.0  # the length of a line drawn as an example
GAP = 6.0  # between a sample and its words
SPACING = 16.0  # between entries on one line


@slotted(frozen=True)
class LegendEntry:
    """One line style: drawn as the chart draws `kind` (None: the relationship path), and its meaning."""

    kind: ConnectorKind | None
    words: str
    handle: bool = False  # drawn as a folded branch's handle, not as a line


BIRTH = LegendEntry(ConnectorKind.DESCENT, "a couple, and their children by birth")
OTHER_PARENTS = LegendEntry(ConnectorKind.ADOPTED,
                            "an adopted, foster or step child (the word on the line says which)")
DUPLICATE = LegendEntry(ConnectorKind.DUPLICATE,
                        "a person shown twice: from the second box (folded corner) to the first")
PATH = LegendEntry(None, "the relationship path (Tools > Relationship, Show on Chart)")
FOLDED = LegendEntry(None, "a folded branch: more descendants or ancestors in the file, not shown here",
                     handle=True)
FOLDED_WINDOW = LegendEntry(None, "a folded branch: click it to show that person's descendants or "
                            "ancestors (a \u2212 folds them)", handle=True)
LEGEND = (BIRTH, OTHER_PARENTS, DUPLICATE, PATH, FOLDED_WINDOW)  # the window's legend: every style


def legend_for(layout: ChartLayout) -> list[LegendEntry]:
    """The key a printed chart needs: the dashed and dotted styles it draws, with the solid line
    to read them against, and the mark of a folded branch; nothing when it draws only solid lines."""
    folded = [FOLDED] if any(Branch.HIDDEN in (b.descendants, b.ancestors) for b in layout.boxes) else []
    kinds = {c.kind for c in layout.connectors}
    special = []
    if any(kind.dashed and kind is not ConnectorKind.DUPLICATE for kind in kinds):
        special.append(OTHER_PARENTS)
    if ConnectorKind.DUPLICATE in kinds:
        special.append(DUPLICATE)
    return ([BIRTH, *special] if special else []) + folded


def _sample(entry: LegendEntry, palette: Palette, fonts: ChartFonts) -> ConnectorItem | None:
    if entry.kind is None:
        return None
    line = Connector("", entry.kind, (((0.0, 0.0), (SAMPLE_WIDTH, 0.0)),))
    return ConnectorItem(line, fonts, palette)


def _entry_width(entry: LegendEntry, metrics: QFontMetricsF) -> float:
    return SAMPLE_WIDTH + GAP + metrics.horizontalAdvance(entry.words) + 2.0


def _rows(entries: list[LegendEntry], width: float, metrics: QFontMetricsF) -> list[list[LegendEntry]]:
    """The entries in lines no wider than `width` (each entry on its own when `width` is 0)."""
    rows: list[list[LegendEntry]] = []
    used = 0.0
    for entry in entries:
        need = _entry_width(entry, metrics)
        if rows and width > 0 and used + SPACING + need <= width:
            rows[-1].append(entry)
            used += SPACING + need
        else:
            rows.append([entry])
            used = need
    return rows


def legend_size(entries: list[LegendEntry], font: QFont, width: float = 0.0) -> tuple[float, float]:
    """(width, height) the entries take, on lines of at most `width` (0: one entry a line)."""
    metrics = QFontMetricsF(font)
    rows = _rows(entries, width, metrics)
    widest = max((sum(_entry_width(e, metrics) for e in row) + SPACING * (len(row) - 1) for row in rows),
                 default=0.0)
    return widest, len(rows) * metrics.height() * 1.5


def sample_positions(entries: list[LegendEntry], font: QFont, width: float = 0.0) -> list[QPointF]:
    """Where each entry's sample line starts (its left end, on its centre line), from the origin."""
    metrics = QFontMetricsF(font)
    line_height = metrics.height() * 1.5
    out = []
    for r, row in enumerate(_rows(entries, width, metrics)):
        x = 0.0
        for entry in row:
            out.append(QPointF(x, r * line_height + line_height / 2))
            x += _entry_width(entry, metrics) + SPACING
    return out


def paint_legend(painter: QPainter, origin: QPointF, entries: list[LegendEntry], palette: Palette,
                 font: QFont, width: float = 0.0) -> None:
    """Draw each entry as a short line in the chart's own pen, then its meaning, from `origin`."""
    metrics = QFontMetricsF(font)
    fonts = ChartFonts.from_font(font)
    line_height = metrics.height() * 1.5
    option = QStyleOptionGraphicsItem()
    painter.save()
    painter.setFont(font)
    for entry, at in zip(entries, sample_positions(entries, font, width), strict=True):
        start = origin + at
        item = _sample(entry, palette, fonts)
        painter.save()
        painter.translate(start)
        if entry.handle:
            paint_handle(painter, QPointF(SAMPLE_WIDTH / 2, 0.0), True, palette)
        elif item is not None:
            item.paint(painter, option, None)
        else:
            painter.setPen(palette.path_pen())
            painter.drawLine(QPointF(2.0, 0.0), QPointF(SAMPLE_WIDTH - 2.0, 0.0))
        painter.restore()
        painter.setPen(palette.text)
        text = QRectF(start.x() + SAMPLE_WIDTH + GAP, start.y() - line_height / 2,
                      metrics.horizontalAdvance(entry.words) + 2.0, line_height)
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.words)
    painter.restore()
