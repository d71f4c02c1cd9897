"""`check`'s formats written a claim at a time, so that a batch's text is never held whole.

A streamed format is a claim's own text (`fragment`, made where the claim is checked, or
`late`, made at the end when it depends on the whole batch, as the table's column widths do),
what goes between two claims, and the text before the first and after the last claim, which
depend only on the batch's totals. A late format's fragment is what its text will be made
from (`table_record`: the few fields a table shows, as JSON), so that a claim's whole report
need not be pickled where it is checked and read back here, which cost a table more than its
drawing. `claim_stats` is what those totals are summed from: a few
numbers a claim. Each part is made by the same functions the whole-batch renderers use, so
the streamed text is the collected text, byte for byte (tests/cli/test_streamed.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from expensecli.core.findings import Finding, Severity
from expensecli.policy.engine import ClaimResult, with_findings
from expensecli.render import Format

_RANK = {Severity.info: 1, Severity.warning: 2, Severity.error: 3}
_SEVERITY = {Severity.error: 1, Severity.warning: 2, Severity.info: 3}


def claim_stats(report: ClaimResult) -> tuple:
    """(loaded, errors, warnings, infos, waived, worst rank of a finding not waived, junit outcome
    (0 passed, 1 failure, 2 error), the table's column widths (where, severity, code), the code of
    its first finding): whole numbers, and last a code or None."""
    counts = [0, 0, 0, 0, 0]  # -, errors, warnings, infos, waived
    worst = where = level = code = 0
    blocking = False
    for f in report.findings:
        if f.waived:
            counts[4] += 1
        else:
            counts[_SEVERITY[f.severity]] += 1
            worst = max(worst, _RANK[f.severity])
            blocking = blocking or f.severity is Severity.error
        where = max(where, len(f"{f.line}:{f.column}"))
        level = max(level, len(f.severity.value))
        code = max(code, len(f.code))
    outcome = (1 if report.loaded else 2) if blocking else 0
    first = report.findings[0].code if report.findings else None
    return (int(report.loaded), *counts[1:], worst, outcome, where, level, code, first)


@dataclass
class Totals:
    """The batch's sums of `claim_stats`, in output order."""

    files: int = 0
    claims: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    worst: int = 0
    failures: int = 0
    junit_errors: int = 0
    columns: tuple[int, int, int] = (0, 0, 0)
    first_code: str | None = None
    clean: int = 0

    def add(self, stats: tuple) -> None:
        loaded, errors, warnings, infos, waived, worst, outcome, *columns, first = stats
        self.files += 1
        self.claims += bool(loaded)
        self.errors += errors
        self.warnings += warnings
        self.infos += infos
        self.waived += waived
        self.worst = max(self.worst, worst)
        self.failures += outcome == 1
        self.junit_errors += outcome == 2
        self.columns = tuple(max(a, b) for a, b in zip(self.columns, columns))
        if first is None:
            self.clean += 1
        elif self.first_code is None:
            self.first_code = first

    def counts(self) -> dict:
        """As `claims_json.summary` counts them."""
        return {"files": self.files, "claims": self.claims, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos, "waived": self.waived}

    def worst_severity(self) -> Severity | None:
        return next((s for s, rank in _RANK.items() if rank == self.worst), None)


@dataclass(frozen=True)
class Streamed:
    """How one format is written a claim at a time (see the module's text)."""

    head: Callable[[Totals], str]
    tail: Callable[[Totals], str]
    fragment: Callable[[ClaimResult], str] | None = None  # made where the claim is checked
    late: Callable[[ClaimResult, Totals], str] | None = None  # made at the end, from the totals
    separator: str = ""
    after: Callable[[Iterable[ClaimResult], Totals], str] | None = None  # table: the clean claims, summary, hint
    restore: Callable[[str], ClaimResult] | None = None  # a late format: the report `late` is given, from the fragment
    # A claim's fragment with other findings (a ledger's), made from the fragment alone; None
    # where it takes the whole report.
    refound: Callable[[str, tuple[Finding, ...]], str] | None = None
    shows_first_seen: bool = False  # json, jsonl: a finding a ledger has seen before changes the text


def streamed(chosen: Format, as_of: dt.date, quiet: bool = False, color: bool = False,
             width: int = 120) -> Streamed | None:
    """How `check -f chosen` is written a claim at a time; None for xlsx, which is not text: its
    rows are written a claim at a time by `render.xlsx_reports.write_check_book`."""
    if chosen is Format.json:
        from expensecli.render import claims_json as j

        return Streamed(lambda totals: j.json_head(as_of), lambda totals: j.json_tail(totals.counts()),
                        lambda report: j.json_fragment(j.claim_text(report)), separator=j.JSON_SEPARATOR,
                        refound=j.with_findings_text, shows_first_seen=True)
    if chosen is Format.jsonl:
        from expensecli.render import claims_json as j

        return Streamed(_nothing, _nothing, partial(j.claim_line, as_of), refound=j.with_findings_text,
                        shows_first_seen=True)
    if chosen is Format.concise:
        from expensecli.render import text

        return Streamed(_nothing, _nothing if quiet else (lambda totals: text.counts_line(totals.counts()) + "\n"),
                        _concise, refound=_concise_lines)
    if chosen is Format.csv:
        from expensecli.render import findings_csv
        from expensecli.render.csvcells import csv_header

        return Streamed(lambda totals: csv_header(findings_csv.HEADER), _nothing, findings_csv.claim_csv)
    if chosen is Format.junit:
        from expensecli.render import junit

        def ends(totals: Totals) -> tuple[str, str]:
            return junit.junit_ends(totals.files, totals.failures, totals.junit_errors)

        return Streamed(lambda totals: ends(totals)[0], lambda totals: ends(totals)[1], junit.claim_junit,
                        separator=junit.JUNIT_SEPARATOR)
    if chosen is Format.table:
        return Streamed(_nothing, _nothing, table_record, late=partial(_table_claim, color, width),
                        after=None if quiet else partial(_table_end, color, width), restore=shown_record,
                        refound=_table_refound)
    return None


def table_record(report: ClaimResult) -> str:
    """What the table shows of a claim, as JSON: its file, id, kind, status and role, and each
    finding's line, column, code, severity, message and waiver (see `shown_record`)."""
    from expensecli.render.claims_json import compact_json

    return compact_json([report.file, report.id, report.kind, report.status, report.role,
                         [[f.line, f.column, f.code, f.severity.value, f.message, f.waived, f.waiver]
                          for f in report.findings]])


def shown_record(record: str) -> ClaimResult:
    """The report a `table_record` was made from, as far as a table shows it: no totals, dates
    or events, and findings without their path and policy sentence."""
    import json

    from expensecli.core.findings import Finding

    file, claim_id, kind, status, role, found = json.loads(record)
    findings = tuple(Finding(file, line, column, code, Severity(severity), message, "", "", waived, waiver)
                     for line, column, code, severity, message, waived, waiver in found)
    return ClaimResult(file, claim_id, kind, status, role, findings=findings)


def _table_refound(record: str, findings: tuple[Finding, ...]) -> str:
    return table_record(with_findings(shown_record(record), findings))


def _nothing(totals: Totals) -> str:
    return ""


def _concise(report: ClaimResult) -> str:
    return _concise_lines("", report.findings)


def _concise_lines(_text: str, findings: tuple[Finding, ...]) -> str:
    from expensecli.render.text import concise_line

    return "".join(concise_line(f) + "\n" for f in findings)


_consoles: dict = {}


def _console(color: bool, width: int):
    """One console a run, emptied after each claim."""
    import io

    from expensecli.render.console import text_console

    console = _consoles.get((color, width))
    if console is None:
        console = _consoles[(color, width)] = text_console(color, width)
    console.file = io.StringIO()
    return console


def _table_claim(color: bool, width: int, report: ClaimResult, totals: Totals) -> str:
    from expensecli.render.console import captured
    from expensecli.render.text import claim_block

    if not report.findings:
        return ""
    console = _console(color, width)
    claim_block(console, report, totals.columns, width)
    return captured(console)


def _table_end(color: bool, width: int, clean: Iterable[ClaimResult], totals: Totals) -> str:
    """The clean claims (`clean`: the first CLEAN_LISTED of them at least), summary and hint."""
    from expensecli.render.console import captured
    from expensecli.render.text import table_end

    console = _console(color, width)
    table_end(console, list(clean), totals.counts(), totals.first_code, width, totals.clean)
    return captured(console)
