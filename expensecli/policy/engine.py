"""The validation engine: loaded claims + rate sheets + as-of date -> located, sorted findings.

Pure: no printing and no file access (the loader did that). The work splits in two so that
claims can be checked in worker processes: `check_one` runs the per-claim rules and collects
what the cross-claim rules need (`BatchItem`s); `finish` judges those across the batch, applies
waivers and `--select/--ignore`, and sorts. Selection changes what is reported, never what is
computed. A claim's waivers are judged (WV001) against every finding computed for it: in
`check_one` for the claim's own rules, in `finish` for the cross-claim codes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import NamedTuple, TypeVar

from expensecli.core.findings import Finding, Problem, Severity
from expensecli.core.i18n import mark, tr
from expensecli.core.locations import Path, path_text
from expensecli.core.text import printable
from expensecli.models.claimfile import LoadedClaim
from expensecli.models.ratebook import RateBook
from expensecli.policy import registry
from expensecli.policy.context import ClaimContext
from expensecli.policy.deadlines import Deadline
from expensecli.policy.rules import file as file_rules
from expensecli.policy.selection import Selection


class BatchItem(NamedTuple):
    """One claim's contribution to a cross-claim rule (MX004, CA006), already located (line and
    column 0 for the codes `check_one` was told to leave unplaced). A named tuple, immutable like
    the rest of a report: a claim makes a few, made and pickled at a third of a frozen
    dataclass's cost."""

    claim: int
    file: str
    claim_id: str
    key: tuple
    path: Path
    line: int
    column: int
    data: tuple = ()


@dataclass(frozen=True)
class ClaimResult:
    """Everything the reports need about one input file."""

    file: str
    id: str | None
    kind: str | None = None
    status: str | None = None
    role: str | None = None
    claimant: str | None = None
    unit: str | None = None
    cost_centre: str | None = None
    work_order: str | None = None
    total: Decimal | None = None
    deadline: Deadline | None = None
    catering: tuple = ()
    findings: tuple[Finding, ...] = ()
    waivers: frozenset[str] = frozenset()
    submitted: dt.date | None = None  # `submitted`, else the first `sent` in history
    pending_waivers: tuple = ()  # (index, code, line, column) of waivers of cross-claim codes, judged in finish
    batch_items: dict[str, list[BatchItem]] = field(default_factory=dict, compare=False)
    total_complete: bool = True  # False when `total` leaves out a foreign amount without a rate (MX001)
    facts: object = field(default=None, compare=False)  # what a ledger records of the claim, made where it is checked


    @property
    def loaded(self) -> bool:
        return self.kind is not None


R = TypeVar("R")


def amended(record: R, **changes) -> R:
    """A report or a finding with `changes`: `dataclasses.replace` without its per-call
    introspection (a ledger changes most reports of a run, and tens of thousands of findings)."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__, **changes)
    return copy


def with_findings(report: ClaimResult, found: tuple[Finding, ...]) -> ClaimResult:
    return amended(report, findings=found)


# What only a report's output shows, left out of what a ledger is given of it (`recorded_part`).
_SHOWN_ONLY = {"claimant": None, "unit": None, "cost_centre": None, "work_order": None, "deadline": None,
               "catering": (), "submitted": None, "pending_waivers": (), "batch_items": {}}


def recorded_part(report: ClaimResult) -> ClaimResult:
    """The report as a ledger records it (its id, kind, status, role, total, waivers, findings
    and facts), without what only its output shows: sent from the worker that checked the
    claim beside the claim's text, pickled at about two thirds of the whole report's cost."""
    return amended(report, **_SHOWN_ONLY)


def check(files: Sequence[LoadedClaim], rates: RateBook, as_of: dt.date,
          selection: Selection = Selection(), controllers: frozenset[str] | None = None) -> list[ClaimResult]:
    """Check a batch in this process (the CLI spreads `check_one` over workers instead)."""
    return finish([check_one(i, loaded, rates, as_of, selection, controllers)
                   for i, loaded in enumerate(files)], selection)


def check_one(index: int, loaded: LoadedClaim, rates: RateBook, as_of: dt.date,
              selection: Selection = Selection(), controllers: frozenset[str] | None = None,
              unplaced: frozenset[str] = frozenset()) -> ClaimResult:
    """One claim's report: its findings selected, waived and in order, plus what the cross-claim
    rules need from it (`batch_items`, judged by `finish`). A defect in the engine costs this
    claim one finding (`defect_report`), never the batch. With `controllers` (normalised names),
    a claim-file waiver by anyone else is not applied (WV002 says so). The items of the codes in
    `unplaced` are not located (line and column 0): for a caller that keeps only their keys and
    checks the claim again should a key be shared (`run.spool`)."""
    try:
        return _check_one(index, loaded, rates, as_of, selection, controllers, unplaced)
    except Exception as error:
        if RAISE_DEFECTS:
            raise
        return defect_report(ClaimResult(loaded.file, _shown(loaded.raw_id or (loaded.claim and loaded.claim.id))),
                             "checking", error)


RAISE_DEFECTS = False  # --traceback: let a defect stop the run and show where it is


def defect_report(report: ClaimResult, doing: str, error: Exception) -> ClaimResult:
    """The report of a claim that hit a defect of this program while `doing` (checking, rendering):
    its file and id, and one LOAD001 error saying so, without claim data (only the error's type).
    The rest of the batch is unaffected, and the error makes the exit code 1."""
    message = tr(DEFECTS.get(doing, DEFECTS["checking"]), error=type(error).__name__)
    finding = _finding(report.file, Problem(message, code="LOAD001"), (1, 1))
    return ClaimResult(report.file, report.id, findings=(finding,))


# What `defect_report` says for each thing the program was `doing`.
DEFECTS = {
    "checking": mark("internal error while checking this claim ({error}); it was not fully checked, please report"
                     " it (run again with --traceback for details)"),
    "rendering": mark("internal error while rendering this claim ({error}); it was not fully checked, please"
                      " report it (run again with --traceback for details)"),
}


def _check_one(index: int, loaded: LoadedClaim, rates: RateBook, as_of: dt.date,
               selection: Selection, controllers: frozenset[str] | None = None,
               unplaced: frozenset[str] = frozenset()) -> ClaimResult:
    if loaded.claim is None:
        findings = [_finding(loaded.file, _cited(problem), problem.at or (1, 1)) for problem in loaded.problems]
        return ClaimResult(loaded.file, _shown(loaded.raw_id), findings=_settled(findings, frozenset(), selection))
    ctx = ClaimContext(loaded, rates, as_of, controllers)
    document = loaded.document
    findings = []
    for rule in registry.claim_checks():
        try:  # run to the end here, where a defect is caught (a check is a generator); inlined: 43 a claim
            problems = list(rule.check(ctx))
        except Exception as error:  # a rule defect must not stop the batch
            problems = _defect(rule, error)
        for problem in problems:
            at = document.locate_key(problem.path) if problem.key else document.locate(problem.path)
            findings.append(_finding(loaded.file, problem, at, rule))
    items = {rule.code: [_item(index, ctx, key, path, data, rule.code not in unplaced)
                         for key, path, data in rule.check.collect(ctx)] for rule in registry.batch_checks()}
    rt001 = registry.get("RT001")
    for note in ctx.sheet_notes:
        findings.append(_finding(loaded.file, note, document.locate(note.path), rt001))
    claim = ctx.claim
    pending = ()
    if claim.waivers:
        later = {rule.code for rule in registry.batch_checks()}
        now = [(k, waiver.code) for k, waiver in enumerate(claim.waivers) if waiver.code not in later]
        findings += _stale_waivers(loaded.file, now, findings, document.locate)
        pending = tuple((k, waiver.code, *document.locate(("waivers", k, "code")))
                        for k, waiver in enumerate(claim.waivers) if waiver.code in later)
    allocation = claim.cost_allocation
    waivers = frozenset(waiver.code for waiver in claim.waivers if ctx.by_controller(waiver.by)) - _unwaivable()
    return ClaimResult(
        loaded.file, _shown(claim.id), claim.kind.value, claim.status.value, claim.claimant.role.value,
        _shown(claim.claimant.name), _shown(claim.unit), _shown(allocation.cost_centre if allocation else None),
        _shown(allocation.work_order if allocation else None), ctx.total, ctx.deadline, ctx.catering,
        _settled(findings, waivers, selection), waivers, claim.submitted_on, pending, items,
        total_complete=ctx.total_complete)


def _cited(problem: Problem) -> Problem:
    """A loader's problem with its own sentence: an unknown field (the one schema problem placed
    at its key) cites the claim format's sentence on unknown keys."""
    if problem.key and problem.code == "LOAD004" and problem.source is None:
        return replace(problem, source=file_rules.UNKNOWN_FIELD)
    return problem


def _shown(value: str | None) -> str | None:
    """A value from the claim as every output shows it: control characters, line separators and
    bidirectional controls escaped (see `core.text.printable`), so it cannot drive a terminal."""
    return None if value is None else printable(value)


def finish(reports: Sequence[ClaimResult], selection: Selection = Selection()) -> list[ClaimResult]:
    """Judge the cross-claim rules over the whole batch and add their findings; reports in input order."""
    items = {rule.code: [item for report in reports for item in report.batch_items.get(rule.code, ())]
             for rule in registry.batch_checks()}
    pending = {index: (report.file, report.pending_waivers) for index, report in enumerate(reports)
               if report.pending_waivers}
    extra = cross_findings(items, pending)
    finished = [settle(report, extra[index], selection) if index in extra else report
                for index, report in enumerate(reports)]
    finished.sort(key=lambda report: report.file)
    return finished


def cross_findings(items: dict[str, list[BatchItem]],
                   pending: dict[int, tuple[str, tuple]]) -> dict[int, list[Finding]]:
    """The cross-claim findings of a batch by the index of their claim, from the compact keys
    alone: `items` by rule code (in input order) and each claim's `(file, pending_waivers)`. A
    claim in the answer must be settled again (`settle`), even when its list is empty."""
    extra: dict[int, list[Finding]] = defaultdict(list)
    for rule in registry.batch_checks():
        found = items.get(rule.code, [])
        try:
            judged = list(rule.check.judge(found))
        except Exception as error:  # a rule defect must not stop the batch
            if RAISE_DEFECTS:
                raise
            message = tr("internal error in rule {code} ({error}); the rule was not applied across the batch,"
                         " please report it", code=rule.code, error=type(error).__name__)
            judged = [(item, message) for item in {item.claim: item for item in found}.values()]
        for item, message in judged:
            extra[item.claim].append(_finding(item.file, Problem(message, item.path), (item.line, item.column), rule))
    for index, (file, waivers) in pending.items():
        at = {("waivers", k, "code"): (line, column) for k, _, line, column in waivers}
        extra[index] += _stale_waivers(file, [(k, code) for k, code, _, _ in waivers], extra[index], at.__getitem__)
    return extra


def settle(report: ClaimResult, extra: list[Finding], selection: Selection = Selection()) -> ClaimResult:
    """`report` with the cross-claim findings `extra` added, selected, waived and in order."""
    return with_findings(report, _settled([*report.findings, *extra], report.waivers, selection))


@cache
def _unwaivable() -> frozenset[str]:
    return frozenset(rule.code for rule in registry.waiver_checks())


def _stale_waivers(file: str, waivers: list[tuple[int, str]], findings: list[Finding], locate) -> list[Finding]:
    """WV001 findings for the `(index, code)` waivers that match none of `findings`."""
    if not waivers:
        return []
    found, known = {f.code for f in findings}, set(registry.all_rules())
    return [_finding(file, problem, locate(problem.path), rule)
            for rule in registry.waiver_checks() for problem in rule.check(waivers, found, known)]


def _settled(findings: list[Finding], waivers: frozenset[str], selection: Selection) -> tuple[Finding, ...]:
    """Only the selected codes, at their configured severity, waived ones marked, sorted by line,
    code and column."""
    kept = [amended(f, waived=True) if f.code in waivers and not f.waived else f
            for f in findings if selection.reports(f.code)]
    if selection.severity:
        kept = [f if (level := selection.severity_of(f.code, f.severity)) is f.severity else amended(f, severity=level)
                for f in kept]
    kept.sort(key=lambda f: f.sort_key)
    return tuple(kept)


def _defect(rule: registry.Rule, error: Exception) -> list[Problem]:
    if RAISE_DEFECTS:
        raise error
    return [Problem(tr("internal error in rule {code} ({error}); the rule was not applied to this claim, please"
                       " report it", code=rule.code, error=type(error).__name__), (), Severity.error)]



def _item(index: int, ctx: ClaimContext, key: tuple, path: Path, data: tuple, placed: bool = True) -> BatchItem:
    line, column = ctx.loaded.document.locate(path) if placed else (0, 0)
    return BatchItem(index, ctx.file, ctx.claim.id, key, path, line, column, data)


def _finding(file: str, problem: Problem, at: tuple[int, int], rule: registry.Rule | None = None) -> Finding:
    rule = rule or registry.get(problem.code)
    return Finding(file, at[0], at[1], rule.code, problem.severity or rule.severity, printable(problem.message),
                   printable(path_text(problem.path)), problem.source or rule.citation)


def worst(reports: Iterable[ClaimResult]) -> Severity | None:
    """The highest severity among findings that are not waived."""
    ranks = [f.severity for r in reports for f in r.findings if not f.waived]
    return max(ranks, key=lambda s: s.rank, default=None)
