"""Benchmark finding 20,000 photos of a generated tree, and making thumbnails, each against a baseline.

Usage: python benchmarks/bench_media.py [--people 100000] [--links 20000] [--photos 60] [--repeat 3]

Figures, each the best of --repeat in this same run:

- baseline: os.stat of the 20,000 files where they are (the least any finding must do);
- media_catalog: every link of the 100,000-person tree found: 80% relative paths, 8% written
  on Windows or a Mac and found by their name (one bounded walk of the folder), 4% file:
  URIs, 4% missing, 4% on the web; with the problems listed;
- thumbnails: --photos JPEG photos of 1600 x 1200, baseline QImage(path) (decoding each
  whole, as a plain viewer does), then decode_thumbnail at 96 pixels (decoded at the scale
  wanted), then the same from the disk cache, then the pool of Thumbnails (all threads).

Targets: finding 20,000 links well under a second (it runs off the GUI thread); a thumbnail
made faster than a whole decode, and read back from the disk cache faster still.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import cached_gedcom  # noqa: E402

from familytree.gedcom import collection_paused, read_file  # noqa: E402
from familytree.media import media_catalog  # noqa: E402
from familytree.model import MediaRef, Tree  # noqa: E402


def best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def report(label: str, took: float, baseline: float, count: int) -> None:
    print(f"{label:<58} {took * 1000:9.1f} ms  {took / count * 1e6:8.1f} µs each  "
          f"({took / baseline:.1f}x the baseline)")


def link_photos(tree: Tree, folder: Path, links: int) -> list[Path]:
    """Give `links` people a photo each, linked in the ways files link them; the files that exist."""
    tree.path = str(folder / "family.ged")
    existing = []
    for i, person in enumerate(list(tree.people.values())[:links]):
        shard = f"photos/{i % 50:02}"
        name = f"p{i:06}.jpg"
        kind = i % 25
        if kind < 20:
            link = f"{shard}/{name}"
        elif kind < 22:
            link = f"C:\\Users\\Ann\\Pictures\\{name}" if kind == 20 else f"/Users/ann/Pictures/{name}"
        elif kind == 22:
            link = f"file://{folder}/{shard}/{name}"
        elif kind == 23:
            link = f"gone/{name}"
        else:
            link = f"https://example.org/{name}"
        person.media.append(MediaRef(file=link, form="jpg", line=i + 1))
        if kind < 23:
            existing.append(folder / shard / name)
    for path in existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff\xd8\xff\xd9")
    return existing


def make_photos(folder: Path, count: int) -> list[str]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QRadialGradient

    paths = []
    for i in range(count):
        image = QImage(1600, 1200, QImage.Format.Format_RGB32)
        image.fill(QColor((i * 37) % 256, (i * 91) % 256, (i * 53) % 256))
        painter = QPainter(image)
        gradient = QRadialGradient(QPointF(800, 500), 500)
        gradient.setColorAt(0, QColor("white"))
        gradient.setColorAt(1, QColor((i * 13) % 256, 80, 160))
        painter.setBrush(gradient)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(800, 500), 420, 520)
        painter.end()
        path = str(folder / f"photo{i:03}.jpg")
        assert image.save(path, "JPEG", 90)
        paths.append(path)
    return paths


def bench_finding(ns: argparse.Namespace) -> None:
    with collection_paused():
        tree = read_file(cached_gedcom(ns.people, 1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        existing = link_photos(tree, folder, ns.links)
        print(f"{len(tree.people):,} people, {ns.links:,} photo links, {len(existing):,} files on disk")
        base, _ = best(lambda: sum(os.stat(p).st_size for p in existing), ns.repeat)
        print(f"{'baseline: os.stat of every file where it is':<58} {base * 1000:9.1f} ms")
        took, catalog = best(lambda: media_catalog(tree), ns.repeat)
        report("media_catalog: every link found, problems listed", took, base, ns.links)
        kinds = Counter(catalog.location(f).kind.value for f in catalog.files)
        print(f"  {dict(sorted(kinds.items()))}; {len(catalog.problems):,} problems; the name search read "
              f"{catalog.locator.searched:,} entries (bound {catalog.locator.search.entries:,})")
        people = list(tree.people)[:ns.links]
        took, _ = best(lambda: [catalog.primary_photo(p) for p in people], ns.repeat)
        report("primary_photo of each person linked (catalog made)", took, base, ns.links)


def bench_thumbnails(ns: argparse.Namespace) -> None:
    from PySide6.QtGui import QGuiApplication, QImage

    from familytree.render.thumbnails import DecodeBudget, ThumbnailRequest, Thumbnails, decode_thumbnail

    app = QGuiApplication.instance() or QGuiApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_photos(folder, ns.photos)
        size = sum(os.path.getsize(p) for p in paths) / len(paths) / 1024
        print(f"\n{len(paths)} JPEG photos of 1600 x 1200 ({size:,.0f} KiB each)")
        base, _ = best(lambda: [QImage(p) for p in paths], ns.repeat)
        print(f"{'baseline: QImage(path), each decoded whole':<58} {base * 1000:9.1f} ms")
        budget = DecodeBudget()
        requests = [ThumbnailRequest(p, size=96) for p in paths]
        took, _ = best(lambda: [decode_thumbnail(r, "", budget) for r in requests], ns.repeat)
        report("decode_thumbnail at 96 px, no disk cache", took, base, len(paths))
        cache = str(folder / "cache")
        for r in requests:
            decode_thumbnail(r, cache, budget)
        took, results = best(lambda: [decode_thumbnail(r, cache, budget) for r in requests], ns.repeat)
        assert all(cached for _, _, cached in results)
        report("decode_thumbnail from the disk cache", took, base, len(paths))

        def pool() -> int:
            made = Thumbnails(cache_folder="")
            for r in requests:
                made.thumbnail(r)
            made.wait()
            app.processEvents()
            count = made.decoded
            made.close()
            return count

        took, count = best(pool, ns.repeat)
        probe = Thumbnails(cache_folder="")
        threads = probe.pool.maxThreadCount()
        probe.close()
        report(f"Thumbnails pool ({threads} threads), no disk cache", took, base, len(paths))
        print(f"  {count} made and kept in memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=20_000)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    bench_finding(ns)
    bench_thumbnails(ns)


if __name__ == "__main__":
    main()
