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


Renderer = Callable[[View], str | bytes]  # bytes: xlsx, the one binary format


def _check_json(view: View) -> str:
    from expensecli.render import claims_json

    return claims_json.render_json(view.reports, view.as_of, view.texts)


def _check_jsonl(view: View) -> str:
    from expensecli.render import claims_json

    return claims_json.render_jsonl(view.reports, view.as_of, view.texts)


def _check_table(view: View) -> str:
    from expensecli.render import text

    return text.render_table(view.reports, color=view.color, quiet=view.quiet)


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


def _deadlines(name: str, table: bool = False) -> Renderer:
    def render(view: View) -> str:
        from expensecli.render import chasing, chasing_tables
        from expensecli.report.chasing import deadline_rows, unloaded_files

        rows, unloaded = deadline_rows(view.reports, view.within), unloaded_files(view.reports)
        if name == "xlsx":
            from expensecli.render.xlsx_reports import deadlines_book

            return deadlines_book(rows, view.as_of, unloaded)
        if table:
            return chasing_tables.deadlines_table(rows, view.as_of, unloaded, quiet=view.quiet, color=view.color)
        return {
            "json": lambda: chasing.deadlines_json(rows, view.as_of, view.within, unloaded),
            "jsonl": lambda: chasing.deadlines_jsonl(rows, view.as_of),
            "csv": lambda: chasing.deadlines_csv(rows),
            "junit": lambda: chasing.deadlines_junit(rows, view.as_of),
            "concise": lambda: chasing.deadlines_concise(rows, view.as_of, unloaded, quiet=view.quiet),
        }[name]()

    return render


DEADLINES: dict[Format, Renderer] = {
    Format.table: _deadlines("table", table=True), Format.concise: _deadlines("concise"),
    Format.json: _deadlines("json"), Format.jsonl: _deadlines("jsonl"), Format.csv: _deadlines("csv"),
    Format.junit: _deadlines("junit"), Format.xlsx: _deadlines("xlsx"),
}


def _status(name: str) -> Renderer:
    def render(view: View) -> str:
        from expensecli.render import chasing, chasing_tables
        from expensecli.report.chasing import status_summary

        if name == "jsonl":
            return chasing.status_jsonl(view.reports, view.as_of)
        if name == "csv":
            return chasing.status_csv(view.reports)
        summary = status_summary(view.reports, view.group_by)
        if name == "xlsx":
            from expensecli.render.xlsx_reports import status_book

            return status_book(summary, view.reports, view.as_of)
        if name == "table":
            return chasing_tables.status_table(summary, view.as_of, quiet=view.quiet, color=view.color)
        if name == "json":
            return chasing.status_json(summary, view.as_of)
        return chasing.status_concise(summary, quiet=view.quiet)

    return render


STATUS: dict[Format, Renderer] = {
    Format.table: _status("table"), Format.concise: _status("concise"), Format.json: _status("json"),
    Format.jsonl: _status("jsonl"), Format.csv: _status("csv"), Format.xlsx: _status("xlsx"),
}


def _catering(name: str) -> Renderer:
    def render(view: View) -> str:
        from expensecli.render import events
        from expensecli.report.chasing import unloaded_files
        from expensecli.report.events import report_rows

        rows, unloaded = report_rows(view.reports), unloaded_files(view.reports)
        if name == "xlsx":
            from expensecli.render.xlsx_reports import catering_book

            return catering_book(rows, view.as_of, unloaded)
        if name == "json":
            return events.render_report_json(rows, view.as_of, unloaded)
        if name == "csv":
            return events.render_report_csv(rows)
        if name == "table":
            return events.render_report_table(rows, unloaded, view.quiet)
        return events.render_report_concise(rows, unloaded, view.quiet)

    return render


CATERING: dict[Format, Renderer] = {
    Format.table: _catering("table"), Format.concise: _catering("concise"), Format.json: _catering("json"),
    Format.csv: _catering("csv"), Format.xlsx: _catering("xlsx"),
}


def formats_of(table: dict[Format, Renderer]) -> str:
    """The formats a report has, for a message: "table, concise, json or csv"."""
    names = [str(chosen) for chosen in table]
    return ", ".join(names[:-1]) + " or " + names[-1]
