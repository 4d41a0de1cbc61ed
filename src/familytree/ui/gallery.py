"""The Photos section of the details panel: every photo of the person and of their sources, as thumbnails.

Each thumbnail, with its title and date under it, is a link: it opens the photo in the viewer
(ui/photo_viewer.py), whose Next and Previous go through the same list. Thumbnails are made
off the GUI thread; the page shows an empty square in the place of each until it is made, then
the picture (the square keeps its size, so the page does not move). Titles are text from the
file: escaped, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from familytree.media import Found, MediaCatalog, Owner, Photo
from familytree.model import Citation, Date, Event, MediaRef, Person, Structure, Tree
from familytree.model.text import for_display
from familytree.render.thumbnails import ThumbnailRequest, Thumbnails
from familytree.ui.appearance import secondary_text
from familytree.ui.details_markup import esc
from familytree.ui.photo_viewer import PhotoViewer, ShownPhoto

__all__ = ["Gallery", "PHOTO_SCHEME", "THUMB_SCHEME", "THUMB_PIXELS", "photo_date", "shown_photo"]

PHOTO_SCHEME = "photo"  # photo:N opens the N-th photo of the page in the viewer
THUMB_SCHEME = "photo-thumb"  # photo-thumb:PAGE/N is the N-th photo's thumbnail on page PAGE
THUMB_PIXELS = 96
CELL = 112  # pixels of the panel's width a thumbnail with its words takes
NARROWEST = 104  # ... at the least, when that puts one more in a row (a thumbnail with its padding)
SPACING = 2  # pixels between the cells, and around them
MOST_SHOWN = 60  # thumbnails on a page; the viewer goes through them all
TITLE_CHARS = 48

if TYPE_CHECKING:
    from familytree.ui.details import DetailsPanel


def shown_photo(tree: Tree, photo: Photo) -> ShownPhoto:
    """A photo with the words the gallery and the viewer show: its title (or file name), and its
    date, what it is a photo of and the file, as plain text."""
    link = photo.link
    name = photo.file.link.strip().replace("\\", "/").rsplit("/", 1)[-1]
    title = photo.title.strip() or name or "(no title)"
    what = ""
    if link.owner is Owner.SOURCE or link.via == "citation":
        source = tree.sources.get(link.owner_id if link.owner is Owner.SOURCE else link.source_id)
        what = f"from {source.display()}" if source is not None else "from a source"
    elif link.via:
        event = _event(tree, link.owner_id, link.line, link.via)
        what = event.label if event is not None else link.via
    date = photo_date(tree, photo)
    detail = " \u00b7 ".join(part for part in (date, what, photo.file.link.strip()) if part)
    return ShownPhoto(photo, title, detail, date)


def photo_date(tree: Tree, photo: Photo) -> str:
    """When the photo was taken, as far as the file says: a DATE (or _DATE, as several programs
    write) under the OBJE or in its record, else the date of the fact or citation it stands under."""
    link = photo.link
    ref = _ref(tree, link.owner, link.owner_id, link.line)
    record = tree.media.get(ref.media_id) if ref is not None and ref.media_id else None
    for extra in (ref.extra if ref is not None else [], record.extra if record is not None else []):
        written = _date_line(extra)
        if written:
            return written
    if link.via == "citation":
        for citation in _citations(tree, link.owner, link.owner_id):
            if any(r.line == link.line for r in citation.media) and citation.date is not None:
                return citation.date.display()
    elif link.via:
        event = _event(tree, link.owner_id, link.line, link.via)
        if event is not None and event.date is not None:
            return event.date.display()
    return ""


def _date_line(extra: list[Structure]) -> str:
    for e in extra:
        if e.tag in ("DATE", "_DATE") and e.value.strip():
            return Date.parse(e.value.strip()).display() or e.value.strip()
    return ""


def _ref(tree: Tree, owner: Owner, owner_id: str, line: int) -> MediaRef | None:
    """The OBJE a link was read from (by its line)."""
    refs: list[MediaRef] = []
    if owner is Owner.PERSON and owner_id in tree.people:
        person = tree.people[owner_id]
        refs = [*person.media, *(r for e in person.events for r in e.media)]
    elif owner is Owner.FAMILY and owner_id in tree.families:
        family = tree.families[owner_id]
        refs = [*family.media, *(r for e in family.events for r in e.media)]
    elif owner is Owner.SOURCE and owner_id in tree.sources:
        refs = list(tree.sources[owner_id].media)
    refs.extend(r for c in _citations(tree, owner, owner_id) for r in c.media)
    return next((r for r in refs if r.line == line), None)


def _citations(tree: Tree, owner: Owner, owner_id: str) -> list[Citation]:
    if owner is Owner.PERSON and owner_id in tree.people:
        p: Person = tree.people[owner_id]
        return [*p.citations, *(c for e in p.events for c in e.citations),
                *(c for n in p.names for c in n.citations), *(c for a in p.associations for c in a.citations)]
    if owner is Owner.FAMILY and owner_id in tree.families:
        f = tree.families[owner_id]
        return [*f.citations, *(c for e in f.events for c in e.citations)]
    return []


def _event(tree: Tree, owner_id: str, line: int, tag: str) -> Event | None:
    holder = tree.people.get(owner_id) or tree.families.get(owner_id)
    if holder is None:
        return None
    tagged = [e for e in holder.events if e.tag == tag]
    return next((e for e in tagged if any(r.line == line for r in e.media)), tagged[0] if tagged else None)


class Gallery(QObject):
    """The Photos section of one details panel's pages (see `section`), and the viewer they open."""

    def __init__(self, thumbnails: Thumbnails, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.catalog: MediaCatalog | None = None
        self.panel: DetailsPanel | None = None
        self.photos: list[ShownPhoto] = []  # of the page shown
        self.viewer: PhotoViewer | None = None
        self._page = 0  # each page's thumbnails have their own addresses: none shows another's picture
        self._waiting: dict[str, list[int]] = {}  # thumbnail key -> indexes on the page shown
        self._fit = (0, 0)  # thumbnails in a row of the page shown (as many as fit), a cell's width
        thumbnails.ready.connect(self._on_ready)
        thumbnails.failed.connect(self._on_failed)

    def set_catalog(self, catalog: MediaCatalog | None) -> None:
        """The open file's photos, once found: the page shown gains its Photos."""
        self.catalog = catalog
        self._refresh()

    def _refresh(self) -> None:
        """The page shown made again (where it was scrolled to)."""
        panel = self.panel
        if panel is not None and panel.tree is not None and panel.person_id:
            tree, person_id = panel.tree, panel.person_id
            where = panel.verticalScrollBar().value()
            panel.show_person(tree, person_id)
            panel.verticalScrollBar().setValue(where)

    # -- the page -------------------------------------------------------------------------------
    def section(self, panel: DetailsPanel, tree: Tree, person_id: str) -> str:
        """The Photos section of the person's page in `panel` as rich text ("" with no photo)."""
        if panel is not self.panel:
            panel.installEventFilter(self)  # a wider panel, more thumbnails in a row
        self.panel = panel
        self._page += 1
        self._waiting.clear()
        catalog = self.catalog
        photos = catalog.photos(person_id) if catalog is not None and catalog.tree is tree else []
        self.photos = [shown_photo(tree, p) for p in photos]
        if not self.photos:
            return ""
        columns, width = self._fit = self._fitting(panel)
        cells = [self._cell(i, item, width) for i, item in enumerate(self.photos[:MOST_SHOWN])]
        rows = "".join(f"<tr>{''.join(cells[r:r + columns])}</tr>" for r in range(0, len(cells), columns))
        count = f" ({len(self.photos)})" if len(self.photos) > 1 else ""
        more = ""
        if len(self.photos) > MOST_SHOWN:
            more = (f"<p class='dim'>{len(self.photos) - MOST_SHOWN:,} more: open a photo and go on with "
                    "Next.</p>")
        return f"<h3>Photos{count}</h3><table cellspacing='{SPACING}'>{rows}</table>{more}"

    def _fitting(self, panel: QTextBrowser) -> tuple[int, int]:
        """Thumbnails in a row and a cell's width: the rows never wider than the page, whose other
        text wraps to the panel (a row too wide gave the whole panel a horizontal scroll bar)."""
        # the panel's width less a scroll bar's, shown or not: a page that gains one keeps its rows
        room = (panel.width() - 2 * panel.frameWidth() - panel.verticalScrollBar().sizeHint().width()
                - 2 * int(panel.document().documentMargin() + 0.5))
        columns = max(1, min(len(self.photos), MOST_SHOWN, (room - SPACING) // (NARROWEST + SPACING)))
        # a panel narrower than one cell: the cell, and its thumbnail, as wide as it holds
        return columns, max(16, min(CELL, (room - SPACING) // columns - SPACING))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        panel = self.panel
        if event.type() == QEvent.Type.Resize and panel is not None and watched is panel \
                and self.photos and self._fitting(panel) != self._fit:
            self._refresh()
        return False

    def _cell(self, index: int, item: ShownPhoto, width: int) -> str:
        title = esc(for_display(item.title, TITLE_CHARS))
        date = esc(for_display(item.date, TITLE_CHARS))
        under = f"<br><span class='dim'>{date}</span>" if date else ""
        side = max(8, min(THUMB_PIXELS, width - (NARROWEST - THUMB_PIXELS)))  # the cell's padding kept
        return (f"<td width='{width}' align='center' valign='top'>"
                f"<a href='{PHOTO_SCHEME}:{index}'><img src='{THUMB_SCHEME}:{self._page}/{index}' "
                f"width='{side}' height='{side}'></a><br>"
                f"<a href='{PHOTO_SCHEME}:{index}'>{title}</a>{under}</td>")

    def resource(self, url: QUrl | str) -> QImage | None:
        """The picture for a thumbnail's address on the page (made, or a square until it is)."""
        url = QUrl(url)
        if url.scheme() != THUMB_SCHEME:
            return None
        page, _, number = url.path().partition("/")
        if page != str(self._page) or not number.isdigit() or int(number) >= len(self.photos):
            return _square("")
        index = int(number)
        photo = self.photos[index].photo
        if not photo.shown:
            return _square(_UNSHOWN.get(photo.location.kind, "not shown"))
        request = _request(photo)
        image = self.thumbnails.thumbnail(request)
        if image is not None:
            return _fitted(image)
        if self.thumbnails.reason(request):
            return _square("cannot be shown")
        self._waiting.setdefault(request.key, []).append(index)
        return _square("")

    def _on_ready(self, key: str, image: QImage) -> None:
        self._put(key, _fitted(image))

    def _on_failed(self, key: str, _reason: str) -> None:
        self._put(key, _square("cannot be shown"))

    def _put(self, key: str, image: QImage) -> None:
        indexes = self._waiting.pop(key, ())
        panel = self.panel
        if not indexes or panel is None:
            return
        document = panel.document()
        for index in indexes:
            url = QUrl(f"{THUMB_SCHEME}:{self._page}/{index}")
            document.addResource(QTextDocument.ResourceType.ImageResource, url, image)
        panel.viewport().update()  # the square keeps its size: a repaint, not a new layout

    def activate(self, url: QUrl) -> bool:
        """Open the photo a link of the page names; False for a link that is not the gallery's."""
        if url.scheme() != PHOTO_SCHEME or not url.path().isdigit():
            return False
        self.open(int(url.path()))
        return True

    def open(self, index: int) -> PhotoViewer | None:
        """The viewer on the page's photo `index` (a viewer already open goes on with this page)."""
        if not 0 <= index < len(self.photos):
            return None
        parent: QWidget | None = self.panel.window() if self.panel is not None else None
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = PhotoViewer(self.photos, index, parent)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer


_UNSHOWN = {Found.MISSING: "not found", Found.AMBIGUOUS: "not found", Found.REMOTE: "on the web",
            Found.REFUSED: "not read", Found.NOT_A_FILE: "not a file"}


def _request(photo: Photo) -> ThumbnailRequest:
    return ThumbnailRequest.of(photo.location, THUMB_PIXELS)  # the whole photo, not the portrait's crop


def _fitted(image: QImage) -> QImage:
    """The thumbnail whole in the middle of a clear square (every cell of the page one size)."""
    out = QImage(THUMB_PIXELS, THUMB_PIXELS, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(Qt.GlobalColor.transparent)
    scale = min(THUMB_PIXELS / max(1, image.width()), THUMB_PIXELS / max(1, image.height()), 1.0)
    w, h = image.width() * scale, image.height() * scale
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(QRectF((THUMB_PIXELS - w) / 2, (THUMB_PIXELS - h) / 2, w, h), image)
    painter.end()
    return out


def _square(words: str) -> QImage:
    """A grey square in a thumbnail's place: while it is made, or saying why there is none."""
    out = QImage(THUMB_PIXELS, THUMB_PIXELS, QImage.Format.Format_ARGB32_Premultiplied)
    shade = QColor(128, 128, 128, 48)
    out.fill(shade)
    if words:
        palette = QGuiApplication.palette()
        under = palette.color(palette.ColorRole.Base)  # what the panel shows through the shade
        a = shade.alphaF()
        behind = QColor(*(round(shade.red() * a + c * (1 - a)) for c in (under.red(), under.green(),
                                                                           under.blue())))
        painter = QPainter(out)
        font = QFont()
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(secondary_text(palette, behind))
        painter.drawText(QRectF(out.rect()).adjusted(4, 4, -4, -4),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, words)
        painter.end()
    return out

