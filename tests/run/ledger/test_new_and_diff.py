"""What is new: --only-new, first_seen in JSON, `ledger diff` (both backends)."""

from __future__ import annotations

import csv
import io
import json

from ledger_support import claim, rows


def test_only_new_reports_only_findings_first_seen_in_this_run(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    first, code = check(tmp_path, ledger, "--only-new")
    assert [f["code"] for f in first["claims"][0]["findings"]] == ["CO001"]
    again, _ = check(tmp_path, ledger, "--only-new")
    assert again["claims"][0]["findings"] == [] and again["summary"]["infos"] == 0
    (tmp_path / "b.yaml").write_text(claim("R-2", amount="5.00", work_order=False))
    result = cli("check", str(tmp_path), "--ledger", ledger, "--only-new", "-f", "csv", "--as-of", "2024-05-01")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["claim_id"], r["code"]) for r in table] == [("R-2", "CO001")]
    assert rows(ledger, "runs")[-1]["new_findings"] == 1


def test_only_new_needs_a_ledger(tmp_path, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    result = cli("check", str(tmp_path), "--only-new")
    assert result.exit_code == 2 and "--only-new needs a ledger" in result.stderr


def test_json_carries_first_seen_per_finding_only_with_a_ledger(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    report, _ = check(tmp_path, ledger)
    (finding,) = report["claims"][0]["findings"]
    started = rows(ledger, "runs")[0]["started"]
    assert finding["first_seen"] == started.strftime("%Y-%m-%dT%H:%M:%SZ")
    later, _ = check(tmp_path, ledger)
    assert later["claims"][0]["findings"][0]["first_seen"] == finding["first_seen"]
    plain = json.loads(cli("check", str(tmp_path), "-f", "json", "--as-of", "2024-05-01").stdout)
    assert "first_seen" not in plain["claims"][0]["findings"][0]


def test_ledger_diff_lists_new_resolved_and_still_open(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    (tmp_path / "b.yaml").write_text(claim("R-2", amount="10.00", work_order=False))
    check(tmp_path, ledger)  # run 1: CO001 for
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    (tmp_path / "c.yaml").write_text(claim("R-3", amount="20.00", work_order=False))
    check(tmp_path, ledger)  # run 2: R-1 fixed, R-3 new
    result = cli("ledger", "diff", "--ledger", ledger, "-f", "json")
    diff = json.loads(result.stdout)
    assert (diff["from"]["run"], diff["to"]["run"]) == (1, 2)
    assert [(f["claim_id"], f["code"]) for f in diff["new"]] == [("R-3", "CO001")]
    assert [(f["claim_id"], f["code"]) for f in diff["resolved"]] == [("R-1", "CO001")]
    assert [(f["claim_id"], f["code"]) for f in diff["open"]] == [("R-2", "CO001")]
    check(tmp_path, ledger)  # run 3: nothing changes
    assert json.loads(cli("ledger", "diff", "1", "3", "--ledger", ledger, "-f", "json").stdout)["new"] == diff["new"]
    same = json.loads(cli("ledger", "diff", "2", "3", "--ledger", ledger, "-f", "json").stdout)
    assert (same["new"], same["resolved"], len(same["open"])) == ([], [], 2)
    table = cli("ledger", "diff", "--ledger", ledger).stdout
    assert "0 new, 0 resolved, 2 still open" in table
    lines = cli("ledger", "diff", "1", "2", "--ledger", ledger, "-f", "csv").stdout.splitlines()
    assert lines[0].startswith("change,claim_id,file,code") and len(lines) == 4


def test_ledger_diff_needs_two_runs_and_known_ones(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    check(tmp_path, ledger)
    result = cli("ledger", "diff", "--ledger", ledger)
    assert (result.exit_code, result.stderr.strip()) == (2, "expensecli: error: the ledger has 1 run; a diff needs two")
    result = cli("ledger", "diff", "1", "9", "--ledger", ledger)
    assert result.exit_code == 2 and "no run 9 in the ledger (it has runs 1 to 1)" in result.stderr


def test_the_diff_table_fits_the_line_its_messages_wrapping_and_nothing_cut(tmp_path, ledger, check, cli, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(claim("R-1", work_order=False))  # CO001: a long message
    check(tmp_path / "claims", ledger)
    check(tmp_path / "claims", ledger)
    monkeypatch.setenv("COLUMNS", "100")
    shown = cli("ledger", "diff", "--ledger", ledger).stdout
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 100 and "R-1" in shown and "CO001" in shown
    message = 'no work order (K7): the cost goes to "Generelle driftskostnader" of the claimant\'s employment'
    assert all(word in shown.split() for word in message.split())  # wrapped between words, none cut
    assert lines[-4:-2] == [f"files in {tmp_path / 'claims'}/", ""] and lines[-1] == "(none)"  # none waived


def test_waived_findings_are_counted_apart_from_the_open_in_info_and_diff(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    (tmp_path / "b.yaml").write_text(claim("R-2", amount="10.00", work_order=False))
    check(tmp_path, ledger)  # run 1: CO001 for
    cli("waive", "R-2", "CO001", "--reason", "General costs are right", "--by", "Kari Dahl", "--ledger", ledger)
    (tmp_path / "c.yaml").write_text(claim("R-3", amount="20.00", work_order=False)
                                     + "waivers:\n  - {code: CO001, reason: agreed, by: Kari Dahl, date: 2024-03-05}\n")
    check(tmp_path, ledger)  # run 2: R-2 waived in the ledger, R-3 new and waived in its claim file
    info = json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)
    assert (info["findings_open"], info["findings_waived"], info["findings_resolved"]) == (1, 2, 0)
    diff = json.loads(cli("ledger", "diff", "--ledger", ledger, "-f", "json").stdout)
    assert (diff["new"], [f["claim_id"] for f in diff["open"]]) == ([], ["R-1"])
    assert [(f["claim_id"], f["first_run"]) for f in diff["waived"]] == [("R-2", 1), ("R-3", 2)]
    assert "0 new, 0 resolved, 1 still open, 2 waived" in " ".join(cli("ledger", "diff", "--ledger", ledger).stdout.split())
    changes = [row["change"] for row in csv.DictReader(io.StringIO(cli("ledger", "diff", "--ledger", ledger,
                                                                       "-f", "csv").stdout))]
    assert changes == ["open", "waived", "waived"]
    cli("waive", "R-2", "CO001", "--revoke", "--by", "Kari Dahl", "--ledger", ledger)
    check(tmp_path, ledger)  # run 3: R-2 is open again
    info = json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)
    assert (info["findings_open"], info["findings_waived"]) == (2, 1)
    assert [f["claim_id"] for f in json.loads(cli("ledger", "diff", "--ledger", ledger, "-f", "json").stdout)["open"]] \
        == ["R-1", "R-2"]
