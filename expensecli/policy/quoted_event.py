"""The event `catering quote` is asked about: its options read as the facts of an event.

The quote describes an event that has not happened yet, from options rather than a claim
file, so the checks a claim's schema makes (a duration, times that do not clash, options
that belong to the kind of event) are made here, with messages naming the options.
"""

from __future__ import annotations

import datetime as dt

from expensecli.core.clock import clock, same_time
from expensecli.core.i18n import ntr, tr
from expensecli.core.values import ValueProblem, parse_decimal, parse_end_time, parse_time
from expensecli.models.enums import EventType, RepresentationKind
from expensecli.policy.limits import CATERING_TYPES, EventFacts


class QuoteProblem(Exception):
    """Options that do not describe an event: exit code 2."""


def event_facts(kind: EventType, day: dt.date, hours: str | None, start: str | None, end: str | None,
                external: bool, servings: int, beyond_hours: bool, extended: bool,
                representation: RepresentationKind | None, foreign_guests: bool, country: str | None):
    """The quote's options as `EventFacts`, or a QuoteProblem saying which options clash."""
    try:
        duration = parse_decimal(hours, places=2, what="--hours") if hours is not None else None
        begins = parse_time(start, "--start") if start is not None else None
        ends = parse_end_time(end, "--end") if end is not None else None
    except ValueProblem as problem:
        raise QuoteProblem(str(problem)) from None
    if duration is not None and duration <= 0:
        raise QuoteProblem(tr("--hours must be greater than 0, got {hours}", hours=hours))
    if (begins is None) != (ends is None):
        raise QuoteProblem(tr("give both --start and --end, or neither"))
    facts = EventFacts(type=kind.value, date=day, hours=duration, start=begins, end=ends, servings=servings,
                       external_venue=external, beyond_hours=beyond_hours, external_present=extended,
                       extended_approved=extended, representation=(representation or RepresentationKind.meal).value,
                       foreign_guests=foreign_guests, country=(country or "NO").upper())
    if begins is not None and ends is not None:
        if same_time(begins, ends):
            raise QuoteProblem(tr("--end {end} equals --start {start}; an end earlier than the start is the next"
                                  " day, 24:00 is midnight", end=clock(ends), start=clock(begins)))
        if duration is not None and duration * 60 != facts.minutes:
            raise QuoteProblem(tr("--hours {hours} disagrees with --start {start} --end {end}", hours=hours,
                                  start=start, end=end))
    if len(facts.country) != 2 or not facts.country.isalpha() or not facts.country.isascii():
        raise QuoteProblem(tr("--country {country}: give a two-letter country code such as SE",
                              country=repr(country)))
    given = [name for name, on in (("--external", external), ("--servings 2", servings == 2),
                                   ("--beyond-hours", beyond_hours), ("--extended", extended)) if on]
    if kind.value in CATERING_TYPES:
        wrong = [name for name, on in (("--representation", representation is not None),
                                       ("--foreign-guests", foreign_guests), ("--country", country is not None))
                 if on]
        if wrong:
            raise QuoteProblem(ntr("{options} applies to --type representation or home, not --type {kind}",
                                   "{options} apply to --type representation or home, not --type {kind}", len(wrong),
                                   options=", ".join(wrong), kind=kind.value))
        if extended and kind is EventType.meeting and not external:
            raise QuoteProblem(tr("--extended applies to a special event (--type special), or to external"
                                  " participants at an external eating place (--external)"))
        if not beyond_hours and duration is None and begins is None:
            raise QuoteProblem(tr("give --hours H, or --start HH:MM and --end HH:MM (or --beyond-hours)"))
    elif given:
        raise QuoteProblem(ntr("{options} applies to meeting and special events (--type meeting or special), not --type"
                               " {kind}", "{options} apply to meeting and special events (--type meeting or special),"
                               " not --type {kind}", len(given),
                               options=", ".join(given), kind=kind.value))

    return facts
