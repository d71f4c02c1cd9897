"""A claim's title in `check -f table` is written directly (`plain_title`), with or without
colour: its lines must be the ones rich prints, for any file name, id and width."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expensecli.policy.engine import ClaimResult
from expensecli.render.console import captured, text_console
from expensecli.render.text import _title, plain_title

PARTS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz -_./æøåÅÉ漢字한글é\u0301\t\x1b0123456789"), max_size=60)
OPTIONAL = st.none() | PARTS.filter(bool)


def printed_by_rich(report: ClaimResult, width: int, color: bool = False) -> list[str]:
    console = text_console(color, width)
    console.print(_title(report, width))
    return captured(console).splitlines()


@pytest.mark.parametrize("color", [False, True])
@settings(max_examples=400, deadline=None)
@given(file=PARTS.filter(bool), claim_id=OPTIONAL, role=st.sampled_from([None, "employee", "external"]),
       kind=st.sampled_from([None, "travel", "reimbursement"]), status=st.sampled_from([None, "sent", "draft"]),
       width=st.integers(8, 160))
def test_the_title_is_the_one_rich_prints(file, claim_id, role, kind, status, width, color):
    report = ClaimResult(file, claim_id, kind, status, role)
    lines = plain_title(report, width, color)
    if lines is not None:
        assert lines == printed_by_rich(report, width, color)


def test_a_coloured_title_beside_or_under_the_name():
    report = ClaimResult("claims/a.yaml", "R-2024-0001", "travel", "sent", "employee")
    assert plain_title(report, 80, color=True) == [
        "\x1b[1mclaims/a.yaml\x1b[0m\x1b[1;2m  R-2024-0001 employee travel sent\x1b[0m"]
    assert plain_title(report, 40, color=True) == [
        "\x1b[1mclaims/a.yaml\x1b[0m", "\x1b[1;2m  R-2024-0001 employee travel sent\x1b[0m"]
    assert plain_title(ClaimResult("claims/a.yaml", None), 40, color=True) == ["\x1b[1mclaims/a.yaml\x1b[0m"]
    assert plain_title(report, 30, color=True) is None  # wrapped by rich


def test_rich_prints_a_title_wider_than_the_line_or_with_a_tab():
    assert plain_title(ClaimResult("a.yaml", "R-" + "x" * 200, "travel", "sent", "employee"), 80) is None
    assert plain_title(ClaimResult("a\tb.yaml", "R-1"), 80) is None
    assert plain_title(ClaimResult("claims/a.yaml", "R-2024-0001", "travel", "sent", "employee"), 80) == [
        "claims/a.yaml  R-2024-0001 employee travel sent"]
    narrow = ClaimResult("claims/a.yaml", "R-2024-0001", "travel", "sent", "employee")
    assert plain_title(narrow, 40) == ["claims/a.yaml", "  R-2024-0001 employee travel sent"]
    assert plain_title(narrow, 30) is None  # its second line is wrapped by rich
    assert printed_by_rich(narrow, 30) == ["claims/a.yaml", "  R-2024-0001 employee travel", "sent"]
