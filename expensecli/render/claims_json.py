"""The JSON shape of spec/cli.md: one object per claim, shared by `json` and `jsonl`.

Beside the spec's keys, `total_complete` says whether `total` holds every expense: false when a
foreign amount without a `rate` is left out of it (MX001 reports that), null for a file that
did not load.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from expensecli.core.findings import Finding, Severity
from expensecli.core.values import money_text
from expensecli.policy.engine import ClaimResult


def finding_json(finding: Finding) -> dict:
    data = {"code": finding.code, "severity": finding.severity.value, "message": finding.message,
            "line": finding.line, "column": finding.column, "path": finding.path,
            "source": finding.source, "waived": finding.waived}
    if finding.waived and finding.waiver:  # with a ledger: where the waiver was recorded
        data["waiver"] = finding.waiver
    if finding.first_seen:  # with a ledger: when it first saw this finding
        data["first_seen"] = finding.first_seen
    return data


def claim_json(report: ClaimResult) -> dict:
    deadline = report.deadline
    return {
        "file": report.file,
        "id": report.id,
        "kind": report.kind, "status": report.status, "role": report.role,
        "total": money_text(report.total) if report.total is not None else None,
        "total_complete": report.total_complete if report.loaded else None,
        "currency": "NOK",
        "deadline": deadline.due.isoformat() if deadline else None,
        "submitted": _date(report.submitted),
        "days_late": deadline.days_late if deadline else None,
        "catering": [row.as_json() for row in report.catering],
        "findings": [finding_json(f) for f in report.findings],
    }


def summary(reports: Sequence[ClaimResult]) -> dict:
    counts = {Severity.error: 0, Severity.warning: 0, Severity.info: 0}
    waived = 0
    for report in reports:
        for finding in report.findings:
            if finding.waived:
                waived += 1
            else:
                counts[finding.severity] += 1
    return {"files": len(reports), "claims": sum(1 for r in reports if r.loaded),
            "errors": counts[Severity.error], "warnings": counts[Severity.warning],
            "infos": counts[Severity.info], "waived": waived}


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def claim_text(report: ClaimResult) -> str:
    """One claim as compact JSON: a line of the `json` document."""
    return compact_json(claim_json(report))


FINDINGS_KEY = '"findings": '


def with_findings_text(text: str, findings: Sequence[Finding]) -> str:
    """A claim's text (`claim_text`, `claim_line`, or either as it stands in a document) with
    other findings, as a ledger gives them (their first sighting, its waivers, its findings across
    runs), without the claim's report: `findings` is the last key of its object, so its value runs
    from the last `"findings": ` (inside a string a quote is escaped, so it cannot appear there) to
    the last `]`."""
    start = text.rindex(FINDINGS_KEY) + len(FINDINGS_KEY)
    end = text.rindex("]") + 1
    return text[:start] + compact_json([finding_json(f) for f in findings]) + text[end:]


def claim_line(as_of: dt.date, report: ClaimResult) -> str:
    """One claim as a `jsonl` line."""
    return compact_json({"as_of": as_of.isoformat(), **claim_json(report)}) + "\n"


def render_json(reports: Sequence[ClaimResult], as_of: dt.date, texts: Sequence[str | None] = ()) -> str:
    """One JSON document; each claim on a line of its own, so a large batch stays readable and
    is written by the fast C encoder. A claim's text in `texts` (made by `claim_text` where the
    claim was checked) is used as it is."""
    texts = texts or [None] * len(reports)
    if not reports:
        return json_head(as_of, "[]") + json_tail(summary(reports), "")
    claims = JSON_SEPARATOR.join(json_fragment(made or claim_text(r)) for r, made in zip(reports, texts))
    return json_head(as_of) + claims + json_tail(summary(reports))


JSON_SEPARATOR = ",\n"  # between the claims of a `json` document


def json_head(as_of: dt.date, claims: str = "[\n") -> str:
    """The `json` document up to its first claim (or with `claims` as the whole list)."""
    return f'{{\n  "version": 1,\n  "as_of": {compact_json(as_of.isoformat())},\n  "claims": {claims}'


def json_fragment(text: str) -> str:
    """A claim's text (`claim_text`) as it stands in the `json` document."""
    return "    " + text


def json_tail(counts: dict, end: str = "\n  ]") -> str:
    """The `json` document after its last claim: the list closed and the summary (`summary`)."""
    return f'{end},\n  "summary": {compact_json(counts)}\n}}\n'


# One encoder for every claim (`json.dumps` makes one a call); the values are plain dicts and
# lists, never circular, so the check for cycles is left out.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def compact_json(value) -> str:
    """`value` as compact JSON, by the one encoder (a claim's text, the spool's table record)."""
    return _ENCODE(value)


def render_jsonl(reports: Sequence[ClaimResult], as_of: dt.date, texts: Sequence[str | None] = ()) -> str:
    """One claim a line; a claim's text in `texts` (made by `claim_line`) is used as it is."""
    texts = texts or [None] * len(reports)
    return "".join(made or claim_line(as_of, r) for r, made in zip(reports, texts))
