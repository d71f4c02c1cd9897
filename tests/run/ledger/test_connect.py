"""Opening a ledger: SQLite settings, PostgreSQL, and one line with exit 2 for anything wrong."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys

import pytest
from ledger_support import claim, rows

from expensecli.run.ledger.connect import engine_for


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(claim("R-1"))
    return tmp_path / "claims"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("target, message", [
    ("mysql://u@h/db", "unsupported scheme 'mysql'"),
    ("postgresql://u:secret@127.0.0.1:{port}/db", "postgresql://u:***@127.0.0.1"),
    ("{tmp}/missing/ledger.sqlite", "does not exist"),
    ("{tmp}", "is a folder"),
    ("{tmp}/garbage.sqlite", "file is not a database"),
    (":memory:", "keeps nothing"),
    ("sqlite://", "keeps nothing"),
    ("postgresql://u@h:notaport/db", "<a URL that cannot be parsed>: not a valid URL"),
    ("http://x", "unsupported scheme 'http'"),
])
def test_bad_ledgers_are_one_line_and_exit_2(folder, tmp_path, cli, target, message):
    (tmp_path / "garbage.sqlite").write_bytes(b"this is no database" * 100)
    target = target.format(tmp=tmp_path, port=free_port())
    result = cli("check", str(folder), "--ledger", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("expensecli: error: ") and message in line and "secret" not in line


def test_a_ledger_of_a_newer_expensecli_is_refused(folder, tmp_path, cli):
    target = str(tmp_path / "l.sqlite")
    assert cli("check", str(folder), "--ledger", target).exit_code == 0
    with sqlite3.connect(target) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    result = cli("check", str(folder), "--ledger", target)
    assert result.exit_code == 2 and "schema revision 9999" in result.stderr and "upgrade expensecli" in result.stderr


def test_a_database_of_something_else_is_not_taken_over(folder, tmp_path, cli):
    target = tmp_path / "other.sqlite"
    with sqlite3.connect(target) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
    result = cli("check", str(folder), "--ledger", str(target))
    assert result.exit_code == 2 and "not an expensecli ledger" in result.stderr


def test_read_commands_do_not_create_a_ledger(tmp_path, cli):
    result = cli("ledger", "info", "--ledger", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 2 and "no ledger there yet" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()
    assert cli("ledger", "info").exit_code == 2


def test_sqlite_ledger_is_in_wal_mode_with_a_busy_timeout(tmp_path, folder, cli):
    target = str(tmp_path / "l.sqlite")
    assert cli("check", str(folder), "--ledger", target).exit_code == 0
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    engine = engine_for(target)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 60_000
    engine.dispose()


def test_a_new_ledger_in_use_by_another_connection_is_put_in_wal_mode_once_it_is_free(tmp_path):
    """SQLite refuses to change the journal mode at once, without waiting, while another
    connection holds the file (two runs opening a new ledger together): the change is asked
    again until the other lets go."""
    import threading

    target = tmp_path / "l.sqlite"
    other = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (1)")  # a write lock, held for half a second
    threading.Timer(0.5, other.execute, ["COMMIT"]).start()
    engine = engine_for(str(target))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT x FROM t").all() == [(1,)]
    engine.dispose()
    other.close()


def test_the_ledger_comes_from_the_environment_too(folder, ledger, cli, monkeypatch):
    monkeypatch.setenv("EXPENSECLI_LEDGER", ledger)
    assert cli("check", str(folder)).exit_code == 0
    assert len(rows(ledger, "runs")) == 1


def test_check_without_a_ledger_imports_no_database_library(folder):
    code = ("import sys\nfrom expensecli.cli.main import run\nsys.argv = ['expensecli', 'check', sys.argv[1], '-q']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg')))")
    env = {k: v for k, v in os.environ.items() if k != "EXPENSECLI_LEDGER"}
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_password_is_hidden_in_the_user_part_and_as_a_parameter():
    from expensecli.run.ledger.connect import shown

    assert shown("postgresql://kari:pw@db.example.org/ledger?password=s3cret&sslmode=require") == \
        "postgresql://kari:***@db.example.org/ledger?password=***&sslmode=require"
    assert "s3cret" not in shown("postgresql://kari@/ledger?host=/run/pg&Password=s3cret")
    assert shown("ledger.sqlite") == "ledger.sqlite"
