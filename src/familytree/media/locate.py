"""Where a media link leads: a file beside the GEDCOM, a member of its GEDZIP archive, a `file:` URI,
the web, or, for a path written on another machine, the one file of its name under the GEDCOM's folder.

`C:\\Users\\Ann\\Family Photos\\elena.png` names nothing here, but the family's photos are
usually copied along with the GEDCOM: a link that leads nowhere is looked up by its file
name in the GEDCOM's folder and the folders below it (a bounded walk, see `NameSearch`) and
in the archive, and taken when exactly one file has that name (several: the one that shares
most of the link's folders; a tie is ambiguous). Remote links are named, never fetched.
"""

from __future__ import annotations

import enum
import os
import re
import stat
from collections import deque
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from familytree.gedcom.gedzip import LIMITS, Limits, MediaArchive, is_archive
from familytree.model.slotted import slotted

__all__ = ["Found", "Location", "NameSearch", "NAME_SEARCH", "Locator"]


class Found(enum.Enum):
    AS_WRITTEN = "as written"  # an absolute path that exists
    RELATIVE = "relative"  # to the GEDCOM's folder
    URI = "file URI"
    MEMBER = "archive member"
    BY_NAME = "by name"  # not where written; the one file of its name
    REMOTE = "remote"  # http(s) or ftp: listed, not fetched
    MISSING = "missing"
    AMBIGUOUS = "ambiguous"  # not where written; several files of its name
    REFUSED = "refused"  # a member of the archive that is not read (unsafe, past the limits)
    NOT_A_FILE = "not a file"  # a folder, a device, a mailto: link


_FOUND = frozenset((Found.AS_WRITTEN, Found.RELATIVE, Found.URI, Found.MEMBER, Found.BY_NAME))


@slotted(frozen=True)
class Location:
    """Where one link leads."""

    kind: Found
    path: str = ""  # the file on disk, the member of `archive`, or the URL
    archive: str = ""  # the GEDZIP archive holding member `path`; "" for a file on disk
    note: str = ""  # why it is not read, or the files an ambiguous name matches

    @property
    def found(self) -> bool:
        return self.kind in _FOUND


@slotted(frozen=True)
class NameSearch:
    """How far a file that is not where its link says is looked for by its name.

    depth: folders below the GEDCOM's (photos/2019/summer is 2). entries: directory entries
    read in all, breadth first, so that a GEDCOM kept in a home folder costs a fraction of a
    second, not a walk of the disk. Hidden folders and links to folders are not entered.
    """

    depth: int = 4
    entries: int = 50_000


NAME_SEARCH = NameSearch()

_REMOTE = frozenset(("http", "https", "ftp", "ftps"))
_NOT_FILES = frozenset(("data", "mailto", "urn", "about", "javascript", "blob", "tel", "news"))
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")  # two letters at least: "C:" is a drive
_FOREIGN_RE = re.compile(r"[A-Za-z]:|\\\\|//[^/]")  # a drive, a UNC share (\\server, //server)
_SEPARATORS_RE = re.compile(r"[\\/]+")


class Locator:
    """Finds the files the links of one GEDCOM file (or GEDZIP archive) at `path` lead to.

    Each link is looked up once; the walk for names is made when a first link needs it.
    """

    def __init__(self, path: str, search: NameSearch = NAME_SEARCH, limits: Limits = LIMITS) -> None:
        self.folder = os.path.dirname(os.path.abspath(path)) if path else ""
        self.search = search
        self.archive = ""
        self.members: frozenset[str] = frozenset()
        self.refused: Mapping[str, str] = {}
        self.archive_problem = ""
        if path and is_archive(path):
            self.archive = path
            try:
                with MediaArchive(path, limits) as archive:
                    self.members = frozenset(archive.members)
                    self.refused = archive.refused
            except OSError as e:
                self.archive_problem = str(e)
        self.searched = 0  # directory entries read looking for names
        self.search_cut = False  # the walk stopped at a limit before reading every folder
        self._names: dict[str, list[tuple[str, bool]]] | None = None
        self._seen: dict[str, Location] = {}

    def locate(self, link: str) -> Location:
        """Where `link` (a FILE value as written) leads."""
        seen = self._seen.get(link)
        if seen is None:
            seen = self._seen[link] = self._locate(link.strip())
        return seen

    def shown(self, location: Location) -> str:
        """The place of a found file for a message: relative to the GEDCOM's folder when under it."""
        if location.archive:
            return f"{location.path} in {os.path.basename(location.archive)}"
        if self.folder and location.path.startswith(self.folder + os.sep):
            return location.path[len(self.folder) + 1:]
        return location.path

    # -- the rules in turn --------------------------------------------------------------------
    def _locate(self, text: str) -> Location:
        if not text:
            return Location(Found.MISSING, note="the FILE line names no file")
        scheme = _SCHEME_RE.match(text)
        kind = Found.RELATIVE
        paths = [text, unquote(text)] if "%" in text else [text]
        if scheme:
            word = scheme.group(1).lower()
            if word in _REMOTE:
                return Location(Found.REMOTE, text)
            if word in _NOT_FILES:
                return Location(Found.NOT_A_FILE, text, note=f"a {word}: link, not a file")
            if word == "file":
                paths, kind = [_file_uri_path(text)], Found.URI
        if self.archive:
            for p in paths:
                name = p.replace("\\", "/").removeprefix("./")
                if name in self.members:
                    return Location(Found.MEMBER, name, self.archive)
                if name in self.refused:
                    return Location(Found.REFUSED, name, self.archive, self.refused[name])
        for p in paths:
            there = self._on_disk(p, kind)
            if there is not None:
                return there
        return self._by_name(paths[-1])

    def _on_disk(self, path: str, kind: Found) -> Location | None:
        if os.sep == "/" and _FOREIGN_RE.match(path):
            return None  # C:\... or \\server\... written on Windows
        if os.path.isabs(path):
            tries = [path]
            kind = Found.URI if kind is Found.URI else Found.AS_WRITTEN
        elif self.folder:
            tries = [os.path.join(self.folder, path)]
            if "\\" in path and os.sep == "/":  # photos\elena.png written on Windows
                tries.append(os.path.join(self.folder, path.replace("\\", "/")))
        else:
            return None  # a tree with no file has no folder for relative paths
        for t in tries:
            try:
                mode = os.stat(t).st_mode
            except (OSError, ValueError):  # (ValueError: a NUL in the path)
                continue
            if stat.S_ISREG(mode):
                return Location(kind, os.path.normpath(t))
            what = "a folder" if stat.S_ISDIR(mode) else "not a plain file"
            return Location(Found.NOT_A_FILE, os.path.normpath(t), note=f"{what}, not a media file")
        return None

    def _by_name(self, path: str) -> Location:
        parts = [p for p in _SEPARATORS_RE.split(path) if p]
        if not parts or not self.folder:
            return Location(Found.MISSING)
        name = parts[-1]
        matches = self._index().get(name.casefold(), [])
        exact = [m for m in matches if _last(m[0]) == name]
        matches = exact or matches  # elena.png before Elena.PNG
        if len(matches) > 1:  # the ones sharing most of the link's folders: Family Photos/elena.png
            wanted = [p.casefold() for p in reversed(parts)]
            scores = [_shared(wanted, m[0]) for m in matches]
            best = max(scores)
            matches = [m for m, s in zip(matches, scores, strict=True) if s == best]
        if not matches:
            return Location(Found.MISSING)
        if len(matches) > 1:
            shown = sorted(m[0] if m[1] else os.path.relpath(m[0], self.folder) for m in matches)
            listed = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
            return Location(Found.AMBIGUOUS, note=listed)
        found, member = matches[0]
        return Location(Found.BY_NAME, found, self.archive if member else "")

    def _index(self) -> dict[str, list[tuple[str, bool]]]:
        """Every file name under the GEDCOM's folder (bounded) and in its archive, folded for case."""
        if self._names is not None:
            return self._names
        names: dict[str, list[tuple[str, bool]]] = {}
        for member in sorted(self.members):
            names.setdefault(_last(member).casefold(), []).append((member, True))
        todo = deque([(self.folder, 0)])
        limit = self.search.entries
        while todo:
            folder, depth = todo.popleft()
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        self.searched += 1
                        if self.searched > limit:
                            self.search_cut = True
                            todo.clear()
                            break
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                if depth < self.search.depth and not entry.name.startswith("."):
                                    todo.append((entry.path, depth + 1))
                            elif entry.is_file():
                                names.setdefault(entry.name.casefold(), []).append((entry.path, False))
                        except OSError:
                            continue
            except OSError:
                continue  # a folder that cannot be read is not searched
        self._names = names
        return names


def _file_uri_path(uri: str) -> str:
    """The path a file: URI names, percent-decoded: file:///C:/x.png is C:/x.png, file://host/x //host/x."""
    parts = urlsplit(uri)
    path = unquote(parts.path)
    host = parts.netloc
    if host and host.lower() != "localhost":
        return f"//{host}{path}"
    if re.match(r"/[A-Za-z]:", path):
        return path[1:]
    return path


def _last(path: str) -> str:
    return path.replace("\\", "/").rpartition("/")[2]


def _shared(wanted: list[str], path: str) -> int:
    """How many of the last parts of a link (reversed, folded) the end of `path` shares."""
    have = [p.casefold() for p in reversed(_SEPARATORS_RE.split(path)) if p]
    n = 0
    for a, b in zip(wanted, have, strict=False):
        if a != b:
            break
        n += 1
    return n
