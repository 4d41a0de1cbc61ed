"""A window showing one photo large, with zoom and the person's other photos one key away.

The photo is decoded off the GUI thread, through the same reader as thumbnails: its size is
read from the header first and a photo whose decoding would pass the shared budget (and Qt's
allocation limit) is refused with its size said, never decoded. A photo larger than
VIEW_PIXELS on its longer side is shown at that size (JPEG decoded straight at it). Titles
and file names from the GEDCOM are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRectF, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familytree.media import Found, Photo
from familytree.model.slotted import slotted
from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.thumbnails import DecodeBudget, ThumbnailRequest, decode_thumbnail

__all__ = ["PhotoViewer", "ShownPhoto", "VIEW_PIXELS", "unshown_reason"]

VIEW_PIXELS = 6144  # the longer side shown at most: beyond any screen, within the decoding budget
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25

# One budget for every viewer: two windows open do not take twice the memory
_BUDGET = DecodeBudget()


@slotted(frozen=True)
class ShownPhoto:
    """A photo as the viewer lists it: the photo, and the words under it (plain text)."""

    photo: Photo
    title: str
    detail: str = ""  # its date, what it is of ("Birth", "from <a source>"), its file
    date: str = ""


_NOT_FOUND = {
    Found.MISSING: "was not found",
    Found.AMBIGUOUS: "was not found where written, and several files have its name",
    Found.REMOTE: "is on the web: familytree does not fetch it",
    Found.REFUSED: "is in the archive but not read",
    Found.NOT_A_FILE: "is not a file",
}


def unshown_reason(photo: Photo) -> str:
    """Why a photo is not shown ("" when it can be): not found, on the web, not an image."""
    location = photo.location
    link = for_display(photo.file.link.strip(), SHORT_TEXT) or "(no file named)"
    if not location.found:
        why = _NOT_FOUND.get(location.kind, location.kind.value)
        note = f" ({for_display(location.note, SHORT_TEXT)})" if location.note else ""
        return f"The file {link} {why}{note}."
    if not photo.shown:
        return f"The file {link} is not an image familytree shows."
    return ""


class PhotoViewer(QDialog):
    """Photos one at a time: Left/Right (or Page Up/Down) for the previous and next, + and - to zoom,
    0 for actual size, F to fit, Escape to close; the wheel with Ctrl zooms, a drag moves the photo."""

    shown = Signal(int)  # the index of the photo now shown, once decoded (or refused)

    def __init__(self, photos: Sequence[ShownPhoto], index: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.resize(900, 700)
        self.photos = list(photos)
        self.index = -1
        self.image: QImage | None = None
        self.message = ""  # why the photo is not shown, "" when it is
        self.fit = True
        self.zoom = 1.0
        self._asked = 0  # the latest decoding asked for: an earlier one that ends later is dropped
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.decoded.connect(self._on_decoded)

        self.title = QLabel(self)
        self.title.setObjectName("photoTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title from the file is text, never markup
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("photoDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.scene = QGraphicsScene(self)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.pixmap_item)
        self.view = _PhotoView(self.scene, self)
        self.view.wheelZoom.connect(lambda steps: self.zoom_by(ZOOM_STEP ** steps))
        self.notice = QLabel(self)
        self.notice.setObjectName("photoNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.hide()
        self.previous_button = QPushButton("\u25c0 &Previous", self)
        self.next_button = QPushButton("&Next \u25b6", self)
        self.position = QLabel(self)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        zoom_out = QPushButton("Zoom &Out", self)
        zoom_in = QPushButton("Zoom &In", self)
        fit = QPushButton("&Fit", self)
        actual = QPushButton("&Actual Size", self)
        for button in (self.previous_button, self.next_button, zoom_out, zoom_in, fit, actual):
            button.setAutoDefault(False)
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        zoom_out.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        zoom_in.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        fit.clicked.connect(self.fit_to_window)
        actual.clicked.connect(lambda: self.set_zoom(1.0))
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.position, 1)
        for button in (zoom_out, zoom_in, fit, actual):
            bar.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.detail)
        column.addWidget(self.view, 1)
        column.addWidget(self.notice, 1)
        column.addLayout(bar)
        keys: list[tuple[tuple[str | QKeySequence.StandardKey, ...], Callable[[], object]]] = [
            (("Right", "PgDown"), self.show_next),
            (("Left", "PgUp"), self.show_previous),
            (("Home",), lambda: self.show_photo(0)),
            (("End",), lambda: self.show_photo(len(self.photos) - 1)),
            (("+", "=", QKeySequence.StandardKey.ZoomIn), lambda: self.zoom_by(ZOOM_STEP)),
            (("-", QKeySequence.StandardKey.ZoomOut), lambda: self.zoom_by(1 / ZOOM_STEP)),
            (("0", "Ctrl+0"), lambda: self.set_zoom(1.0)),
            (("F", "Ctrl+1"), self.fit_to_window),
        ]
        for sequences, run in keys:
            for key in sequences:
                QShortcut(QKeySequence(key), self, run)
        self.show_photo(index)

    # -- which photo ---------------------------------------------------------------------------
    def show_photo(self, index: int) -> None:
        """Show photo `index` (its decoding starts; `shown` when it is on screen)."""
        if not self.photos:
            return
        index = max(0, min(len(self.photos) - 1, index))
        self.index = index
        item = self.photos[index]
        self.title.setText(for_display(item.title, 2 * SHORT_TEXT) or "(no title)")
        self.detail.setText(for_display(item.detail, 2 * SHORT_TEXT))
        self.detail.setVisible(bool(item.detail))
        self.setWindowTitle(for_display(item.title, SHORT_TEXT) or "Photo")
        self.position.setText(f"{index + 1} of {len(self.photos)}")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.photos) - 1)
        self.image = None
        self.pixmap_item.setPixmap(QPixmap())
        reason = unshown_reason(item.photo)
        if reason:
            self._say(reason)
            self.shown.emit(index)
            return
        self._say("Opening…")
        self._asked += 1
        asked, relay = self._asked, self._relay
        request = ThumbnailRequest.of(item.photo.location, VIEW_PIXELS)

        def decode() -> None:
            try:
                image, why, _cached = decode_thumbnail(request, "", _BUDGET)
            except Exception as error:  # noqa: BLE001 - a photo that breaks a decoder is said, not raised
                image, why = None, f"{type(error).__name__}: {error}"
            relay.decoded.emit(asked, index, image, why)

        self._pool.start(decode)

    def show_next(self) -> None:
        if self.index < len(self.photos) - 1:
            self.show_photo(self.index + 1)

    def show_previous(self) -> None:
        if self.index > 0:
            self.show_photo(self.index - 1)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the decoding under way (tests)."""
        return self._pool.waitForDone(msecs)

    def _on_decoded(self, asked: int, index: int, image: QImage | None, why: str) -> None:
        if asked != self._asked:
            return  # the user went on to another photo
        if image is None or image.isNull():
            why = for_display(why, 2 * SHORT_TEXT) or "it could not be read"
            self._say(f"This photo cannot be shown: {why}.")
        else:
            self.image = image
            self.message = ""
            self.pixmap_item.setPixmap(QPixmap.fromImage(image))
            self.scene.setSceneRect(QRectF(image.rect()))
            self.notice.hide()
            self.view.show()
            self.position.setText(f"{index + 1} of {len(self.photos)} \u00b7 "
                                  f"{image.width():,} \u00d7 {image.height():,} pixels")
            self.fit_to_window()
        self.shown.emit(index)

    def _say(self, text: str) -> None:
        self.message = text
        self.notice.setText(text)
        self.notice.show()
        self.view.hide()

    # -- zoom ----------------------------------------------------------------------------------
    def fit_to_window(self) -> None:
        """The whole photo in the window (never enlarged past its pixels)."""
        self.fit = True
        if self.image is None:
            return
        viewport = self.view.viewport().rect()
        scale = min(viewport.width() / self.image.width(), viewport.height() / self.image.height(), 1.0)
        self._scale(max(scale, 0.01))

    def set_zoom(self, zoom: float) -> None:
        self.fit = False
        self._scale(max(0.01, min(MAX_ZOOM, zoom)))

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def _scale(self, zoom: float) -> None:
        self.zoom = zoom
        self.view.resetTransform()
        self.view.scale(zoom, zoom)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fit:
            self.fit_to_window()

    def closeEvent(self, event: object) -> None:  # type: ignore[override]
        self._asked += 1  # a decoding that ends now is dropped
        self._pool.clear()
        super().closeEvent(event)  # type: ignore[arg-type]


class _PhotoView(QGraphicsView):
    wheelZoom = Signal(float)  # noqa: N815 (wheel steps with Ctrl held)

    def __init__(self, scene: QGraphicsScene, parent: QWidget) -> None:
        super().__init__(scene, parent)
        self.setObjectName("photo")
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("#3a3a3a"))  # a neutral grey: no colour of its own beside the photo's

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.wheelZoom.emit(event.angleDelta().y() / 120)
            event.accept()
        else:
            super().wheelEvent(event)


class _Relay(QObject):
    decoded = Signal(int, int, object, str)  # (asked, index, image or None, why not)

