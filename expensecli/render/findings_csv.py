"""`csv`: one finding a row, for spreadsheets and scripts."""

from __future__ import annotations

from collections.abc import Sequence

from expensecli.policy.engine import ClaimResult
from expensecli.render.csvcells import csv_text

HEADER = ["file", "claim_id", "code", "severity", "line", "column", "path", "message", "waived"]


def render_csv(reports: Sequence[ClaimResult]) -> str:
    """Text cells that would start a formula are written with a leading apostrophe (`csvcells`)."""
    return csv_text(HEADER, (row for report in reports for row in finding_rows(report)))


def finding_rows(report: ClaimResult) -> list[list]:
    """A claim's rows: one a finding."""
    return [[f.file, report.id or "", f.code, f.severity.value, f.line, f.column, f.path, f.message, f.waived]
            for f in report.findings]


def claim_csv(report: ClaimResult) -> str:
    """A claim's rows as text, without the header (`csvcells.csv_header(HEADER)`)."""
    return csv_text(HEADER, finding_rows(report)).split("\n", 1)[1]
