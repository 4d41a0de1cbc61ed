"""View > Legend: a strip under the chart saying what each of its line styles means, in its colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from familytree.render.legend import LEGEND, legend_size, paint_legend
from familytree.render.scene import ChartScene

if TYPE_CHECKING:
    from familytree.ui.main_window import MainWindow

__all__ = ["LegendView", "show_legend"]

MARGIN = 8.0


class LegendView(QWidget):
    """A strip under the chart: every line style, drawn as the chart now draws it (light, dark or
    high contrast), with its meaning; the entries wrap to the width of the window."""

    def __init__(self, scene: ChartScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.setObjectName("legend")
        self.setAccessibleName("Legend of the chart's lines")
        self.setAccessibleDescription("; ".join(entry.words for entry in LEGEND))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(legend_size(list(LEGEND), self.font(), width - 2 * MARGIN)[1] + 2 * MARGIN) + 1

    def sizeHint(self) -> QSize:
        width = max(self.width(), 400)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.scene.chart_palette  # read at each paint: it follows High Contrast and the system
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), palette.background)
        painter.setPen(palette.border)
        painter.drawLine(0, 0, self.width(), 0)  # apart from the chart above it
        paint_legend(painter, QPointF(MARGIN, MARGIN), list(LEGEND), palette, self.font(),
                     self.width() - 2 * MARGIN)
        painter.end()


def show_legend(window: MainWindow, on: bool) -> LegendView | None:
    """Show or hide the legend under the chart (built when first shown)."""
    view = window.chart.findChild(LegendView)
    if view is None:
        if not on:
            return None
        view = LegendView(window.scene, window.chart)
        chart_layout = window.chart.layout()
        assert chart_layout is not None
        chart_layout.addWidget(view)
    view.setVisible(on)
    return view
