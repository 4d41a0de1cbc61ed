"""Saving a tree with its media links kept working: photos packed into a GEDZIP, paths moved with the file.

Save As .gdz packs every file the tree links that is found on disk (beside the GEDCOM, by a
`file:` URI, or by its name) into the archive, with a relative path inside it (the link's own
relative path where it has a safe one, else media/<name>), and writes the links so; the
members of an archive the tree was read from come along as they are. Save As .ged into
another folder writes the links that were relative to the old folder relative to the new one.
Absolute paths, URLs and files that cannot be found are written as read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from dataclasses import field

from familytree.gedcom.gedzip import unsafe_member_name
from familytree.media.catalog import MediaCatalog, media_catalog
from familytree.media.formats import is_packed
from familytree.media.links import media_refs
from familytree.media.locate import Found
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten

__all__ = ["MediaPlan", "plan_media", "save_tree", "relink"]

_NOT_IN_ARCHIVE = frozenset((Found.MISSING, Found.AMBIGUOUS, Found.REFUSED, Found.NOT_A_FILE))
# in a 7.0 FILE (a URI reference) these would end or change the path; other characters stay as typed
_URI_QUOTED_RE = re.compile(r"[\x00-\x20%#?\"<>\\^`{|}\x7f]")
_NAME_CHARS_RE = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\\/:]")


@slotted
class MediaPlan:
    """What a save does with the media: the links rewritten, the files packed, what it could not take."""

    file_paths: dict[str, str] = field(default_factory=dict)  # FILE as read -> as written
    pack: list[tuple[str, str]] = field(default_factory=list)  # (member name, file on disk)
    notes: list[str] = field(default_factory=list)


def plan_media(catalog: MediaCatalog, target: str, version: str = "7.0",
               leave_out: Collection[str] = ()) -> MediaPlan:
    """What saving the catalog's tree as `target` does with its media (see the module's docstring)."""
    if target.lower().endswith(".gdz"):
        return _plan_archive(catalog, leave_out)
    return _plan_moved(catalog, target, version)


def save_tree(tree: Tree, target: str, version: str = "7.0", leave_out: Collection[str] = (),
              catalog: MediaCatalog | None = None, adopt: bool = False, keep: bool = False,
              declare: bool = False) -> list[str]:
    """Write `tree` to `target` as `familytree.gedcom.write_file` does, its media as `plan_media` plans;
    what the user should know about the save.

    With `adopt`, a tree saved as a GEDZIP then reads from it: its links become those written
    and its path the archive, so that the next save takes the photos from there. `keep`: the
    records not changed since reading keep their lines, the header its version but with `declare`
    (see `write_file`).
    """
    from familytree.gedcom.writer import write_file

    plan = plan_media(catalog if catalog is not None else media_catalog(tree), target, version, leave_out)
    notes = write_file(tree, target, version, leave_out=leave_out, file_paths=plan.file_paths, pack=plan.pack,
                       keep=keep, declare=declare)
    if adopt and target.lower().endswith(".gdz"):
        relink(tree, plan.file_paths)
        tree.path = target
    return notes + plan.notes


def relink(tree: Tree, file_paths: Mapping[str, str]) -> None:
    """Change the media links of `tree` in place as `file_paths` maps them (as a save wrote them)."""
    if not file_paths:
        return
    for ref in media_refs(tree):
        ref.file = file_paths.get(ref.file, ref.file)
        for e in ref.extra:
            if e.tag == "FILE":
                e.value = file_paths.get(e.value, e.value)
    for m in tree.media.values():
        m.files[:] = [(file_paths.get(p, p), form, title) for p, form, title in m.files]
        for e in m.extra:
            if e.tag == "FILE":
                e.value = file_paths.get(e.value, e.value)


def _plan_archive(catalog: MediaCatalog, leave_out: Collection[str]) -> MediaPlan:
    plan = MediaPlan()
    locator = catalog.locator
    taken = {"gedcom.ged"} | {m.casefold() for m in locator.members}
    packed: dict[str, str] = {}  # real path -> member name
    left: list[tuple[str, int, str]] = []  # (link, line, why) of files not in the new archive
    outside: list[str] = []  # files packed from outside the GEDCOM's folder
    for f in catalog.files:
        where = catalog.location(f)
        if where.archive and where.archive == locator.archive:
            if where.path not in leave_out:
                _relinked(plan, f.link, _uri(where.path))
        elif where.found:
            if not is_packed(where.path):
                left.append((f.link, f.line, "not a known kind of media file"))
                continue
            real = os.path.realpath(where.path)
            name = packed.get(real)
            if name is None:
                name = packed[real] = _member_name(where.path, locator.folder, taken)
                taken.add(name.casefold())
                plan.pack.append((name, where.path))
                if not _under(where.path, locator.folder):
                    outside.append(where.path)
            _relinked(plan, f.link, _uri(name))
        elif where.kind in _NOT_IN_ARCHIVE:
            left.append((f.link, f.line, where.kind.value))
    if left:
        link, line, why = left[0]
        n = len(left)
        plan.notes.append(f"{n} linked media file{'s are' if n != 1 else ' is'} not in the archive "
                          f"(such as '{shorten(link, 80)}', line {line}: {why}); "
                          f"{'their links are' if n != 1 else 'its link is'} written as read")
    if outside:
        # a file from elsewhere could have named the user's papers: say what leaves with the archive
        n = len(outside)
        plan.notes.append(f"{n} file{'s' if n != 1 else ''} from outside the GEDCOM's folder "
                          f"{'are' if n != 1 else 'is'} packed into the archive (such as "
                          f"{shorten(outside[0], 120)}): check before sharing it")
    return plan


def _plan_moved(catalog: MediaCatalog, target: str, version: str) -> MediaPlan:
    plan = MediaPlan()
    locator = catalog.locator
    new_folder = os.path.dirname(os.path.abspath(target))
    if locator.archive or not locator.folder or \
            os.path.realpath(locator.folder) == os.path.realpath(new_folder):
        return plan  # (links into an archive saved as .ged: write_file says they stay behind)
    for f in catalog.files:
        where = catalog.location(f)
        if where.kind not in (Found.RELATIVE, Found.BY_NAME) or where.archive:
            continue
        try:
            moved = os.path.relpath(where.path, new_folder)
        except ValueError:  # another drive (Windows): only a full path leads there
            moved = where.path
        moved = moved.replace(os.sep, "/")
        _relinked(plan, f.link, _uri(moved) if version == "7.0" else moved)
    return plan


def _relinked(plan: MediaPlan, link: str, written: str) -> None:
    if written != link:
        plan.file_paths[link] = written


def _member_name(path: str, folder: str, taken: set[str]) -> str:
    """A name inside the archive for the file at `path`: where it is under the GEDCOM's `folder`
    (photos/elena.png), else media/<its name>; never one `taken` (compared ignoring case)."""
    name = os.path.relpath(path, folder).replace(os.sep, "/") if _under(path, folder) else ""
    if unsafe_member_name(name):
        name = ""
    if not name:
        base = _NAME_CHARS_RE.sub("_", os.path.basename(path)).strip(". ") or "file"
        name = f"media/{base}"
    stem, dot, ext = name.rpartition(".")
    if not dot or "/" in ext:
        stem, dot, ext = name, "", ""
    n = 1
    while name.casefold() in taken:  # photos/a.jpg twice, or A.jpg and a.jpg (one file on Windows)
        n += 1
        name = f"{stem}-{n}{dot}{ext}"
    return name


def _under(path: str, folder: str) -> bool:
    """Whether the file at `path` is in `folder` or a folder below it."""
    if not folder:
        return False
    try:
        return not os.path.relpath(path, folder).startswith(os.pardir + os.sep)
    except ValueError:  # another drive
        return False


def _uri(path: str) -> str:
    """A relative path as a 7.0 FILE value: the characters a URI reference cannot hold percent-encoded."""
    return _URI_QUOTED_RE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), path)
