"""The manager's report as data: the examples' headline figures, charts and action rows."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CLEAN, EXAMPLES, run_batch

from expensecli.load.claims import load_claim_file
from expensecli.load.discovery import expand
from expensecli.load.ratebook import load_ratebook
from expensecli.policy.engine import check
from expensecli.report import overview_charts
from expensecli.report.charts import Chart, Kind, Series, Tone
from expensecli.report.events import report_rows
from expensecli.report.overview import Headline, build_overview

AS_OF = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def overview():
    files = [load_claim_file(Path(item.path), item.display) for item in expand([str(EXAMPLES)])]
    return build_overview(check(files, load_ratebook(), AS_OF), AS_OF)


def chart(overview, key: str) -> Chart:
    return next(c for c in overview.charts if c.key == key)


def test_headline_figures_of_the_examples(overview):
    assert overview.headline == Headline(
        files=25, claims=22, unloaded=3, total=overview.headline.total, total_complete=False, errors=21, warnings=5, files_with_errors=14,
        past_deadline=4, overdue=1, due_soon=2, due_soon_days=7, catering_events=6, catering_over=1,
        catering_excess=Decimal("416.00"), needing_action=17)
    assert f"{overview.headline.total:.2f}" == "160300.48"  # as `status` totals it


def test_status_charts_count_and_total_in_workflow_order(overview):
    claims, nok = chart(overview, "status-claims"), chart(overview, "status-nok")
    assert claims.labels == nok.labels == ("draft", "sent", "approved", "returned", "paid")
    assert claims.series[0].values == (5, 11, 2, 2, 2)
    assert [str(v) for v in nok.series[0].values] == ["13309.78", "120393.70", "1597.00", "18530.00", "6470.00"]


def test_deadline_breaches_and_due_soon_by_unit(overview):
    deadlines = chart(overview, "deadlines-by-unit")
    assert deadlines.labels == ("IV-IBM", "NV-IKJ", "IE-IDI", "ØK-IØT")
    assert [(s.name, s.values, s.tone) for s in deadlines.series] == [
        ("Past the deadline", (3, 1, 0, 0), Tone.alert), ("Due within 7 days", (0, 0, 1, 1), Tone.caution)]


def test_catering_per_participant_against_the_limit_shows_the_excess(overview):
    catering = chart(overview, "catering-per-participant")
    assert catering.labels[0] == "R-2024-0533 · 18 Apr meeting"  # over the limit: first
    within, over, unused = catering.series
    assert (within.values[0], over.values[0], unused.values[0]) == (Decimal("760.50"), Decimal("52.00"), Decimal(0))
    assert (within.values[1], over.values[1], unused.values[1]) == (Decimal("220.00"), Decimal(0), Decimal("4.00"))
    table = {column.name: column.values[0] for column in catering.table}
    assert table == {"Participants": 8, "Per participant": Decimal("812.50"), "Limit": Decimal("760.50"),
                     "Excess in total": Decimal("416.00")}


def test_findings_by_code_has_titles_and_leaves_out_waived(overview):
    findings = chart(overview, "findings-by-code")
    assert findings.labels[0] == "LOAD004 Schema violation"
    assert [s.values[0] for s in findings.series] == [4, 0, 0]
    assert not any(label.startswith("MX003") for label in findings.labels)  # waived in status-mixup.yaml
    assert findings.note == "10 more codes are not drawn."


def test_action_rows_errors_first_then_most_days_late(overview):
    rows = overview.actions
    assert [row.claim.id for row in rows[:3]] == ["BM-2024-0031", "BM-2024-0117", "BM-2024-0121"]
    assert rows[0].reasons == ("1 error", "62 days late, not submitted")
    returned = next(row for row in rows if row.claim.id == "R-2024-0254")
    assert "returned to the claimant" in returned.reasons
    unloaded = [row for row in rows if not row.claim.loaded]
    assert len(unloaded) == 3 and all(row.reasons[0] == "not a valid claim file" for row in unloaded)
    assert all(not f.waived for row in rows for f in row.findings)


def test_a_clean_claim_needs_no_action():
    reports = run_batch({"clean.yaml": CLEAN})
    overview = build_overview(reports, AS_OF)
    assert overview.actions == [] and overview.headline.needing_action == 0
    assert chart(overview, "findings-by-code").empty


def test_many_events_are_capped_and_the_note_says_how_many_are_left_out():
    event = CLEAN.replace("""  - date: 2024-03-01
    category: equipment
    description: USB-C cable
    amount: 199.00""", """  - date: 2024-03-01
    category: catering
    description: Lunch
    amount: {amount}
    event: {{type: meeting, date: 2024-03-01, hours: 2, participants: {{internal: 4}}, venue: internal}}""")
    claims = {f"c{n}.yaml": event.format(amount=900 + n * 20).replace("R-2024-0001", f"R-2024-{n:04d}")
              for n in range(20)}
    catering = overview_charts.catering_chart(report_rows(run_batch(claims)))
    assert len(catering.labels) == overview_charts.MAX_EVENTS
    assert catering.note.startswith("5 more events (") and "catering report" in catering.note
    assert catering.labels[0].startswith("R-2024-0019")  # the largest excess first


def test_a_chart_is_described_without_drawing():
    history = Chart("history", "Open findings per run", "One point per run.", Kind.line,
                    ("2024-04-01", "2024-05-01"), (Series("Open findings", (12, 7)),))
    assert history.bars == 2 and not history.empty
    assert [column.values for column in history.table] == [(12, 7)]


def test_reasons_and_charts_in_bokmal():
    from expensecli.core import i18n

    late = (CLEAN.replace("role: employee", "role: external").replace("submitted: 2024-03-05", "")
            .replace("status: sent", "status: draft"))
    i18n.use("nb")
    page = build_overview(run_batch({"late.yaml": late}), AS_OF)
    assert page.actions[0].reasons == ("3 feil", "30 dager for sent, ikke sendt inn")
    deadlines = chart(page, "deadlines-by-unit")
    assert (deadlines.title, deadlines.labels) == ("Fristbrudd og krav med frist snart, etter enhet", ("(ingen enhet)",))
    assert [s.name for s in deadlines.series] == ["Over fristen", "Frist innen 7 dager"]
    assert [s.name for s in chart(page, "findings-by-code").series] == ["Feil", "Advarsler", "Info"]
