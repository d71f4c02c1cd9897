"""Each finding's fingerprint in the ledger: first seen, last seen, resolved.

A fingerprint is (subject, code, path): the subject is the claim id (a file that has none, or
did not load, is its location), so a finding keeps its identity when its message changes
("12 days late" becomes "13 days late") or its claim moves to another folder. A row stands
for one stretch in which the finding is open: it is resolved by the first run that checks its
claim (or file) and no longer finds it, but only if that run's `--select` / `--ignore`
reported its code (a run of `deadlines --select DL` resolves nothing else). If it comes back
later it is new again, in a new row. A row also says whether the finding was waived (in its
claim file or in the ledger) when last seen: `ledger info` and `ledger diff` count those apart. Updates and inserts go in batches. The stored message has
the claimant's name taken out ("the claimant"): the report shows it, the ledger need not keep it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from expensecli.core.i18n import tr
from expensecli.core.text import printable
from expensecli.policy.engine import ClaimResult, amended, with_findings
from expensecli.policy.selection import Selection
from expensecli.policy.wording import claimant_phrase
from expensecli.run.ledger.bulk import execute_many, fetch_among, insert_rows, run_among
from expensecli.run.ledger.keys import among, chunks, fingerprint, stamp
from expensecli.run.ledger.schema import findings


@dataclass(frozen=True)
class Tracked:
    """The reports with each finding's first sighting, and what was new or resolved in this run."""

    reports: list[ClaimResult]
    new: frozenset[str]
    resolved: int


def subject(report: ClaimResult, location: str | None) -> str:
    return report.id if report.id else f"file:{location or report.file}"


def track(conn: Connection, reports: list[ClaimResult], facts: dict, run: int,
          started: dt.datetime, selection: Selection, gone: set[str] | frozenset[str] = frozenset()) -> Tracked:
    """`facts`: each file's `ClaimFacts`. `gone`: the subjects of files gone from the folders
    this run went through (`record._subjects_gone`), whose open findings are resolved, whatever
    the codes."""
    present: dict[str, tuple] = {}
    scope: set[str] = set()
    locations = {file: fact.location for file, fact in facts.items()}
    prints: list[list[str]] = []  # each report's findings' fingerprints, in order
    for report in reports:
        location = locations.get(report.file)
        who = subject(report, location)
        scope.add(who)
        scope.add(f"file:{location or report.file}")
        name = getattr(facts.get(report.file), "name", None)
        mine = [fingerprint(who, f.code, f.path) for f in report.findings]
        prints.append(mine)
        for fp, f in zip(mine, report.findings):
            if fp not in present:
                present[fp] = (who, f, redacted(f.message, name, report.role))
    open_rows: dict[str, tuple[int, dt.datetime]] = {}
    resolved: list[int] = []
    changed: list[dict] = []
    columns = (findings.c.id, findings.c.fingerprint, findings.c.code, findings.c.first_seen, findings.c.file,
               findings.c.severity, findings.c.message, findings.c.waived)
    query = select(*columns).where(among(findings.c.subject), findings.c.resolved_run.is_(None))
    for part in chunks(sorted(scope)):
        for row_id, fp, code, first_seen, file, severity, message, waived in fetch_among(conn, query,
                                                                                        {"values": part}):
            if fp in present:
                open_rows[fp] = (row_id, first_seen)  # as stored: `stamp` reads it as UTC
                _, now, text = present[fp]
                if (file, severity, message, waived) != (now.file, now.severity.value, text, now.waived):
                    changed.append({"row": row_id, "f": now.file, "s": now.severity.value, "m": text,
                                    "w": now.waived})
            elif selection.reports(code):
                resolved.append(row_id)
    for part in chunks(sorted(set(gone) - scope)):  # a file deleted, or renamed without an id of its own
        resolved += [row_id for (row_id,) in fetch_among(conn, select(findings.c.id).where(
            among(findings.c.subject), findings.c.resolved_run.is_(None)), {"values": part})]
    still_open = update(findings).where(among(findings.c.id)).values(last_run=run)
    for part in chunks(sorted(row_id for row_id, _ in open_rows.values())):
        run_among(conn, still_open, {"values": part})
    if changed:  # "12 days late" has become "13 days late", or a waiver came or went
        execute_many(conn, update(findings).where(findings.c.id == bindparam("row")).values(
            file=bindparam("f"), severity=bindparam("s"), message=bindparam("m"), waived=bindparam("w")), changed)
    for part in chunks(resolved):
        conn.execute(update(findings).where(among(findings.c.id)).values(resolved_run=run), {"values": part})
    new = [fp for fp in present if fp not in open_rows]
    if new:
        insert_rows(conn, findings, [
            {"fingerprint": fp, "subject": present[fp][0], "code": present[fp][1].code, "path": present[fp][1].path,
             "file": present[fp][1].file, "severity": present[fp][1].severity.value,
             "message": present[fp][2], "first_run": run, "first_seen": started, "last_run": run,
             "waived": present[fp][1].waived}
            for fp in new])
    stamps: dict[dt.datetime, str] = {}  # most findings share a few first sightings
    first = {fp: stamps.get(when) or stamps.setdefault(when, stamp(when)) for fp, (_, when) in open_rows.items()}
    now = stamp(started)
    out = []
    for report, mine in zip(reports, prints):
        out.append(with_findings(report, tuple(amended(f, first_seen=first.get(fp, now))
                                               for fp, f in zip(mine, report.findings))) if mine else report)
    return Tracked(out, frozenset(new), len(resolved))


def redacted(message: str, name: str | None, role: str | None = None) -> str:
    """The message as the ledger stores it: without the claimant's name (`name` as the claim
    writes it, `role` the claimant's). A finding that names a contractor or an external by role
    and name says the same with the role alone, as the rule words it ("contractor Kari Dahl has
    ..." is stored as "the contractor has ..."); the name anywhere else, as a word of its own
    (not the "Li" of "Lie"), becomes "the claimant"."""
    if not name:
        return message
    shown = printable(name)  # as the message shows it
    word = shown.strip()
    if len(word) < 2 or word not in message:
        return message
    if role in NAMED_ROLES:
        message = message.replace(claimant_phrase(role, shown), claimant_phrase(role))
    if word in message:
        unnamed = tr("the claimant")
        message = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", lambda _: unnamed, message)
    return message


NAMED_ROLES = ("contractor", "external")  # the roles a finding names with the claimant's name


def only_new(reports: list[ClaimResult], new: frozenset[str], locations: dict[str, str]) -> list[ClaimResult]:
    """The reports with only the findings first seen in this run (`--only-new`)."""
    return [with_findings(report, tuple(
        f for f in report.findings
        if fingerprint(subject(report, locations.get(report.file)), f.code, f.path) in new))
        for report in reports]
