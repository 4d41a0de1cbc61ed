"""GEDZIP archives read and re-saved within limits, whatever they claim; media kept, unsafe names never."""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_file, write_file
from familytree.gedcom.gedzip import LIMITS, Limits, read_gedcom
from familytree.model import Severity, Tree
from familytree.privacy import Mode

ROOT = Path(__file__).resolve().parent.parent
FINDINGS = ROOT.parent / "shared" / "fuzz-findings"
GEDCOM = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ada /Byron/\n1 OBJE\n2 FILE media/photo.jpg\n" \
         b"3 FORM image/jpeg\n0 TRLR\n"
PHOTO = bytes(range(256)) * 40  # stands for a JPEG: bytes that do not deflate much
MiB = 1 << 20


def _archive(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _zeros_member(path: Path, size: int, gedcom: bytes | None = GEDCOM, name: str = "gedcom.ged") -> Path:
    """An archive whose member `name` inflates to `size` zero bytes (the archive itself stays small)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if gedcom is not None and name != "gedcom.ged":
            z.writestr("gedcom.ged", gedcom)
        with z.open(name, "w", force_zip64=True) as f:
            chunk = bytes(MiB)
            for _ in range(size // MiB):
                f.write(chunk)
    return path


def _raw_zeros_archive(path: Path, size: int, declared: int | None = None) -> Path:
    """gedcom.ged of `size` zero bytes, its deflated stream built by repeating one fully flushed block.

    Builds a 2 GiB member in a fraction of a second; `declared` is the size its headers claim.
    """
    block = 64 * MiB
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    part = deflate.compress(bytes(block)) + deflate.flush(zlib.Z_FULL_FLUSH)  # no reference past itself
    data = part * (size // block) + deflate.flush()
    crc = 0
    chunk = bytes(block)
    for _ in range(size // block):
        crc = zlib.crc32(chunk, crc)
    declared = size if declared is None else declared
    name = b"gedcom.ged"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), declared, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), declared,
                          len(name), 0, 0, 0, 0, 0, 0)
    start = len(local) + len(name) + len(data)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), start, 0)
    path.write_bytes(local + name + data + central + name + end)
    return path


def _problems(tree: Tree) -> list[str]:
    return [d.message for d in tree.diagnostics]


def _peak_while(action):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- bounded reading -----------------------------------------------------------------------------
def test_a_gedcom_inflating_past_the_limit_is_not_read_and_says_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _zeros_member(tmp_path / "bomb.gdz", 24 * MiB, gedcom=None)
    assert path.stat().st_size < 100_000
    tree, peak = _peak_while(lambda: read_file(path, limits=Limits(gedcom_bytes=16 * MiB, ratio=10_000)))
    assert peak < 4 * MiB  # refused from the directory, before inflating anything
    assert not tree.people
    problem = next(d for d in tree.diagnostics if "not read" in d.message)
    assert "16.0 MiB" in problem.message
    assert "24.0 MiB" in problem.message
    assert problem.severity is Severity.ERROR
    # within the limit it is read (zero bytes are no GEDCOM, but they are read)
    assert not any("not read" in m for m in _problems(read_file(path, limits=Limits(ratio=10_000))))
    # with the default limits 24 MiB are read (gedcom.ged has no ratio limit, only its size):
    # zero bytes are no GEDCOM, and `info` says so in one line naming the file
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bomb.gdz" in err
    assert "not a GEDCOM file" in err


def test_a_2_gib_gedcom_in_a_2_mb_archive_is_refused_at_the_real_limit(tmp_path: Path) -> None:
    path = _raw_zeros_archive(tmp_path / "bomb.gdz", 2 << 30)
    assert path.stat().st_size < 4 * MiB
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("gedcom.ged").file_size == 2 << 30
    tree, peak = _peak_while(lambda: read_file(path))
    assert peak < 4 * MiB
    assert not tree.people
    assert any("2.0 GiB" in m and "1.0 GiB" in m for m in _problems(tree)), _problems(tree)


def test_a_gedcom_whose_directory_entry_hides_its_size_is_read_no_further(tmp_path: Path) -> None:
    # the directory says 4 KiB; the deflated data goes on to 2 GiB (and its CRC is that of all of it)
    path = _raw_zeros_archive(tmp_path / "liar.gdz", 2 << 30, declared=4096)
    tree, peak = _peak_while(lambda: read_file(path))
    assert peak < 8 * MiB
    assert not tree.people
    assert any("cannot be opened" in m and "CRC" in m for m in _problems(tree)), _problems(tree)


def test_inflating_stops_at_the_declared_size_even_if_the_zip_library_would_go_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _archive(tmp_path / "family.gdz", {"gedcom.ged": GEDCOM})
    real_open = zipfile.ZipFile.open

    def open_longer(self: zipfile.ZipFile, name, mode="r", **kwargs):  # type: ignore[no-untyped-def]
        if mode == "r":
            # as a zip library that trusts the data more than the directory would
            return io.BytesIO(real_open(self, name).read() + bytes(3 * MiB))
        return real_open(self, name, mode, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_longer)
    with open(path, "rb") as f:
        data, problems = read_gedcom(f)
    assert data == b""
    assert any("inflates past" in p for p in problems), problems


def test_a_bomb_among_the_media_leaves_the_family_readable_and_is_not_saved(tmp_path: Path) -> None:
    path = _zeros_member(tmp_path / "family.gdz", 8 * MiB, name="media/bomb.bmp")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("media/photo.jpg", PHOTO)
    tree = read_file(path)
    assert tree.people["@I1@"].names[0].display() == "Ada Byron"
    assert any("media/bomb.bmp" in m and "not kept" in m for m in _problems(tree)), _problems(tree)
    notes = write_file(tree, path)
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["gedcom.ged", "media/photo.jpg"]
        assert z.read("media/photo.jpg") == PHOTO
    assert any("media/bomb.bmp" in n for n in notes)


def test_too_many_members_keeps_the_first_and_says_so(tmp_path: Path) -> None:
    members = {"gedcom.ged": GEDCOM} | {f"media/{i:02}.jpg": PHOTO[i:] for i in range(12)}
    path = _archive(tmp_path / "family.gdz", members)
    limits = Limits(entries=5)
    tree = read_file(path, limits=limits)
    assert tree.people
    problems = _problems(tree)
    assert sum("past the first 5 members" in m for m in problems) == 7, problems
    with open(path, "rb") as f:
        assert read_gedcom(f, limits)[0] == GEDCOM


def test_a_directory_past_the_limit_is_not_read(tmp_path: Path) -> None:
    members = {"gedcom.ged": GEDCOM} | {f"media/{i:04}.jpg": b"x" for i in range(200)}
    path = _archive(tmp_path / "family.gdz", members)
    tree = read_file(path, limits=Limits(directory_bytes=4096))
    assert not tree.people
    assert any("directory" in m and "4.0 KiB" in m for m in _problems(tree)), _problems(tree)
    assert read_file(path).people  # the default limit reads it


def _with_zip64_end(data: bytes, directory_size: int) -> bytes:
    """The archive with its end record pointing to a zip64 end record that gives `directory_size`."""
    end = data.rindex(b"PK\x05\x06")
    entries, size, offset = struct.unpack_from("<HLL", data, end + 10)
    zip64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, directory_size,
                        offset)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    record = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return data[:end] + zip64 + locator + record


def test_the_directory_size_of_a_zip64_end_record_is_the_one_checked(tmp_path: Path) -> None:
    plain = _archive(tmp_path / "plain.gdz", {"gedcom.ged": GEDCOM}).read_bytes()
    size = struct.unpack_from("<L", plain, plain.rindex(b"PK\x05\x06") + 12)[0]
    honest = tmp_path / "zip64.gdz"
    honest.write_bytes(_with_zip64_end(plain, size))
    assert read_file(honest).people  # other tools write every zip64 archive this way
    lying = tmp_path / "huge.gdz"
    lying.write_bytes(_with_zip64_end(plain, 1 << 40))
    tree = read_file(lying)
    assert any("directory" in m for m in _problems(tree)), _problems(tree)


def test_cancel_stops_inflating(tmp_path: Path) -> None:
    from familytree.gedcom import LoadCancelled

    path = _zeros_member(tmp_path / "big.gdz", 8 * MiB, gedcom=None)
    with pytest.raises(LoadCancelled):
        read_file(path, cancel=lambda: True, limits=Limits(ratio=10_000))


# -- re-saving: no unsafe name copied, every safe member byte for byte ------------------------------
UNSAFE = {
    "../../../../tmp/EVIL-traversal": "path out of the archive",
    "media/../../up.jpg": "path out of the archive",
    "/tmp/EVIL-absolute": "absolute",
    "..\\..\\EVIL-backslash": "backslash",
    "C:/Windows/evil.dll": "drive",
    "c:evil.txt": "drive",
    "media/bell\x07.jpg": "control",
    "old-export.ged": "another GEDCOM",
}


def _hostile_archive(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, which is the point
        z.writestr("gedcom.ged", GEDCOM)
        z.writestr("media/photo.jpg", PHOTO)
        z.writestr("media/", b"")
        z.writestr("media/notes/letter.txt", b"Dear Ada,\n" * 50)
        for name in UNSAFE:
            z.writestr(name, b"evil")
        link = zipfile.ZipInfo("media/link.jpg")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("media/photo.jpg", b"a second photo.jpg")
        z.writestr("media/nulXhidden.jpg", b"evil")
    # zipfile cuts names at a NUL: put it in by hand
    data = path.read_bytes().replace(b"media/nulXhidden.jpg", b"media/nul\x00hidden.jpg")
    path.write_bytes(data)
    return path


def test_resaving_a_hostile_archive_keeps_every_safe_member_and_no_unsafe_name(tmp_path: Path) -> None:
    old = _hostile_archive(tmp_path / "family.gdz")
    tree = read_file(old)
    assert tree.people
    read_problems = " | ".join(_problems(tree))
    copy = tmp_path / "copy.gdz"
    notes = write_file(tree, copy)
    with zipfile.ZipFile(copy) as new, zipfile.ZipFile(old) as before:
        assert sorted(new.namelist()) == ["gedcom.ged", "media/notes/letter.txt", "media/photo.jpg"]
        assert new.read("media/photo.jpg") == PHOTO  # the first of the two
        assert new.read("media/notes/letter.txt") == before.read("media/notes/letter.txt")
        assert all(stat.S_ISREG(i.external_attr >> 16) for i in new.infolist())
    said = " | ".join(notes)
    for name, reason in [*UNSAFE.items(), ("media/link.jpg", "symbolic link"), ("media/photo.jpg", "second"),
                         ("media/nul\\x00hidden.jpg", "control")]:
        shown = name.replace("\x07", "\\x07")
        for text in (said, read_problems):
            assert re.search(re.escape(f"'{shown}' (") + "[^)]*" + re.escape(reason), text), (name, text)


def test_resaving_the_fuzzers_traversal_archive(tmp_path: Path) -> None:
    source = FINDINGS / "min-gdz-traversal-symlink-resave.gdz"
    if not source.exists():
        pytest.skip("../shared/fuzz-findings is not beside this checkout")
    tree = read_file(source)
    target = tmp_path / "resaved.gdz"
    notes = write_file(tree, target)
    with zipfile.ZipFile(target) as new, zipfile.ZipFile(source) as old:
        assert sorted(new.namelist()) == ["gedcom.ged", "media/photo.jpg"]
        assert new.read("media/photo.jpg") == old.read("media/photo.jpg")
    assert len(notes) == 3
    assert all("not kept" in n for n in notes)


def test_saving_a_gedzip_streams_its_media(tmp_path: Path) -> None:
    # 200 MB of media: it must pass through in chunks, never held whole (let alone twice)
    block = os.urandom(MiB)
    old = tmp_path / "family.gdz"
    with zipfile.ZipFile(old, "w") as z:
        z.writestr("gedcom.ged", GEDCOM)
        with z.open("media/film.mp4", "w") as f:
            for _ in range(200):
                f.write(block)
    tree = read_file(old)
    target = tmp_path / "copy.gdz"
    notes, peak = _peak_while(lambda: write_file(tree, target))
    assert notes == []
    assert peak < 16 * MiB
    with zipfile.ZipFile(old) as a, zipfile.ZipFile(target) as b:
        before, after = a.getinfo("media/film.mp4"), b.getinfo("media/film.mp4")
        assert (after.file_size, after.CRC) == (before.file_size, before.CRC)
        assert b.testzip() is None


def test_a_gedzip_saved_as_a_bare_ged_warns_where_its_media_stay(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    old = _archive(tmp_path / "family.gdz", {"gedcom.ged": GEDCOM, "media/photo.jpg": PHOTO})
    assert main(["convert", str(old), str(tmp_path / "family.ged")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "warning" in err
    assert str(old) in err
    assert "media/photo.jpg" in err
    assert main(["convert", str(old), str(tmp_path / "copy.gdz")]) == 0
    assert capsys.readouterr().err == ""
    with zipfile.ZipFile(tmp_path / "copy.gdz") as z:
        assert z.read("media/photo.jpg") == PHOTO
    bare = _archive(tmp_path / "bare.gdz", {"gedcom.ged": GEDCOM})  # no media: nothing to warn about
    assert main(["convert", str(bare), str(tmp_path / "bare.ged")]) == 0
    assert capsys.readouterr().err == ""


def test_the_default_limits_are_those_documented() -> None:
    assert (LIMITS.gedcom_bytes, LIMITS.member_bytes, LIMITS.ratio, LIMITS.entries) == (1 << 30, 4 << 30,
                                                                                        1000,
                                                                                        100_000)


# -- the window ------------------------------------------------------------------------------------
@pytest.fixture
def gdz_window(qtbot, tmp_path):
    from familytree.ui.main_window import MainWindow

    old = _archive(tmp_path / "family.gdz", {"gedcom.ged": GEDCOM, "media/photo.jpg": PHOTO})
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(old))
    return window, old


def _no_dialog(*_args, **_kwargs):
    raise AssertionError("File > Save on a .gdz asked where to save")


@pytest.mark.gui
def test_file_save_on_a_gedzip_keeps_a_gedzip_with_its_media(gdz_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window, old = gdz_window
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _no_dialog)
    window.workspace.tree.people["@I1@"].names[0].full = "Ada /Lovelace/"
    window.actions_by_id["file.save"].trigger()
    with zipfile.ZipFile(old) as z:
        assert sorted(z.namelist()) == ["gedcom.ged", "media/photo.jpg"]
        assert z.read("media/photo.jpg") == PHOTO
    assert read_file(old).people["@I1@"].names[0].full == "Ada /Lovelace/"
    assert "GEDZIP" in window.statusBar().currentMessage()


@pytest.mark.gui
@pytest.mark.parametrize(("typed", "chosen", "written"), [
    ("copy", "gdz", "copy.gdz"),
    ("copy.gdz", "7.0", "copy.gdz"),  # the suffix the user typed wins
    ("copy.ged", "gdz", "copy.ged"),
])
def test_save_as_offers_gedzip_and_keeps_the_suffix_typed(gdz_window, monkeypatch, tmp_path, typed, chosen,
                                                           written):
    from PySide6.QtWidgets import QFileDialog

    from familytree.ui import files as mw

    window, old = gdz_window
    filters = {"gdz": mw.SAVE_FILTER_GDZ, "7.0": mw.SAVE_FILTER_7}
    offered: list[str] = []

    def dialog(_parent, _caption, _start, filter_text, selected):
        offered.extend([filter_text, selected])
        return str(tmp_path / typed), filters[chosen]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(window.files, "ask_living", lambda *_: Mode.SHOW)  # Save As's options: all kept
    window.actions_by_id["file.save_as"].trigger()
    assert "*.gdz" in offered[0]
    assert "GEDCOM 7.0" in offered[0]
    assert "GEDCOM 5.5.1" in offered[0]
    assert offered[1] == mw.SAVE_FILTER_GDZ  # the file open is a .gdz
    target = tmp_path / written
    assert window.workspace.path == str(target)
    if written.endswith(".gdz"):
        with zipfile.ZipFile(target) as z:
            assert z.read("media/photo.jpg") == PHOTO
    else:
        assert target.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(b"0 HEAD")
        message = window.statusBar().currentMessage()
        assert str(old) in message
        assert "media" in message


def test_the_problems_line_viewer_shows_the_gedcom_the_reader_read(tmp_path: Path) -> None:
    from familytree.ui.problems import read_lines_around

    dated = GEDCOM.replace(b"Byron/", b"Byron/\n1 BIRT\n2 DATE soon")
    path = _archive(tmp_path / "family.gdz", {"gedcom.ged": dated})
    with zipfile.ZipFile(path, "a") as z, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the duplicate name is the point
        with z.open("gedcom.ged", "w", force_zip64=True) as f:  # a second gedcom.ged: a zip bomb
            for _ in range(64):
                f.write(bytes(MiB))
    tree = read_file(path)
    line = next(d.line for d in tree.diagnostics if "soon" in d.message)
    (first, lines), peak = _peak_while(lambda: read_lines_around(str(path), line, tree))
    assert lines[line - first] == "2 DATE soon"
    assert peak < 8 * MiB


@pytest.mark.gui
def test_file_save_never_replaces_an_archive_whose_gedcom_was_not_read(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from familytree.ui.main_window import MainWindow

    path = _raw_zeros_archive(tmp_path / "big.gdz", 2 << 30)  # past the 1 GiB read
    before = path.read_bytes()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _no_dialog)
    window.actions_by_id["file.save"].trigger()
    assert path.read_bytes() == before
    assert "not saved" in window.files.last_error
    assert "1.0 GiB" in window.files.last_error


def test_media_come_along_from_an_archive_whatever_its_name(tmp_path: Path) -> None:
    old = _archive(tmp_path / "family.zip", {"gedcom.ged": GEDCOM, "media/photo.jpg": PHOTO})
    notes = write_file(read_file(old), tmp_path / "copy.gdz")
    assert notes == []
    with zipfile.ZipFile(tmp_path / "copy.gdz") as z:
        assert z.read("media/photo.jpg") == PHOTO


def test_a_gedzip_familytree_writes_of_a_repetitive_family_reads_back(tmp_path: Path) -> None:
    """The same long excerpt cited on thousands of people deflates by hundreds to one: still a family."""
    excerpt = "While continuing to enjoy meeting Vienna's political and cultural luminaries. " * 40
    lines = ["0 HEAD", "1 GEDC", "2 VERS 7.0", "0 @S1@ SOUR", "1 TITL Memoirs"]
    for i in range(1, 2001):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Person{i} /Sedov/", "1 SOUR @S1@", f"2 PAGE {excerpt}"]
    source = tmp_path / "family.ged"
    source.write_text("\n".join([*lines, "0 TRLR", ""]), encoding="utf-8")
    archive = tmp_path / "family.gdz"
    write_file(read_file(source), archive)
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("gedcom.ged")
        assert info.file_size > 100 * info.compress_size  # what the old 100:1 limit refused
    again = read_file(archive)
    assert len(again.people) == 2000
    assert not [d for d in again.diagnostics if "not read" in d.message]


def test_a_member_name_that_shows_another_name_is_not_kept(tmp_path: Path) -> None:
    disguised = "media/\u202egnp.exe"  # shown as "media/exe.png"
    path = _archive(tmp_path / "odd.gdz", {"gedcom.ged": GEDCOM, disguised: b"MZ"})
    tree = read_file(path)
    assert any("direction controls" in m for m in _problems(tree)), _problems(tree)
    copy = tmp_path / "copy.gdz"
    write_file(tree, copy)
    with zipfile.ZipFile(copy) as z:
        assert disguised not in z.namelist()
