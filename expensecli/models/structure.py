"""Shape rules that depend on other fields, reported as LOAD004 like any schema error.

pydantic checks each field on its own; these are the "required when" conditions of
claim-format.md that have no rule code of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from expensecli.core.clock import clock, duration_minutes, same_time
from expensecli.core.locations import Path
from expensecli.models.claim import EVENT_CATEGORIES, Category, Claim, Event, EventType, Kind


def structure_problems(claim: Claim) -> Iterator[tuple[Path, str]]:
    if claim.kind is Kind.travel and claim.trip is None:
        yield ("trip",), "missing required field 'trip': a travel claim needs trip.start and trip.end"
    if claim.trip is not None and claim.trip.end < claim.trip.start:
        yield ("trip", "end"), f"trip.end {claim.trip.end} is before trip.start {claim.trip.start}"
    for index, expense in enumerate(claim.expenses):
        here: Path = ("expenses", index)
        if expense.category in EVENT_CATEGORIES and expense.event is None:
            yield here + ("category",), (
                f"missing required field 'event': a {expense.category} expense needs an event block")
        if expense.category not in EVENT_CATEGORIES and expense.event is not None:
            yield here + ("event",), (
                f"an event block belongs to catering or representation, not {expense.category}")
        if expense.category is Category.other and not expense.description:
            yield here + ("category",), "missing required field 'description': category other needs a description"
        if expense.event is not None:
            yield from _event_problems(expense.event, here + ("event",))


def _event_problems(event: Event, here: Path) -> Iterator[tuple[Path, str]]:
    if event.participants.total == 0:
        yield here + ("participants",), "participants: at least one participant (internal + external) is needed"
    if (event.start is None) != (event.end is None):
        given = "start" if event.start is not None else "end"
        yield here + (given,), "event: give both start and end, or neither"
        return
    if event.start is not None and event.end is not None:
        if same_time(event.start, event.end):
            yield here + ("end",), (f"event end {clock(event.end)} equals start {clock(event.start)}; an end"
                                    " earlier than the start is the next day, \"24:00\" is midnight")
            return
        if event.hours is not None:
            span = _hours_between(event.start, event.end)
            if span != event.hours:
                yield here + ("hours",), (
                    f"event hours {event.hours} disagree with start {clock(event.start)} and end "
                    f"{clock(event.end)} ({span} hours)")
    elif event.hours is None and event.type in (EventType.meeting, EventType.special):
        yield here, "event: give start and end, or hours, so the limit's tier can be found"


def _hours_between(start: dt.time, end: dt.time) -> Decimal:
    return (Decimal(duration_minutes(start, end)) / 60).quantize(Decimal("0.01"))
