"""CO001: where the cost goes when no work order is given."""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule


@claim_rule("CO001", Severity.info, "No work order", sources.GENERAL_COSTS)
def no_work_order(ctx: ClaimContext) -> Iterator[Problem]:
    """Without `cost_allocation.work_order` the cost goes to "Generelle driftskostnader"."""
    allocation = ctx.claim.cost_allocation
    if allocation is None or allocation.work_order is None:
        centre = allocation.cost_centre if allocation and allocation.cost_centre else None
        where = f"cost centre {centre}" if centre else "the claimant's employment"
        yield Problem(f"no work order (K7): the cost goes to \"Generelle driftskostnader\" of {where}",
                      ("cost_allocation",) if allocation else ())
