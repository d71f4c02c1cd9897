"""What `rules explain` says about one rule: what it checks, the policy sentence it rests on,
the rate-sheet figures it uses, and a failing and a passing claim with what the failing one gives.

`RULE_FIGURES` is the one place that says which sheet fields each rule reads.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from expensecli.core.findings import Finding
from expensecli.models.ratebook import RateBook
from expensecli.models.rates import RateSheet
from expensecli.policy.registry import Rule
from expensecli.report.rule_examples import RuleExample, example_reports, load_example

CATERING_TIERS = ("catering.short", "catering.long", "catering.two_servings", "catering.short_max_hours",
                  "catering.external_venue_factor", "catering.extended_max", "working_hours")
REPRESENTATION_LIMITS = ("representation.meal", "representation.simple", "representation.foreign_guests_factor",
                         "representation.home_factor", "representation.abroad_factor", "representation.abroad")

# Rule code -> the rate-sheet fields (dotted paths) it reads; codes not listed read none.
RULE_FIGURES: dict[str, tuple[str, ...]] = {
    "RT001": ("valid_from", "valid_to"),
    "DL001": ("deadlines.non_employee_months",),
    "DL002": ("deadlines.employee_travel_months",),
    "DL003": ("deadlines.non_employee_months", "deadlines.employee_travel_months", "deadlines.due_soon_days"),
    "NE005": ("betalmeg.inactivity_days",),
    "NE007": ("betalmeg.sms_blocked_countries",),
    "CA001": CATERING_TIERS,
    "CA005": ("catering.extended_max",),
    "CA006": ("special_events_per_semester",),
    "CA008": ("agreement_suppliers",),
    "CA011": ("catering.short", "catering.two_servings", "catering.short_max_hours", "working_hours"),
    "RP001": REPRESENTATION_LIMITS,
    "RP002": ("representation_approvers",),
    "RP004": ("representation.abroad",),
}


class UnknownCode(LookupError):
    """A code that is not in the catalogue; `nearest` holds the closest known codes."""

    def __init__(self, code: str, nearest: list[str]):
        super().__init__(code)
        self.code, self.nearest = code, nearest


@dataclass(frozen=True)
class Figure:
    """A figure of the rate sheet a rule uses, by its dotted path."""

    path: str
    value: Any


@dataclass(frozen=True)
class Explanation:
    """What `rules explain` tells of a rule: what it checks, the figures it uses and an example that fails it."""

    rule: Rule
    checks: str
    sheet: RateSheet
    figures: tuple[Figure, ...]
    example: RuleExample | None
    findings: tuple[Finding, ...]  # what the failing example reports for this code


def find_rule(code: str, rules: dict[str, Rule]) -> Rule:
    wanted = code.strip().upper()
    if wanted in rules:
        return rules[wanted]
    raise UnknownCode(code, nearest_codes(wanted, list(rules)))


def nearest_codes(code: str, known: list[str]) -> list[str]:
    close = difflib.get_close_matches(code.upper(), known, n=3, cutoff=0.6)
    return close or sorted(c for c in known if code and c.startswith(code.upper()))[:5]


def what_it_checks(rule: Rule, example: RuleExample | None) -> str:
    """The rule function's docstring, or the example file's `checks` for loader codes."""
    text = rule.doc or (example.checks if example else "")
    return " ".join(text.split())


def figure(sheet: RateSheet, path: str) -> Any:
    value: Any = sheet
    for part in path.split("."):
        value = getattr(value, part)
    return value


def current_sheet(book: RateBook, today: dt.date) -> tuple[RateSheet, str]:
    """The sheet covering `today`, else the latest one, with its file."""
    pairs = list(zip(book.sheets, book.files))
    for sheet, file in pairs:
        if sheet.covers(today):
            return sheet, file
    return pairs[-1]


def explain(code: str, rules: dict[str, Rule], book: RateBook, today: dt.date,
            examples_book: RateBook | None = None) -> Explanation:
    """Everything about `code`; figures from `book`'s current sheet, the example checked on
    `examples_book` (default: `book`), the sheets the examples are written for."""
    rule = find_rule(code, rules)
    example = load_example(rule.code)
    sheet, _ = current_sheet(book, today)
    figures = tuple(Figure(path, figure(sheet, path)) for path in RULE_FIGURES.get(rule.code, ()))
    findings: tuple[Finding, ...] = ()
    if example is not None:
        reports = example_reports(example, examples_book or book, "fail")
        findings = tuple(f for report in reports for f in report.findings if f.code == rule.code)
    return Explanation(rule, what_it_checks(rule, example), sheet, figures, example, findings)
