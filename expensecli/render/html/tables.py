"""The rows of the report's action table, ready for the template: text to show and keys to sort by.

The page's script sorts by a cell's `data-sort` when it has one (numbers, ISO dates), else
by its text, so the template gets both here. Nothing is escaped here: the template does that.
"""

from __future__ import annotations

from dataclasses import dataclass

from expensecli.core.findings import Finding
from expensecli.core.i18n import ntr, tr
from expensecli.core.values import money_display, money_text
from expensecli.report.names import severity_name, status_name
from expensecli.report.overview import ActionRow

SEVERITY_RANK = {None: 0, "info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class FindingView:
    """A finding as the report page shows it: its texts, which the template escapes."""

    code: str
    severity: str  # the code (error, warning, info): the row's class
    severity_name: str  # as the reader sees it, in the language of the run
    message: str
    where: str  # "line 21" (check gives the column and path)
    page: str  # the policy page the sentence is from
    sentence: str  # the policy sentence itself

    @classmethod
    def of(cls, finding: Finding) -> FindingView:
        page, _, quote = finding.source.partition(': "')  # Source.cite(): page: "quote"
        if not quote:
            page, quote = "", finding.source
        quote = quote[:-1] if quote.endswith('"') else quote
        page = page.removeprefix("NTNU: ")
        severity = finding.severity.value
        return cls(finding.code, severity, severity_name(severity), finding.message,
                   tr("line {line}", line=finding.line), page, quote)


@dataclass(frozen=True)
class ActionView:
    """A claim that needs action, as a row of the report page's table."""

    claim_id: str
    file: str
    claimant: str
    detail: str  # "external, travel"
    unit: str
    status: str  # the code (draft, sent, ...), which the status filter compares
    status_name: str  # as the reader sees it, in the language of the run
    total: str
    total_key: str
    deadline: str  # "2024-03-14"
    deadline_note: str  # "6 days late", "due in 7 days", "submitted on time"
    deadline_key: str  # days late (positive) or days left (negative), for sorting by urgency
    late: bool  # past the deadline (the note is marked)
    severity: str  # the worst open finding: error, warning, info or ""
    severity_key: int
    reasons: tuple[str, ...]
    findings: tuple[FindingView, ...]


def _deadline(row: ActionRow) -> tuple[str, str, str]:
    deadline = row.deadline
    if deadline is None:
        return "", tr("no deadline") if row.claim.loaded else "", "-100000"
    if deadline.late:
        state = ntr("{count} day late", "{count} days late", deadline.days_late)
        return deadline.due.isoformat(), state, str(deadline.days_late)
    if deadline.unsubmitted:
        left = deadline.days_left
        state = tr("due today") if left == 0 else ntr("{count} day left", "{count} days left", left)
        return deadline.due.isoformat(), state, str(-left)
    return deadline.due.isoformat(), tr("submitted on time"), str(-10000)


def action_view(row: ActionRow) -> ActionView:
    claim = row.claim
    due, note, key = _deadline(row)
    detail = ", ".join(part for part in (claim.role, claim.kind) if part)
    severity = row.worst.value if row.worst else ""
    return ActionView(
        claim_id=claim.id or tr("(no id)"), file=claim.file, claimant=claim.claimant or "", detail=detail,
        unit=claim.unit or "", status=claim.status or tr("not loaded"),
        status_name=status_name(claim.status) if claim.status else tr("not loaded"),
        total="" if claim.total is None else money_display(claim.total) + ("" if claim.total_complete else "+"),
        total_key="-1" if claim.total is None else money_text(claim.total), deadline=due, deadline_note=note,
        deadline_key=key, late=bool(row.deadline and row.deadline.late), severity=severity, severity_key=SEVERITY_RANK[severity or None], reasons=row.reasons,
        findings=tuple(FindingView.of(f) for f in row.findings))
