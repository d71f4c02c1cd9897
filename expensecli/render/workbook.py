"""Write tables to an xlsx workbook (`-f xlsx`): typed cells, one sheet per part of a report.

A spreadsheet should open as a spreadsheet: dates are dates, NOK amounts are numbers shown
with two decimals, counts are numbers, and each sheet has a frozen header row with filters.
Every cell is written with the method of its column's type (`write_string`, `write_number`,
...), never with XlsxWriter's guessing `write()`, and the workbook is opened with formula,
URL and number detection off: a claim id such as `=HYPERLINK("http://x")` stays the text it
is. XlsxWriter is write-only and fast; it is imported only when a workbook is made. This is
the one renderer that returns bytes (an xlsx file is a zip archive).

Sheet names and column headers are for people: they are declared in English (marked) and
written in the language of the run; the cells stay typed whatever the language.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from expensecli.core.i18n import tr
from expensecli.core.values import round_cents


class Type(StrEnum):
    text = "text"
    int = "int"
    money = "money"  # NOK, two decimals
    date = "date"
    bool = "bool"


@dataclass(frozen=True)
class Column:
    """A column of a workbook sheet: its header, the type of its cells and its width."""

    name: str  # the header, in English (marked); written in the language of the run
    type: Type = Type.text
    width: int | None = None  # in characters; default from the type and the name


@dataclass(frozen=True)
class Sheet:
    """A sheet of a workbook: its name, columns and rows."""

    name: str  # in English (marked), translated when written; at most 31 characters, none of []:*?/\
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[object]]


WIDTHS = {Type.text: 18, Type.int: 9, Type.money: 14, Type.date: 12, Type.bool: 8}


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The xlsx file holding `sheets`, in order."""
    buffer = io.BytesIO()
    book = Book(buffer)
    for sheet in sheets:
        page = book.sheet(sheet.name, sheet.columns)
        for values in sheet.rows:
            page.add(values)
        page.finish()
    book.close()
    return buffer.getvalue()


class Book:
    """An xlsx workbook written a row at a time, each sheet's rows in order, to `target` (a
    file name or a binary stream): built in memory, or with `tmpdir` (a folder, removed by the
    caller) in XlsxWriter's constant-memory mode, where each sheet's rows go to a temporary file
    there as they are written and its strings are written in the cell rather than in the shared
    table. A spreadsheet reads the two the same; memory stays flat in the second however many
    rows there are. The sheets are in the order `sheet` is asked for them, and rows may be added
    to any sheet already made, in any turn, as long as each sheet's own rows come in order."""

    def __init__(self, target, tmpdir: str | None = None):
        import xlsxwriter

        options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        if tmpdir is None:
            options["in_memory"] = True
        else:
            options.update(constant_memory=True, tmpdir=tmpdir)
        self.book = xlsxwriter.Workbook(target, options)
        self.header = self.book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF2F6", "text_wrap": True,
                                            "valign": "top"})
        self.styles = {Type.money: self.book.add_format({"num_format": "#,##0.00"}),
                       Type.date: self.book.add_format({"num_format": "yyyy-mm-dd"})}

    def sheet(self, name: str, columns: Sequence[Column]) -> Page:
        """A sheet named `name` (in English, marked; written translated) after those made before,
        with its header row."""
        return Page(self, name, columns)

    def close(self) -> None:
        self.book.close()


class Page:
    """One sheet of a `Book`: its header written, rows added in order, `finish`ed once at the end."""

    def __init__(self, book: Book, name: str, columns: Sequence[Column]):
        self.page = page = book.book.add_worksheet(tr(name)[:31])
        self.types = [(spec.type, book.styles.get(spec.type)) for spec in columns]
        self.rows = 0
        for column, spec in enumerate(columns):
            name = tr(spec.name)
            page.write_string(0, column, name, book.header)
            page.set_column(column, column, spec.width or max(WIDTHS[spec.type], len(name) + 2),
                            book.styles.get(spec.type))

    def add(self, values: Sequence[object]) -> None:
        """The next row: one value a column, of its column's type (None or "": an empty cell)."""
        self.rows += 1
        for column, ((kind, style), value) in enumerate(zip(self.types, values)):
            _write(self.page, self.rows, column, kind, value, style)

    def finish(self) -> None:
        """The frozen header row and the filter over the rows written."""
        self.page.freeze_panes(1, 0)
        self.page.autofilter(0, 0, max(self.rows, 1), len(self.types) - 1)


FIRST_YEAR = 1900  # a spreadsheet's dates start on 1900-01-01; an earlier one would be a negative number


def _write(page, row: int, column: int, kind: Type, value: object, style) -> None:
    if value is None or value == "":
        return
    if kind is Type.money:
        page.write_number(row, column, round_cents(Decimal(value)), style)  # written as its exact digits
    elif kind is Type.int:
        page.write_number(row, column, value, style)
    elif kind is Type.date:
        if value.year < FIRST_YEAR:  # before the spreadsheet's calendar: as text (a year mistyped, 0224)
            page.write_string(row, column, value.isoformat())
        else:
            page.write_datetime(row, column, dt.datetime.combine(value, dt.time()), style)
    elif kind is Type.bool:
        page.write_boolean(row, column, bool(value))
    else:
        text = str(value)
        if text.startswith("<r>") and text.endswith("</r>"):
            # XlsxWriter takes such a string for its own rich-text markup and writes it into the
            # sheet unescaped (a claim could forge cells or break the file); as three plain runs
            # of rich text, each escaped, it is the same text
            page.write_rich_string(row, column, text[:1], text[1:2], text[2:])
        else:
            page.write_string(row, column, text)
