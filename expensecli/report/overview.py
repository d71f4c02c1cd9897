"""The manager's report as data: headline figures, charts, and the claims that need action.

`expensecli report` renders this as one HTML page. Everything is computed from the finished
claim reports of one run, through the same functions as `status`, `deadlines` and `catering
report`, so the page and those commands never disagree. `Overview.charts` is a plain list:
more charts (a ledger's run history) are appended to it and drawn like the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from expensecli.core.findings import Finding, Severity
from expensecli.core.i18n import ntr, tr
from expensecli.models.claim import Status
from expensecli.policy.deadlines import Deadline, Urgency
from expensecli.policy.engine import ClaimResult
from expensecli.report import overview_charts
from expensecli.report.charts import Chart
from expensecli.report.chasing import deadline_rows, status_summary
from expensecli.report.events import report_rows


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the manager's report."""

    files: int
    claims: int  # loaded claims
    unloaded: int  # files that are not valid claims
    total: Decimal  # NOK over the loaded claims
    total_complete: bool  # False: a claim's total leaves out a foreign amount without a rate (status's `+`)
    errors: int  # findings, waived ones left out
    warnings: int
    files_with_errors: int  # claims and files that are not valid claims, as `errors` counts both
    past_deadline: int  # submitted late, or unsubmitted after the deadline
    overdue: int  # of those, still not submitted
    due_soon: int  # unsubmitted and due within the due-soon window
    due_soon_days: int | None
    catering_events: int
    catering_over: int
    catering_excess: Decimal  # NOK above the limits, all events together
    needing_action: int


@dataclass(frozen=True)
class ActionRow:
    """A claim (or a file that is not a valid claim) that someone has to act on, and why."""

    claim: ClaimResult
    worst: Severity | None  # the highest severity among its open findings
    findings: tuple[Finding, ...]  # open (not waived) findings, in file order
    reasons: tuple[str, ...]  # short: "2 errors", "62 days late, not submitted", "returned"

    @property
    def deadline(self) -> Deadline | None:
        return self.claim.deadline

    @property
    def urgency(self) -> Urgency | None:
        return self.claim.deadline.urgency if self.claim.deadline else None


@dataclass
class Overview:
    """The manager's report: its headline, charts and the claims that need action."""

    as_of: dt.date
    headline: Headline
    charts: list[Chart] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)


def action_row(report: ClaimResult) -> ActionRow | None:
    """The claim as a row of the action table, or None when nothing about it needs action."""
    open_findings = tuple(f for f in report.findings if not f.waived)
    counts = {severity: sum(1 for f in open_findings if f.severity is severity) for severity in Severity}
    reasons = []
    if not report.loaded:
        reasons.append(tr("not a valid claim file"))
    elif counts[Severity.error]:
        reasons.append(ntr("{count} error", "{count} errors", counts[Severity.error]))
    if counts[Severity.warning]:
        reasons.append(ntr("{count} warning", "{count} warnings", counts[Severity.warning]))
    deadline = report.deadline
    if deadline is not None and deadline.late and deadline.unsubmitted:
        reasons.append(ntr("{count} day late, not submitted", "{count} days late, not submitted", deadline.days_late))
    elif deadline is not None and deadline.late:
        reasons.append(ntr("{count} day late", "{count} days late", deadline.days_late))
    elif deadline is not None and deadline.due_soon:
        reasons.append(tr("due today") if deadline.days_left == 0
                       else ntr("due in {count} day", "due in {count} days", deadline.days_left))
    if report.status == Status.returned:
        reasons.append(tr("returned to the claimant"))
    if not reasons:
        return None
    worst = max((f.severity for f in open_findings), key=lambda s: s.rank, default=None)
    return ActionRow(report, worst, open_findings, tuple(reasons))


def _action_order(row: ActionRow) -> tuple:
    deadline = row.deadline
    return (-(row.worst.rank if row.worst else 0), -(deadline.days_late if deadline else 0),
            -(row.claim.total or 0), row.claim.file, row.claim.id or "")


def build_overview(reports: Sequence[ClaimResult], as_of: dt.date,
                   history: Sequence[overview_charts.RunTally] | None = None) -> Overview:
    """The page's data; `history`, a ledger's recorded runs (oldest first), adds the run history charts."""
    summary = status_summary(reports)
    deadlines = deadline_rows(reports)
    events = report_rows(reports)
    actions = sorted(filter(None, map(action_row, reports)), key=_action_order)
    open_findings = [f for r in reports for f in r.findings if not f.waived]
    windows = {row.deadline.due_soon_days for row in deadlines}
    due_soon_days = windows.pop() if len(windows) == 1 else None
    headline = Headline(
        files=len(reports), claims=summary.overall.claims, unloaded=len(summary.unloaded),
        total=summary.overall.total, total_complete=summary.overall.complete,
        errors=sum(1 for f in open_findings if f.severity is Severity.error),
        warnings=sum(1 for f in open_findings if f.severity is Severity.warning),
        files_with_errors=sum(1 for r in reports if any(
            f.severity is Severity.error and not f.waived for f in r.findings)),
        past_deadline=sum(1 for row in deadlines if row.urgency is Urgency.late),
        overdue=len(summary.overdue),
        due_soon=sum(1 for row in deadlines if row.urgency is Urgency.due_soon),
        due_soon_days=due_soon_days,
        catering_events=len(events),
        catering_over=sum(1 for item in events if item.row.over),
        catering_excess=sum((item.row.excess for item in events if item.row.over), Decimal(0)),
        needing_action=len(actions))
    charts = [*overview_charts.status_charts(summary),
              overview_charts.deadlines_by_unit(deadlines, due_soon_days),
              overview_charts.catering_chart(events),
              overview_charts.findings_by_code(reports)]
    if history is not None:
        charts += overview_charts.run_history(history)
    return Overview(as_of, headline, charts, actions)
