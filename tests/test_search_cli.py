"""`familytree search`: text and JSON output, best first, and clear failures."""

from __future__ import annotations

import json

import pytest

from familytree.cli import main


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Seryozha"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("@I1@  Sergei Sedov (1908")
    assert first.endswith("\u2014 nickname Seryozha")


def test_json_output_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Sedova", "--json", "--limit", "5"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 1 <= len(rows) <= 5
    assert {"id", "name", "score", "reason"} <= set(rows[0])
    assert rows[0]["name"] == "Natalia Sedova"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cyrillic_query_and_other_file(capsys: pytest.CaptureFixture[str], bundled_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["search", "Генриетта", "--file", str(bundled_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "@I6@"


def test_nothing_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Zzyzx Qwerty"]) == 0
    assert "No one matches" in capsys.readouterr().out
    assert main(["search", "Zzyzx", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(("args", "message"), [
    (["search", "x", "--file", "/nonexistent/file.ged"], "no such file"),
    (["search", "x", "--limit", "0"], "--limit"),
])
def test_failures_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(args) != 0
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_a_terminal_that_cannot_show_the_script() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "familytree.cli", "search", "Сергей"], env=env,
                          capture_output=True, text=True, encoding="ascii", errors="replace", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("@I1@  Sergei Sedov")


@pytest.mark.parametrize(("query", "first", "file"), [
    ("Bill Clinton", "@I1@  William Jefferson Clinton (born 1946)  \u2014 Bill for William",
     "real/pres2020.ged"),
    ("Hillary Clinton", "@I2@  Hillary Rodham (born 1947)  \u2014 married to William Jefferson Clinton",
     "real/pres2020.ged"),
    # life years in words, as the reason says them ("(c.1247\u2013<1256)" before)
    ("1256", "@I1286@  Richard (about 1247 \u2013 before 1256)  \u2014 died before 1256", "real/royal92.ged"),
])
def test_names_people_are_known_by_on_a_real_file(capsys: pytest.CaptureFixture[str], query: str,
                                                  first: str, file: str) -> None:
    from support.corpus import corpus_file

    assert main(["search", query, "--file", str(corpus_file(file)), "--limit", "3"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first
