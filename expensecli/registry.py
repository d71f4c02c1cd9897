"""The one registry of rule codes: severity, title, policy source and the check itself.

Claim rules take a `ClaimContext` and yield `Problem`s; batch rules take the `BatchContext`
of a whole run and yield `(claim index, Problem)`; the waiver rule judges a claim's waivers
against the codes of its findings, so the engine runs it after all the others. LOAD and RT
codes are declared here too (the loader and the engine emit them), so the catalogue,
`--select` and the docs see them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from .findings import Severity
from .sources import Source

CODE = re.compile(r"[A-Z]{2,4}\d{3}")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    source: Source
    check: Callable | None = None
    batch: bool = False
    waivers: bool = False  # judges the claim's waivers, after every other rule

    @cached_property
    def citation(self) -> str:
        return self.source.cite()

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip() if self.check else ""


_REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if not CODE.fullmatch(rule.code):
        raise ValueError(f"bad rule code {rule.code!r}")
    if rule.code in _REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    _REGISTRY[rule.code] = rule


def declare(code: str, severity: Severity, title: str, source: Source) -> None:
    """A code emitted outside the rule functions (the loader, the rate-sheet choice)."""
    _register(Rule(code, severity, title, source))


def claim_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    def wrap(check: Callable) -> Callable:
        _register(Rule(code, severity, title, source, check))
        return check

    return wrap


def batch_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    def wrap(check: Callable) -> Callable:
        _register(Rule(code, severity, title, source, check, batch=True))
        return check

    return wrap


def waiver_rule(code: str, severity: Severity, title: str, source: Source) -> Callable:
    def wrap(check: Callable) -> Callable:
        _register(Rule(code, severity, title, source, check, waivers=True))
        return check

    return wrap


@cache
def all_rules() -> dict[str, Rule]:
    """Every registered rule, by code, in code order."""
    from . import rules  # noqa: F401  (importing the package registers the rules)

    return dict(sorted(_REGISTRY.items()))


def get(code: str) -> Rule:
    return all_rules()[code]


@cache
def claim_checks() -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules().values()
                 if rule.check is not None and not rule.batch and not rule.waivers)


@cache
def batch_checks() -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules().values() if rule.check is not None and rule.batch)


@cache
def waiver_checks() -> tuple[Rule, ...]:
    return tuple(rule for rule in all_rules().values() if rule.waivers)
