"""A save in the file's own version family: the records still as they were read keep their bytes.

The file the tree was read from is read again (`Original`). A record whose object equals the
one read from it then is written as the file had it: its lines, CONC and line order, line ends
and encoding. A record changed or added, or one the writer must write otherwise (a record that
had no xref and is now linked to, an xref renamed, a media link moved), is made by the writer,
its lines ended as the file's are, in the file's encoding when that can hold them (ANSEL, the
code pages, UTF-16, UTF-8); else the whole file is written in UTF-8, the header's CHAR saying so.

A record written anew because it changed since reading (or was added) says so in its CHAN: the
DATE and TIME of the save, the CHAN's NOTE kept; one that had none gets one, and in 7.0 a record
added a CREA too. A record the writer only wrote otherwise keeps its CHAN as read. A record saved
again unchanged since the last save keeps the time that save gave it.

The header keeps its lines but for the DATE of the save (with a TIME if it had one), CHAR when
the encoding changed, GEDC when the save names the version (Save As 5.5.1 of a 5.5 file), and the
lines of it an edit took away (the home person deleted); a header changed otherwise is written
anew, in the file's encoding. Its SOUR stays the program's that wrote the file: the lines kept
are that program's, and readers go by it to read them.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import field

from familytree.gedcom import ansel
from familytree.gedcom.emitter import LineEmitter
from familytree.gedcom.encoding import codec_for_char, codec_named, decode_bytes
from familytree.gedcom.gedzip import ZIP_MAGIC
from familytree.gedcom.lexer import Diagnostics, iter_records
from familytree.gedcom.reader import _HOME_TAGS, is_generated_id, read_bytes
from familytree.gedcom.record_writer import RecordWriter, stamp, stamped
from familytree.gedcom.writing import Writing
from familytree.model import (
    ChildRelation,
    Family,
    Header,
    Media,
    Note,
    Person,
    Repository,
    Source,
    Structure,
    Tree,
)
from familytree.model.slotted import slotted

__all__ = ["Original", "Kept", "kept_bytes", "remember", "named_version"]

# A line that may start a record: level 0, as the lexer reads it (spaces, tabs or a BOM before it),
# after the end of the line before (a pattern starting with a character: searched three times faster)
_LEVEL_0 = re.compile(r"[\r\n]([ \t\ufeff]*0+[ \t][^\r\n]*)")
# ...in the plain form the lexer's fast path takes: "0 HEAD", "0 @I1@ INDI"
_PLAIN_0 = re.compile(r"0 (?:(@[^@ ]+@) )?([^ @][^ ]*)(?: .*)?", re.S)
# a line of the header at level 1, and its tag
_LEVEL_1 = re.compile(r"(?:^|(?<=[\r\n]))[ \t\ufeff]*0*1[ \t]+(?:@[^@\r\n]*@[ \t]+)?([^ \t\r\n]+)")
_CHAR_LINE = re.compile(r"(?:^|(?<=[\r\n]))1 CHAR [^\r\n]*")  # (in a header written anew)
_TIME_LINE = re.compile(r"[\r\n][ \t]*0*2[ \t]+TIME\b")
_FILE_LINE = re.compile(r"[\r\n][ \t]*\d+[ \t]+FILE\b")
_GEDC_551 = "1 GEDC{eol}2 VERS 5.5.1{eol}2 FORM LINEAGE-LINKED{eol}"
_POINTER = re.compile(r"@[^@\r\n]+@")
_NEWLINE = re.compile(r"\r\n|\n\r|\r|\n")
_BOMS = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF32_LE: "", codecs.BOM_UTF32_BE: "",
         codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}  # (UTF-32LE's before UTF-16LE's)
# codecs whose bytes below 0x80 are ASCII: a file in one is cut into records byte for byte
_EIGHT_BIT = frozenset(("utf-8", "ascii", "ansel", "cp1252", "cp437", "cp850", "latin-1", "iso8859-15",
                        "mac-roman", "cp1250", "cp1251"))
# the CHAR of a header written anew in an encoding, when the file declared none
_CHAR_NAMES = {"utf-8": "UTF-8", "ansel": "ANSEL", "ascii": "ASCII", "cp1252": "ANSI", "cp437": "IBMPC",
               "utf-16-le": "UNICODE", "utf-16-be": "UNICODE"}

Span = tuple[int, int]  # where lines are in `Original.raw`
Part = Span | str  # lines as the file has them, or lines written anew


@slotted
class _Saved:
    """What the last kept save of a tree left to the next: the bytes the tree was read from, once a
    save wrote over them (the tree's objects, their line numbers too, are those of that reading,
    which a later save compares them with), and the lines it wrote of each record it stamped, with
    those lines but their stamp, to tell whether the record is still as then."""

    header: Header  # the tree's (the same object as long as the tree lives)
    path: str
    data: bytes | None = None
    stamps: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (lines but stamp, lines)


_SAVED: list[_Saved] = []  # the last few trees saved with kept lines
_REMEMBERED = 4


def remember(tree: Tree, kept: Kept, over_read: bool) -> None:
    """`kept` was written (`over_read`: over the file `tree` was read from)."""
    saved = _saved(tree)
    if saved is None:
        saved = _Saved(tree.header, tree.path)
        _SAVED.append(saved)
        del _SAVED[:-_REMEMBERED]
    if over_read and saved.data is None:
        saved.data = kept.read
    saved.stamps = kept.stamps


def _saved(tree: Tree) -> _Saved | None:
    return next((s for s in _SAVED if s.header is tree.header and s.path == tree.path), None)


def _first_read(tree: Tree) -> bytes | None:
    """The bytes `tree` was read from: the file as it is, unless a save wrote over it (`remember`)."""
    saved = _saved(tree)
    if saved is not None and saved.data is not None:
        return saved.data
    try:
        with open(tree.path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _now() -> datetime.datetime:
    """The time of a save (tests set their own)."""
    return datetime.datetime.now(datetime.UTC)


def named_version(path: str) -> str:
    """The GEDCOM version the header of the file at `path` names, as the reader reads it ("" for none)."""
    with open(path, "rb") as f:
        data = f.read(65536)  # (a header is a few lines)
    text = decode_bytes(data).text
    head = next(iter_records(text, Diagnostics(), False), None)
    if head is None or head.tag != "HEAD":
        return ""
    return next((v.value.strip() for g in head.children if g.tag == "GEDC" for v in g.children
                 if v.tag == "VERS"), "")


@slotted
class Original:
    """The file a tree was read from, read again: what each record was, and where its lines are.

    `raw` is the file's text one character per byte (an 8-bit or UTF-8 file) or decoded (UTF-16),
    so that `raw[a:b].encode(raw_codec)` are the bytes of those lines as the file has them.
    """

    tree: Tree
    raw: str
    raw_codec: str
    read_codec: str  # what the bytes were decoded with ("ascii", "cp1252", "ansel", ...)
    codec: str  # what lines written anew are encoded with: the same, or what the CHAR allows beyond ASCII
    bom: bytes
    eol: str  # the file's line end
    data: bytes  # the file's bytes
    head: Span | None = None  # the HEAD record, when the file starts with one
    trailer: Span | None = None  # the last TRLR, with what follows it
    spans: dict[str, Span] | None = None  # record id -> its lines

    @classmethod
    def read(cls, tree: Tree, v7: bool) -> Original | None:
        """The file `tree` was read from, when a save in `v7`'s version family can keep its lines; else None.

        None for a GEDZIP, a file gone or unreadable, another version family, UTF-32, and a file
        whose records cannot be told apart exactly as the reader told them.
        """
        path = tree.path
        if not path or path.lower().endswith(".gdz"):
            return None
        data = _first_read(tree)
        if data is None or data[:4] == ZIP_MAGIC:
            return None
        bom = next((b for b in _BOMS if data.startswith(b)), b"")
        if bom and not _BOMS[bom]:
            return None  # UTF-32, which GEDCOM does not have: written anew
        decoded = decode_bytes(data)
        body = data[len(bom):]
        read_codec = codec_named(decoded.detected) or ""
        if read_codec.startswith("utf-16"):
            raw, raw_codec = decoded.text, read_codec
            if raw.encode(read_codec) != body:  # (bytes that were not UTF-16, an odd one at the end)
                return None
        elif read_codec in _EIGHT_BIT:
            raw, raw_codec = body.decode("latin-1"), "latin-1"
        else:
            return None
        del decoded
        old = read_bytes(data, path)
        if old.header.version.startswith("7") != v7:
            return None
        codec = _codec_for_new_lines(read_codec, old.header.encoding_declared, v7)
        if v7 and codec != "utf-8":
            return None
        original = cls(old, raw, raw_codec, read_codec, codec, bom, _eol(raw, v7), data)
        return original if original._find_records(v7) else None

    def _find_records(self, v7: bool) -> bool:
        """Where each record is, matched to the reader's records in order; False when they do not tally."""
        raw = self.raw
        starts = []
        for m in _LEVEL_0.finditer("\n" + raw):  # (the first line too; offsets in raw as in the copy)
            xref, tag = _record_start(m.group(1), v7)
            if tag is not None:
                starts.append((m.start(1) - 1, xref, tag))
        ends = [at for at, _, _ in starts[1:]] + [len(raw)]
        records: list[tuple[Span, str]] = []
        for i, (at, xref, tag) in enumerate(starts):
            if i == 0 and tag == "HEAD":
                self.head = (at, ends[i])
            elif tag == "TRLR":
                self.trailer = (at, ends[i])
            elif tag != "HEAD":  # (a second HEAD the reader ignores: its lines go)
                records.append(((at, ends[i]), xref))
        order = self.tree.record_order
        if len(records) != len(order):
            return False
        spans = self.spans = {}
        for (span, xref), rid in zip(records, order, strict=True):
            if xref != rid and not xref.isascii():  # (UTF-8 or a code page, read one byte a letter)
                xref = _record_start(_NEWLINE.split(self.text(span), 1)[0], v7)[0]
            if xref == rid or is_generated_id(rid):
                spans[rid] = span
        return True

    def text(self, span: Span) -> str:
        """The lines at `span` as text."""
        piece = self.raw[span[0]:span[1]]
        if self.raw_codec != "latin-1":
            return piece
        data = piece.encode("latin-1")
        return ansel.decode(data) if self.read_codec == "ansel" else data.decode(self.read_codec, "replace")

    def bytes_at(self, span: Span) -> bytes:
        """The bytes of the lines at `span`, as in the file."""
        return self.raw[span[0]:span[1]].encode(self.raw_codec)

    def ends_line(self, span: Span) -> bool:
        return self.raw[span[1] - 1:span[1]] in ("\r", "\n")


def _record_start(line: str, v7: bool) -> tuple[str, str | None]:
    """The xref and tag of a line at level 0 as the lexer reads it; tag None when it starts no record."""
    m = _PLAIN_0.fullmatch(line)
    if m is not None:
        return m.group(1) or "", m.group(2)
    node = next(iter_records(line, Diagnostics(), v7), None)  # (a line of an odd form: as the reader does)
    return ("", None) if node is None else (node.xref, node.tag)


@slotted
class Kept:
    """A save that kept lines: its bytes, what the user should know, the bytes it kept them from, and
    the lines of the records it stamped (see `_Saved`)."""

    data: bytes
    notes: list[str]
    read: bytes
    stamps: dict[str, tuple[str, str]] = field(default_factory=dict)


def kept_bytes(tree: Tree, version: str, problems: Diagnostics, file_paths: Mapping[str, str],
               now: datetime.datetime | None = None, *, declare: bool = False,
               file_name: str = "") -> Kept | None:
    """The bytes of `tree` saved in `version`, keeping the lines of the file it was read from where
    its records did not change, and what the user should know; None when that file cannot be kept
    (see `Original.read`). The header names the file's own version, or with `declare` `version`.

    What was mended in the records written anew is added to `problems`, as `write_text` does.
    """
    v7 = version == "7.0"
    original = Original.read(tree, v7)
    if original is None:
        return None
    now = now or _now()
    writing = Writing(tree, v7, problems)
    writing.file_paths = file_paths
    records = RecordWriter(writing)
    out = LineEmitter(writing)
    eol = original.eol

    def written(record: Structure, line: int = 0) -> str:
        out.emit(record, line)
        text = eol.join(out.lines) + eol
        out.lines.clear()
        return text

    keep = _keepable(tree, original, writing)
    changes = _Changes(tree, original.tree)
    saved = _saved(tree)
    last = saved.stamps if saved is not None else {}
    stamps: dict[str, tuple[str, str]] = {}
    when = stamp(now, v7)
    stamp_lines = f"2 DATE {when.value}{eol}3 TIME {when.children[0].value}{eol}"
    parts: list[Part] = []
    for rid, obj, build in records.in_order():
        span = keep.get(rid)
        if span is not None:
            parts.append(span)
            if not original.ends_line(span):  # (the last record of a file without TRLR)
                parts.append(eol)
            continue
        change = changes.of(rid, obj)
        if not change:
            parts.append(written(build(obj), getattr(obj, "line", 0)))
            continue
        text = written(stamped(build(obj), now, v7, change == "new"), getattr(obj, "line", 0))
        bare = text.replace(stamp_lines, "")
        before = last.get(rid)
        if before is not None and before[0] == bare:
            text = before[1]  # as the last save wrote it: changed then, not since
        stamps[rid] = (bare, text)
        parts.append(text)
    # a file saved with nothing changed since it was read keeps its bytes, header DATE and all
    retag = declare and not v7 and original.tree.header.version != "5.5.1"
    same = not retag and len(keep) == len(original.tree.record_order) and \
        not any(isinstance(p, str) for p in parts)
    header = _kept_header(tree, original, None if same else now, retag, file_name)
    if header is None:  # (made before the records the writer adds: it may add a SUBM)
        header = [("", written(records.header(now)))]
    parts.extend(written(s) for s in writing.new_records)
    parts.append(original.trailer or f"0 TRLR{eol}")
    codec, note = _codec(header, parts, original)
    if codec == original.codec:
        encode: Callable[[str], bytes] = ansel.encode if codec == "ansel" else (lambda t: t.encode(codec))
        bom, data = original.bom, original.bytes_at
        if not v7 and isinstance(header[0][1], str):  # a header written anew says the file's CHAR
            declared = original.tree.header.encoding_declared
            said = declared if declared and codec_for_char(declared) == codec else \
                _CHAR_NAMES.get(codec, codec.upper())
            header = _with_char(header, said, eol)
    else:  # UTF-8
        header = _with_char(header, "UTF-8", eol)
        encode, data = str.encode, (lambda span: original.text(span).encode())
        bom = codecs.BOM_UTF8 if original.bom == codecs.BOM_UTF8 else b""
    pieces = [part for _, part in header] + parts
    written_bytes = bom + b"".join(data(p) if isinstance(p, tuple) else encode(p) for p in pieces)
    return Kept(written_bytes, [note] if note else [], original.data, stamps)


def _keepable(tree: Tree, original: Original, writing: Writing) -> dict[str, Span]:
    """The records to write as they were read, and where their lines are."""
    old = original.tree
    spans = original.spans or {}
    keep: dict[str, Span] = {}
    for name in ("people", "families", "sources", "repositories", "media", "notes"):
        before = getattr(old, name)
        for rid, obj in getattr(tree, name).items():
            span = spans.get(rid)
            if span is not None and before.get(rid) == obj:
                keep[rid] = span
    others = {s.xref: s for s in old.other_records}
    for s in tree.other_records:
        span = spans.get(s.xref)
        if span is not None and others.get(s.xref) == s:
            keep[s.xref] = span
    # a child's relation to a family is written on the child's FAMC line as well: a child whose place
    # in a changed family changed (added, removed, another relation) is written anew; their brothers
    # and sisters, moved in the family's order or not, are not
    for fid in old.families.keys() | tree.families.keys():
        if fid not in keep:
            refs = [{r.person_id: r for r in family.children} if family is not None else {}
                    for family in (old.families.get(fid), tree.families.get(fid))]
            for pid in refs[0].keys() | refs[1].keys():
                if refs[0].get(pid) != refs[1].get(pid):
                    keep.pop(pid, None)
    if writing.referenced:
        _link_new(tree, keep, writing.referenced)
    renamed = set(writing.renames)
    if renamed or writing.file_paths:
        raw = original.raw
        for rid, (a, b) in list(keep.items()):
            if renamed and (rid in renamed or not renamed.isdisjoint(_POINTER.findall(raw, a, b))):
                del keep[rid]  # (its xref or its links are written as renamed)
            elif writing.file_paths and _FILE_LINE.search(raw, a, b):
                del keep[rid]  # (its media links are written as the file now finds them)
    return keep


def _link_new(tree: Tree, keep: dict[str, Span], referenced: set[str]) -> None:
    """Records that had no xref (or a taken one) are written anew, with a fresh xref, when a record
    written anew links to them (the reader linked them to it: a CHIL without its FAMC)."""
    changed = True
    while changed:
        changed = False
        for p in tree.people.values():
            if p.id not in keep:
                for fid in (*p.parent_family_ids, *p.family_ids):
                    if fid in referenced and keep.pop(fid, None) is not None:
                        changed = True
        for f in tree.families.values():
            if f.id not in keep:
                for pid in (*f.partner_ids, *f.child_ids):
                    if pid in referenced and keep.pop(pid, None) is not None:
                        changed = True


class _Changes:
    """Why a record is written anew: added since reading ("new"), changed ("changed"), or neither
    ("": written otherwise, as a child of a family changed, or with an xref or media link rewritten)."""

    _TABLES = {Person: "people", Family: "families", Source: "sources", Repository: "repositories",
               Media: "media", Note: "notes"}

    def __init__(self, tree: Tree, old: Tree) -> None:
        self.tree = tree
        self.old = old
        self.others: dict[str, Structure] | None = None

    def of(self, rid: str, obj: object) -> str:
        table = self._TABLES.get(type(obj))
        if table is not None:
            before = getattr(self.old, table).get(rid)
        else:
            if self.others is None:
                self.others = {s.xref: s for s in self.old.other_records}
            before = self.others.get(rid)
        if before is None:
            return "new"
        if before != obj:
            return "changed"
        # a child's relation to its parents is written on its FAMC lines, and kept by the family
        if isinstance(obj, Person) and _relations(self.old, obj) != _relations(self.tree, obj):
            return "changed"
        return ""


def _relations(tree: Tree, p: Person) -> list[tuple[ChildRelation | None, str]]:
    """How `p` is a child in each family they are a child of, as `tree` has it."""
    found: list[tuple[ChildRelation | None, str]] = []
    for fid in p.parent_family_ids:
        family = tree.families.get(fid)
        ref = next((r for r in family.children if r.person_id == p.id), None) if family is not None else None
        found.append((ref.relation, ref.phrase) if ref is not None else (None, ""))
    return found


_FILE_VALUE = re.compile(r"[ \t]*1[ \t]+FILE[ \t]?([^\r\n]*)")


def _kept_header(tree: Tree, original: Original, now: datetime.datetime | None,
                 retag: bool = False, file_name: str = "") -> list[tuple[str, Part]] | None:
    """The header as the file had it, (tag, lines) for each line at level 1 and the HEAD line before
    them, with the DATE of this save at `now` (None: as it was), with `retag` a GEDC naming 5.5.1,
    and a 5.5.1 FILE naming `file_name` (Save As under another name); None when it changed otherwise
    and is written anew."""
    if original.head is None:
        return None
    h, old = tree.header, original.tree.header
    if (h.version, h.encoding_declared, h.source_system, h.language) != \
            (old.version, old.encoding_declared, old.source_system, old.language):
        return None
    if h.home_person_id != old.home_person_id and \
            (h.home_person_id or any(e.tag in _HOME_TAGS for e in h.extra)):
        return None  # (a home person gone with its lines is kept; another home is written anew)
    start, end = original.head
    raw = original.raw
    found = [(m.start(), m.group(1)) for m in _LEVEL_1.finditer(raw, start, end)]
    nexts = [at for at, _ in found[1:]] + [end]
    groups = [(tag, (at, nxt)) for (at, tag), nxt in zip(found, nexts, strict=False)]
    kept = _kept_groups(groups, h.extra, old)
    if kept is None:
        return None
    parts: list[tuple[str, Part]] = [("", (start, groups[0][1][0] if groups else end))]
    dated = False
    for tag, span in kept:
        named = _FILE_VALUE.match(raw, *span) if tag == "FILE" and file_name else None
        if tag == "DATE" and not dated and now is not None:
            dated = True
            date = stamp(now, original.tree.header.version.startswith("7"))
            lines = f"1 DATE {date.value}{original.eol}"
            if _TIME_LINE.search(raw, *span):
                lines += f"2 TIME {date.children[0].value}{original.eol}"
            parts.append((tag, lines))
        elif named is not None and named.group(1).strip() != file_name:  # (saved under another name)
            parts.append((tag, f"1 FILE {file_name}{original.eol}"))
        elif tag == "GEDC" and retag:
            if not any(t == "GEDC" for t, _ in parts):  # (a second one goes)
                parts.append((tag, _GEDC_551.format(eol=original.eol)))
        else:
            parts.append((tag, span))
    if retag and not any(tag == "GEDC" for tag, _ in parts):  # (before CHAR, as 5.5.1 has it)
        at = next((i for i, (tag, _) in enumerate(parts) if tag == "CHAR"), len(parts))
        parts.insert(at, ("GEDC", _GEDC_551.format(eol=original.eol)))
    return parts


def _kept_groups(groups: list[tuple[str, Span]], extra: list[Structure],
                 old: Header) -> list[tuple[str, Span]] | None:
    """The header's lines that stay: all of them, or all but those of the structures taken from its
    `extra` since reading; None when the lines cannot be matched to the structures read."""
    if extra == old.extra:
        return groups
    language = bool(old.language)
    own = []  # the groups the reader kept in header.extra, in order
    for tag, span in groups:
        if tag in ("GEDC", "CHAR"):
            continue
        if tag == "LANG" and language:
            language = False
            continue
        own.append((tag, span))
    if [tag for tag, _ in own] != [s.tag for s in old.extra]:
        return None
    gone: set[Span] = set()
    left = iter(extra)
    wanted = next(left, None)
    for (_, span), s in zip(own, old.extra, strict=True):
        if wanted is not None and wanted == s:
            wanted = next(left, None)
        else:
            gone.add(span)
    if wanted is not None:
        return None  # something was added or changed, not only taken away
    return [(tag, span) for tag, span in groups if span not in gone]


def _codec(header: list[tuple[str, Part]], parts: list[Part], original: Original) -> tuple[str, str]:
    """The encoding to write: the file's, or UTF-8 when a line written anew has a character it lacks;
    and the note that says so."""
    codec = original.codec
    if codec == "utf-8":
        return codec, ""
    encode = ansel.encode if codec == "ansel" else (lambda t: t.encode(codec))
    for part in [p for _, p in header] + parts:
        if isinstance(part, str) and not part.isascii():
            try:
                encode(part)
            except UnicodeEncodeError as error:
                name = os.path.basename(original.tree.path)
                shown = original.tree.header.encoding_detected or codec
                return "utf-8", (f"{name} was written in UTF-8, not {shown}: "
                                 f"{error.object[error.start:error.end]!r} cannot be written in {shown}")
    return codec, ""


def _with_char(header: list[tuple[str, Part]], name: str, eol: str) -> list[tuple[str, Part]]:
    """The header saying CHAR `name`, in place of the CHAR it had (or after its HEAD line)."""
    if isinstance(header[0][1], str):  # written anew: its CHAR line is ours
        return [("", _CHAR_LINE.sub(lambda _: f"1 CHAR {name}", header[0][1], count=1))]
    line = f"1 CHAR {name}{eol}"
    if any(tag == "CHAR" for tag, _ in header):
        return [(tag, line if tag == "CHAR" else part) for tag, part in header]
    return [header[0], ("CHAR", line), *header[1:]]


def _codec_for_new_lines(read: str, declared: str, v7: bool) -> str:
    """The codec for lines written anew into a file read with codec `read`, whose CHAR is `declared`."""
    if v7:
        return "utf-8" if read in ("utf-8", "ascii") else read
    if read == "ascii":  # (ASCII is what the bytes were; the CHAR may allow more)
        wanted = codec_for_char(declared) if declared else None
        return wanted if wanted in _EIGHT_BIT else "ascii"
    return read


def _eol(raw: str, v7: bool) -> str:
    """The line end of the file: its first line's (the version's when it has none)."""
    m = _NEWLINE.search(raw, 0, 100_000)
    if m is None:
        return "\n" if v7 else "\r\n"
    found = m.group()
    if found != "\n\r":
        return found
    # LF CR ends lines (some UTF-16 exporters) unless LF CR LF shows it is an LF and a CR LF
    return found if raw[m.end():m.end() + 1] != "\n" else "\n"
