"""Benchmark: single edits on the generated 100,000-person file, with the events they fire, undo and redo.

    python benchmarks/bench_edit.py [--people 100000] [--edits 200] [--seed 7]

For each kind of edit (rename, add a new child, link an existing person as a partner, change a
birth date, delete a person) the time to make the edit and push it on the undo stack, with the
TreeChange it emits heard, in two settings: the core alone (an UndoStack), and the workspace,
where the edited person is the selected one and the chart is laid out again around them, as the
window shows it. Then undo and redo, the warnings an edit's change asks for, the recovery journal
written after an edit, and place completion. Each against baselines measured in the same run: the
least an edit does (a bare attribute set and one event emitted), and laying the chart out again
(which the window does after any change it shows). Target: a single edit visible in under 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from familytree.evidence.plausibility import implausibilities
from familytree.gedcom import collection_paused, read_file
from familytree.model import Date, Event, Name, Person, Sex, Tree
from familytree.workspace import Emitter, TreeChange, UndoStack, Workspace
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from familytree.workspace.editing import Edit
from familytree.workspace.journal import RecoveryJournal
from familytree.workspace.places import PlaceIndex

HERE = Path(__file__).resolve().parent
TARGET_MS = 50.0


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered):7.3f} ms  p95 {p95:7.3f} ms  max {ordered[-1]:7.3f} ms"


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def edit_makers(tree: Tree, rng: random.Random,
                pointers: r.Pointers | None = None) -> dict[str, Callable[[str], Edit]]:
    """Each kind of edit, made for a person (a deletion through `pointers`, as the window makes it, when
    given)."""
    ids = list(tree.people)

    def rename(pid: str) -> Edit:
        return e.edit_name(tree, ("INDI", pid, "names", 0), given=f"Renamed{rng.randrange(10**6)}")

    def add_child(pid: str) -> Edit:
        return r.add_child(tree, pid, Person("", [Name.from_gedcom("New /Child/")], Sex.FEMALE))

    def link_partner(pid: str) -> Edit:
        return r.add_partner(tree, pid, rng.choice(ids))

    def birth_date(pid: str) -> Edit:
        events = tree.people[pid].events
        if not events:
            return e.add_event(tree, pid, Event("BIRT", date=Date.parse("1900")))
        return e.edit_event(tree, ("INDI", pid, "events", 0), date=f"abt {rng.randint(1700, 1990)}")

    def delete(pid: str) -> Edit:
        return r.delete_person(tree, pid, pointers) if pointers is not None else r.delete_person(tree, pid)

    return {"rename": rename, "add a new child": add_child, "link a partner": link_partner,
            "change a birth date": birth_date, "delete a person": delete}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=200, help="edits of each kind")
    parser.add_argument("--seed", type=int, default=7)
    ns = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from generate import cached_gedcom

    path = cached_gedcom(ns.people, seed=1)
    start = time.perf_counter()
    with collection_paused():  # as the window reads
        tree = read_file(path)
    gc.collect()  # and as it does after reading a big tree (ui/loader.py): no full sweeps of it later
    gc.freeze()
    print(f"read {len(tree.people):,} people, {len(tree.families):,} families in "
          f"{time.perf_counter() - start:.2f} s")
    rng = random.Random(ns.seed)
    ws = Workspace()
    ws.open(tree, str(path))
    heard: list[TreeChange] = []
    ws.events.changed.connect(heard.append)  # a view hearing every change (after the chart)

    # baselines: the least an edit does, and the relayout the window does after any change it shows
    bare_emitter: Emitter[TreeChange] = Emitter()
    bare_emitter.connect(heard.append)
    ids = list(tree.people)
    people = [rng.choice(ids) for _ in range(ns.edits)]

    def bare(pid: str) -> None:
        tree.people[pid].names[0].given = tree.people[pid].names[0].given
        bare_emitter.emit(TreeChange("bare", frozenset((pid,))))

    baseline = [timed(lambda p=pid: bare(p)) for pid in people]  # type: ignore[misc]
    relayout = []
    for pid in people[:50]:
        ws.set_focus(pid)
        relayout.append(timed(ws.redraw))
    print(f"baseline, a bare set and one event:  {summary(baseline)}")
    print(f"baseline, the chart laid out again:  {summary(relayout)}")

    makers = edit_makers(tree, rng)
    for label, make in makers.items():
        # the core: an undo stack on the tree, nothing drawn
        core = UndoStack(tree, bare_emitter)  # heard as a view hears it, without the workspace
        core_times: list[float] = []
        for pid in (rng.choice(list(tree.people)) for _ in range(ns.edits)):
            core_times.append(timed(lambda p=pid, s=core, m=make: s.push(m(p))))  # type: ignore[misc]
        undo = [timed(core.undo) for _ in range(len(core.edits))]
        redo = [timed(core.redo) for _ in range(len(core.edits))]
        core.go_to(0)
        # the workspace: the edited person selected and drawn, the chart laid out again after the edit
        visible: list[float] = []
        for pid in (rng.choice(list(tree.people)) for _ in range(ns.edits // 4)):
            ws.set_focus(pid)
            visible.append(timed(lambda p=pid, m=make: ws.undo.push(m(p))))  # type: ignore[misc]
        ws.undo.go_to(0)
        ratio = statistics.median(core_times) / max(statistics.median(baseline), 1e-9)
        print(f"{label}:")
        print(f"  core (make, apply, TreeChange heard): {summary(core_times)}  ({ratio:.0f}x the bare set)")
        print(f"  undo:                                 {summary(undo)}")
        print(f"  redo:                                 {summary(redo)}")
        p95 = sorted(visible)[int(0.95 * len(visible))]
        print(f"  visible (and the chart again):        {summary(visible)}  "
              f"(p95 {p95 / TARGET_MS:.0%} of the {TARGET_MS:.0f} ms target)")

    stack = UndoStack(tree)
    warnings = []
    for pid in people[:100]:
        edit = stack.push(makers["change a birth date"](pid))
        change = edit.change()
        warnings.append(timed(lambda c=change: implausibilities(tree, c.people, c.families)))  # type: ignore[misc]
    stack.go_to(0)
    print(f"warnings for an edit's change:        {summary(warnings)}")

    with tempfile.TemporaryDirectory() as folder:
        stack = UndoStack(tree)
        journal = RecoveryJournal(stack, Path(folder) / "journal.json", path)
        writes = []
        for pid in people[:100]:
            stack.push(makers["rename"](pid))
            writes.append(timed(journal.write))
        stack.go_to(0)
        print(f"journal written after an edit (1-100 edits, fsynced): {summary(writes)}")

    built = timed(lambda: PlaceIndex.of(tree))
    index = PlaceIndex.of(tree)
    typed = ["m", "mo", "mos", "new y", "ber", "vi", "russia", "x"]
    queries = [timed(lambda t=t: index.matching(t)) for t in typed * 20]  # type: ignore[misc]
    print(f"places: the file's {len(index.uses)} indexed in {built:.1f} ms; a keystroke {summary(queries)}")
    # a file with many places, sharing words as real ones share their region and country
    made_up = PlaceIndex(f"{rng.choice(['Nowa', 'Stara', 'Bad', 'Saint'])} Wola{n}, Region {n % 97}, Land"
                         for n in range(50_000))
    typed = ["n", "no", "sta", "wol", "region 4", "bad w", "land", "r"]
    queries = [timed(lambda t=t: made_up.matching(t)) for t in typed * 20]  # type: ignore[misc]
    print(f"places: 50,000 made-up places, a keystroke {summary(queries)}")
    print(f"(events heard: {len(heard):,})")


if __name__ == "__main__":
    main()
