"""Text made fit to show: values cut with an ellipsis, long unbroken runs given break opportunities."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familytree.model.text import (
    ELLIPSIS,
    SHORT_TEXT,
    WORD_RUN,
    ZERO_WIDTH_SPACE,
    break_long_words,
    for_display,
    shorten,
    split_long_lines,
)


@pytest.mark.parametrize(("text", "limit", "shown"), [
    ("Ann Lee", 200, "Ann Lee"),  # short text is left as it is
    ("A" * 200, 200, "A" * 200),  # exactly at the limit: not cut
    ("A" * 201, 200, "A" * 199 + ELLIPSIS),
    ("Maria Anna Josepha Antonia", 20, "Maria Anna Josepha" + ELLIPSIS),  # at a space near the end
    ("Mariaannajosephaantonia", 10, "Mariaanna" + ELLIPSIS),  # no space: cut in the word
    ("Zoe\u0301 Zoe\u0301 Zoe\u0301", 9, "Zoe\u0301 Zo" + ELLIPSIS),  # not between e and its accent
    ("", 5, ""),
])
def test_shorten(text: str, limit: int, shown: str) -> None:
    assert shorten(text, limit) == shown


def test_shorten_never_parts_a_letter_from_its_accents() -> None:
    # the 200th character is an accent on the 199th: both go, the ellipsis follows a whole letter
    assert shorten("x" * 198 + "e\u0301\u0302" + "y" * 10) == "x" * 198 + ELLIPSIS


@given(st.text(max_size=600), st.integers(min_value=1, max_value=300))
def test_shorten_keeps_within_the_limit_and_marks_a_cut(text: str, limit: int) -> None:
    shown = shorten(text, limit)
    assert len(shown) <= limit
    if len(text) <= limit:
        assert shown == text
    else:
        assert shown.endswith(ELLIPSIS)
        assert text.startswith(shown[:-1].rstrip())


def test_break_long_words_leaves_words_of_normal_length() -> None:
    text = "Bartholomew Featherstonehaugh-Cholmondeley"
    assert break_long_words(text) == text
    assert break_long_words("short") == "short"


def test_break_long_words_breaks_a_long_run_every_width_characters() -> None:
    broken = break_long_words("A" * 100 + " and " + "B" * 41, 40)
    pieces = broken.replace(" ", ZERO_WIDTH_SPACE).split(ZERO_WIDTH_SPACE)
    assert [len(p) for p in pieces] == [40, 40, 20, 3, 40, 1]
    assert broken.replace(ZERO_WIDTH_SPACE, "") == "A" * 100 + " and " + "B" * 41


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500), st.integers(min_value=2, max_value=60))
def test_break_long_words_only_adds_breaks_and_is_stable(text: str, width: int) -> None:
    text = text.replace(ZERO_WIDTH_SPACE, "")
    broken = break_long_words(text, width)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == text
    assert break_long_words(broken, width) == broken  # once broken, nothing more to do
    for run in broken.split():
        for piece in run.split(ZERO_WIDTH_SPACE):
            assert len(piece) <= width


def test_a_ten_megabyte_name_is_cut_and_broken() -> None:
    shown = for_display("A" * 10_000_000)
    assert len(shown) < SHORT_TEXT + SHORT_TEXT // WORD_RUN + 1
    assert shown.endswith(ELLIPSIS)
    assert max(len(p) for p in shown.split(ZERO_WIDTH_SPACE)) <= WORD_RUN


def test_break_long_words_never_splits_a_letter_from_its_accents() -> None:
    run = ("e\u0301" * 30)  # 60 characters, 30 letters
    broken = break_long_words(run, 7)
    for piece in broken.split(ZERO_WIDTH_SPACE):
        assert not unicodedata.combining(piece[0])


def test_split_long_lines() -> None:
    assert split_long_lines("a\nb", 10) == "a\nb"
    assert split_long_lines("A" * 25, 10).split("\n") == ["A" * 10, "A" * 10, "A" * 5]
    words = "word " * 10
    lines = split_long_lines(words, 12).split("\n")
    assert all(len(line) <= 12 for line in lines)
    assert "".join(lines) == words  # split at spaces, nothing lost


@given(st.text(alphabet="ab \u0301", max_size=400), st.integers(min_value=4, max_value=50))
def test_split_long_lines_loses_nothing(text: str, width: int) -> None:
    lines = split_long_lines(text, width).split("\n")
    assert "".join(lines) == text
    assert all(len(line) <= width for line in lines)


def test_direction_controls_from_a_file_reorder_only_the_value_itself() -> None:
    from familytree.model.text import isolated

    plain = "Natalia Sedova"
    assert shorten(plain) == plain  # ordinary names and Hebrew or Arabic ones come back as they are
    assert shorten("\u05d9\u05d5\u05dc\u05d9\u05d4") == "\u05d9\u05d5\u05dc\u05d9\u05d4"
    hostile = "Abc\u202edlrow olleh"
    assert shorten(hostile) == "\u2068" + hostile + "\u2069"
    cut = shorten(hostile + "x" * 500)
    assert cut.startswith("\u2068Abc\u202e")
    assert cut.endswith("\u2026\u2069")
    assert isolated("a\u2066b") == "\u2068a\u2066b\u2069"
