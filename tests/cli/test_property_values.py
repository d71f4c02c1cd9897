"""Properties of checking and rendering, tried on generated claim values (issue 12): dates at the
calendar's ends, maximal amounts and rates, hostile text in every field. Whatever loads is checked
without raising, and every format renders and parses: JSON, JSON lines, CSV (same width every
row, no formula), XML, and text with one line a finding and no control character."""

import csv
import datetime as dt
import io
import json
import re
from xml.etree import ElementTree

from conftest import _default_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expensecli.load.claims import load_claim_bytes
from expensecli.policy.engine import check
from expensecli.render import chasing as report_formats
from expensecli.render import claims_json, events
from expensecli.render.chasing_tables import deadlines_table, status_table
from expensecli.render.findings_csv import render_csv
from expensecli.render.junit import render_junit
from expensecli.render.text import render_concise, render_table
from expensecli.report.chasing import GroupBy, deadline_rows, status_summary, unloaded_files
from expensecli.report.events import report_rows

SOME = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))

CLAIM = """\
id: {id}
kind: {kind}
status: {status}
unit: {unit}
claimant:
  name: {name}
  role: {role}
trip:
  start: {start}
  end: {end}
  accommodation: hotel
cost_allocation:
  cost_centre: {centre}
expenses:
  - date: {date}
    category: catering
    amount: "{amount}"
    currency: {currency}
    rate: "{rate}"
    tip: "{tip}"
    attachments:
      - {{type: receipt, file: {file}}}
    event:
      type: meeting
      date: {date}
      hours: 4
      participants: {{internal: {internal}, external: 0}}
      extras: "{extras}"
"""

ENDS = [dt.date.min, dt.date(1, 1, 31), dt.date(9999, 12, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)]
dates = st.one_of(st.sampled_from(ENDS), st.dates())
amounts = st.one_of(st.sampled_from(["999999999999.99", "0.01", "1", "999999999999"]),
                    st.decimals(min_value="0.01", max_value="999999999999.99", places=2).map(str))
rates = st.one_of(st.sampled_from(["999999999999.999999", "0.000001", "1"]),
                  st.decimals(min_value="0.000001", max_value="999999999999.999999", places=6).map(str))
parts = st.one_of(st.just("0"), amounts)
hostile = st.text(alphabet=st.one_of(st.sampled_from(list("=+-@\t\r\n\x1b\x07\x00\x85\u2028\u202e[]:,\"'\\")),
                                     st.characters(codec="utf-8")), min_size=1, max_size=12)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string, with what YAML forbids raw written as \\u escapes)."""
    return re.sub("[\x7f-\x9f\ufeff\ufffe\uffff]", lambda found: f"\\u{ord(found.group()):04x}",
                  json.dumps(text, ensure_ascii=False))


@st.composite
def claims(draw) -> str:
    start = draw(dates)
    return CLAIM.format(
        id=quoted(draw(hostile)), kind=draw(st.sampled_from(["travel", "reimbursement"])),
        status=draw(st.sampled_from(["draft", "sent", "paid"])), unit=quoted(draw(hostile)),
        name=quoted(draw(hostile)), role=draw(st.sampled_from(["employee", "contractor", "external"])),
        start=start, end=draw(st.dates(min_value=start)), centre=quoted(draw(hostile)), date=draw(dates),
        amount=draw(amounts), currency=draw(st.sampled_from(["NOK", "EUR"])), rate=draw(rates), tip=draw(parts),
        extras=draw(parts), file=quoted(draw(hostile)), internal=draw(st.sampled_from([1, 7, 999999999999])))


def text_is_clean(text: str) -> None:
    for raw in ("\x1b", "\x07", "\x00", "\x85", "\u2028", "\u202e", "\r"):
        assert raw not in text, repr(raw)


def csv_is_clean(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(row) for row in rows}) == 1
    assert not [cell for row in rows[1:] for cell in row
                if cell[:1] in ("=", "+", "@", "\t", "\r") or cell[:1] == "-" and not cell[1:2].isdigit()]


@SOME
@given(st.lists(claims(), min_size=1, max_size=3), dates)
def test_generated_claims_are_checked_and_every_format_parses(texts, as_of):
    loaded = [load_claim_bytes(text.encode(), f"c{n}.yaml", None) for n, text in enumerate(texts)]
    reports = check(loaded, _default_book(), as_of)
    findings = sum(len(r.findings) for r in reports)
    document = json.loads(claims_json.render_json(reports, as_of))
    assert len(document["claims"]) == len(texts)
    assert len([json.loads(line) for line in claims_json.render_jsonl(reports, as_of).splitlines()]) == len(texts)
    csv_is_clean(render_csv(reports))
    ElementTree.fromstring(render_junit(reports))
    concise = render_concise(reports)
    text_is_clean(concise)
    assert concise.count("\n") == findings + 1  # no value forged a line
    text_is_clean(render_table(reports, color=False))
    rows, unloaded = deadline_rows(reports), unloaded_files(reports)
    json.loads(report_formats.deadlines_json(rows, as_of, None, unloaded))
    csv_is_clean(report_formats.deadlines_csv(rows))
    ElementTree.fromstring(report_formats.deadlines_junit(rows, as_of))
    text_is_clean(report_formats.deadlines_concise(rows, as_of, unloaded))
    text_is_clean(deadlines_table(rows, as_of, unloaded, color=False))
    for group in (None, GroupBy.unit, GroupBy.cost_centre):
        summary = status_summary(reports, group)
        json.loads(report_formats.status_json(summary, as_of))
        text_is_clean(report_formats.status_concise(summary))
        text_is_clean(status_table(summary, as_of, color=False))
    csv_is_clean(report_formats.status_csv(reports))
    items = report_rows(reports)
    json.loads(events.render_report_json(items, as_of, unloaded))
    csv_is_clean(events.render_report_csv(items))
    text_is_clean(events.render_report_table(items, unloaded))
    text_is_clean(events.render_report_concise(items, unloaded))
