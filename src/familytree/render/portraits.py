"""Portraits in chart boxes: the primary photo of each person, made off the GUI thread or for print.

On screen a box asks for its portrait when it is painted, so only the boxes in view ask, the
latest first; until the thumbnail is made the box shows an empty frame, then `Portraits.ready`
names the person and the scene repaints that box alone. On paper and in files the portrait is
decoded at once (the print job waits for nothing), at about 300 dpi of the size printed.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from familytree.model import Tree
from familytree.render.palette import Palette

if TYPE_CHECKING:  # (loaded when a file has photos: the chart of a file without draws none)
    from PySide6.QtGui import QImage

    from familytree.media import MediaCatalog, Photo
    from familytree.render.thumbnails import ThumbnailRequest, Thumbnails

__all__ = ["PORTRAIT_SIDE", "PORTRAIT_MARGIN", "PORTRAIT_ROOM", "PRINT_DPI", "Portraits", "file_portraits",
           "has_portraits", "paint_portrait", "print_pixels"]

# Chart units: a box of a file with photos is this much wider, and at least this tall plus margins
PORTRAIT_SIDE = 46.0
PORTRAIT_MARGIN = 6.0  # above and below the portrait in the smallest box
PORTRAIT_INSET = 4.0  # from the box's sex band to the portrait
PORTRAIT_ROOM = PORTRAIT_INSET + PORTRAIT_SIDE  # the width a box gains
SCREEN_PIXELS = 96  # a portrait stays sharp up to 200 % zoom (or 100 % on a HiDPI screen)
PRINT_DPI = 300.0
MAX_PRINT_PIXELS = 512
PRINTED_BYTES = 64 << 20  # portraits decoded for a print job kept at once (a poster repeats a sheet's edge)


def has_portraits(catalog: MediaCatalog) -> bool:
    """Whether any person of the file has a photo that can be their portrait (found and shown)."""
    from familytree.media import Owner, Photo

    for link in catalog.links:
        if link.owner is Owner.PERSON and not link.via and link.primary is not False:
            for f in link.files:
                if Photo(f, catalog.location(f), link).shown:
                    return True
    return False


def file_portraits(tree: Tree, path: str | None = None) -> Portraits | None:
    """The portraits of a file for print and export (decoded as drawn); None when it has none."""
    from familytree.media import media_catalog

    catalog = media_catalog(tree, path)
    return Portraits(catalog) if has_portraits(catalog) else None


class Portraits(QObject):
    """The portraits of one file's people, for the boxes of its charts.

    `image(person_id)` answers from the thumbnails' memory or asks `thumbnails` to make it
    (then `ready(person_id)`); `print_image` decodes at once at the size asked for. Use from
    the GUI thread (print_image from any one thread at a time).
    """

    ready = Signal(str)  # the person id whose portrait was made

    def __init__(self, catalog: MediaCatalog, thumbnails: Thumbnails | None = None,
                 pixels: int = SCREEN_PIXELS, cache_folder: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        from familytree.render.thumbnails import default_cache_folder

        self.catalog = catalog
        self.thumbnails = thumbnails
        self.pixels = pixels
        self.cache_folder = (thumbnails.cache_folder if thumbnails is not None else default_cache_folder()) \
            if cache_folder is None else cache_folder
        self._photos: dict[str, Photo | None] = {}
        self._waiting: dict[str, set[str]] = {}  # thumbnail key -> the people whose boxes wait for it
        self._printed: OrderedDict[tuple[str, int], QImage | None] = OrderedDict()
        self._printed_bytes = 0
        self._derived: tuple[Tree, Portraits] | None = None
        if thumbnails is not None:
            thumbnails.ready.connect(self._on_ready)
            thumbnails.failed.connect(self._on_failed)

    def photo(self, person_id: str) -> Photo | None:
        """The person's portrait photo (see MediaCatalog.primary_photo), looked up once."""
        try:
            return self._photos[person_id]
        except KeyError:
            photo = self._photos[person_id] = self.catalog.primary_photo(person_id)
            return photo

    def request(self, person_id: str, pixels: int) -> ThumbnailRequest | None:
        from familytree.render.thumbnails import ThumbnailRequest

        photo = self.photo(person_id)
        if photo is None:
            return None
        return ThumbnailRequest.of(photo.location, pixels, photo.crop, square=True)

    def image(self, person_id: str) -> QImage | None:
        """The portrait for the screen if made; else None, and it is made (then `ready`)."""
        if self.thumbnails is None:
            return None
        request = self.request(person_id, self.pixels)
        if request is None:
            return None
        image = self.thumbnails.thumbnail(request)
        if image is None and not self.thumbnails.reason(request):
            self._waiting.setdefault(request.key, set()).add(person_id)
        return image

    def reason(self, person_id: str) -> str:
        """Why the person's portrait cannot be shown ("" when it is, or is being made, or there is none)."""
        request = self.request(person_id, self.pixels)
        return self.thumbnails.reason(request) if request is not None and self.thumbnails else ""

    def print_image(self, person_id: str, pixels: int) -> QImage | None:
        """The portrait `pixels` square, decoded now (read from the disk cache when made before)."""
        key = (person_id, pixels)
        if key in self._printed:
            self._printed.move_to_end(key)
            return self._printed[key]
        request = self.request(person_id, pixels)
        image = None
        if request is not None:
            from familytree.render.thumbnails import decode_thumbnail

            image, _reason, _cached = decode_thumbnail(request, self.cache_folder)
        self._printed[key] = image
        self._printed_bytes += image.sizeInBytes() if image is not None else 0
        while self._printed_bytes > PRINTED_BYTES and len(self._printed) > 1:
            _, dropped = self._printed.popitem(last=False)
            self._printed_bytes -= dropped.sizeInBytes() if dropped is not None else 0
        return image

    def for_tree(self, tree: Tree) -> Portraits:
        """These portraits as `tree` links them: itself for its own tree; for another (the file as
        printed with the living hidden) only the photos that tree still links, found where these were."""
        if tree is self.catalog.tree:
            return self
        if self._derived is None or self._derived[0] is not tree:
            from familytree.media import MediaCatalog
            from familytree.media.links import collect

            files, links, _problems = collect(tree)
            catalog = MediaCatalog(tree, self.catalog.locator, files, links, [])
            self._derived = (tree, Portraits(catalog, None, self.pixels, self.cache_folder, self))
        return self._derived[1]

    def forget_queued(self) -> None:
        """The chart moved on: the portraits asked for and not yet started are not made."""
        if self.thumbnails is not None:
            self.thumbnails.forget_queued()
        self._waiting.clear()  # (the boxes of the new chart ask again when they are painted)

    def close(self) -> None:
        """Stop hearing the thumbnails (they may serve the next file's portraits)."""
        if self.thumbnails is not None:
            self.thumbnails.ready.disconnect(self._on_ready)
            self.thumbnails.failed.disconnect(self._on_failed)
            self.thumbnails = None
        self._waiting.clear()

    def _on_ready(self, key: str, _image: QImage) -> None:
        for person_id in sorted(self._waiting.pop(key, ())):
            self.ready.emit(person_id)

    def _on_failed(self, key: str, _reason: str) -> None:
        self._waiting.pop(key, None)  # the box keeps its empty frame


def print_pixels(painter: QPainter, side: float) -> int:
    """Pixels across a portrait `side` chart units wide drawn by `painter`: the device's own on an
    image, about PRINT_DPI on paper, PDF and SVG; in steps, so that pages share decodings."""
    scale = abs(painter.worldTransform().m11())
    pixels = side * scale
    device = painter.device()
    from PySide6.QtGui import QImage, QPixmap  # (start-up: their classes are made when a portrait is)

    if not isinstance(device, QImage | QPixmap) and device is not None:
        pixels *= PRINT_DPI / max(1, device.logicalDpiX())
    step = 32
    return max(step, min(MAX_PRINT_PIXELS, math.ceil(pixels / step) * step))


def paint_portrait(painter: QPainter, rect: QRectF, image: QImage | None, palette: Palette,
                   waiting: bool = False) -> None:
    """The portrait in `rect`, whole and centred; with no image an empty frame with a silhouette
    (none while the photo is `waiting` to be made: the face takes its place in a moment)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    frame = QPen(palette.border, 0.8)
    if image is not None and not image.isNull():
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        scale = min(rect.width() / image.width(), rect.height() / image.height())
        w, h = image.width() * scale, image.height() * scale
        target = QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)
        painter.drawImage(target, image)
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
        painter.restore()
        return
    tint = QColor(palette.border)
    tint.setAlphaF(0.12)
    painter.setPen(frame)
    painter.setBrush(tint)
    painter.drawRect(rect)
    if not waiting:
        figure = QColor(palette.border)
        figure.setAlphaF(0.45)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(figure)
        painter.setClipRect(rect)
        painter.drawPath(_silhouette(rect))
    painter.restore()


def _silhouette(rect: QRectF) -> QPainterPath:
    """A head and shoulders: the usual sign of a person with no photo."""
    side = min(rect.width(), rect.height())
    c = rect.center()
    path = QPainterPath()
    path.addEllipse(QPointF(c.x(), c.y() - side * 0.12), side * 0.18, side * 0.2)
    path.addEllipse(QPointF(c.x(), c.y() + side * 0.48), side * 0.36, side * 0.3)
    return path
