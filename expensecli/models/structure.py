"""Shape rules that depend on other fields, reported as LOAD004 like any schema error.

pydantic checks each field on its own; these are the "required when" conditions of
claim-format.md that have no rule code of their own. For a claim the schema refused, those
that can be judged on the data as read (`unvalidated_problems`) are reported beside the
schema's errors, so that one run names every violation (rules.md: one finding per violation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from expensecli.core.clock import clock, duration_minutes, same_time
from expensecli.core.i18n import decimal_sign, tr
from expensecli.core.locations import Path
from expensecli.models.claim import EVENT_CATEGORIES, Category, Claim, Event, EventType, Kind


def structure_problems(claim: Claim) -> Iterator[tuple[Path, str]]:
    if claim.kind is Kind.travel and claim.trip is None:
        yield ("trip",), _no_trip()
    if claim.trip is not None and claim.trip.end < claim.trip.start:
        yield ("trip", "end"), tr("trip.end {end} is before trip.start {start}", end=claim.trip.end,
                                  start=claim.trip.start)
    for index, expense in enumerate(claim.expenses):
        here: Path = ("expenses", index)
        yield from _expense_problems(expense.category, expense.event is not None, bool(expense.description), here)
        if expense.event is not None:
            yield from _event_problems(expense.event, here + ("event",))


def unvalidated_problems(data: dict) -> Iterator[tuple[Path, str]]:
    """The conditions of `structure_problems` that the data as read decides, for a claim the
    schema refused: a travel claim without `trip`, an expense whose (valid) category needs an
    event block or a description, or has an event block it may not. A value the schema refused
    is left to its own error."""
    if data.get("kind") == Kind.travel.value and data.get("trip") is None:  # a value of any type compares
        yield ("trip",), _no_trip()
    expenses = data.get("expenses")
    for index, expense in enumerate(expenses if isinstance(expenses, list) else ()):
        category = expense.get("category") if isinstance(expense, dict) else None
        if not isinstance(category, str) or category not in _CATEGORIES:  # a list or a mapping is no key
            continue
        description = expense.get("description")
        # absent or blank; a value that is not text is the schema's to refuse
        described = description is not None and (not isinstance(description, str) or bool(description.strip()))
        yield from _expense_problems(Category(category), expense.get("event") is not None, described,
                                     ("expenses", index))


_CATEGORIES = frozenset(category.value for category in Category)


def _no_trip() -> str:
    return tr("missing required field 'trip': a travel claim needs trip.start and trip.end")


def _expense_problems(category: Category, has_event: bool, described: bool, here: Path) -> Iterator[tuple[Path, str]]:
    if category in EVENT_CATEGORIES and not has_event:
        yield here + ("category",), tr("missing required field 'event': a {category} expense needs an event block",
                                       category=category)
    if category not in EVENT_CATEGORIES and has_event:
        yield here + ("event",), tr("an event block belongs to catering or representation, not {category}",
                                    category=category)
    if category is Category.other and not described:
        yield here + ("category",), tr("missing required field 'description': category other needs a description")


def _event_problems(event: Event, here: Path) -> Iterator[tuple[Path, str]]:
    if event.participants.total == 0:
        yield here + ("participants",), tr("participants: at least one participant (internal + external) is needed")
    if (event.start is None) != (event.end is None):
        given = "start" if event.start is not None else "end"
        yield here + (given,), tr("event: give both start and end, or neither")
        return
    if event.start is not None and event.end is not None:
        if same_time(event.start, event.end):
            yield here + ("end",), tr("event end {end} equals start {start}; an end earlier than the start is the"
                                      " next day, \"24:00\" is midnight", end=clock(event.end),
                                      start=clock(event.start))
            return
        if event.hours is not None:
            span = _hours_between(event.start, event.end)
            if span != event.hours:
                yield here + ("hours",), tr("event hours {hours} disagree with start {start} and end {end} ({span}"
                                            " hours)", hours=_figure(event.hours), start=clock(event.start),
                                            end=clock(event.end), span=_figure(span))
    elif event.hours is None and event.type in (EventType.meeting, EventType.special):
        yield here, tr("event: give start and end, or hours, so the limit's tier can be found")


def _hours_between(start: dt.time, end: dt.time) -> Decimal:
    return (Decimal(duration_minutes(start, end)) / 60).quantize(Decimal("0.01"))


def _figure(value: Decimal) -> str:
    """Hours as written in the file ("2.50"), with a decimal comma in bokmål output ("2,50")."""
    return decimal_sign(str(value))
