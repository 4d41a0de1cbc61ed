"""GEDZIP archives (gedcom.ged plus media) read and written within limits, streaming each member.

An archive is untrusted input: six megabytes of zip can inflate to gigabytes, and member
names can point anywhere. What is read and what is copied into a new archive is bounded
before anything is inflated, from the archive's central directory (see `Limits`), and again
while inflating, since the sizes a directory declares can lie. A member past a limit or with
a name no extractor should honour is left out and named in a problem; the rest of the
archive is still read. Members are read and copied in chunks: saving a .gdz holds one chunk
of a media file in memory, never the whole file. `MediaArchive` reads one photo the same way
(for a thumbnail), and `write_gedzip` packs the photos a tree links from the disk beside it.
"""

from __future__ import annotations

import io
import lzma
import os
import re
import stat
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import BinaryIO

from familytree.gedcom.lexer import LoadCancelled
from familytree.model.slotted import slotted

__all__ = ["Limits", "LIMITS", "ZIP_MAGIC", "MediaArchive", "MemberError", "is_archive", "read_gedcom",
           "write_gedzip", "media_left_behind", "unsafe_member_name"]

ZIP_MAGIC = b"PK\x03\x04"
GEDCOM_MEMBER = "gedcom.ged"
_CHUNK = 1 << 20
_MAX_NAMED = 20  # members named one by one in the problems; the rest are counted


@slotted(frozen=True)
class Limits:
    """What familytree reads from, and copies out of, one GEDZIP archive.

    gedcom_bytes: 1 GiB of GEDCOM is about six million people (a million-person file is
    175 MB, and takes 1.9 GB of memory to read); larger is no family tree a desktop
    program can hold. member_bytes: 4 GiB per media file, the largest a zip holds without
    its 64-bit extensions. ratio, for media: photos deflate by about 1 to 1, a scan of a
    white page far more; past 1,000 to 1 is a zip bomb (deflate reaches 1032 to 1 on
    zeros). gedcom.ged has no ratio limit: a file that cites the same long excerpts on
    every person deflates by hundreds to one, and it is read into memory only up to
    gedcom_bytes anyway. Members under ratio_exempt_bytes are too small for their ratio
    to matter. entries: a photo for every person of a 100,000-person tree.
    directory_bytes: the central directory is read whole before any member (about 100
    bytes a member).
    """

    gedcom_bytes: int = 1 << 30
    member_bytes: int = 4 << 30
    ratio: int = 1000
    ratio_exempt_bytes: int = 64 << 10
    entries: int = 100_000
    directory_bytes: int = 32 << 20


LIMITS = Limits()

# what zipfile and the decompressors raise on a damaged, encrypted or unusual archive
ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError, EOFError,
                  NotImplementedError, zlib.error, lzma.LZMAError, struct.error)
_SUPPORTED = frozenset((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # "\u202egnp.exe" shows as "exe.png"
_DRIVE_RE = re.compile(r"[A-Za-z]:")
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def read_gedcom(source: BinaryIO, limits: Limits = LIMITS,
                cancel: Callable[[], bool] | None = None) -> tuple[bytes, list[str]]:
    """The GEDCOM bytes of the archive open as `source` (b"" when none can be read), and its problems.

    Reads gedcom.ged (or, failing that, the first member ending in .ged) in chunks, up to
    `limits`; the problems name what was not read and which members a save will not keep.
    Raises LoadCancelled when cancel() turns True between chunks.
    """
    try:
        refused = _directory_problem(source, limits)
        if refused:
            return b"", [f"the GEDZIP archive cannot be opened: {refused}"]
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            member = _gedcom_member(infos)
            if member is None:
                return b"", ["the GEDZIP archive has no gedcom.ged", *_media(infos, None, limits)[1]]
            problems = [] if member.filename == GEDCOM_MEMBER else [
                f"the GEDZIP archive has no gedcom.ged; read {_shown(member.orig_filename)}"]
            problems += _media(infos, member, limits)[1]
            too_big = _size_problem(member, limits.gedcom_bytes, limits, by_ratio=False)
            if too_big:
                return b"", [f"the GEDZIP archive's {_shown(member.orig_filename)} is not read: it {too_big}",
                             *problems]
            return _inflate(archive, member, min(member.file_size, limits.gedcom_bytes), cancel), problems
    except _InflateError as e:
        return b"", [f"the GEDZIP archive's GEDCOM is not read: {e}"]
    except ARCHIVE_ERRORS as e:  # damaged compressed data, an unknown compression method, encryption
        return b"", [f"the file looks like a GEDZIP archive but cannot be opened: {e}"]


def write_gedzip(out: BinaryIO, gedcom: bytes, source: str, limits: Limits = LIMITS,
                 leave_out: Collection[str] = (), pack: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Write a GEDZIP archive into `out`: `gedcom`, then the media of the archive `source`, if it is one,
    but for the members named in `leave_out`, then the files `pack` names, (member name, path on disk).

    Media are streamed from the old archive, and from the disk, into the new one in chunks.
    Members that are unsafe or past `limits` are left out; the returned problems name them.
    Raises OSError when the old archive's media or a file to pack cannot be copied (the
    caller's save then fails whole).
    """
    problems: list[str] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as new:
        new.writestr(_plain_file(GEDCOM_MEMBER), gedcom)
        taken = {GEDCOM_MEMBER}
        if is_archive(source):
            try:
                with open(source, "rb") as f:
                    refused = _directory_problem(f, limits)
                    if refused:
                        raise OSError(refused)
                    with zipfile.ZipFile(f) as old:
                        infos = old.infolist()
                        kept, problems = _media(infos, _gedcom_member(infos), limits)
                        for info in kept:
                            if info.orig_filename not in leave_out:
                                _copy(old, info, new)
                                taken.add(info.filename)
            except (*ARCHIVE_ERRORS, _InflateError) as e:
                raise OSError(f"cannot copy the media files of {source}: {e}") from e
        for name, path in pack:
            reason = "a second member of the same name" if name in taken else unsafe_member_name(name)
            if reason:
                problems.append(f"{path} is not packed as {_shown(name)} ({reason})")
                continue
            _pack(path, name, new, limits)
            taken.add(name)
    return problems


class MemberError(OSError):
    """A member of a GEDZIP archive that is not read: not there, unsafe, past the limits, or damaged."""


class MediaArchive:
    """The media members of one GEDZIP archive, each read in chunks within `limits`.

    The directory is read once (its size checked before); `members` are the media a save
    keeps, by name, `refused` the others with why. Members may be read from several
    threads at once: zipfile reads the one file under a lock. Raises OSError when the
    archive cannot be opened.
    """

    def __init__(self, path: str, limits: Limits = LIMITS) -> None:
        self.path = path
        self.limits = limits
        f = open(path, "rb")  # noqa: SIM115 - closed with the archive
        try:
            refused = _directory_problem(f, limits)
            if refused:
                raise OSError(f"{path}: {refused}")
            self._zip = zipfile.ZipFile(f)
            infos = self._zip.infolist()
            kept, left_out = _sorted_out(infos, _gedcom_member(infos), limits)
        except ARCHIVE_ERRORS as e:
            f.close()
            raise OSError(f"{path}: the GEDZIP archive cannot be opened: {e}") from e
        self._file = f
        self.members: dict[str, zipfile.ZipInfo] = {i.orig_filename: i for i in kept}
        self.refused: dict[str, str] = {name: reason for name, reason in reversed(left_out)
                                        if name not in self.members}

    def size(self, name: str) -> int:
        """The size `name` inflates to, as its directory entry declares."""
        return self._info(name).file_size

    def chunks(self, name: str, most: int | None = None) -> Iterator[bytes]:
        """The bytes of member `name` in chunks; MemberError past `most` bytes (default: its size)."""
        info = self._info(name)
        allowed = info.file_size if most is None else min(most, info.file_size)
        read = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    read += len(chunk)
                    if read > allowed:
                        raise MemberError(f"{_shown(name)} inflates past {_size(allowed)}")
                    yield chunk
        except ARCHIVE_ERRORS as e:
            if isinstance(e, MemberError):
                raise
            raise MemberError(f"{_shown(name)} cannot be read: {e}") from e

    def read(self, name: str, most: int) -> bytes:
        """The whole of member `name`; MemberError when it is larger than `most` bytes."""
        if self.size(name) > most:
            raise MemberError(f"{_shown(name)} is {_size(self.size(name))}, more than the {_size(most)} "
                              "read whole")
        return b"".join(self.chunks(name, most))

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def __enter__(self) -> MediaArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.members.get(name)
        if info is None:
            why = self.refused.get(name, "no such member")
            raise MemberError(f"{_shown(name)} is not read from {self.path} ({why})")
        return info


def media_left_behind(source: str, target: str) -> str:
    """A warning when a tree read from the archive `source` is saved as the bare GEDCOM file `target`."""
    if target.lower().endswith(".gdz") or not is_archive(source):
        return ""
    try:
        with open(source, "rb") as f:
            if _directory_problem(f, LIMITS):
                return ""
            with zipfile.ZipFile(f) as archive:
                infos = archive.infolist()
                kept = _media(infos, _gedcom_member(infos), LIMITS)[0]
    except ARCHIVE_ERRORS:
        return ""
    if not kept:
        return ""
    n = len(kept)
    return (f"{n} media file{'s' * (n != 1)} (such as {_shown(kept[0].filename)}) stay in {source}: "
            f"{os.path.basename(target)} is a bare GEDCOM file, so the FILE paths in it do not lead to them; "
            "save as GEDZIP (.gdz) to keep them together")


class _InflateError(Exception):
    """A member inflated past what its directory entry or the limits allow."""


def is_archive(path: str) -> bool:
    """Whether the file a tree was read from is a zip archive (whatever its name ends in)."""
    if not path or not os.path.isfile(path):  # (opening a pipe would wait for a writer)
        return False
    try:
        with open(path, "rb") as f:
            return f.read(4) == ZIP_MAGIC
    except OSError:
        return False


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, allowed: int,
             cancel: Callable[[], bool] | None) -> bytes:
    # BytesIO hands over its buffer without a copy: one copy of the GEDCOM in memory
    buf = io.BytesIO()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            if buf.tell() + len(chunk) > allowed:
                raise _InflateError(f"{_shown(info.orig_filename)} inflates past the {_size(allowed)} "
                                    "its directory entry declares")
            buf.write(chunk)
            if cancel is not None and cancel():
                raise LoadCancelled()
    return buf.getvalue()


def _plain_file(name: str, date_time: tuple[int, int, int, int, int, int] | None = None,
                compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A member that extracts as a plain file readable by all, whatever the old entry said."""
    info = zipfile.ZipInfo(name, date_time or time.localtime()[:6])
    info.compress_type = compress_type
    info.create_system = 3  # the mode below is a Unix one
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _copy(old: zipfile.ZipFile, info: zipfile.ZipInfo, new: zipfile.ZipFile) -> None:
    # A photo or film that deflate could not shrink is stored: deflating 200 MB of it again
    # took 15 s a save, for nothing.
    useless = info.compress_size >= info.file_size * 0.95
    target = _plain_file(info.filename, info.date_time, zipfile.ZIP_STORED if useless else info.compress_type)
    copied = 0
    big = info.file_size >= zipfile.ZIP64_LIMIT
    with old.open(info) as src, new.open(target, "w", force_zip64=big) as dst:
        while chunk := src.read(_CHUNK):
            copied += len(chunk)
            if copied > info.file_size:
                raise _InflateError(f"{_shown(info.filename)} inflates past the {_size(info.file_size)} "
                                "its directory entry declares")
            dst.write(chunk)


# photos and films deflate by a percent or two: stored, they save as fast as the disk copies them
_COMPRESSED = frozenset(("jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp", "heic", "heif", "mp3", "m4a",
                         "ogg", "mp4", "m4v", "mov", "mkv", "webm", "avi", "zip", "gz", "pdf", "docx", "odt"))


def _pack(path: str, name: str, new: zipfile.ZipFile, limits: Limits) -> None:
    """Stream the file at `path` into the archive as `name`, in chunks; OSError when it cannot be."""
    with open(path, "rb") as src:
        st = os.fstat(src.fileno())
        if st.st_size > limits.member_bytes:
            raise OSError(f"{path} is {_size(st.st_size)}, more than the {_size(limits.member_bytes)} "
                          "a member may hold")
        stored = name.rpartition(".")[2].lower() in _COMPRESSED
        when = max(time.localtime(st.st_mtime)[:6], (1980, 1, 1, 0, 0, 0))  # (zip's epoch)
        target = _plain_file(name, when, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        copied = 0
        with new.open(target, "w", force_zip64=st.st_size >= zipfile.ZIP64_LIMIT) as dst:
            while chunk := src.read(_CHUNK):
                copied += len(chunk)
                if copied > limits.member_bytes:  # (it grew while being read)
                    raise OSError(f"{path} grew past {_size(limits.member_bytes)} while being packed")
                dst.write(chunk)


def unsafe_member_name(name: str) -> str:
    """Why no archive should hold a member called `name` ("" when it is a plain relative path)."""
    if not name or name.endswith("/"):
        return "no file name"
    return _unsafe(zipfile.ZipInfo(name))


def _gedcom_member(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The member read as the GEDCOM: gedcom.ged, or else the first .ged; the first of duplicates."""
    geds = [i for i in infos if i.orig_filename.lower().endswith(".ged") and not _unsafe(i)]
    return next((i for i in geds if i.orig_filename == GEDCOM_MEMBER), geds[0] if geds else None)


def _media(infos: list[zipfile.ZipInfo], gedcom: zipfile.ZipInfo | None,
           limits: Limits) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """The members a save copies into a new archive, and why the others are left out."""
    kept, left_out = _sorted_out(infos, gedcom, limits)
    problems = [f"the GEDZIP archive member {_shown(name)} ({reason}) is not read and not kept when saving"
                for name, reason in left_out[:_MAX_NAMED]]
    if len(left_out) > _MAX_NAMED:
        more = len(left_out) - _MAX_NAMED
        problems.append(f"{more:,} more GEDZIP archive members are not read and not kept when saving")
    return kept, problems


def _sorted_out(infos: list[zipfile.ZipInfo], gedcom: zipfile.ZipInfo | None,
                limits: Limits) -> tuple[list[zipfile.ZipInfo], list[tuple[str, str]]]:
    """The media members within the limits, and the others by name with why they are left out."""
    kept: list[zipfile.ZipInfo] = []
    left_out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename
        if info is gedcom:
            seen.add(name)
            continue
        reason = _unsafe(info)
        if not reason:
            if name in seen:
                reason = "a second member of the same name"
            elif name.lower().endswith(".ged"):
                reason = "another GEDCOM file, not the one read"
            elif not info.is_dir():
                reason = _size_problem(info, limits.member_bytes, limits)
                if not reason and len(kept) >= limits.entries:
                    reason = f"past the first {limits.entries:,} members"
        seen.add(name)
        if reason:
            left_out.append((name, reason))
        elif not info.is_dir():  # folders come back with the files in them
            kept.append(info)
    return kept, left_out


def _unsafe(info: zipfile.ZipInfo) -> str:
    """Why an extractor must not honour this member's name or kind ("" when it is safe)."""
    name = info.orig_filename  # zipfile's filename is cut at a NUL
    kind = (info.external_attr >> 16) & 0o170000
    if _CONTROL_RE.search(name):
        return "a name with control characters"
    if _BIDI_RE.search(name):
        return "a name with direction controls (it shows another name than it has)"
    if "\\" in name:
        return "a name with backslashes"
    if name.startswith("/"):
        return "an absolute path"
    if _DRIVE_RE.match(name):
        return "a path on a drive"
    if ".." in name.split("/"):
        return "a path out of the archive"
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        return "a symbolic link" if kind == stat.S_IFLNK else "not a plain file"
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.compress_type not in _SUPPORTED:
        return f"compression method {info.compress_type}, which familytree cannot read"
    return ""


def _size_problem(info: zipfile.ZipInfo, most: int, limits: Limits, by_ratio: bool = True) -> str:
    if info.file_size > most:
        return f"inflates to {_size(info.file_size)}, more than the {_size(most)} familytree reads"
    if by_ratio and info.file_size > limits.ratio_exempt_bytes and \
            info.file_size > limits.ratio * info.compress_size:
        ratio = info.file_size / max(1, info.compress_size)
        return f"inflates {ratio:,.0f} times, more than the {limits.ratio} times a real file does"
    return ""


def _directory_problem(f: BinaryIO, limits: Limits) -> str:
    """Why the central directory is too big to read ("" when within limits, or for zipfile to refuse).

    zipfile reads the whole directory, and makes an object per member, before any member
    can be looked at: its size is checked first, from the end record.
    """
    size = f.seek(0, os.SEEK_END)
    tail = min(size, _EOCD.size + 0xFFFF)  # the end record, and a comment of up to 64 KiB
    f.seek(size - tail)
    end = f.read(tail)
    pos = end.rfind(b"PK\x05\x06")
    if pos < 0 or pos + _EOCD.size > len(end):
        return ""
    directory = _EOCD.unpack_from(end, pos)[5]
    if directory == 0xFFFFFFFF and pos >= _ZIP64_LOCATOR.size:  # the real size is in the zip64 record
        locator = end[pos - _ZIP64_LOCATOR.size:pos]
        if locator[:4] == b"PK\x06\x07":
            f.seek(min(_ZIP64_LOCATOR.unpack(locator)[2], size))
            record = f.read(_ZIP64_EOCD.size)
            if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
                directory = _ZIP64_EOCD.unpack(record)[8]
    if directory > limits.directory_bytes:
        return (f"its directory of members is {_size(directory)}, more than the "
                f"{_size(limits.directory_bytes)} familytree reads")
    return ""


def _shown(name: str) -> str:
    """A member name for a message: control characters visible, at most 100 characters."""
    text = _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", name)
    return f"'{text if len(text) <= 100 else text[:99] + '…'}'"


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n} bytes"
