"""The `deadlines` and `status` reports as rich tables for a terminal; strings only.

Breaches are red and claims due soon yellow when colour is on; the layout is the same
without colour, so the plain text is stable for tests and logs. The tables fit `width`
(`render.fit`): claimants and days wrap at spaces, and at 80 columns the deadlines table
leaves out the base date and the role, saying so under the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from expensecli.policy.deadlines import Urgency
from expensecli.render.chasing import (
    INCOMPLETE,
    days_text,
    deadlines_summary_lines,
    submitted_text,
    total_text,
    unloaded_lines,
)
from expensecli.render.console import captured, text_console
from expensecli.render.fit import Column, fit
from expensecli.report.chasing import DeadlineRow, StatusSummary

_ROW_STYLE = {Urgency.late: "red", Urgency.due_soon: "yellow"}
CLAIMANT = Column("Claimant", wrap=True, least=16)  # names wrap only when long
ROLE = Column("Role", drop=2)
TOTAL = Column("Total NOK", right=True)


def _show(console, title: str, table, left_out: str = "") -> None:
    console.print(title, style="bold")
    console.print(table)
    if left_out:
        console.print(left_out, style="dim")
    console.print()


def _table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int,
           styles: Sequence[str | None] = (), last_apart: bool = False):
    """A rich table of `rows` fitted to `width`, and the note naming the columns left out (or "")."""
    from rich import box
    from rich.table import Table

    fitted = fit(columns, rows, width, gap=3)  # padding 1 on each side and a space between
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for index, (column, size) in enumerate(zip(fitted.columns, fitted.widths)):
        table.add_column(fitted.header(index), justify="right" if column.right else "left", width=size,
                         no_wrap=not column.wrap, overflow="fold")
    for n, row in enumerate(fitted.rows):
        if last_apart and n == len(fitted.rows) - 1:
            table.add_section()
        table.add_row(*row, style=styles[n] if n < len(styles) else None)
    left_out = f"{', '.join(fitted.dropped)}: left out to fit {width} columns" if fitted.dropped else ""
    if fitted.folder:
        left_out = "; ".join(filter(None, (f"files in {fitted.folder}", left_out)))
    return table, left_out


def deadlines_table(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str], *, color: bool,
                    quiet: bool = False, width: int = 120) -> str:
    console = text_console(color, width)
    if rows:
        columns = [Column("Claim"), CLAIMANT, Column("Role", drop=1),
                   Column("Kind", drop=2), Column("Base date", drop=3), Column("Deadline"), Column("Submitted"),
                   Column("Days", right=True)]
        cells = [(row.claim.id or "", row.claim.claimant or "", row.claim.role or "", row.claim.kind or "",
                  str(row.deadline.base), str(row.deadline.due), submitted_text(row), days_text(row)) for row in rows]
        table, left_out = _table(columns, cells, width, [_ROW_STYLE.get(row.urgency) for row in rows])
        _show(console, f"Deadlines as of {as_of}", table, left_out)
    if not quiet:
        for line in deadlines_summary_lines(rows, as_of, unloaded):
            console.print(line)
    return captured(console)


def status_table(summary: StatusSummary, as_of: dt.date, *, color: bool, quiet: bool = False,
                 width: int = 120) -> str:
    console = text_console(color, width)
    tallies = [(status.value, tally) for status, tally in summary.by_status.items()] + [("all", summary.overall)]
    table, _ = _table([Column("Status"), Column("Claims", right=True), TOTAL],
                      [(name, str(t.claims), total_text(t.total, t.complete)) for name, t in tallies], width,
                      [None] * len(summary.by_status) + ["bold"], last_apart=True)
    _show(console, f"Claims by status as of {as_of}", table)
    if summary.returned:
        table, left_out = _table(
            [Column("Claim"), CLAIMANT, ROLE, Column("Kind", drop=1), TOTAL, Column("File", path=True, least=32)],
            [(c.id or "", c.claimant or "", c.role or "", c.kind or "", total_text(c.total, c.total_complete), c.file)
             for c in summary.returned], width)
        _show(console, f"Returned claims ({len(summary.returned)})", table, left_out)
    else:
        console.print("Returned claims: none\n")
    if summary.overdue:
        table, left_out = _table(
            [Column("Claim"), CLAIMANT, ROLE, Column("Status"), Column("Deadline"), Column("Days late", right=True),
             TOTAL],
            [(c.id or "", c.claimant or "", c.role or "", c.status or "", str(c.deadline.due),
              str(c.deadline.days_late), total_text(c.total, c.total_complete)) for c in summary.overdue],
            width, ["red"] * len(summary.overdue))
        _show(console, f"Unsubmitted claims past their deadline ({len(summary.overdue)})", table, left_out)
    else:
        console.print("Unsubmitted claims past their deadline: none\n")
    if summary.group_by is not None:
        name = summary.group_by.value.replace("_", " ")
        table, _ = _table(
            [Column(name.capitalize(), wrap=True), Column("Claims", right=True), TOTAL,
             Column("Errors", right=True), Column("Warnings", right=True), Column("Infos", right=True)],
            [(key or "(none)", str(t.claims), total_text(t.total, t.complete), str(t.errors), str(t.warnings),
              str(t.infos)) for key, t in summary.groups], width)
        _show(console, f"Totals and findings by {name}", table)
    if not summary.overall.complete:
        console.print(INCOMPLETE)
    if not quiet:
        for line in unloaded_lines(summary.unloaded):
            console.print(line)
    return captured(console)
