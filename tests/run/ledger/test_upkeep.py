"""`ledger info`, `ledger prune --before`, `ledger export` (both backends)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

from ledger_support import claim, rows
from sqlalchemy import update

from expensecli.run.ledger.connect import engine_for
from expensecli.run.ledger.migrate import HEAD
from expensecli.run.ledger.schema import runs


def test_ledger_info_counts_what_the_ledger_holds(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path, ledger)
    check(tmp_path, ledger)
    cli("waive", "R-1", "CO001", "--reason", "ok", "--by", "Kari Dahl", "--ledger", ledger)
    info = json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)
    assert (info["backend"], info["schema"], info["runs"], info["claim_contents"], info["findings_open"],
            info["waivers_active"]) == ("sqlite" if "://" not in ledger else "postgresql", HEAD, 2, 1, 1, 1)
    assert info["last_run"]["run"] == 2 and info["first_run"]["command"] == "check"
    assert "password" not in json.dumps(info)
    assert ["runs", "2"] in [line.split() for line in cli("ledger", "info", "--ledger", ledger).stdout.splitlines()]


def test_prune_forgets_old_runs_and_what_only_they_saw_but_keeps_waivers(tmp_path, ledger, check, cli):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "a.yaml").write_text(claim("R-1", work_order=False))
    check(old, ledger)
    (new / "b.yaml").write_text(claim("R-2", amount="5.00", work_order=False))
    check(new, ledger)
    cli("waive", "R-1", "CO001", "--reason", "ok", "--by", "Kari Dahl", "--ledger", ledger)
    engine = engine_for(ledger)
    with engine.begin() as conn:  # make run 1 a run of last year
        conn.execute(update(runs).where(runs.c.id == 1).values(started=dt.datetime(2023, 6, 1, tzinfo=dt.timezone.utc)))
    engine.dispose()
    result = cli("ledger", "prune", "--before", "2024-01-01", "--ledger", ledger)
    assert result.stdout == "pruned before 2024-01-01: 1 run, 1 claim content, 1 finding\n"
    assert [r["id"] for r in rows(ledger, "runs")] == [2]
    assert [c["claim_id"] for c in rows(ledger, "claims")] == ["R-2"]
    assert [f["subject"] for f in rows(ledger, "findings")] == ["R-2"]
    assert rows(ledger, "expenses", "claim")[0]["amount"] == "5.00"
    assert [w["claim_id"] for w in rows(ledger, "waivers")] == ["R-1"]
    nothing = cli("ledger", "prune", "--before", "2024-01-01", "--ledger", ledger)
    assert nothing.stdout == "pruned before 2024-01-01: 0 runs, 0 claim contents, 0 findings\n"
    nothing = cli("ledger", "prune", "--before", "2024-01-01", "--ledger", ledger, "--lang", "nb")
    assert nothing.stdout == "slettet det som ble registrert før 2024-01-01: 0 kjøringer, 0 kravversjoner, 0 funn\n"
    bad = cli("ledger", "prune", "--before", "2024-13-01", "--ledger", ledger)
    assert bad.exit_code == 2 and "--before" in bad.stderr


def _started(ledger: str, days: dict[int, dt.datetime]) -> None:
    engine = engine_for(ledger)
    with engine.begin() as conn:
        for run, when in days.items():
            conn.execute(update(runs).where(runs.c.id == run).values(started=when))
    engine.dispose()


def test_prune_keeps_what_a_kept_run_resolved_and_never_a_run_started_after_the_day(tmp_path, ledger, check, cli):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.yaml").write_text(claim("R-A", work_order=False))  # CO001, open in run 1
    check(tmp_path / "a", ledger)
    (tmp_path / "b" / "b.yaml").write_text(claim("R-B", amount="99.00"))
    check(tmp_path / "b", ledger)
    (tmp_path / "a" / "a.yaml").write_text(claim("R-A"))
    check(tmp_path / "a", ledger)  # run 3 resolves R-A's CO001
    utc = dt.timezone.utc
    _started(ledger, {1: dt.datetime(2024, 8, 1, tzinfo=utc), 2: dt.datetime(2024, 9, 1, tzinfo=utc),
                      3: dt.datetime(2024, 10, 1, tzinfo=utc)})
    assert cli("ledger", "prune", "--before", "2024-08-15", "--ledger", ledger).exit_code == 0
    (finding,) = rows(ledger, "findings")
    assert (finding["code"], finding["resolved_run"]) == ("CO001", 3)  # run 3 is kept: so is what it resolved
    diff = json.loads(cli("ledger", "diff", "2", "3", "--ledger", ledger, "-f", "json").stdout)
    assert [f["code"] for f in diff["resolved"]] == ["CO001"]
    # Run 2 recorded before run 3 but started after the day: nothing from run 2 on goes.
    _started(ledger, {2: dt.datetime(2024, 12, 2, 0, 0, 1, tzinfo=utc), 3: dt.datetime(2024, 12, 1, tzinfo=utc)})
    result = cli("ledger", "prune", "--before", "2024-12-02", "--ledger", ledger)
    assert "0 runs" in result.stdout and [r["id"] for r in rows(ledger, "runs")] == [2, 3]


def test_export_gives_every_table_but_the_secret(tmp_path, ledger, check, cli):
    (tmp_path / "receipt.pdf").write_bytes(b"%PDF-1.4 taxi")
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False, receipt="receipt.pdf"))
    check(tmp_path, ledger)
    everything = json.loads(cli("ledger", "export", "--ledger", ledger, "-f", "json").stdout)
    assert list(everything) == ["runs", "claims", "run_claims", "expenses", "attachments", "findings", "waivers"]
    assert everything["claims"][0]["claim_id"] == "R-1"
    assert everything["run_claims"] == [{"run": 1, "claim": everything["claims"][0]["id"]}]
    (expense,) = everything["expenses"]
    assert (expense["date"], expense["amount"], expense["currency"]) == ("2024-03-01", "199.00", "NOK")
    assert len(expense["claimant_key"]) == 64 and "Nordmann" not in json.dumps(everything)
    (attachment,) = everything["attachments"]
    assert (attachment["file"], attachment["sha256"]) == ("receipt.pdf", hashlib.sha256(b"%PDF-1.4 taxi").hexdigest())
    secret = rows(ledger, "ledger")[0]["secret"]
    assert secret not in json.dumps(everything)
    expenses_csv = cli("ledger", "export", "--ledger", ledger, "-f", "csv", "--table", "expenses").stdout
    assert expenses_csv.splitlines()[0] == "claim,expense,claimant_key,date,amount,currency,dup_key"
    out = tmp_path / "findings.csv"
    result = cli("ledger", "export", "--ledger", ledger, "-f", "csv", "-o", str(out))
    assert result.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(out.read_text())))
    assert (row["subject"], row["code"], row["first_run"], row["resolved_run"]) == ("R-1", "CO001", "1", "")
    runs_csv = cli("ledger", "export", "--ledger", ledger, "-f", "csv", "--table", "runs").stdout
    assert runs_csv.splitlines()[0].startswith("id,started,recorded,as_of")


def test_a_run_or_expense_number_beyond_what_the_tables_hold_is_a_usage_error(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path, ledger)
    huge = str(2 ** 63)
    diff = cli("ledger", "diff", huge, "--ledger", ledger)
    assert (diff.exit_code, diff.stderr) == (2, f"expensecli: error: invalid value for 'older': {huge} is not in the"
                                                " range 1<=x<=2147483647 (see expensecli ledger diff --help)\n")
    assert cli("ledger", "diff", "1", huge, "--ledger", ledger).exit_code == 2
    waive = cli("waive", "R-1", "CO001", "--reason", "ok", "--by", "Kari Dahl", "--expense", huge, "--ledger", ledger)
    assert waive.exit_code == 2 and "not in the range 0<=x<=2147483647" in waive.stderr
    last = cli("ledger", "diff", "2147483647", "--ledger", ledger)
    assert (last.exit_code, last.stderr) == (2, "expensecli: error: no run 2147483647 in the ledger (it has runs 1"
                                                " to 1)\n")


def test_ledger_info_counts_one_file_in_the_singular(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path, ledger)
    first = [line for line in cli("ledger", "info", "--ledger", ledger).stdout.splitlines()
             if line.startswith("first run")]
    assert len(first) == 1 and first[0].endswith(", check, 1 file")
