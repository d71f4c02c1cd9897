"""Clock times of an event, which may run past midnight: one place that counts its minutes.

A julebord from 19:00 to 01:00 is written `start: "19:00"`, `end: "01:00"`: an end earlier than
the start is on the next day. `"24:00"` is midnight at the end of the event's day; a time of
day stops at 23:59, so it is held as END_OF_DAY (`datetime.time.max`) and shown as "24:00".
An end equal to the start says nothing about the duration and is a schema error (the loader's
check). The loader's checks, the catering tiers, the working hours and `catering quote` all
count with these functions, so a duration is the same figure in a finding, a table and a quote.
"""

from __future__ import annotations

import datetime as dt

from expensecli.core.i18n import tr

END_OF_DAY = dt.time.max  # "24:00"
DAY = 24 * 60


def minute_of_day(time: dt.time) -> int:
    """Minutes since the day's midnight; 24:00 is 1440."""
    return DAY if time == END_OF_DAY else time.hour * 60 + time.minute


def span(start: dt.time, end: dt.time) -> tuple[int, int]:
    """(start, end) in minutes from the midnight that begins the event's day; an end earlier than
    the start is on the next day, so the end may pass 1440."""
    begins, ends = minute_of_day(start), minute_of_day(end)
    return begins, ends + DAY if ends < begins else ends


def same_time(start: dt.time, end: dt.time) -> bool:
    """An end equal to the start: no duration can be read from it."""
    return minute_of_day(start) == minute_of_day(end)


def duration_minutes(start: dt.time, end: dt.time) -> int:
    begins, ends = span(start, end)
    return ends - begins


def past_midnight(start: dt.time, end: dt.time) -> bool:
    """The event goes on after the midnight that ends its day."""
    return span(start, end)[1] > DAY


def clock(time: dt.time) -> str:
    """"HH:MM", and "24:00" for the end of the day."""
    return "24:00" if time == END_OF_DAY else f"{time:%H:%M}"


def period(start: dt.time, end: dt.time) -> str:
    """"19:00-01:00 (next day)" for an event past midnight, else "10:00-14:30"."""
    text = f"{clock(start)}-{clock(end)}"
    return tr("{span} (next day)", span=text) if minute_of_day(end) < minute_of_day(start) else text
