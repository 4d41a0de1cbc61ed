"""Write the model as GEDCOM 7.0 or 5.5.1 (UTF-8), atomically, keeping every structure read.

Each record is regenerated from the model, then the structures the model kept
verbatim (``extra``) are put back in the record they came from; a ``continues``
structure's children go under the line generated for its tag.

What a round trip (read, then write in the file's own version) normalises:

- line endings become LF in 7.0 and CRLF in 5.5.1; the encoding becomes UTF-8 (with a BOM in 7.0);
- CONC lines are re-split: 7.0 never uses CONC, 5.5.1 splits lines longer than 255 characters
  (terminator included), never beside a space, inside "@@" or inside an "@#...@" escape;
  CONT (a newline inside a value) is kept;
- the HEAD record is rewritten (GEDC, CHAR, SOUR, DATE are ours; the rest of the header is kept);
- people and families keep the order of their lines (lines added since reading, such as a link
  the file gave on one side only, come last); inside other records and inside substructures the
  order is fixed (e.g. NAME: TYPE, NPFX, GIVN, NICK, SPFX, SURN, NSFX, TRAN, SOUR, NOTE), with
  what the model does not interpret after it, in the order read;
- enumerated values (SEX, PEDI, name TYPE) are written in the case the version prescribes
  (7.0 upper case, 5.5.1 PEDI and name types lower case);
- "@" escapes are rewritten as the version wants ("@@" at the start of a 7.0 value);
- links the file gave on one side only (FAMS without HUSB/WIFE, CHIL without FAMC) are written on both;
- 7.0 written from a 5.x file is made valid 7.0: see `familytree.gedcom.conform7`;
- records the reader found without an xref get a fresh one ("@X2@"), but for 7.0 written from 7.0,
  which keeps them without one (as 7.0 allows of records nothing points to);
- in 7.0 a pointer to a record the file does not have ("1 FAMS @F98@", no @F98@) is written @VOID@,
  with where it pointed in a PHRASE or NOTE: see `familytree.gedcom.voiding`.

Every line written obeys the line grammar of its version (`familytree.gedcom.grammar`); what was
read but cannot be written so is mended, and each mend is reported (`write_text`'s `diagnostics`):

- a tag the version does not allow becomes an extension tag named after it ("@F2@" -> "_F2",
  "na-me" -> "_NA_ME" in 7.0, CONT/CONC records -> "_CONT"/"_CONC"; 5.5.1 tags cut to 31 characters);
- an xref the version does not allow is renamed, the same wherever it stands ("@test@" -> "@TEST@"
  in 7.0, 5.5.1 xrefs cut to 22 characters); a record "@VOID@" is renamed; substructures lose
  their xref in 7.0 (and in 5.5.1 when another line has it);
- control characters (and the other characters 7.0 bans) become U+FFFD, which keeps unreadable
  what was ("M\0" is no sex); 5.5.1 tabs become spaces;
- 5.5.1 lines nested deeper than 99 levels are written at level 99 (98 when their value runs on
  to CONT or CONC lines), beside the structure they were under.

Writing is idempotent: what is written, read back and written again gives the same text (but for
the time stamped in the header).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection, Mapping, Sequence

from familytree.gedcom.atomic import replaced
from familytree.gedcom.conform7 import conformed
from familytree.gedcom.emitter import LineEmitter
from familytree.gedcom.gedzip import media_left_behind, write_gedzip
from familytree.gedcom.lexer import Diagnostics
from familytree.gedcom.record_writer import RecordWriter
from familytree.gedcom.voiding import voided
from familytree.gedcom.writing import Writing
from familytree.model import Diagnostic, Structure, Tree

__all__ = ["write_text", "write_file", "VERSIONS"]

VERSIONS = ("7.0", "5.5.1")


def write_text(tree: Tree, version: str = "7.0", *, diagnostics: list[Diagnostic] | None = None,
               now: datetime.datetime | None = None, file_paths: Mapping[str, str] | None = None) -> str:
    """The whole tree as GEDCOM text of the given version ("7.0" or "5.5.1"), valid by its line grammar.

    What cannot be written as it was read (a tag or xref the version does not allow, control
    characters, levels past 99 in 5.5.1) is mended, and each mend is appended to `diagnostics`
    when a list is given (line numbers are those of the file read). `now` is the time stamped
    in the header (default: the current time). `file_paths` maps media FILE paths as read to
    the paths written (see `familytree.media.saving`).
    """
    if version not in VERSIONS:
        raise ValueError(f"cannot write GEDCOM version {version!r}; choose one of {', '.join(VERSIONS)}")
    # (a million small objects, none cyclic: callers writing a large tree pause the collector
    # around it, see `collection_paused`; a library call never flips that process-wide switch)
    problems = Diagnostics()
    text = _text(tree, version == "7.0", now, problems, file_paths or {})
    if diagnostics is not None:
        diagnostics.extend(problems.finish())
    return text


def write_file(tree: Tree, path: str | os.PathLike[str], version: str = "7.0",
               leave_out: Collection[str] = (), file_paths: Mapping[str, str] | None = None,
               pack: Sequence[tuple[str, str]] = (), *, keep: bool = False,
               declare: bool = False) -> list[str]:
    """Write atomically (see `atomic.replaced`); what the user should know about the save.

    On any failure the previous file is untouched. A path ending in .gdz is written as
    GEDZIP (GEDCOM 7.0 only), taking along the media files of the archive the tree was read
    from, but for the members named in `leave_out` (media of people hidden for privacy);
    the archive members left out (unsafe names, past the limits) are named in the
    returned notes, and so are media left behind when a tree read from a .gdz is saved as
    a bare .ged. `file_paths` rewrites media links (see `write_text`); `pack` names files on
    disk to take into a GEDZIP, (member name, path), as `familytree.media.saving` plans them.

    With `keep`, a .ged saved in the version family of the file the tree was read from keeps
    that file's lines, bytes and all, for every record that did not change since
    (`familytree.gedcom.keeping`); the others are written as `write_text` writes them, those changed
    with the save's time in their CHAN. Its header names the file's own version (a 5.5 file saved
    in the 5.5.1 family stays 5.5), or with `declare` `version` (Save As 5.5.1).
    """
    target = os.fspath(path)
    gedzip = target.lower().endswith(".gdz")
    if gedzip and version != "7.0":
        raise ValueError("a GEDZIP (.gdz) file holds GEDCOM 7.0; save as .ged for 5.5.1")
    if version not in VERSIONS:
        raise ValueError(f"cannot write GEDCOM version {version!r}; choose one of {', '.join(VERSIONS)}")
    problems = Diagnostics()
    kept = None
    if keep and not gedzip:
        from familytree.gedcom.keeping import kept_bytes

        # saved under another name (Save As): a 5.5.1 header's FILE names the new file
        moved = bool(tree.path) and os.path.abspath(target) != os.path.abspath(tree.path)
        kept = kept_bytes(tree, version, problems, file_paths or {}, declare=declare,
                          file_name=os.path.basename(target) if moved else "")
    if kept is None:
        text = _text(tree, version == "7.0", None, problems, file_paths or {})
        data = (("\ufeff" if version == "7.0" else "") + text).encode("utf-8")
        del text
    else:
        data = kept.data
    notes = _mend_notes(problems.finish(), version) + (kept.notes if kept is not None else [])
    if kept is not None and _holds(target, data):
        return notes  # (saved with nothing changed: the file is left alone)
    with replaced(target) as f:
        if gedzip:
            return notes + write_gedzip(f, data, tree.path, leave_out=leave_out, pack=pack)
        f.write(data)
    if kept is not None:
        from familytree.gedcom.keeping import remember

        # (the next save compares with the file as read, not as written now, and keeps these stamps)
        remember(tree, kept, _same_file(target, tree.path))
    left_behind = media_left_behind(tree.path, target)
    return notes + ([left_behind] if left_behind else [])


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` has these bytes already."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


def _mend_notes(mends: list[Diagnostic], version: str, shown: int = 5) -> list[str]:
    """What the save changed because the version could not hold it as read, the first few named."""
    if not mends:
        return []
    listed = [str(d) for d in mends[:shown]]
    more = f"; and {len(mends) - shown} more" if len(mends) > shown else ""
    counted = "1 thing" if len(mends) == 1 else f"{len(mends)} things"
    verb = "was" if len(mends) == 1 else "were"
    return [f"{counted} could not be written in GEDCOM {version} as read and {verb} mended: "
            f"{'; '.join(listed)}{more}"]


def _claimed_families(tree: Tree) -> frozenset[str]:
    """The families some person's FAMS names though the family does not name them as a partner."""
    families = tree.families
    return frozenset(fid for p in tree.people.values() for fid in p.family_ids
                     if (f := families.get(fid)) is not None and p.id != f.husband_id and p.id != f.wife_id)


def _text(tree: Tree, v7: bool, now: datetime.datetime | None, problems: Diagnostics,
          file_paths: Mapping[str, str]) -> str:
    """The stages of a writing: each record made a structure from the model (`RecordWriter`), made
    valid 7.0 when it comes from a 5.x file (`conform7`), and written out as lines (`LineEmitter`)."""
    writing = Writing(tree, v7, problems)
    writing.file_paths = file_paths
    records = RecordWriter(writing)
    out = LineEmitter(writing)
    conform = v7 and not tree.header.version.startswith("7")  # 5.x data written as 7.0
    renames = writing.renames
    # families a person names as theirs without being in them: a partner pointing nowhere is kept there
    claimed = _claimed_families(tree) if v7 else frozenset()

    def emit(record: Structure, line: int = 0) -> None:
        if conform:
            record = conformed(record, renames)
        # (`taken`: the xrefs of the records written, as read, and those made for this writing)
        out.emit(voided(record, writing.taken, problems, line, claimed) if v7 else record, line)

    emit(records.header(now))
    for _rid, obj, build in records.in_order():
        emit(build(obj), getattr(obj, "line", 0))
    for s in writing.new_records:
        emit(s)
    out.emit(Structure("TRLR"))
    return out.text()
