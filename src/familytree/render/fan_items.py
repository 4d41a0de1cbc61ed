"""A fan chart's items: a person's ring segment, coloured by side or generation, with its text as text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from familytree.layout.chart import Box
from familytree.layout.fan import FanChart, FanColours, FanLine, FanSegment, FanSide
from familytree.model import Person
from familytree.render.items import ChartFonts, PersonItem, person_description
from familytree.render.palette import Palette
from familytree.render.text import tooltip

__all__ = ["FanSegmentItem", "sector_path", "fan_fill"]

BAND = 3.0  # the sex-coloured band along a segment's inner edge, as the band on a box's left
TEXT_LOD = 3.0  # below this many pixels tall on screen a line is not drawn (far zoomed out)

# Fills by side: (even generations, odd generations), so that neighbouring rings stay apart.
_SIDES = {
    "light": {FanSide.FOCUS: ("#ece9e2", "#ece9e2"), FanSide.PATERNAL: ("#d3eadc", "#bfe0cc"),
              FanSide.MATERNAL: ("#f8e4cc", "#f2d5b1")},
    "print": {FanSide.FOCUS: ("#f0f0ee", "#f0f0ee"), FanSide.PATERNAL: ("#e2f2e8", "#d2eadb"),
              FanSide.MATERNAL: ("#fcefdf", "#f8e3ca")},
    "dark": {FanSide.FOCUS: ("#3a3a3d", "#3a3a3d"), FanSide.PATERNAL: ("#1f4033", "#27503f"),
             FanSide.MATERNAL: ("#4d3520", "#5c4128")},
}
# Fills by generation: a hue per ring, the focus' first.
_GENERATIONS = {
    "light": ("#ece9e2", "#dbe7f6", "#d3eadc", "#f8e4cc", "#f3d9e4", "#e4def5", "#d7eef0", "#eef0cf",
              "#f5dcd3", "#dfe6ea", "#e8e1d2"),
    "print": ("#f0f0ee", "#e8f0fa", "#e2f2e8", "#fcefdf", "#f9e8ef", "#efebfa", "#e4f4f6", "#f5f6e0",
              "#fae9e3", "#ebf0f2", "#f1ece3"),
    "dark": ("#3a3a3d", "#22364f", "#1f4033", "#4d3520", "#4a2535", "#352b4e", "#1d4247", "#3f4220",
             "#4d2e25", "#2f3a40", "#403828"),
}


def _kind(palette: Palette) -> str:
    if palette.name == "high-contrast":
        return "high-contrast"
    if palette.name == "print":
        return "print"
    return "dark" if palette.is_dark else "light"


def fan_fill(palette: Palette, segment: FanSegment, colours: FanColours) -> QColor:
    """A segment's fill: light tints that dark text reads on (dark tints on a dark screen); high
    contrast fills with the background, the text and borders take its strong colours."""
    kind = _kind(palette)
    if kind == "high-contrast":
        return QColor(palette.background)
    if colours is FanColours.GENERATION:
        hues = _GENERATIONS[kind]
        return QColor(hues[segment.generation % len(hues)])
    return QColor(_SIDES[kind][segment.side][segment.generation % 2])


def sector_path(segment: FanSegment, inner: float | None = None, outer: float | None = None) -> QPainterPath:
    """The segment's outline (its disc for the focus); `inner`/`outer` give a band of it instead."""
    r_in = segment.inner if inner is None else inner
    r_out = segment.outer if outer is None else outer
    path = QPainterPath()
    span = segment.end - segment.start
    if span >= 360.0 - 1e-9:
        path.addEllipse(QPointF(0.0, 0.0), r_out, r_out)
        if r_in > 0:
            path.addEllipse(QPointF(0.0, 0.0), r_in, r_in)
        return path
    # Qt's arcs run counter-clockwise from 3 o'clock; ours clockwise from 12 o'clock
    outer_rect = QRectF(-r_out, -r_out, 2 * r_out, 2 * r_out)
    inner_rect = QRectF(-r_in, -r_in, 2 * r_in, 2 * r_in)
    if r_in > 0:
        path.arcMoveTo(inner_rect, 90.0 - segment.start)
    else:
        path.moveTo(0.0, 0.0)
    path.arcTo(outer_rect, 90.0 - segment.start, -span)
    if r_in > 0:
        path.arcTo(inner_rect, 90.0 - segment.end, span)
    path.closeSubpath()
    return path


class FanSegmentItem(PersonItem):
    """A person's segment of a fan: selectable, a tooltip with the full name and years, text drawn
    as text (turned to read upright) so PDF and SVG keep it."""

    def __init__(self, segment: FanSegment, fan: FanChart, box: Box, person: Person, fonts: ChartFonts,
                 palette: Palette) -> None:
        QGraphicsItem.__init__(self)  # not a box: nothing of PersonItem's box text to measure
        self.box = box
        self.person = person
        self.person_id = person.id
        self.segment = segment
        self._fan = fan
        self._fonts = fonts
        self._palette = palette
        self._path = sector_path(segment)
        self._band = sector_path(segment, segment.inner, segment.inner + BAND) if segment.generation else None
        self._rect = self._path.boundingRect()
        self._bounds = self._rect.adjusted(-5.0, -5.0, 5.0, 5.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(False)
        self.setToolTip(tooltip(self.description()))
        self.setZValue(1.0)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def description(self) -> str:
        text = person_description(self.person, self.box)
        if self.segment.generation:
            side = "father's" if self.segment.side is FanSide.PATERNAL else "mother's"
            text += f" — generation {self.segment.generation}, {side} side"
        return text

    # -- QGraphicsItem --------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pal = self._palette
        seg = self.segment
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        printing = bool(getattr(self.scene(), "rendering", False))
        painter.setPen(QPen(pal.border, pal.border_width))
        painter.setBrush(QBrush(fan_fill(pal, seg, self._fan.colours)))
        painter.drawPath(self._path)
        if self._band is not None:
            painter.fillPath(self._band, pal.accent(self.person.sex))
        if self.is_duplicate:
            # hatched, with a dashed edge in the duplicates' colour: "this person is also elsewhere"
            hatch = QColor(pal.duplicate)
            hatch.setAlpha(110)
            painter.fillPath(self._path, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pal.duplicate, 1.5, Qt.PenStyle.DashLine))
            painter.drawPath(self._path)
        if self.box.is_focus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pal.focus, 3.0))
            painter.drawPath(self._path)
        if self.isSelected() and not printing:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(pal.selection, 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(self._path)
        label = seg.label
        if label is None:
            return
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        for line in label.lines:
            if printing or line.size * scale >= TEXT_LOD:
                self._paint_line(painter, line, label.rotation)

    def _paint_line(self, painter: QPainter, line: FanLine, rotation: float) -> None:
        pal = self._palette
        fonts = self._fonts
        font: QFont = fonts.name if line.bold else fonts.detail
        metrics: QFontMetricsF = fonts.name_metrics if line.bold else fonts.detail_metrics
        k = line.size / font.pixelSize()
        # another font than the layout measured (paper, another screen) never runs out of the segment
        real = metrics.horizontalAdvance(line.text) * k
        if real > line.width:
            k *= line.width / real
        painter.save()
        painter.translate(line.x, line.y)
        painter.rotate(rotation)
        painter.scale(k, k)
        painter.setFont(font)
        painter.setPen(pal.text if line.bold else pal.secondary_text)
        w, h = line.width / k, line.height / k
        painter.drawText(QRectF(-w / 2, -h / 2, w, h),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, line.text)
        painter.restore()
