"""CI's short fuzz pass: mutated bundled and tests/data files through the reader and both writers.

A fixed seed of benchmarks/fuzz_gedcom.py in two worker processes, each case with a time and a
memory limit; no zip bombs, no file or case past 300 KB (royal92.ged takes a second a case), no
minimising, so that it stays under 15 s. A failure names each signature with a case number;
`python benchmarks/fuzz_gedcom.py --corpus tests --seed 11 --no-bombs --max-kb 300 --replay N`
writes that case out, `--check FILE` shows what it breaks, and a full run minimises it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = 11
CASES = 400
MAX_BYTES = 300 << 10


def _fuzzer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_gedcom", ROOT / "benchmarks" / "fuzz_gedcom.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


fuzz = _fuzzer()


@pytest.fixture(scope="module")
def report() -> Any:
    plan = fuzz.Plan(SEED, bombs=False, max_bytes=MAX_BYTES)
    sources = [s for s in fuzz.corpus("tests") if len(s.data) <= MAX_BYTES]
    return fuzz.run(plan, CASES, jobs=2, sources=sources, time_limit=10.0, memory_mb=2048, minimise_tests=0)


@pytest.mark.parametrize("category", fuzz.CATEGORIES)
def test_no_fuzz_case_breaks(report: Any, category: str) -> None:
    found = sorted((s for s in report.signatures.values() if s.category == category), key=lambda s: -s.cases)
    shown = "\n".join(f"  {s.signature} ({s.cases} cases, e.g. case {s.example}: {s.detail[:160]})"
                      for s in found[:10])
    assert report.per_category[category] == 0, \
        f"{report.per_category[category]} of {CASES} cases (seed {SEED}) show {category} problems:\n{shown}"


def test_the_same_seed_gives_the_same_cases() -> None:
    sources = fuzz.corpus("tests")
    plan = fuzz.Plan(SEED, bombs=False)
    first = [fuzz.build_case(sources, plan, i) for i in range(40)]
    again = [fuzz.build_case(sources, plan, i) for i in range(40)]
    assert first == again
    assert len({c.gedcom for c in first}) == len(first)  # and the cases differ from each other
