"""Ordinary working hours: whether an event lies inside them (the catering tiers depend on it).

The hours themselves are data: the rate sheet's `working_hours` seasons (summer hours differ).
Weekends and Norwegian public holidays are outside working hours all day. The public
holidays come from the `holidays` package, imported only when a date really needs checking and
its year's holidays did not come with a cached rate sheet (`models.holidays`), so that a quick
`catering quote --hours 4` or a single claim does not pay for it.
"""

from __future__ import annotations

import datetime as dt

from expensecli.core.clock import clock, minute_of_day, past_midnight, span
from expensecli.core.i18n import mark, tr
from expensecli.models.holidays import public_holidays
from expensecli.models.rates import RateSheet, WorkingHours

WEEKEND_DAYS = {5: mark("a Saturday"), 6: mark("a Sunday")}  # "a {weekday}" for the days off


def day_off(day: dt.date) -> str | None:
    """Why `day` has no ordinary working hours ("a Saturday", "a public holiday (...)"), or None."""
    if day.weekday() >= 5:
        return tr(WEEKEND_DAYS[day.weekday()])
    holiday = public_holidays(day.year).get(day)
    if not holiday:
        return None
    return tr("a public holiday ({holiday})", holiday=holiday)  # named in the language of the run


def season_text(season: WorkingHours) -> str:
    return tr("ordinary working hours {start}-{end} ({first} to {last})", start=season.start.strftime("%H:%M"),
              end=season.end.strftime("%H:%M"), first=season.from_, last=season.to)


def outside_working_hours(sheet: RateSheet, day: dt.date, start: dt.time | None = None,
                          end: dt.time | None = None) -> str | None:
    """Why an event on `day` (from `start` to `end`, when known) reaches beyond ordinary working
    hours, or None when it lies inside them.

    Starting exactly at the season's start or ending exactly at its end is inside; an end
    earlier than the start is on the next day, so such an event runs past midnight and is
    outside. Without times only the day counts (weekend, public holiday). A day that no season
    of the sheet covers is judged by the day alone, as if only the duration were known.
    """
    off = day_off(day)
    if off:
        return tr("{day} is {off}", day=day, off=off)
    if start is None or end is None:
        return None
    season = sheet.working_hours_on(day)
    if season is None:
        return None
    begins, ends = span(start, end)
    if begins < minute_of_day(season.start):
        return tr("starts {start}, before {hours}", start=clock(start), hours=season_text(season))
    if past_midnight(start, end):
        return tr("runs past midnight (ends {end} the next day), after {hours}", end=clock(end),
                  hours=season_text(season))
    if ends > minute_of_day(season.end):
        return tr("ends {end}, after {hours}", end=clock(end), hours=season_text(season))

    return None
