"""WV002: a waiver written into the claim file by someone who is not a controller.

A claim file is written by the claimant, so a `waivers:` entry in it proves nothing by itself.
When a controllers list is configured (`--controllers`, later the config file), a claim-file
waiver counts only when its `by` names a listed controller; any other is not applied (the
engine leaves its findings standing) and gets this warning. Waivers recorded in the ledger
(`expensecli waive`) are the controllers' own and are not judged here.
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule


@claim_rule("WV002", Severity.warning, "Waiver by someone who is not a controller", sources.CONTROLLERS_ONLY)
def waiver_not_by_controller(ctx: ClaimContext) -> Iterator[Problem]:
    """With a controllers list configured, a waiver in the claim file whose `by` is missing or
    is not a listed controller (names compared trimmed and case-folded) is not applied."""
    for index, waiver in enumerate(ctx.claim.waivers):
        if ctx.by_controller(waiver.by):
            continue
        if waiver.by:
            message = tr("waiver {index} of {code} is by {by}, who is not a controller; it is not applied"
                         " (a controller can record it with `expensecli waive`)", index=index, code=waiver.code,
                         by=waiver.by)
        else:
            message = tr("waiver {index} of {code} is without `by`, who is not a controller; it is not applied"
                         " (a controller can record it with `expensecli waive`)", index=index, code=waiver.code)
        yield Problem(message, ("waivers", index, "by") if waiver.by else ("waivers", index))

