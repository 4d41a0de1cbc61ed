"""Where tests find files: the checkout, tests/data, and the shared GEDCOM corpus beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
# The shared corpus lives beside the checkout; tests that need a file from it skip without it.
CORPUS = ROOT.parent / "shared" / "gedcom-corpus"
# The shared corpus when it is there; else the copies of its freely licensed files in tests/data.
CORPUS_ROOT = CORPUS if CORPUS.exists() else DATA / "corpus"


def corpus_file(relative: str) -> Path:
    """A file of the shared corpus; skips the test when the corpus is not beside the checkout."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"{relative}: the shared GEDCOM corpus (../shared/gedcom-corpus) "
                    "is not beside this checkout")
    return path


def corpus_path(relative: str) -> Path:
    """A corpus file from the shared corpus or, without it, from the copies in tests/data (else skips)."""
    path = CORPUS_ROOT / relative
    return path if path.exists() else corpus_file(relative)  # (skips the test)


def corpus_files() -> list[str]:
    """Every .ged and .gdz of the corpus, relative to it."""
    return sorted(str(p.relative_to(CORPUS_ROOT)) for p in CORPUS_ROOT.rglob("*")
                  if p.suffix.lower() in (".ged", ".gdz")) or ["(no corpus)"]
