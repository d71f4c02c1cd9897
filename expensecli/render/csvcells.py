"""CSV cells that a spreadsheet cannot run: the one place every `csv` format writes its cells.

A claim's id, claimant, unit or file name that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return would be read by Excel, LibreOffice or Google Sheets as a formula (CSV or
formula injection: `=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Following the OWASP rule, such a
text cell is written with a leading apostrophe, which spreadsheets show as text; numbers
(line, column, `-12.50`) are left as they are. Control characters were escaped already
(`core.text.printable`), so no cell can forge a row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet will not evaluate it: None -> "", booleans as true/false, and text
    starting like a formula (and not a plain number) prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header and rows as CSV (LF line ends), every cell through `safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def csv_header(header: Sequence[str]) -> str:
    """The header line as `csv_text` writes it."""
    return csv_text(header, ())
