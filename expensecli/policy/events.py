"""The catering and representation figures of a claim: one row per expense with an event block.

Each row holds the cost per participant, the limit (from `eventlimits.event_limit`, under the
rate sheet covering the event date) and the excess in total. The rules CA001/RP001, the
`catering` list of the check JSON and `catering report` all read these rows, so every
figure is computed once.

Cost per participant = (amount - tip - extras) in NOK / (internal + external). It is
compared unrounded (as `net > limit x participants`, which is exact) and shown rounded
half-up to two decimals. A foreign amount is converted with the expense's `rate` and the
result rounded half-up to whole øre, as it is paid out (so 201.60 EUR at 10.000001 is 2 016.00
NOK, not 2 016.0002016). An expense in a foreign currency without `rate` (MX001) cannot be
converted: its row has no cost and no excess, and its limit is not checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from expensecli.core.i18n import ntr, tr
from expensecli.core.values import money_display, money_text, round_cents
from expensecli.models.claim import Claim, Expense
from expensecli.models.rates import RateSheet
from expensecli.policy.limits import EventFacts, Limit, event_limit


@dataclass(frozen=True)
class CateringRow:
    """One catering expense held to its per-participant limit: the event, its net amount and the limit."""

    expense: int  # 0-based index into `expenses`
    date: dt.date  # the event date
    type: str
    venue: str
    participants: int
    net: Decimal | None  # amount - tip - extras, in NOK; None without a rate
    limit: Limit

    @property
    def tier(self) -> str:
        return self.limit.tier

    @property
    def negative(self) -> bool:
        """Tip and extras exceed the amount (MX005): there is no cost to judge."""
        return self.net is not None and self.net < 0

    @property
    def checked(self) -> bool:
        return self.net is not None and not self.negative and self.limit.amount is not None

    @property
    def per_participant(self) -> Decimal | None:
        return None if self.net is None or self.negative else self.net / self.participants

    @property
    def excess(self) -> Decimal | None:
        """The cost above the limit for all participants together; 0 within the limit."""
        if not self.checked:
            return None
        return max(self.net - self.limit.amount * self.participants, Decimal(0))

    @property
    def over(self) -> bool:
        excess = self.excess
        return excess is not None and excess > 0

    @property
    def note(self) -> str | None:
        """Why the limit was not checked, if it was not."""
        if self.net is None:
            return tr("no exchange rate (MX001): the cost cannot be converted to NOK, the limit is not checked")
        if self.negative:
            return tr("tip and extras are larger than the amount (MX005): no cost to judge, the limit is not"
                      " checked")
        return self.limit.note

    def over_message(self, representation: bool = False) -> str:
        """The CA001 (or with `representation`, RP001) message: actual, limit, tier, excess per
        participant and in total."""
        per, limit, n = self.per_participant, self.limit.amount, self.participants
        figures = {"index": self.expense, "cost": money_display(per), "limit": money_display(limit),
                   "label": self.limit.label, "over": money_display(per - limit), "excess": money_display(self.excess)}
        if representation:
            return ntr("expense {index}: cost per person {cost} is above the representation limit {limit} ({label}):"
                       " {over} over, {excess} in total for {count} person",
                       "expense {index}: cost per person {cost} is above the representation limit {limit} ({label}):"
                       " {over} over, {excess} in total for {count} persons", n, **figures)
        return ntr("expense {index}: cost per participant {cost} is above the limit {limit} ({label}): {over} over,"
                   " {excess} in total for {count} participant",
                   "expense {index}: cost per participant {cost} is above the limit {limit} ({label}): {over} over,"
                   " {excess} in total for {count} participants", n, **figures)


    def as_json(self) -> dict:
        return {"expense": self.expense, "type": self.type, "tier": self.tier, "venue": self.venue,
                "participants": self.participants, "per_participant": _money(self.per_participant),
                "limit": _money(self.limit.amount), "excess": _money(self.excess),
                "rate_year": self.limit.year}


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money_text(value)


def facts_of(event) -> EventFacts:
    """The limit-relevant facts of a claim's event block."""
    extended = event.extended_rate
    approved = (extended is not None and extended.approved_by is not None and extended.date is not None
                and extended.date <= event.date)
    return EventFacts(
        type=event.type.value, date=event.date, hours=event.hours, start=event.start, end=event.end,
        servings=event.servings, external_venue=event.venue.value == "external",
        external_present=event.participants.external > 0,
        extended_approved=approved, representation=event.representation.value,
        foreign_guests=event.foreign_guests, country=event.country,
        abroad_justified=event.abroad_justification is not None)


def in_nok(expense: Expense, value: Decimal | None = None) -> Decimal | None:
    """`value` (default: the amount) of the expense in NOK, or None for a foreign currency without rate."""
    value = expense.amount if value is None else value
    if expense.currency == "NOK":
        return value
    return None if expense.rate is None else value * expense.rate


def catering_rows(claim: Claim, sheet_for: Callable[[dt.date, tuple], RateSheet]) -> list[CateringRow]:
    """One row per expense with an event block; `sheet_for(day, path)` chooses the rate sheet."""
    rows = []
    for i, expense in enumerate(claim.expenses):
        event = expense.event
        if event is None:
            continue
        sheet = sheet_for(event.date, ("expenses", i, "event", "date"))
        net = in_nok(expense, expense.amount - expense.tip - event.extras)
        if net is not None and expense.currency != "NOK":
            net = round_cents(net)
        rows.append(CateringRow(i, event.date, event.type.value, event.venue.value, event.participants.total,
                                net, event_limit(sheet, facts_of(event))))
    return rows
