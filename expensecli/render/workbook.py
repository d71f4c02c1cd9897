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
    name: str  # the header, in English (marked); written in the language of the run
    type: Type = Type.text
    width: int | None = None  # in characters; default from the type and the name


@dataclass(frozen=True)
class Sheet:
    name: str  # in English (marked), translated when written; at most 31 characters, none of []:*?/\
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[object]]


WIDTHS = {Type.text: 18, Type.int: 9, Type.money: 14, Type.date: 12, Type.bool: 8}


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The xlsx file holding `sheets`, in order."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF2F6", "text_wrap": True,
                              "valign": "top"})
    styles = {Type.money: book.add_format({"num_format": "#,##0.00"}),
              Type.date: book.add_format({"num_format": "yyyy-mm-dd"})}
    for sheet in sheets:
        page = book.add_worksheet(tr(sheet.name)[:31])
        for column, spec in enumerate(sheet.columns):
            name = tr(spec.name)
            page.write_string(0, column, name, header)
            page.set_column(column, column, spec.width or max(WIDTHS[spec.type], len(name) + 2),
                            styles.get(spec.type))
        for number, values in enumerate(sheet.rows, start=1):
            for column, (spec, value) in enumerate(zip(sheet.columns, values)):
                _write(page, number, column, spec.type, value, styles.get(spec.type))
        page.freeze_panes(1, 0)
        page.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    book.close()
    return buffer.getvalue()


def _write(page, row: int, column: int, kind: Type, value: object, style) -> None:
    if value is None or value == "":
        return
    if kind is Type.money:
        page.write_number(row, column, round_cents(Decimal(value)), style)  # written as its exact digits
    elif kind is Type.int:
        page.write_number(row, column, value, style)
    elif kind is Type.date:
        page.write_datetime(row, column, dt.datetime.combine(value, dt.time()), style)
    elif kind is Type.bool:
        page.write_boolean(row, column, bool(value))
    else:
        page.write_string(row, column, str(value))
