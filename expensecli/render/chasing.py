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
   "statuses": [{"status", "claims", "total", "total_complete"}] (all five, workflow order),
   "overall": {"claims", "total", "total_complete"},
   "returned": [{"file", "id", "claimant", "role", "kind", "total", "total_complete"}],
   "overdue": [{"file", "id", "claimant", "role", "kind", "status", "deadline", "days_late", "total",
                "total_complete"}],
   "group_by": field or null,
   "groups": [{"group", "claims", "total", "total_complete", "errors", "warnings", "infos"}],
   "unloaded": [file, ...]}
jsonl and csv carry one row a line: a deadline row (`deadlines`), or one claim with its status,
allocation, total and deadline (`status`); jsonl rows start with "as_of".

A total that leaves out a foreign amount without a rate (MX001) is incomplete: `total_complete`
is false in JSON and CSV, and people's formats show it as `115.63+` with a footnote.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from xml.etree import ElementTree

from expensecli.core.i18n import mark, ntr, tr
from expensecli.core.values import money_display, money_text
from expensecli.policy.deadlines import TRIP_ENDED, Urgency
from expensecli.policy.engine import ClaimResult
from expensecli.render.claims_json import compact_json
from expensecli.render.csvcells import csv_text
from expensecli.report.chasing import DeadlineRow, StatusSummary, urgency_counts

DEADLINE_FIELDS = ("file", "id", "claimant", "role", "kind", "status", "urgency", "base", "base_date", "months",
                   "deadline", "submitted", "days_late", "days_left")
STATUS_FIELDS = ("file", "id", "claimant", "role", "kind", "status", "unit", "cost_centre", "work_order", "total",
                 "total_complete", "currency", "deadline", "submitted", "days_late", "overdue")
INCOMPLETE = mark("+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)")  # tr() where shown


def total_text(total, complete: bool) -> str:
    """A NOK total as people read it: `1 234.50`, or `1 234.50+` when it leaves amounts out."""
    return money_display(total) + ("" if complete else "+")


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


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
    return "".join(compact_json({"as_of": as_of.isoformat(), **deadline_json(row)}) + "\n" for row in rows)


def _csv(fields: Sequence[str], records: list[dict]) -> str:
    return csv_text(fields, ([record.get(key) for key in fields] for record in records))


def deadlines_csv(rows: Sequence[DeadlineRow]) -> str:
    return _csv(DEADLINE_FIELDS, [deadline_json(row) for row in rows])


def days_text(row: DeadlineRow) -> str:
    """'5 days late', 'due today', '4 days left' or 'on time'."""
    deadline = row.deadline
    if deadline.late:
        return ntr("{count} day late", "{count} days late", deadline.days_late)
    if deadline.unsubmitted:
        if deadline.days_left == 0:
            return tr("due today")
        return ntr("{count} day left", "{count} days left", deadline.days_left)
    return tr("on time")


def _sent(row: DeadlineRow) -> str:
    submitted = row.deadline.submitted
    return tr("submitted {date}", date=submitted) if submitted else tr("not submitted ({status})",
                                                                       status=row.claim.status)


def submitted_text(row: DeadlineRow) -> str:
    return str(row.deadline.submitted) if row.deadline.submitted else f"({row.claim.status})"


def deadlines_concise(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str],
                      quiet: bool = False) -> str:
    lines = []
    for row in rows:
        claim, deadline = row.claim, row.deadline
        lines.append(tr("{file}: {id} {claimant} ({role}, {kind}): deadline {deadline} ({period} after {since});"
                        " {submitted}, {days}", file=claim.file, id=claim.id, claimant=claim.claimant, role=claim.role,
                        kind=claim.kind, deadline=deadline.due_text, period=deadline.period, since=deadline.since,
                        submitted=_sent(row), days=days_text(row)))
    if not quiet:
        lines.extend(deadlines_summary_lines(rows, as_of, unloaded))
    return "".join(line + "\n" for line in lines)


def deadlines_summary_lines(rows: Sequence[DeadlineRow], as_of: dt.date, unloaded: Sequence[str]) -> list[str]:
    counts = urgency_counts(rows)
    lines = [ntr("{count} claim with a deadline as of {date}: {late} late, {due_soon} due soon, {pending} pending,"
                 " {on_time} submitted on time",
                 "{count} claims with a deadline as of {date}: {late} late, {due_soon} due soon, {pending} pending,"
                 " {on_time} submitted on time", len(rows), date=as_of, late=counts[Urgency.late],
                 due_soon=counts[Urgency.due_soon], pending=counts[Urgency.pending], on_time=counts[Urgency.on_time])]
    return lines + unloaded_lines(unloaded)


def unloaded_lines(unloaded: Sequence[str]) -> list[str]:
    return [tr("not loaded (see expensecli check): {file}", file=file) for file in unloaded]


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
                                             message=tr("deadline {deadline}: {days}", deadline=row.deadline.due_text,
                                                        days=days_text(row)))
            failure.text = tr("{submitted}; the deadline is {period} after {since}", submitted=_sent(row),
                              period=row.deadline.period, since=row.deadline.since)
    from expensecli.render.junit import xml_document

    return xml_document(suites)


def status_claim_json(claim: ClaimResult) -> dict:
    deadline = claim.deadline
    return {"file": claim.file, "id": claim.id, "claimant": claim.claimant, "role": claim.role,
            "kind": claim.kind, "status": claim.status, "unit": claim.unit, "cost_centre": claim.cost_centre,
            "work_order": claim.work_order, "total": money_text(claim.total),
            "total_complete": claim.total_complete, "currency": "NOK",
            "deadline": _date(deadline.due if deadline else None),
            "submitted": _date(claim.submitted),
            "days_late": deadline.days_late if deadline else None,
            "overdue": bool(deadline and deadline.unsubmitted and deadline.late)}


def status_json(summary: StatusSummary, as_of: dt.date) -> str:
    def tally(t) -> dict:
        return {"claims": t.claims, "total": money_text(t.total), "total_complete": t.complete}

    document = {
        "version": 1, "as_of": as_of.isoformat(), "currency": "NOK",
        "statuses": [{"status": status.value, **tally(t)} for status, t in summary.by_status.items()],
        "overall": tally(summary.overall),
        "returned": [{"file": c.file, "id": c.id, "claimant": c.claimant, "role": c.role, "kind": c.kind,
                      "total": money_text(c.total), "total_complete": c.total_complete} for c in summary.returned],
        "overdue": [{"file": c.file, "id": c.id, "claimant": c.claimant, "role": c.role, "kind": c.kind,
                     "status": c.status, "deadline": c.deadline.due.isoformat(),
                     "days_late": c.deadline.days_late, "total": money_text(c.total),
                     "total_complete": c.total_complete} for c in summary.overdue],
        "group_by": summary.group_by.value if summary.group_by else None,
        "groups": [{"group": key, **tally(t), "errors": t.errors, "warnings": t.warnings, "infos": t.infos}
                   for key, t in summary.groups],
        "unloaded": summary.unloaded,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def status_jsonl(claims: Sequence[ClaimResult], as_of: dt.date) -> str:
    return "".join(compact_json({"as_of": as_of.isoformat(), **status_claim_json(c)}) + "\n"
                   for c in claims if c.loaded)


def status_csv(claims: Sequence[ClaimResult]) -> str:
    return _csv(STATUS_FIELDS, [status_claim_json(c) for c in claims if c.loaded])


def status_concise(summary: StatusSummary, quiet: bool = False) -> str:
    lines = [ntr("{status}: {count} claim, {total} NOK", "{status}: {count} claims, {total} NOK", t.claims,
                 status=status, total=total_text(t.total, t.complete)) for status, t in summary.by_status.items()]
    overall = summary.overall
    lines.append(ntr("all: {count} claim, {total} NOK", "all: {count} claims, {total} NOK", overall.claims,
                     total=total_text(overall.total, overall.complete)))
    for c in summary.returned:
        lines.append(tr("returned: {file}: {id} {claimant} ({role}, {kind}), {total} NOK", file=c.file, id=c.id,
                        claimant=c.claimant, role=c.role, kind=c.kind, total=total_text(c.total, c.total_complete)))
    for c in summary.overdue:
        lines.append(ntr("overdue: {file}: {id} {claimant} ({role}, {kind}, {status}): deadline {deadline},"
                         " {count} day late, {total} NOK",
                         "overdue: {file}: {id} {claimant} ({role}, {kind}, {status}): deadline {deadline},"
                         " {count} days late, {total} NOK", c.deadline.days_late, file=c.file, id=c.id,
                         claimant=c.claimant, role=c.role, kind=c.kind, status=c.status,
                         deadline=c.deadline.due_text, total=total_text(c.total, c.total_complete)))
    for key, t in summary.groups:
        lines.append(ntr("{field} {group}: {count} claim, {total} NOK; {findings}",
                         "{field} {group}: {count} claims, {total} NOK; {findings}", t.claims,
                         field=tr(summary.group_by.value),
                         group=key or tr("(none)"), total=total_text(t.total, t.complete),
                         findings=severity_counts(t)))
    if not summary.overall.complete:
        lines.append(tr(INCOMPLETE))
    if not quiet:
        lines.extend(unloaded_lines(summary.unloaded))
    return "".join(line + "\n" for line in lines)


def severity_counts(t) -> str:
    return ", ".join((ntr("{count} error", "{count} errors", t.errors),
                      ntr("{count} warning", "{count} warnings", t.warnings),
                      ntr("{count} info", "{count} infos", t.infos)))
