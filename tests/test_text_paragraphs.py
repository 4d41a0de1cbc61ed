"""Notes written with hard line breaks read as paragraphs; excerpts keep their quotation marks in pairs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familytree.model.text import balance_quotes, join_wrapped_lines

# pres2020.ged's note on Bill Clinton, as its CONT lines give it: broken inside sentences
CLINTON = ("Bill Clinton was born William Jefferson Blythe IV.  His last name was legally\n"
           "changed to Clinton on 12 June 1962 in Garland, Arkansas.  Won the 1992\n"
           "election over then president George Bush (votes not currently available).\n"
           "He was inaugurated as the 42nd President of the United States\n"
           "on 20 January 1993.")


def test_a_note_wrapped_inside_its_sentences_is_one_paragraph() -> None:
    text = join_wrapped_lines(CLINTON)
    assert "\n" not in text
    assert "legally changed to Clinton" in text
    assert "of the United States on 20 January 1993." in text


@pytest.mark.parametrize(("text", "joined"), [
    # a line that goes on in lower case goes on, however long the lines (the bundled file's notes)
    ("x" * 300 + " to avoid waste\nand excess.", "x" * 300 + " to avoid waste and excess."),
    # a blank line ends a paragraph; so does a sentence ending a line well short of the width
    ("First paragraph of the note, wrapped at sixty characters or so\nby hand.\n\nSecond.",
     "First paragraph of the note, wrapped at sixty characters or so by hand.\n\nSecond."),
    ("A family story says that James M. Cassidy and his brother\n"  # pres2020.ged, @N4@
     "Noah Cassidy traveled by train to Alabama to visit relatives.\n"
     "It was very hot on the train and when they arrived the\nweather was cold.\n"
     "James developed pneumonia and died at Red Level shortly thereafter.",
     "A family story says that James M. Cassidy and his brother Noah Cassidy traveled by train to "
     "Alabama to visit relatives. It was very hot on the train and when they arrived the weather was "
     "cold.\n\nJames developed pneumonia and died at Red Level shortly thereafter."),
    # long lines (no program wraps at 300 characters) are paragraphs of their own
    ("y" * 300 + " ends here.\nThe next paragraph.", "y" * 300 + " ends here.\n\nThe next paragraph."),
    # a list of short lines stays a list
    ("Children:\nJohn\nMary", "Children:\nJohn\nMary"),
    ("Department of Computer Science\nUniversity of Hull\nHull, UK, HU6 7RX",
     "Department of Computer Science\nUniversity of Hull\nHull, UK, HU6 7RX"),
    # a word broken with a hyphen at the end of a full line is one word again
    ("They worked almost twenty-four hours a day, and slept twenty-\nfour minutes.",
     "They worked almost twenty-four hours a day, and slept twenty-four minutes."),
    ("Windows line ends\r\nare line ends.", "Windows line ends are line ends."),
    # the items of a list, numbered, lettered or bulleted, each on a line of its own (TGC55C's notes)
    ("Notes on Karl, from the parish book and his letters home, which his\nsister kept:\n"
     "1. Karl was born in Riga in 1850 and apprenticed to a tailor at the\nage of twelve.\n"
     "2. He trained in Moscow.\n3. Nothing more is known.",
     "Notes on Karl, from the parish book and his letters home, which his sister kept:\n"
     "1. Karl was born in Riga in 1850 and apprenticed to a tailor at the age of twelve.\n"
     "2. He trained in Moscow.\n3. Nothing more is known."),
    ("Sources, all of them read in the archive in the summer of the year\na. the register\n"
     "b) the letters\n- the photographs", "Sources, all of them read in the archive in the summer of the "
     "year\na. the register\nb) the letters\n- the photographs"),
    ("", ""),
])
def test_join_wrapped_lines(text: str, joined: str) -> None:
    assert join_wrapped_lines(text) == joined


@given(st.text(alphabet=st.sampled_from("ab .\n-AB"), max_size=200))
def test_joining_only_changes_line_breaks(text: str) -> None:
    """Every character but the line breaks (and the spaces they become) is kept, in order."""
    joined = join_wrapped_lines(text)
    assert joined.replace("\n", "").replace(" ", "") == \
        "\n".join(line.rstrip() for line in text.split("\n")).replace("\n", "").replace(" ", "")


@pytest.mark.parametrize(("text", "balanced"), [
    # a quotation the excerpt cuts off is closed at its end, or opened at its start: nothing is lost
    ('"Natalia is haunted (if he is in prison).', '"Natalia is haunted (if he is in prison)."'),
    ('Soon he was released and worked in the mines."', '"Soon he was released and worked in the mines."'),
    ('He said "no more and left', 'He said "no more and left"'),
    ('it was over," he said.', '"it was over," he said.'),
    ("\u201cit was over,\u201d he said; \u201cgo", "\u201cit was over,\u201d he said; \u201cgo\u201d"),
    ("it was over\u201d, he said", "\u201cit was over\u201d, he said"),
    # pairs are left alone
    ('Leon Trotsky wrote: "We have made no protest, but it\'s too early."',
     'Leon Trotsky wrote: "We have made no protest, but it\'s too early."'),
    ('indictments for "riot" were found', 'indictments for "riot" were found'),
    ("no quotation at all", "no quotation at all"),
])
def test_balance_quotes(text: str, balanced: str) -> None:
    assert balance_quotes(text) == balanced


@given(st.text(alphabet=st.sampled_from('ab "\u201c\u201d.'), max_size=60))
def test_balanced_quotes_pair_up(text: str) -> None:
    balanced = balance_quotes(text)
    assert text in balanced  # marks are added, never taken away
    assert balanced.count("\u201c") == balanced.count("\u201d")
    assert balanced.count('"') % 2 == 0
    assert balance_quotes(balanced) == balanced
