"""ST001-ST003: the claim's status history follows DFØ's workflow."""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.models.claim import Status
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule

ALLOWED = frozenset({
    (Status.draft, Status.sent), (Status.sent, Status.approved), (Status.sent, Status.returned),
    (Status.returned, Status.sent), (Status.returned, Status.draft), (Status.approved, Status.paid),
})


@claim_rule("ST001", Severity.error, "Status transition not allowed", sources.STATUSES)
def transition_not_allowed(ctx: ClaimContext) -> Iterator[Problem]:
    """Allowed: draft->sent, sent->approved, sent->returned, returned->sent, returned->draft, approved->paid."""
    history = ctx.claim.history
    for i in range(1, len(history)):
        before, after = history[i - 1].status, history[i].status
        if (before, after) not in ALLOWED:
            yield Problem(tr("history goes from {before} to {after} on {date}; allowed next steps after {before}:"
                             " {allowed}", before=before, after=after, date=history[i].date,
                             allowed=_next(before)), ("history", i, "status"))


def _next(status: Status) -> str:
    return ", ".join(after.value for before, after in sorted(ALLOWED) if before is status) or tr("none")


@claim_rule("ST002", Severity.error, "History out of order or not matching status", sources.STATUSES)
def history_inconsistent(ctx: ClaimContext) -> Iterator[Problem]:
    """History dates must not go backwards, and its last status must equal `status`."""
    history = ctx.claim.history
    for i in range(1, len(history)):
        if history[i].date < history[i - 1].date:
            yield Problem(tr("history entry {index} ({status}, {date}) is dated before entry {previous}"
                             " ({previous_status}, {previous_date})", index=i, status=history[i].status,
                             date=history[i].date, previous=i - 1, previous_status=history[i - 1].status,
                             previous_date=history[i - 1].date), ("history", i, "date"))
    if history and history[-1].status is not ctx.claim.status:
        yield Problem(tr("status is {status} but the last history entry is {last} ({date})",
                         status=ctx.claim.status, last=history[-1].status, date=history[-1].date), ("status",))


@claim_rule("ST003", Severity.error, "Sent claim without a submitted date", sources.STATUSES)
def no_submitted_date(ctx: ClaimContext) -> Iterator[Problem]:
    """A claim that is not a draft must have `submitted` or a `sent` entry in its history."""
    claim = ctx.claim
    if claim.status is not Status.draft and claim.submitted_on is None:
        yield Problem(tr("status is {status} but there is no submitted date and no 'sent' entry in history; add"
                         " submitted: YYYY-MM-DD", status=claim.status), ("status",))

