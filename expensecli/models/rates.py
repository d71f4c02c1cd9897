"""The yearly rate sheet (spec/rates-format.md) as frozen dataclasses.

Every limit, factor, working-hour season and deadline the rules use comes from here. The
classes are plain dataclasses that pydantic validates (`ratebook.sheet_from_data`, through a
`TypeAdapter`): validated sheets are cached, and a cached sheet loads without pydantic.
Each field's docstring becomes its description in `expensecli schema rates`. Annotations are
objects, not postponed text: a sheet read back from the cache is compared with them (`load.sheet_shape`).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated

from expensecli.core.i18n import tr
from expensecli.models.fieldtypes import (
    Amount,
    Count,
    CountryCode,
    CurrencyCode,
    Date,
    Factor,
    Money,
    MonthDay,
    NonEmpty,
    Text,
    Time,
    Within,
)

# Sanity bounds, far outside any real figure (the figures themselves come from the sheet): a typo
# such as `non_employee_months: 999999999999` is an error in `rates check`, not in every run.
Limit = Annotated[Amount, Within(Decimal("0.01"), Decimal(1_000_000))]  # NOK per participant or person
Kostsats = Annotated[Money, Within(Decimal(0), Decimal(1_000_000))]
Multiplier = Annotated[Factor, Within(Decimal("0.01"), Decimal(100))]
HoursOfDay = Annotated[Factor, Within(Decimal("0.01"), Decimal(24))]
Months = Annotated[Count, Within(1, 120)]
Days = Annotated[Count, Within(0, 3660)]
Times = Annotated[Count, Within(0, 1000)]
Year = Annotated[Count, Within(1, 9999)]

CONFIG = {"extra": "forbid", "use_attribute_docstrings": True, "alias_generator": lambda name: name.rstrip("_")}


@dataclass(frozen=True)
class WorkingHours:
    """Ordinary working hours from one day of the year to another (inclusive)."""

    __pydantic_config__ = CONFIG
    from_: MonthDay
    """First day of the season, "MM-DD"."""
    to: MonthDay
    """Last day of the season, "MM-DD"."""
    start: Time
    """Start of ordinary working hours, quoted "HH:MM"."""
    end: Time
    """End of ordinary working hours, quoted "HH:MM"."""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            season, end, start = f"{self.from_}..{self.to}", f"{self.end:%H:%M}", f"{self.start:%H:%M}"
            raise ValueError(tr("working hours {season}: end {end} is not after start {start}", season=season,
                                end=end, start=start))

    def covers(self, day: dt.date) -> bool:
        return self.from_ <= day.strftime("%m-%d") <= self.to


@dataclass(frozen=True)
class CateringRates:
    """Catering (bevertning) limits per participant, incl. VAT."""

    __pydantic_config__ = CONFIG
    short: Limit
    """Under short_max_hours hours within ordinary working hours."""
    long: Limit
    """short_max_hours hours or more, or beyond ordinary working hours."""
    two_servings: Limit
    """Long events that need two servings."""
    short_max_hours: HoursOfDay
    """Events this long or longer are long."""
    external_venue_factor: Multiplier
    """Factor for an external eating place (1.5 = up to +50 %)."""
    extended_max: Limit
    """The extended rate on application: special events; external participants at external venues."""


@dataclass(frozen=True)
class RepresentationRates:
    """Representation limits per person, incl. VAT."""

    __pydantic_config__ = CONFIG
    meal: Limit
    """Lunch or dinner."""
    simple: Limit
    """Simpler lunch or reception."""
    foreign_guests_factor: Multiplier
    """Factor with high-level foreign guests."""
    home_factor: Multiplier
    """Factor for hospitality at home (0.8 = 80 % of the representation rates)."""
    abroad_factor: Multiplier
    """Factor above the country's kostsats abroad, with a justification."""
    abroad: dict[CountryCode, Kostsats] = field(default_factory=dict)
    """Country code -> kostsats in NOK; empty when not known."""


@dataclass(frozen=True)
class Deadlines:
    """Months to send a claim in, and when a deadline counts as near."""

    __pydantic_config__ = CONFIG
    non_employee_months: Months
    """Contractors and externals: months from the trip end or the earliest expense."""
    employee_travel_months: Months | None
    """Employees' travel claims: months after return. A local setting (no policy page sets it);
    null: no deadline, no DL002."""
    due_soon_days: Days
    """Unsubmitted claims this many days or fewer before the deadline are due soon (DL003)."""


@dataclass(frozen=True)
class Betalmeg:
    """DFØ's access for non-employees."""

    __pydantic_config__ = CONFIG
    inactivity_days: Days
    """Access lapses after this many days without use (NE005)."""
    sms_blocked_countries: list[CountryCode] = field(default_factory=list)
    """Countries whose mobiles cannot get the login SMS (NE007)."""


@dataclass(frozen=True)
class RateSheet:
    """One year's rates (expensecli rate sheet format v2)."""

    __pydantic_config__ = CONFIG
    year: Year
    """The year; equals the year of valid_from."""
    valid_from: Date
    """First day the sheet applies, YYYY-MM-DD."""
    valid_to: Date
    """Last day the sheet applies, YYYY-MM-DD."""
    sources: Annotated[list[Text], NonEmpty()]
    """Where the figures come from."""
    working_hours: Annotated[list[WorkingHours], NonEmpty()]
    """Ordinary working hours by season; weekends and public holidays are outside them."""
    catering: CateringRates
    """Catering (bevertning) limits per participant."""
    representation: RepresentationRates
    """Representation limits per person."""
    representation_approvers: Annotated[list[Text], NonEmpty()]
    """Roles that may consent to representation (RP002)."""
    deadlines: Deadlines
    """Deadlines for sending claims."""
    betalmeg: Betalmeg
    """Betalmeg access for non-employees."""
    special_events_per_semester: Times
    """Special events one unit may hold in a semester (CA006)."""
    currency: CurrencyCode = "NOK"
    """Currency of all amounts; default NOK."""
    agreement_suppliers: list[Text] = field(default_factory=list)
    """NTNU's catering agreement suppliers; empty: not checked (CA008)."""

    def __post_init__(self) -> None:
        if self.valid_to < self.valid_from:
            raise ValueError(tr("valid_to {valid_to} is before valid_from {valid_from}", valid_to=self.valid_to,
                                valid_from=self.valid_from))
        for day in (dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)):  # a leap year
            seasons = [f"{s.from_}..{s.to}" for s in self.working_hours if s.covers(day)]
            if not seasons:
                raise ValueError(tr("no working-hours season covers {day}; the seasons must cover every day of the"
                                    " year once", day=day.strftime("%m-%d")))
            if len(seasons) != 1:
                raise ValueError(tr("{seasons} both cover {day}; the seasons must cover every day of the year once",
                                    seasons=_joined(seasons), day=day.strftime("%m-%d")))

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def working_hours_on(self, day: dt.date) -> WorkingHours | None:
        return next((season for season in self.working_hours if season.covers(day)), None)


def _joined(items: list[str]) -> str:
    """"a and b", "a and b and c" in the language of the run."""
    text = items[0]
    for item in items[1:]:
        text = tr("{items} and {last}", items=text, last=item)
    return text
