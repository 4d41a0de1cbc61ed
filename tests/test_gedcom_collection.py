"""Garbage collection around a load: the reader leaves it alone; the window's and the CLI's reads pause it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from familytree.commands.common import load_tree
from familytree.gedcom import LoadCancelled, collection_paused, read_file, read_text
from familytree.ui.loader import read_tree

GEDCOM = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Lev /Sedov/\n0 TRLR\n"


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    """Each test starts with the collector on, and leaves it as it found it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.fixture
def family(tmp_path: Path) -> Path:
    path = tmp_path / "family.ged"
    path.write_text(GEDCOM, encoding="utf-8")
    return path


def test_the_reader_never_switches_collection(family: Path) -> None:
    during: list[bool] = []
    tree = read_file(family, progress=lambda _: during.append(gc.isenabled()))
    assert during
    assert all(during)
    gc.disable()
    read_text(GEDCOM, progress=lambda _: during.append(gc.isenabled()))
    assert not during[-1]
    assert not gc.isenabled()  # nor turns it on
    assert tree.people["@I1@"].display_name() == "Lev Sedov"


def test_the_window_pauses_collection_for_the_read_alone(family: Path) -> None:
    during: list[bool] = []
    tree = read_tree(str(family), progress=lambda _: during.append(gc.isenabled()))
    assert during
    assert not any(during)
    assert gc.isenabled()
    assert len(tree.people) == 1


def test_a_cancelled_or_failed_load_leaves_collection_on(tmp_path: Path) -> None:
    big = tmp_path / "big.ged"  # more lines than the reader reads before it first asks to cancel
    people = "".join(f"0 @I{i}@ INDI\n1 NAME Lev /Sedov/\n" for i in range(20_000))
    big.write_text(GEDCOM.replace("0 TRLR\n", people + "0 TRLR\n"), encoding="utf-8")
    with pytest.raises(LoadCancelled):
        read_tree(str(big), cancel=lambda: True)
    assert gc.isenabled()
    with pytest.raises(FileNotFoundError):
        read_tree(str(tmp_path / "missing.ged"))
    assert gc.isenabled()


def test_the_command_line_pauses_collection_and_resumes_it(family: Path) -> None:
    assert len(load_tree(str(family)).people) == 1
    assert gc.isenabled()


def test_collection_resumes_when_the_last_of_overlapping_reads_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with collection_paused():
            pass
        seen.append(gc.isenabled())  # the first read is still running
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with collection_paused():
        first_in.set()
        second_done.wait()
    thread.join()
    assert seen == [False]
    assert gc.isenabled()


def test_collection_switched_off_before_stays_off() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_the_writer_leaves_the_collector_to_its_caller(monkeypatch) -> None:
    """Writing, like reading, never flips the process-wide switch: the window or command pauses it."""
    from familytree.gedcom import write_text

    tree = read_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ada /Byron/\n0 TRLR\n")

    def flipped() -> None:
        raise AssertionError("the writer switched the garbage collector off")

    monkeypatch.setattr(gc, "disable", flipped)
    for version in ("7.0", "5.5.1"):
        assert "Ada /Byron/" in write_text(tree, version)
