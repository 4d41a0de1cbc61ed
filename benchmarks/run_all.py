"""Run every benchmark in turn and print its figures: python benchmarks/run_all.py [NAME ...].

Each benchmark measures its own baseline in the same run and prints ratios against it;
this script only runs them one after another (never at once: they would skew each other
on a 2-core machine). NAME is the part after bench_, e.g. `startup gedcom`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["startup", "gedcom", "search", "layout", "scene", "relations", "evidence", "export", "hostile"]


def main(argv: list[str]) -> int:
    names = argv or ORDER
    failed = []
    for name in names:
        script = HERE / f"bench_{name}.py"
        if not script.exists():
            print(f"no benchmark {script.name}", file=sys.stderr)
            failed.append(name)
            continue
        print(f"\n=== {script.name} ===", flush=True)
        start = time.perf_counter()
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(name)
        print(f"({script.name}: {time.perf_counter() - start:.0f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
