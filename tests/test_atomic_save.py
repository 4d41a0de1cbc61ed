"""No litter: a killed save's temporary file goes at the next save into its folder; a running save's never."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from familytree.gedcom import read_file, read_text, write_file
from familytree.gedcom.atomic import DEAD_WRITER_AGE, UNKNOWN_WRITER_AGE

GEDCOM = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ada /Byron/\n0 TRLR\n"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids and signals as on POSIX")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"0 HEAD\n" * 1000)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def _save(folder: Path) -> None:
    write_file(read_text(GEDCOM), folder / "family.ged")


def test_a_killed_saves_temporary_file_goes_at_the_next_save_a_running_saves_stays(tmp_path: Path) -> None:
    target = tmp_path / "family.ged"
    target.write_text(GEDCOM)
    script = textwrap.dedent(f"""
        import os, sys, time
        from familytree.gedcom import read_text, write_file
        people = "".join(f"0 @I{{i}}@ INDI\\n1 NAME New{{i}} /Person/\\n" for i in range(2000))
        tree = read_text("0 HEAD\\n1 GEDC\\n2 VERS 7.0\\n" + people + "0 TRLR\\n")
        def slow_fsync(fd):  # a slow disk: written, not yet renamed
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = slow_fsync
        write_file(tree, {str(target)!r})
    """)
    saves = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    try:
        for save in saves:
            assert save.stdout is not None
            assert save.stdout.readline().strip() == "writing"
        temporary = {p.name for p in tmp_path.iterdir()} - {"family.ged"}
        assert len(temporary) == 2
        assert all((tmp_path / name).stat().st_size > 2000 * 20 for name in temporary)  # written in full
        killed, running = saves
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        assert target.read_text() == GEDCOM  # the killed save changed nothing
        # both untouched for as long as a killed save's file must be before it counts as stale
        old = time.time() - DEAD_WRITER_AGE - 60
        for name in temporary:
            os.utime(tmp_path / name, (old, old))
        _save(tmp_path)
        left = {p.name for p in tmp_path.iterdir()} - {"family.ged"}
        assert left == {n for n in temporary if f"-{running.pid}-" in n}
    finally:
        for save in saves:
            save.kill()
            save.wait(timeout=30)


@pytest.mark.parametrize(("writer", "age", "removed"), [
    ("dead", DEAD_WRITER_AGE + 60, True),
    ("dead", 30, False),  # its writer may be a process this one cannot see: wait a while
    ("alive", UNKNOWN_WRITER_AGE * 24, False),  # a save paused for a day (a suspended laptop) resumes
    ("legacy", UNKNOWN_WRITER_AGE + 60, True),  # from versions that wrote no process id
    ("legacy", DEAD_WRITER_AGE + 60, False),
])
def test_which_leftovers_the_next_save_removes(tmp_path: Path, writer: str, age: int, removed: bool) -> None:
    pid = {"dead": _dead_pid(), "alive": os.getpid(), "legacy": 0}[writer]
    name = f".familytree-{pid}-k2j_x9q1.tmp" if pid else ".familytree-k2j_x9q1.tmp"
    leftover = _leftover(tmp_path, name, age)
    _save(tmp_path)
    assert leftover.exists() is not removed
    assert read_file(tmp_path / "family.ged").people


def test_files_that_only_look_like_leftovers_are_kept(tmp_path: Path) -> None:
    day = 24 * 60 * 60
    kept = [_leftover(tmp_path, n, day) for n in (
        ".familytree-notes.txt", "familytree-abc.tmp", ".familytree-abc.tmp.bak", ".familytree-ABC.tmp")]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious = _leftover(elsewhere, "precious.tmp", day)
    link = tmp_path / f".familytree-{_dead_pid()}-abcdefgh.tmp"
    link.symlink_to(precious)
    os.utime(link, (time.time() - day,) * 2, follow_symlinks=False)
    folder = tmp_path / f".familytree-{_dead_pid()}-abcdefgh.tmp"  # a folder, not a file
    folder.mkdir()
    _save(tmp_path)
    assert all(p.exists() for p in [*kept, precious, folder])
    assert link.is_symlink()


def test_a_save_into_another_folder_leaves_this_one_alone(tmp_path: Path) -> None:
    leftover = _leftover(tmp_path, f".familytree-{_dead_pid()}-abcdefgh.tmp", 2 * UNKNOWN_WRITER_AGE)
    other = tmp_path / "other"
    other.mkdir()
    _save(other)
    assert leftover.exists()
    _save(tmp_path)
    assert not leftover.exists()


@pytest.mark.gui
@pytest.mark.parametrize("suffix", ["ged", "pdf", "svg", "png"])
def test_saves_and_exports_share_one_file_mode_policy(qapp, tmp_path: Path, suffix: str) -> None:
    """A new file gets what the user's umask gives any new file; a file written again keeps its mode."""
    from familytree.layout import ChartType, layout_chart
    from familytree.render.export import ChartPrint, PrintOptions, export_chart

    tree = read_text(GEDCOM)
    target = tmp_path / f"out.{suffix}"

    def write() -> None:
        if suffix == "ged":
            write_file(tree, target)
        else:
            chart = layout_chart(tree, ChartType.HOURGLASS, "@I1@")
            export_chart(ChartPrint(tree, chart, PrintOptions()), target)

    mask = os.umask(0o027)
    try:
        write()
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o640  # 0o666 less the umask
    target.chmod(0o604)
    write()
    assert target.stat().st_mode & 0o777 == 0o604
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
