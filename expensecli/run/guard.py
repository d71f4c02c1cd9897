"""Render a batch so that a defect in a renderer costs one claim a finding, never the report.

Every command renders its reports through `render_guarded`. When rendering the batch fails,
each report is rendered alone to find the ones that trip the defect; those are replaced by a
report with one LOAD001 finding naming the error's type (`engine.defect_report`), and the
batch is rendered again. A defect that is not tied to a claim still stops the run (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from expensecli.policy import engine
from expensecli.policy.engine import ClaimResult


def render_guarded(render: Callable[[list[ClaimResult]], str],
                   reports: Sequence[ClaimResult]) -> tuple[str, list[ClaimResult]]:
    """`render(reports)` and the reports it shows; the exit code is judged on the latter (a report
    replaced by a defect report is a new object, so a text made for the old one is not used)."""
    reports = list(reports)
    try:
        return render(reports), reports
    except Exception:
        if engine.RAISE_DEFECTS:
            raise
    mended = []
    for report in reports:
        try:
            render([report])
            mended.append(report)
        except Exception as error:
            mended.append(engine.defect_report(report, "rendering", error))
    return render(mended), mended


def render_one(render: Callable[[ClaimResult], str], report: ClaimResult) -> tuple[ClaimResult, str]:
    """A report and its own text made by `render` (in the worker); a defect report when that fails."""
    try:
        return report, render(report)
    except Exception as error:
        if engine.RAISE_DEFECTS:
            raise
        mended = engine.defect_report(report, "rendering", error)
        return mended, render(mended)
