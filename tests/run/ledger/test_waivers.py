"""Controllers' waivers in the ledger, and WV002 for claim-file waivers by others (both backends)."""

from __future__ import annotations

import json
from pathlib import Path

from ledger_support import claim, rows


def two_expenses(claim_id: str) -> str:
    return claim(claim_id, work_order=False) + ("  - date: 2024-03-02\n    category: equipment\n    description: Mouse\n    amount: 99.00\n"
                   "    attachments:\n      - {type: bank_statement}\n")


def test_waive_applies_like_a_claim_file_waiver_with_its_origin(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(two_expenses("R-1"))
    before, code = check(tmp_path, ledger)
    assert code == 1  # DOC001 on expense 1
    result = cli("waive", "R-1", "doc001", "--reason", "Receipt seen on paper", "--by", "Kari Dahl",
                 "--expense", "1", "--ledger", ledger)
    assert result.exit_code == 0 and "waiver 1: DOC001 for claim R-1 (expense 1), by Kari Dahl" in result.stdout
    (stored,) = rows(ledger, "waivers")
    assert (stored["claim_id"], stored["code"], stored["expense"], stored["by"], stored["revoked"]) == (
        "R-1", "DOC001", 1, "Kari Dahl", None)
    after, code = check(tmp_path, ledger)
    doc = [f for f in after["claims"][0]["findings"] if f["code"] == "DOC001"]
    assert [(f["waived"], f["waiver"]) for f in doc] == [(True, "ledger")] and code == 0
    concise = cli("check", str(tmp_path), "--ledger", ledger, "--as-of", "2024-05-01", "-f", "concise").stdout
    assert "(waived in the ledger)" in concise


def test_a_waiver_for_another_expense_does_not_apply_and_revoke_ends_it(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(two_expenses("R-1"))
    cli("waive", "R-1", "DOC001", "--reason", "x", "--by", "Kari Dahl", "--expense", "0", "--ledger", ledger)
    _, code = check(tmp_path, ledger)
    assert code == 1
    cli("waive", "R-1", "DOC001", "--reason", "whole claim", "--by", "Kari Dahl", "--ledger", ledger)
    _, code = check(tmp_path, ledger)
    assert code == 0
    result = cli("waive", "R-1", "DOC001", "--revoke", "--by", "Ola Hansen", "--ledger", ledger)
    assert result.exit_code == 0 and "revoked" in result.stdout
    _, code = check(tmp_path, ledger)
    assert code == 1
    ended = [w for w in rows(ledger, "waivers") if w["revoked"] is not None]
    assert [(w["expense"], w["revoked_by"]) for w in ended] == [(None, "Ola Hansen")]
    again = cli("waive", "R-1", "DOC001", "--revoke", "--by", "Ola Hansen", "--ledger", ledger)
    assert again.exit_code == 2 and "no waiver of DOC001 for claim R-1 is in force" in again.stderr


def test_waivers_list_shows_the_waivers_in_force_and_all_with_all(tmp_path, ledger, cli):
    cli("waive", "R-1", "CO001", "--reason", "General costs are right", "--by", "Kari Dahl", "--ledger", ledger)
    cli("waive", "R-2", "MX004", "--reason", "Two trips", "--by", "Kari Dahl", "--ledger", ledger)
    cli("waive", "R-2", "MX004", "--revoke", "--by", "Kari Dahl", "--ledger", ledger)
    listed = json.loads(cli("waivers", "list", "--ledger", ledger, "-f", "json").stdout)
    assert [(w["claim_id"], w["code"], w["reason"]) for w in listed] == [("R-1", "CO001", "General costs are right")]
    everything = json.loads(cli("waivers", "list", "--all", "--ledger", ledger, "-f", "json").stdout)
    assert len(everything) == 2 and everything[1]["revoked_by"] == "Kari Dahl"
    assert "General costs are right" in cli("waivers", "list", "--ledger", ledger).stdout


def test_waive_refuses_unknown_codes_missing_reason_and_non_controllers(tmp_path, ledger, cli):
    cases = [(["R-1", "XX999", "--reason", "r", "--by", "K"],
              "expensecli: error: XX999 is not a rule code (expensecli rules list shows them)\n"),
             (["R-1", "CO001", "--by", "K"], "--reason: say why"),
             (["R-1", "CO001", "--reason", "r"], "--by: name the controller"),
             (["R-1", "CO001", "--reason", "r", "--by", "Per", "--controllers", "Kari Dahl"], "not one of the controllers")]
    for args, message in cases:
        result = cli("waive", *args, "--ledger", ledger)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert "://" in ledger or not Path(ledger).exists()  # refused before the ledger is opened


def test_wv002_a_claim_file_waiver_by_someone_not_a_controller_is_not_applied(tmp_path, ledger, check):
    text = claim("R-1", work_order=False) + ("waivers:\n  - {code: CO001, reason: fine, by: Kari Nordmann,"
                                             " date: 2024-03-05}\n")
    (tmp_path / "a.yaml").write_text(text)
    anyone, _ = check(tmp_path, ledger)
    assert [(f["code"], f["waived"]) for f in anyone["claims"][0]["findings"]] == [("CO001", True)]
    listed, code = check(tmp_path, ledger, "--controllers", "Kari Dahl, Ola Hansen")
    found = {f["code"]: f for f in listed["claims"][0]["findings"]}
    assert found["CO001"]["waived"] is False and found["WV002"]["severity"] == "warning"
    assert found["WV002"]["path"] == "waivers[0].by" and "Kari Nordmann" in found["WV002"]["message"]
    ok, _ = check(tmp_path, ledger, "--controllers", "kari  NORDMANN")
    assert [(f["code"], f["waived"]) for f in ok["claims"][0]["findings"]] == [("CO001", True)]


def test_an_id_that_starts_like_a_formula_is_itself_in_the_tables_and_guarded_in_csv(tmp_path, ledger, check, cli):
    """The tables show the id as it is, so it can be copied into `waive --revoke`; only CSV, which
    a spreadsheet opens, puts an apostrophe before it. `ledger info -f csv` is CSV."""
    (tmp_path / "a.yaml").write_text(two_expenses("-2024-0117").replace("id: -2024-0117", 'id: "-2024-0117"'))
    check(tmp_path, ledger)
    assert cli("waive", "--reason", "Seen on paper", "--by", "Kari Dahl", "--ledger", ledger, "--expense", "1",
               "--", "-2024-0117", "DOC001").exit_code == 0
    table = cli("waivers", "list", "--ledger", ledger).stdout
    assert " -2024-0117 " in table and "'-2024-0117" not in table
    assert "'-2024-0117" in cli("waivers", "list", "--ledger", ledger, "-f", "csv").stdout
    assert cli("waive", "--revoke", "--by", "Kari Dahl", "--ledger", ledger, "--expense", "1",
               "--", "-2024-0117", "DOC001").exit_code == 0
    info = cli("ledger", "info", "--ledger", ledger, "-f", "csv").stdout.splitlines()
    assert info[0] == "key,value" and info[1].startswith("ledger,") and any(line.startswith("runs,1") for line in info)


def test_a_waiver_names_its_claim_as_ids_are_compared_trimmed_and_in_any_letter_case(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(two_expenses("R-7"))
    assert cli("waive", " r-7 ", "DOC001", "--reason", "Receipt seen", "--by", "Kari Dahl", "--expense", "1",
               "--ledger", ledger).exit_code == 0
    waived, code = check(tmp_path, ledger)
    assert code == 0 and [f["waiver"] for f in waived["claims"][0]["findings"] if f["code"] == "DOC001"] == ["ledger"]
    ended = cli("waive", "--revoke", "R-7", "DOC001", "--by", "Kari Dahl", "--expense", "1", "--ledger", ledger)
    assert ended.exit_code == 0
    assert check(tmp_path, ledger)[1] == 1


def test_a_waiver_for_a_claim_id_no_run_has_recorded_is_kept_with_a_note(tmp_path, ledger, check, cli):
    early = cli("waive", "R-2024-9999", "DL002", "--reason", "ok", "--by", "Kari Dahl", "--ledger", ledger)
    assert (early.exit_code, early.stdout, early.stderr) == (
        0, "waiver 1: DL002 for claim R-2024-9999, by Kari Dahl\n",
        "expensecli: note: no run has recorded a claim with the id R-2024-9999 yet; the waiver applies once one"
        " does (is the id right?)\n")
    (tmp_path / "a.yaml").write_text(two_expenses("R-7"))
    check(tmp_path, ledger)
    seen = cli("waive", " r-7 ", "DOC001", "--reason", "Receipt seen", "--by", "Kari Dahl", "--ledger", ledger)
    assert (seen.exit_code, seen.stderr) == (0, "")  # the id as ids are compared: trimmed, in any letter case
    assert [w["claim_id"] for w in rows(ledger, "waivers")] == ["R-2024-9999", " r-7 "]


def listed(cli, ledger: str) -> list[tuple]:
    return [(w["id"], w["stale"], w["checked_run"], w["matched_run"])
            for w in json.loads(cli("waivers", "list", "--all", "--ledger", ledger, "-f", "json").stdout)]


def test_a_ledger_waiver_that_matched_no_finding_in_the_latest_run_that_checked_its_claim_is_stale(
        tmp_path, ledger, check, cli, monkeypatch):
    (tmp_path / "a.yaml").write_text(two_expenses("R-1"))  # DOC001 on expense 1 only
    for expense in ("1", "0"):
        cli("waive", "R-1", "DOC001", "--reason", "Receipt seen on paper", "--by", "Kari Dahl", "--expense", expense,
            "--ledger", ledger)
    cli("waive", "R-1", "MX004", "--reason", "Two trips", "--by", "Kari Dahl", "--ledger", ledger)
    cli("waive", "R-9", "CO001", "--reason", "Agreed", "--by", "Kari Dahl", "--ledger", ledger)
    assert [stale for _, stale, _, _ in listed(cli, ledger)] == [False] * 4  # no run has judged them yet
    check(tmp_path, ledger)  # run 1
    assert listed(cli, ledger) == [(1, False, 1, 1), (2, True, 1, None), (3, True, 1, None), (4, False, None, None)]
    assert json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)["waivers_stale"] == 2
    monkeypatch.setenv("COLUMNS", "200")
    table = cli("waivers", "list", "--ledger", ledger).stdout.splitlines()
    assert table[0].split()[-1] == "stale"
    assert [line.endswith("no finding in run 1") for line in table[2:6]] == [False, True, True, False]
    assert table[-1] == ("A stale waiver matched no finding of its claim in the latest run that checked it: it hides"
                         " nothing and should go (expensecli waive CLAIM_ID CODE --revoke --by NAME).")
    bokmal = cli("waivers", "list", "--ledger", ledger, "--lang", "nb").stdout.splitlines()
    assert bokmal[0].split()[-1] == "utdatert" and bokmal[3].endswith("ingen funn i kjøring 1")
    assert bokmal[-1].startswith("Et utdatert unntak passet ikke til noe funn i kravet sitt")
    check(tmp_path, ledger, "--select", "DL")  # run 2 reports no DOC001 nor MX004: it judges none of them
    assert listed(cli, ledger) == [(1, False, 1, 1), (2, True, 1, None), (3, True, 1, None), (4, False, None, None)]
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))  # run 3: no DOC001 any more
    check(tmp_path, ledger)
    assert listed(cli, ledger)[0] == (1, True, 3, 1)
    cli("waive", "R-1", "DOC001", "--revoke", "--by", "Kari Dahl", "--expense", "1", "--ledger", ledger)
    assert listed(cli, ledger)[0][1] is False  # a revoked waiver is not stale: it is over
    assert "no finding" not in cli("waivers", "list", "--ledger", ledger, "--lang", "nb").stdout


def test_a_stale_waiver_is_stale_no_more_when_its_finding_comes_back(tmp_path, ledger, check, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    cli("waive", "R-1", "CO001", "--reason", "General costs are right", "--by", "Kari Dahl", "--ledger", ledger)
    check(tmp_path, ledger)
    assert listed(cli, ledger) == [(1, True, 1, None)]
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path, ledger)
    assert listed(cli, ledger) == [(1, False, 2, 2)]
