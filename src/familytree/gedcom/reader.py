"""Build the model from GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 records; problems become diagnostics.

Where the two versions say the same thing differently, the model gets one meaning:

- NAME (+ TYPE/PHRASE, GIVN SURN NPFX SPFX NSFX NICK, TRAN/LANG) -> Name with translations;
  5.5.1 free-text name types become OTHER with the text as `type_phrase`;
- NOTE text -> Note; 7.0 SNOTE @N@ and 5.5.1 NOTE @N@ -> NoteRef; SNOTE/NOTE records -> tree.notes;
- SOUR @S@ (PAGE, DATA.DATE, DATA.TEXT..., QUAY, EVEN/ROLE) -> Citation; 5.5.1 "SOUR text" (+TEXT)
  -> Citation(description=text, text=[...]);
- FAMC.PEDI (any case; 7.0 OTHER + PHRASE "step" is STEP) -> the ChildRef of that family;
- DATE (+PHRASE) -> Date.parse, calendars and 5.5.1 escapes and dual years included;
- ASSO with 7.0 ROLE (+PHRASE) or 5.5.1 RELA -> Association;
- OBJE pointers and 5.5.1 inline OBJE/FILE/FORM/TITL -> MediaRef; OBJE records -> tree.media.

Mended, with a diagnostic: a SEX whose CONT lines are citation lines ("1 SEX F" / "2 CONT 2 SOUR
@S454@", the willis files of the corpus) gives the sex, and the citations become the person's
(written back as lines of their own). A file with a header alone is an empty family (a note says
so); one with neither a header nor a record is no GEDCOM (an error at line 0 says so).

Everything the model has no field for is kept verbatim in the owning object's
``extra`` list.  When a line the model represents has substructures it does not
(the TIME of a DATE, the STAT of a FAMC), those go into ``extra`` under a
``Structure(tag, value, continues=True)`` so the writer puts them back under it.
Records without an xref, or with one used before, get an id with a space in it
(`is_generated_id`), which no file can contain.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from familytree.gedcom.builders import (
    FamilyBuilder,
    MediaBuilder,
    OtherRecordBuilder,
    PersonBuilder,
    RecordBuilder,
    RepositoryBuilder,
    SharedNoteBuilder,
    SourceBuilder,
)
from familytree.gedcom.encoding import decode_bytes
from familytree.gedcom.fields import FAM_EVENTS, INDI_EVENTS, NAME_TYPES
from familytree.gedcom.lexer import (
    LoadCancelled,
    Node,
    is_pointer,
    iter_records,
    normalize_newlines,
    to_structure,
)
from familytree.gedcom.reading import Reading, stripped
from familytree.gedcom.substructures import Substructures
from familytree.model import ChildRef, Header, Severity, Tree

if TYPE_CHECKING:  # (the archive reader loads with the first archive read)
    from familytree.gedcom.gedzip import Limits

__all__ = [
    "read_file", "read_bytes", "read_text", "LoadCancelled", "is_generated_id", "INDI_EVENTS", "FAM_EVENTS",
    "NAME_TYPES", "Progress", "Cancel",
]

Progress = Callable[[float], None]
Cancel = Callable[[], bool]

# An archive's first bytes (gedzip.ZIP_MAGIC): the archive reader loads with the first archive
_ZIP_MAGIC = b"PK\x03\x04"
# Where a reading's stages end, as fractions of its progress (measured on 100,000 people: decoding
# takes about 5 % of the time, lexing and building 85 %, linking families and people the rest).
_DECODED = 0.05
_LEXED = 0.9

_HOME_TAGS = frozenset(("_HOME", "_ROOT", "_HOMEPERSON", "_ROOTPERSON"))
_ID_RE = re.compile(r"@[^@]*@")
# The stages of a reading: the lexer makes each record a tree of Nodes, and the builder of its kind
# makes it objects of the model, the structures records share made by `Substructures`.
_BUILDERS: dict[str, type[RecordBuilder]] = {
    "INDI": PersonBuilder, "FAM": FamilyBuilder, "SOUR": SourceBuilder, "REPO": RepositoryBuilder,
    "OBJE": MediaBuilder, "SNOTE": SharedNoteBuilder, "NOTE": SharedNoteBuilder,
}


def is_generated_id(xref: str) -> bool:
    """True for ids the reader made up for records that had none (they contain a space)."""
    return " " in xref


def read_file(path: str | os.PathLike[str], progress: Progress | None = None,
              cancel: Cancel | None = None, *, limits: Limits | None = None) -> Tree:
    """Read a .ged or .gdz file. Raises OSError only for file access; content problems are diagnostics.

    A GEDZIP archive is read from the file as it lies on disk, within `limits` (gedzip.LIMITS by default).
    """
    unzipped = None
    with open(path, "rb") as f:
        if f.read(4) == _ZIP_MAGIC:
            from familytree.gedcom.gedzip import LIMITS, read_gedcom

            data, unzipped = read_gedcom(f, limits if limits is not None else LIMITS, cancel)
        else:
            f.seek(0)
            data = f.read()
    # the bytes are let go once decoded: a 100,000-person file is 20 MB of them
    holder = [data]
    del data
    tree = _read_bytes(holder, os.fspath(path), progress, cancel, unzipped)
    tree.path = os.fspath(path)
    return tree


def read_bytes(data: bytes, name: str = "", progress: Progress | None = None,
               cancel: Cancel | None = None) -> Tree:
    """Read GEDCOM (or GEDZIP) bytes; never raises except LoadCancelled."""
    return _read_bytes([data], name, progress, cancel)


def _read_bytes(holder: list[bytes], name: str, progress: Progress | None, cancel: Cancel | None,
                unzipped: list[str] | None = None) -> Tree:
    """Read the bytes in `holder`; `unzipped`: they came out of a GEDZIP archive, with these problems."""
    data = holder.pop()
    if unzipped is None and data[:4] == _ZIP_MAGIC:
        from familytree.gedcom.gedzip import read_gedcom

        data, unzipped = read_gedcom(io.BytesIO(data), cancel=cancel)
    pre = [(0, problem) for problem in unzipped or ()]
    explained = bool(pre) and not data  # an archive that gave no GEDCOM is not "an empty file"
    decoded = decode_bytes(data, cancel)
    del data
    if progress is not None:
        progress(_DECODED)
    text, decoded.text = decoded.text, ""
    # line ends made LF here, so that only one copy of the text stays alive while reading
    text = normalize_newlines(text)
    tree = _read(text, pre + decoded.warnings, progress, cancel, explained, _DECODED)
    tree.header.encoding_declared = decoded.declared or tree.header.encoding_declared
    tree.header.encoding_detected = decoded.detected
    tree.path = name
    return tree


def read_text(text: str, name: str = "", progress: Progress | None = None,
              cancel: Cancel | None = None) -> Tree:
    """Read GEDCOM that is already text (the CHAR header is reported but not used)."""
    if text[:1] == "\ufeff":
        text = text[1:]
    tree = _read(text, [], progress, cancel)
    tree.header.encoding_detected = "text"
    tree.path = name
    return tree


def _sniff_version(lines: list[str]) -> str:
    """HEAD.GEDC.VERS from the first lines, so the lexer knows the @@ rules before HEAD is built."""
    in_gedc = False
    for i, line in enumerate(lines[:2000]):
        parts = line.strip().split(None, 2)
        if len(parts) < 2:
            continue
        if parts[0] == "0" and i > 0 and parts[1] != "HEAD":
            break
        if parts[0] == "1":
            in_gedc = parts[1] == "GEDC"
        elif in_gedc and parts[0] == "2" and parts[1] == "VERS" and len(parts) == 3:
            return parts[2].strip()
    return ""


def _read(text: str, warnings: list[tuple[int, str]], progress: Progress | None, cancel: Cancel | None,
          explained: bool = False, start: float = 0.0) -> Tree:
    """Read the text; `explained`: there is no text, for a reason the warnings give; `start`: the
    progress already told (of decoding)."""
    text = normalize_newlines(text)
    version = _sniff_version(text[:200_000].split("\n", 2000))
    reading = Reading(version.startswith("7"))
    diags = reading.diags
    for line, message in warnings:
        diags.add(line, message, severity=Severity.ERROR if explained else Severity.WARNING)
    tree = reading.tree
    tree.header = Header(version="")
    blank = not text or text.isspace()  # not text.strip(): that copies a 20 MB text
    if blank and not explained:
        diags.add(0, "the file is empty", severity=Severity.ERROR)
    parts = Substructures(reading)
    builders = {tag: builder(reading, parts).read for tag, builder in _BUILDERS.items()}
    other = OtherRecordBuilder(reading, parts).read
    first = True
    ended = 0
    headed = 0  # the line of the HEAD the file starts with
    lexing = None if progress is None else _stage(progress, start, _LEXED)
    for record in iter_records(text, diags, reading.version7, lexing, cancel):
        tag = record.tag
        if first:
            first = False
            if tag == "HEAD":
                headed = record.line
                _header(tree.header, record)
                continue
            diags.add(record.line, "the file does not start with a HEAD record", severity=Severity.ERROR)
        if tag == "HEAD":
            diags.add(record.line, "a second HEAD record is ignored")
            continue
        if tag == "TRLR":
            if ended:
                diags.add(record.line, "a second TRLR record is ignored")
            ended = record.line
            continue
        if ended:
            diags.add(record.line, "record after the TRLR end-of-file marker; read anyway",
                      "record after TRLR")
        builders.get(tag, other)(record)
    if not blank and not ended:
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        diags.add(last, "the file ends without a TRLR record: it may be truncated", severity=Severity.ERROR)
    if not tree.record_order and not blank and not explained:
        if headed:  # HEAD and TRLR only (gedcom7code's tiny-1.ged): a family with nobody in it yet
            diags.add(headed, "the file has a header and no records: an empty family", "no records",
                      Severity.INFO)
        else:  # a letter, a photo: nothing in it is GEDCOM
            diags.add(0, "not a GEDCOM file: no header and no records could be read", severity=Severity.ERROR)
    _settle_links(reading)
    tree.diagnostics = diags.finish()
    if progress is not None:
        progress(1.0)
    return tree


def _stage(progress: Progress, start: float, end: float) -> Progress:
    """`progress` told of one stage of the reading, which runs from `start` to `end` of the whole."""
    return lambda fraction: progress(start + fraction * (end - start))


def _header(h: Header, record: Node) -> None:
    for c in record.children:
        tag = c.tag
        if tag == "GEDC":
            for g in c.children:
                if g.tag == "VERS" and not h.version:
                    h.version = g.value.strip()
        elif tag == "CHAR":
            h.encoding_declared = c.value.strip()
        elif tag == "LANG" and not h.language:
            h.language = c.value.strip()
        else:
            if tag == "SOUR" and not h.source_system:
                h.source_system = c.value.strip()
                name = next((g.value for g in c.children if g.tag == "NAME"), "")
                if name:
                    h.source_system = f"{name} ({h.source_system})" if h.source_system else name
            elif tag in _HOME_TAGS and is_pointer(stripped(c.value)):
                h.home_person_id = stripped(c.value)
            h.extra.append(to_structure(c))


def _settle_links(reading: Reading) -> None:
    """Link families and people both ways (reporting where they disagreed); give child links their PEDI."""
    tree = reading.tree
    for d in tree.check_and_link():
        reading.diags.add(d.line, d.message, _ID_RE.sub("@…@", d.message))
    done: set[tuple[str, str]] = set()
    refs: dict[str, dict[str, ChildRef]] = {}  # family -> child -> ref, made when first needed
    for fid, pid, relation, phrase, _line in reading.pedigrees:
        fam = tree.families.get(fid)
        if fam is None or (fid, pid) in done:
            continue  # a second FAMC to the same family keeps its PEDI as read
        done.add((fid, pid))
        by_child = refs.get(fid)
        if by_child is None:
            by_child = refs[fid] = {}
            for r in reversed(fam.children):
                by_child[r.person_id] = r  # the first ref of a child wins
        ref = by_child.get(pid)
        if ref is not None:
            ref.relation = relation
            ref.phrase = phrase
