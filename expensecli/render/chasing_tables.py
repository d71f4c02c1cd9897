"""The `deadlines` and `status` reports as rich tables for a terminal; strings only.

Breaches are red and claims due soon yellow when colour is on; the layout is the same
without colour, so the plain text is stable for tests and logs. The tables fit `width`
(`render.fit`): claimants and days wrap at spaces, and at 80 columns the deadlines table
leaves out the base date and the role, saying so under the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from expensecli.core.i18n import mark, tr
from expensecli.policy.deadlines import Urgency
from expensecli.render.chasing import (
    INCOMPLETE,
    days_text,
    deadlines_summary_lines,
    submitted_text,
    total_text,
    unloaded_lines,
)
from expensecli.render.console import captured, direct_colour, text_console
from expensecli.render.fit import Column, Fitted, fit, left_out_note
from expensecli.render.plain_tables import table_lines
from expensecli.report.chasing import DeadlineRow, GroupBy, StatusSummary

_ROW_STYLE = {Urgency.late: "red", Urgency.due_soon: "yellow"}
# The fields of --group-by as a table names them (its header capitalises the name).
GROUP_NAMES = {GroupBy.unit: mark("unit"), GroupBy.cost_centre: mark("cost centre"),
               GroupBy.work_order: mark("work order"), GroupBy.role: mark("role")}


def _claimant() -> Column:
    return Column(tr("Claimant"), wrap=True, least=16)  # names wrap only when long


def _role() -> Column:
    return Column(tr("Role"), drop=2)


def _total() -> Column:
    return Column(tr("Total NOK"), right=True)


def _show(console, title: str, table: FittedTable, left_out: str = "") -> None:
    console.print(title, style="bold")
    table.print(console)
    if left_out:
        console.print(left_out, style="dim")
    console.print()


@dataclass(frozen=True)
class FittedTable:
    """Rows fitted to a width (`render.fit`), with each row's style and whether the last one
    stands apart (a total): drawn by rich, or written as rich draws it (`plain_tables`)."""

    fitted: Fitted
    width: int
    styles: tuple[str | None, ...] = ()
    last_apart: bool = False

    def print(self, console) -> None:
        """Written as fitted; a table wider than the line (nothing left to drop or shorten) is
        drawn at its own width, so that rich does not cut its ids, amounts and dates to fit."""
        color = direct_colour(console)
        fitted = self.fitted
        width = max(self.width, sum(fitted.widths) + 3 * (len(fitted.widths) - 1))
        lines = None if color is None else table_lines(fitted, self.styles, self.last_apart, color, width)
        if lines is not None:
            console.file.write("".join(line + "\n" for line in lines))
        elif width > console.width:
            wide = text_console(color=console.is_terminal and console.color_system is not None, width=width)
            wide.print(self.rich_table())
            console.file.write(captured(wide))
        else:
            console.print(self.rich_table())

    def rich_table(self):
        from rich import box
        from rich.table import Table

        fitted = self.fitted
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for index, (column, size) in enumerate(zip(fitted.columns, fitted.widths)):
            table.add_column(fitted.header(index), justify="right" if column.right else "left", width=size,
                             no_wrap=not column.wrap, overflow="fold")
        for n, row in enumerate(fitted.rows):
            if self.last_apart and n == len(fitted.rows) - 1:
                table.add_section()
            table.add_row(*row, style=self.styles[n] if n < len(self.styles) else None)
        return table


def fitted_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int,
                 styles: Sequence[str | None] = (), last_apart: bool = False) -> tuple[FittedTable, str]:
    """A table of `rows` fitted to `width`, and the note naming the columns left out (or "")."""
    fitted = fit(columns, rows, width, gap=3)  # padding 1 on each side and a space between
    left_out = left_out_note(fitted.dropped, width) if fitted.dropped else ""
    if fitted.folder:
        left_out = "; ".join(filter(None, (tr("files in {folder}", folder=fitted.folder), left_out)))
    return FittedTable(fitted, width, tuple(styles), last_apart), left_out


def deadlines_table(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str], *, color: bool,
                    quiet: bool = False, width: int = 120) -> str:
    console = text_console(color, width)
    if rows:
        columns = [Column(tr("Claim")), _claimant(), Column(tr("Role"), drop=1),
                   Column(tr("Kind"), drop=2), Column(tr("Base date"), drop=3), Column(tr("Deadline")),
                   Column(tr("Submitted")), Column(tr("Days"), right=True, wrap=True)]
        cells = [(row.claim.id or "", row.claim.claimant or "", row.claim.role or "", row.claim.kind or "",
                  str(row.deadline.base), str(row.deadline.due), submitted_text(row), days_text(row)) for row in rows]
        table, left_out = fitted_table(columns, cells, width, [_ROW_STYLE.get(row.urgency) for row in rows])
        _show(console, tr("Deadlines as of {date}", date=as_of), table, left_out)
    if not quiet:
        for line in deadlines_summary_lines(rows, as_of, unloaded):
            console.print(line)
    return _ended(captured(console))


def status_table(summary: StatusSummary, as_of: dt.date, *, color: bool, quiet: bool = False,
                 width: int = 120) -> str:
    console = text_console(color, width)
    tallies = [(status.value, tally) for status, tally in summary.by_status.items()] + [(tr("all"), summary.overall)]
    table, _ = fitted_table([Column(tr("Status")), Column(tr("Claims"), right=True), _total()],
                      [(name, str(t.claims), total_text(t.total, t.complete)) for name, t in tallies], width,
                      [None] * len(summary.by_status) + ["bold"], last_apart=True)
    _show(console, tr("Claims by status as of {date}", date=as_of), table)
    if summary.returned:
        table, left_out = fitted_table(
            [Column(tr("Claim")), _claimant(), _role(), Column(tr("Kind"), drop=1), _total(),
             Column(tr("File"), path=True, least=32)],
            [(c.id or "", c.claimant or "", c.role or "", c.kind or "", total_text(c.total, c.total_complete), c.file)
             for c in summary.returned], width)
        _show(console, tr("Returned claims ({count})", count=len(summary.returned)), table, left_out)
    else:
        console.print(tr("Returned claims: none") + "\n")
    if summary.overdue:
        table, left_out = fitted_table(
            [Column(tr("Claim")), _claimant(), _role(), Column(tr("Status"), drop=1), Column(tr("Deadline")),
             Column(tr("Days late"), right=True), _total()],
            [(c.id or "", c.claimant or "", c.role or "", c.status or "", str(c.deadline.due),
              str(c.deadline.days_late), total_text(c.total, c.total_complete)) for c in summary.overdue],
            width, ["red"] * len(summary.overdue))
        _show(console, tr("Unsubmitted claims past their deadline ({count})", count=len(summary.overdue)), table,
              left_out)
    else:
        console.print(tr("Unsubmitted claims past their deadline: none") + "\n")
    if summary.group_by is not None:
        name = tr(GROUP_NAMES[summary.group_by])
        table, _ = fitted_table(
            [Column(name.capitalize(), wrap=True), Column(tr("Claims"), right=True), _total(),
             Column(tr("Errors"), right=True), Column(tr("Warnings"), right=True), Column(tr("Infos"), right=True)],
            [(key or tr("(none)"), str(t.claims), total_text(t.total, t.complete), str(t.errors), str(t.warnings),
              str(t.infos)) for key, t in summary.groups], width)
        _show(console, tr("Totals and findings by {field}", field=name), table)
    if not summary.overall.complete:
        console.print(tr(INCOMPLETE))
    if not quiet:
        for line in unloaded_lines(summary.unloaded):
            console.print(line)
    return _ended(captured(console))


def _ended(text: str) -> str:
    """The text without the blank line that follows each section when nothing comes after it."""
    return text.rstrip("\n") + "\n" if text.endswith("\n\n") else text
