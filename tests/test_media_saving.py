"""Saving keeps a family's photos: Save As .gdz and convert pack every photo the file links (from a .ged and
its folder, or from another .gdz) with the links rewritten; a .ged saved elsewhere keeps its links working."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_file
from familytree.gedcom.gedzip import MediaArchive
from familytree.media import Found, media_catalog
from familytree.media.saving import save_tree
from support.images import gedcom_linking, write_image


def _photo_bytes(path: Path) -> dict[str, bytes]:
    """Each person's photo, read from wherever the file at `path` now leads (disk or archive)."""
    tree = read_file(path)
    catalog = media_catalog(tree)
    out = {}
    for pid in tree.people:
        photo = catalog.primary_photo(pid)
        if photo is None:
            continue
        where = photo.location
        if where.archive:
            with MediaArchive(where.archive) as archive:
                out[pid] = archive.read(where.path, 1 << 30)
        else:
            out[pid] = Path(where.path).read_bytes()
    return out


@pytest.fixture
def family(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A .ged in its folder linking photos as families' files do, and each person's photo's bytes."""
    home = tmp_path / "home"
    outside = tmp_path / "elsewhere"
    expected = {
        "@I1@": write_image(home / "photos" / "elena.png", seed=1),
        "@I2@": write_image(home / "photos" / "my photo.jpg", seed=2),
        "@I3@": write_image(home / "scans" / "1930" / "ivan.jpg", seed=3),
        "@I4@": write_image(outside / "anna.png", seed=4),
        "@I5@": write_image(tmp_path / "other" / "elena.png", seed=5),  # a second elena.png, elsewhere
        "@I6@": write_image(home / "photos" / "elena.png.bmp", "BMP", seed=6),
    }
    links = ["photos\\elena.png", f"file://{home}/photos/my%20photo.jpg", "C:\\Users\\Ann\\1930\\ivan.jpg",
             str(outside / "anna.png"), str(tmp_path / "other" / "elena.png"), "./photos/elena.png.bmp",
             "nobody.jpg", "https://example.org/x.jpg"]
    return gedcom_linking(home, links), expected


def test_ged_to_gdz_to_gdz_keeps_every_photo(family: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    source, expected = family
    assert _photo_bytes(source) == expected
    first = tmp_path / "out" / "family.gdz"
    first.parent.mkdir()
    missing, outside = save_tree(read_file(source), str(first))
    # the missing file is said once, the files from elsewhere too; the web link is no loss
    assert "1 linked media file is not in the archive (such as 'nobody.jpg', line 30: missing)" in missing
    assert "2 files from outside the GEDCOM's folder are packed into the archive" in outside
    assert _photo_bytes(first) == expected
    second = tmp_path / "again" / "copy.gdz"
    second.parent.mkdir()
    assert main(["convert", str(first), str(second)]) == 0
    assert _photo_bytes(second) == expected
    with zipfile.ZipFile(second) as z:
        names = sorted(z.namelist())
    # relative where they were under the GEDCOM's folder, media/ for the others, one name each
    assert names == ["gedcom.ged", "media/anna.png", "media/elena.png", "photos/elena.png",
                     "photos/elena.png.bmp", "photos/my photo.jpg", "scans/1930/ivan.jpg"]
    tree = read_file(second)
    catalog = media_catalog(tree)
    kinds = {f.link: catalog.location(f).kind for f in catalog.files}
    assert kinds == {"photos/elena.png": Found.MEMBER, "photos/my%20photo.jpg": Found.MEMBER,
                     "scans/1930/ivan.jpg": Found.MEMBER, "media/anna.png": Found.MEMBER,
                     "media/elena.png": Found.MEMBER, "photos/elena.png.bmp": Found.MEMBER,
                     "nobody.jpg": Found.MISSING, "https://example.org/x.jpg": Found.REMOTE}


def test_photos_are_packed_in_chunks_stored_when_they_are_compressed_already(
        family: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    source, _ = family
    target = tmp_path / "f.gdz"
    save_tree(read_file(source), str(target))
    with zipfile.ZipFile(target) as z:
        kinds = {i.filename: i.compress_type for i in z.infolist()}
        assert z.testzip() is None
    assert kinds["photos/elena.png"] == zipfile.ZIP_STORED
    assert kinds["photos/elena.png.bmp"] == zipfile.ZIP_DEFLATED


def test_a_link_to_a_file_that_is_no_media_is_not_packed(tmp_path: Path) -> None:
    """A file from elsewhere cannot carry the user's keys or papers into an archive they share."""
    (tmp_path / "id_rsa").write_text("-----BEGIN PRIVATE KEY-----")
    (tmp_path / "home").mkdir()
    write_image(tmp_path / "home" / "a.png")
    source = gedcom_linking(tmp_path / "home", [str(tmp_path / "id_rsa"), "a.png"])
    target = tmp_path / "shared.gdz"
    notes = save_tree(read_file(source), str(target))
    with zipfile.ZipFile(target) as z:
        assert sorted(z.namelist()) == ["a.png", "gedcom.ged"]
    assert "not a known kind of media file" in notes[0]


def test_save_as_ged_elsewhere_keeps_the_links_working(family: tuple[Path, dict[str, bytes]],
                                                       tmp_path: Path) -> None:
    source, expected = family
    for version, name in (("5.5.1", "a/b/moved.ged"), ("7.0", "c/moved7.ged")):
        target = tmp_path / name
        target.parent.mkdir(parents=True)
        assert save_tree(read_file(source), str(target), version) == []
        assert _photo_bytes(target) == expected
        text = target.read_text(encoding="utf-8-sig")
        assert "nobody.jpg" in text  # what cannot be found is written as read
    # beside the original, nothing is rewritten: the FILE lines are those read
    beside = source.with_name("copy.ged")
    save_tree(read_file(source), str(beside), "5.5.1")
    files = [line for line in beside.read_text().splitlines() if "FILE" in line]
    assert files == [line for line in source.read_text().splitlines() if "FILE" in line]
    assert _photo_bytes(beside) == expected


def test_a_saved_gdz_is_adopted_so_the_next_save_takes_the_photos_from_it(
        family: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    source, expected = family
    tree = read_file(source)
    first = tmp_path / "first.gdz"
    save_tree(tree, str(first), adopt=True)
    assert tree.path == str(first)
    catalog = media_catalog(tree)
    assert all(catalog.location(f).kind in (Found.MEMBER, Found.MISSING, Found.REMOTE) for f in catalog.files)
    second = tmp_path / "second.gdz"
    save_tree(tree, str(second), adopt=True)
    assert _photo_bytes(second) == expected


def test_privacy_leaves_out_the_photos_of_the_hidden(tmp_path: Path) -> None:
    write_image(tmp_path / "old.png", seed=1)
    write_image(tmp_path / "young.png", seed=2)
    path = tmp_path / "f.ged"
    path.write_text("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Old /One/\n1 BIRT\n2 DATE 1850\n"
                    "1 DEAT\n2 DATE 1920\n1 OBJE\n2 FILE old.png\n0 @I2@ INDI\n1 NAME Young /One/\n"
                    "1 BIRT\n2 DATE 1990\n1 OBJE\n2 FILE young.png\n0 TRLR\n")
    target = tmp_path / "shared.gdz"
    assert main(["convert", str(path), str(target), "--living", "omit"]) == 0
    with zipfile.ZipFile(target) as z:
        assert sorted(z.namelist()) == ["gedcom.ged", "old.png"]


@pytest.mark.gui
def test_the_window_saves_as_gdz_with_the_photos_and_then_reads_them_from_it(
        qtbot, family: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    from support.windows import make_window

    source, expected = family
    window = make_window(qtbot, source)
    target = tmp_path / "saved.gdz"
    assert window.files.save_to(str(target))
    assert _photo_bytes(target) == expected
    tree = window.workspace.tree
    assert tree is not None
    assert tree.path == str(target)
    catalog = media_catalog(tree)
    assert {catalog.location(f).kind for f in catalog.files} == {Found.MEMBER, Found.MISSING, Found.REMOTE}
    # the message after the save names what it could not take along, once
    assert "nobody.jpg" in window.statusBar().currentMessage()
