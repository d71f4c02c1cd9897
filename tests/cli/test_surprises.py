"""No silent surprises (issue 14): what used to pass without a word now says so, and what used to
stop a run without need now runs."""

from __future__ import annotations

import json

import pytest
from conftest import CLEAN
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_claim_files_are_found_in_any_letter_case(tmp_path):
    for n, name in enumerate(("a.YAML", "b.Yml", "c.yaml", "d.yml", "e.txt", "f.YAML.bak")):
        (tmp_path / name).write_text(CLEAN.replace("R-2024-0001", f"R-2024-000{n}").replace("199.00", f"19{n}.00"))
    result = invoke("check", str(tmp_path), "-f", "json", "--as-of", "2024-05-01")
    assert result.exit_code == 0
    files = [claim["file"].rsplit("/", 1)[-1] for claim in json.loads(result.stdout)["claims"]]
    assert files == ["a.YAML", "b.Yml", "c.yaml", "d.yml"]


@pytest.mark.parametrize("command", [["check"], ["deadlines"], ["status"], ["catering", "report"]])
def test_an_empty_folder_is_an_empty_report_with_a_warning_and_exit_0(tmp_path, command):
    (tmp_path / "empty").mkdir()
    stale = tmp_path / "report.json"
    stale.write_text("yesterday's report\n")
    result = invoke(*command, str(tmp_path / "empty"), "-f", "json", "-o", str(stale), "--as-of", "2024-05-01")
    assert result.exit_code == 0
    assert result.stderr == (f"expensecli: warning: no claim files (*.yaml, *.yml) in {tmp_path / 'empty'};"
                             " the report is empty\n")
    document = json.loads(stale.read_text())
    assert document["as_of"] == "2024-05-01"
    assert "yesterday" not in stale.read_text()


def test_an_empty_check_report_in_each_format(tmp_path):
    (tmp_path / "empty").mkdir()
    folder = str(tmp_path / "empty")
    assert invoke("check", folder, "-f", "json", "--as-of", "2024-05-01").stdout == (
        '{\n  "version": 1,\n  "as_of": "2024-05-01",\n  "claims": [],\n'
        '  "summary": {"files": 0, "claims": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}\n}\n')
    assert invoke("check", folder, "-f", "concise").stdout == "0 files, 0 errors, 0 warnings, 0 infos, 0 waived\n"
    assert invoke("check", folder, "-f", "jsonl").stdout == ""
    assert invoke("check", folder, "-f", "csv").stdout == "file,claim_id,code,severity,line,column,path,message,waived\n"


@pytest.mark.parametrize("typed, meant", [("14.03.2024", "2024-03-14"), ("2024/03/14", "2024-03-14"),
                                          ("14/03/2024", "2024-03-14"), ("2024-3-14", "2024-03-14")])
def test_a_date_in_another_spelling_gets_the_iso_date_suggested(typed, meant):
    result = invoke("check", "x.yaml", "--as-of", typed)
    assert result.exit_code == 2
    assert result.stderr == (f"expensecli: error: --as-of must be a date written YYYY-MM-DD, got '{typed}'"
                             f" (did you mean {meant}?)\n")


def test_a_date_in_a_claim_gets_the_suggestion_and_an_impossible_one_none(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN.replace("  - date: 2024-03-01", "  - date: 14.03.2024")
                                     .replace("submitted: 2024-03-05", "submitted: 31.02.2024"))
    result = invoke("check", str(tmp_path / "c.yaml"), "-f", "concise", "-q")
    assert result.stdout == (
        f"{tmp_path}/c.yaml:4:12: LOAD004 [error] submitted: date must be a date written YYYY-MM-DD,"
        " got '31.02.2024'\n"
        f"{tmp_path}/c.yaml:11:11: LOAD004 [error] expenses[0].date: date must be a date written YYYY-MM-DD,"
        " got '14.03.2024' (did you mean 2024-03-14?)\n")


def test_a_bad_enum_value_gets_a_did_you_mean(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN.replace("status: sent", "status: sendt")
                                     .replace("role: employee", "role: Employe"))
    result = invoke("check", str(tmp_path / "c.yaml"), "-f", "concise", "-q")
    assert result.stdout == (
        f"{tmp_path}/c.yaml:3:9: LOAD004 [error] status: input should be 'draft', 'sent', 'approved', 'returned'"
        " or 'paid', got 'sendt' (did you mean 'sent'?)\n"
        f"{tmp_path}/c.yaml:7:9: LOAD004 [error] claimant.role: input should be 'employee', 'contractor' or"
        " 'external', got 'Employe' (did you mean 'employee'?)\n")


def test_an_unquoted_comma_in_a_flow_mapping_gets_a_hint_to_quote(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN.replace("      - type: receipt\n",
                                                   "      - {type: receipt, description: Hotel, 3 nights}\n"))
    result = invoke("check", str(tmp_path / "c.yaml"), "-f", "concise", "-q")
    assert result.stdout == (
        f"{tmp_path}/c.yaml:16:45: LOAD004 [error] unknown field '3 nights' in expenses[0].attachments[0]:"
        " inside { } a comma ends a value; if '3 nights' belongs to description, quote the whole value"
        ' (description: "Hotel, 3 nights")\n')
    plain = CLEAN.replace("      - type: receipt\n", "      - {type: receipt, colour: red}\n")
    (tmp_path / "d.yaml").write_text(plain)
    assert "allowed here: type, file" in invoke("check", str(tmp_path / "d.yaml"), "-f", "concise").stdout


def test_a_total_that_leaves_out_a_foreign_amount_without_a_rate_is_marked_incomplete():
    receipt = "examples/claims/foreign-receipt.yaml"  # 38.50 EUR without a rate, and 115.63 NOK
    claim = json.loads(invoke("check", receipt, "-f", "json", "--as-of", "2024-05-01").stdout)["claims"][0]
    assert (claim["total"], claim["total_complete"]) == ("115.63", False)
    status = invoke("status", receipt, "--as-of", "2024-05-01", "-f", "concise")
    assert status.stdout.splitlines() == [
        "draft: 1 claim, 115.63+ NOK", "sent: 0 claims, 0.00 NOK", "approved: 0 claims, 0.00 NOK",
        "returned: 0 claims, 0.00 NOK", "paid: 0 claims, 0.00 NOK", "all: 1 claim, 115.63+ NOK",
        "+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)"]
    document = json.loads(invoke("status", receipt, "--as-of", "2024-05-01", "-f", "json").stdout)
    assert document["overall"] == {"claims": 1, "total": "115.63", "total_complete": False}
    rows = invoke("status", receipt, "--as-of", "2024-05-01", "-f", "csv").stdout.splitlines()
    assert dict(zip(rows[0].split(","), rows[1].split(",")))["total_complete"] == "false"
    table = invoke("status", receipt, "examples/claims/employee-equipment.yaml", "--as-of", "2024-05-01",
                   "-f", "table").stdout
    assert table.splitlines()[:10] == [
        "Claims by status as of 2024-05-01", "Status     Claims   Total NOK", "─" * 29,
        "draft           1     115.63+", "sent            0        0.00", "approved        1      349.00",
        "returned        0        0.00", "paid            0        0.00", "", "all             2     464.63+"]
    assert table.rstrip().endswith("+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)")
