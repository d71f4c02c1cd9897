"""What a rule is: a code, a severity, a title, the policy sentence it rests on, and its check.

A rule module marks each check with `claim_rule` or `batch_rule`; nothing is registered as a
side effect of importing it. The registry builds the catalogue from its explicit list of
rule modules (`registry.RULE_MODULES`), so what runs is what that list names.

Claim rules take a `ClaimContext` and yield `Problem`s; batch rules are classes with
`collect(ctx)` (a claim's keys) and `judge(items)` (the findings across the batch); a waiver
rule judges a claim's waivers against the codes of its findings, after all the others. Codes the
loader and the rate-sheet choice emit are plain `Rule`s without a check (`rules/file.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from expensecli.core.findings import Severity
from expensecli.policy.sources import Source

CODE = re.compile(r"[A-Z]{2,4}\d{3}")


@dataclass(frozen=True)
class Rule:
    """One rule of the registry: its code, severity and title, the policy sentence it rests on, and its check."""

    code: str
    severity: Severity
    title: str
    source: Source
    check: Callable | None = None
    batch: bool = False
    waivers: bool = False  # judges the claim's waivers, after every other rule

    def __post_init__(self):
        if not CODE.fullmatch(self.code):
            raise ValueError(f"bad rule code {self.code!r}")

    @cached_property
    def citation(self) -> str:
        return self.source.cite()

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip() if self.check else ""


def claim_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    """Mark a function of a `ClaimContext` as the check of `code`."""
    def wrap(check: Callable) -> Callable:
        check.rule = Rule(code, severity, title, source, check)
        return check

    return wrap


def batch_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    """Mark a class with `collect` and `judge` as the cross-claim check of `code`."""
    def wrap(check: type) -> type:
        check.rule = Rule(code, severity, title, source, check, batch=True)
        return check

    return wrap


def waiver_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    """Mark a function of (waivers, codes found, codes known) as the waiver check of `code`."""
    def wrap(check: Callable) -> Callable:
        check.rule = Rule(code, severity, title, source, check, waivers=True)
        return check

    return wrap
