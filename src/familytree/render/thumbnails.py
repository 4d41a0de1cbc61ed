"""Thumbnails of photos: decoded off the GUI thread, scaled once, kept in a memory LRU and on disk.

A photo is never decoded whole when a small one will do: QImageReader reads the header first;
an image whose decoding would need more than `decode_bytes` (or Qt's own allocation limit)
is refused from its header, before any pixel is read, and JPEG is decoded straight at the
scale wanted (libjpeg scales by eighths as it decodes). The decodings running at once share
`decode_bytes` (`DecodeBudget`): eight threads do not take eight times as much.

What is decoded is scaled once, to `size` pixels on its longer side (or a square, centred or
per the file's CROP), and kept: in memory up to `memory_bytes` (least recently used out
first), and on disk in the user's cache folder, keyed by the file's path, modification time,
size and the crop, so that the next session reads a thumbnail of kilobytes instead of a
photo of megabytes.

A member of a GEDZIP archive is read through the archive's limits, in chunks: a small one
into memory, a larger one into a temporary file beside the cache, never more than its
directory entry declares (see `familytree.gedcom.gedzip.MediaArchive`).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QImageWriter

from familytree.gedcom.gedzip import LIMITS, Limits, MediaArchive
from familytree.media import Crop, Location
from familytree.model.slotted import slotted

__all__ = ["DECODE_BYTES", "MEMORY_BYTES", "DecodeBudget", "ThumbnailRequest", "Thumbnails",
           "decode_thumbnail", "default_cache_folder", "prune_disk_cache"]

MEMORY_BYTES = 64 << 20
# What the decodings running at once may take together (half Qt's own default limit): a PNG or TIFF
# scan of 32 megapixels decodes whole in it, a JPEG of 2 gigapixels at an eighth of its size
DECODE_BYTES = 128 << 20
DISK_BYTES = 256 << 20  # the on-disk cache is cut back to 80% of this when it grows past it
_IN_MEMORY = 16 << 20  # a member up to this is read into memory; a larger one into a temporary file
_SOURCE_BYTES = 1 << 30  # no thumbnail is made of a member larger than this
_HEADER = 1 << 20  # enough of a file for QImageReader to read its size (EXIF included)
_VERSION = "1"  # of the way thumbnails are made: a change makes new keys


@slotted(frozen=True)
class ThumbnailRequest:
    """A thumbnail of one file (on disk, or a member of `archive`), `size` pixels on its longer side."""

    path: str
    archive: str = ""
    size: int = 96
    crop: Crop | None = None
    square: bool = False  # centred on a square when there is no crop (a chart box's portrait)

    @classmethod
    def of(cls, location: Location, size: int = 96, crop: Crop | None = None,
           square: bool = False) -> ThumbnailRequest:
        return cls(location.path, location.archive, size, crop, square)

    @property
    def key(self) -> str:
        """What the memory cache knows it by (the disk cache adds the file's time and size)."""
        c = self.crop
        crop = "" if c is None else f"{c.top},{c.left},{c.height},{c.width}"
        return f"{self.archive}\0{self.path}\0{self.size}\0{crop}\0{int(self.square)}"


class Thumbnails(QObject):
    """Thumbnails made by a thread pool; `ready(key, image)` when one is made, `failed(key, reason)` when not.

    `thumbnail(request)` answers at once from memory, or returns None and has it made (each
    key once, the latest asked first). Use from the GUI thread.
    """

    ready = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None, cache_folder: str | None = None,
                 memory_bytes: int = MEMORY_BYTES, decode_bytes: int = DECODE_BYTES,
                 disk_bytes: int = DISK_BYTES, limits: Limits = LIMITS, threads: int = 0) -> None:
        super().__init__(parent)
        self.cache_folder = default_cache_folder() if cache_folder is None else cache_folder
        self.memory_bytes = memory_bytes
        self.budget = DecodeBudget(decode_bytes)
        self.limits = limits
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads or max(1, QThreadPool.globalInstance().maxThreadCount() - 1))
        self.memory_used = 0
        self.hits = self.decoded = self.from_disk = 0  # (for tests and the benchmark)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._reasons: dict[str, str] = {}  # why a thumbnail could not be made, by key
        self._archives = _Archives(limits)
        self._order = 0
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        if self.cache_folder and disk_bytes:
            self.pool.start(_Job(lambda: prune_disk_cache(self.cache_folder, disk_bytes)))

    def thumbnail(self, request: ThumbnailRequest) -> QImage | None:
        """The thumbnail, if in memory; else None, and it is made (then `ready` or `failed`)."""
        key = request.key
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            self.hits += 1
            return image
        if key not in self._pending and key not in self._reasons:
            self._pending.add(key)
            self._order += 1
            relay, archives = self._relay, self._archives
            folder, budget = self.cache_folder, self.budget

            def make() -> None:
                try:
                    image, reason, cached = decode_thumbnail(request, folder, budget, archives)
                except Exception as e:  # noqa: BLE001 - a photo that breaks a decoder is a problem, not a crash
                    image, reason, cached = None, f"{type(e).__name__}: {e}", False
                relay.done.emit(key, image, reason, cached)

            self.pool.start(_Job(make), self._order)  # the latest asked is made first
        return None

    def reason(self, request: ThumbnailRequest) -> str:
        """Why the thumbnail could not be made ("" when it was, or is being made)."""
        return self._reasons.get(request.key, "")

    def forget_queued(self) -> None:
        """Drop the requests not yet started (the chart moved on); the ones being made finish."""
        self.pool.clear()
        self._pending.clear()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every request to be made (for export and tests); False on timeout."""
        return self.pool.waitForDone(msecs)

    def close(self) -> None:
        self.forget_queued()
        self.pool.waitForDone()
        self._archives.close()

    def _on_done(self, key: str, image: QImage | None, reason: str, cached: bool) -> None:
        self._pending.discard(key)
        if image is None or image.isNull():
            if len(self._reasons) > 10_000:  # (a file of only broken links)
                self._reasons.clear()
            self._reasons[key] = reason or "the image could not be read"
            self.failed.emit(key, self._reasons[key])
            return
        if cached:
            self.from_disk += 1
        else:
            self.decoded += 1
        cost = image.sizeInBytes()
        if cost <= self.memory_bytes:
            old = self._images.pop(key, None)
            if old is not None:
                self.memory_used -= old.sizeInBytes()
            self._images[key] = image
            self.memory_used += cost
            while self.memory_used > self.memory_bytes:
                _, dropped = self._images.popitem(last=False)
                self.memory_used -= dropped.sizeInBytes()
        self.ready.emit(key, image)


def default_cache_folder() -> str:
    """thumbnails/ in the user's cache folder (~/.cache/familytree on Linux); "" when there is none."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return os.path.join(base, "thumbnails") if base else ""


class DecodeBudget:
    """The memory the decodings running at once may take together: each waits for its share."""

    def __init__(self, total: int = DECODE_BYTES) -> None:
        limit = QImageReader.allocationLimit() << 20  # (Qt refuses past it anyway)
        self.total = min(total, limit) if limit > 0 else total
        self.used = 0
        self._free = threading.Condition()

    @contextmanager
    def share(self, n: int) -> Iterator[None]:
        n = min(n, self.total)
        with self._free:
            self._free.wait_for(lambda: self.used + n <= self.total)
            self.used += n
        try:
            yield
        finally:
            with self._free:
                self.used -= n
                self._free.notify_all()


def decode_thumbnail(request: ThumbnailRequest, cache_folder: str = "", budget: DecodeBudget | None = None,
                     archives: _Archives | None = None) -> tuple[QImage | None, str, bool]:
    """Make one thumbnail: (image or None, why not, whether it came from the disk cache). Any thread.

    Reads the disk cache first; writes what it decodes there.
    """
    budget = DecodeBudget() if budget is None else budget
    own = archives is None
    archives = _Archives(LIMITS) if archives is None else archives
    try:
        try:
            stamp = _stamp(request, archives)
        except OSError as e:
            return None, str(e), False
        cached = _cache_file(cache_folder, request, stamp) if cache_folder else ""
        if cached and os.path.exists(cached):
            stored = QImage(cached)
            if not stored.isNull():
                return stored, "", True
        try:
            with _reader(request, archives, budget.total, cache_folder) as (reader, refused):
                if refused:
                    return None, refused, False
                image, reason = _decode(reader, request, budget)
        except OSError as e:  # a member that inflates past its size, a file gone while read
            return None, str(e), False
        if image is not None and cached:
            _store(image, cached)
        return image, reason, False
    finally:
        if own:
            archives.close()


# -- decoding ------------------------------------------------------------------------------------
def _decode(reader: QImageReader, request: ThumbnailRequest,
            budget: DecodeBudget) -> tuple[QImage | None, str]:
    reader.setAutoTransform(True)  # a phone's portrait photo stands upright (sizes below are as shown)
    full = reader.size()
    if not full.isValid():
        if not reader.canRead():
            return None, f"not an image Qt can read ({reader.errorString()})"
        full = QSize()  # (a format whose size is known only once read: Qt's allocation limit holds)
    region = whole = QRect()
    scale = 1.0
    needed = budget.total  # (a size not known: the whole budget)
    if full.isValid():
        w, h = full.width(), full.height()
        region, whole = _region(w, h, request), QRect(0, 0, w, h)
        scale = min(1.0, request.size / max(region.width(), region.height()))
        native = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
        # JPEG decodes at an eighth at the least; other formats whole, then scaled
        decoded = max(w * h / 64, w * h * scale * scale) if native else w * h
        needed = int(decoded * 4)
        if needed > budget.total:
            return None, (f"{w:,} × {h:,} pixels: too large to show (decoding it would take "
                          f"{needed / (1 << 20):,.0f} MiB, more than the {budget.total >> 20} MiB allowed)")
        if scale < 1:
            reader.setScaledSize(QSize(max(1, round(w * scale)), max(1, round(h * scale))))
    with budget.share(needed):
        image = reader.read()
    if image.isNull():
        return None, reader.errorString() or "the image could not be read"
    if not full.isValid():  # scaled now that its size is known
        region, whole = _region(image.width(), image.height(), request), image.rect()
        scale = 1.0
    if region != whole:
        cut = QRect(round(region.x() * scale), round(region.y() * scale),
                    max(1, round(region.width() * scale)), max(1, round(region.height() * scale)))
        image = image.copy(cut.intersected(image.rect()))
    if max(image.width(), image.height()) > request.size:
        image = image.scaled(request.size, request.size, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    alpha = image.hasAlphaChannel()
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied if alpha else
                                 QImage.Format.Format_RGB32), ""


def _region(w: int, h: int, request: ThumbnailRequest) -> QRect:
    """The part of a w × h image a thumbnail shows: the CROP (within the image), a centred square, or all."""
    crop = request.crop
    if crop is not None and crop.left < w and crop.top < h:
        width = w - crop.left if crop.width is None else min(crop.width, w - crop.left)
        height = h - crop.top if crop.height is None else min(crop.height, h - crop.top)
        return QRect(crop.left, crop.top, width, height)
    if request.square:
        side = min(w, h)
        return QRect((w - side) // 2, (h - side) // 2, side, side)
    return QRect(0, 0, w, h)


# -- reading the source --------------------------------------------------------------------------
@contextmanager
def _reader(request: ThumbnailRequest, archives: _Archives, decode_bytes: int,
            temp_folder: str) -> Iterator[tuple[QImageReader, str]]:
    """A reader of the file, or of the archive member (from memory or a temporary file); or why not."""
    if not request.archive:
        yield QImageReader(request.path), ""
        return
    archive = archives.get(request.archive)
    size = archive.size(request.path)
    if size > _SOURCE_BYTES:
        yield QImageReader(), f"{size >> 20:,} MiB: too large a file to show"
        return
    if size <= _IN_MEMORY:
        data = QByteArray(archive.read(request.path, _IN_MEMORY))
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        yield QImageReader(buffer), ""
        return
    # a large member: its size is read from its first megabyte before it is copied out
    head = QByteArray(_first_bytes(archive, request.path, _HEADER))
    buffer = QBuffer(head)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    probe = QImageReader(buffer)
    probe.setAutoTransform(True)
    shown = probe.size()
    if shown.isValid() and not probe.supportsOption(QImageIOHandler.ImageOption.ScaledSize) and \
            shown.width() * shown.height() * 4 > decode_bytes:
        yield QImageReader(), (f"{shown.width():,} × {shown.height():,} pixels: too large to show "
                               f"(more than the {decode_bytes >> 20} MiB allowed)")
        return
    if temp_folder:
        os.makedirs(temp_folder, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=temp_folder or None, suffix=".photo") as copy:
        for chunk in archive.chunks(request.path):
            copy.write(chunk)
        copy.flush()
        yield QImageReader(copy.name), ""


def _first_bytes(archive: MediaArchive, name: str, most: int) -> bytes:
    out = bytearray()
    for chunk in archive.chunks(name):
        out += chunk
        if len(out) >= most:
            break
    return bytes(out[:most])


def _stamp(request: ThumbnailRequest, archives: _Archives) -> str:
    """What changes when the photo does: the file's (or archive's) modification time and size."""
    st = os.stat(request.archive or request.path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(f"{request.archive or request.path}: not a plain file")
    member = f"\0{archives.get(request.archive).size(request.path)}" if request.archive else ""
    return f"{st.st_mtime_ns}\0{st.st_size}{member}"


# -- the disk cache ------------------------------------------------------------------------------
def _cache_file(folder: str, request: ThumbnailRequest, stamp: str) -> str:
    # (surrogatepass: a file name that was not UTF-8 on disk)
    key = f"{_VERSION}\0{request.key}\0{stamp}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(key).hexdigest()
    return os.path.join(folder, digest[:2], digest + ".thumb")


def _store(image: QImage, path: str) -> None:
    """Write a thumbnail atomically (JPEG; PNG when it has transparency); one not written is no error."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
        os.close(fd)
        alpha = image.hasAlphaChannel()
        writer = QImageWriter(temp, QByteArray(b"PNG" if alpha else b"JPEG"))
        if not alpha:
            writer.setQuality(90)
        if writer.write(image):
            os.replace(temp, path)
        else:
            os.unlink(temp)
    except OSError:
        pass


def prune_disk_cache(folder: str, most_bytes: int) -> int:
    """Delete the least recently written thumbnails until the folder holds 80% of `most_bytes`; how many."""
    files = []
    total = 0
    try:
        for sub in os.scandir(folder):
            if sub.is_dir(follow_symlinks=False):
                for entry in os.scandir(sub.path):
                    if entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        files.append((st.st_mtime_ns, st.st_size, entry.path))
                        total += st.st_size
    except OSError:
        return 0
    if total <= most_bytes:
        return 0
    removed = 0
    for _, size, path in sorted(files):
        if total <= most_bytes * 0.8:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


# -- threads -------------------------------------------------------------------------------------
class _Archives:
    """The GEDZIP archives photos are read from, each opened once and shared by the pool's threads."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._open: dict[str, tuple[int, MediaArchive]] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> MediaArchive:
        changed = os.stat(path).st_mtime_ns
        with self._lock:
            known = self._open.get(path)
            if known is not None and known[0] == changed:
                return known[1]
            archive = MediaArchive(path, self.limits)
            # (an archive replaced is closed with the rest: another thread may be reading it)
            self._open[path] = (changed, archive)
            return archive

    def close(self) -> None:
        with self._lock:
            for _, archive in self._open.values():
                archive.close()
            self._open.clear()


class _Relay(QObject):
    """Carries a made thumbnail from a pool thread to the GUI thread (a queued signal)."""

    done = Signal(str, object, str, bool)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        self.work()
