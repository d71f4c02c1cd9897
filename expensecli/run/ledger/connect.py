"""A ledger path or URL -> a SQLAlchemy engine, with the settings each backend needs.

- A path (or `sqlite:///path`) is a SQLite file, the embedded default. It is opened in WAL
  mode (readers never wait for the writer) with a busy timeout, so a cron run and a hand run
  can share it: a writer waits its turn instead of failing, and so does a run that finds a new
  ledger being made by another (`_into_wal`). A transaction that writes starts
  with BEGIN IMMEDIATE, taking the write lock at once: two runs never both read and then
  race to write. SQLite on a network share is not safe (its locks do not cross machines).
- A `postgresql://` (or `postgres://`) URL is a PostgreSQL database shared by a team, reached
  through psycopg 3; writers take a transaction-level advisory lock (`writer_lock`).

Every failure to reach or open the ledger is a `LedgerError` of one line, the URL shown
with its password hidden.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from expensecli.core.i18n import tr
from expensecli.run.ledger.errors import LedgerError

BUSY_TIMEOUT_S = 120  # how long a writer waits for another run's transaction before giving up
LOCK_KEY = 0x6578_7065_6E73_6563 & 0x7FFF_FFFF_FFFF_FFFF  # "expensec": the advisory lock of the writers


def engine_for(target: str, *, create: bool = True) -> Engine:
    """The engine of the ledger at `target`; `create=False` refuses a SQLite file that does not exist."""
    if "://" not in target:
        return _sqlite(Path(target), create)
    try:
        url = make_url(target)
    except (ArgumentError, ValueError):
        raise LedgerError(tr("--ledger {target}: not a valid URL", target=shown(target))) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database:
            raise LedgerError(tr("--ledger: give a file for the SQLite ledger (an in-memory ledger keeps nothing)"))
        return _sqlite(Path(url.database), create)
    if backend in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
        return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    raise LedgerError(tr("--ledger {target}: unsupported scheme {scheme}; give a file path (SQLite) or a"
                         " postgresql:// URL", target=shown(target), scheme=repr(url.drivername)))


def shown(target: str | URL) -> str:
    """The path or URL with any password hidden, in the user part or as a `password=` parameter."""
    if "://" not in str(target):
        return str(target)
    try:
        url = make_url(target)
        secret = [key for key in url.query if key.lower() == "password"]
        if secret:
            url = url.set(query={key: HIDDEN if key in secret else value for key, value in url.query.items()})
        return url.render_as_string(hide_password=True).replace(quote(HIDDEN, safe=""), HIDDEN)
    except (ArgumentError, ValueError):
        return tr("<a URL that cannot be parsed>")


HIDDEN = "***"  # what stands for a password, as SQLAlchemy shows one in the user part


def _sqlite(path: Path, create: bool) -> Engine:
    if not str(path) or str(path) == ":memory:":
        raise LedgerError(tr("--ledger: give a file for the SQLite ledger (an in-memory ledger keeps nothing)"))
    if path.is_dir():
        raise LedgerError(tr("--ledger {path}: is a folder; give a file such as {file}", path=path,
                                file=path / "ledger.sqlite"))
    if not path.exists():
        if not create:
            raise LedgerError(tr("--ledger {path}: no ledger there yet (a run of check --ledger makes one)",
                                    path=path))
        if not path.parent.resolve().is_dir():
            raise LedgerError(tr("--ledger {path}: the folder {folder} does not exist", path=path,
                                    folder=path.parent))
    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)), poolclass=NullPool,
                           connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connected(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _into_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection):
        writes = connection.get_execution_options().get("ledger_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def _into_wal(cursor) -> None:
    """Put a ledger file into WAL mode (it stays so). The change needs the file to itself, and
    SQLite refuses it at once, without the busy timeout, while another connection reads or
    writes it, as when two runs open a new ledger at the same moment: asked again until the
    other lets go, for as long as the busy timeout."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")
        time.sleep(0.02)


def writer(engine: Engine) -> Connection:
    """A connection whose transactions write: on SQLite they begin with the write lock taken."""
    return engine.connect().execution_options(ledger_write=True)


def writer_lock(connection: Connection) -> None:
    """Let one writer at a time through, until its transaction ends. SQLite's BEGIN IMMEDIATE
    already did; PostgreSQL takes a transaction-level advisory lock (released by commit,
    rollback or a lost connection, so a killed run never leaves it held)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
