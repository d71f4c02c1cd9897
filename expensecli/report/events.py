"""The rows of `catering report`: every catering and representation expense of a batch.

The figures are the claims' own catering rows (`policy.events`), computed once when each
claim was checked; this only orders them for the controller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from expensecli.policy.engine import ClaimResult
from expensecli.policy.events import CateringRow


@dataclass(frozen=True)
class ReportRow:
    """One line of `catering report`: a claim's catering row with the claim it belongs to."""

    file: str
    claim_id: str | None
    row: CateringRow


def report_rows(reports: Sequence[ClaimResult]) -> list[ReportRow]:
    """Every catering and representation row of the (finished) claim reports: over-limit rows
    first, the largest excess first; then the rest by file and expense."""
    rows = [ReportRow(report.file, report.id, row) for report in reports for row in report.catering]

    def order(item: ReportRow) -> tuple:
        if item.row.over:
            return (0, -item.row.excess, item.file, item.row.expense)
        return (1, 0, item.file, item.row.expense)

    return sorted(rows, key=order)
