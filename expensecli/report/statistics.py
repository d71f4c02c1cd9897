"""`check --statistics`: how many findings of each code a batch has, as ruff --statistics shows.

Six thousand findings in twenty thousand table lines cannot be read; a count per code, with its
severity and title, can, and says where to look first. A code reported at two severities (a
rule whose severity depends on the case, or a `[severity]` override by prefix) has a row for
each. Waived findings are counted apart and do not count toward `count`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from expensecli.core.findings import Severity
from expensecli.core.i18n import tr
from expensecli.policy import registry
from expensecli.policy.engine import ClaimResult


@dataclass(frozen=True)
class CodeCount:
    """One line of `--statistics`: how often a code was found, waived and in how many files."""

    code: str
    severity: Severity
    title: str
    count: int  # findings not waived
    waived: int
    files: int  # files with at least one finding of the code at this severity


def code_counts(reports: Sequence[ClaimResult]) -> list[CodeCount]:
    """One row per (code, severity) found, the most frequent first, then by code."""
    tally = CodeTally()
    for report in reports:
        tally.add((finding.code, finding.severity, finding.waived) for finding in report.findings)
    return tally.rows()


class CodeTally:
    """The counts of `code_counts`, added up a claim at a time: from its findings, or from the
    text `finding_keys` made of them where the claim was checked (a spooled batch keeps no
    report in memory)."""

    def __init__(self):
        self.counted: Counter = Counter()
        self.waived: Counter = Counter()
        self.files: Counter = Counter()

    def add(self, findings: Iterable[tuple[str, Severity, bool]]) -> None:
        """One claim's findings, as (code, severity, waived)."""
        seen = set()
        for code, severity, waived in findings:
            key = (code, severity)
            (self.waived if waived else self.counted)[key] += 1
            seen.add(key)
        self.files.update(seen)

    def add_keys(self, text: str) -> None:
        """One claim's findings as `finding_keys` wrote them."""
        self.add((code, Severity(severity), waived == "1")
                 for code, severity, waived in (line.split(" ") for line in text.splitlines()))

    def rows(self) -> list[CodeCount]:
        rows = [CodeCount(code, severity, _title(code), self.counted[(code, severity)],
                          self.waived[(code, severity)], count) for (code, severity), count in self.files.items()]
        return sorted(rows, key=lambda row: (-row.count, -row.waived, row.code, -row.severity.rank))


def finding_keys(report: ClaimResult) -> str:
    """A claim's findings as `CodeTally` counts them, a `CODE severity waived` line each (codes
    and severities hold no space)."""
    return "".join(f"{f.code} {f.severity.value} {int(f.waived)}\n" for f in report.findings)


def _title(code: str) -> str:
    """The rule's title in the language of the run."""
    rules = registry.all_rules()
    return tr(rules[code].title) if code in rules else ""
