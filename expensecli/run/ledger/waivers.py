"""Controllers' waivers kept in the ledger: record, revoke, list, and apply them to a run.

A claim file is written by its claimant, so a waiver in it proves little; a waiver recorded
with `expensecli waive` says who accepted which finding, when and why, and stays after it is
revoked (`--revoke` stamps who ended it and when). A ledger waiver applies like one in the
claim file, to every finding of its code in that claim (or, with `--expense N`, only to those
located in expenses[N]); such findings are reported with `waived: true` and origin "ledger".
Claim ids are compared as everywhere else, trimmed and case-folded: a waiver for `r-7 ` is R-7's.

A waiver in force is stale when the latest run that checked its claim found no finding it
covers: it hides nothing and should go, as WV001 says of a claim file's waiver. A run records,
for each waiver in force, whether it checked the claim (the claim loaded, and the run reported
the waiver's code: a `--select DL` run cannot judge an MX004 waiver) and whether the waiver
matched a finding there (`checked_run`, `matched_run`); `waivers list` and `ledger info` show
the stale ones to the controllers, whose waivers these are.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, insert, or_, select, update

from expensecli.core.text import folded, storable
from expensecli.policy.engine import ClaimResult, amended, with_findings
from expensecli.policy.selection import Selection
from expensecli.run.ledger.bulk import run_among
from expensecli.run.ledger.connect import writer, writer_lock
from expensecli.run.ledger.keys import among, chunks, stamp
from expensecli.run.ledger.schema import claims, waivers

# A waiver in force whose claim was checked after the last run it matched a finding in.
STALE = and_(waivers.c.revoked.is_(None), waivers.c.checked_run.is_not(None),
             or_(waivers.c.matched_run.is_(None), waivers.c.matched_run < waivers.c.checked_run))


def add(engine, claim_id: str, code: str, reason: str, by: str, expense: int | None) -> int:
    with writer(engine) as conn, conn.begin():
        writer_lock(conn)
        # Typed on a command line, a value may hold bytes that are not UTF-8: stored as `\xNN`.
        return conn.execute(insert(waivers).values(
            claim_id=storable(claim_id), code=code, expense=expense, reason=storable(reason), by=storable(by),
            created=dt.datetime.now(dt.timezone.utc))).inserted_primary_key[0]


def claim_seen(engine, claim_id: str) -> bool:
    """Whether a run has recorded a claim with this id (compared as ids are: trimmed, case-folded)."""
    with engine.connect() as conn:
        wanted = select(claims.c.id).where(claims.c.id_key == folded(storable(claim_id))).limit(1)
        return conn.execute(wanted).first() is not None


def revoke(engine, claim_id: str, code: str, by: str, expense: int | None) -> int:
    """End the open waivers of `code` for the claim (and expense); the number ended."""
    with writer(engine) as conn, conn.begin():
        writer_lock(conn)
        which = [waivers.c.code == code, waivers.c.revoked.is_(None),
                 waivers.c.expense.is_(None) if expense is None else waivers.c.expense == expense]
        wanted = folded(storable(claim_id))
        ended = [row_id for row_id, stored in conn.execute(select(waivers.c.id, waivers.c.claim_id).where(*which))
                 if folded(stored) == wanted]
        if not ended:
            return 0
        return conn.execute(update(waivers).where(waivers.c.id.in_(ended)).values(
            revoked=dt.datetime.now(dt.timezone.utc), revoked_by=storable(by))).rowcount



def listing(engine, everything: bool = False) -> list[dict]:
    """The waivers in force (with `everything`, the revoked ones too), oldest first, each saying
    whether it is stale, with the runs that judged it."""
    query = select(waivers, STALE.label("stale")).order_by(waivers.c.id)
    if not everything:
        query = query.where(waivers.c.revoked.is_(None))
    with engine.connect() as conn:
        return [{"id": row.id, "claim_id": row.claim_id, "code": row.code, "expense": row.expense,
                 "reason": row.reason, "by": row.by, "created": stamp(row.created),
                 "revoked": stamp(row.revoked) if row.revoked else None, "revoked_by": row.revoked_by,
                 "stale": bool(row.stale), "checked_run": row.checked_run, "matched_run": row.matched_run}
                for row in conn.execute(query)]


def apply(conn: Connection, reports: list[ClaimResult], run: int | None = None,
          selection: Selection = Selection()) -> list[ClaimResult]:
    """Mark the findings the ledger's waivers cover; every waived finding gets its origin. With
    the `run` being recorded, each waiver whose claim it checked (the claim loaded, its code
    reported by `selection`) records the run, and so does each waiver that matched a finding."""
    active: dict[str, list[tuple[int, str, int | None]]] = {}
    for waiver_id, claim_id, code, expense in conn.execute(select(
            waivers.c.id, waivers.c.claim_id, waivers.c.code, waivers.c.expense).where(waivers.c.revoked.is_(None))):
        active.setdefault(folded(claim_id), []).append((waiver_id, code, expense))
    checked: set[int] = set()
    matched: set[int] = set()
    out = []
    for report in reports:
        mine = active.get(folded(report.id or ""), ()) if active else ()
        if report.loaded:
            checked.update(waiver_id for waiver_id, code, _ in mine if selection.reports(code))
        if not mine and not any(f.waived for f in report.findings):
            out.append(report)
            continue
        out.append(with_findings(report, tuple(_waived(f, mine, matched) for f in report.findings)))
    if run is not None:
        _judged(conn, run, checked, matched)
    return out


def _waived(finding, mine, matched: set[int]):
    """The finding, waived by its claim file or by the first ledger waiver that covers it; every
    ledger waiver that covers it has matched a finding (`matched`), whether it waives it or not."""
    covering = [waiver_id for waiver_id, code, expense in mine
                if code == finding.code and (expense is None or finding.path == f"expenses[{expense}]"
                                             or finding.path.startswith(f"expenses[{expense}]."))]
    matched.update(covering)
    if finding.waived:
        return finding if finding.waiver else amended(finding, waiver="claim")
    return amended(finding, waived=True, waiver="ledger") if covering else finding


def _judged(conn: Connection, run: int, checked: set[int], matched: set[int]) -> None:
    """Record that the run checked the claims of the `checked` waivers, and that the `matched`
    ones covered a finding in it: a statement for each, whatever the number of claims."""
    for column, ids in ((waivers.c.checked_run, checked), (waivers.c.matched_run, matched)):
        statement = update(waivers).where(among(waivers.c.id)).values({column: run})
        for part in chunks(sorted(ids)):
            run_among(conn, statement, {"values": part})
