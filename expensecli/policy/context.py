"""What a claim rule sees: the claim, the as-of date, the rate sheets, and derived facts.

Derived facts (total, deadline, catering limits) are computed once here and shared by the
rules and the reports, so a figure in a message and in a table is always the same figure.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property

from expensecli.core.findings import Problem
from expensecli.core.locations import Path
from expensecli.load.claims import LoadedClaim
from expensecli.models.claim import Claim, Expense
from expensecli.models.ratebook import RateBook
from expensecli.models.rates import RateSheet
from expensecli.policy.deadlines import Deadline, claim_deadline


class ClaimContext:
    def __init__(self, loaded: LoadedClaim, rates: RateBook, as_of: dt.date):
        assert loaded.claim is not None
        self.loaded = loaded
        self.claim: Claim = loaded.claim
        self.file = loaded.file
        self.rates = rates
        self.as_of = as_of
        self.sheet_notes: dict[tuple[int, int], Problem] = {}  # RT001, one per (needed year, used year)

    def sheet_for(self, day: dt.date, path: Path = ()) -> RateSheet:
        """The sheet covering `day`; the nearest one (and an RT001 note) when none does."""
        choice = self.rates.choose(day)
        if not choice.exact:
            key = (day.year, choice.sheet.year)
            if key not in self.sheet_notes:
                self.sheet_notes[key] = Problem(
                    f"no rate sheet covers {day} (year {day.year}); the {choice.sheet.year} sheet"
                    f" ({choice.sheet.valid_from}..{choice.sheet.valid_to}) was used instead", path)
        return choice.sheet

    @cached_property
    def deadline(self) -> Deadline | None:
        path: Path = ("trip", "end") if self.claim.trip else ("expenses",)
        return claim_deadline(self.claim, lambda day: self.sheet_for(day, path), self.as_of)

    @cached_property
    def total(self) -> Decimal:
        """The claim's total in NOK; expenses in a foreign currency without a rate are left out."""
        return sum((nok for expense in self.claim.expenses if (nok := in_nok(expense)) is not None),
                   Decimal(0))

    @cached_property
    def catering(self) -> tuple:
        from expensecli.policy.events import catering_rows

        return tuple(catering_rows(self))


def in_nok(expense: Expense, value: Decimal | None = None) -> Decimal | None:
    """`value` (default: the amount) of the expense in NOK, or None for a foreign currency without rate."""
    value = expense.amount if value is None else value
    if expense.currency == "NOK":
        return value
    return None if expense.rate is None else value * expense.rate
