"""Which function renders each report in each format: one table per report, chosen by `--format`.

A command looks its format up here (`CHECK[Format.json](view)`) instead of a chain of ifs, so a
new format is one entry per report and the formats a report lacks are simply absent. Each
entry imports its renderer when it runs: a command pays only for the format it prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from expensecli.core.i18n import tr
from expensecli.render import Format

if TYPE_CHECKING:
    from expensecli.policy.engine import ClaimResult


@dataclass(frozen=True)
class View:
    """What a renderer is given: the finished reports and how the user asked to see them."""

    reports: Sequence[ClaimResult]
    as_of: dt.date
    texts: Sequence[str | None] = ()  # a claim's text made where it was checked (json, jsonl), else None
    quiet: bool = False
    color: bool = False
    within: int | None = None  # deadlines: only breaches and what is due within this many days
    group_by: Any = None  # status: a GroupBy, or None
    width: int = 120  # the tables' width: the terminal's when they go to one (see `fit`)


Renderer = Callable[[View], str | bytes]  # bytes: xlsx, the one binary format


def _check_json(view: View) -> str:
    from expensecli.render import claims_json

    return claims_json.render_json(view.reports, view.as_of, view.texts)


def _check_jsonl(view: View) -> str:
    from expensecli.render import claims_json

    return claims_json.render_jsonl(view.reports, view.as_of, view.texts)


def _check_table(view: View) -> str:
    from expensecli.render import text

    return text.render_table(view.reports, color=view.color, quiet=view.quiet, width=view.width)


def _check_concise(view: View) -> str:
    from expensecli.render import text

    return text.render_concise(view.reports, quiet=view.quiet)


def _check_csv(view: View) -> str:
    from expensecli.render.findings_csv import render_csv

    return render_csv(view.reports)


def _check_junit(view: View) -> str:
    from expensecli.render.junit import render_junit

    return render_junit(view.reports)


def _check_xlsx(view: View) -> bytes:
    from expensecli.render.xlsx_reports import check_book

    return check_book(view.reports, view.as_of)


CHECK: dict[Format, Renderer] = {
    Format.table: _check_table, Format.concise: _check_concise, Format.json: _check_json,
    Format.jsonl: _check_jsonl, Format.csv: _check_csv, Format.junit: _check_junit, Format.xlsx: _check_xlsx,
}


def _report(data: Callable[[View], tuple], draw: dict[Format, Callable[..., str | bytes]]) -> dict[Format, Renderer]:
    """A report's format table: `data(view)` is made once (rows, summaries), then drawn in the
    chosen format by `draw[format](view, *data)`."""
    return {chosen: (lambda view, how=how: how(view, *data(view))) for chosen, how in draw.items()}


# The renderer modules, imported only when a format of theirs is drawn.
def _statistics():
    from expensecli.render import statistics

    return statistics


def _chasing():
    from expensecli.render import chasing

    return chasing


def _chasing_tables():
    from expensecli.render import chasing_tables

    return chasing_tables


def _events():
    from expensecli.render import events

    return events


def _books():
    from expensecli.render import xlsx_reports

    return xlsx_reports


# `check --statistics`: a count per code instead of every finding
def _statistics_of(view: View) -> tuple:
    return (_statistics().statistics_of(view.reports),)


# How each format draws the counts (`render.statistics.Statistics`), however they were summed.
STATISTICS_DRAW: dict[Format, Callable[..., str | bytes]] = {
    Format.table: lambda v, s: _statistics().statistics_table(s, color=v.color, quiet=v.quiet, width=v.width),
    Format.concise: lambda v, s: _statistics().statistics_concise(s, quiet=v.quiet),
    Format.json: lambda v, s: _statistics().statistics_json(s, v.as_of),
    Format.jsonl: lambda v, s: _statistics().statistics_jsonl(s, v.as_of),
    Format.csv: lambda v, s: _statistics().statistics_csv(s),
    Format.junit: lambda v, s: _statistics().statistics_junit(s),
    Format.xlsx: lambda v, s: _books().statistics_book(s, v.as_of),
}
STATISTICS: dict[Format, Renderer] = _report(_statistics_of, STATISTICS_DRAW)


def _deadline_rows(view: View) -> tuple:
    from expensecli.report.chasing import deadline_rows, unloaded_files

    return deadline_rows(view.reports, view.within), unloaded_files(view.reports)


DEADLINES: dict[Format, Renderer] = _report(_deadline_rows, {
    Format.table: lambda v, rows, unloaded: _chasing_tables().deadlines_table(
        rows, v.as_of, unloaded, quiet=v.quiet, color=v.color, width=v.width),
    Format.concise: lambda v, rows, unloaded: _chasing().deadlines_concise(rows, v.as_of, unloaded, quiet=v.quiet),
    Format.json: lambda v, rows, unloaded: _chasing().deadlines_json(rows, v.as_of, v.within, unloaded),
    Format.jsonl: lambda v, rows, unloaded: _chasing().deadlines_jsonl(rows, v.as_of),
    Format.csv: lambda v, rows, unloaded: _chasing().deadlines_csv(rows),
    Format.junit: lambda v, rows, unloaded: _chasing().deadlines_junit(rows, v.as_of),
    Format.xlsx: lambda v, rows, unloaded: _books().deadlines_book(rows, v.as_of, unloaded),
})


def _status_summary(view: View) -> tuple:
    from expensecli.report.chasing import status_summary

    return (status_summary(view.reports, view.group_by),)


STATUS: dict[Format, Renderer] = _report(_status_summary, {
    Format.table: lambda v, summary: _chasing_tables().status_table(
        summary, v.as_of, quiet=v.quiet, color=v.color, width=v.width),
    Format.concise: lambda v, summary: _chasing().status_concise(summary, quiet=v.quiet),
    Format.json: lambda v, summary: _chasing().status_json(summary, v.as_of),
    Format.jsonl: lambda v, summary: _chasing().status_jsonl(v.reports, v.as_of),  # a line a claim
    Format.csv: lambda v, summary: _chasing().status_csv(v.reports),  # a row a claim
    Format.xlsx: lambda v, summary: _books().status_book(summary, v.reports, v.as_of),
})


def _catering_rows(view: View) -> tuple:
    from expensecli.report.chasing import unloaded_files
    from expensecli.report.events import report_rows

    return report_rows(view.reports), unloaded_files(view.reports)


CATERING: dict[Format, Renderer] = _report(_catering_rows, {
    Format.table: lambda v, rows, unloaded: _events().render_report_table(rows, unloaded, v.quiet, v.width),
    Format.concise: lambda v, rows, unloaded: _events().render_report_concise(rows, unloaded, v.quiet),
    Format.json: lambda v, rows, unloaded: _events().render_report_json(rows, v.as_of, unloaded),
    Format.csv: lambda v, rows, unloaded: _events().render_report_csv(rows),
    Format.xlsx: lambda v, rows, unloaded: _books().catering_book(rows, v.as_of, unloaded),
})


def formats_of(table: dict[Format, Renderer]) -> str:
    """The formats a report has, for a message: "table, concise, json or csv"."""
    names = [str(chosen) for chosen in table]
    return tr("{items} or {last}", items=", ".join(names[:-1]), last=names[-1])
