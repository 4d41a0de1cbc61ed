"""Portraits in chart boxes: on screen once made (never before), switched off from the View menu, printed
and exported as images (none with --no-portraits, none of a person hidden as living); a file without
photos keeps its boxes; a missing photo is a problem with its line, a huge one harms nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage

from familytree import cli
from familytree.gedcom import read_file
from familytree.media import media_catalog
from familytree.render.items import PersonItem, make_sizer
from familytree.render.portraits import PORTRAIT_ROOM, Portraits, file_portraits
from familytree.ui.actions import Menu
from familytree.ui.main_window import MainWindow
from familytree.ui.settings import Keys, Settings
from support.images import huge_png
from support.photos import photo_family
from support.windows import make_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Thumbnails cached in the test's folder, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


def with_photos(qtbot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(lambda: window.photos.catalog is not None, timeout=10_000)
    return window


def portrait_corner(window: MainWindow, item: PersonItem) -> QColor:
    """The colour on screen just inside the top-left corner of the box's portrait (the photo's ground)."""
    window.view.finish_animation()
    window.view.ensureVisible(item)
    rect = item.mapRectToScene(item.portrait_rect())
    where = window.view.mapFromScene(rect.topLeft()) + QPoint(4, 4)
    shot = window.view.viewport().grab().toImage()
    return shot.pixelColor(where)


def test_boxes_show_each_persons_photo_once_it_is_made(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = with_photos(qtbot, make_window(qtbot, family.path))
    scene = window.scene
    assert scene.portraits is not None
    sizer = make_sizer(portraits=True)
    for person_id, colour in family.colours.items():
        item = scene.item_for(person_id)
        assert item is not None
        assert item.portraits is not None
        width, height = sizer(window.workspace.tree.people[person_id])
        assert (item.box.width, item.box.height) == (width, height)  # laid out with room for it
        qtbot.waitUntil(lambda i=item, c=colour: near(portrait_corner(window, i), QColor(c)), timeout=10_000)


def test_portraits_are_made_off_the_gui_thread(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    tree = read_file(str(family.path))
    from familytree.render.thumbnails import Thumbnails

    thumbnails = Thumbnails(cache_folder=str(tmp_path / "thumbs"))
    portraits = Portraits(media_catalog(tree), thumbnails)
    try:
        assert portraits.image("@I1@") is None  # asked for, not made here
        with qtbot.waitSignal(portraits.ready, timeout=10_000) as made:
            pass
        assert made.args == ["@I1@"]
        image = portraits.image("@I1@")
        assert image is not None
        assert image.width() == image.height()  # centred on a square
        assert near(image.pixelColor(2, 2), QColor(family.colours["@I1@"]))
    finally:
        portraits.close()
        thumbnails.close()


def test_view_portraits_off_hides_them_and_is_remembered(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = with_photos(qtbot, make_window(qtbot, family.path))
    action = window.actions_by_id["view.portraits"]
    assert action.isChecked()
    assert action in window.menus[Menu.VIEW].actions()
    with_room = {pid: item.box.width for pid, item in window.scene.person_items.items()}
    action.trigger()
    assert not action.isChecked()
    assert window.scene.portraits is None
    for person_id, item in window.scene.person_items.items():
        assert item.portraits is None
        assert item.box.width == with_room[person_id] - round(PORTRAIT_ROOM)
    assert Settings().get(Keys.PORTRAITS) is False
    again = with_photos(qtbot, make_window(qtbot, family.path))
    assert not again.actions_by_id["view.portraits"].isChecked()
    assert all(item.portraits is None for item in again.scene.person_items.values())
    again.actions_by_id["view.portraits"].trigger()
    assert all(item.portraits is not None for item in again.scene.person_items.values())


def test_a_file_without_photos_keeps_its_boxes(qtbot, bundled_path: Path) -> None:
    window = with_photos(qtbot, make_window(qtbot, bundled_path))
    sizer = make_sizer()
    tree = window.workspace.tree
    assert window.scene.portraits is None
    for item in window.scene.person_items.values():
        assert item.portraits is None
        assert (item.box.width, item.box.height) == sizer(tree.people[item.person_id])


def test_a_missing_photo_is_a_problem_with_its_line(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = with_photos(qtbot, make_window(qtbot, family.path))
    assert family.path.read_text().splitlines()[family.missing_line] == "2 FILE photos/lost.jpg"
    panel = window.problems
    rows = [(panel.topLevelItem(i).text(0), panel.topLevelItem(i).text(2))
            for i in range(panel.topLevelItemCount())]
    assert [line for line, message in rows if "lost.jpg" in message and "not found" in message] == \
        [str(family.missing_line)]
    assert window.problems_dock.isVisible()
    # the next file, without problems, closes the panel opened for this one's
    window.open_file(str(photo_family(tmp_path / "whole", missing=False).path))
    with_photos(qtbot, window)
    assert not window.problems_dock.isVisible()


def test_saved_as_gdz_the_portraits_come_from_the_archive(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path / "from")
    window = with_photos(qtbot, make_window(qtbot, family.path))
    archive = tmp_path / "family.gdz"
    old = window.photos.catalog
    assert window.files.save_to(str(archive))
    qtbot.waitUntil(lambda: window.photos.catalog is not old, timeout=10_000)
    photo = window.photos.catalog.primary_photo("@I1@")
    assert photo is not None
    assert photo.location.archive == str(archive)
    item = window.scene.item_for("@I1@")
    red = QColor(family.colours["@I1@"])
    qtbot.waitUntil(lambda: near(portrait_corner(window, item), red), timeout=10_000)


def test_a_huge_photo_is_refused_and_the_window_goes_on(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    family.photos["@I2@"].write_bytes(huge_png(30_000, 30_000))  # 3.6 GB of pixels, a few hundred KB of file
    window = with_photos(qtbot, make_window(qtbot, family.path))
    portraits = window.scene.portraits
    assert portraits is not None
    qtbot.waitUntil(lambda: portraits.image("@I2@") is None and "too large" in portraits.reason("@I2@"),
                    timeout=10_000)
    # the others are drawn all the same, and the window answers
    item = window.scene.item_for("@I1@")
    red = QColor(family.colours["@I1@"])
    qtbot.waitUntil(lambda: near(portrait_corner(window, item), red), timeout=10_000)
    window.workspace.set_focus("@I3@")
    assert window.scene.layout.focus_id == "@I3@"


def test_recentring_while_portraits_load_shows_them_all_in_the_end(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path)
    window = with_photos(qtbot, make_window(qtbot, family.path))
    for person_id in ("@I3@", "@I4@", "@I2@", "@I1@", "@I3@"):  # each drops what the last had not started
        window.workspace.set_focus(person_id)
    portraits = window.scene.portraits
    assert portraits is not None
    for person_id, colour in family.colours.items():
        item = window.scene.item_for(person_id)
        qtbot.waitUntil(lambda i=item, c=colour: near(portrait_corner(window, i), QColor(c)), timeout=10_000)


# -- paper and files ---------------------------------------------------------------------------
def export(tmp_path: Path, family_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    assert cli.main(["export", str(out), "--file", str(family_path), *args]) == 0
    return out


def pdf_images(path: Path) -> list[list[str]]:
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) is not installed: cannot list the PDF's images")
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True,
                             text=True).stdout
    return [line.split() for line in listing.splitlines()[2:] if line.strip()]


def svg_images(path: Path) -> list[str]:
    return re.findall(r"<image [^>]*xlink:href=\"data:image/", path.read_text(encoding="utf-8"))


def test_svg_pdf_and_person_sheet_carry_the_portraits_as_images(qapp, tmp_path: Path) -> None:
    family = photo_family(tmp_path / "family")
    svg = export(tmp_path, family.path, "chart.svg")
    assert len(svg_images(svg)) == len(family.photos)
    pdf = export(tmp_path, family.path, "chart.pdf", "--person-sheet", "--focus", "@I3@", "--fit")
    images = pdf_images(pdf)
    assert [row[0] for row in images].count("1") == len(family.photos)  # page 1: the chart
    assert [row[0] for row in images].count("2") == 1  # page 2: the person sheet's portrait
    assert all(int(row[3]) >= 200 for row in images)  # at print resolution, not the screen's 96 pixels


def test_no_portraits_writes_no_images(qapp, tmp_path: Path) -> None:
    family = photo_family(tmp_path / "family")
    assert svg_images(export(tmp_path, family.path, "chart.svg", "--no-portraits")) == []
    assert pdf_images(export(tmp_path, family.path, "chart.pdf", "--no-portraits", "--person-sheet")) == []
    png = QImage(str(export(tmp_path, family.path, "chart.png", "--no-portraits")))
    with_photos_png = QImage(str(export(tmp_path, family.path, "photos.png")))
    red = QColor(family.colours["@I1@"])
    assert not any(near(png.pixelColor(x, y), red, 20)
                   for x in range(0, png.width(), 2) for y in range(0, png.height(), 2))
    assert any(near(with_photos_png.pixelColor(x, y), red, 20)
               for x in range(0, with_photos_png.width(), 2) for y in range(0, with_photos_png.height(), 2))
    assert with_photos_png.width() > png.width()  # the boxes leave room for the portraits


def test_a_person_hidden_as_living_prints_without_their_photo(qapp, tmp_path: Path) -> None:
    family = photo_family(tmp_path / "family", living=True)
    shown = export(tmp_path, family.path, "shown.svg", "--focus", "@I5@")
    hidden = export(tmp_path, family.path, "hidden.svg", "--focus", "@I5@", "--living", "private")
    assert len(svg_images(shown)) == len(svg_images(hidden)) + 1
    tree = read_file(str(family.path))
    portraits = file_portraits(tree)
    assert portraits is not None
    from familytree.privacy import Mode, redact

    kept = redact(tree, Mode.PRIVATE).tree
    assert portraits.for_tree(kept).photo("@I5@") is None  # the window's portraits, printed from the kept
    assert portraits.for_tree(kept).photo("@I3@") is not None



def test_the_window_prints_the_portraits_its_chart_draws(qtbot, tmp_path: Path) -> None:
    family = photo_family(tmp_path / "family")
    window = with_photos(qtbot, make_window(qtbot, family.path))
    printing = window.printing
    assert printing.export_to(str(tmp_path / "with.svg"))
    assert len(svg_images(tmp_path / "with.svg")) == len(family.photos)
    window.actions_by_id["view.portraits"].trigger()
    assert printing.export_to(str(tmp_path / "without.svg"))
    assert svg_images(tmp_path / "without.svg") == []
