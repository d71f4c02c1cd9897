"""CO001: where the cost goes when no work order is given.

Without a work order the cost goes to "Generelle driftskostnader": for an employee, of the
cost centre given or else of their employment; a contractor or external has no employment at
NTNU, so it goes to the unit and cost centre that ordered their Betalmeg access (externals) or
that holds their assignment contract (contractors), and the finding names them as far as the
claim gives them.
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.models.claim import Role
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule


def _where(ctx: ClaimContext) -> str:
    claim = ctx.claim
    allocation = claim.cost_allocation
    if allocation is not None and allocation.cost_centre:
        return tr("cost centre {cost_centre}", cost_centre=allocation.cost_centre)
    claimant = claim.claimant
    if claimant.role is Role.employee:
        return tr("the claimant's employment")
    if claimant.role is Role.external:
        access = claimant.access
        named = []
        if access is not None and access.unit:
            named.append(access.unit)
        if access is not None and access.cost_centre:
            named.append(tr("cost centre {cost_centre}", cost_centre=access.cost_centre))
        if named:
            return tr("the unit and cost centre of the Betalmeg access order: {named}", named=", ".join(named))
        return tr("the unit and cost centre of the Betalmeg access order (neither is given in access: see NE006)")
    if claim.unit:
        return tr("the unit and cost centre of the assignment contract (unit {unit})", unit=claim.unit)
    return tr("the unit and cost centre of the assignment contract")


@claim_rule("CO001", Severity.info, "No work order", sources.GENERAL_COSTS)
def no_work_order(ctx: ClaimContext) -> Iterator[Problem]:
    """Without `cost_allocation.work_order` the cost goes to "Generelle driftskostnader" of the cost
    centre given, else of the claimant's employment; for a contractor or external, of the unit and
    cost centre of their access order or contract, named in the message."""
    allocation = ctx.claim.cost_allocation
    if allocation is None or allocation.work_order is None:
        yield Problem(tr("no work order (K7): the cost goes to \"Generelle driftskostnader\" of {where}",
                         where=_where(ctx)),

                      ("cost_allocation",) if allocation else ())
