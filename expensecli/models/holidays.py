"""Norway's public holidays by year, without importing the `holidays` package when they are known.

Importing `holidays` costs more than checking a claim (70-80 ms: it loads the calendars of every
country), and a catering claim's working-hours check needs the holidays of one or two years.
So the holidays of a rate sheet's years are computed once, when the sheet is validated, and kept
with it in the sheet cache (`load.sheetcache`), which hands them here (`remember`) when it gives
the sheet back. A year nobody remembered is computed by `holidays` as before.
"""

from __future__ import annotations

import datetime as dt

_KNOWN: dict[int, dict[dt.date, str]] = {}


def remember(year: int, days: dict[dt.date, str]) -> None:
    _KNOWN[year] = days


def public_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of `year` in Norway (Sundays not counted as holidays), with their names."""
    known = _KNOWN.get(year)
    if known is None:
        import holidays

        known = _KNOWN[year] = dict(holidays.Norway(years=year, include_sundays=False).items())
    return known
