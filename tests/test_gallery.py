"""The Photos of the details panel: every photo of the person and of their sources, with title and date;
a click opens it large in the viewer (zoom, next and previous, keys); titles are text, never markup; a
missing or huge photo is said, not shown, and harms nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument

from familytree.gedcom import read_file
from familytree.media import media_catalog
from familytree.render.thumbnails import Thumbnails
from familytree.ui.details import DetailsPanel
from familytree.ui.gallery import PHOTO_SCHEME, THUMB_SCHEME, Gallery, photo_date, shown_photo
from familytree.ui.main_window import MainWindow
from familytree.ui.photo_viewer import PhotoViewer
from support.images import huge_png
from support.photos import face_image, photo_family
from support.windows import make_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


def details_of(qtbot, window: MainWindow, person_id: str) -> DetailsPanel:
    qtbot.waitUntil(lambda: window.photos.catalog is not None, timeout=10_000)
    window.workspace.select(person_id)
    panel = window.details
    window.details_dock.show()
    qtbot.waitUntil(lambda: panel.person_id == person_id)
    return panel


def photo_links(panel: DetailsPanel) -> dict[int, list[int]]:
    """Photo index -> document positions of the links that open it (its thumbnail, then its title)."""
    out: dict[int, list[int]] = {}
    block = panel.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith(f"{PHOTO_SCHEME}:"):
                out.setdefault(int(href.partition(":")[2]), []).append(fragment.position())
            it += 1
        block = block.next()
    return out


def click_at(qtbot, panel: DetailsPanel, position: int) -> None:
    cursor = QTextCursor(panel.document())
    cursor.setPosition(position)
    rect = panel.cursorRect(cursor)
    panel.ensureCursorVisible()
    where = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=where)


def shown(qtbot, viewer: PhotoViewer) -> PhotoViewer:
    qtbot.waitUntil(lambda: viewer.message != "Opening…", timeout=10_000)
    return viewer


def test_the_gallery_lists_the_persons_photos_and_their_sources(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = make_window(qtbot, family.path)
    panel = details_of(qtbot, window, "@I3@")
    gallery = window.photos.gallery
    assert [p.title for p in gallery.photos] == ["Clara Petrova, a portrait", "Certificate scan"]
    assert sorted(photo_links(panel)) == [0, 1]
    text = panel.toPlainText()
    assert "Photos (2)" in text
    assert text.index("Photos (2)") < text.index("Facts")  # under the name, before the facts
    assert "Clara Petrova, a portrait" in text
    assert "Certificate scan" in text
    # her brother's page lists his own: the portrait, and the photo that is not there
    panel = details_of(qtbot, window, "@I4@")
    assert [p.title for p in gallery.photos] == ["Dmitri Petrov, a portrait", "The lost photo"]


def test_thumbnails_take_the_place_of_their_squares_once_made(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = make_window(qtbot, family.path)
    panel = details_of(qtbot, window, "@I3@")
    page = window.photos.gallery._page
    green = QColor(family.colours["@I3@"])

    def thumbnail() -> QImage:
        url = QUrl(f"{THUMB_SCHEME}:{page}/0")
        found = panel.document().resource(QTextDocument.ResourceType.ImageResource, url)
        return found if isinstance(found, QImage) else QImage()

    def made() -> bool:
        image = thumbnail()
        return not image.isNull() and near(image.pixelColor(48, 4), green)

    qtbot.waitUntil(made, timeout=10_000)
    shot = panel.viewport().grab().toImage()
    assert any(near(shot.pixelColor(x, y), green, 20) for x in range(0, shot.width(), 3)
               for y in range(0, min(shot.height(), 260), 3))


def test_a_click_opens_the_photo_in_the_viewer_and_keys_go_through_them(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = make_window(qtbot, family.path)
    panel = details_of(qtbot, window, "@I3@")
    click_at(qtbot, panel, photo_links(panel)[1][0])  # the certificate's thumbnail
    viewer = window.photos.gallery.viewer
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    shown(qtbot, viewer)
    assert viewer.title.text() == "Certificate scan"
    assert (viewer.image.width(), viewer.image.height()) == (400, 300)
    assert "from Birth certificate of Clara" in viewer.detail.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the last: stays
    assert viewer.index == 1
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    shown(qtbot, viewer)
    assert viewer.title.text() == "Clara Petrova, a portrait"
    assert (viewer.image.width(), viewer.image.height()) == (300, 400)
    assert near(viewer.image.pixelColor(3, 3), QColor(family.colours["@I3@"]))
    assert not viewer.previous_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.zoom == 1.0
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.zoom == pytest.approx(1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_F)
    assert viewer.fit
    # a click on the other photo's title opens it in the same window's place
    click_at(qtbot, panel, photo_links(panel)[0][1])
    assert window.photos.gallery.viewer.index == 0


def test_titles_are_text_never_markup(qtbot, tmp_path: Path) -> None:
    title = "<b>Bold</b> & <img src='x'>"
    assert face_image("X", "#336699").save(str(tmp_path / "x.png"))
    path = tmp_path / "family.ged"
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "0 @I1@ INDI", "1 NAME Ann /Test/", "1 OBJE", "2 FILE x.png",
             "2 FORM png", f"2 TITL {title}", "0 TRLR", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    window = make_window(qtbot, path)
    panel = details_of(qtbot, window, "@I1@")
    assert title in panel.toPlainText()
    viewer = shown(qtbot, window.photos.gallery.open(0))
    assert viewer.title.text() == title
    assert viewer.title.textFormat() == Qt.TextFormat.PlainText
    assert viewer.windowTitle() == title


def test_a_missing_photo_is_listed_and_the_viewer_says_why(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = make_window(qtbot, family.path)
    details_of(qtbot, window, "@I4@")
    viewer = shown(qtbot, window.photos.gallery.open(1))
    assert viewer.image is None
    assert "photos/lost.jpg was not found" in viewer.message
    assert viewer.notice.isVisible()


def test_a_huge_photo_is_refused_from_its_header(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    family.photos["@I3@"].write_bytes(huge_png(30_000, 30_000))  # 3.6 GB to decode, a few hundred KB on disk
    window = make_window(qtbot, family.path)
    details_of(qtbot, window, "@I3@")
    viewer = shown(qtbot, window.photos.gallery.open(0))
    assert viewer.image is None
    assert "30,000 × 30,000 pixels: too large to show" in viewer.message
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the next one is shown all the same
    shown(qtbot, viewer)
    assert viewer.image is not None


def test_a_photos_date_is_the_files_or_that_of_what_it_stands_under(qapp, tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        assert face_image(name.upper(), "#888888").save(str(tmp_path / f"{name}.png"))
    path = tmp_path / "family.ged"
    path.write_text("\n".join([
        "0 HEAD", "1 GEDC", "2 VERS 5.5.1", "0 @I1@ INDI", "1 NAME Ann /Test/",
        "1 OBJE", "2 FILE a.png", "2 _DATE 12 MAY 1931",  # as several programs write it
        "1 BIRT", "2 DATE 3 JUN 1905", "2 OBJE", "3 FILE b.png",  # a photo of the birth
        "1 SOUR @S1@", "2 DATA", "3 DATE 1920", "2 OBJE", "3 FILE c.png",  # a citation's scan
        "1 OBJE @M1@", "0 @M1@ OBJE", "1 FILE d.png", "1 _DATE ABT 1950",
        "0 @S1@ SOUR", "1 TITL Census", "0 TRLR", ""]), encoding="utf-8")
    tree = read_file(str(path))
    photos = {p.file.link: p for p in media_catalog(tree).photos("@I1@")}
    assert {link: photo_date(tree, p) for link, p in photos.items()} == {
        "a.png": "12 May 1931", "b.png": "3 June 1905", "c.png": "1920", "d.png": "about 1950"}
    assert shown_photo(tree, photos["b.png"]).detail == "3 June 1905 · Birth · b.png"
    assert shown_photo(tree, photos["c.png"]).detail == "1920 · from Census · c.png"


def test_a_wider_panel_puts_more_photos_in_a_row(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    tree = read_file(str(family.path))
    thumbnails = Thumbnails(cache_folder=str(tmp_path / "thumbs"))
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.gallery = Gallery(thumbnails, panel)
    panel.gallery.set_catalog(media_catalog(tree))
    panel.resize(180, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_person(tree, "@I3@")

    def top(index: int) -> int:
        cursor = QTextCursor(panel.document())
        cursor.setPosition(photo_links(panel)[index][0])
        return panel.cursorRect(cursor).top()

    try:
        assert top(1) > top(0)  # one photo in a row
        panel.resize(600, 600)
        qtbot.waitUntil(lambda: top(1) == top(0))  # side by side
        panel.resize(180, 600)
        qtbot.waitUntil(lambda: top(1) > top(0))
    finally:
        thumbnails.close()


def test_many_photos_never_widen_the_panel_past_its_width(qtbot, tmp_path: Path) -> None:
    # A newcomer's finding: with four photos the rows were a few pixels wider than the panel at the
    # window's first size, and the whole page scrolled sideways. Titles without spaces, a long date.
    titles = ("Louis XIV en habit de sacre", "Acte_de_Bapteme_de_Louis_XIV_1638", "Inhumation de Louis XIV",
              "Multimedia link about the death event", "W" * 40, "Portrait")
    extra = ["0 @I9@ INDI", "1 NAME Louis /Many/", "1 BIRT", "2 DATE ABT 31 DEC 1638"]
    for number, title in enumerate(titles):
        extra += ["1 OBJE", f"2 FILE photos/{'AP' if number % 2 else 'lost'}.png", "2 FORM png",
                  f"2 TITL {title}", "2 DATE FROM 31 DEC 1997 TO 2 JAN 1998"]
    window = make_window(qtbot, photo_family(tmp_path, extra_lines=tuple(extra)).path)
    panel = details_of(qtbot, window, "@I9@")
    assert len(window.photos.gallery.photos) == len(titles)
    rows_seen = set()
    for width in (600, 480, 455, 430, 350, 330, 250, 230, 180):
        qtbot.waitUntil(lambda w=width: dock_width(window, w) == w)
        links = photo_links(panel)
        tops = {panel.cursorRect(_at(panel, links[i][0])).top() for i in range(len(titles))}
        rows_seen.add(len(tops))
        bar = panel.horizontalScrollBar()
        assert bar.maximum() == 0, f"dock {width} px: the page is {bar.maximum()} px wider than the panel"
        assert panel.document().size().width() <= panel.viewport().width()
    assert min(rows_seen) < max(rows_seen)  # wider, more in a row: the rows wrap rather than overflow


def dock_width(window: MainWindow, width: int) -> int:
    """The details dock's width, asked for again until it has it (a window laying out still can drop
    a request)."""
    if window.details_dock.width() != width:
        window.resizeDocks([window.details_dock], [width], Qt.Orientation.Horizontal)
    return window.details_dock.width()


def _at(panel: DetailsPanel, position: int) -> QTextCursor:
    cursor = QTextCursor(panel.document())
    cursor.setPosition(position)
    return cursor
