"""Mutation fuzzer of the GEDCOM reader and writers: hostile corpus variants read, written and read back.

Usage: python benchmarks/fuzz_gedcom.py [--cases 10000] [--seed 1] [--jobs 2] [--out DIR]
       python benchmarks/fuzz_gedcom.py --check FILE...      (the checks on given files, no mutation)
       python benchmarks/fuzz_gedcom.py --replay N --seed S   (write case N of seed S to --out)
       python benchmarks/fuzz_gedcom.py --help                (limits, corpus, minimising)

Each case takes a corpus file (tests/data/corpus, ../shared/gedcom-corpus when present, the bundled
data/trotsky-sedov.ged) and mutates it by byte and by line: bit flips, NULs, random bytes, lines
deleted, duplicated or swapped, levels changed (over 99, negative, leading zeros, jumps), truncation,
byte-order marks mid-file, huge CONC/CONT runs, long or odd xrefs and tags, tags that look like
xrefs, pointer cycles, wrong CHAR and VERS lines, re-encodings, CR/LF mixes, control characters in
values, runs of ANSEL combining bytes, and GEDZIP archives (the mutated gedcom.ged with odd member
names, zip bombs). The case is read with ``read_file``; written with ``write_file`` as 7.0 and as
5.5.1; each output is read again and written again; an archive is also saved as .gdz.

Categories reported (a case counts once per category):

- exception: an exception escaped the reader or a writer (signature: stage, type, innermost
  familytree frame);
- hang: the case used more than --time-limit seconds of CPU (SIGXCPU, so that a loaded machine
  makes no false hangs; signature: the innermost familytree frame it was stopped in), or was
  stuck six times as long on the wall clock (faulthandler dumps its stack);
- memory: MemoryError under the --memory-mb address-space limit, or the worker died (crash);
- grammar: the written output breaks the GEDCOM line grammar of its version
  (``familytree.gedcom.grammar.check_lines``; signature: its message without the values it names);
- count: people, families, sources, shared notes, media, repositories or other records differ
  between the first read and the read of the written output. Two mends the writers are meant to
  make are not counted: SUBM records (5.5.1 requires a submitter; the writer adds one to a file
  that has none) and, when media differ, inline OBJE (7.0 has none; the writer makes a record of
  each, so inline media count with the records);
- idempotence: writing what was read back differs from the first write, byte for byte, except the
  HEAD DATE and TIME the writer stamps (the time of writing). Signature: "line order" or
  "content", and the record and line tags where the two writes first part;
- archive: re-saving a GEDZIP copied a member name that is absolute, climbs out with ``..``, holds
  a backslash or a drive letter, or another .ged file.

Every distinct signature is minimised (delta debugging over lines, then bytes, keeping the same
category and signature) and saved in --out (default /tmp/fuzz-findings-<seed>/) with summary.json
and README.md. Cases run in worker processes (a time limit and an address-space limit each; a worker
that hangs or dies is replaced), so a hang or an abort does not stop the run. The same seed gives
the same cases.
"""

from __future__ import annotations

import argparse
import ctypes
import dataclasses
import faulthandler
import hashlib
import io
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import resource
import shutil
import signal
import stat
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TESTS_CORPUS = ROOT / "tests" / "data" / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "gedcom-corpus"
BUNDLED = ROOT / "data" / "trotsky-sedov.ged"
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

VERSIONS = ("7.0", "5.5.1")
CATEGORIES = ("exception", "hang", "memory", "grammar", "count", "idempotence", "archive")
COUNTED = ("people", "families", "sources", "notes", "media", "repositories")
GEDCOM_SUFFIXES = (".ged", ".gdz")


# -- corpus --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    name: str  # the path relative to its corpus, for the report
    data: bytes


def corpus(which: str = "all") -> list[Source]:
    """The corpus files, deduplicated by content: "tests" (bundled and tests/data) or "all" (+ shared)."""
    paths: list[tuple[str, Path]] = [("data/" + BUNDLED.name, BUNDLED)]
    paths += [("tests/" + p.relative_to(TESTS_CORPUS).as_posix(), p) for p in sorted(TESTS_CORPUS.rglob("*"))
              if p.suffix.lower() in GEDCOM_SUFFIXES]
    if which == "all":
        paths += [("shared/" + rel, SHARED_CORPUS / rel) for rel in _shared_listing()]
    seen: set[str] = set()
    out: list[Source] = []
    for name, path in paths:
        if not path.is_file():
            continue  # the shared README lists a file this checkout does not have
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(Source(name, data))
    return out


def _shared_listing() -> list[str]:
    """The files the shared corpus README lists in its table (`path` in the first column)."""
    readme = SHARED_CORPUS / "README.md"
    if not readme.is_file():
        return []
    names = re.findall(r"^\| `([^`]+)` \|", readme.read_text(encoding="utf-8"), re.M)
    return [n for n in names if n.lower().endswith(GEDCOM_SUFFIXES)]


# -- cases ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    """A member of a GEDZIP case: its bytes, or `zeros` bytes of NUL streamed (a zip bomb)."""
    name: str
    data: bytes = b""
    zeros: int = 0
    symlink: bool = False


@dataclass(frozen=True)
class Case:
    gedcom: bytes
    members: tuple[Member, ...] | None = None  # a GEDZIP archive: gedcom.ged is written where "" is
    source: str = ""
    mutations: tuple[str, ...] = ()
    index: int = -1

    @property
    def archive(self) -> bool:
        return self.members is not None

    def payload(self) -> bytes:
        if self.members is None:
            return self.gedcom
        return _zip(self.members, self.gedcom)

    def size(self) -> int:
        return len(self.gedcom) + sum(len(m.data) + m.zeros for m in self.members or ())


def _zip(members: Iterable[Member], gedcom: bytes) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate member names are wanted here
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for m in members:
                info = zipfile.ZipInfo(m.name or "gedcom.ged", (2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                if m.symlink:
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                if m.zeros:
                    with z.open(info, "w", force_zip64=True) as f:
                        chunk = bytes(1 << 20)
                        left = m.zeros
                        while left:
                            f.write(chunk[:min(left, len(chunk))])
                            left -= min(left, len(chunk))
                else:
                    z.writestr(info, gedcom if not m.name else m.data)
    return buf.getvalue()


def _unzip(data: bytes) -> tuple[bytes, tuple[Member, ...]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [Member(i.filename, z.read(i)) for i in z.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        return None
    gedcom = next((m.data for m in members if m.name == "gedcom.ged"), b"")
    return gedcom, tuple(Member("") if m.name == "gedcom.ged" else m for m in members)


@dataclass(frozen=True)
class Plan:
    """What the cases of a run are made of: the seed, whether zip bombs, how large a case may grow."""
    seed: int
    bombs: bool = True
    max_bytes: int = 8 << 20


def build_case(sources: Sequence[Source], plan: Plan, index: int) -> Case:
    """Case `index` of the plan: the same bytes on every run (string seeds hash the same everywhere)."""
    rng = random.Random(f"familytree-fuzz:{plan.seed}:{index}")
    src = sources[rng.randrange(len(sources))]
    data, members = src.data, None
    if data[:4] == b"PK\x03\x04":
        unzipped = _unzip(data)
        if unzipped is not None:
            data, members = unzipped
    names: list[str] = []
    count = 1
    while count < 6 and rng.random() < 0.55:
        count += 1
    view = _Utf16View.of(data) if rng.random() < 0.7 else None
    work = view.text if view else data
    for _ in range(count):
        name, mutate = _pick(rng)
        mutated = mutate(rng, work, sources)
        if len(mutated) <= plan.max_bytes:  # else the mutation is skipped (the rng has moved on alike)
            work = mutated
            names.append(name)
    data = view.back(work) if view else work
    if members is None and rng.random() < 0.05:
        members, how = _odd_archive(rng)
        names.append(how)
    elif members is not None and rng.random() < 0.3:
        extra, how = _odd_archive(rng)
        members = members + tuple(m for m in extra if m.name)
        names.append(how)
    if plan.bombs and rng.random() < 0.002:
        # the same two bombs whatever the case: each is built once a run (_payload keeps it)
        if rng.random() < 0.5:
            data, members = b"", (Member("", zeros=_BOMB_BYTES),)
        else:
            data, members = _BOMB_GEDCOM, (Member(""), Member("media/big.jpg", zeros=_BOMB_BYTES))
        names.append("zip bomb")
    return Case(data, members, src.name, tuple(names), index)


_BOMB_BYTES = 2200 << 20  # past the default 2 GB limit: a bounded reader must stop before
_BOMB_GEDCOM = b"""0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 OBJE @O1@\n0 @O1@ OBJE\n1 FILE media/big.jpg
2 FORM image/jpeg\n0 TRLR\n"""


def _payload(case: Case, cache: Path) -> bytes:
    """The case's bytes; a zip bomb (seconds to deflate) is kept in `cache` for the next case."""
    if not any(m.zeros for m in case.members or ()):
        return case.payload()
    key = hashlib.sha256(repr((case.gedcom, case.members)).encode()).hexdigest()[:16]
    path = cache / f"bomb-{key}.gdz"
    if not path.exists():
        part = path.with_suffix(f".{os.getpid()}")
        part.write_bytes(case.payload())
        os.replace(part, path)
    return path.read_bytes()


class _Utf16View:
    """A UTF-16 file mutated as UTF-8 text (its lines are found) and encoded back."""

    def __init__(self, codec: str, bom: bytes, text: bytes) -> None:
        self.codec, self.bom, self.text = codec, bom, text

    @classmethod
    def of(cls, data: bytes) -> _Utf16View | None:
        bom = data[:2]
        if bom in (b"\xff\xfe", b"\xfe\xff"):
            codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
            body = data[2:]
        else:
            head = data[:400]
            if head.count(0) < len(head) // 3:
                return None
            odd = head[1::2].count(0) > head[0::2].count(0)
            codec, bom, body = ("utf-16-le" if odd else "utf-16-be"), b"", data
        text = body[:len(body) // 2 * 2].decode(codec, "surrogatepass").encode("utf-8", "surrogatepass")
        return cls(codec, bom, text)

    def back(self, text: bytes) -> bytes:
        return self.bom + text.decode("utf-8", "surrogateescape").encode(self.codec, "surrogatepass")


# -- mutators ------------------------------------------------------------------------------------
Mutator = Callable[[random.Random, bytes, Sequence[Source]], bytes]
_LINE_RE = re.compile(rb"^([ \t]*)(\S*)([ \t]+)(@[^@ \t\r\n]*@[ \t]+)?([^ \t\r\n]*)(.*?)(\r\n|\r|\n)?$", re.S)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _eol(lines: Sequence[bytes]) -> bytes:
    for line in lines[:5]:
        if line.endswith(b"\r\n"):
            return b"\r\n"
        if line.endswith(b"\r"):
            return b"\r"
    return b"\n"


def _parts(line: bytes) -> list[bytes] | None:
    """[indent, level, delimiter, xref+delimiter, tag, rest, eol] of a line that has a level."""
    m = _LINE_RE.match(line)
    return [g or b"" for g in m.groups()] if m else None


def _xrefs(lines: Sequence[bytes], tag: bytes | None = None) -> list[bytes]:
    out = []
    for line in lines:
        p = _parts(line)
        if p and p[1] == b"0" and p[3] and (tag is None or p[4] == tag):
            out.append(p[3].strip())
    return out


def _record_end(lines: Sequence[bytes], start: int) -> int:
    i = start + 1
    while i < len(lines) and not lines[i].lstrip().startswith(b"0 "):
        i += 1
    return i


def _bit_flip(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    if not data:
        return data
    buf = bytearray(data)
    for _i in range(rng.randint(1, 8)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _nul_bytes(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    for _i in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        data = data[:at] + b"\x00" * rng.choice((1, 1, 2, 7)) + data[at:]
    return data


def _random_bytes(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    at = rng.randint(0, len(data))
    run = bytes(rng.randrange(256) for _i in range(rng.randint(1, 32)))
    if rng.random() < 0.5:
        return data[:at] + run + data[at + len(run):]
    return data[:at] + run + data[at:]


def _eight_bit_run(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    """A run of ANSEL combining marks (0xE0-0xFE) or of bytes ANSEL and CP1252 leave undefined."""
    size = rng.choice((3, 40, 2000, 60_000, 300_000))
    pool = range(0xE0, 0xFF) if rng.random() < 0.6 else (0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAF, 0xBB, 0xBF)
    run = bytes(rng.choice(pool) for _i in range(min(size, 64))) * max(1, size // 64)
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = lines[i].rstrip(b"\r\n") + b" " + run + _eol(lines)
    return b"".join(lines)


def _truncate(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    return data[:rng.randint(0, len(data))]


def _bom_mid(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    bom = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf" * 3))
    lines = _lines(data)
    if rng.random() < 0.7:
        i = rng.randrange(len(lines))
        lines[i] = bom + lines[i]
        return b"".join(lines)
    at = rng.randint(0, len(data))
    return data[:at] + bom + data[at:]


_ENDS = (b"\r", b"\r\n", b"\n", b"\n\r", b"\r\r\n", b"\x85", b"\xe2\x80\xa8", b"\x0b", b"\x0c", b"\x1a\n",
         b"")


def _line_ends(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    everywhere = rng.random() < 0.3
    end = rng.choice(_ENDS)
    for i in range(len(lines)):
        if everywhere or rng.random() < 0.1:
            lines[i] = lines[i].rstrip(b"\r\n") + (end if everywhere else rng.choice(_ENDS))
    return b"".join(lines)


_CONTROLS = bytes(range(0x01, 0x20)) + b"\x7f"


def _control_chars(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    for _i in range(rng.randint(1, 5)):
        i = rng.randrange(len(lines))
        body, end = lines[i].rstrip(b"\r\n"), lines[i][len(lines[i].rstrip(b"\r\n")):]
        at = rng.randint(min(len(body), body.find(b" ", 2) + 1), len(body))
        run = bytes(rng.choice(_CONTROLS) for _j in range(rng.randint(1, 3)))
        lines[i] = body[:at] + run + body[at:] + end
    return b"".join(lines)


def _delete_lines(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    count = rng.randint(1, 3) if rng.random() < 0.7 else rng.randint(1, max(1, len(lines) // 5))
    del lines[start:start + count]
    return b"".join(lines)


def _duplicate_lines(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    end = _record_end(lines, start) if rng.random() < 0.4 else start + rng.randint(1, 3)
    block = lines[start:end] * rng.choice((1, 1, 2, 50))
    at = rng.choice((end, rng.randint(0, len(lines))))
    lines[at:at] = block
    return b"".join(lines)


def _swap_lines(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


_LEVELS = (b"100", b"99", b"255", b"1000", b"-1", b"-0", b"01", b"00", b"+1", b"1a", b"", b" 1", b"\t1",
           "\uff11".encode(), "\u0663".encode(), b"9" * 40, b"0", b"1")


def _edit_lines(rng: random.Random, data: bytes, times: int,
                edit: Callable[[random.Random, list[bytes]], None]) -> bytes:
    """`times` lines picked at random, each that has a level edited in its parts (see _parts)."""
    lines = _lines(data)
    for _i in range(times):
        i = rng.randrange(len(lines))
        p = _parts(lines[i])
        if p is not None:
            edit(rng, p)
            lines[i] = b"".join(p)
    return b"".join(lines)


def _level_change(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    def edit(rng: random.Random, p: list[bytes]) -> None:
        if rng.random() < 0.4 and p[1].isdigit():
            p[1] = str(int(p[1]) + rng.choice((2, 3, 5, 40, 98))).encode()  # a jump down the tree
        else:
            p[1] = rng.choice(_LEVELS)
    return _edit_lines(rng, data, rng.randint(1, 3), edit)


def _deep_nesting(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    p = _parts(lines[i])
    base = int(p[1]) if p and p[1].isdigit() and len(p[1]) < 4 else 0
    eol = _eol(lines)
    tags = (b"NOTE", b"SOUR", b"_X", b"DATA", b"TEXT", b"OBJE", b"SNOTE")
    depth = rng.choice((50, 120, 2000))
    run = [b"%d %s x%d" % (base + 1 + k, rng.choice(tags), k) + eol for k in range(depth)]
    lines[i + 1:i + 1] = run
    return b"".join(lines)


def _huge_continuation(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    p = _parts(lines[i])
    level = int(p[1]) + 1 if p and p[1].isdigit() and len(p[1]) < 4 else 2
    eol = _eol(lines)
    piece = rng.choice((b"x", b"word ", b" ", b"@", b"@@", b"\xc3\xa9", b"a" * 300, b"@I1@"))
    if rng.random() < 0.3:  # one value of megabytes, no continuation at all
        value = piece * (rng.choice((300_000, 2_000_000)) // len(piece))
        lines[i] = lines[i].rstrip(b"\r\n") + b" " + value + eol
        return b"".join(lines)
    tag = rng.choice((b"CONC", b"CONT", b"CONC"))
    run = [b"%d %s %s" % (level, tag, piece) + eol] * rng.choice((10, 1000, 30_000))
    lines[i + 1:i + 1] = run
    return b"".join(lines)


_XREF_BODIES = (b"I 1", b"i1", b"VOID", b"", b"#I1", b"I\t1", "\u00d61".encode(), b"I@1", b"@", b"-1", b"I1 ",
                b"F1", b"S1", b"N1", b"SUBM")


def _odd_xref(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    xrefs = _xrefs(lines)
    if not xrefs:
        return data
    old = rng.choice(xrefs)
    if rng.random() < 0.6:
        length = rng.choice((19, 20, 21, 30, 240, 250, 260, 1000, 5000))  # 5.5.1 allows 20 between the @s
        body = rng.choice((b"N", b"I", b"F_")) + b"A" * length
    else:
        body = rng.choice(_XREF_BODIES)
    new = b"@" + body + b"@"
    if rng.random() < 0.7:
        return data.replace(old, new)  # the record and every pointer to it
    at = data.find(old)
    return data[:at] + new + data[at + len(old):]


_TAGS = (b"name", b"_", b"123", "\u00c4\u00d6".encode(), b"@F2@", b"TAG@", b"a-b", b"N\x00AME", b"CONC",
         b"CONT",
         b"TRLR", b"HEAD", b"#X", b"_" + b"X" * 40, b"N" * 32, b"X" * 5000, b"VOID", b"@VOID@")


def _odd_tag(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    def edit(rng: random.Random, p: list[bytes]) -> None:
        p[4] = rng.choice(_TAGS)
    return _edit_lines(rng, data, rng.randint(1, 3), edit)


def _tag_like_xref(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    """A record line whose tag is a pointer ('0 @@ @F2@ FAM'), or whose xref has no tag after it."""
    lines = _lines(data)
    heads = [i for i, line in enumerate(lines) if (p := _parts(line)) and p[3]]
    if not heads:
        return data
    i = rng.choice(heads)
    p = _parts(lines[i])
    assert p is not None
    how = rng.randrange(4)
    if how == 0:
        p[3] = rng.choice((b"@@ ", b"@ ", b"@@@ ")) + p[3]
    elif how == 1:
        p[4], p[5] = b"", b""
    elif how == 2:
        p[3], p[4] = p[4] + b" ", p[3].strip()
    else:
        p[1] = str(rng.randint(1, 3)).encode()  # a record xref on a substructure
    lines[i] = b"".join(p)
    return b"".join(lines)


def _cycle(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    """A person their own parent, a family loop across generations, a record that cites itself."""
    lines = _lines(data)
    people, families = _xrefs(lines, b"INDI"), _xrefs(lines, b"FAM")
    eol = _eol(lines)
    if not people:
        return data
    p = rng.choice(people)
    f = rng.choice(families) if families else b"@FCYCLE@"
    if not families:
        lines[-1:-1] = [b"0 @FCYCLE@ FAM" + eol]
    links: dict[bytes, list[bytes]] = {}
    how = rng.randrange(4)
    if how == 0:  # parent and child of the same family
        links[p] = [b"1 FAMC " + f, b"1 FAMS " + f]
        links[f] = [b"1 HUSB " + p, b"1 CHIL " + p]
    elif how == 1:  # their own grandparent: p's child is a parent in p's parent family
        q = rng.choice(people)
        g = rng.choice(families) if families else f
        links[p] = [b"1 FAMS " + f, b"1 FAMC " + g]
        links[q] = [b"1 FAMC " + f, b"1 FAMS " + g]
        links[f] = [b"1 WIFE " + p, b"1 CHIL " + q]
        links[g] = [b"1 HUSB " + q, b"1 CHIL " + p]
    elif how == 2:  # alias and association to oneself
        links[p] = [b"1 ALIA " + p, b"1 ASSO " + p, b"2 RELA self"]
    else:  # a family whose child is also both its partners
        links[f] = [b"1 HUSB " + p, b"1 WIFE " + p, b"1 CHIL " + p, b"1 CHIL " + p]
    for xref, extra in links.items():
        for i, line in enumerate(lines):
            head = _parts(line)
            if head and head[1] == b"0" and head[3].strip() == xref:
                lines[i + 1:i + 1] = [e + eol for e in extra]
                break
    return b"".join(lines)


_CHARS = (b"ANSEL", b"UTF-8", b"UNICODE", b"UTF-16", b"UTF-16BE", b"ASCII", b"ANSI", b"IBMPC", b"MACINTOSH",
          b"",
          b"KOI8-R", b"UTF8", b"CP1252", b"\xff\xfe", b"ANSEL ANSEL", b"WINDOWS-1251", b"ISO-8859-1")


def _wrong_char(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    eol = _eol(lines)
    at = next((i for i, line in enumerate(lines[:200]) if re.match(rb"\s*1 CHAR\b", line)), None)
    value = rng.choice(_CHARS)
    line = (b"1 CHAR " + value).rstrip() + eol
    if at is None or rng.random() < 0.2:
        lines.insert(min(1, len(lines)), line)  # a CHAR where there was none, or a second one
    elif rng.random() < 0.15:
        del lines[at]
    else:
        lines[at] = line
    return b"".join(lines)


def _version(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    value = rng.choice((b"7.0", b"5.5.1", b"5.5", b"5.5.5", b"4.0", b"7.1", b"", b"7", b"99", b"7.0.0.0.1"))
    new, n = re.subn(rb"(\n\s*2 VERS)[^\r\n]*", rb"\1 " + value, data, count=1)
    if n:
        return new
    lines = _lines(data)
    eol = _eol(lines)
    lines[1:1] = [b"1 GEDC" + eol, b"2 VERS " + value + eol]
    return b"".join(lines)


def _reencode(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(("utf-16-le", "utf-16-be", "utf-16", "cp1252", "latin-1", "utf-8-sig", "cp437"))
    return text.encode(codec, "replace")


def _splice(rng: random.Random, data: bytes, sources: Sequence[Source]) -> bytes:
    other = _lines(rng.choice(sources).data[:400_000])
    start = rng.randrange(len(other))
    block = other[start:start + rng.randint(1, 40)]
    lines = _lines(data)
    at = rng.randint(0, len(lines))
    lines[at:at] = block
    return b"".join(lines)


_POINTERS = (b"@NOBODY@", b"@VOID@", b"@", b"@@", b"@I1@ and text", b"@F1@", b"@S1@", b"@N1@", b"@I1", b"I1@",
             b"@I 1@", b"@@I1@@", b"@#DJULIAN@ 1 JAN 1700", b"@" * 300, b"a@b")


def _pointer_mangle(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    def edit(rng: random.Random, p: list[bytes]) -> None:
        p[5] = b" " + rng.choice(_POINTERS)
    return _edit_lines(rng, data, rng.randint(1, 4), edit)


def _whitespace(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    def edit(rng: random.Random, p: list[bytes]) -> None:
        how = rng.randrange(4)
        if how == 0:
            p[2] = rng.choice((b"  ", b"\t", b" \t"))
        elif how == 1:
            p[0] = rng.choice((b" ", b"   ", b"\t"))
        elif how == 2:
            p[5] = p[5] + rng.choice((b" ", b"   ", b"\t"))
        else:
            p[5] = b"  " + p[5].lstrip(b" ")
    return _edit_lines(rng, data, rng.randint(1, 6), edit)


def _odd_records(rng: random.Random, data: bytes, _: Sequence[Source]) -> bytes:
    lines = _lines(data)
    eol = _eol(lines)
    record = rng.choice((
        [b"0 TRLR"], [b"0 HEAD", b"1 CHAR ANSEL"], [b"0 INDI", b"1 NAME No /Xref/"], [b"0 @X1@ INDI"],
        [b"0 @N9@ NOTE"], [b"0 @N9@ SNOTE"], [b"0 @S9@ SOUR"], [b"0 FAM", b"1 CHIL @I1@"], [b"0 @O9@ OBJE"],
        [b"0 @X2@ _LOC", b"1 NAME Here"], [b"0 @I1@ INDI", b"1 NAME Second /One/"], [b"0 NOTE a top note"],
        [b"0 @X3@ NOTE", b"1 CONC only a concatenation"], [b"0 @R9@ REPO"], [b"0 SUBM"], [b"0 @U1@ SUBM"],
    ))
    at = rng.choice((len(lines), rng.randint(0, len(lines))))
    lines[at:at] = [r + eol for r in record]
    return b"".join(lines)


_MUTATORS: tuple[tuple[str, Mutator, int], ...] = (
    ("bit flips", _bit_flip, 6), ("NULs", _nul_bytes, 4), ("random bytes", _random_bytes, 5),
    ("8-bit run", _eight_bit_run, 2), ("truncation", _truncate, 3), ("BOM mid-file", _bom_mid, 3),
    ("line ends", _line_ends, 4), ("control characters", _control_chars, 4),
    ("lines deleted", _delete_lines, 6), ("lines duplicated", _duplicate_lines, 5),
    ("lines swapped", _swap_lines, 5), ("levels", _level_change, 6),
    ("deep nesting", _deep_nesting, 2), ("huge CONC/CONT", _huge_continuation, 3), ("odd xref", _odd_xref, 5),
    ("odd tag", _odd_tag, 5), ("tag like xref", _tag_like_xref, 4), ("cycle", _cycle, 4),
    ("wrong CHAR", _wrong_char, 4), ("VERS", _version, 3), ("re-encoded", _reencode, 2),
    ("splice", _splice, 4),
    ("pointers", _pointer_mangle, 5), ("whitespace", _whitespace, 3), ("odd records", _odd_records, 4),
)
_WEIGHTS = [w for _n, _m, w in _MUTATORS]


def _pick(rng: random.Random) -> tuple[str, Mutator]:
    name, mutate, _w = rng.choices(_MUTATORS, weights=_WEIGHTS)[0]
    return name, mutate


_ODD_NAMES = ("../evil.jpg", "/etc/evil.jpg", "media\\win.jpg", "C:/evil.jpg", "media/../../up.jpg",
              "old.ged", "sub/gedcom.ged", "GEDCOM.GED", "media/" + "x" * 300 + ".jpg",
              "m\u00e9dia/\u00fc.jpg", "media/", "a\x01b.jpg", "gedcom.ged")


def _odd_archive(rng: random.Random) -> tuple[tuple[Member, ...], str]:
    names = rng.sample(_ODD_NAMES, rng.randint(1, 4))
    members = [Member(n, b"\x89PNG fake " + n.encode("utf-8", "replace")) for n in names]
    if rng.random() < 0.3:
        members.append(Member("media/link.jpg", b"../../../../etc/passwd", symlink=True))
    members.insert(rng.randint(0, len(members)), Member(""))
    return tuple(members), "GEDZIP odd members"


# -- the line grammar ------------------------------------------------------------------------------
# what a message names (a tag, an xref, a level, a length, a character) is no part of its rule; NUL is
_NAMED_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|@[^ ]*@"
                       r"|U\+(?!0000\b)[0-9A-F]{4,6}|(?<![\w.+-])\d+(?![\w.-])")


def grammar_violations(text: str, version: str) -> list[tuple[int, str, str]]:
    """familytree.gedcom.grammar's problems with `text` as (line, rule, the line): the rule is the
    message without the values it names, so that one rule makes one signature."""
    from familytree.gedcom.grammar import check_lines

    problems = check_lines(text, version)
    if not problems:
        return []
    lines = re.split(r"\r\n|\r|\n", text)
    return [(p.line, _NAMED_RE.sub("…", p.message), lines[p.line - 1][:200] if 0 < p.line <= len(lines)
             else "") for p in problems]


# -- one case ------------------------------------------------------------------------------------
Finding = tuple[str, str, str]  # category, signature, detail


class OverTime(BaseException):
    """The case used its CPU time (SIGXCPU); not an Exception, so that no reader code catches it."""


def _over_time(signum: int, frame: Any) -> None:
    raise OverTime


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def run_case(case: Case, workdir: Path, stage: Callable[[str], None] = lambda s: None,
             payload: bytes | None = None, time_limit: float = 0.0) -> list[Finding]:
    """Read the case, write it in both versions, read and write each output again; what broke."""
    findings: list[Finding] = []
    current = ["read"]

    def step(name: str) -> None:
        current[0] = name
        stage(name)

    for old in workdir.iterdir():  # what a case that died left behind
        if old.is_file():
            old.unlink()
    path = workdir / ("case.gdz" if case.archive else "case.ged")
    path.write_bytes(case.payload() if payload is None else payload)
    try:
        _round_trips(case.archive, path, workdir, step, findings)
    except OverTime as e:
        findings.append(("hang", f"{_stage_kind(current[0])}: over {time_limit:.0f} s of CPU {_frame(e)}",
                         _describe(e)))
    path.unlink()
    return findings


def _round_trips(archive: bool, path: Path, workdir: Path, stage: Callable[[str], None],
                 findings: list[Finding]) -> None:
    from familytree.gedcom import collection_paused, read_bytes, read_file, write_file

    def attempt(name: str, fn: Callable[[], Any]) -> Any:
        stage(name)
        try:
            with collection_paused():  # as the window and the command line read
                return fn()
        except MemoryError as e:
            findings.append(("memory", f"{_stage_kind(name)}: MemoryError {_frame(e)}", _describe(e)))
        except Exception as e:  # noqa: BLE001 - every escaped exception is a finding
            signature = f"{_stage_kind(name)}: {type(e).__name__} {_frame(e)}"
            findings.append(("exception", signature, _describe(e)))
        return None

    tree = attempt("read", partial(read_file, path))
    if tree is None:
        return
    first = _counts(tree)
    for version in VERSIONS:
        out1 = workdir / f"out-{version}.ged"
        attempt(f"write {version}", partial(write_file, tree, out1, version))
        if not out1.exists():
            continue
        written = out1.read_bytes()
        out1.unlink()
        findings += attempt(f"grammar {version}", partial(_grammar, written, version)) or []
        again = attempt(f"reread {version}", partial(read_bytes, written, out1.name))
        if again is None:
            continue
        stage(f"compare {version}")
        findings += _count_findings(tree, first, again, version)
        out2 = workdir / f"again-{version}.ged"
        attempt(f"rewrite {version}", partial(write_file, again, out2, version))
        if out2.exists():
            rewritten = out2.read_bytes()
            out2.unlink()
            findings += _idempotence(written, rewritten, version)
    if archive:
        saved = workdir / "saved.gdz"
        attempt("resave gdz", partial(write_file, tree, saved, "7.0"))
        if saved.exists():
            findings += _archive_findings(saved)
            saved.unlink()


def _stage_kind(name: str) -> str:
    return name.replace("reread", "read").replace("rewrite", "write")


def _frame(e: BaseException) -> str:
    """The innermost familytree frame of the traceback (the innermost of all when none is ours)."""
    frames = traceback.extract_tb(e.__traceback__)
    ours = [f for f in frames if "/familytree/" in f.filename.replace("\\", "/")]
    if not ours and not frames:
        return "(no frame)"
    f = (ours or frames)[-1]
    return f"in {Path(f.filename).name}:{f.name}"


def _describe(e: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__] or \
        traceback.extract_tb(e.__traceback__)
    inner = frames[-1] if frames else None
    where = f" at {Path(inner.filename).name}:{inner.lineno} in {inner.name}" if inner else ""
    return f"{type(e).__name__}: {str(e)[:300]}{where}"


def _counts(tree: Any) -> dict[str, int]:
    counts = {kind: len(getattr(tree, kind)) for kind in COUNTED}
    # SUBM: 5.5.1 requires a submitter, and the writer adds one to a file that has none
    counts["other records"] = sum(1 for s in tree.other_records if s.tag != "SUBM")
    return counts


def _count_findings(tree: Any, first: dict[str, int], again_tree: Any, version: str) -> list[Finding]:
    again = _counts(again_tree)
    if again["media"] != first["media"]:
        # 7.0 has no inline media (OBJE with a FILE under a person): the writer makes a record of each
        first = dict(first, media=first["media"] + _inline_media(tree))
        again["media"] += _inline_media(again_tree)
    out = []
    for kind, n in first.items():
        if again[kind] != n:
            more = "more" if again[kind] > n else "fewer"
            detail = f"{kind}: {n} read, {again[kind]} after writing {version}"
            out.append(("count", f"{version}: {more} {kind}", detail))
    return out


def _inline_media(tree: Any) -> int:
    """MediaRefs with a file and no record, anywhere in the model (not in structures kept as read)."""
    from familytree.model import MediaRef, Structure

    found = 0
    todo: list[Any] = [*tree.people.values(), *tree.families.values(), *tree.sources.values(),
                       *tree.notes.values(), *tree.media.values(), *tree.repositories.values()]
    names: dict[type, tuple[str, ...]] = {}
    while todo:
        o = todo.pop()
        cls = type(o)
        if cls is MediaRef:
            found += not o.media_id
            continue
        fields = names.get(cls)
        if fields is None:
            fields = names[cls] = () if cls is Structure or not dataclasses.is_dataclass(o) else \
                tuple(f.name for f in dataclasses.fields(o))
        for name in fields:
            value = getattr(o, name, None)
            if isinstance(value, list):
                todo.extend(v for v in value if dataclasses.is_dataclass(v))
            elif dataclasses.is_dataclass(value):
                todo.append(value)
    return found


def _grammar(written: bytes, version: str) -> list[Finding]:
    try:
        text = written.decode("utf-8")
    except UnicodeDecodeError as e:
        return [("grammar", f"{version}: not UTF-8", str(e)[:200])]
    if text[:1] == "\ufeff":  # the byte-order mark 7.0 recommends is no part of the first line
        text = text[1:]
    firsts: dict[str, tuple[int, str, str]] = {}
    for v in grammar_violations(text, version):
        firsts.setdefault(v[1], v)
    return [("grammar", f"{version}: {rule}", f"line {n}: {shown!r}")
            for rule, (n, _r, shown) in firsts.items()]


_STAMP_RE = re.compile(rb"\A(.*?\n1 DATE )[^\r\n]*(\r?\n2 TIME )[^\r\n]*", re.S)


def _unstamped(data: bytes) -> bytes:
    """The output without the HEAD DATE and TIME, the moment of writing."""
    head_end = data.find(b"\n0 ")
    if head_end < 0:
        head_end = len(data)
    head, rest = data[:head_end], data[head_end:]
    return _STAMP_RE.sub(rb"\1-\2-", head, count=1) + rest


def _idempotence(first: bytes, second: bytes, version: str) -> list[Finding]:
    a, b = _unstamped(first), _unstamped(second)
    if a == b:
        return []
    la, lb = a.splitlines(), b.splitlines()
    how = "line order" if sorted(la) == sorted(lb) else "content"
    n = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), min(len(la), len(lb)))
    where = _tag_path(la, n)
    shown_a = la[n][:120] if n < len(la) else b"(end)"
    shown_b = lb[n][:120] if n < len(lb) else b"(end)"
    return [("idempotence", f"{version}: {how} differs at {where}",
             f"line {n + 1}: first write {shown_a!r}, second {shown_b!r} ({len(la)} and {len(lb)} lines)")]


def _tag_path(lines: Sequence[bytes], n: int) -> str:
    """Record tag and the tag of line n ('INDI..NOTE'), for a signature that does not name values."""
    if n >= len(lines):
        return "end of file"
    tag = lines[n].split(b" ")[1:2]
    if tag and tag[0].startswith(b"@") and len(lines[n].split(b" ")) > 2:
        tag = lines[n].split(b" ")[2:3]
    record = b"?"
    for i in range(n, -1, -1):
        parts = lines[i].split(b" ")
        if parts[0] == b"0":
            record = parts[2] if len(parts) > 2 and parts[1].startswith(b"@") else parts[1]
            break
    return f"{_tag_name(record)}..{_tag_name((tag or [b'?'])[0])}"


def _tag_name(tag: bytes) -> str:
    """A tag for a signature: an odd one (mutated) is '(odd tag)', so that each does not make its own."""
    return tag.decode() if re.fullmatch(rb"[A-Za-z0-9_]{1,31}", tag) else "(odd tag)"


def _archive_findings(saved: Path) -> list[Finding]:
    out = []
    with zipfile.ZipFile(saved) as z:
        for info in z.infolist():
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith("/") or "\\" in name or ".." in parts or re.match(r"[A-Za-z]:", name):
                out.append(("archive", "unsafe member name copied", repr(name)))
            elif stat.S_ISLNK(info.external_attr >> 16):
                out.append(("archive", "symbolic link member copied", repr(name)))
            elif name != "gedcom.ged" and name.lower().endswith(".ged"):
                out.append(("archive", "another .ged member copied", repr(name)))
    return out


# -- workers ---------------------------------------------------------------------------------------
@dataclass
class Result:
    findings: list[Finding]
    seconds: float  # the case's own time in the worker
    size: int = 0
    source: str = ""
    mutations: tuple[str, ...] = ()
    restart: bool = False
    cpu: float = 0.0
    wall: float = 0.0  # the job's time seen from the pool (building a zip bomb included)


Job = tuple[str, Any]  # ("case", index) or ("data", Case)


def _worker(conn: multiprocessing.connection.Connection, stage: Any, dump_path: str, workdir: str,
            memory_mb: int, time_limit: float, plan: Plan, sources: Sequence[Source],
            others: Sequence[multiprocessing.connection.Connection]) -> None:
    for other in others:  # the pool's ends of the other workers' pipes, inherited: their EOF is ours to give
        other.close()
    try:  # ended with the pool's process, even when that is killed
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    # the limit is on what a case may add: the worker's own mappings (inherited at fork) come first
    with open("/proc/self/statm") as f:
        own = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = own + (memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.chdir(workdir)  # a relative path in a case resolves in here
    dump = open(dump_path, "w")  # noqa: SIM115 - faulthandler writes into it until the worker ends
    signal.signal(signal.SIGXCPU, _over_time)
    cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)[1]

    def set_stage(name: str) -> None:
        stage.value = name.encode()[:79]

    while True:
        try:
            kind, arg = conn.recv()
        except (EOFError, OSError):
            return
        dump.seek(0)
        dump.truncate()
        set_stage("build")
        case = build_case(sources, plan, arg) if kind == "case" else arg
        payload = _payload(case, Path(workdir).parent)  # a zip bomb's building is not the case's time
        start, cpu = time.perf_counter(), _cpu()
        # CPU time is the limit (SIGXCPU), so that a loaded machine does not make hangs; the wall
        # clock only stops a case stuck where no signal gets through
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu + time_limit) + 1, cpu_hard))
        faulthandler.dump_traceback_later(time_limit * 6 + 30, exit=True, file=dump)
        try:
            try:
                findings = run_case(case, Path(workdir), set_stage, payload, time_limit)
            except Exception as e:  # noqa: BLE001 - the fuzzer's own mistake: said, and the run goes on
                findings = [("exception", f"fuzzer: {type(e).__name__} {_frame(e)}", _describe(e))]
            finally:
                faulthandler.cancel_dump_traceback_later()
                resource.setrlimit(resource.RLIMIT_CPU, (cpu_hard, cpu_hard))
        except OverTime:  # the signal came after the case's last step
            findings = [("hang", "checks: over the CPU time after the last step", "")]
        restart = any(f[0] == "memory" for f in findings)
        conn.send(Result(findings, time.perf_counter() - start, case.size(), case.source, case.mutations,
                         restart, cpu=_cpu() - cpu))
        if restart:
            return


@dataclass
class _Slot:
    number: int
    proc: Any = None
    conn: Any = None
    stage: Any = None
    job: Job | None = None
    started: float = 0.0
    tasks: int = 0
    exitcode: int | None = None


class Pool:
    """Worker processes that run cases; one that hangs past its time or dies is replaced."""

    def __init__(self, jobs: int, time_limit: float, memory_mb: int, plan: Plan, sources: Sequence[Source],
                 max_tasks: int = 300) -> None:
        self.context = multiprocessing.get_context("fork")  # the corpus is shared, not pickled
        self.jobs, self.time_limit, self.memory_mb = jobs, time_limit, memory_mb
        self.plan, self.sources, self.max_tasks = plan, sources, max_tasks
        self.backstop = time_limit * 6 + 60  # wall seconds: past the worker's own faulthandler stop
        memory_disk = "/dev/shm" if os.path.isdir("/dev/shm") else None  # no disk writes, no fsync waits
        self.root = Path(tempfile.mkdtemp(prefix="fuzz-gedcom-", dir=memory_disk))
        self.slots = [_Slot(i) for i in range(jobs)]

    def close(self) -> None:
        for slot in self.slots:
            self._stop(slot)
        shutil.rmtree(self.root, ignore_errors=True)

    def _start(self, slot: _Slot) -> None:
        workdir = self.root / f"w{slot.number}"
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir()
        parent, child = self.context.Pipe()
        slot.stage = self.context.Array("c", 80, lock=False)
        others = [s.conn for s in self.slots if s.conn is not None]
        slot.proc = self.context.Process(target=_worker, daemon=True, args=(
            child, slot.stage, str(self.root / f"dump{slot.number}"), str(workdir), self.memory_mb,
            self.time_limit, self.plan, self.sources, others))
        slot.proc.start()
        child.close()
        slot.conn, slot.tasks = parent, 0

    def _stop(self, slot: _Slot) -> None:
        if slot.proc is not None:
            if slot.proc.is_alive():
                slot.proc.kill()
            slot.proc.join()
            slot.exitcode = slot.proc.exitcode
            slot.conn.close()
        slot.proc = slot.conn = None

    def run(self, feed: Callable[[], Job | None], done: Callable[[Job, Result], None]) -> None:
        """Run the jobs `feed` gives (None: none for now) until it has none and none is running."""
        while True:
            for slot in self.slots:
                if slot.job is None:
                    job = feed()
                    if job is None:
                        break
                    if slot.proc is None or slot.tasks >= self.max_tasks:
                        self._stop(slot)
                        self._start(slot)
                    slot.job, slot.started = job, time.monotonic()
                    slot.tasks += 1
                    slot.conn.send(job)
            busy = [s for s in self.slots if s.job is not None]
            if not busy:
                return
            deadline = min(s.started for s in busy) + self.backstop
            wait = max(0.0, deadline - time.monotonic())
            ready = multiprocessing.connection.wait([s.conn for s in busy], wait)
            for slot in busy:
                if slot.conn in ready:
                    try:
                        result = slot.conn.recv()
                    except (EOFError, OSError):
                        result = self._dead(slot)
                    else:
                        if result.restart:
                            self._stop(slot)
                elif time.monotonic() > slot.started + self.backstop:
                    result = self._dead(slot)  # faulthandler did not end it: killed without a stack
                else:
                    continue
                job, slot.job = slot.job, None
                assert job is not None
                result.wall = time.monotonic() - slot.started
                done(job, result)

    def _dead(self, slot: _Slot) -> Result:
        seconds = time.monotonic() - slot.started
        stage = _stage_kind(bytes(slot.stage.value).decode(errors="replace") or "build")
        self._stop(slot)
        code = slot.exitcode
        dump_path = self.root / f"dump{slot.number}"
        dump = dump_path.read_text(errors="replace") if dump_path.exists() else ""
        if dump.startswith("Timeout") or seconds > self.backstop:
            frame = _dump_frame(dump)
            finding = ("hang", f"{stage}: stuck {frame}",
                       f"ran {seconds:.0f} s; "
                       + (dump.splitlines()[2].strip() if dump.count("\n") > 2 else "no stack"))
        else:
            finding = ("memory", f"{stage}: the worker died", f"exit code {code}; {dump[:200]}")
        return Result([finding], seconds, 0)


def _dump_frame(dump: str) -> str:
    frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', dump)
    ours = [f for f in frames if "/familytree/" in f[0]]
    if not ours and not frames:
        return "(no stack)"
    name, _line, func = (ours or frames)[0]  # faulthandler prints the innermost frame first
    return f"in {Path(name).name}:{func}"


# -- minimising ------------------------------------------------------------------------------------
Test = Generator[Case, bool, Case]


def _ddmin(units: list[bytes], make: Callable[[list[bytes]], Case],
           budget: list[int]) -> Generator[Case, bool, list[bytes]]:
    """Delta debugging: drop chunks of units while the failure stays (complements first)."""
    n = 2
    while len(units) >= 2 and budget[0] > 0:
        size = -(-len(units) // n)
        chunks = [units[i:i + size] for i in range(0, len(units), size)]
        for i in range(len(chunks)):
            rest = [u for j, c in enumerate(chunks) if j != i for u in c]
            budget[0] -= 1
            if (yield make(rest)):
                units = rest
                n = max(n - 1, 2)
                break
        else:
            if n >= len(units):
                break
            n = min(len(units), n * 2)
    return units


def minimise(case: Case, max_tests: int) -> Test:
    """A smaller case with the same failure: lines, then (when small) bytes, then archive members."""
    budget = [max_tests]
    lines = case.gedcom.splitlines(keepends=True)
    lines = yield from _ddmin(lines, lambda ls: replace(case, gedcom=b"".join(ls)), budget)
    case = replace(case, gedcom=b"".join(lines))
    if len(case.gedcom) <= 4000:
        chars = [case.gedcom[i:i + 1] for i in range(len(case.gedcom))]
        chars = yield from _ddmin(chars, lambda cs: replace(case, gedcom=b"".join(cs)), budget)
        case = replace(case, gedcom=b"".join(chars))
    if case.members is not None:
        for m in list(case.members):
            if m.name and budget[0] > 0:
                budget[0] -= 1
                smaller = replace(case, members=tuple(x for x in case.members if x is not m))
                if (yield smaller):
                    case = smaller
    return case


# -- a run -----------------------------------------------------------------------------------------
@dataclass
class Signature:
    category: str
    signature: str
    cases: int = 0
    example: int = -1  # the smallest case showing it (the lowest index among equals)
    example_size: int = 0
    source: str = ""
    mutations: tuple[str, ...] = ()
    detail: str = ""
    minimised: Case | None = None
    file: str = ""


@dataclass
class Report:
    seed: int
    cases: int
    seconds: float = 0.0
    minimise_seconds: float = 0.0
    case_seconds: list[float] = field(default_factory=list)
    case_cpu: list[float] = field(default_factory=list)
    slowest: list[tuple[float, int, int]] = field(default_factory=list)  # seconds, case, bytes
    per_category: Counter[str] = field(default_factory=Counter)
    signatures: dict[tuple[str, str], Signature] = field(default_factory=dict)

    def add(self, index: int, result: Result) -> None:
        self.case_seconds.append(result.seconds)
        self.case_cpu.append(result.cpu)
        self.slowest = sorted([*self.slowest, (result.seconds, index, result.size)], reverse=True)[:10]
        for category in {f[0] for f in result.findings}:
            self.per_category[category] += 1
        for category, signature, detail in result.findings:
            s = self.signatures.setdefault((category, signature), Signature(category, signature))
            s.cases += 1
            if s.example < 0 or (result.size, index) < (s.example_size, s.example):
                s.example, s.example_size, s.detail = index, result.size, detail
                s.source, s.mutations = result.source, result.mutations


def run(plan: Plan, cases: int, jobs: int, sources: Sequence[Source], time_limit: float = 10.0,
        memory_mb: int = 2048, minimise_tests: int = 300, minimise_seconds: float = 90.0,
        progress: Callable[[str], None] | None = None) -> Report:
    """Run `cases` cases of the plan (and minimise each signature found, unless minimise_tests is 0)."""
    started = time.perf_counter()
    report = Report(plan.seed, cases)
    pool = Pool(jobs, time_limit, memory_mb, plan, sources)
    todo = iter(range(cases))

    def feed() -> Job | None:
        index = next(todo, None)
        return None if index is None else ("case", index)

    def done(job: Job, result: Result) -> None:
        report.add(job[1], result)
        finished = len(report.case_seconds)
        if progress and finished % 500 == 0:
            seconds = time.perf_counter() - started
            progress(f"{finished}/{cases} cases, {seconds:.0f} s, {dict(report.per_category)}")

    try:
        pool.run(feed, done)
        report.seconds = time.perf_counter() - started
        if minimise_tests:
            for sig in report.signatures.values():
                sig.minimised = build_case(sources, plan, sig.example)
            _minimise_all(pool, report, minimise_tests, minimise_seconds, progress)
    finally:
        pool.close()
    report.minimise_seconds = time.perf_counter() - started - report.seconds
    return report


def _minimise_all(pool: Pool, report: Report, max_tests: int, max_seconds: float,
                  progress: Callable[[str], None] | None) -> None:
    """Minimise every signature's smallest example, several at once (one test of each in flight)."""
    ready: list[tuple[Signature, Test, Case, list[float]]] = []  # a candidate to test for each
    for sig in sorted(report.signatures.values(), key=lambda s: (s.category, s.signature)):
        assert sig.minimised is not None
        gen = minimise(sig.minimised, max_tests)
        try:
            ready.append((sig, gen, next(gen), [0.0]))
        except StopIteration:
            pass
    in_flight: dict[int, tuple[Signature, Test, Case, list[float]]] = {}

    def feed() -> Job | None:
        if not ready:
            return None
        item = ready.pop(0)
        number = len(in_flight) + 1 + max(in_flight, default=0)
        in_flight[number] = item
        return ("data", replace(item[2], index=number))

    def done(job: Job, result: Result) -> None:
        sig, gen, candidate, spent = in_flight.pop(job[1].index)
        spent[0] += result.wall
        mine = [f for f in result.findings if (f[0], f[1]) == (sig.category, sig.signature)]
        if mine:
            sig.minimised, sig.detail = replace(candidate, index=sig.example), mine[0][2]
        try:
            if spent[0] > max_seconds:
                raise StopIteration
            ready.append((sig, gen, gen.send(bool(mine)), spent))
        except StopIteration:
            gen.close()
            if progress:
                assert sig.minimised is not None
                progress(f"minimised {sig.category} {sig.signature!r}: {sig.example_size} -> "
                         f"{sig.minimised.size()} bytes")

    pool.run(feed, done)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


def save(report: Report, out: Path, case_of: Callable[[int], Case], command: str = "") -> None:
    """One reproducer per signature (case_of(index) for those not minimised), summary.json, README.md."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9][0-9]-*"):
        old.unlink()
    rows = []
    ordered = sorted(report.signatures.values(),
                     key=lambda s: (CATEGORIES.index(s.category), -s.cases, s.signature))
    for n, sig in enumerate(ordered, 1):
        case = sig.minimised or case_of(sig.example)
        sig.file = f"{n:03d}-{sig.category}-{_slug(sig.signature)}{'.gdz' if case.archive else '.ged'}"
        payload = case.payload()
        (out / sig.file).write_bytes(payload)
        rows.append({
            "category": sig.category, "signature": sig.signature, "cases": sig.cases, "file": sig.file,
            "detail": sig.detail, "example_case": sig.example, "source": sig.source,
            "mutations": list(sig.mutations), "bytes": sig.example_size, "minimised_bytes": len(payload),
        })
    summary = {
        "seed": report.seed, "cases": report.cases, "seconds": round(report.seconds, 1),
        "minimise_seconds": round(report.minimise_seconds, 1), "command": command,
        "case_seconds": _spread(report.case_seconds), "case_cpu_seconds": _spread(report.case_cpu),
        "slowest_cases": [{"case": i, "seconds": round(t, 2), "bytes": b} for t, i, b in report.slowest],
        "cases_per_category": {c: report.per_category.get(c, 0) for c in CATEGORIES},
        "signatures": rows,
    }
    text = json.dumps(summary, indent=1, ensure_ascii=False)
    (out / "summary.json").write_text(text + "\n", encoding="utf-8")
    (out / "README.md").write_text(_readme(summary), encoding="utf-8")


def _spread(values: Sequence[float]) -> dict[str, float]:
    v = sorted(values) or [0.0]
    return {"mean": round(sum(v) / len(v), 4), "median": round(v[len(v) // 2], 4),
            "p95": round(v[int(len(v) * 0.95)], 4), "max": round(v[-1], 2)}


def _readme(summary: dict[str, Any]) -> str:
    t, c = summary["case_seconds"], summary["case_cpu_seconds"]
    lines = [
        f"# GEDCOM fuzz findings (seed {summary['seed']}, {summary['cases']} cases)", "",
        f"Made by `{summary['command'] or 'benchmarks/fuzz_gedcom.py'}` in {summary['seconds']:.0f} s, "
        f"and {summary['minimise_seconds']:.0f} s of minimising "
        f"(a case: mean {t['mean']:.3f} s, median {t['median']:.3f} s, 95% under {t['p95']:.2f} s, "
        f"longest {t['max']:.1f} s; CPU: mean {c['mean']:.3f} s, longest {c['max']:.1f} s; a read, then "
        "a write, a read and a write per version). Each file below is the smallest input found that still "
        "shows its signature (`python benchmarks/fuzz_gedcom.py --check FILE` runs the checks on it); "
        "summary.json has the case each came from and its mutations.", "",
        "## Cases per category", "", "| category | cases |", "|---|---:|",
        *[f"| {c} | {n} |" for c, n in summary["cases_per_category"].items()], "",
        "## Distinct signatures", "",
        "| category | signature | cases | reproducer | what breaks |", "|---|---|---:|---|---|",
    ]
    for r in summary["signatures"]:
        detail, signature = (x.replace("|", "\\|").replace("\n", " ")[:220]
                             for x in (r["detail"], r["signature"]))
        lines.append(f"| {r['category']} | {signature} | {r['cases']} | `{r['file']}` "
                     f"({r['minimised_bytes']} B) "
                     f"| {detail} |")
    return "\n".join(lines) + "\n"


def check_files(paths: Iterable[str]) -> int:
    """Run the checks (no mutation) on files; print what each shows. 1 when anything was found."""
    found = 0
    with tempfile.TemporaryDirectory() as tmp:
        for p in paths:
            data = Path(p).read_bytes()
            unzipped = _unzip(data) if data[:4] == b"PK\x03\x04" else None
            case = Case(*unzipped) if unzipped else Case(data)
            findings = run_case(case, Path(tmp))
            print(f"{p}: {len(findings)} finding(s)")
            for category, signature, detail in findings:
                print(f"  {category}: {signature}\n      {detail}")
            found |= bool(findings)
    return int(found)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds per case (default 10)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="address space a case may add (default 2048)")
    ap.add_argument("--corpus", choices=("all", "tests"), default="all",
                    help="all: also ../shared/gedcom-corpus; tests: bundled file and tests/data/corpus")
    ap.add_argument("--out", type=Path, help="findings folder (default /tmp/fuzz-findings-<seed>)")
    ap.add_argument("--minimise-tests", type=int, default=300, help="tests per signature (0: no minimising)")
    ap.add_argument("--minimise-seconds", type=float, default=90.0, help="test seconds per signature (90)")
    ap.add_argument("--no-bombs", action="store_true", help="no zip bombs (each needs seconds to build)")
    ap.add_argument("--max-kb", type=int, default=8192, help="no corpus file, no case past this (8192)")
    ap.add_argument("--check", nargs="+", metavar="FILE", help="run the checks on these files and stop")
    ap.add_argument("--replay", type=int, metavar="N", help="write case N of --seed to --out and stop")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the pool's cleanup runs (finally)
    if args.check:
        return check_files(args.check)
    plan = Plan(args.seed, bombs=not args.no_bombs, max_bytes=args.max_kb << 10)
    sources = [s for s in corpus(args.corpus) if len(s.data) <= plan.max_bytes]
    out = args.out or Path(f"/tmp/fuzz-findings-{args.seed}")
    if args.replay is not None:
        case = build_case(sources, plan, args.replay)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"case-{args.seed}-{args.replay}{'.gdz' if case.archive else '.ged'}"
        path.write_bytes(case.payload())
        print(f"{path}: {case.source}, mutations {', '.join(case.mutations)}")
        return 0
    print(f"{len(sources)} corpus files; {args.cases} cases, seed {args.seed}, {args.jobs} workers",
          file=sys.stderr)
    say = partial(print, file=sys.stderr, flush=True)
    report = run(plan, args.cases, args.jobs, sources, args.time_limit, args.memory_mb,
                 args.minimise_tests, args.minimise_seconds, progress=say)
    command = "python benchmarks/fuzz_gedcom.py " + " ".join(sys.argv[1:] if argv is None else argv)
    save(report, out, partial(build_case, sources, plan), command)
    print(f"{report.cases} cases in {report.seconds:.0f} s; cases per category:")
    for c in CATEGORIES:
        print(f"  {c:12} {report.per_category.get(c, 0)}")
    print(f"{len(report.signatures)} distinct signatures; reproducers and README.md in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
