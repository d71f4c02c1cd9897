"""The `deadlines` and `status` tables written line by line as rich draws them.

A rich `Table` measures and renders every cell of every row: half of a `deadlines` run over
10 000 claims went to drawing its one table. Its columns are fitted beforehand (`render.fit`:
each one's width, justification and whether it wraps), so the lines rich draws follow from
the cells alone, and are written here directly, with rich's escape codes when in colour
(`render.console.SGR`: the header bold, a row in its style, its padding too; the gaps between
columns plain). Only text
whose every character is one cell wide (`render.folding.ONE_CELL`) is written so; a table
with any other, a style these do not know or a width over the line's is drawn by rich. Tests
hold the lines to rich's for any cells, widths, styles and sections.
"""

from __future__ import annotations

from collections.abc import Sequence

from expensecli.render.console import RESET, SGR
from expensecli.render.fit import Column, Fitted
from expensecli.render.folding import ONE_CELL, one_cell_breaks

GAP = 3  # between two columns: a cell's padding on each side and a space


def table_lines(fitted: Fitted, styles: Sequence[str | None], last_apart: bool, color: bool,
                width: int) -> list[str] | None:
    """The lines rich draws of `fitted` as a table with a simple head (ends of lines stripped):
    the headers, a rule, the rows (row n in `styles[n]` when in `color`), the last row a blank
    line apart when `last_apart`. None when only rich knows how they look."""
    widths, columns = fitted.widths, fitted.columns
    headers = [fitted.header(index) for index in range(len(columns))]
    texts = [*headers, *(cell for row in fitted.rows for cell in row)]
    total = sum(widths) + GAP * (len(widths) - 1)
    if not widths or total > width or not all(
            ONE_CELL.issuperset(text.replace("\n", "")) for text in texts):
        return None
    if color and any(style not in SGR for style in styles if style):
        return None
    lines = _row(headers, columns, widths, "bold" if color else None, bottom=True)
    lines.append("─" * total)
    for n, row in enumerate(fitted.rows):
        if last_apart and n == len(fitted.rows) - 1 and n:  # rich has no line before a first row
            lines.append("")
        lines += _row(row, columns, widths, styles[n] if color and n < len(styles) else None)
    return [line.rstrip() for line in lines]


def _row(cells: Sequence[str], columns: Sequence[Column], widths: Sequence[int], style: str | None,
         bottom: bool = False) -> list[str]:
    """A row's lines: each cell's lines side by side, a short cell filled with blank lines
    below it (above it when `bottom`, as rich aligns the headers)."""
    shaped = [_cell(text, column, size) for text, column, size in zip(cells, columns, widths)]
    height = max(len(lines) for lines in shaped)
    parts = []  # per column: (text, whether it is a line of the cell's own) for each line of the row
    for lines, size in zip(shaped, widths):
        blank = [(" " * size, False)] * (height - len(lines))
        own = [(line, True) for line in lines]
        parts.append(blank + own if bottom else own + blank)
    if style is None:
        return [(" " * GAP).join(text for text, _ in line) for line in zip(*parts)]
    on, last = SGR[style], len(widths) - 1
    # rich writes a cell's own line and its padding as separate runs of the row's style, and a
    # blank line that fills a short cell together with its padding as one; the space between
    # two columns is in no style
    return [" ".join(_styled(text, own, on, column > 0, column < last) for column, (text, own) in enumerate(line))
            for line in zip(*parts)]


def _styled(text: str, own: bool, on: str, left: bool, right: bool) -> str:
    pad_left, pad_right = " " * left, " " * right
    if not own:
        return f"{on}{pad_left}{text}{pad_right}{RESET}"
    return (f"{on} {RESET}" if left else "") + f"{on}{text}{RESET}" + (f"{on} {RESET}" if right else "")


def _cell(text: str, column: Column, size: int) -> list[str]:
    """A cell's lines, each `size` wide: its text's lines, folded at spaces in a column that
    wraps (else cut at `size`), then aligned left, or right without their trailing spaces."""
    lines = []
    for line in text.split("\n"):
        ends = [0, *one_cell_breaks(line, size), len(line)] if column.wrap else [0, len(line)]
        for start, end in zip(ends, ends[1:]):
            piece = line[start:end]
            lines.append(piece.rstrip()[:size].rjust(size) if column.right else piece[:size].ljust(size))
    return lines
