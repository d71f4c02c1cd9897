"""The facts behind `expensecli rates`: which sheets are found, and whether new sheet files are good.

A controller adding next year's sheet runs `rates check` on it before putting it in use; every
problem names the file and the line, as `--rates` would report it, and overlapping validity
periods among the files checked together are reported too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from expensecli.load.ratebook import RateSheetError, load_rate_sheet, load_ratebook, sheet_files
from expensecli.models.ratebook import overlaps
from expensecli.models.rates import RateSheet


@dataclass(frozen=True)
class FoundSheet:
    """A rate sheet `rates list` shows: where it came from and whether this run uses it."""

    sheet: RateSheet
    file: str
    origin: str  # "bundled" or "--rates"
    in_use: bool


@dataclass(frozen=True)
class SheetCheck:
    """A rate sheet file as `rates check` judged it: its sheet, or every problem it has."""

    file: str
    sheet: RateSheet | None  # None when the file is not a usable sheet
    error: str | None = None  # every problem, one line each


def found_sheets(rates: Path | None) -> list[FoundSheet]:
    """The bundled sheets and, with `--rates`, those too; `--rates` replaces the bundled ones."""
    found = []
    if rates is not None:
        book = load_ratebook(rates)
        found += [FoundSheet(s, f, "--rates", True) for s, f in zip(book.sheets, book.files)]
    bundled = load_ratebook(None)
    found += [FoundSheet(s, f, "bundled", rates is None) for s, f in zip(bundled.sheets, bundled.files)]
    return found


def check_sheet_files(paths: list[Path]) -> list[SheetCheck]:
    """Load each file (folders: their *.yaml/*.yml); then compare the good ones' periods."""
    checks: list[SheetCheck] = []
    for path in paths:
        try:
            files = sheet_files(path)
        except RateSheetError as error:
            checks.append(SheetCheck(str(path), None, str(error)))
            continue
        for file in files:
            try:
                checks.append(SheetCheck(str(file), load_rate_sheet(file)))
            except RateSheetError as error:
                checks.append(SheetCheck(str(file), None, "\n".join(error.problems)))
    return _with_overlaps(checks)


def _with_overlaps(checks: list[SheetCheck]) -> list[SheetCheck]:
    clashes = overlaps([(c.sheet, c.file) for c in checks if c.sheet is not None])
    return [SheetCheck(c.file, c.sheet, clashes[c.file]) if c.file in clashes else c for c in checks]
