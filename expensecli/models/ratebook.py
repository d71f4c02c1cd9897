"""The rate sheets in force, and which one covers a date.

A claim is checked against the sheet covering the date in question; when none does, the
nearest earlier sheet (else the first) is used and the choice says it was not exact (RT001).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from expensecli.core.i18n import tr
from expensecli.models.rates import RateSheet


@dataclass(frozen=True)
class SheetChoice:
    """The rate sheet chosen for a date, and whether it covers that date."""

    sheet: RateSheet
    exact: bool  # False: no sheet covers the date, this is the nearest one (RT001)


@dataclass(frozen=True)
class RateBook:
    """The rate sheets of a run, from which each date's sheet is chosen."""

    sheets: tuple[RateSheet, ...]  # sorted by valid_from, periods do not overlap
    files: tuple[str, ...]

    def choose(self, day: dt.date) -> SheetChoice:
        for sheet in self.sheets:
            if sheet.covers(day):
                return SheetChoice(sheet, True)
        earlier = [sheet for sheet in self.sheets if sheet.valid_to < day]
        if earlier:
            return SheetChoice(earlier[-1], False)
        return SheetChoice(self.sheets[0], False)

    def by_year(self, year: int) -> RateSheet | None:
        return next((sheet for sheet in self.sheets if sheet.year == year), None)


def overlaps(sheets: list[tuple[RateSheet, str]]) -> dict[str, str]:
    """file -> the error for each sheet whose validity overlaps an earlier one (one date needs
    one sheet); each is compared with the earlier sheet that reaches furthest."""
    ordered = sorted(sheets, key=lambda item: item[0].valid_from)
    clashes: dict[str, str] = {}
    for index, (second, second_file) in enumerate(ordered[1:], start=1):
        first, first_file = max(ordered[:index], key=lambda item: item[0].valid_to)
        if second.valid_from <= first.valid_to:
            valid, other_valid = valid_period(second), valid_period(first)
            clashes[second_file] = tr(
                "{file}: rate sheet error: valid {valid} overlaps {other} (valid {other_valid}); one date needs one"
                " sheet", file=second_file, valid=valid, other=first_file, other_valid=other_valid)
    return clashes


def valid_period(sheet: RateSheet) -> str:
    """The period a sheet is valid for, as every text says it: "2024-01-01 to 2024-12-31"."""
    return tr("{first} to {last}", first=sheet.valid_from, last=sheet.valid_to)
