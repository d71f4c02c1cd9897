"""Controllers' waivers kept in the ledger: record, revoke, list, and apply them to a run.

A claim file is written by its claimant, so a waiver in it proves little; a waiver recorded
with `expensecli waive` says who accepted which finding, when and why, and stays after it is
revoked (`--revoke` stamps who ended it and when). A ledger waiver applies like one in the
claim file, to every finding of its code in that claim (or, with `--expense N`, only to those
located in expenses[N]); such findings are reported with `waived: true` and origin "ledger".
Claim ids are compared as everywhere else, trimmed and case-folded: a waiver for `r-7 ` is R-7's.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select, update

from expensecli.core.text import folded, storable
from expensecli.policy.engine import ClaimResult, amended, with_findings
from expensecli.run.ledger.connect import writer, writer_lock
from expensecli.run.ledger.keys import stamp
from expensecli.run.ledger.schema import waivers


def add(engine, claim_id: str, code: str, reason: str, by: str, expense: int | None) -> int:
    with writer(engine) as conn, conn.begin():
        writer_lock(conn)
        # Typed on a command line, a value may hold bytes that are not UTF-8: stored as `\xNN`.
        return conn.execute(insert(waivers).values(
            claim_id=storable(claim_id), code=code, expense=expense, reason=storable(reason), by=storable(by),
            created=dt.datetime.now(dt.timezone.utc))).inserted_primary_key[0]


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
    """The waivers in force (with `everything`, the revoked ones too), oldest first."""
    query = select(waivers).order_by(waivers.c.id)
    if not everything:
        query = query.where(waivers.c.revoked.is_(None))
    with engine.connect() as conn:
        return [{"id": row.id, "claim_id": row.claim_id, "code": row.code, "expense": row.expense,
                 "reason": row.reason, "by": row.by, "created": stamp(row.created),
                 "revoked": stamp(row.revoked) if row.revoked else None, "revoked_by": row.revoked_by}
                for row in conn.execute(query)]


def apply(conn: Connection, reports: list[ClaimResult]) -> list[ClaimResult]:
    """Mark the findings the ledger's waivers cover; every waived finding gets its origin."""
    active: dict[str, list[tuple[str, int | None]]] = {}
    for claim_id, code, expense in conn.execute(
            select(waivers.c.claim_id, waivers.c.code, waivers.c.expense).where(waivers.c.revoked.is_(None))):
        active.setdefault(folded(claim_id), []).append((code, expense))
    out = []
    for report in reports:
        mine = active.get(folded(report.id or ""), ()) if active else ()
        if not mine and not any(f.waived for f in report.findings):
            out.append(report)
            continue
        out.append(with_findings(report, tuple(_waived(f, mine) for f in report.findings)))
    return out


def _waived(finding, mine):
    if finding.waived:
        return finding if finding.waiver else amended(finding, waiver="claim")
    for code, expense in mine:
        if code == finding.code and (expense is None or finding.path == f"expenses[{expense}]"
                                     or finding.path.startswith(f"expenses[{expense}].")):
            return amended(finding, waived=True, waiver="ledger")
    return finding
