"""Tables that fit the terminal: the width of each column, chosen before anything is drawn.

A table at its natural width is used as it is. When it is wider than the terminal, in this
order: a file column loses the folder all its paths share (named once by the caller), text
columns wrap at spaces down to their longest word, headers wrap, a path is shortened in the
middle (`examples/…/board-lunch.yaml`), and last, columns marked droppable are left out, the
least needed first (the caller says which were, so nothing is left out silently); then a path
column gives up a `least` of its own for MIN_PATH, and a text column wraps down to its longest
word. Nothing else is ever cut: a
claim id, an amount or a date shown in part could be read as another one, so a table that still
does not fit is wider than the line (the terminal wraps it) rather than cut. Widths are
computed from every row of a report at once, so they are the same across its parts. The
renderers draw the table with these widths (rich or tabulate); this module only counts.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from expensecli.core.i18n import tr

ELLIPSIS = "…"
MIN_PATH = 16  # a shortened path narrower than this says too little: drop other columns first


@dataclass(frozen=True)
class Column:
    """A column of a plain table, and how it may give way when the table is too wide for the line."""

    header: str
    right: bool = False
    wrap: bool = False  # the cells may wrap at spaces
    path: bool = False  # file paths: shortened in the middle rather than wrapped
    drop: int = 0  # left out when nothing else makes the table fit; the highest number first (0: never)
    least: int | None = None  # narrowest a text (10) or path (MIN_PATH) column gets before others are dropped


@dataclass(frozen=True)
class Fitted:
    """A plain table fitted to the line: the columns kept, their widths and their cells."""

    columns: list[Column]  # the columns shown, in order
    widths: list[int]  # their widths
    rows: list[list[str]]  # the cells of those columns (paths shortened)
    folder: str = ""  # the folder every path of the path column was in, left out of the cells
    dropped: list[str] = field(default_factory=list)  # headers of the columns left out
    header_pad: int = 0

    def header(self, index: int) -> str:
        """The header of a shown column, wrapped to its width when it is wider (to one character at
        least: a blank header over blank cells is fitted to no width at all)."""
        header, width = self.columns[index].header, self.widths[index] - self.header_pad
        return header if len(header) <= width else "\n".join(textwrap.wrap(header, max(width, 1))) or header


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, gap: int = 2,
        header_pad: int = 0) -> Fitted:
    """Widths for `rows` under `columns` within `width` characters, columns `gap` apart; a column
    is at least `header_pad` wider than its header (tabulate's headers take 2 more)."""
    columns, rows = list(columns), [list(row) for row in rows]
    folder = ""
    if _total(_natural(columns, rows, header_pad), gap) > width:
        folder, rows = _without_common_folder(columns, rows)
    natural = _natural(columns, rows, header_pad)
    least = [_least(column, [row[i] for row in rows], natural[i], header_pad) for i, column in enumerate(columns)]
    keep = list(range(len(columns)))
    while _total([least[i] for i in keep], gap) > width and any(columns[i].drop for i in keep):
        keep.remove(max((i for i in keep if columns[i].drop), key=lambda i: (columns[i].drop, i)))
    if _total([least[i] for i in keep], gap) > width:  # a path or a text may still give up its own `least`
        for i in keep:
            column = columns[i]
            if column.wrap or column.path and column.least:
                plain = Column(column.header, path=column.path, wrap=column.wrap, least=None if column.path else 1)
                least[i] = _least(plain, [row[i] for row in rows], natural[i], header_pad)
    widths = {i: natural[i] for i in keep}
    if _total(list(widths.values()), gap) > width:
        widths = {i: least[i] for i in keep}
        _spread(widths, natural, width - _total(list(widths.values()), gap))
    if not any(columns[i].path for i in keep):
        folder = ""  # the paths are not shown, so neither is their folder
    shown = [[shorten_path(row[i], widths[i]) if columns[i].path else row[i] for i in keep] for row in rows]
    return Fitted([columns[i] for i in keep], [widths[i] for i in keep], shown, folder,
                  [columns[i].header for i in range(len(columns)) if i not in keep], header_pad)


def _spread(widths: dict[int, int], natural: list[int], spare: int) -> None:
    """Share `spare` characters out evenly among the columns narrower than their content."""
    wanting = [i for i in widths if natural[i] > widths[i]]
    while spare > 0 and wanting:
        share = max(spare // len(wanting), 1)
        for i in wanting:
            more = min(share, natural[i] - widths[i], spare)
            widths[i] += more
            spare -= more
        wanting = [i for i in wanting if natural[i] > widths[i]]


def _total(widths: Sequence[int], gap: int) -> int:
    return sum(widths) + gap * max(len(widths) - 1, 0)


def _natural(columns: list[Column], rows: list[list[str]], header_pad: int) -> list[int]:
    return [max([len(column.header) + header_pad, *(len(row[i]) for row in rows)]) for i, column in enumerate(columns)]


def _least(column: Column, cells: list[str], natural: int, header_pad: int) -> int:
    """The narrowest a column may get: its longest word (text), MIN_PATH (paths), else its content."""
    header_word = max((len(word) for word in column.header.split()), default=0) + header_pad
    if column.path:
        return min(natural, max(column.least or MIN_PATH, header_word))
    content = max((len(cell) for cell in cells), default=0)
    if column.wrap:
        words = max((len(word) for cell in cells for word in cell.split()), default=0)
        return max(header_word, words, min(natural, column.least or 10))
    return max(header_word, content)


def _without_common_folder(columns: list[Column], rows: list[list[str]]) -> tuple[str, list[list[str]]]:
    """The folder all paths of the (first) path column share, and the rows without it."""
    index = next((i for i, column in enumerate(columns) if column.path), None)
    if index is None or not rows:
        return "", rows
    paths = [row[index] for row in rows]
    try:
        folder = os.path.commonpath(paths) if all(os.sep in path for path in paths) else ""
    except ValueError:  # absolute and relative paths together share no folder
        folder = ""
    if folder in paths:  # one file: its own path is no folder
        folder = os.path.dirname(folder)
    if not folder:
        return "", rows
    cut = len(folder) + len(os.sep)
    return folder + os.sep, [[*row[:index], row[index][cut:], *row[index + 1:]] for row in rows]


def shorten_path(path: str, width: int) -> str:
    """`path` in at most `width` characters: the first folder and the file name with `…` between
    (`examples/…/board-lunch.yaml`), else the file name alone (`…/board-lunch.yaml`), else the
    start and the end of the file name (`board-…nch.yaml`)."""
    if len(path) <= width:
        return path
    parts = path.split(os.sep)
    if len(parts) > 2 and len(shorter := os.sep.join((parts[0], ELLIPSIS, parts[-1]))) <= width:
        return shorter
    if len(parts) > 1 and len(tail := os.sep.join((ELLIPSIS, parts[-1]))) <= width:
        return tail
    name = parts[-1]
    if width < 3:
        return ELLIPSIS[:width]
    head = (width - 1) // 2  # the start of the file name and its end (with the extension), … between
    return name[:head] + ELLIPSIS + name[len(name) - (width - 1 - head):]


def left_out_note(dropped: Sequence[str], width: int) -> str:
    """The line under a table that names the columns left out to fit `width`."""
    return tr("{columns}: left out to fit {width} columns", columns=", ".join(dropped), width=width)
