"""Writing files atomically, for GEDCOM saves and every export: a temporary file, fsynced, renamed.

A save killed midway (power cut, kill -9) leaves its temporary file behind, as large as the
file being saved. The next save into the same folder removes such leftovers of ours, and only
those no running save can still be writing (see `_is_stale`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["replaced", "remove_stale_temporaries", "TEMP_PREFIX", "TEMP_SUFFIX"]

TEMP_PREFIX = ".familytree-"
TEMP_SUFFIX = ".tmp"
# ".familytree-<pid>-<random>.tmp"; older versions wrote ".familytree-<random>.tmp"
_TEMP_RE = re.compile(r"\.familytree-(?:(\d+)-)?[a-z0-9_]+\.tmp")
# A save writes its temporary file from start to end without pause, then renames it: one
# untouched this long is no save's any more. The writer's process being gone is the quicker
# sign; the wait after it covers a process this one cannot see (another container).
DEAD_WRITER_AGE = 10 * 60
UNKNOWN_WRITER_AGE = 60 * 60


@contextlib.contextmanager
def replaced(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A file to write the new content of `path` into; it replaces `path` when the block ends.

    The content is flushed and fsynced before the rename, and the rename made durable. On
    any exception the previous file is untouched and the temporary file removed. A path that
    is no regular file (a pipe, /dev/stdout) is written into directly: renaming a file over
    it would put a plain file in its place. Saving through a symlink replaces its target.
    """
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False
    if special:
        with open(path, "wb") as f:
            yield f
        return
    target = os.path.realpath(os.fspath(path))
    folder = os.path.dirname(target)
    remove_stale_temporaries(folder)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = os.stat(target).st_mode & 0o7777  # a file saved again keeps its permissions
        except OSError:
            mode = 0o666 & ~_umask()  # a new one gets what the user's umask gives any new file
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def remove_stale_temporaries(folder: str, now: float | None = None) -> list[str]:
    """Remove the temporary files of saves into `folder` that were killed; the names removed."""
    removed: list[str] = []
    now = time.time() if now is None else now
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP_RE.fullmatch(name)
        if match is None:
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
            # only plain files this user made: never one behind a link, never another user's
            if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue
            if _is_stale(int(match.group(1) or 0), now - st.st_mtime):
                os.unlink(path)
                removed.append(name)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _is_stale(pid: int, age: float) -> bool:
    """True when no running save can be writing a temporary file of `pid` untouched for `age` seconds."""
    if pid and os.name == "posix":
        return age > DEAD_WRITER_AGE and not _alive(pid)
    return age > UNKNOWN_WRITER_AGE


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
