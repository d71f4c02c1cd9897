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

    from_: str = Field(
        alias="from", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
        description='First day of the season, "MM-DD".')
    to: str = Field(
        pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", description='Last day of the season, "MM-DD".')
    start: Time = Field(description='Start of ordinary working hours, quoted "HH:MM".')
    end: Time = Field(description='End of ordinary working hours, quoted "HH:MM".')

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day.strftime("%m-%d") <= self.to


class CateringRates(Frozen):
    """Catering (bevertning) limits per participant, incl. VAT."""

    short: Money = Field(description="Under short_max_hours hours within ordinary working hours.")
    long: Money = Field(description="short_max_hours hours or more, or beyond ordinary working hours.")
    two_servings: Money = Field(description="Long events that need two servings.")
    short_max_hours: Factor = Field(description="Events this long or longer are long.")
    external_venue_factor: Factor = Field(
        description="Factor for an external eating place (1.5 = up to +50 %).")
    extended_max: Money = Field(
        description="The extended rate on application: special events; external participants at "
                    "external venues.")


class RepresentationRates(Frozen):
    """Representation limits per person, incl. VAT."""

    meal: Money = Field(description="Lunch or dinner.")
    simple: Money = Field(description="Simpler lunch or reception.")
    foreign_guests_factor: Factor = Field(description="Factor with high-level foreign guests.")
    home_factor: Factor = Field(
        description="Factor for hospitality at home (0.8 = 80 % of the representation rates).")
    abroad_factor: Factor = Field(
        description="Factor above the country's kostsats abroad, with a justification.")
    abroad: dict[CountryCode, Money] = Field(
        {}, description="Country code -> kostsats in NOK; empty when not known.")


class Deadlines(Frozen):
    """Months to send a claim in, and when a deadline counts as near."""

    non_employee_months: Count = Field(
        description="Contractors and externals: months from the trip end or the earliest expense.")
    employee_travel_months: Count = Field(description="Employees' travel claims: months after return.")
    due_soon_days: Count = Field(
        description="Unsubmitted claims this many days or fewer before the deadline are due soon "
                    "(DL003).")


class Betalmeg(Frozen):
    """DFØ's access for non-employees."""

    inactivity_days: Count = Field(description="Access lapses after this many days without use (NE005).")
    sms_blocked_countries: list[CountryCode] = Field(
        [], description="Countries whose mobiles cannot get the login SMS (NE007).")


class RateSheet(Frozen):
    """One year's rates (expensecli rate sheet format v1)."""

    year: Count = Field(description="The year; equals the year of valid_from.")
    valid_from: Date = Field(description="First day the sheet applies, YYYY-MM-DD.")
    valid_to: Date = Field(description="Last day the sheet applies, YYYY-MM-DD.")
    currency: CurrencyCode = Field("NOK", description="Currency of all amounts; default NOK.")
    sources: list[Text] = Field(min_length=1, description="Where the figures come from.")
    working_hours: list[WorkingHours] = Field(
        min_length=1,
        description="Ordinary working hours by season; weekends and public holidays are outside them.")
    catering: CateringRates = Field(description="Catering (bevertning) limits per participant.")
    representation: RepresentationRates = Field(description="Representation limits per person.")
    representation_approvers: list[Text] = Field(
        min_length=1, description="Roles that may consent to representation (RP002).")
    deadlines: Deadlines = Field(description="Deadlines for sending claims.")
    betalmeg: Betalmeg = Field(description="Betalmeg access for non-employees.")
    agreement_suppliers: list[Text] = Field(
        [], description="NTNU's catering agreement suppliers; empty: not checked (CA008).")
    special_events_per_semester: Count = Field(
        description="Special events one unit may hold in a semester (CA006).")

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
