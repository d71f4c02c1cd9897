"""When a claim is due, and how late it is: the facts behind DL001-DL003 and `deadlines`.

Deadline = base date + N calendar months from the rate sheet covering the base date (month
ends clip: Jan 31 + 1 month = Feb 29 in 2024, Feb 28 in 2025). Travel claims count from the
trip's end, reimbursements from the earliest expense. Employees' reimbursement claims have no
deadline, nor have employees' travel claims when the sheet sets `employee_travel_months: null`
(that deadline is a local setting; no policy page gives it). A claim is measured on its submitted date (`submitted`, else the first `sent` in
history), or on the as-of date while unsubmitted; due on the deadline day is not late.

Any date the loader accepts gets a deadline: one that would fall after the calendar's last
day (a trip ending in December 9999) is set to 9999-12-31, and the messages say so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from expensecli.core.i18n import ntr, tr
from expensecli.models.claim import Claim, Kind, Role
from expensecli.models.rates import RateSheet

TRIP_ENDED = "the trip ended"
EARLIEST_EXPENSE = "the earliest expense"


class DeadlineKind(StrEnum):
    non_employee = "non_employee"
    employee_travel = "employee_travel"


class Urgency(StrEnum):
    """Where a claim stands against its deadline, most urgent first."""

    late = "late"  # submitted after the deadline, or unsubmitted and the deadline has passed
    due_soon = "due_soon"  # unsubmitted, 0 <= days left <= due_soon_days
    pending = "pending"  # unsubmitted, more days left than that
    on_time = "on_time"  # submitted on or before the deadline


@dataclass(frozen=True)
class Deadline:
    """When a claim had to be submitted, what that date was counted from, and how it stands on the day measured."""

    kind: DeadlineKind
    base: dt.date
    base_label: str  # TRIP_ENDED or EARLIEST_EXPENSE
    months: int
    due: dt.date
    submitted: dt.date | None
    measured_on: dt.date  # the submitted date, else the as-of date
    due_soon_days: int = 0
    capped: bool = False  # base + months is past dt.date.max, so `due` is the calendar's last day

    @property
    def due_text(self) -> str:
        """The deadline as messages show it; a capped one says why it is the calendar's last day."""
        if self.capped:
            return tr("{due}, the calendar's last day: no deadline past {last} can be set", due=self.due,
                      last=dt.date.max)
        return str(self.due)

    @property
    def unsubmitted(self) -> bool:
        return self.submitted is None

    @property
    def days_late(self) -> int:
        return max(0, (self.measured_on - self.due).days)

    @property
    def days_left(self) -> int:
        """Days from the as-of date to the deadline (negative when past); unsubmitted claims only."""
        return (self.due - self.measured_on).days

    @property
    def days_since_base(self) -> int:
        return (self.measured_on - self.base).days

    @property
    def late(self) -> bool:
        return self.measured_on > self.due

    @property
    def due_soon(self) -> bool:
        return self.unsubmitted and 0 <= self.days_left <= self.due_soon_days

    @property
    def urgency(self) -> Urgency:
        if self.late:
            return Urgency.late
        if self.due_soon:
            return Urgency.due_soon
        return Urgency.pending if self.unsubmitted else Urgency.on_time

    @property
    def since(self) -> str:
        """'the trip ended on 2024-03-10' or 'the earliest expense, dated 2024-03-10'."""
        if self.base_label == TRIP_ENDED:
            return tr("the trip ended on {date}", date=self.base)
        return tr("the earliest expense, dated {date}", date=self.base)

    @property
    def period(self) -> str:
        return ntr("{count} month", "{count} months", self.months)



def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months; a day past the new month's end clips to that end, and a
    date past the calendar's end (year 9999) is its last day, `dt.date.max`."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def trip_end_or_earliest_expense(claim: Claim) -> dt.date:
    """The claim's base date for the sheet of the Betalmeg rules: the trip's end, else the earliest expense."""
    return claim.trip.end if claim.trip else min(expense.date for expense in claim.expenses)


def past_calendar_end(day: dt.date, months: int) -> bool:
    return day.year + (day.month - 1 + months) // 12 > dt.MAXYEAR


def deadline_base(claim: Claim) -> tuple[dt.date, str] | None:
    """The date the deadline counts from, or None when the claim has no deadline."""
    if claim.kind is Kind.travel:
        return (claim.trip.end, TRIP_ENDED) if claim.trip else None
    if claim.claimant.role is Role.employee:
        return None
    return min(expense.date for expense in claim.expenses), EARLIEST_EXPENSE


def claim_deadline(claim: Claim, sheet_for, as_of: dt.date) -> Deadline | None:
    """`sheet_for(day)` gives the rate sheet for the base date (the engine's choice, with RT001)."""
    base = deadline_base(claim)
    if base is None:
        return None
    day, label = base
    sheet: RateSheet = sheet_for(day)
    if claim.claimant.role is Role.employee:
        kind, months = DeadlineKind.employee_travel, sheet.deadlines.employee_travel_months
        if months is None:
            return None
    else:
        kind, months = DeadlineKind.non_employee, sheet.deadlines.non_employee_months
    submitted = claim.submitted_on
    return Deadline(kind, day, label, months, add_months(day, months), submitted,
                    as_of if submitted is None else submitted, sheet.deadlines.due_soon_days,
                    past_calendar_end(day, months))
