"""The `familytree` command line: dispatch, and failures that say what is wrong in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from familytree.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "familytree.cli", *args], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})


def test_a_mistyped_subcommand_is_not_opened_as_a_file(capsys) -> None:
    assert main(["serach", "Sedov"]) == 2
    err = capsys.readouterr().err
    assert "serach: no such file" in err
    assert "familytree search" in err  # the likely sub-command is named


def test_a_folder_is_refused_before_qt_starts(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"Dear Anna,\nthe photographs arrived.\n", "not a GEDCOM file"),
        (bytes(range(256)) * 8, "not a GEDCOM file"),
    ],
)
@pytest.mark.parametrize("command", ["info", "search", "convert"])
def test_a_file_that_is_not_gedcom_fails_in_one_line(tmp_path: Path, content: bytes, reason: str,
                                                      command: str) -> None:
    bad = tmp_path / "bad.ged"
    bad.write_bytes(content)
    out = tmp_path / "out.ged"
    args = {"info": [str(bad)], "search": ["Anna", "--file", str(bad)],
            "convert": [str(bad), str(out)]}[command]
    result = run(command, *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0]
    assert reason in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_ambiguous_name_says_whom_it_took(capsys, tmp_path: Path) -> None:
    ged = tmp_path / "twins.ged"
    ged.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @A@ INDI\n1 NAME Anna /Orlova/\n"
                   "0 @B@ INDI\n1 NAME Anna /Orlova/\n0 TRLR\n", encoding="utf-8")
    assert main(["relationship", "Anna Orlova", "@B@", "--file", str(ged)]) == 0
    captured = capsys.readouterr()
    assert "matches several people (2) equally well" in captured.err
    assert "using @A@" in captured.err
    assert "@B@" in captured.err


def test_a_name_many_people_share_names_five_with_their_years_and_the_one_used(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ged = tmp_path / "johns.ged"
    people = "".join(f"0 @J{i}@ INDI\n1 NAME John /Smith{i}/\n1 BIRT\n2 DATE {1800 + i}\n" for i in range(7))
    ged.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n" + people + "0 @C@ INDI\n1 NAME Caroline /Lee/\n"
                   "0 @D@ INDI\n1 NAME Johanna /Smith/\n0 TRLR\n", encoding="utf-8")
    assert main(["relationship", "John", "Caroline", "--file", str(ged), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["a"] in {f"@J{i}@" for i in range(7)}
    assert data["b"] == "@C@"  # one Caroline: nothing to warn of
    err = [line for line in captured.err.splitlines() if "matches several people" in line]
    assert len(err) == 1
    assert "(7)" in err[0]
    assert f"using {data['a']}" in err[0]
    named = [who for i in range(7) if (who := f"@J{i}@ John Smith{i} (born {1800 + i})") in err[0]]
    assert len(named) == 5  # five named, with their years, ...
    assert "and 2 more" in err[0]  # ... and the rest counted
    assert "@D@" not in err[0]  # a weaker match is no candidate
    assert "give an id" in err[0]
    assert data["warnings"] == [err[0].removeprefix("familytree: warning: ")]


def test_text_output_cuts_a_hostile_name_and_json_keeps_it_whole(tmp_path: Path, capsys) -> None:
    long_given = "Ann" + "e" * 300_000
    path = tmp_path / "long.ged"
    path.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n"
                    f"0 @I1@ INDI\n1 NAME {long_given} /Lee/\n1 FAMS @F1@\n"
                    "0 @I2@ INDI\n1 NAME Bob /Lee/\n1 FAMC @F1@\n"
                    "0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n0 TRLR\n", encoding="utf-8")
    for args in (["search", "Lee"], ["relationship", "@I1@", "@I2@"], ["info"]):
        assert main([*args, "--file", str(path)]) == 0
        out = capsys.readouterr().out
        assert out
        assert max(len(line) for line in out.splitlines()) < 1000, args
    assert main(["search", "Lee", "--file", str(path), "--json"]) == 0
    assert long_given in capsys.readouterr().out


def test_convert_says_what_it_had_to_mend(tmp_path: Path, capsys) -> None:
    source = tmp_path / "odd.ged"
    source.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n"
                      "1 <i>TAG</i> value\n0 TRLR\n", encoding="utf-8")
    assert main(["convert", str(source), str(tmp_path / "out.ged"), "--gedcom", "7.0"]) == 0
    err = capsys.readouterr().err
    assert "1 thing could not be written in GEDCOM 7.0 as read and was mended" in err
    assert "line 6" in err
    plain = tmp_path / "plain.ged"
    plain.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n0 TRLR\n", encoding="utf-8")
    assert main(["convert", str(plain), str(tmp_path / "out2.ged")]) == 0
    assert "mended" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["chart.pdf", "tree.SVG", "family.png"])
def test_convert_to_a_chart_file_name_is_refused_with_where_charts_come_from(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = tmp_path / name
    assert main(["convert", str(Path("data") / "trotsky-sedov.ged"), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "familytree export" in err
    assert not out.exists()  # no GEDCOM written under a chart's name


def test_python_dash_m_familytree_is_the_familytree_command() -> None:
    out = subprocess.run([sys.executable, "-m", "familytree", "search", "Seryozha", "--json"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["id"] == "@I1@"


def test_info_with_two_different_files_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.ged"
    other.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 TRLR\n", encoding="utf-8")
    assert main(["info", str(Path("data") / "trotsky-sedov.ged"), "--file", str(other)]) == 1
    assert "give one" in capsys.readouterr().err
    assert main(["info", str(other), "--file", str(other)]) == 0


def test_convert_into_a_missing_folder_says_the_folder_is_missing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nowhere" / "x.ged"
    assert main(["convert", str(Path("data") / "trotsky-sedov.ged"), str(out)]) == 1
    assert f"the folder {out.parent} does not exist" in capsys.readouterr().err
