"""The charts of the manager's report, built from finished claim reports.

Each function turns one question into a `Chart`: where the claims and the money stand
(by status), where deadlines are missed (by unit), which events cost more than the limit
per participant, and which findings come up most. The figures are those of `status`,
`deadlines` and `catering report`, taken from the same report data. A chart keeps to a
readable number of bars; what it leaves out is said in its note.

With a ledger, `run_history` adds two charts from the ledger's recorded runs (passed in as
plain rows by the command, since the ledger lives in the run layer above this one): the
findings open after each run, and each run's new and resolved findings.
"""

from __future__ import annotations

from collections import Counter
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from expensecli.core.findings import Severity
from expensecli.core.values import round_cents
from expensecli.policy import registry
from expensecli.policy.deadlines import Urgency
from expensecli.policy.engine import ClaimResult
from expensecli.report.charts import Chart, Column, Kind, Series, Tone, Unit
from expensecli.report.chasing import DeadlineRow, StatusSummary
from expensecli.report.events import ReportRow

MAX_UNITS = 15
MAX_EVENTS = 15
MAX_CODES = 12
NO_UNIT = "(no unit)"


def status_charts(summary: StatusSummary) -> list[Chart]:
    labels = tuple(status.value for status in summary.by_status)
    tallies = tuple(summary.by_status.values())
    return [
        Chart("status-claims", "Claims by status", "How many claims are at each step, draft to paid.",
              Kind.bar, labels, (Series("Claims", tuple(t.claims for t in tallies)),), label_name="Status"),
        Chart("status-nok", "NOK by status", "The claimed amounts at each step, in NOK.", Kind.bar, labels,
              (Series("NOK", tuple(round_cents(t.total) for t in tallies)),), Unit.nok, label_name="Status"),
    ]


def deadlines_by_unit(rows: Sequence[DeadlineRow], due_soon_days: int | None) -> Chart:
    late: Counter[str] = Counter()
    soon: Counter[str] = Counter()
    for row in rows:
        unit = row.claim.unit or NO_UNIT
        if row.urgency is Urgency.late:
            late[unit] += 1
        elif row.urgency is Urgency.due_soon:
            soon[unit] += 1
    units = sorted(set(late) | set(soon), key=lambda u: (-late[u] - soon[u], -late[u], u == NO_UNIT, u))
    shown = units[:MAX_UNITS]
    window = f"within {due_soon_days} days" if due_soon_days is not None else "soon"
    note = (f"{len(units) - len(shown)} more units with breaches or claims due soon are not drawn."
            if len(units) > len(shown) else None)
    return Chart("deadlines-by-unit", "Deadline breaches and claims due soon, by unit",
                 f"Claims past their deadline (submitted late or not yet submitted) and unsubmitted claims due"
                 f" {window}.", Kind.stacked_hbar, tuple(shown),
                 (Series("Past the deadline", tuple(late[u] for u in shown), Tone.alert),
                  Series(f"Due {window}", tuple(soon[u] for u in shown), Tone.caution)),
                 label_name="Unit", note=note)


def _event_label(item: ReportRow) -> str:
    row = item.row
    return f"{item.claim_id or item.file} · {row.date:%d %b} {row.type}"


def catering_chart(items: Sequence[ReportRow]) -> Chart:
    """Cost per participant against the limit, per event: the events over the limit (largest
    excess first), then those closest to their limit."""
    checked = [item for item in items if item.row.checked]
    over = [item for item in checked if item.row.over]
    rest = sorted((item for item in checked if not item.row.over),
                  key=lambda item: (-(item.row.per_participant / item.row.limit.amount), item.file, item.row.expense))
    shown = (over + rest)[:MAX_EVENTS]
    per = [round_cents(item.row.per_participant) for item in shown]
    limits = [round_cents(item.row.limit.amount) for item in shown]
    hidden = len(checked) - len(shown)
    hidden_over = len(over) - sum(1 for item in shown if item.row.over)
    note = None
    if hidden:
        note = (f"{hidden} more events ({hidden_over} of them over the limit) are not drawn;"
                " `expensecli catering report` lists every one.")
    series = (Series("Within the limit", tuple(min(p, lim) for p, lim in zip(per, limits)), Tone.main),
              Series("Over the limit", tuple(max(p - lim, Decimal(0)) for p, lim in zip(per, limits)), Tone.alert),
              Series("Unused limit", tuple(max(lim - p, Decimal(0)) for p, lim in zip(per, limits)), Tone.quiet))
    columns = (Column("Participants", tuple(item.row.participants for item in shown)),
               Column("Per participant", tuple(per), Unit.nok),
               Column("Limit", tuple(limits), Unit.nok),
               Column("Excess in total", tuple(round_cents(item.row.excess) for item in shown), Unit.nok))
    return Chart("catering-per-participant", "Catering and representation: cost per participant against the limit",
                 "Each bar is one event's cost per participant: the part over the limit stands out at its end;"
                 " a light end is the room left under the limit.", Kind.stacked_hbar,
                 tuple(_event_label(item) for item in shown), series, Unit.nok, label_name="Event",
                 columns=columns, note=note)


def findings_by_code(reports: Sequence[ClaimResult]) -> Chart:
    counts: dict[str, Counter[Severity]] = {}
    for report in reports:
        for finding in report.findings:
            if not finding.waived:
                counts.setdefault(finding.code, Counter())[finding.severity] += 1
    ranked = sorted(counts, key=lambda code: (-sum(counts[code].values()), code))
    shown = ranked[:MAX_CODES]
    titles = tuple(_title(code) for code in shown)
    note = f"{len(ranked) - len(shown)} more codes are not drawn." if len(ranked) > len(shown) else None
    tones = {Severity.error: Tone.alert, Severity.warning: Tone.caution, Severity.info: Tone.quiet}
    series = tuple(Series(f"{severity.value.capitalize()}s", tuple(counts[code][severity] for code in shown),
                          tones[severity])
                   for severity in (Severity.error, Severity.warning, Severity.info))
    return Chart("findings-by-code", "Findings by code", "The most frequent findings (waived ones left out),"
                 " by severity.", Kind.stacked_hbar, tuple(f"{code} {title}" for code, title in zip(shown, titles)),
                 series, label_name="Code", note=note)


def _title(code: str) -> str:
    rule = registry.all_rules().get(code)
    return rule.title if rule else code


class RunTally(Protocol):
    """One recorded run of a ledger (`run.ledger.upkeep.RunTally` is one)."""

    run: int
    started: dt.datetime  # UTC
    open: int
    new: int
    resolved: int


def run_label(tally: RunTally) -> str:
    return f"{tally.started.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"


def run_history(tallies: Sequence[RunTally]) -> list[Chart]:
    """The ledger's runs over time, oldest first: findings open after each run (a line), and the
    findings each run found new and resolved (bars). The table names each run by its number too,
    so two runs in the same minute stay apart."""
    labels = tuple(run_label(t) for t in tallies)
    runs = Column("Run", tuple(str(t.run) for t in tallies), None)
    opened = Series("Open findings", tuple(t.open for t in tallies))
    new = Series("New findings", tuple(t.new for t in tallies), Tone.alert)
    resolved = Series("Resolved findings", tuple(t.resolved for t in tallies), Tone.main)
    return [
        Chart("ledger-open-findings", "Open findings, run by run",
              "The findings still open after each run recorded in the ledger.", Kind.line, labels, (opened,),
              label_name="Run started", columns=(runs, Column(opened.name, opened.values))),
        Chart("ledger-new-resolved", "New and resolved findings, run by run",
              "The findings each recorded run saw for the first time, and those it no longer found.", Kind.bar,
              labels, (new, resolved), label_name="Run started",
              columns=(runs, Column(new.name, new.values), Column(resolved.name, resolved.values))),
    ]
