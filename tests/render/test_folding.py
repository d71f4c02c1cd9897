"""`one_cell_breaks` folds a line where rich's line divider does, for text whose every character
rich counts one cell wide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len

from expensecli.render.folding import ONE_CELL, one_cell_breaks

# Runs of spaces, no-break spaces (white space to rich's words too), Norwegian letters, and the
# last characters of the range.
ONE_CELL_TEXTS = st.text(st.sampled_from("ab cdefghijklm   nopqrstuvwxyz,.;:'()-/0123456789XæøåÆØÅé\xa0\u02ff"),
                         max_size=300)


@settings(max_examples=500, deadline=None)
@given(ONE_CELL_TEXTS, st.integers(1, 12) | st.integers(1, 130))
def test_one_cell_text_breaks_where_rich_breaks_it(text, width):
    """Leading spaces, words longer than the line (folded) and lines of one cell included."""
    assert one_cell_breaks(text, width) == divide_line(text, width, fold=True)


def test_every_one_cell_character_is_one_cell_to_rich():
    assert all(cell_len(character) == 1 for character in ONE_CELL)
    assert {"\xad", "\u0300", "漢", "\t", "\x1b", "\x7f", "\u200b"}.isdisjoint(ONE_CELL)


def test_one_cell_breaks_where_a_word_fills_the_line_exactly():
    assert one_cell_breaks("ab cd", 5) == [] and one_cell_breaks("ab cde", 5) == [3]
    assert one_cell_breaks("abcde fghij", 5) == [6]  # the space after a full line is not counted


def test_one_cell_breaks_of_words_longer_than_the_line():
    assert one_cell_breaks("ab " + "x" * 25 + " cd", 10) == [3, 13, 23]  # "cd" fits after the last 5 x's
    assert one_cell_breaks(" " * 12 + "word", 5) == [5, 10, 15]  # white space before the first word folds too
