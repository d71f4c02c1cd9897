"""`check --statistics`: how many findings of each code a batch has, as ruff --statistics shows.

Six thousand findings in twenty thousand table lines cannot be read; a count per code, with its
severity and title, can, and says where to look first. A code reported at two severities (a
rule whose severity depends on the case, or a `[severity]` override by prefix) has a row for
each. Waived findings are counted apart and do not count toward `count`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from expensecli.core.findings import Severity
from expensecli.core.i18n import tr
from expensecli.policy import registry
from expensecli.policy.engine import ClaimResult


@dataclass(frozen=True)
class CodeCount:
    code: str
    severity: Severity
    title: str
    count: int  # findings not waived
    waived: int
    files: int  # files with at least one finding of the code at this severity


def code_counts(reports: Sequence[ClaimResult]) -> list[CodeCount]:
    """One row per (code, severity) found, the most frequent first, then by code."""
    counted: Counter = Counter()
    waived: Counter = Counter()
    files: Counter = Counter()
    for report in reports:
        seen = set()
        for finding in report.findings:
            key = (finding.code, finding.severity)
            (waived if finding.waived else counted)[key] += 1
            seen.add(key)
        files.update(seen)
    rows = [CodeCount(code, severity, _title(code), counted[(code, severity)], waived[(code, severity)],
                      files[(code, severity)]) for code, severity in files]
    return sorted(rows, key=lambda row: (-row.count, -row.waived, row.code, -row.severity.rank))


def _title(code: str) -> str:
    """The rule's title in the language of the run."""
    rules = registry.all_rules()
    return tr(rules[code].title) if code in rules else ""
