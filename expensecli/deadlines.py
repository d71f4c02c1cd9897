"""When a claim is due, and how late it is: the facts behind DL001-DL003 and `deadlines`.

Deadline = base date + N calendar months from the rate sheet (month ends clip: Jan 31 + 1
month = Feb 29 in 2024). Travel claims count from the trip's end, reimbursements from the
earliest expense. Employees' reimbursement claims have no deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .models.claim import Claim, Kind, Role
from .models.rates import RateSheet


class DeadlineKind(StrEnum):
    non_employee = "non_employee"
    employee_travel = "employee_travel"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    base: dt.date
    base_label: str  # "the trip ended", "the earliest expense"
    months: int
    due: dt.date
    submitted: dt.date | None
    measured_on: dt.date  # the submitted date, else the as-of date

    @property
    def days_late(self) -> int:
        return max(0, (self.measured_on - self.due).days)

    @property
    def days_left(self) -> int:
        """Days from the as-of date to the deadline (negative when past); unsubmitted claims only."""
        return (self.due - self.measured_on).days

    @property
    def late(self) -> bool:
        return self.measured_on > self.due


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_base(claim: Claim) -> tuple[dt.date, str] | None:
    if claim.kind is Kind.travel:
        return (claim.trip.end, "the trip ended") if claim.trip else None
    if claim.claimant.role is Role.employee:
        return None
    return min(expense.date for expense in claim.expenses), "the earliest expense"


def claim_deadline(claim: Claim, sheet_for, as_of: dt.date) -> Deadline | None:
    """`sheet_for(day)` gives the rate sheet for the base date (the engine's choice, with RT001)."""
    base = deadline_base(claim)
    if base is None:
        return None
    day, label = base
    sheet: RateSheet = sheet_for(day)
    if claim.claimant.role is Role.employee:
        kind, months = DeadlineKind.employee_travel, sheet.deadlines.employee_travel_months
    else:
        kind, months = DeadlineKind.non_employee, sheet.deadlines.non_employee_months
    submitted = claim.submitted_on
    return Deadline(kind, day, label, months, add_months(day, months), submitted,
                    as_of if submitted is None else submitted)
