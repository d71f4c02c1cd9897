"""The one-line summary of each report, for stderr when the report itself went to a file (`-o`).

A person who writes a report to a file at a terminal still sees what it holds; a cron job
(stderr not a terminal) sees nothing more. The lines are the reports' own summary lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from expensecli.core.i18n import ntr
from expensecli.policy.engine import ClaimResult


def check_summary(reports: Sequence[ClaimResult]) -> str:
    from expensecli.render.text import summary_line

    return summary_line(reports)


def deadlines_summary(reports: Sequence[ClaimResult], as_of: dt.date, within: int | None) -> str:
    from expensecli.render.chasing import deadlines_summary_lines
    from expensecli.report.chasing import deadline_rows, unloaded_files

    return deadlines_summary_lines(deadline_rows(reports, within), as_of, unloaded_files(reports))[0]


def status_summary_line(reports: Sequence[ClaimResult]) -> str:
    from expensecli.render.chasing import total_text
    from expensecli.report.chasing import status_summary

    summary = status_summary(reports)
    overall = summary.overall
    return ntr("{count} claim, {total} NOK; {returned} returned, {overdue} unsubmitted past the deadline",
               "{count} claims, {total} NOK; {returned} returned, {overdue} unsubmitted past the deadline",
               overall.claims, total=total_text(overall.total, overall.complete), returned=len(summary.returned),
               overdue=len(summary.overdue))


def catering_summary(reports: Sequence[ClaimResult]) -> str:
    from expensecli.render.events import report_summary_line
    from expensecli.report.events import report_rows

    return report_summary_line(report_rows(reports))
