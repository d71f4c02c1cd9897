"""RP001-RP004: representation (external guests) and home hospitality.

The limit per person and the cost per person come from the claim's catering rows
(`expensecli.policy.events`), so a finding and the `catering` table always show the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.limits import REPRESENTATION_TYPES
from expensecli.policy.rule import claim_rule


def role_key(role: str) -> str:
    """`Pro-rector`, `pro rector` and `PRO_RECTOR` all read `pro_rector`."""
    return re.sub(r"[\s_-]+", "_", role.strip().casefold()).strip("_")


@claim_rule("RP001", Severity.error, "Representation above the limit per person", sources.REPRESENTATION_LIMITS)
def representation_above_limit(ctx: ClaimContext) -> Iterator[Problem]:
    """Representation or home hospitality whose cost per person, (amount - tip - extras) in NOK divided
    by all participants, is strictly above the limit: meal or simple rate, x foreign_guests_factor,
    x home_factor at home; abroad the country's kostsats (x abroad_factor with a justification).
    Equal is allowed. Not checked without an exchange rate (MX001) or abroad without a kostsats (RP004).
    The finding cites the sentences of the limit applied (meal or simple, +30 %, 80 %, abroad).
    Tip and extras are in the expense's own currency; a foreign amount is converted with its `rate`
    and rounded half-up to whole øre, as it is paid out."""
    for row in ctx.catering:
        if row.type in REPRESENTATION_TYPES and row.over:
            yield Problem(row.over_message(representation=True),
                          ("expenses", row.expense, "amount"), source=sources.cite_all(row.limit.sources))


@claim_rule("RP002", Severity.error, "Representation consented by a role that may not", sources.REPRESENTATION_CONSENT)
def consent_role_not_allowed(ctx: ClaimContext) -> Iterator[Problem]:
    """Representation (not home hospitality) must be consented by one of the sheet's
    representation_approvers. Roles compare case-insensitively, with spaces and hyphens read as
    underscores ("Pro-rector" = pro_rector). A missing approval is CA003, not this rule."""
    for i, expense in enumerate(ctx.claim.expenses):
        event = expense.event
        if event is None or event.type.value != "representation" or event.approval is None:
            continue
        approvers = ctx.sheet_for(event.date).representation_approvers
        allowed = ", ".join(approvers)
        role = event.approval.role
        if role is None:
            yield Problem(tr("expense {index}: the approval of the representation on {date} gives no role;"
                             " consent must come from one of: {allowed}", index=i, date=event.date, allowed=allowed),
                          ("expenses", i, "event", "approval"))
        elif role_key(role) not in {role_key(a) for a in approvers}:
            yield Problem(tr("expense {index}: representation consented by role '{role}', which may not consent;"
                             " allowed: {allowed}", index=i, role=role, allowed=allowed),
                          ("expenses", i, "event", "approval", "role"))


@claim_rule("RP003", Severity.error, "Representation without an external guest", sources.EXTERNAL_GUESTS)
def no_external_guest(ctx: ClaimContext) -> Iterator[Problem]:
    """Representation and home hospitality need at least one external guest (participants.external > 0)."""
    for i, expense in enumerate(ctx.claim.expenses):
        event = expense.event
        if event is not None and event.type.value in REPRESENTATION_TYPES and event.participants.external == 0:
            if event.type.value == "home":
                message = tr("expense {index}: home hospitality on {date} with no external guest ({internal}"
                             " internal, 0 external); without external guests it is not representation",
                             index=i, date=event.date, internal=event.participants.internal)
            else:
                message = tr("expense {index}: representation on {date} with no external guest ({internal}"
                             " internal, 0 external); without external guests it is not representation",
                             index=i, date=event.date, internal=event.participants.internal)
            yield Problem(message, ("expenses", i, "event", "participants"))


@claim_rule("RP004", Severity.warning, "Representation abroad without a kostsats", sources.ABROAD)
def abroad_without_kostsats(ctx: ClaimContext) -> Iterator[Problem]:
    """Abroad the limit per person is the country's kostsats; when the sheet has none for the
    country, the limit cannot be checked."""
    for row in ctx.catering:
        if row.type in REPRESENTATION_TYPES and row.limit.amount is None:
            event = ctx.claim.expenses[row.expense].event
            yield Problem(tr("expense {index}: representation in {country} on {date}: {note}; check it against"
                             " the kostsats by hand", index=row.expense, country=event.country, date=event.date,
                             note=row.limit.note), ("expenses", row.expense, "event", "country"))

