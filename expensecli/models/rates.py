"""The yearly rate sheet (spec/rates-format.md) as frozen pydantic models.

Every limit, factor, working-hour season and deadline the rules use comes from here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field, model_validator

from .fields import Count, CountryCode, CurrencyCode, Date, Factor, Frozen, Money, Text, Time

MonthDay = str  # "MM-DD"


class WorkingHours(Frozen):
    """Ordinary working hours from one day of the year to another (inclusive)."""

    from_: str = Field(alias="from", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
    to: str = Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
    start: Time
    end: Time

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day.strftime("%m-%d") <= self.to


class CateringRates(Frozen):
    short: Money
    long: Money
    two_servings: Money
    short_max_hours: Factor
    external_venue_factor: Factor
    extended_max: Money


class RepresentationRates(Frozen):
    meal: Money
    simple: Money
    foreign_guests_factor: Factor
    home_factor: Factor
    abroad_factor: Factor
    abroad: dict[CountryCode, Money] = {}


class Deadlines(Frozen):
    non_employee_months: Count
    employee_travel_months: Count
    due_soon_days: Count


class Betalmeg(Frozen):
    inactivity_days: Count
    sms_blocked_countries: list[CountryCode] = []


class RateSheet(Frozen):
    year: Count
    valid_from: Date
    valid_to: Date
    currency: CurrencyCode = "NOK"
    sources: list[Text] = Field(min_length=1)
    working_hours: list[WorkingHours] = Field(min_length=1)
    catering: CateringRates
    representation: RepresentationRates
    representation_approvers: list[Text] = Field(min_length=1)
    deadlines: Deadlines
    betalmeg: Betalmeg
    agreement_suppliers: list[Text] = []
    special_events_per_semester: Count

    @model_validator(mode="after")
    def _period(self) -> "RateSheet":
        if self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def working_hours_on(self, day: dt.date) -> WorkingHours | None:
        return next((season for season in self.working_hours if season.covers(day)), None)


__all__ = ["RateSheet", "WorkingHours", "Decimal"]
