"""The ledger's batched statements store and read what SQLAlchemy's own execution does (both backends)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, insert, select, update

from expensecli.run.ledger.bulk import execute_many, fetch_among, insert_rows, run_among
from expensecli.run.ledger.connect import engine_for, writer
from expensecli.run.ledger.keys import among
from expensecli.run.ledger.migrate import ensure_schema
from expensecli.run.ledger.schema import claims, findings, runs

STARTED = dt.datetime(2024, 5, 1, 2, 0, 0, 123456, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2024, 5, 2, 2, 0, tzinfo=dt.timezone.utc)


def claim_rows(folder: str, run: int) -> list[dict]:
    """Rows with every kind of value a claims row holds: None, a time, a boolean, repeated values."""
    return [{"location": f"/{folder}/{n}.yaml", "file": f"{n}.yaml", "content_sha256": f"{n:064x}",
             "claim_id": f"R-{n}" if n % 3 else None, "id_key": f"r-{n}" if n % 3 else None, "kind": "travel",
             "status": None, "role": "employee", "total": f"{n}.00", "currency": "NOK", "claimant_key": None,
             "first_run": run, "first_seen": STARTED if n % 2 else LATER, "last_run": run, "current": bool(n % 4)}
            for n in range(6)]


def test_inserted_updated_and_looked_up_rows_are_sqlalchemys_own(ledger):
    engine = engine_for(ledger)
    ensure_schema(engine)
    with writer(engine) as conn, conn.begin():
        run = conn.execute(insert(runs).values(started=STARTED, recorded=STARTED, as_of=dt.date(2024, 5, 1),
                                               version="1", command="check", inputs="{}")).inserted_primary_key[0]
        conn.execute(insert(claims), claim_rows("own", run))  # SQLAlchemy's executemany
        insert_rows(conn, claims, claim_rows("bulk", run))  # the driver's, values converted by column
        insert_rows(conn, claims, [])
        rows = [tuple(row) for row in conn.execute(select(claims).order_by(claims.c.id))]
        assert len(rows) == 12
        assert [(row[1].replace("/own/", "/"), *row[2:]) for row in rows[:6]] == [
            (row[1].replace("/bulk/", "/"), *row[2:]) for row in rows[6:]]
        assert [row[0] for row in rows] == list(range(rows[0][0], rows[0][0] + 12))  # in the order given

        query = select(claims.c.id, claims.c.location, claims.c.first_seen, claims.c.current).where(
            among(claims.c.location), ~among(claims.c.id, "own")).order_by(claims.c.id)
        lists = {"values": [f"/{folder}/{n}.yaml" for folder in ("own", "bulk") for n in (1, 2, 4, 9)],
                 "own": [rows[1][0], rows[7][0]]}
        found = fetch_among(conn, query, lists)
        assert found == [tuple(row) for row in conn.execute(query, lists)]
        assert [row[0] for row in found] == [rows[2][0], rows[4][0], rows[8][0], rows[10][0]]
        assert [type(value) for value in found[0]] == [int, str, dt.datetime, bool]
        assert fetch_among(conn, query, lists) == found  # compiled once, used again
        nothing_own = {"values": ["/own/1.yaml"], "own": []}  # an empty list: SQLAlchemy's own spelling
        assert fetch_among(conn, query, nothing_own) == [tuple(row) for row in conn.execute(query, nothing_own)]

        gone = update(claims).where(among(claims.c.id)).values(current=False, last_run=run + 1)
        run_among(conn, gone, {"values": [rows[0][0], rows[7][0]]})  # values bound in the statement, and a list
        run_among(conn, gone, {"values": []})
        assert [(row.current, row.last_run) for row in conn.execute(select(claims).order_by(claims.c.id))] == [
            (False, run + 1) if i in (0, 7) else (row[15], run) for i, row in enumerate(rows)]

        conn.execute(insert(findings), [_finding(n, run) for n in range(3)])
        change = update(findings).where(findings.c.id == bindparam("row")).values(
            message=bindparam("m"), severity=bindparam("s"))
        first = conn.execute(select(findings.c.id).order_by(findings.c.id)).scalars().first()
        execute_many(conn, change, [{"row": first, "m": "now", "s": "warning"},
                                    {"row": first + 2, "m": "then", "s": "info"}])
        assert [(r.message, r.severity) for r in conn.execute(select(findings).order_by(findings.c.id))] == [
            ("now", "warning"), ("message 1", "error"), ("then", "info")]


def _finding(n: int, run: int) -> dict:
    return {"fingerprint": f"{n:064x}", "subject": f"R-{n}", "code": "CO001", "path": "", "file": "a.yaml",
            "severity": "error", "message": f"message {n}", "first_run": run, "first_seen": STARTED,
            "last_run": run}
