"""The sheets of `-f xlsx` for `check`, `deadlines`, `status` and `catering report`.

Each report part is a sheet of its own (claims, findings, catering rows; deadlines; totals by
status, returned, overdue; a summary), with the columns of the CSV and JSON formats, typed:
dates as dates, NOK as numbers. Files that are not valid claims are listed on a sheet
"Not loaded" when there are any. Sheet names and headers are marked here and written in the
language of the run (`workbook`); cell values (codes, statuses, dates, amounts) are not translated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from expensecli.core.findings import Severity
from expensecli.core.i18n import mark
from expensecli.policy.deadlines import TRIP_ENDED
from expensecli.policy.engine import ClaimResult
from expensecli.render.workbook import Book, Column, Sheet, Type, workbook
from expensecli.report.chasing import DeadlineRow, StatusSummary, urgency_counts
from expensecli.report.events import ReportRow

T, I, M, D, B = Type.text, Type.int, Type.money, Type.date, Type.bool


def _columns(*specs: tuple[str, Type] | tuple[str, Type, int]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


# The headers and sheet names, marked for translation (the workbook writes them translated).
HEADERS = (mark("file"), mark("id"), mark("kind"), mark("status"), mark("role"), mark("claimant"), mark("unit"),
           mark("cost_centre"), mark("work_order"), mark("total"), mark("total_complete"), mark("currency"), mark("deadline"),
           mark("submitted"), mark("days_late"), mark("errors"), mark("warnings"), mark("infos"), mark("waived"),
           mark("claim_id"), mark("code"), mark("severity"), mark("line"), mark("column"), mark("path"),
           mark("message"), mark("source"), mark("date"), mark("expense"), mark("type"), mark("tier"),
           mark("venue"), mark("participants"), mark("per_participant"), mark("limit"), mark("excess"),
           mark("rate_year"), mark("urgency"), mark("base"), mark("base_date"), mark("months"), mark("days_left"),
           mark("claims"), mark("as_of"), mark("files"), mark("late"), mark("due_soon"), mark("pending"),
           mark("on_time"), mark("returned"), mark("overdue"), mark("rows"), mark("over"), mark("codes"),
           mark("findings"), mark("title"), mark("count"))
SHEETS = (mark("Summary"), mark("Not loaded"), mark("Claims"), mark("Findings"), mark("Catering"),
          mark("Deadlines"), mark("By status"), mark("Returned"), mark("Overdue"), mark("Statistics"))
BY_GROUP = {"unit": mark("By unit"), "cost_centre": mark("By cost_centre"), "work_order": mark("By work_order"),
            "role": mark("By role")}


CLAIM_COLUMNS = _columns(("file", T, 40), ("id", T, 16), ("kind", T), ("status", T, 10), ("role", T, 11),
                         ("claimant", T, 22), ("unit", T, 10), ("cost_centre", T, 12), ("work_order", T, 12),
                         ("total", M), ("total_complete", B), ("currency", T, 9), ("deadline", D), ("submitted", D),
                         ("days_late", I), ("errors", I), ("warnings", I), ("infos", I), ("waived", I))
FINDING_COLUMNS = _columns(("file", T, 40), ("claim_id", T, 16), ("code", T, 9), ("severity", T, 9), ("line", I),
                           ("column", I), ("path", T, 24), ("message", T, 80), ("source", T, 80), ("waived", B))
CATERING_COLUMNS = _columns(("file", T, 40), ("id", T, 16), ("date", D), ("expense", I), ("type", T, 14),
                            ("tier", T, 12), ("venue", T, 10), ("participants", I), ("per_participant", M),
                            ("limit", M), ("excess", M), ("rate_year", I))
DEADLINE_COLUMNS = _columns(("file", T, 40), ("id", T, 16), ("claimant", T, 22), ("role", T, 11), ("kind", T),
                            ("status", T, 10), ("urgency", T, 10), ("base", T, 16), ("base_date", D), ("months", I),
                            ("deadline", D), ("submitted", D), ("days_late", I), ("days_left", I))
TALLY_COLUMNS = _columns(("status", T, 12), ("claims", I), ("total", M), ("total_complete", B))


def _summary(as_of: dt.date, counts: dict[str, int | Decimal]) -> Sheet:
    """One row: the as-of date and the report's counts (and NOK totals) under their names."""
    columns = (Column("as_of", D), *(Column(k, M if isinstance(v, Decimal) else I) for k, v in counts.items()))
    return Sheet("Summary", columns, [(as_of, *counts.values())])


def _unloaded(files: Sequence[str]) -> list[Sheet]:
    return [Sheet("Not loaded", _columns(("file", T, 60)), [(file,) for file in files])] if files else []


def _deadline_values(claim: ClaimResult) -> tuple:
    """The deadline, the submitted date (known with or without a deadline, as in JSON and CSV)
    and the days late."""
    deadline = claim.deadline
    if deadline is None:
        return None, claim.submitted, None
    return deadline.due, claim.submitted, deadline.days_late


CHECK_SHEETS = (("Claims", CLAIM_COLUMNS), ("Findings", FINDING_COLUMNS), ("Catering", CATERING_COLUMNS))
CHECK_TOTALS = ("files", "errors", "warnings", "infos", "waived")


def check_rows(report: ClaimResult) -> tuple[tuple, list[tuple], list[tuple]]:
    """A claim's rows of `check -f xlsx`: its row of Claims, its rows of Findings and of Catering."""
    counts = {severity: 0 for severity in Severity}
    waived = 0
    findings = []
    for f in report.findings:
        findings.append((f.file, report.id, f.code, f.severity.value, f.line, f.column, f.path, f.message,
                         f.source, f.waived))
        if f.waived:
            waived += 1
        else:
            counts[f.severity] += 1
    claim = (report.file, report.id, report.kind, report.status, report.role, report.claimant, report.unit,
             report.cost_centre, report.work_order, report.total, report.total_complete if report.loaded else None, "NOK",
             *_deadline_values(report),
             counts[Severity.error], counts[Severity.warning], counts[Severity.info], waived)
    return claim, findings, [_catering_values(ReportRow(report.file, report.id, row)) for row in report.catering]


def _add_counts(totals: dict[str, int], claim: tuple) -> None:
    totals["files"] += 1
    for key, n in zip(CHECK_TOTALS[1:], claim[-4:]):
        totals[key] += n


def check_book(reports: Sequence[ClaimResult], as_of: dt.date) -> bytes:
    """`check -f xlsx`: Summary, Claims (one row a file), Findings (one a finding), Catering."""
    buffer = io.BytesIO()
    write_check_book(buffer, reports, as_of)
    return buffer.getvalue()


def write_check_book(target, reports: Iterable[ClaimResult], as_of: dt.date, tmpdir: str | None = None) -> None:
    """`check_book`'s workbook written to `target` (a binary stream) a claim at a time: in memory,
    or with `tmpdir` in constant memory (`Book`, its temporary files there). The summary sheet
    comes first but has one row, written when the last claim has been."""
    book = Book(target, tmpdir)
    totals = dict.fromkeys(CHECK_TOTALS, 0)
    summary = _summary(as_of, totals)  # its columns: the names of the counts, all whole numbers
    first = book.sheet(summary.name, summary.columns)
    claims, findings, catering = (book.sheet(name, columns) for name, columns in CHECK_SHEETS)
    for report in reports:
        claim, found, rows = check_rows(report)
        _add_counts(totals, claim)
        claims.add(claim)
        for row in found:
            findings.add(row)
        for row in rows:
            catering.add(row)
    first.add((as_of, *totals.values()))
    for page in (first, claims, findings, catering):
        page.finish()
    book.close()


def _catering_values(item: ReportRow) -> tuple:
    row = item.row
    return (item.file, item.claim_id, row.date, row.expense, row.type, row.tier, row.venue, row.participants,
            row.per_participant, row.limit.amount, row.excess, row.limit.year)


def _deadline_row(row: DeadlineRow) -> tuple:
    claim, deadline = row.claim, row.deadline
    open_and_not_late = deadline.unsubmitted and not deadline.late
    return (claim.file, claim.id, claim.claimant, claim.role, claim.kind, claim.status, row.urgency.value,
            "trip_end" if deadline.base_label == TRIP_ENDED else "earliest_expense", deadline.base, deadline.months,
            deadline.due, deadline.submitted, deadline.days_late, deadline.days_left if open_and_not_late else None)


def deadlines_book(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str]) -> bytes:
    counts = {"claims": len(rows), **{urgency.value: n for urgency, n in urgency_counts(rows).items()}}
    return workbook([_summary(as_of, counts), Sheet("Deadlines", DEADLINE_COLUMNS, [_deadline_row(r) for r in rows]),
                     *_unloaded(unloaded)])


def status_book(summary: StatusSummary, reports: Sequence[ClaimResult], as_of: dt.date) -> bytes:
    """`status -f xlsx`: By status, Returned, Overdue, By <group>, Claims."""
    tallies = [(status.value, t.claims, t.total, t.complete) for status, t in summary.by_status.items()]
    tallies.append(("all", summary.overall.claims, summary.overall.total, summary.overall.complete))
    people = _columns(("file", T, 40), ("id", T, 16), ("claimant", T, 22), ("role", T, 11), ("kind", T))
    sheets = [_summary(as_of, {"claims": summary.overall.claims, "total": summary.overall.total,
                               "returned": len(summary.returned), "overdue": len(summary.overdue)}),
              Sheet("By status", TALLY_COLUMNS, tallies),
              Sheet("Returned", people + _columns(("total", M)),
                    [(c.file, c.id, c.claimant, c.role, c.kind, c.total) for c in summary.returned]),
              Sheet("Overdue", people + _columns(("status", T, 10), ("deadline", D), ("days_late", I), ("total", M)),
                    [(c.file, c.id, c.claimant, c.role, c.kind, c.status, c.deadline.due, c.deadline.days_late,
                      c.total) for c in summary.overdue])]
    if summary.group_by is not None:
        sheets.append(Sheet(BY_GROUP[summary.group_by.value], _columns((summary.group_by.value, T, 16),
                                                                           ("claims", I), ("total", M)),
                            [(key, t.claims, t.total) for key, t in summary.groups]))
    claim_columns = CLAIM_COLUMNS[:15] + _columns(("overdue", B))
    sheets.append(Sheet("Claims", claim_columns, [
        (c.file, c.id, c.kind, c.status, c.role, c.claimant, c.unit, c.cost_centre, c.work_order, c.total,
         c.total_complete, "NOK",
         *_deadline_values(c), bool(c.deadline and c.deadline.unsubmitted and c.deadline.late))
        for c in reports if c.loaded]))
    return workbook([*sheets, *_unloaded(summary.unloaded)])


def catering_book(items: Sequence[ReportRow], as_of: dt.date, unloaded: Sequence[str]) -> bytes:
    over = [item.row.excess for item in items if item.row.over]
    counts = {"claims": len({item.file for item in items}), "rows": len(items), "over": len(over),
              "excess": sum(over, Decimal(0))}
    return workbook([_summary(as_of, counts), Sheet("Catering", CATERING_COLUMNS, [_catering_values(i) for i in items]),
                     *_unloaded(unloaded)])


STATISTICS_COLUMNS = _columns(("code", T, 9), ("severity", T, 9), ("title", T, 50), ("count", I), ("waived", I),
                              ("files", I))


def statistics_book(stats, as_of: dt.date) -> bytes:
    """`check --statistics -f xlsx`: one row per code, most frequent first, and the summary
    (`stats`: `render.statistics.Statistics`)."""
    rows = [(r.code, r.severity.value, r.title, r.count, r.waived, r.files) for r in stats.rows]
    totals = {"files": stats.counts["files"], "codes": len(rows), "findings": sum(row[3] for row in rows)}
    return workbook([_summary(as_of, totals), Sheet("Statistics", STATISTICS_COLUMNS, rows),
                     *_unloaded(stats.unloaded)])
