"""Benchmark and check: writing GEDCOM 7.0 and 5.5.1 fast, valid, and the same twice over the whole corpus.

Usage: python benchmarks/bench_gedcom_write.py [--people 100000] [--repeat 3] [--no-speed] [--no-corpus]

Speed: for the generated 100,000-person 5.5.1 file and real/Queen.ged and real/royal92.ged of the
shared corpus, the CPU time to write each version (best of --repeat, after one read), beside the
time to read the same file measured in the same run: a save should cost about what a load does.
"kept" is File > Save after one person's sex changed: a file in the file's own version family,
the file read again and every record but that one written as its lines were (`write_file(keep=True)`).

Corpus: every .ged and .gdz of ../shared/gedcom-corpus and ../shared/fuzz-findings is read and
written in both versions; each output must pass familytree.gedcom.grammar.check_lines, read back to
as many people, families, shared notes and sources, and be written the same, byte for byte, a second
time. Failures are listed, and the exit status is 1 when there is one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
REAL = ("real/Queen.ged", "real/royal92.ged")
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # the header's time stamp, the same each write


def _cpu(work: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def speed(people: int, repeat: int) -> None:
    from familytree.gedcom import read_file, write_text

    try:
        from familytree.gedcom import collection_paused  # type: ignore[attr-defined]
    except ImportError:  # (before the caller owned the collector's switch)
        collection_paused = contextlib.nullcontext
    sys.path.insert(0, str(HERE))
    from generate import cached_gedcom

    files = [cached_gedcom(people, 1)] + [SHARED / "gedcom-corpus" / r for r in REAL
                                            if (SHARED / "gedcom-corpus" / r).exists()]
    print(f"{'file':<28} {'read s':>8} {'7.0 s':>8} {'5.5.1 s':>8} {'kept s':>8}   (CPU, best of {repeat})")
    for path in files:
        with collection_paused():  # as the window and the command line do
            tree = read_file(path)
            read = _cpu(lambda p=path: read_file(p), repeat)
            seven = _cpu(lambda t=tree: write_text(t, "7.0"), repeat)
            five = _cpu(lambda t=tree: write_text(t, "5.5.1"), repeat)
            kept = _cpu(lambda t=tree: _saved_kept(t), repeat)
        print(f"{path.name:<28} {read:8.3f} {seven:8.3f} {five:8.3f} {kept:8.3f}   "
              f"(writing {seven / read:.1f}x, {five / read:.1f}x and kept {kept / read:.1f}x a read)")


def _saved_kept(tree: object) -> None:
    """File > Save of `tree` after an edit, into a file beside it (the file read stays as it was)."""
    import tempfile

    from familytree.gedcom import write_file
    from familytree.model import Sex

    person = next(iter(tree.people.values()))  # type: ignore[attr-defined]
    person.sex = Sex.FEMALE if person.sex is not Sex.FEMALE else Sex.MALE
    version = "7.0" if tree.header.version.startswith("7") else "5.5.1"  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        write_file(tree, Path(folder) / "saved.ged", version, keep=True)  # type: ignore[arg-type]


def corpus() -> int:
    from familytree.gedcom import read_bytes, read_file, write_text
    from familytree.gedcom.grammar import check_lines

    def saved(tree: object, version: str) -> bytes:
        text = write_text(tree, version, now=NOW)  # type: ignore[arg-type]
        return (("\ufeff" if version == "7.0" else "") + text).encode("utf-8")

    def counts(tree: object) -> tuple[int, ...]:
        return tuple(len(getattr(tree, name)) for name in ("people", "families", "notes", "sources"))

    paths = sorted(p for folder in ("gedcom-corpus", "fuzz-findings") for p in (SHARED / folder).rglob("*")
                   if p.suffix.lower() in (".ged", ".gdz", ".bin"))
    failures: list[str] = []
    start = time.perf_counter()
    for path in paths:
        tree = read_file(path)
        for version in ("7.0", "5.5.1"):
            first = saved(tree, version)
            problems = check_lines(first.decode("utf-8"), version)
            again = read_bytes(first)
            name = f"{path.relative_to(SHARED)} as {version}"
            if problems:
                failures.append(f"{name}: {len(problems)} lines break the grammar, first {problems[0]}")
            if counts(again) != counts(tree):
                failures.append(f"{name}: read back {counts(again)}, not {counts(tree)}")
            if saved(again, version) != first:
                failures.append(f"{name}: written again, the text differs")
    for failure in failures:
        print(failure)
    print(f"{len(paths)} files x 2 versions in {time.perf_counter() - start:.1f} s: {len(failures)} failures "
          "(grammar, counts, second write)")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-corpus", action="store_true")
    args = parser.parse_args()
    if not args.no_speed:
        speed(args.people, args.repeat)
    if not args.no_corpus:
        if not SHARED.exists():
            print(f"no shared corpus at {SHARED}: the corpus check is skipped")
            return 0
        return corpus()
    return 0


if __name__ == "__main__":
    sys.exit(main())
