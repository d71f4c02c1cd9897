"""The `deadlines` and `status` reports in every format they offer; strings only, never printed.

JSON shapes (keys snake_case, amounts two-decimal strings, dates ISO):

`deadlines --format json`:
  {"version": 1, "as_of", "within": days or null,
   "deadlines": [{"file", "id", "claimant", "role", "kind", "status", "urgency", "base", "base_date",
                  "months", "deadline", "submitted", "days_late", "days_left"}],
   "summary": {"claims", "late", "due_soon", "pending", "on_time"}, "unloaded": [file, ...]}
  urgency is late | due_soon | pending (unsubmitted, more time left) | on_time (submitted in time);
  base is trip_end | earliest_expense; days_left is null once submitted or late.
`status --format json`:
  {"version": 1, "as_of", "currency": "NOK",
   "statuses": [{"status", "claims", "total"}] (all five, workflow order), "overall": {"claims", "total"},
   "returned": [{"file", "id", "claimant", "role", "kind", "total"}],
   "overdue": [{"file", "id", "claimant", "role", "kind", "status", "deadline", "days_late", "total"}],
   "group_by": field or null, "groups": [{"group", "claims", "total"}], "unloaded": [file, ...]}
jsonl and csv carry one row a line: a deadline row (`deadlines`), or one claim with its status,
allocation, total and deadline (`status`); jsonl rows start with "as_of".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from xml.etree import ElementTree

from expensecli.core.text import counted
from expensecli.core.values import money_display, money_text
from expensecli.policy.deadlines import TRIP_ENDED, Urgency
from expensecli.policy.engine import ClaimResult
from expensecli.render.csvcells import csv_text
from expensecli.report.chasing import DeadlineRow, StatusSummary, urgency_counts

DEADLINE_FIELDS = ("file", "id", "claimant", "role", "kind", "status", "urgency", "base", "base_date", "months",
                   "deadline", "submitted", "days_late", "days_left")
STATUS_FIELDS = ("file", "id", "claimant", "role", "kind", "status", "unit", "cost_centre", "work_order", "total",
                 "currency", "deadline", "submitted", "days_late", "overdue")


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


def deadline_json(row: DeadlineRow) -> dict:
    claim, deadline = row.claim, row.deadline
    open_and_not_late = deadline.unsubmitted and not deadline.late
    return {"file": claim.file, "id": claim.id, "claimant": claim.claimant, "role": claim.role,
            "kind": claim.kind, "status": claim.status, "urgency": row.urgency.value,
            "base": "trip_end" if deadline.base_label == TRIP_ENDED else "earliest_expense",
            "base_date": deadline.base.isoformat(), "months": deadline.months,
            "deadline": deadline.due.isoformat(), "submitted": _date(deadline.submitted),
            "days_late": deadline.days_late, "days_left": deadline.days_left if open_and_not_late else None}


def deadlines_summary(rows: Sequence[DeadlineRow]) -> dict:
    return {"claims": len(rows), **{urgency.value: n for urgency, n in urgency_counts(rows).items()}}


def deadlines_json(rows: Sequence[DeadlineRow], as_of: dt.date, within: int | None,
                   unloaded: Sequence[str]) -> str:
    document = {"version": 1, "as_of": as_of.isoformat(), "within": within,
                "deadlines": [deadline_json(row) for row in rows], "summary": deadlines_summary(rows),
                "unloaded": list(unloaded)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def deadlines_jsonl(rows: Sequence[DeadlineRow], as_of: dt.date) -> str:
    return "".join(_dumps({"as_of": as_of.isoformat(), **deadline_json(row)}) + "\n" for row in rows)


def _csv(fields: Sequence[str], records: list[dict]) -> str:
    return csv_text(fields, ([record.get(key) for key in fields] for record in records))


def deadlines_csv(rows: Sequence[DeadlineRow]) -> str:
    return _csv(DEADLINE_FIELDS, [deadline_json(row) for row in rows])


def days_text(row: DeadlineRow) -> str:
    """'5 days late', 'due today', '4 days left' or 'on time'."""
    deadline = row.deadline
    if deadline.late:
        return _days(deadline.days_late) + " late"
    if deadline.unsubmitted:
        return "due today" if deadline.days_left == 0 else _days(deadline.days_left) + " left"
    return "on time"


def _days(n: int) -> str:
    return counted(n, "day")


def _claims(n: int) -> str:
    return counted(n, "claim")


def _sent(row: DeadlineRow) -> str:
    submitted = row.deadline.submitted
    return f"submitted {submitted}" if submitted else f"not submitted ({row.claim.status})"


def submitted_text(row: DeadlineRow) -> str:
    return str(row.deadline.submitted) if row.deadline.submitted else f"({row.claim.status})"


def deadlines_concise(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str],
                      quiet: bool = False) -> str:
    lines = []
    for row in rows:
        claim, deadline = row.claim, row.deadline
        lines.append(f"{claim.file}: {claim.id} {claim.claimant} ({claim.role}, {claim.kind}): deadline"
                     f" {deadline.due_text} ({deadline.period} after {deadline.since}); {_sent(row)}, {days_text(row)}")
    if not quiet:
        lines.extend(deadlines_summary_lines(rows, as_of, unloaded))
    return "".join(line + "\n" for line in lines)


def deadlines_summary_lines(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str]) -> list[str]:
    counts = urgency_counts(rows)
    lines = [f"{_claims(len(rows))} with a deadline as of {as_of}: {counts[Urgency.late]} late,"
             f" {counts[Urgency.due_soon]} due soon, {counts[Urgency.pending]} pending,"
             f" {counts[Urgency.on_time]} submitted on time"]
    return lines + unloaded_lines(unloaded)


def unloaded_lines(unloaded: Sequence[str]) -> list[str]:
    return [f"not loaded (see expensecli check): {file}" for file in unloaded]


def deadlines_junit(rows: Sequence[DeadlineRow], as_of: dt.date) -> str:
    """One test case per claim; a breach of its deadline is a failure."""
    late = sum(1 for row in rows if row.deadline.late)
    suites = ElementTree.Element("testsuites", name="expensecli deadlines", tests=str(len(rows)),
                                 failures=str(late))
    suite = ElementTree.SubElement(suites, "testsuite", name=f"deadlines as of {as_of}",
                                   tests=str(len(rows)), failures=str(late))
    for row in rows:
        case = ElementTree.SubElement(suite, "testcase", classname=row.claim.file, name=row.claim.id or "")
        if row.deadline.late:
            failure = ElementTree.SubElement(case, "failure", type=row.urgency.value,
                                             message=f"deadline {row.deadline.due_text}: {days_text(row)}")
            failure.text = f"{_sent(row)}; the deadline is {row.deadline.period} after {row.deadline.since}"
    from expensecli.render.junit import xml_document

    return xml_document(suites)


def status_claim_json(claim: ClaimResult) -> dict:
    deadline = claim.deadline
    return {"file": claim.file, "id": claim.id, "claimant": claim.claimant, "role": claim.role,
            "kind": claim.kind, "status": claim.status, "unit": claim.unit, "cost_centre": claim.cost_centre,
            "work_order": claim.work_order, "total": money_text(claim.total), "currency": "NOK",
            "deadline": _date(deadline.due if deadline else None),
            "submitted": _date(claim.submitted),
            "days_late": deadline.days_late if deadline else None,
            "overdue": bool(deadline and deadline.unsubmitted and deadline.late)}


def status_json(summary: StatusSummary, as_of: dt.date) -> str:
    def tally(t) -> dict:
        return {"claims": t.claims, "total": money_text(t.total)}

    document = {
        "version": 1, "as_of": as_of.isoformat(), "currency": "NOK",
        "statuses": [{"status": status.value, **tally(t)} for status, t in summary.by_status.items()],
        "overall": tally(summary.overall),
        "returned": [{"file": c.file, "id": c.id, "claimant": c.claimant, "role": c.role, "kind": c.kind,
                      "total": money_text(c.total)} for c in summary.returned],
        "overdue": [{"file": c.file, "id": c.id, "claimant": c.claimant, "role": c.role, "kind": c.kind,
                     "status": c.status, "deadline": c.deadline.due.isoformat(),
                     "days_late": c.deadline.days_late, "total": money_text(c.total)} for c in summary.overdue],
        "group_by": summary.group_by.value if summary.group_by else None,
        "groups": [{"group": key, **tally(t)} for key, t in summary.groups],
        "unloaded": summary.unloaded,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def status_jsonl(claims: Sequence[ClaimResult], as_of: dt.date) -> str:
    return "".join(_dumps({"as_of": as_of.isoformat(), **status_claim_json(c)}) + "\n"
                   for c in claims if c.loaded)


def status_csv(claims: Sequence[ClaimResult]) -> str:
    return _csv(STATUS_FIELDS, [status_claim_json(c) for c in claims if c.loaded])


def status_concise(summary: StatusSummary, quiet: bool = False) -> str:
    lines = [f"{status}: {_claims(t.claims)}, {money_display(t.total)} NOK" for status, t in summary.by_status.items()]
    lines.append(f"all: {_claims(summary.overall.claims)}, {money_display(summary.overall.total)} NOK")
    for c in summary.returned:
        lines.append(f"returned: {c.file}: {c.id} {c.claimant} ({c.role}, {c.kind}), {money_display(c.total)} NOK")
    for c in summary.overdue:
        lines.append(f"overdue: {c.file}: {c.id} {c.claimant} ({c.role}, {c.kind}, {c.status}): deadline"
                     f" {c.deadline.due_text}, {_days(c.deadline.days_late)} late, {money_display(c.total)} NOK")
    for key, t in summary.groups:
        lines.append(f"{summary.group_by} {key or '(none)'}: {_claims(t.claims)}, {money_display(t.total)} NOK")
    if not quiet:
        lines.extend(unloaded_lines(summary.unloaded))
    return "".join(line + "\n" for line in lines)
