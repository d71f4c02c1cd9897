"""`check --statistics` in every format: one row per code with its count, severity and title.

`json`: {"version": 1, "as_of", "statistics": [{"code", "severity", "title", "count", "waived",
"files"}], "summary": {as in check}}; `jsonl`: one such row a line, with "as_of"; `csv`: the row's
keys as columns; `junit`: one test case per code, failed when it has errors; `concise`: one line
a code (`  12  CA001  [error]  Catering above the limit per participant`) and the summary line;
`table`: the same fitted to the terminal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from expensecli.core.findings import Severity
from expensecli.core.i18n import mark, ntr, tr
from expensecli.policy.engine import ClaimResult
from expensecli.render.claims_json import summary
from expensecli.render.text import counts_line
from expensecli.report.statistics import CodeCount, code_counts

STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
FIELDS = ("code", "severity", "title", "count", "waived", "files")
HINT = mark("What a code checks: expensecli rules explain CODE; without --statistics each finding is listed")


@dataclass(frozen=True)
class Statistics:
    """What every format shows: the rows, the summary's counts (as `claims_json.summary` counts
    them) and the files that did not load. Made from the reports (`statistics_of`), or summed
    a claim at a time by a spooled batch, which holds no report."""

    rows: list[CodeCount]
    counts: dict
    unloaded: list[str]


def statistics_of(reports: Sequence[ClaimResult]) -> Statistics:
    return Statistics(code_counts(reports), summary(reports), [report.file for report in reports if not report.loaded])


def _row(row: CodeCount) -> dict:
    return {"code": row.code, "severity": row.severity.value, "title": row.title, "count": row.count,
            "waived": row.waived, "files": row.files}


def statistics_json(stats: Statistics, as_of: dt.date) -> str:
    document = {"version": 1, "as_of": as_of.isoformat(), "statistics": [_row(r) for r in stats.rows],
                "summary": stats.counts}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def statistics_jsonl(stats: Statistics, as_of: dt.date) -> str:
    return "".join(json.dumps({"as_of": as_of.isoformat(), **_row(row)}, ensure_ascii=False) + "\n"
                   for row in stats.rows)


def statistics_csv(stats: Statistics) -> str:
    from expensecli.render.csvcells import csv_text

    return csv_text(FIELDS, ([_row(row)[key] for key in FIELDS] for row in stats.rows))


def statistics_junit(stats: Statistics) -> str:
    from expensecli.render.junit import xml_document

    rows = stats.rows
    failing = sum(1 for row in rows if row.severity is Severity.error and row.count)
    suites = ElementTree.Element("testsuites", name="expensecli statistics", tests=str(len(rows)),
                                 failures=str(failing))
    suite = ElementTree.SubElement(suites, "testsuite", name="expensecli check --statistics", tests=str(len(rows)),
                                   failures=str(failing))
    for row in rows:
        case = ElementTree.SubElement(suite, "testcase", classname="expensecli", name=f"{row.code} {row.title}")
        text = ntr("{findings} in {count} file, {waived} waived", "{findings} in {count} files, {waived} waived",
                   row.files, findings=severity_count(row.severity, row.count), waived=row.waived)
        if row.severity is Severity.error and row.count:
            ElementTree.SubElement(case, "failure", type=row.code, message=text)
        else:
            ElementTree.SubElement(case, "system-out").text = text
    return xml_document(suites)


def severity_count(severity: Severity, count: int) -> str:
    """"1 error", "3 warnings", "2 infos" in the language of the run."""
    if severity is Severity.error:
        return ntr("{count} error", "{count} errors", count)
    if severity is Severity.warning:
        return ntr("{count} warning", "{count} warnings", count)
    return ntr("{count} info", "{count} infos", count)


def _waived(row: CodeCount) -> str:
    return " " + tr("({count} waived)", count=row.waived) if row.waived else ""


def statistics_concise(stats: Statistics, quiet: bool = False) -> str:
    rows = stats.rows
    width = max((len(str(row.count)) for row in rows), default=1)
    code = max((len(row.code) for row in rows), default=0)
    level = max((len(row.severity.value) + 2 for row in rows), default=0)
    lines = [f"{row.count:>{width}}  {row.code:<{code}}  {'[' + row.severity.value + ']':<{level}}  {row.title}"
             f"{_waived(row)}" for row in rows]
    if not quiet:
        lines.append(counts_line(stats.counts))
    return "".join(line + "\n" for line in lines)


def statistics_table(stats: Statistics, *, color: bool, quiet: bool = False, width: int = 120) -> str:
    from rich import box
    from rich.table import Table

    from expensecli.render.console import captured, text_console
    from expensecli.render.fit import Column, fit, left_out_note

    rows = stats.rows
    console = text_console(color, width)
    if rows:
        columns = [Column(tr("Count"), right=True), Column(tr("Code")), Column(tr("Severity")),
                   Column(tr("Title"), wrap=True), Column(tr("Files"), right=True, drop=1),
                   Column(tr("Waived"), right=True, drop=2)]
        fitted = fit(columns, [(str(r.count), r.code, r.severity.value, r.title, str(r.files), str(r.waived))
                               for r in rows], width, gap=3)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for index, (column, size) in enumerate(zip(fitted.columns, fitted.widths)):
            table.add_column(fitted.header(index), justify="right" if column.right else "left", width=size,
                             no_wrap=not column.wrap, overflow="fold")
        for row, cells in zip(rows, fitted.rows):
            table.add_row(*cells, style=STYLE[row.severity.value] if row.count else "dim")
        console.print(table)
        if fitted.dropped:
            console.print(left_out_note(fitted.dropped, width), style="dim")
    if not quiet:
        console.print(counts_line(stats.counts), style="bold")
        if rows:
            console.print(tr(HINT), style="dim")
    return captured(console)
