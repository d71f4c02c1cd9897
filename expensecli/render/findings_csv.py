"""`csv`: one finding a row, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from expensecli.policy.engine import ClaimReport

HEADER = ["file", "claim_id", "code", "severity", "line", "column", "path", "message", "waived"]


def render_csv(reports: Sequence[ClaimReport]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for report in reports:
        for f in report.findings:
            writer.writerow([f.file, report.id or "", f.code, f.severity.value, f.line, f.column, f.path,
                             f.message, "true" if f.waived else "false"])
    return buffer.getvalue()
