"""`expensecli ledger info | diff | prune | export`: looking after a ledger.

- `info`: what the ledger holds (runs, claim contents, findings open, waived and resolved,
  waivers in force, stale and revoked);
- `diff`: the findings new, resolved, still open and waived between two runs. A finding is
  there after run R when it was first seen in R or before and not resolved by R (runs are
  numbered in the order they were recorded); of those, the ones waived when last seen are
  waived, apart from the new and the still open, which a controller still has to look at;
- `prune`: forget the runs started before a date and what only they saw (claim contents and
  findings last seen then). Waivers are never pruned: they are the controllers' decisions;
- `export`: every table but the one holding the secret, as plain rows in the order of their keys;
- `history`: per run, the findings open after it (the waived among them, as the chart says),
  new in it and resolved by it (the run history charts of `expensecli report --ledger`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, and_, delete, func, or_, select

from expensecli.core.i18n import ntr, tr
from expensecli.run.ledger.connect import writer, writer_lock
from expensecli.run.ledger.errors import LedgerError
from expensecli.run.ledger.keys import stamp, utc
from expensecli.run.ledger.migrate import revision
from expensecli.run.ledger.schema import claims, findings, ledger, metadata, run_claims, runs, waivers
from expensecli.run.ledger.waivers import STALE

# Every table but `ledger` (the secret that keys the claimants' hashes), in the schema's order.
EXPORTED = {name: table for name, table in metadata.tables.items() if table is not ledger}


def info(engine) -> dict:
    with engine.connect() as conn:
        count = lambda table, *where: conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
        first, last = conn.execute(select(func.min(runs.c.id), func.max(runs.c.id))).one()
        return {
            "schema": revision(conn),
            "created": stamp(conn.execute(select(ledger.c.created)).scalar_one()),
            "runs": count(runs),
            "first_run": _run(conn, first) if first else None,
            "last_run": _run(conn, last) if last else None,
            "claim_contents": count(claims),
            "claim_ids": conn.execute(select(func.count(func.distinct(claims.c.id_key)))).scalar(),
            "findings_open": count(findings, findings.c.resolved_run.is_(None), findings.c.waived.is_(False)),
            "findings_waived": count(findings, findings.c.resolved_run.is_(None), findings.c.waived.is_(True)),
            "findings_resolved": count(findings, findings.c.resolved_run.is_not(None)),
            "waivers_active": count(waivers, waivers.c.revoked.is_(None)),
            "waivers_stale": count(waivers, STALE),
            "waivers_revoked": count(waivers, waivers.c.revoked.is_not(None)),
        }


def diff(engine, older: int | None, newer: int | None) -> dict:
    with engine.connect() as conn:
        ids = list(conn.execute(select(runs.c.id).order_by(runs.c.id.desc()).limit(2)).scalars())
        if older is None and newer is None:
            if len(ids) < 2:
                raise LedgerError(ntr("the ledger has {count} run; a diff needs two",
                                         "the ledger has {count} runs; a diff needs two", len(ids)))
            newer, older = ids
        elif newer is None:
            newer = ids[0]
        older, newer = sorted((older, newer))
        a, b = _run(conn, older), _run(conn, newer)
        opened_by = lambda r: findings.c.first_run <= r
        open_after = lambda r: or_(findings.c.resolved_run.is_(None), findings.c.resolved_run > r)
        waived, unwaived = findings.c.waived.is_(True), findings.c.waived.is_(False)
        return {
            "from": a, "to": b,
            "new": _findings(conn, and_(findings.c.first_run > older, opened_by(newer), open_after(newer), unwaived)),
            "resolved": _findings(conn, and_(opened_by(older), findings.c.resolved_run > older,
                                             findings.c.resolved_run <= newer)),
            "open": _findings(conn, and_(opened_by(older), open_after(newer), unwaived)),
            "waived": _findings(conn, and_(opened_by(newer), open_after(newer), waived)),
        }


@dataclass(frozen=True)
class RunTally:
    """One recorded run, as the report's run history shows it."""

    run: int
    started: dt.datetime  # UTC
    as_of: dt.date  # the day the run judged deadlines as of
    open: int  # findings open after the run (first seen in it or before, not resolved by it), waived or not
    new: int  # findings first seen in the run
    resolved: int  # findings the run resolved


def history(engine) -> list[RunTally]:
    """Every run still in the ledger, oldest first, with its findings open, new and resolved.

    Open is every finding first seen by R and not resolved by R, waived or not (a finding's waiver
    is known only as last seen, not run by run), from two grouped queries rather than one per
    run, so a ledger of years of nightly runs costs the same."""
    with engine.connect() as conn:
        started = conn.execute(select(runs.c.id, runs.c.started, runs.c.as_of).order_by(runs.c.id)).all()
        new = dict(conn.execute(select(findings.c.first_run, func.count()).group_by(findings.c.first_run)).all())
        gone = dict(conn.execute(select(findings.c.resolved_run, func.count())
                                 .where(findings.c.resolved_run.is_not(None)).group_by(findings.c.resolved_run)).all())
    tallies, opened, closed = [], 0, 0
    before = min([*new, *gone], default=None)
    if before is not None and started and before < started[0].id:  # findings of pruned runs still open
        opened = sum(n for r, n in new.items() if r < started[0].id)
        closed = sum(n for r, n in gone.items() if r < started[0].id)
    for run_id, when, as_of in started:
        opened += new.get(run_id, 0)
        closed += gone.get(run_id, 0)
        tallies.append(RunTally(run_id, utc(when), as_of, opened - closed, new.get(run_id, 0), gone.get(run_id, 0)))
    return tallies


def prune(engine, before: dt.date) -> dict:
    cut = dt.datetime.combine(before, dt.time(), dt.timezone.utc)
    with writer(engine) as conn, conn.begin():
        writer_lock(conn)
        # Runs go in the order they were recorded, up to the first one that started on or after the
        # day: two runs made at once are recorded in the order they ended, so a run recorded before
        # a kept one may have started after the day, and is kept too.
        kept = conn.execute(select(func.min(runs.c.id)).where(runs.c.started >= cut)).scalar()
        older = runs.c.started < cut if kept is None else (runs.c.started < cut) & (runs.c.id < kept)
        last = conn.execute(select(func.max(runs.c.id)).where(older)).scalar()
        if last is None:
            return {"before": before.isoformat(), "runs": 0, "claim_contents": 0, "findings": 0}
        # A finding last seen before the cut goes, unless a kept run resolved it: that run's record holds.
        gone_findings = conn.execute(delete(findings).where(
            findings.c.last_run <= last, or_(findings.c.resolved_run.is_(None), findings.c.resolved_run <= last))).rowcount
        conn.execute(delete(run_claims).where(run_claims.c.run <= last))
        gone_claims = conn.execute(delete(claims).where(claims.c.last_run <= last)).rowcount
        gone_runs = conn.execute(delete(runs).where(runs.c.id <= last)).rowcount
    return {"before": before.isoformat(), "runs": gone_runs, "claim_contents": gone_claims, "findings": gone_findings}


def export(engine) -> dict:
    with engine.connect() as conn:
        return {name: [_plain(dict(row._mapping))
                       for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for name, table in EXPORTED.items()}


def _run(conn: Connection, run_id: int) -> dict:
    row = conn.execute(select(runs).where(runs.c.id == run_id)).one_or_none()
    if row is None:
        first, last = conn.execute(select(func.min(runs.c.id), func.max(runs.c.id))).one()
        if first:
            raise LedgerError(tr("no run {run} in the ledger (it has runs {first} to {last})", run=run_id,
                                 first=first, last=last))
        raise LedgerError(tr("no run {run} in the ledger (it has no runs)", run=run_id))
    return {"run": row.id, "started": stamp(row.started), "as_of": row.as_of.isoformat(), "command": row.command,
            "inputs": json.loads(row.inputs), "claims": row.claims, "findings": row.findings,
            "new_findings": row.new_findings, "resolved_findings": row.resolved_findings}


def _findings(conn: Connection, where) -> list[dict]:
    query = select(findings).where(where).order_by(findings.c.file, findings.c.code, findings.c.path)
    return [{"claim_id": None if row.subject.startswith("file:") else row.subject, "file": row.file,
             "code": row.code, "severity": row.severity, "path": row.path, "message": row.message,
             "first_seen": stamp(row.first_seen), "first_run": row.first_run, "resolved_run": row.resolved_run}
            for row in conn.execute(query)]


def _plain(row: dict) -> dict:
    return {key: stamp(value) if isinstance(value, dt.datetime) else
            value.isoformat() if isinstance(value, dt.date) else value for key, value in row.items()}
