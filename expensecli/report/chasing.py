"""The controllers' reports, as data: which claims to chase, and where the money stands.

`deadline_rows` orders the claims that have a deadline by urgency (breaches, most late first;
then those due soon; then the rest); `status_summary` counts and totals claims per status and
per group (with their findings by severity, so a controller sees which unit needs attention),
and lists the returned claims and the unsubmitted ones past their deadline. Both
work on finished `ClaimResult`s, so their figures are the ones `check` reports. No I/O here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from expensecli.core.findings import Severity
from expensecli.models.claim import Status
from expensecli.policy.deadlines import Deadline, Urgency
from expensecli.policy.engine import ClaimResult

URGENCY_ORDER = {Urgency.late: 0, Urgency.due_soon: 1, Urgency.pending: 2, Urgency.on_time: 3}


class GroupBy(StrEnum):
    unit = "unit"
    cost_centre = "cost_centre"
    work_order = "work_order"
    role = "role"


@dataclass(frozen=True)
class DeadlineRow:
    """A claim with its submission deadline, as `deadlines` lists it."""

    claim: ClaimResult
    deadline: Deadline

    @property
    def urgency(self) -> Urgency:
        return self.deadline.urgency


def _urgency_key(row: DeadlineRow) -> tuple:
    deadline = row.deadline
    if deadline.late:
        within = -deadline.days_late
    elif deadline.unsubmitted:
        within = deadline.days_left
    else:
        within = deadline.due.toordinal()
    return URGENCY_ORDER[row.urgency], within, row.claim.file, row.claim.id or ""


def deadline_rows(reports: Sequence[ClaimResult], within: int | None = None) -> list[DeadlineRow]:
    """One row per claim with a deadline, most urgent first. With `within`, only breaches and
    unsubmitted claims due within that many days of the as-of date."""
    rows = [DeadlineRow(report, report.deadline) for report in reports if report.deadline is not None]
    if within is not None:
        rows = [row for row in rows
                if row.deadline.late or (row.deadline.unsubmitted and row.deadline.days_left <= within)]
    return sorted(rows, key=_urgency_key)


def urgency_counts(rows: Sequence[DeadlineRow]) -> dict[Urgency, int]:
    counts = {urgency: 0 for urgency in URGENCY_ORDER}
    for row in rows:
        counts[row.urgency] += 1
    return counts


@dataclass(frozen=True)
class Tally:
    """Claims counted with their total and findings: a line of `status`."""

    claims: int = 0
    total: Decimal = Decimal(0)
    complete: bool = True  # False: some claim's total leaves out a foreign amount without a rate
    errors: int = 0  # the findings reported for the claims (not waived), by severity
    warnings: int = 0
    infos: int = 0

    def add(self, report: ClaimResult) -> Tally:
        counts = Counter(f.severity for f in report.findings if not f.waived)
        return Tally(self.claims + 1, self.total + (report.total or Decimal(0)),
                     self.complete and report.total_complete, self.errors + counts[Severity.error],
                     self.warnings + counts[Severity.warning], self.infos + counts[Severity.info])


@dataclass(frozen=True)
class StatusSummary:
    """Everything `status` shows: the tallies by status and by group, the returned and the overdue claims."""

    by_status: dict[Status, Tally]  # every status, in workflow order
    overall: Tally
    returned: list[ClaimResult]
    overdue: list[ClaimResult]  # unsubmitted and past the deadline, most late first
    group_by: GroupBy | None
    groups: list[tuple[str | None, Tally]]  # by group value; claims without one last
    unloaded: list[str]


def status_summary(reports: Sequence[ClaimResult], group_by: GroupBy | None = None) -> StatusSummary:
    loaded = [report for report in reports if report.loaded]
    by_status = {status: Tally() for status in Status}
    overall = Tally()
    groups: dict[str | None, Tally] = {}
    for report in loaded:
        by_status[Status(report.status)] = by_status[Status(report.status)].add(report)
        overall = overall.add(report)
        if group_by is not None:
            key = getattr(report, group_by.value)
            groups[key] = groups.get(key, Tally()).add(report)
    returned = sorted((r for r in loaded if r.status == Status.returned), key=lambda r: (r.file, r.id))
    overdue = sorted((r for r in loaded if r.deadline and r.deadline.unsubmitted and r.deadline.late),
                     key=lambda r: (-r.deadline.days_late, r.file, r.id))
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return StatusSummary(by_status, overall, returned, overdue, group_by, ordered, unloaded_files(reports))


def unloaded_files(reports: Sequence[ClaimResult]) -> list[str]:
    """Files that could not be loaded: they have LOAD findings and appear in no report row."""
    return [report.file for report in reports if not report.loaded]
