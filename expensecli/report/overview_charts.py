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

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from expensecli.core.findings import Severity
from expensecli.core.i18n import language, mark, ntr, tr
from expensecli.core.values import round_cents
from expensecli.policy import registry
from expensecli.policy.deadlines import Urgency
from expensecli.policy.engine import ClaimResult
from expensecli.policy.limits import event_name
from expensecli.report.charts import Chart, Column, Kind, Series, Tone, Unit
from expensecli.report.chasing import DeadlineRow, StatusSummary
from expensecli.report.events import ReportRow
from expensecli.report.names import status_name

MAX_UNITS = 15
MAX_EVENTS = 15
MAX_CODES = 12
NO_UNIT = mark("(no unit)")  # a label; tr(NO_UNIT) in the language of the run


def status_charts(summary: StatusSummary) -> list[Chart]:
    labels = tuple(status_name(status.value) for status in summary.by_status)
    tallies = tuple(summary.by_status.values())
    short = [label for label, t in zip(labels, tallies) if not t.complete]  # as `status` marks them with `+`
    note = tr("incomplete: the totals of {statuses} leave out amounts in a foreign currency without a rate (MX001)",
              statuses=", ".join(short)) if short else None
    return [
        Chart("status-claims", tr("Claims by status"), tr("How many claims are at each step, draft to paid."),
              Kind.bar, labels, (Series(tr("Claims"), tuple(t.claims for t in tallies)),), label_name=tr("Status")),
        Chart("status-nok", tr("NOK by status"), tr("The claimed amounts at each step, in NOK."), Kind.bar, labels,
              (Series("NOK", tuple(round_cents(t.total) for t in tallies)),), Unit.nok, label_name=tr("Status"),
              note=note),
    ]


def deadlines_by_unit(rows: Sequence[DeadlineRow], due_soon_days: int | None) -> Chart:
    late: Counter[str] = Counter()
    soon: Counter[str] = Counter()
    no_unit = tr(NO_UNIT)
    for row in rows:
        unit = row.claim.unit or no_unit
        if row.urgency is Urgency.late:
            late[unit] += 1
        elif row.urgency is Urgency.due_soon:
            soon[unit] += 1
    units = sorted(set(late) | set(soon), key=lambda u: (-late[u] - soon[u], -late[u], u == no_unit, u))
    shown = units[:MAX_UNITS]
    # The English says "days" and "units" for one too (as it always has); a translation may tell one from more.
    if due_soon_days is not None:
        caption = ntr("Claims past their deadline (submitted late or not yet submitted) and unsubmitted claims due"
                      " within {count} days.", "Claims past their deadline (submitted late or not yet submitted)"
                      " and unsubmitted claims due within {count} days.", due_soon_days)
        due = ntr("Due within {count} days", "Due within {count} days", due_soon_days)
    else:
        caption = tr("Claims past their deadline (submitted late or not yet submitted) and unsubmitted claims due soon.")
        due = tr("Due soon")
    note = (ntr("{count} more units with breaches or claims due soon are not drawn.",
                "{count} more units with breaches or claims due soon are not drawn.", len(units) - len(shown))
            if len(units) > len(shown) else None)
    return Chart("deadlines-by-unit", tr("Deadline breaches and claims due soon, by unit"), caption,
                 Kind.stacked_hbar, tuple(shown),
                 (Series(tr("Past the deadline"), tuple(late[u] for u in shown), Tone.alert),
                  Series(due, tuple(soon[u] for u in shown), Tone.caution)),
                 label_name=tr("Unit"), note=note)


def _event_label(item: ReportRow) -> str:
    row = item.row
    day = f"{row.date:%d %b}" if language() == "en" else row.date.isoformat()  # bokmål: dates stay ISO
    return f"{item.claim_id or item.file} · {day} {event_name(row.type)}"


def event_labels(items: Sequence[ReportRow]) -> tuple[str, ...]:
    """Each event by its claim, day and kind; two events that would read alike (one claim's two
    meetings of a day) are told apart by their expense's number, counted from 0 as `check` counts
    them, and the same claim id in two files by the file too."""
    labels = [_event_label(item) for item in items]
    for more in (lambda item: tr("expense {index}", index=item.row.expense), lambda item: item.file):
        seen = Counter(labels)
        labels = [f"{label} · {more(item)}" if seen[label] > 1 else label for label, item in zip(labels, items)]
    return tuple(labels)


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
        note = ntr("{count} more events ({over} of them over the limit) are not drawn;"
                   " `expensecli catering report` lists every one.",
                   "{count} more events ({over} of them over the limit) are not drawn;"
                   " `expensecli catering report` lists every one.", hidden, over=hidden_over)
    series = (Series(tr("Within the limit"), tuple(min(p, lim) for p, lim in zip(per, limits)), Tone.main),
              Series(tr("Over the limit"), tuple(max(p - lim, Decimal(0)) for p, lim in zip(per, limits)), Tone.alert),
              Series(tr("Unused limit"), tuple(max(lim - p, Decimal(0)) for p, lim in zip(per, limits)), Tone.quiet))
    columns = (Column(tr("Participants"), tuple(item.row.participants for item in shown)),
               Column(tr("Per participant"), tuple(per), Unit.nok),
               Column(tr("Limit"), tuple(limits), Unit.nok),
               Column(tr("Excess in total"), tuple(round_cents(item.row.excess) for item in shown), Unit.nok))
    return Chart("catering-per-participant", tr("Catering and representation: cost per participant against the limit"),
                 tr("Each bar is one event's cost per participant: the part over the limit stands out at its end;"
                    " a light end is the room left under the limit."), Kind.stacked_hbar,
                 event_labels(shown), series, Unit.nok, label_name=tr("Event"),
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
    note = (ntr("{count} more codes are not drawn.", "{count} more codes are not drawn.", len(ranked) - len(shown))
            if len(ranked) > len(shown) else None)
    tones = {Severity.error: Tone.alert, Severity.warning: Tone.caution, Severity.info: Tone.quiet}
    names = {Severity.error: tr("Errors"), Severity.warning: tr("Warnings"), Severity.info: tr("Infos")}
    series = tuple(Series(names[severity], tuple(counts[code][severity] for code in shown), tones[severity])
                   for severity in (Severity.error, Severity.warning, Severity.info))
    return Chart("findings-by-code", tr("Findings by code"), tr("The most frequent findings (waived ones left out),"
                 " by severity."), Kind.stacked_hbar, tuple(f"{code} {title}" for code, title in zip(shown, titles)),
                 series, label_name=tr("Code"), note=note)


def _title(code: str) -> str:
    rule = registry.all_rules().get(code)
    return tr(rule.title) if rule else code


class RunTally(Protocol):
    """One recorded run of a ledger (`run.ledger.upkeep.RunTally` is one)."""

    run: int
    started: dt.datetime  # UTC
    as_of: dt.date
    open: int
    new: int
    resolved: int


def run_labels(tallies: Sequence[RunTally]) -> tuple[str, ...]:
    """Each run by the day it judged deadlines as of (what a controller counts in, whenever the run
    was made), with its number where more runs share that day, so that no two labels are alike."""
    days = Counter(t.as_of for t in tallies)
    return tuple(tr("{date}, run {run}", date=t.as_of.isoformat(), run=t.run) if days[t.as_of] > 1
                 else t.as_of.isoformat() for t in tallies)


def run_history(tallies: Sequence[RunTally]) -> list[Chart]:
    """The ledger's runs over time, oldest first: findings open after each run (a line), and the
    findings each run found new and resolved (bars), labelled by their as-of dates. The table
    gives each run's number and when it started too."""
    labels = run_labels(tallies)
    runs = Column(tr("Run"), tuple(str(t.run) for t in tallies), None)
    started = Column(tr("Run started"), tuple(f"{t.started.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
                                              for t in tallies), None)
    opened = Series(tr("Open findings"), tuple(t.open for t in tallies))
    new = Series(tr("New findings"), tuple(t.new for t in tallies), Tone.alert)
    resolved = Series(tr("Resolved findings"), tuple(t.resolved for t in tallies), Tone.main)
    return [
        Chart("ledger-open-findings", tr("Open findings, run by run"),
              tr("The findings still open after each run recorded in the ledger, waived ones included (the page's"
                 " other counts leave them out)."), Kind.line, labels, (opened,),
              label_name=tr("As of"), columns=(runs, started, Column(opened.name, opened.values))),
        Chart("ledger-new-resolved", tr("New and resolved findings, run by run"),
              tr("The findings each recorded run saw for the first time, and those it no longer found."), Kind.bar,
              labels, (new, resolved), label_name=tr("As of"),
              columns=(runs, started, Column(new.name, new.values), Column(resolved.name, resolved.values))),
    ]
