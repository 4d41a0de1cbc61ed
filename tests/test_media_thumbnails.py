"""Thumbnails are made off the GUI thread, once: kept in memory within a byte bound and on disk across
sessions; a hostile photo (a decompression bomb, a member that lies about its size) is refused cheaply."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageWriter

from familytree.media import Crop, media_catalog
from familytree.render.thumbnails import ThumbnailRequest, Thumbnails, prune_disk_cache
from support.images import huge_png, image_bytes, write_image

MiB = 1 << 20


@pytest.fixture
def thumbnails(qapp, tmp_path: Path):
    made = Thumbnails(cache_folder=str(tmp_path / "cache"))
    yield made
    made.close()


def _made(qtbot, thumbnails: Thumbnails, request: ThumbnailRequest) -> QImage:
    assert thumbnails.thumbnail(request) is None  # never decoded on the caller's thread
    with qtbot.waitSignal(thumbnails.ready, timeout=10_000) as signal:
        pass
    key, image = signal.args
    assert key == request.key
    return image


def _halves(path: Path, left: str = "red", right: str = "blue", width: int = 400, height: int = 200) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(left))
    for x in range(width // 2, width):
        for y in range(height):
            image.setPixelColor(x, y, QColor(right))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))


def _colour(image: QImage) -> str:
    """The colour at the image's centre, by name (the disk cache keeps JPEG: colours come back near)."""
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    for name in ("#ff0000", "#0000ff", "#00ff00"):
        want = QColor(name)
        if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 12:
            return name
    return c.name()


def test_a_thumbnail_is_scaled_once_and_then_answered_from_memory(qtbot, thumbnails: Thumbnails,
                                                                  tmp_path: Path) -> None:
    write_image(tmp_path / "elena.jpg", width=800, height=600)
    request = ThumbnailRequest(str(tmp_path / "elena.jpg"), size=96)
    image = _made(qtbot, thumbnails, request)
    assert (image.width(), image.height()) == (96, 72)
    again = thumbnails.thumbnail(request)
    assert again is not None
    assert again.size() == image.size()
    assert (thumbnails.decoded, thumbnails.hits) == (1, 1)


def test_the_disk_cache_serves_the_next_session_until_the_photo_changes(qtbot, tmp_path: Path) -> None:
    photo = tmp_path / "elena.png"
    _halves(photo, "red", "red")
    request = ThumbnailRequest(str(photo), size=64)
    for session, (colour, decoded, from_disk) in enumerate([("#ff0000", 1, 0), ("#ff0000", 0, 1),
                                                            ("#00ff00", 1, 0)]):
        if session == 2:
            _halves(photo, "#00ff00", "#00ff00", width=402)  # edited: another size
        made = Thumbnails(cache_folder=str(tmp_path / "cache"))
        try:
            assert _colour(_made(qtbot, made, request)) == colour
            assert (made.decoded, made.from_disk) == (decoded, from_disk)
        finally:
            made.close()


def test_memory_holds_no_more_than_its_bound_least_recently_used_out(qtbot, tmp_path: Path) -> None:
    for i in range(8):
        write_image(tmp_path / f"p{i}.png", width=64, height=64, seed=i)
    one = 32 * 32 * 4
    made = Thumbnails(cache_folder="", memory_bytes=3 * one)
    try:
        requests = [ThumbnailRequest(str(tmp_path / f"p{i}.png"), size=32) for i in range(8)]
        for request in requests:
            _made(qtbot, made, request)
            assert made.memory_used <= 3 * one
        assert made.memory_used == 3 * one
        assert made.thumbnail(requests[0]) is None  # dropped first (and made again)
        made.wait()
        assert made.thumbnail(requests[7]) is not None
    finally:
        made.close()


@pytest.mark.parametrize(("crop", "square", "size", "colour"), [
    (None, False, (96, 48), None),
    (None, True, (96, 96), None),  # a chart box's portrait: the centre of the photo
    (Crop(top=0, left=0, height=200, width=200), False, (96, 96), "#ff0000"),
    (Crop(top=50, left=250), False, (96, 96), "#0000ff"),  # 7.0 CROP without HEIGHT or WIDTH: to the edges
    (Crop(top=0, left=900), False, (96, 48), None),  # a crop outside the image: all of it
])
def test_a_thumbnail_shows_the_crop_or_the_centre(qtbot, thumbnails: Thumbnails, tmp_path: Path,
                                                  crop: Crop | None, square: bool, size: tuple[int, int],
                                                  colour: str | None) -> None:
    _halves(tmp_path / "halves.png")
    image = _made(qtbot, thumbnails, ThumbnailRequest(str(tmp_path / "halves.png"), "", 96, crop, square))
    assert (image.width(), image.height()) == size
    if colour:
        assert _colour(image) == colour


def test_a_phone_photo_stands_as_taken(qtbot, thumbnails: Thumbnails, tmp_path: Path) -> None:
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    writer = QImageWriter(str(tmp_path / "phone.jpg"))
    writer.setTransformation(QImageIOHandler.Transformation.TransformationRotate90)  # EXIF orientation
    assert writer.write(image)
    made = _made(qtbot, thumbnails, ThumbnailRequest(str(tmp_path / "phone.jpg"), size=100))
    assert (made.width(), made.height()) == (50, 100)


def test_a_photo_in_a_gedzip_and_one_that_cannot_be_read(qtbot, thumbnails: Thumbnails,
                                                         tmp_path: Path) -> None:
    _halves(tmp_path / "halves.png")
    archive = tmp_path / "family.gdz"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("gedcom.ged", "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 OBJE @M1@\n0 @M1@ OBJE\n"
                                 "1 FILE media/halves.png\n2 FORM image/png\n0 TRLR\n")
        z.write(tmp_path / "halves.png", "media/halves.png")
        z.writestr("media/broken.png", b"\x89PNG\r\n\x1a\n not really")
    from familytree.gedcom import read_file

    photo = media_catalog(read_file(archive)).primary_photo("@I1@")
    assert photo is not None
    image = _made(qtbot, thumbnails, ThumbnailRequest.of(photo.location, 50, crop=Crop(0, 0, 200, 200)))
    assert _colour(image) == "#ff0000"
    broken = ThumbnailRequest("media/broken.png", str(archive), 50)
    assert thumbnails.thumbnail(broken) is None
    with qtbot.waitSignal(thumbnails.failed, timeout=10_000) as signal:
        pass
    assert signal.args[0] == broken.key
    assert thumbnails.reason(broken)
    assert thumbnails.thumbnail(broken) is None  # not tried again on every repaint
    assert thumbnails.wait(1000)


def test_the_disk_cache_is_cut_back_oldest_first(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for i in range(10):
        path = folder / f"{i:02}" / f"{i}.thumb"
        path.parent.mkdir(parents=True)
        path.write_bytes(bytes(1000))
        os.utime(path, ns=(i * 10**9, i * 10**9))
    assert prune_disk_cache(str(folder), 10_000) == 0
    assert prune_disk_cache(str(folder), 5_000) == 6
    assert sorted(p.name for p in folder.glob("*/*")) == ["6.thumb", "7.thumb", "8.thumb", "9.thumb"]


# -- hostile photos, memory measured in a fresh process ------------------------------------------
def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose header claims width x height pixels (the data runs out long before)."""
    data = bytearray(image_bytes("JPEG", 16, 16))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def _lying_archive(path: Path, declared: int, inflates: int) -> Path:
    """gedcom.ged and media/photo.jpg, whose directory says `declared` bytes but inflates to `inflates`."""
    block = 64 * MiB
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    part = deflate.compress(bytes(block)) + deflate.flush(zlib.Z_FULL_FLUSH)
    data = part * (inflates // block) + deflate.flush()
    gedcom = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 TRLR\n"
    out = bytearray()
    central = bytearray()
    for name, body, method, size, crc in ((b"gedcom.ged", gedcom, 0, len(gedcom), zlib.crc32(gedcom)),
                                          (b"media/photo.jpg", data, 8, declared, 0)):
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(body), size,
                           len(name), 0) + name + body
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(body), size,
                               len(name), 0, 0, 0, 0, 0, offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


_MEASURE = """
import json, resource, sys
from familytree.render.thumbnails import ThumbnailRequest, decode_thumbnail
decode_thumbnail(ThumbnailRequest(sys.argv[1], size=96))  # the image plugins loaded
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
reasons = [decode_thumbnail(ThumbnailRequest(*json.loads(a), size=96), sys.argv[2])[1] for a in sys.argv[3:]]
grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(json.dumps({"grew_mib": grew, "reasons": reasons}))
"""


def test_hostile_photos_are_refused_within_bounded_memory(tmp_path: Path) -> None:
    write_image(tmp_path / "warm.jpg")
    (tmp_path / "bomb.png").write_bytes(huge_png(30_000, 30_000))  # 3.4 GiB decoded whole, 110 KiB here
    (tmp_path / "claims.jpg").write_bytes(_jpeg_claiming(20_000, 20_000))  # 1.5 GiB whole; decoded at 1/8
    (tmp_path / "vast.jpg").write_bytes(_jpeg_claiming(65_000, 65_000))  # past the budget even at 1/8
    with zipfile.ZipFile(tmp_path / "bombs.gdz", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("gedcom.ged", "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 TRLR\n")
        z.write(tmp_path / "bomb.png", "media/bomb.png")
    small_lie = _lying_archive(tmp_path / "small.gdz", 1 * MiB, 2048 * MiB)  # read into memory
    large_lie = _lying_archive(tmp_path / "large.gdz", 40 * MiB, 2048 * MiB)  # copied to a temporary file
    honest = _lying_archive(tmp_path / "honest.gdz", 2048 * MiB, 2048 * MiB)  # 2 GiB of zeros: a bomb
    sources = [(str(tmp_path / "bomb.png"), ""), (str(tmp_path / "claims.jpg"), ""),
               (str(tmp_path / "vast.jpg"), ""), ("media/bomb.png", str(tmp_path / "bombs.gdz")),
               ("media/photo.jpg", str(small_lie)), ("media/photo.jpg", str(large_lie)),
               ("media/photo.jpg", str(honest))]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cache = tmp_path / "cache"
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(tmp_path / "warm.jpg"), str(cache),
                          *(json.dumps(s) for s in sources)],
                         capture_output=True, text=True, env=env, timeout=240, check=True)
    result = json.loads(out.stdout.splitlines()[-1])
    bomb, claims, vast, member_bomb, small, large, zeros = result["reasons"]
    assert "30,000 × 30,000 pixels: too large to show" in bomb
    assert claims == ""  # made, at an eighth of its size, from what data there is
    assert "65,000 × 65,000 pixels: too large to show" in vast
    assert "30,000 × 30,000 pixels: too large to show" in member_bomb
    assert "'media/photo.jpg' cannot be read" in small  # read only as far as declared, then refused
    assert "'media/photo.jpg' cannot be read" in large
    assert "inflates" in zeros
    assert "not read" in zeros
    assert result["grew_mib"] < 120, result
    assert cache.is_dir()
    assert not list(cache.glob("**/*.photo"))  # no temporary copy of a member left behind
