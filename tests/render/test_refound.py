"""A claim's streamed text with a ledger's findings (`Streamed.refound`), made from the text alone,
is the text made from the report with those findings: for any findings, messages that look like
JSON included, in every format that has one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expensecli.core.findings import Finding, Severity
from expensecli.policy.engine import ClaimResult, with_findings
from expensecli.render import Format
from expensecli.render.streamed import streamed

TEXT = st.text(st.sampled_from('abc æø"]}[{:,\\\n\t\u2028é findings'), max_size=30)
FINDING = st.builds(
    lambda line, code, severity, message, path, waived, waiver, seen: Finding(
        "a.yaml", line, 3, code, severity, message, path, "The policy.", waived, waiver if waived else None, seen),
    st.integers(1, 500), st.sampled_from(["MX004", "CO001", "DL001"]), st.sampled_from(list(Severity)),
    TEXT | st.just('"findings": ["x"]'), TEXT, st.booleans(), st.sampled_from(["claim", "ledger"]),
    st.none() | st.just("2024-04-30T22:10:05Z"))
FINDINGS = st.lists(FINDING, max_size=4).map(tuple)


@pytest.mark.parametrize("chosen", [Format.json, Format.jsonl, Format.concise, Format.table])
@settings(max_examples=150, deadline=None)
@given(claim_id=st.none() | TEXT, before=FINDINGS, after=FINDINGS)
def test_a_text_refound_is_the_text_of_the_report_with_those_findings(chosen, claim_id, before, after):
    form = streamed(chosen, dt.date(2024, 5, 1))
    report = ClaimResult("a.yaml", claim_id, "travel", "sent", "employee", total=Decimal("12.50"),
                         findings=before)
    assert form.refound(form.fragment(report), after) == form.fragment(with_findings(report, after))


@pytest.mark.parametrize("chosen", [Format.json, Format.jsonl, Format.concise, Format.csv, Format.junit,
                                    Format.table])
def test_only_the_formats_said_to_show_a_first_sighting_show_one(chosen):
    """A claim's text is not made again for a first sighting alone where the format does not show
    one (`streamed_ledger.refreshed_text`); csv and junit, which make it again from the whole
    report, have no `refound`."""
    seen = Finding("a.yaml", 4, 3, "CO001", Severity.error, "no work order", "", "The policy.", first_seen="x")
    report = ClaimResult("a.yaml", "R-1", "travel", "sent", "employee", findings=(seen,))
    form = streamed(chosen, dt.date(2024, 5, 1))
    unseen = with_findings(report, (Finding(**{**seen.__dict__, "first_seen": None}),))
    assert (form.fragment(report) != form.fragment(unseen)) is form.shows_first_seen
    assert (form.refound is None) is (chosen in (Format.csv, Format.junit))
