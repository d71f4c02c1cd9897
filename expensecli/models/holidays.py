"""Norway's public holidays by year, without importing the `holidays` package when they are known.

Importing `holidays` costs more than checking a claim (70-80 ms: it loads the calendars of every
country), and a catering claim's working-hours check needs the holidays of one or two years.
So the holidays of a rate sheet's years are computed once, when the sheet is validated, and kept
with it in the sheet cache (`load.sheetcache`), which hands them here (`remember`) when it gives
the sheet back. A year nobody remembered is computed by `holidays` as before.

A holiday's name is shown in messages, so it is held in each output language ("Constitution Day",
"Grunnlovsdag"), asked for by name (never left to the `holidays` package's guess from the
locale): the names follow the language of the run, whichever run filled the cache.
"""

from __future__ import annotations

import datetime as dt

from expensecli.core.i18n import language

# The language of the holidays' names (the `holidays` package's codes) for each output language.
NAMES_IN = {"en": "en_US", "nb": "no"}
_KNOWN: dict[tuple[str, int], dict[dt.date, str]] = {}


def remember(year: int, days: dict[dt.date, str], lang: str = "en") -> None:
    _KNOWN[(lang, year)] = days


def public_holidays(year: int, lang: str | None = None) -> dict[dt.date, str]:
    """The public holidays of `year` in Norway (Sundays not counted as holidays), named in `lang`
    (default: the language of the run)."""
    lang = lang or language()
    known = _KNOWN.get((lang, year))
    if known is None:
        import holidays

        found = holidays.Norway(years=year, include_sundays=False, language=NAMES_IN[lang])
        known = _KNOWN[(lang, year)] = dict(found.items())
    return known

