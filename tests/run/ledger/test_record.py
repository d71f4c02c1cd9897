"""What a run records: the run, its claims, expense keys, attachment hashes and findings (both backends)."""

from __future__ import annotations

import datetime as dt

from ledger_support import claim, dump, keyed, rows, sha256
from sqlalchemy import event
from sqlalchemy.engine import Engine

from expensecli import __version__


def test_a_run_records_run_claims_expense_keys_attachment_hashes_and_findings(tmp_path, ledger, check):
    (tmp_path / "receipts").mkdir()
    pdf = b"%PDF-1.4 receipt 0001"
    (tmp_path / "receipts" / "cable.pdf").write_bytes(pdf)
    (tmp_path / "a.yaml").write_text(claim("R-1", receipt="receipts/cable.pdf"))
    (tmp_path / "b.yaml").write_text(claim("R-2", amount="249.00", work_order=False))
    report, code = check(tmp_path, ledger)
    assert code == 0
    (run,) = rows(ledger, "runs")
    assert (run["as_of"], run["command"], run["version"], run["claims"]) == (dt.date(2024, 5, 1), "check",
                                                                             __version__, 2)
    assert str(tmp_path) in run["inputs"]
    recorded = {r["claim_id"]: r for r in rows(ledger, "claims")}
    assert recorded["R-1"]["content_sha256"] == sha256((tmp_path / "a.yaml").read_bytes())
    assert recorded["R-1"]["location"] == str(tmp_path / "a.yaml")
    assert (recorded["R-2"]["status"], recorded["R-2"]["total"], recorded["R-2"]["kind"]) == ("sent", "249.00",
                                                                                            "reimbursement")
    assert all(r["current"] for r in recorded.values())
    assert {(r["run"], r["claim"]) for r in rows(ledger, "run_claims", "claim")} == {
        (run["id"], r["id"]) for r in recorded.values()}
    expenses = rows(ledger, "expenses", "claim")
    assert [(e["date"], e["amount"], e["currency"]) for e in expenses] == [
        (dt.date(2024, 3, 1), "199.00", "NOK"), (dt.date(2024, 3, 1), "249.00", "NOK")]
    assert {e["claimant_key"] for e in expenses} == {keyed(ledger, "claimant", "kari nordmann")}
    (attachment,) = rows(ledger, "attachments", "claim")
    assert (attachment["file"], attachment["sha256"]) == ("receipts/cable.pdf", sha256(pdf))
    (finding,) = rows(ledger, "findings")  # R-2 has no work order: CO001
    assert (finding["subject"], finding["code"], finding["path"]) == ("R-2", "CO001", "")
    assert (finding["first_run"], finding["last_run"], finding["resolved_run"]) == (run["id"], run["id"], None)


def test_the_content_recorded_is_the_content_checked(tmp_path, ledger, check, monkeypatch):
    """The claim's hash is of the bytes it was checked from, not of the file read again after:
    an edit between the two does not pair the old findings with the new content."""
    from expensecli.run import batch, spool

    path = tmp_path / "a.yaml"
    path.write_text(claim("R-1", work_order=False))
    checked = path.read_bytes()
    load_source = batch.load_source

    def edited_after_reading(source, settings):
        loaded = load_source(source, settings)
        path.write_text(claim("R-1"))  # the work order added, once the claim was read
        return loaded

    monkeypatch.setattr(batch, "load_source", edited_after_reading)  # the collected path's
    monkeypatch.setattr(spool, "load_source", edited_after_reading)  # the streamed path's
    report, _ = check(tmp_path, ledger)
    assert [f["code"] for f in report["claims"][0]["findings"]] == ["CO001"]
    (recorded,) = rows(ledger, "claims")
    assert recorded["content_sha256"] == sha256(checked) != sha256(path.read_bytes())


def test_a_new_content_is_written_once_and_a_known_one_only_updated(tmp_path, ledger, check):
    """The claims rows a run makes are current and last seen in it as inserted; only the rows of
    contents already known are updated (current, last run)."""
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    (tmp_path / "b.yaml").write_text(claim("R-2"))
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        check(tmp_path, ledger)
        first = [s for s in statements if s.startswith("UPDATE claims")]
        statements.clear()
        check(tmp_path, ledger)
        second = [s for s in statements if s.startswith("UPDATE claims")]
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert first == []
    assert len(second) == 1 and "last_run" in second[0]
    assert [(r["current"], r["first_run"], r["last_run"]) for r in rows(ledger, "claims")] == [(True, 1, 2)] * 2


def test_no_personal_data_beyond_keyed_hashes(tmp_path, ledger, check):
    external = claim("BM-1", name="Ingrid Berg").replace("  role: employee\n", "  role: external\n")
    external = external.replace("  phone_country: NO\n", "  phone_country: NO\n  access:\n    ordered_by: Ola Hansen\n"
                                "    purpose: Guest lecture\n    date_of_birth: 1980-04-02\n    unit: IDI\n")
    (tmp_path / "external.yaml").write_text(external)
    report, _ = check(tmp_path, ledger)
    messages = [f["message"] for c in report["claims"] for f in c["findings"]]
    assert any("Ingrid Berg" in m for m in messages)  # NE006 names the claimant in the report ...
    stored = repr(dump(ledger))
    for personal in ("Ingrid", "Berg", "ingrid berg", "kari@example.org", "1980-04-02", "1980, 4, 2"):
        assert personal not in stored  # ... but the ledger keeps no name, e-mail or date of birth
    assert "the claimant" in stored


def non_employee(claim_id: str, role: str, name: str, access: str) -> str:
    """A claim by a contractor (with a contract) or an external, with the access order given."""
    text = claim(claim_id, name=name).replace("  role: employee\n", f"  role: {role}\n")
    if role == "contractor":
        text = text.replace("  phone_country: NO\n", "  phone_country: NO\n  contract: {start: 2024-01-01,"
                                                      " end: 2024-12-31}\n")
    return text.replace("  phone_country: NO\n", "  phone_country: NO\n  access:\n" + access)


def test_a_stored_message_reads_as_the_check_says_it_with_the_role_for_the_name(tmp_path, ledger, check, cli):
    """NE006 names a contractor or an external by role and name: the ledger keeps the sentence with
    the role alone, and the name nowhere, not even inside another word ("Tor" of "Torunn")."""
    (tmp_path / "contractor.yaml").write_text(non_employee("BM-1", "contractor", "Tor", "    ordered_by: Torunn Lie\n"))
    (tmp_path / "external.yaml").write_text(non_employee("BM-2", "external", "Lukas Schneider",
                                                         "    ordered_by: Torunn Lie\n    purpose: Guest lecture\n"))
    report, _ = check(tmp_path, ledger)
    live = {c["id"]: f["message"] for c in report["claims"] for f in c["findings"] if f["code"] == "NE006"}
    assert live["BM-1"].startswith("contractor Tor has a Betalmeg access order (ordered by Torunn Lie); ")
    assert live["BM-2"].startswith("the Betalmeg access order for external Lukas Schneider is incomplete: ")
    stored = {f["subject"]: f["message"] for f in rows(ledger, "findings") if f["code"] == "NE006"}
    assert stored == {"BM-1": live["BM-1"].replace("contractor Tor has", "the contractor has"),
                      "BM-2": live["BM-2"].replace("for external Lukas Schneider is", "for the external claimant is")}
    diff = cli("ledger", "diff", "1", "1", "--ledger", ledger, "-f", "json").stdout
    assert "the contractor has a Betalmeg access order (ordered by Torunn Lie)" in diff


def test_unchanged_recheck_adds_a_run_not_a_claim_and_an_edit_adds_a_content(tmp_path, ledger, check):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    check(tmp_path, ledger)
    check(tmp_path, ledger)
    assert len(rows(ledger, "runs")) == 2 and len(rows(ledger, "claims")) == 1
    assert len(rows(ledger, "run_claims", "run")) == 2
    (tmp_path / "a.yaml").write_text(claim("R-1", amount="200.00"))
    check(tmp_path, ledger)
    versions = rows(ledger, "claims")
    assert [(v["current"], v["first_run"], v["last_run"]) for v in versions] == [(False, 1, 2), (True, 3, 3)]


def test_findings_first_seen_last_seen_resolved_and_back_again(tmp_path, ledger, check):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    first, _ = check(tmp_path, ledger)
    check(tmp_path, ledger)
    (finding,) = rows(ledger, "findings")
    assert (finding["code"], finding["first_run"], finding["last_run"], finding["resolved_run"]) == ("CO001", 1, 2,
                                                                                                    None)
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    check(tmp_path, ledger)
    assert rows(ledger, "findings")[0]["resolved_run"] == 3
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    back, _ = check(tmp_path, ledger)
    assert [(f["first_run"], f["resolved_run"]) for f in rows(ledger, "findings")] == [(1, 3), (4, None)]
    assert back["claims"][0]["findings"][0]["first_seen"] >= first["claims"][0]["findings"][0]["first_seen"]


def test_a_run_limited_by_select_resolves_only_the_codes_it_reports(tmp_path, ledger, check):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path, ledger)
    check(tmp_path, ledger, "--select", "DL")
    assert rows(ledger, "findings")[0]["resolved_run"] is None


def test_deadlines_status_and_catering_report_record_their_runs(tmp_path, ledger, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1"))
    for command in (["deadlines"], ["status"], ["catering", "report"]):
        result = cli(*command, str(tmp_path), "--ledger", ledger, "--as-of", "2024-05-01", "-f", "json")
        assert result.exit_code == 0, result.output
    assert [r["command"] for r in rows(ledger, "runs")] == ["deadlines", "status", "catering report"]
    assert len(rows(ledger, "claims")) == 1


def test_a_defect_collecting_a_claim_s_facts_costs_that_claim_its_content_row_unless_traceback(tmp_path, ledger,
                                                                                                 check, monkeypatch):
    from expensecli.policy import engine
    from expensecli.run.ledger import facts

    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    (tmp_path / "b.yaml").write_text(claim("R-2", amount="249.00", work_order=False))
    real = facts.collect

    def broken(display, *rest):
        if display.endswith("a.yaml"):
            raise TypeError("a defect")
        return real(display, *rest)

    monkeypatch.setattr(facts, "collect", broken)
    report, code = check(tmp_path, ledger)
    assert code == 0 and [c["id"] for c in report["claims"]] == ["R-1", "R-2"]  # both reported
    assert [r["claim_id"] for r in rows(ledger, "claims")] == ["R-2"]  # R-1 has no content row
    assert sorted(r["subject"] for r in rows(ledger, "findings")) == ["R-1", "R-2"]  # both tracked
    monkeypatch.setattr(engine, "RAISE_DEFECTS", False)  # --traceback sets it for the run
    from typer.testing import CliRunner

    from expensecli.cli.main import app

    stopped = CliRunner().invoke(app, ["--traceback", "check", str(tmp_path), "--ledger", ledger, "--as-of",
                                       "2024-05-01", "-j1"])
    assert isinstance(stopped.exception, TypeError) and str(stopped.exception) == "a defect"
