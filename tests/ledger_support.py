"""Ledgers for the tests: a SQLite file, or a fresh database on a real PostgreSQL server.

The PostgreSQL server is given by EXPENSECLI_TEST_POSTGRES_URL (.ci/run starts a throwaway
one and sets it). Without it the PostgreSQL cases are skipped, saying why; under CI (CI set)
they fail instead, so CI cannot pass without running them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_URL = os.environ.get("EXPENSECLI_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]
NO_SERVER = ("no PostgreSQL server for the ledger tests: set EXPENSECLI_TEST_POSTGRES_URL to a server's URL"
             " (.ci/run starts a throwaway one)")


def need_postgres() -> str:
    if PG_URL:
        return PG_URL
    if os.environ.get("CI"):
        pytest.fail(NO_SERVER + "; CI must run the PostgreSQL tests")
    pytest.skip(NO_SERVER)


@contextmanager
def postgres_database():
    """A new, empty database on the test server, dropped afterwards; yields its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(need_postgres()).set(drivername="postgresql+psycopg")
    name = "ledger_" + uuid.uuid4().hex[:16]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def ledger_at(backend: str, folder: Path):
    if backend == "sqlite":
        yield str(folder / "ledger.sqlite")
    else:
        with postgres_database() as url:
            yield url


def rows(target: str, table: str, order: str = "id") -> list[dict]:
    """Every row of a ledger table, as dicts, straight from the database (typed by the schema)."""
    from sqlalchemy import select, text

    from expensecli.run.ledger.connect import engine_for
    from expensecli.run.ledger.schema import metadata

    engine = engine_for(target, create=False)
    known = metadata.tables.get(table)
    query = select(known).order_by(text(order)) if known is not None else text(f"SELECT * FROM {table} ORDER BY {order}")
    try:
        with engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]
    finally:
        engine.dispose()


TABLES = {"ledger": "id", "runs": "id", "claims": "id", "run_claims": "run, claim", "expenses": "claim, expense",
          "attachments": "claim, expense, attachment", "findings": "id", "waivers": "id",
          "alembic_version": "version_num"}


def dump(target: str) -> dict[str, list[dict]]:
    return {table: rows(target, table, order) for table, order in TABLES.items()}


def keyed(target: str, *parts: str) -> str:
    secret = rows(target, "ledger")[0]["secret"]
    return hmac.new(bytes.fromhex(secret), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def claim(claim_id: str, *, name: str = "Kari Nordmann", amount: str = "199.00", date: str = "2024-03-01",
          receipt: str | None = None, description: str = "USB-C cable", work_order: bool = True) -> str:
    """A reimbursement claim that passes every rule (as of 2024-05-01) unless told otherwise."""
    attachment = f"{{type: receipt, file: {receipt}}}" if receipt else "{type: receipt}"
    allocation = 'cost_allocation:\n  work_order: "81234501"\n' if work_order else ""
    return (f"id: {claim_id}\nkind: reimbursement\nstatus: sent\nsubmitted: 2024-03-05\n"
            f"claimant:\n  name: {name}\n  role: employee\n  email: kari@example.org\n  phone_country: NO\n"
            f"{allocation}expenses:\n  - date: {date}\n    category: equipment\n    description: {description}\n"
            f"    amount: {amount}\n    attachments:\n      - {attachment}\n")
