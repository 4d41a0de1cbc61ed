"""A change of look on what is already drawn: high contrast's framed style, and panels' colours recoloured."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QListWidget,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

__all__ = ["FramedStyle", "recolour_panels"]


class FramedStyle(QProxyStyle):
    """The application's style, with white frames round fields and panels.

    Fusion draws a frame a shade darker than the window: on black, fields and panels had none.
    """

    FRAMES = (QStyle.PrimitiveElement.PE_Frame, QStyle.PrimitiveElement.PE_FrameLineEdit,
              QStyle.PrimitiveElement.PE_PanelLineEdit, QStyle.PrimitiveElement.PE_FrameDockWidget)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self.FRAMES:
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def recolour_panels(root: QWidget, colours: dict[int, QColor]) -> None:
    """Give the text, tree and list panels under `root` the new colour of each old one they show
    (`colours`: rgba of an old colour -> its new colour; see appearance.recolour)."""
    for editor in root.findChildren(QTextEdit):
        _recolour_document(editor, colours)
    for tree in root.findChildren(QTreeWidget):
        _recolour_tree(tree, colours)
    for items in root.findChildren(QListWidget):
        _recolour_list(items, colours)


def _recolour_brush(brush: QBrush, colours: dict[int, QColor]) -> QBrush | None:
    if brush.style() == QBrush().style():  # no brush: the item follows the palette by itself
        return None
    colour = colours.get(brush.color().rgba())
    return QBrush(colour) if colour is not None else None


def _recolour_document(editor: QTextEdit, colours: dict[int, QColor]) -> None:
    document = editor.document()
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            brush = _recolour_brush(fragment.charFormat().foreground(), colours)
            if brush is not None:
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                change = QTextCharFormat()
                change.setForeground(brush)
                cursor.mergeCharFormat(change)
            it += 1
        block = block.next()


def _recolour_list(widget: QListWidget, colours: dict[int, QColor]) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        brush = _recolour_brush(item.foreground(), colours)
        if brush is not None:
            item.setForeground(brush)


def _recolour_tree(widget: QTreeWidget, colours: dict[int, QColor]) -> None:
    it = QTreeWidgetItemIterator(widget)
    while it.value() is not None:
        item = it.value()
        for column in range(widget.columnCount()):
            brush = _recolour_brush(item.foreground(column), colours)
            if brush is not None:
                item.setForeground(column, brush)
        it += 1
