"""What a claim rule sees: the claim, the as-of date, the rate sheets, and the claim's facts.

The facts (total, deadline, catering and representation rows, and the RT001 notes for the
dates no sheet covers) are computed once, here, before any rule runs, and shared by the
rules and the reports, so a figure in a message and in a table is always the same figure.
After that, `sheet_for` only looks up: every date a rule asks about (an event date, the
trip's end or the earliest expense) was met while the facts were computed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from expensecli.core.findings import Problem
from expensecli.core.i18n import tr
from expensecli.core.locations import Path
from expensecli.core.text import folded
from expensecli.models.claim import Claim, Role
from expensecli.models.claimfile import LoadedClaim
from expensecli.models.ratebook import RateBook, valid_period
from expensecli.models.rates import RateSheet
from expensecli.policy.deadlines import Deadline, claim_deadline, trip_end_or_earliest_expense
from expensecli.policy.events import CateringRow, catering_rows, in_nok


class ClaimContext:
    def __init__(self, loaded: LoadedClaim, rates: RateBook, as_of: dt.date,
                 controllers: frozenset[str] | None = None):
        assert loaded.claim is not None
        self.loaded = loaded
        self.claim: Claim = loaded.claim
        self.file = loaded.file
        self.rates = rates
        self.as_of = as_of
        self.controllers = controllers  # normalised names of those who may waive findings; None: anyone
        self.events = tuple((i, expense.event) for i, expense in enumerate(self.claim.expenses)
                            if expense.event is not None)  # (index of the expense, its event block)
        notes: dict[tuple[int, int], Problem] = {}
        self.catering: tuple[CateringRow, ...] = tuple(catering_rows(
            self.claim, lambda day, path: self._noted(day, path, notes)))
        deadline_path: Path = ("trip", "end") if self.claim.trip else ("expenses",)
        self.deadline: Deadline | None = claim_deadline(
            self.claim, lambda day: self._noted(day, deadline_path, notes), as_of)
        # The sheet of the claim's base date, which the Betalmeg rules read (non-employees only).
        self.base_sheet: RateSheet | None = (
            self._noted(trip_end_or_earliest_expense(self.claim), deadline_path, notes)
            if self.claim.claimant.role is not Role.employee else None)
        amounts = [in_nok(expense) for expense in self.claim.expenses]
        self.total: Decimal = sum((nok for nok in amounts if nok is not None), Decimal(0))
        self.total_complete = None not in amounts  # False: a foreign amount without a rate is left out (MX001)
        self.sheet_notes: tuple[Problem, ...] = tuple(notes.values())  # RT001, one per (needed, used) year

    def by_controller(self, name: str | None) -> bool:
        """Whether a claim-file waiver by `name` is applied: always, unless a controllers list is set."""
        return self.controllers is None or folded(name or "") in self.controllers

    def sheet_for(self, day: dt.date) -> RateSheet:
        """The sheet covering `day`, else the nearest one (RT001 says so for the claim's dates)."""
        return self.rates.choose(day).sheet

    def _noted(self, day: dt.date, path: Path, notes: dict[tuple[int, int], Problem]) -> RateSheet:
        choice = self.rates.choose(day)
        if not choice.exact:
            key = (day.year, choice.sheet.year)
            if key not in notes:
                notes[key] = Problem(tr(
                    "no rate sheet covers {day} (year {year}); the {sheet} sheet (valid {valid}) was used instead",
                    day=day, year=day.year, sheet=choice.sheet.year, valid=valid_period(choice.sheet)), path)

        return choice.sheet
