"""The handle on a box's edge that folds or unfolds a person's descendants or ancestors."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from familytree.layout.chart import Box, Branch, Orientation
from familytree.model import Person, Tree
from familytree.model.text import shorten
from familytree.render.items import is_printing
from familytree.render.palette import Palette
from familytree.render.text import tooltip

__all__ = ["BranchHandle", "HANDLE_RADIUS", "handle_words", "paint_handle"]

HANDLE_RADIUS = 7.0  # chart units: a target a mouse finds at 100 %, small beside a 58-unit box
_SIGN = 0.55  # the "+" and "-" strokes, as a part of the radius


def handle_words(tree: Tree, person: Person, descendants: bool, branch: Branch) -> str:
    """What a click on the handle does, in words: its tooltip and its accessible description."""
    name = shorten(person.display_name())
    if branch is Branch.SHOWN:
        return f"Fold {name}'s {'descendants' if descendants else 'ancestors'} (hide them)"
    if descendants:
        n = len(tree.children(person.id))
        kin = "child" if n == 1 else "children"
        return f"Unfold: show {name}'s {n} {kin} and their descendants"
    n = len(tree.parents(person.id))
    kin = "parent" if n == 1 else "parents"
    return f"Unfold: show {name}'s {kin} and their ancestors"


def paint_handle(painter: QPainter, centre: QPointF, folded: bool, palette: Palette) -> None:
    """The handle's circle at `centre`: filled with a "+" when folded (the eye finds what is hidden),
    hollow with a "-" when the branch is drawn."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(centre)
    r = HANDLE_RADIUS
    if folded:
        painter.setPen(QPen(palette.text, 1.0))
        painter.setBrush(QBrush(palette.text, Qt.BrushStyle.SolidPattern))
        sign = QPen(palette.background, 1.8)
    else:
        painter.setPen(QPen(palette.connector, 1.0))
        painter.setBrush(QBrush(palette.background, Qt.BrushStyle.SolidPattern))
        sign = QPen(palette.connector, 1.6)
    painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))
    sign.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(sign)
    s = r * _SIGN
    painter.drawLine(QPointF(-s, 0.0), QPointF(s, 0.0))
    if folded:
        painter.drawLine(QPointF(0.0, -s), QPointF(0.0, s))
    painter.restore()


class BranchHandle(QGraphicsItem):
    """A small circle on the edge of a box where its branch leaves it: "-" while the branch is drawn,
    "+" while it is folded. Descendants leave from the bottom (the right of a horizontal chart),
    ancestors from the top (the left).

    Printed, only a folded branch's "+" is drawn: on paper it says that the file has more there.
    """

    def __init__(self, box: Box, person: Person, tree: Tree, descendants: bool, orientation: Orientation,
                 palette: Palette) -> None:
        super().__init__()
        self.box = box
        self.person_id = person.id
        self.descendants = descendants
        self.branch = box.descendants if descendants else box.ancestors
        self._palette = palette
        vertical = orientation is Orientation.VERTICAL
        cx, cy = box.center
        if vertical:
            cy = box.bottom if descendants else box.y
        else:
            cx = box.right if descendants else box.x
        self.setPos(cx, cy)
        r = HANDLE_RADIUS
        self._rect = QRectF(-r, -r, 2 * r, 2 * r)
        self.setZValue(2.0)  # over the box's border and the line leaving it
        self.setToolTip(tooltip(handle_words(tree, person, descendants, self.branch)))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def folded(self) -> bool:
        return self.branch is Branch.HIDDEN

    def setChartPalette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1.0, -1.0, 1.0, 1.0)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        printing = is_printing(self)
        if printing and not self.folded:
            return  # on paper a drawn branch needs no handle
        if not printing and painter.worldTransform().m11() < 0.4:
            return  # too small to aim at: zoomed far out the boxes lose their words too
        paint_handle(painter, QPointF(0.0, 0.0), self.folded, self._palette)
