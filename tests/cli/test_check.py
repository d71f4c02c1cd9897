"""`expensecli check`: exact output of each format, exit codes, options."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import CLEAN, WARN
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()

BAD = CLEAN.replace("id: R-2024-0001", "id: R-2024-0002").replace("199.00", "249.00").replace("      - type: receipt\n", "      - type: bank_statement\n")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "clean.yaml").write_text(CLEAN)
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "warn.yml").write_text(WARN)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.yaml").write_text("not: a claim\n")
    (tmp_path / "notes.txt").write_text("ignored\n")
    return tmp_path


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, ["check", *args], input=input)


def test_concise_output_and_exit_code(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = invoke(".", "--as-of", "2024-05-01", "-f", "concise")
    assert result.exit_code == 1
    assert result.stdout == (
        "bad.yaml:11:5: DOC001 [error] expense 0 (equipment, 2024-03-01) has no basis of payment: bank_statement;"
        " a receipt, invoice or order confirmation is needed (a bank statement alone only shows the payment)\n"
        "warn.yml:16:31: DOC005 [warning] attachment file 'gone.pdf' of expense 0 does not exist next to the claim file\n"
        "3 files, 1 error, 1 warning, 0 infos, 0 waived\n")


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(folder, fail_on, code):
    assert invoke(str(folder / "warn.yml"), str(folder / "clean.yaml"), "--fail-on", fail_on).exit_code == code


def test_clean_claim_exits_0_and_quiet_prints_nothing(folder):
    result = invoke(str(folder / "clean.yaml"), "-q", "-f", "concise")
    assert (result.exit_code, result.stdout) == (0, "")


def test_json_has_the_shape_of_the_spec(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = invoke(".", "--as-of", "2024-05-01", "-f", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "as_of", "claims", "summary"]
    assert document["as_of"] == "2024-05-01" and document["version"] == 1
    assert document["summary"] == {"files": 3, "claims": 3, "errors": 1, "warnings": 1, "infos": 0, "waived": 0}
    claim = document["claims"][0]
    assert list(claim) == ["file", "id", "kind", "status", "role", "total", "total_complete", "currency", "deadline",
                           "submitted", "days_late", "catering", "findings"]
    assert (claim["file"], claim["id"], claim["total"], claim["deadline"]) == ("bad.yaml", "R-2024-0002", "249.00", None)
    # an employee's reimbursement has no deadline, but its submitted date is known
    assert (claim["submitted"], claim["days_late"]) == ("2024-03-05", None)
    assert claim["findings"] == [{
        "code": "DOC001", "severity": "error", "line": 11, "column": 5, "path": "expenses[0]", "waived": False,
        "message": "expense 0 (equipment, 2024-03-01) has no basis of payment: bank_statement; a receipt, invoice"
                   " or order confirmation is needed (a bank statement alone only shows the payment)",
        "source": 'NTNU: Reimbursement of personal expenses: "An order confirmation meets only the first requirement,'
                  ' while a bank statement, bank terminal statement, etc. only meets the second requirement."'}]


def test_jsonl_csv_and_junit_parse_back(folder, monkeypatch):
    monkeypatch.chdir(folder)
    lines = invoke(".", "--as-of", "2024-05-01", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["R-2024-0002", "R-2024-0001", "R-2024-0003"]
    rows = list(csv.DictReader(io.StringIO(invoke(".", "-f", "csv").stdout)))
    assert [(r["file"], r["claim_id"], r["code"], r["line"]) for r in rows] == [
        ("bad.yaml", "R-2024-0002", "DOC001", "11"), ("warn.yml", "R-2024-0003", "DOC005", "16")]
    suite = ET.fromstring(invoke(".", "-f", "junit").stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "0")
    assert [case.find("failure") is not None for case in suite.findall("testcase")] == [True, False, False]


def test_output_file_and_identical_across_jobs(folder, monkeypatch):
    monkeypatch.chdir(folder)
    outputs = []
    for jobs in ("1", "2"):
        assert invoke(".", "-f", "json", "-j", jobs, "-o", f"out{jobs}.json").exit_code == 1
        outputs.append((folder / f"out{jobs}.json").read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files"] == 3


def test_stdin_with_a_filename(folder):
    result = invoke("-", "--stdin-filename", "mail/claim.yaml", "-f", "concise", "-q", input=BAD)
    assert (result.exit_code, result.stdout) == (
        1, "mail/claim.yaml:11:5: DOC001 [error] expense 0 (equipment, 2024-03-01) has no basis of payment:"
           " bank_statement; a receipt, invoice or order confirmation is needed (a bank statement alone only shows"
           " the payment)\n")


def test_select_and_ignore(folder, monkeypatch):
    monkeypatch.chdir(folder)
    ignored = invoke(".", "--ignore", "DOC001", "-f", "concise", "-q")
    assert (ignored.exit_code, ignored.stdout) == (0, "warn.yml:16:31: DOC005 [warning] attachment file 'gone.pdf'"
                                                      " of expense 0 does not exist next to the claim file\n")
    selected = invoke(".", "--select", "DOC001", "-f", "concise", "-q")
    assert (selected.exit_code, [line.split(": ")[:2] for line in selected.stdout.splitlines()]) == (
        1, [["bad.yaml:11:5", "DOC001 [error] expense 0 (equipment, 2024-03-01) has no basis of payment"]])
    result = invoke(".", "--select", "DOC5", "-f", "concise")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "expensecli: error: --select: no rule code starts with DOC5 (did you mean DOC005?)\n")


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2024-02-30"], "--as-of 2024-02-30 is not a real date"),
    (["--max-file-size", "lots"], "--max-file-size 'lots'"),
    (["--rates", "/nonexistent"], "/nonexistent: rate sheet file or folder does not exist"),
])
def test_usage_errors_exit_2(folder, args, message):
    result = invoke(str(folder), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_broken_rate_sheet_names_file_and_line(folder, tmp_path_factory):
    sheet = tmp_path_factory.mktemp("rates") / "2024.yaml"
    from conftest import REPO

    sheet.write_text((REPO / "rates" / "2024.yaml").read_text().replace("short: 224", "short: -224"))
    result = invoke(str(folder), "--rates", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:" in result.stderr and "catering.short" in result.stderr


def test_missing_file_is_a_finding_and_the_rest_is_checked(folder):
    result = invoke(str(folder / "nope.yaml"), str(folder / "bad.yaml"), "-f", "concise", "-q")
    assert result.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["DOC001", "LOAD001"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_cross_claim_findings_reach_the_output_made_in_the_workers(tmp_path, fmt):
    for n in range(6):
        text = CLEAN.replace("R-2024-0001", f"R-2024-01{n:02d}").replace("199.00", f"{200 + n}.00")
        (tmp_path / f"c{n}.yaml").write_text(text)
    (tmp_path / "c5.yaml").write_text(CLEAN.replace("R-2024-0001", "R-2024-0105").replace("199.00", "200.00"))
    outputs = [invoke(str(tmp_path), "-f", fmt, "-j", jobs, "--as-of", "2024-05-01").stdout for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    claims = json.loads(outputs[0])["claims"] if fmt == "json" else [json.loads(line) for line in outputs[0].splitlines()]
    assert [[f["code"] for f in claim["findings"]] for claim in claims] == [["MX004"], [], [], [], [], ["MX004"]]


def test_duplicate_claim_ids_across_files_are_mx006_the_same_for_any_number_of_workers(tmp_path):
    for n in range(8):
        text = CLEAN.replace("R-2024-0001", f"R-2024-02{n % 5:02d}").replace("199.00", f"{300 + n}.00")
        (tmp_path / f"c{n}.yaml").write_text(text)
    outputs = {jobs: invoke(str(tmp_path), "-f", "json", "-j", jobs, "--as-of", "2024-05-01").stdout
               for jobs in ("1", "2", "3")}
    assert outputs["1"] == outputs["2"] == outputs["3"]
    claims = json.loads(outputs["1"])["claims"]
    found = {claim["file"].rsplit("/", 1)[-1]: [(f["code"], f["message"].split("; ")[0]) for f in claim["findings"]]
             for claim in claims}
    assert found["c0.yaml"] == [("MX006", f"claim id R-2024-0200 is also used by {tmp_path}/c5.yaml")]
    assert found["c5.yaml"] == [("MX006", f"claim id R-2024-0200 is also used by {tmp_path}/c0.yaml")]
    assert [name for name, codes in found.items() if codes] == ["c0.yaml", "c1.yaml", "c2.yaml", "c5.yaml",
                                                                "c6.yaml", "c7.yaml"]
    concise = invoke(str(tmp_path), "-f", "concise", "-j", "2", "--as-of", "2024-05-01")
    assert concise.exit_code == 1
    assert concise.stdout.splitlines()[-1] == "8 files, 6 errors, 0 warnings, 0 infos, 0 waived"


def test_submitted_comes_from_the_history_when_the_field_is_absent(tmp_path):
    text = CLEAN.replace("submitted: 2024-03-05\n", "history:\n  - {status: draft, date: 2024-03-02}\n"
                         "  - {status: sent, date: 2024-03-04}\n")
    (tmp_path / "c.yaml").write_text(text)
    claim = json.loads(invoke(str(tmp_path / "c.yaml"), "-f", "json", "--as-of", "2024-05-01").stdout)["claims"][0]
    assert (claim["submitted"], claim["deadline"], claim["findings"]) == ("2024-03-04", None, [])
    draft = CLEAN.replace("status: sent\nsubmitted: 2024-03-05\n", "status: draft\n")
    (tmp_path / "d.yaml").write_text(draft)
    assert json.loads(invoke(str(tmp_path / "d.yaml"), "-f", "json").stdout)["claims"][0]["submitted"] is None


def test_stale_waivers_of_cross_claim_codes_are_the_same_for_any_number_of_workers(tmp_path):
    waiver = "waivers:\n  - {code: MX004, reason: Two cables bought, by: Kari Dahl, date: 2024-03-07}\nexpenses:\n"
    for n in range(6):
        text = CLEAN.replace("R-2024-0001", f"R-2024-03{n:02d}").replace("expenses:\n", waiver)
        if n % 2:  # the odd ones really have a twin in the batch
            text = text.replace("Kari Nordmann", f"Twin {n}")
            (tmp_path / f"twin{n}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-04{n:02d}")
                                                    .replace("Kari Nordmann", f"Twin {n}"))
        else:
            text = text.replace("Kari Nordmann", f"Single {n}")
        (tmp_path / f"c{n}.yaml").write_text(text)
    outputs = [invoke(str(tmp_path), "-f", "jsonl", "-j", jobs, "--as-of", "2024-05-01").stdout for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    found = {json.loads(line)["file"].rsplit("/", 1)[-1]: [(f["code"], f["waived"]) for f in json.loads(line)["findings"]]
             for line in outputs[0].splitlines()}
    assert found["c0.yaml"] == found["c2.yaml"] == found["c4.yaml"] == [("WV001", False)]
    assert found["c1.yaml"] == found["c3.yaml"] == found["c5.yaml"] == [("MX004", True)]
    assert found["twin1.yaml"] == [("MX004", False)]


# Bokmål: the sentences of the report follow --lang nb; the findings' own messages are the rules'
# (taken here from the same run's JSON), codes, severities, keys and machine decimals stay as they are.
MIXUP = ["examples/claims/status-mixup.yaml", "examples/claims/employee-equipment.yaml"]


def in_bokmal(*args: str):
    from expensecli.core import i18n

    i18n.MISSING.clear()
    result = runner.invoke(app, ["check", *args, "--as-of", "2024-05-01", "--lang", "nb"])
    assert not i18n.MISSING, f"untranslated: {sorted(i18n.MISSING)}"
    return result


def nb_messages(*paths: str) -> list[str]:
    document = json.loads(in_bokmal(*paths, "-f", "json").stdout)
    return [f["message"] for claim in document["claims"] for f in claim["findings"]]


def test_concise_in_bokmal_has_the_summary_and_the_waived_note_in_bokmal(monkeypatch):
    from conftest import REPO

    monkeypatch.chdir(REPO)
    result = in_bokmal(*MIXUP, "-f", "concise")
    first, second, third, fourth, waived = nb_messages(*MIXUP)
    assert result.exit_code == 1
    assert result.stdout == (
        f"examples/claims/status-mixup.yaml:3:1: CO001 [info] {first}\n"
        f"examples/claims/status-mixup.yaml:5:9: ST002 [error] {second}\n"
        f"examples/claims/status-mixup.yaml:5:9: ST003 [error] {third}\n"
        f"examples/claims/status-mixup.yaml:12:14: ST001 [error] {fourth}\n"
        f"examples/claims/status-mixup.yaml:21:5: MX003 [warning] {waived} (unntatt)\n"
        "2 filer, 3 feil, 0 advarsler, 1 info, 1 unntatt\n")


def test_table_in_bokmal_names_the_claims_without_findings_and_ends_with_the_summary_and_hint(monkeypatch):
    from conftest import REPO

    monkeypatch.chdir(REPO)
    result = in_bokmal("examples/claims/employee-diett-travel.yaml", "examples/claims/employee-equipment.yaml",
                       "-f", "table")
    assert result.stdout == (
        "Ingen funn i 2 krav:\n"
        "  examples/claims/employee-diett-travel.yaml  R-2024-0276\n"
        "  examples/claims/employee-equipment.yaml  R-2024-0301\n"
        "\n"
        "2 filer, 0 feil, 0 advarsler, 0 info, 0 unntatt\n")
    lines = in_bokmal(*MIXUP, "-f", "table").stdout.splitlines()
    assert lines[0] == "examples/claims/status-mixup.yaml  R-2024-0520 employee reimbursement paid"
    assert lines[-6:] == [  # the hint folds at the table's width, 120
        "Ingen funn i 1 krav:",
        "  examples/claims/employee-equipment.yaml  R-2024-0301",
        "",
        "2 filer, 3 feil, 0 advarsler, 1 info, 1 unntatt",
        "Hva en kode kontrollerer: expensecli rules explain KODE (f.eks. CO001); -f json tar med setningen i"
        " retningslinjene som",
        "hvert funn bygger på"]
    assert any(line.startswith("21:5    warning   MX003") and line.endswith("(unntatt)") for line in lines)


def test_json_in_bokmal_keeps_keys_enum_values_and_decimal_points(monkeypatch):
    from conftest import REPO

    monkeypatch.chdir(REPO)
    english = json.loads(invoke(*MIXUP, "--as-of", "2024-05-01", "-f", "json").stdout)
    bokmal = json.loads(in_bokmal(*MIXUP, "-f", "json").stdout)

    def without_messages(document: dict) -> dict:
        for claim in document["claims"]:
            for finding in claim["findings"]:
                finding.pop("message")
        return document

    mixup = next(claim for claim in bokmal["claims"] if claim["id"] == "R-2024-0520")
    assert [f["severity"] for f in mixup["findings"]] == ["info", "error", "error", "error", "warning"]
    assert [claim["total"] for claim in bokmal["claims"]] == [claim["total"] for claim in english["claims"]]
    assert all("." in claim["total"] and "," not in claim["total"] for claim in bokmal["claims"])
    assert without_messages(bokmal) == without_messages(english)


def test_bokmal_summary_groups_thousands_and_counts_in_the_singular(tmp_path):
    from conftest import run_batch

    from expensecli.core import i18n
    from expensecli.render.text import summary_line

    reports = run_batch({"clean.yaml": CLEAN})
    i18n.use("nb")
    assert summary_line(reports) == "1 fil, 0 feil, 0 advarsler, 0 info, 0 unntatt"
    assert summary_line(reports * 1234) == "1 234 filer, 0 feil, 0 advarsler, 0 info, 0 unntatt"


def test_usage_errors_of_check_in_bokmal(folder):
    result = runner.invoke(app, ["check", str(folder), "--only-new", "--lang", "nb"])
    assert result.exit_code == 2
    assert "--only-new trenger en revisjonslogg for å vite hva som er nytt: oppgi --ledger STI|URL" in result.stderr
    result = runner.invoke(app, ["check", str(folder), "--max-file-size", "lots", "--lang", "nb"])
    assert "--max-file-size 'lots': oppgi antall byte eller en størrelse som 500K eller 5MB" in result.stderr


def test_junit_and_output_errors_in_bokmal(folder, monkeypatch):
    import os

    monkeypatch.chdir(folder)
    suite = ET.fromstring(in_bokmal(".", "-f", "junit").stdout).find("testsuite")
    failure = suite.findall("testcase")[0].find("failure")
    message = nb_messages("bad.yaml")[0]
    assert failure.get("message") == f"1 feil: {message}"
    os.mkfifo(folder / "pipe")
    result = in_bokmal("clean.yaml", "-o", "pipe")
    assert result.exit_code == 2
    assert result.stderr == ("expensecli: error: skriver ikke til pipe: det er ikke en vanlig fil (en enhet, FIFO eller"
                             " socket); bare en vanlig fil blir erstattet\n")
