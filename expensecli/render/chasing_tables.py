"""The `deadlines` and `status` reports as rich tables for a terminal; strings only.

Breaches are red and claims due soon yellow when colour is on; the layout is the same
without colour, so the plain text is stable for tests and logs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from expensecli.core.values import money_display
from expensecli.policy.deadlines import Urgency
from expensecli.render.chasing import days_text, deadlines_summary_lines, submitted_text, unloaded_lines
from expensecli.render.console import captured, text_console
from expensecli.report.chasing import DeadlineRow, StatusSummary

_ROW_STYLE = {Urgency.late: "red", Urgency.due_soon: "yellow"}


def _show(console, title: str, table) -> None:
    console.print(title, style="bold")
    console.print(table)
    console.print()


def _table(*columns: str, right: Sequence[str] = ()):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left", no_wrap=column != "Claimant")
    return table


def deadlines_table(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str], *, color: bool,
                    quiet: bool = False, width: int = 120) -> str:
    console = text_console(color, width)
    if rows:
        table = _table("Claim", "Claimant", "Role", "Kind", "Base date", "Deadline",
                       "Submitted", "Days", right=("Days",))
        for row in rows:
            claim, deadline = row.claim, row.deadline
            table.add_row(claim.id, claim.claimant, claim.role, claim.kind, str(deadline.base), str(deadline.due),
                          submitted_text(row), days_text(row), style=_ROW_STYLE.get(row.urgency))
        _show(console, f"Deadlines as of {as_of}", table)
    if not quiet:
        for line in deadlines_summary_lines(rows, as_of, unloaded):
            console.print(line)
    return captured(console)


def status_table(summary: StatusSummary, as_of: dt.date, *, color: bool, quiet: bool = False,
                 width: int = 120) -> str:
    console = text_console(color, width)
    table = _table("Status", "Claims", "Total NOK", right=("Claims", "Total NOK"))
    for status, tally in summary.by_status.items():
        table.add_row(status.value, str(tally.claims), money_display(tally.total))
    table.add_section()
    table.add_row("all", str(summary.overall.claims), money_display(summary.overall.total), style="bold")
    _show(console, f"Claims by status as of {as_of}", table)
    if summary.returned:
        table = _table("Claim", "Claimant", "Role", "Kind", "Total NOK", "File", right=("Total NOK",))
        for c in summary.returned:
            table.add_row(c.id, c.claimant, c.role, c.kind, money_display(c.total), c.file)
        _show(console, f"Returned claims ({len(summary.returned)})", table)
    else:
        console.print("Returned claims: none\n")
    if summary.overdue:
        table = _table("Claim", "Claimant", "Role", "Status", "Deadline", "Days late", "Total NOK",
                       right=("Days late", "Total NOK"))
        for c in summary.overdue:
            table.add_row(c.id, c.claimant, c.role, c.status, str(c.deadline.due), str(c.deadline.days_late),
                          money_display(c.total), style="red")
        _show(console, f"Unsubmitted claims past their deadline ({len(summary.overdue)})", table)
    else:
        console.print("Unsubmitted claims past their deadline: none\n")
    if summary.group_by is not None:
        name = summary.group_by.value.replace("_", " ")
        table = _table(name.capitalize(), "Claims", "Total NOK", right=("Claims", "Total NOK"))
        for key, tally in summary.groups:
            table.add_row(key or "(none)", str(tally.claims), money_display(tally.total))
        _show(console, f"Totals by {name}", table)
    if not quiet:
        for line in unloaded_lines(summary.unloaded):
            console.print(line)
    return captured(console)
