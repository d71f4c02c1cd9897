"""DL001-DL003: claims must be submitted within the months the rate sheet gives.

The deadline itself (base date, months, clipping, submitted date) is computed once in
`expensecli.policy.deadlines` and shared with the `deadlines` and `status` reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import ntr, tr
from expensecli.core.locations import Path
from expensecli.models.claim import Claim, Status
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.deadlines import Deadline, DeadlineKind
from expensecli.policy.rule import claim_rule


def submitted_path(claim: Claim) -> Path:
    """Where the submitted date stands: `submitted`, else the first `sent` history entry, else `status`."""
    if claim.submitted is not None:
        return ("submitted",)
    sent = next((i for i, entry in enumerate(claim.history) if entry.status is Status.sent), None)
    return ("history", sent, "date") if sent is not None else ("status",)


def _measured(deadline: Deadline, claim: Claim) -> str:
    if deadline.unsubmitted:
        return tr("not submitted as of {date} (status {status})", date=deadline.measured_on, status=claim.status)
    return tr("submitted {date}", date=deadline.submitted)


def _lateness(deadline: Deadline, claim: Claim) -> dict:
    """The placeholders of DL001's and DL002's messages."""
    return {"measured": _measured(deadline, claim), "days": deadline.days_since_base, "since": deadline.since,
            "period": deadline.period, "due": deadline.due_text}


@claim_rule("DL001", Severity.error, "Non-employee claim after the deadline", sources.WITHIN_ONE_MONTH)
def non_employee_late(ctx: ClaimContext) -> Iterator[Problem]:
    """A contractor's or external's claim must be submitted within non_employee_months of the trip's
    end (travel) or the earliest expense (reimbursement); an unsubmitted one is late once the as-of
    date is past the deadline."""
    deadline = ctx.deadline
    if deadline is not None and deadline.kind is DeadlineKind.non_employee and deadline.late:
        yield Problem(ntr("{measured}, {days} days after {since}; non-employees must submit within {period}"
                          " (deadline {due}): {count} day late",
                          "{measured}, {days} days after {since}; non-employees must submit within {period}"
                          " (deadline {due}): {count} days late", deadline.days_late,
                          **_lateness(deadline, ctx.claim)), submitted_path(ctx.claim))


@claim_rule("DL002", Severity.warning, "Employee travel claim after the deadline",
            sources.EMPLOYEE_TRAVEL_DEADLINE)
def employee_travel_late(ctx: ClaimContext) -> Iterator[Problem]:
    """An employee's travel claim should be submitted within employee_travel_months of the trip's end;
    an unsubmitted one is late once the as-of date is past the deadline. No policy page sets this
    deadline: it is the rate sheet's own setting, and `employee_travel_months: null` turns it off."""
    deadline = ctx.deadline
    if deadline is not None and deadline.kind is DeadlineKind.employee_travel and deadline.late:
        yield Problem(ntr("{measured}, {days} days after {since}; employees' travel claims are due within"
                          " {period} (deadline {due}): {count} day late",
                          "{measured}, {days} days after {since}; employees' travel claims are due within"
                          " {period} (deadline {due}): {count} days late", deadline.days_late,
                          **_lateness(deadline, ctx.claim)), submitted_path(ctx.claim))


# What a DL003 finding cites: the sentence of the deadline it counts down to. A non-employee's
# deadline is the Betalmeg page's month; an employee's travel deadline is the sheet's own setting.
DEADLINE_SENTENCES = {DeadlineKind.non_employee: sources.WITHIN_ONE_MONTH.cite(),
                      DeadlineKind.employee_travel: sources.EMPLOYEE_TRAVEL_DEADLINE.cite()}


@claim_rule("DL003", Severity.info, "Unsubmitted claim due soon", sources.WITHIN_ONE_MONTH)
def due_soon(ctx: ClaimContext) -> Iterator[Problem]:
    """An unsubmitted claim whose deadline is 0 to due_soon_days days after the as-of date. The
    finding cites the sentence of that deadline: the Betalmeg page's month for a contractor or an
    external, the sheet's local setting for an employee's travel claim."""
    deadline = ctx.deadline
    if deadline is not None and deadline.due_soon:
        left = deadline.days_left
        facts = {"measured": _measured(deadline, ctx.claim), "due": deadline.due_text, "period": deadline.period,
                 "since": deadline.since,
                 "window": ntr("{count} day", "{count} days", deadline.due_soon_days)}
        if left == 0:
            message = tr("{measured}; due {due} (today), {period} after {since}; the due-soon window is {window}",
                         **facts)
        else:
            message = ntr("{measured}; due {due} (in {count} day), {period} after {since}; the due-soon window"
                          " is {window}",
                          "{measured}; due {due} (in {count} days), {period} after {since}; the due-soon window"
                          " is {window}", left, **facts)
        yield Problem(message, ("status",), source=DEADLINE_SENTENCES[deadline.kind])

