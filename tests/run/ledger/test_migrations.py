"""The schema comes from the Alembic migrations shipped in the package, and agrees with schema.py."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from ledger_support import claim, rows
from sqlalchemy import MetaData, insert

import expensecli
from expensecli.run.ledger import migrate
from expensecli.run.ledger.connect import engine_for, writer
from expensecli.run.ledger.keys import fingerprint
from expensecli.run.ledger.schema import metadata
from expensecli.run.ledger.session import open_ledger


def test_head_is_the_newest_migration_and_the_scripts_are_inside_the_package():
    scripts = ScriptDirectory(str(migrate.SCRIPTS))
    assert scripts.get_current_head() == migrate.HEAD
    assert migrate.SCRIPTS.is_relative_to(migrate.SCRIPTS.parents[2]) and migrate.SCRIPTS.parents[2].name == "expensecli"
    assert (migrate.SCRIPTS / "env.py").is_file()
    assert str(migrate.SCRIPTS).startswith(str(expensecli.__path__[0]))


def test_a_migrated_ledger_matches_the_tables_the_code_uses(ledger):
    open_ledger(ledger)
    engine = engine_for(ledger)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []
    assert [row["version_num"] for row in rows(ledger, "alembic_version", "version_num")] == [migrate.HEAD]


def test_each_ledger_gets_its_own_secret(tmp_path):
    open_ledger(str(tmp_path / "a.sqlite")), open_ledger(str(tmp_path / "b.sqlite"))
    secrets = {rows(str(tmp_path / name), "ledger")[0]["secret"] for name in ("a.sqlite", "b.sqlite")}
    assert len(secrets) == 2 and all(len(secret) == 64 for secret in secrets)


def test_opening_an_up_to_date_ledger_does_not_run_alembic(tmp_path, monkeypatch):
    upgraded = []
    real = migrate.upgrade
    monkeypatch.setattr(migrate, "upgrade", lambda *a, **k: upgraded.append(a[1:] or k) or real(*a, **k))
    open_ledger(str(tmp_path / "a.sqlite"))
    assert len(upgraded) == 1  # a new ledger is made by the migrations
    open_ledger(str(tmp_path / "a.sqlite"))
    assert len(upgraded) == 1  # up to date: Alembic is not run again
    assert rows(str(tmp_path / "a.sqlite"), "alembic_version", "version_num") == [{"version_num": migrate.HEAD}]


def test_making_a_new_ledger_imports_no_syntax_highlighter(tmp_path):
    # Mako, which Alembic imports, would load Pygments' lexers for error pages a ledger never shows.
    code = ("import sys; from expensecli.run.ledger.session import open_ledger; open_ledger(sys.argv[1]);"
            " print(sorted(name for name in sys.modules if name.startswith('pygments')))")
    shown = subprocess.run([sys.executable, "-c", code, str(tmp_path / "new.sqlite")], capture_output=True,
                           text=True, check=True).stdout
    assert shown.strip() == "[]"
    assert rows(str(tmp_path / "new.sqlite"), "alembic_version", "version_num") == [{"version_num": migrate.HEAD}]


def test_a_ledger_of_the_first_schema_upgrades_its_findings_counted_open_until_a_run_sees_them_waived(
        tmp_path, ledger, check, cli):
    engine = engine_for(ledger)
    with writer(engine) as conn, conn.begin():
        migrate.upgrade(conn, "0001")
        old = MetaData()
        old.reflect(conn)
        started = dt.datetime(2024, 5, 1, 2, tzinfo=dt.timezone.utc)
        run = conn.execute(insert(old.tables["runs"]).values(
            started=started, recorded=started, as_of=dt.date(2024, 5, 1), version="0.9", command="check",
            inputs="{}", claims=1, findings=1, new_findings=1, resolved_findings=0)).inserted_primary_key[0]
        conn.execute(insert(old.tables["findings"]).values(
            fingerprint=fingerprint("R-1", "CO001", ""), subject="R-1", code="CO001", path="", file="a.yaml",
            severity="info", message="no work order", first_run=run, first_seen=started, last_run=run))
    engine.dispose()
    open_ledger(ledger)  # upgraded to the head
    assert [row["version_num"] for row in rows(ledger, "alembic_version", "version_num")] == [migrate.HEAD]
    assert [(f["subject"], f["waived"]) for f in rows(ledger, "findings")] == [("R-1", False)]
    info = lambda: json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)
    assert (info()["findings_open"], info()["findings_waived"]) == (1, 0)
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False) + (
        "waivers:\n  - {code: CO001, reason: agreed, by: Kari Dahl, date: 2024-03-05}\n"))
    check(tmp_path / "a.yaml", ledger)
    assert [(f["first_run"], f["last_run"], f["waived"]) for f in rows(ledger, "findings")] == [(run, run + 1, True)]
    assert (info()["findings_open"], info()["findings_waived"]) == (0, 1)


def test_a_ledger_of_schema_0002_upgrades_its_waivers_judged_from_the_next_run_that_checks_their_claim(
        tmp_path, ledger, check, cli):
    engine = engine_for(ledger)
    with writer(engine) as conn, conn.begin():
        migrate.upgrade(conn, "0002")
        old = MetaData()
        old.reflect(conn)
        conn.execute(insert(old.tables["waivers"]).values(claim_id="R-1", code="MX004", reason="Two trips",
                                                          by="Kari Dahl", created=dt.datetime.now(dt.timezone.utc)))
    engine.dispose()
    open_ledger(ledger)
    listed = lambda: [(w["claim_id"], w["stale"], w["checked_run"], w["matched_run"])
                      for w in json.loads(cli("waivers", "list", "--ledger", ledger, "-f", "json").stdout)]
    assert listed() == [("R-1", False, None, None)]
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    check(tmp_path / "a.yaml", ledger)
    assert listed() == [("R-1", True, 1, None)]
