"""The `deadlines` and `status` tables are written line by line (`plain_tables.table_lines`),
with or without colour: the lines must be the ones rich draws of the same fitted table, for any
cells, widths, styles and a last row apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expensecli.render.chasing_tables import fitted_table
from expensecli.render.console import captured, text_console
from expensecli.render.fit import Column
from expensecli.render.plain_tables import table_lines

WORDS = st.text(st.sampled_from("abcdefghij klmnopqrstuvwxyz  æøåÆØÅ-./0123456789\xa0"), max_size=30)
CELLS = st.lists(WORDS, min_size=0, max_size=4).map(" ".join)
HEADERS = st.text(st.sampled_from("Abc Dæf gh"), min_size=1, max_size=24).filter(str.strip)  # a header says something
COLUMNS = st.lists(st.builds(Column, HEADERS,
                             right=st.booleans(), wrap=st.booleans(), drop=st.integers(0, 2)),
                   min_size=1, max_size=6)


@st.composite
def tables(draw):
    columns = draw(COLUMNS)
    rows = draw(st.lists(st.lists(CELLS, min_size=len(columns), max_size=len(columns)), max_size=8))
    styles = draw(st.lists(st.sampled_from([None, "red", "yellow", "bold"]), max_size=len(rows)))
    return columns, rows, styles, draw(st.booleans()), draw(st.integers(20, 160))


def drawn_by_rich(table, width: int, color: bool) -> list[str]:
    console = text_console(color, width)
    console.print(table.rich_table())
    return captured(console).splitlines()


@pytest.mark.parametrize("color", [False, True])
@settings(max_examples=300, deadline=None)
@given(drawn=tables())
def test_the_lines_are_the_ones_rich_draws(drawn, color):
    columns, rows, styles, last_apart, width = drawn
    table, _ = fitted_table(columns, rows, width, styles, last_apart)
    lines = table_lines(table.fitted, table.styles, table.last_apart, color, width)
    if lines is not None:
        assert lines == drawn_by_rich(table, width, color)


def test_a_coloured_table_with_a_wrapped_cell_and_a_total_apart():
    columns = [Column("Claim"), Column("Claimant", wrap=True, least=16), Column("Days", right=True)]
    rows = [("R-1", "Kari Nordmann", "3 days late"), ("BM-2024-00001", "Åse Ødegård Ås, a long name to wrap", "")]
    table, _ = fitted_table(columns, rows, 46, ["red", None], last_apart=True)
    red, bold, off = "\x1b[31m", "\x1b[1m", "\x1b[0m"
    assert table.fitted.widths == [13, 16, 11]
    assert table_lines(table.fitted, table.styles, True, True, 46) == [
        f"{bold}Claim        {off}{bold} {off} {bold} {off}{bold}Claimant        {off}{bold} {off} {bold} {off}"
        f"{bold}       Days{off}",
        "─" * 46,
        f"{red}R-1          {off}{red} {off} {red} {off}{red}Kari Nordmann   {off}{red} {off} {red} {off}"
        f"{red}3 days late{off}",
        "",
        "BM-2024-00001   Åse Ødegård Ås,",
        "                a long name to",
        "                wrap"]


def test_rich_draws_what_is_not_one_cell_a_character_or_too_wide():
    """Also a table whose columns cannot be fitted to the line: rich narrows them itself."""
    columns = [Column("Claim"), Column("Claimant", wrap=True)]
    table, _ = fitted_table(columns, [("R-1", "漢字 name")], 60)
    assert table_lines(table.fitted, (), False, False, 60) is None
    table, _ = fitted_table(columns, [("R-1", "Kari")], 60)
    assert table_lines(table.fitted, (), False, False, 60) is not None
    assert table_lines(table.fitted, ("green",), False, True, 60) is None  # a style these do not know
    assert table_lines(table.fitted, (), False, False, 5) is None  # wider than the line


def test_a_column_fitted_to_no_width_is_drawn_like_the_others():
    """A blank header over blank cells may be fitted to width 0, which no header can be wrapped to."""
    columns = [Column("A"), Column(" "), Column("AAAAA"), Column("AAAAA")]
    table, _ = fitted_table(columns, [], 20, [], False)
    assert 0 in table.fitted.widths
    lines = drawn_by_rich(table, 20, False)
    assert lines[0].split() == ["A", "AAAAA", "AAAAA"]
    assert table_lines(table.fitted, table.styles, table.last_apart, False, 20) == lines
