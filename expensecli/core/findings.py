"""What a rule reports (`Problem`) and what the tool prints (`Finding`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from expensecli.core.locations import Path


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.info: 1, Severity.warning: 2, Severity.error: 3}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing a rule found, located by its path in the claim (e.g. expenses[2].amount)."""

    message: str
    path: Path = ()
    severity: Severity | None = None  # overrides the rule's default severity
    code: str | None = None  # set by the engine from the rule that yielded it
    key: bool = False  # point at the key rather than the value (e.g. an unknown field)
    at: tuple[int, int] | None = None  # an explicit line and column (file-level problems)
    source: str | None = None  # the citation, when it depends on the case (the limit applied)


@dataclass(frozen=True)
class Finding:
    """A located, reportable finding: the unit of every output format. (No __slots__: slotted
    frozen dataclasses unpickle through a slow generic path, and findings cross processes.)"""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: str
    source: str
    waived: bool = False
    waiver: str | None = None  # where the waiver was recorded ("claim" or "ledger"), told when a ledger is used
    first_seen: str | None = None  # when a ledger first saw this finding (UTC, ISO 8601), else None

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.code, self.column, self.path, self.message)
