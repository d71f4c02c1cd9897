"""TR001-TR002: the two things the Betalmeg guide asks to get right in a travel expense claim."""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.core.values import money_display
from expensecli.models.claim import Category, Kind
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule


@claim_rule("TR001", Severity.warning, "Commute used on a trip", sources.PUBLIC_TRANSPORT)
def commute_on_trip(ctx: ClaimContext) -> Iterator[Problem]:
    """In a travel claim, bus tickets etc. are public_transport, not commute."""
    if ctx.claim.kind is not Kind.travel:
        return
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category is Category.commute:
            yield Problem(tr("expense {index} ({date}, {amount} {currency}) is entered as commute; in a travel"
                             " claim bus tickets etc. are public_transport", index=i, date=expense.date,
                             amount=money_display(expense.amount), currency=expense.currency),
                          ("expenses", i, "category"))


@claim_rule("TR002", Severity.error, "Type of trip not given", sources.TYPE_OF_TRIP)
def no_type_of_trip(ctx: ClaimContext) -> Iterator[Problem]:
    """A travel claim needs `trip.accommodation` (the "Type of trip": hotel, private, none or other)."""
    trip = ctx.claim.trip
    if ctx.claim.kind is Kind.travel and trip is not None and trip.accommodation is None:
        yield Problem(tr("the trip {start} to {end} has no accommodation (\"Type of trip\"): give"
                         " trip.accommodation: hotel, private, none or other", start=trip.start, end=trip.end),
                      ("trip",), key=True)

