"""Plain aligned columns and rate figures as the policy page writes them, for the catalogue
commands (`rules`, `rates`, `config show`): no colour, the same bytes on a terminal and in a
pipe. Every cell and every text figure is made `printable`: a rate sheet, a file name or a
configuration file is as open to anyone as a claim is, in a shared folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from expensecli.core.i18n import tr
from expensecli.core.text import printable
from expensecli.core.values import money_display, number_display
from expensecli.models.rates import WorkingHours


def columns(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset(),
            indent: str = "") -> str:
    """A header, a rule of dashes and the rows, columns two spaces apart; `right` aligns right."""
    table = [list(header), *[[printable(cell) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    table.insert(1, ["-" * width for width in widths])
    lines = []
    for row in table:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append(indent + "  ".join(cells).rstrip())
    return "".join(line + "\n" for line in lines)


def amount_display(value: Decimal) -> str:
    """Whole kroner without decimals, others with two, thousands spaced: `1 110`, `760.50`
    (`760,50` in bokmål)."""
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", " ")
    return money_display(value)


def figure_display(path: str, value: Any) -> str:
    """A rate-sheet field as a controller reads it (factors and hours as plain numbers)."""
    if isinstance(value, Decimal):
        plain = path.endswith(("_factor", "_hours"))
        return number_display(value) if plain else amount_display(value)
    if value is None:
        return tr("null (off)")
    if isinstance(value, (dt.date, int)):
        return str(value)
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {figure_display(path, item)}" for key, item in value.items()) or tr("(none)")
    if isinstance(value, (list, tuple)):
        separator = ", " if all(isinstance(item, str) for item in value) else "; "
        return separator.join(figure_display(path, item) for item in value) or tr("(none)")
    if isinstance(value, WorkingHours):
        return f"{value.from_}..{value.to} {value.start:%H:%M}-{value.end:%H:%M}"
    return str(value)
