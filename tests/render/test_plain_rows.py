"""The findings of `check -f table` are written directly (`plain_rows`), with or without colour,
instead of through a rich table a claim: the lines must be the ones rich draws, for any message
and width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expensecli.core.findings import Finding, Severity
from expensecli.render.console import captured, text_console
from expensecli.render.text import _table, plain_rows, table_columns

WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz æøå,.;:'()-/0123456789ÅÉ漢字한글é\u0301"),
                max_size=40)
MESSAGES = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)
FINDINGS = st.lists(st.builds(
    lambda line, column, code, severity, message, waived: Finding(
        "claim.yaml", line, column, code, severity, message, "", "", waived),
    st.integers(1, 100_000), st.integers(1, 999), st.sampled_from(["MX001", "CA011", "LOAD004", "DOC005"]),
    st.sampled_from(list(Severity)), MESSAGES, st.booleans()), min_size=1, max_size=6)


def drawn_by_rich(findings, width: int, color: bool = False) -> list[str]:
    console = text_console(color, width)
    console.print(_table(findings, table_columns(findings), width))
    return captured(console).splitlines()


@pytest.mark.parametrize("color", [False, True])
@settings(max_examples=300, deadline=None)
@given(findings=FINDINGS, width=st.integers(20, 200))
def test_the_rows_are_the_ones_rich_draws(findings, width, color):
    """With colour, the same rows with rich's escape codes: the location and its padding dim, the
    severity in its style (dim when waived)."""
    rows = plain_rows(findings, table_columns(findings), width, color)
    if rows is not None:
        assert rows == drawn_by_rich(findings, width, color)


def test_a_coloured_row_and_its_folded_lines():
    finding = Finding("claim.yaml", 31, 11, "NE004", Severity.error, "expense 0 (equipment, 2024-01-28, 349.00 NOK)"
                      " is dated 4 days before the contract start 2024-02-01", "", "")
    waived = Finding("claim.yaml", 7, 3, "MX004", Severity.warning, "twice", "", "", True)
    assert plain_rows([finding, waived], table_columns([finding, waived]), 60, color=True) == [
        "\x1b[2m31:11\x1b[0m\x1b[2m \x1b[0m  \x1b[1;31merror  \x1b[0m   NE004   expense 0 (equipment, 2024-01-28,",
        "\x1b[2m      \x1b[0m                    349.00 NOK) is dated 4 days before",
        "\x1b[2m      \x1b[0m                    the contract start 2024-02-01",
        "\x1b[2m7:3  \x1b[0m\x1b[2m \x1b[0m  \x1b[2mwarning\x1b[0m   MX004   twice (waived)"]


def test_rich_draws_what_does_not_fit_or_breaks_a_line():
    finding = Finding("claim.yaml", 12, 5, "MX001", Severity.error, "two\nlines", "", "")
    assert plain_rows([finding], table_columns([finding]), 120) is None
    long = Finding("claim.yaml", 12, 5, "MX001", Severity.error, "a message", "", "")
    assert plain_rows([long], table_columns([long]), 30) is None  # 20 cells of message do not fit beside


def test_a_long_message_folds_under_its_column():
    finding = Finding("claim.yaml", 31, 11, "NE004", Severity.error, "expense 0 (equipment, 2024-01-28, 349.00 NOK)"
                      " is dated 4 days before the contract start 2024-02-01", "", "")
    assert plain_rows([finding], table_columns([finding]), 60) == [
        "31:11   error   NE004   expense 0 (equipment, 2024-01-28,",
        "                        349.00 NOK) is dated 4 days before",
        "                        the contract start 2024-02-01"]
