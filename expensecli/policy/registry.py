"""The one catalogue of rule codes, built from an explicit list of rule modules.

Like yamllint's rule table: adding a rule area means adding its module to RULE_MODULES;
a module's rules are the `Rule`s it defines and the functions and classes it marks with
`claim_rule` / `batch_rule`. Codes must be unique across the catalogue.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from expensecli.policy.rule import Rule
from expensecli.policy.rules import (
    catering,
    cateringlimits,
    controllers,
    cost,
    deadlines,
    documentation,
    file,
    money,
    nonemployees,
    reimbursement,
    representation,
    status,
    travel,
    waivers,
)

__all__ = ["RULE_MODULES", "Rule", "all_rules", "batch_checks", "claim_checks", "get", "waiver_checks"]

RULE_MODULES: tuple[ModuleType, ...] = (
    file, documentation, deadlines, nonemployees, reimbursement, travel, money, cost, status,
    catering, cateringlimits, representation, waivers, controllers,
)


def rules_of(module: ModuleType) -> list[Rule]:
    """The rules a module defines, in the order it defines them (imported names excluded)."""
    found = []
    for value in vars(module).values():
        rule = value if isinstance(value, Rule) else getattr(value, "rule", None)
        if isinstance(rule, Rule) and (rule.check is None or rule.check.__module__ == module.__name__):
            found.append(rule)
    return found


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule, by code, in code order."""
    catalogue: dict[str, Rule] = {}
    for module in RULE_MODULES:
        for rule in rules_of(module):
            if rule.code in catalogue:
                raise ValueError(f"rule code {rule.code} defined twice")
            catalogue[rule.code] = rule
    return dict(sorted(catalogue.items()))


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
