"""Benchmark: decoding ANSEL files of hostile shapes, against bytes.decode('latin-1') of the same size.

Usage: python benchmarks/bench_ansel.py [--repeat 3] [--sizes 0.4,1,4]

For each shape (a run of marks on one letter, as the fuzzer found it; every letter accented;
marks above and below in turn; bytes ANSEL does not define; the same run in a file with no
CHAR line, where ANSEL is guessed) and each size in MB, it prints the time of
``familytree.gedcom.encoding.decode_bytes`` on the whole file (best of --repeat, in this
process), the time of ``bytes.decode('latin-1')`` of the same bytes (the floor: a copy), and
the time per MB relative to the smallest size: 1.0 means linear (the `ansel` package, quadratic,
took 23 s for 0.4 MB of marks and about 2.5 minutes for 1 MB). Target: per-MB time at the
largest size within 2x of the smallest.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from familytree.gedcom.encoding import decode_bytes  # noqa: E402

HEAD = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NOTE "
TAIL = b"\n0 TRLR\n"
TARGET_SCALING = 2.0


def _body(unit: bytes, size: int) -> bytes:
    return unit * (size // len(unit))


SHAPES: dict[str, Callable[[int], bytes]] = {
    "run of marks": lambda n: HEAD + _body(b"\xe1", n) + b"a" + TAIL,
    "accented letters": lambda n: HEAD + _body(b"\xe2e", n) + TAIL,
    "above/below in turn": lambda n: HEAD + _body(b"\xe2\xf2", n) + b"a" + TAIL,
    "undefined bytes": lambda n: HEAD + _body(b"\x90", n) + TAIL,
    "guessed (no CHAR)": lambda n: HEAD.replace(b"1 CHAR ANSEL\n", b"") + _body(b"\xe1a", 2 * n // 3)
    + _body(b"\xe1", n // 3) + TAIL,
}


def best_of(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="0.4,1,4", help="sizes in MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':<22} {'MB':>5} {'decode s':>9} {'latin-1 s':>10} {'x latin-1':>10} {'s per MB':>9} "
          f"{'scaling':>8}")
    worst = 0.0
    for shape, make in SHAPES.items():
        first_per_mb = 0.0
        for mb in sizes:
            data = make(int(mb * 1_000_000))
            ours = best_of(args.repeat, partial(decode_bytes, data))
            floor = best_of(args.repeat, partial(data.decode, "latin-1"))
            per_mb = ours / (len(data) / 1e6)
            first_per_mb = first_per_mb or per_mb
            scaling = per_mb / first_per_mb
            worst = max(worst, scaling)
            print(f"{shape:<22} {mb:5.1f} {ours:9.4f} {floor:10.5f} {ours / floor:10.0f} {per_mb:9.4f} "
                  f"{scaling:8.2f}")
    print()
    print(f"worst per-MB time at a larger size against the smallest: {worst:.2f}x "
          f"(target <= {TARGET_SCALING:.0f}x, linear: {'met' if worst <= TARGET_SCALING else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
