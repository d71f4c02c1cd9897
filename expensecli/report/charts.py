"""Charts as data: what a chart shows, independent of how it is drawn.

The report's figures become `Chart`s here, and a renderer draws them (the HTML page draws
them as SVG with pygal and prints the same numbers as a table beside each). Keeping the
description neutral means new charts need no drawing code: the run history of a ledger, for
instance, becomes a `Chart(kind=Kind.line, labels=run dates, series=(open findings,))` and is
appended to `Overview.charts`.

Each series has a `Tone`, not a colour: the renderer maps tones to a palette that stays
apart in greyscale and for colour-blind readers. `columns` is the text alternative when it
should say more than the drawn series (a stacked bar of "within the limit" and "over" is
read as cost, limit and excess).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

Number = int | Decimal | None


class Kind(StrEnum):
    bar = "bar"  # vertical bars, one group per label
    hbar = "hbar"  # horizontal bars: long labels (codes with titles, events)
    stacked_hbar = "stacked_hbar"  # horizontal bars whose series add up
    line = "line"  # a value over time (labels are the points in order)


class Unit(StrEnum):
    count = "count"
    nok = "NOK"


class Tone(StrEnum):
    """What a series means, for its colour: `alert` is the darkest, `quiet` the lightest."""

    main = "main"  # the plain figure
    alert = "alert"  # what needs action: errors, breaches, excess
    caution = "caution"  # what needs attention soon: warnings, due soon
    quiet = "quiet"  # context: infos, unused room under a limit


@dataclass(frozen=True)
class Series:
    """One named row of values of a chart."""

    name: str
    values: tuple[Number, ...]
    tone: Tone = Tone.main


@dataclass(frozen=True)
class Column:
    """One column of a chart's text alternative: numbers, or text (`unit=None`)."""

    name: str
    values: tuple[Number | str, ...]
    unit: Unit | None = Unit.count


@dataclass(frozen=True)
class Chart:
    """A chart of the manager's report, in numbers: drawn as SVG and given as a table beside it."""

    key: str  # a stable id: "status-claims", "findings-by-code"
    title: str
    caption: str  # one sentence: what to read from it
    kind: Kind
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: Unit = Unit.count
    label_name: str = ""  # the heading of the labels in the text alternative
    columns: tuple[Column, ...] = ()  # the text alternative; default: the series
    note: str | None = None  # what is left out ("12 more events are not drawn")

    @property
    def empty(self) -> bool:
        return not self.labels or all(not value for s in self.series for value in s.values)

    @property
    def table(self) -> tuple[Column, ...]:
        if self.columns:
            return self.columns
        return tuple(Column(s.name, s.values, self.unit) for s in self.series)

    @property
    def bars(self) -> int:
        """How many bars are drawn: one per label and series with a value other than zero."""
        return sum(1 for s in self.series for value in s.values if value)
