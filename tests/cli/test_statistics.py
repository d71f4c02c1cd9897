"""`check --statistics`: a count per code, in every format (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import textwrap
import xml.etree.ElementTree as ET

import pytest
from conftest import CLEAN
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()
SMALL = ["examples/betalmeg", "examples/claims/status-mixup.yaml"]


def statistics(*args: str, width: int = 120):
    return runner.invoke(app, ["check", *args, "--as-of", "2024-05-01", "--statistics"], env={"COLUMNS": str(width)})


EXAMPLES_CONCISE = """\
4  LOAD004  [error]    Schema violation
3  DL001    [error]    Non-employee claim after the deadline
2  CO001    [info]     No work order
2  DL003    [info]     Unsubmitted claim due soon
1  CA001    [error]    Catering above the limit per participant
1  DL002    [warning]  Employee travel claim after the deadline
1  DOC001   [error]    No basis of payment
1  DOC004   [error]    Foreign-language attachment not described
1  LOAD002  [error]    Not acceptable YAML
1  LOAD003  [error]    Duplicate key
1  MX001    [error]    Foreign currency without rate
1  NE002    [error]    Fee entered as an expense
1  NE004    [error]    Contractor expense before the contract start
1  NE005    [warning]  Betalmeg access probably lapsed
1  NE006    [error]    Betalmeg access order missing or not allowed
1  NE006    [warning]  Betalmeg access order missing or not allowed
1  RB002    [error]    Newspaper, broadband or phone without elkom
1  RB003    [warning]  No agreement with the manager
1  ST001    [error]    Status transition not allowed
1  ST002    [error]    History out of order or not matching status
1  ST003    [error]    Sent claim without a submitted date
1  TR001    [warning]  Commute used on a trip
1  TR002    [error]    Type of trip not given
0  MX003    [warning]  Expense entered twice (1 waived)
25 files, 21 errors, 5 warnings, 4 infos, 1 waived
"""

SMALL_TABLE_80 = """\
Count   Code    Severity   Title                                  Files   Waived
────────────────────────────────────────────────────────────────────────────────
    1   CO001   info       No work order                              1        0
    1   DL001   error      Non-employee claim after the               1        0
                           deadline
    1   NE002   error      Fee entered as an expense                  1        0
    1   NE004   error      Contractor expense before the              1        0
                           contract start
    1   NE005   warning    Betalmeg access probably lapsed            1        0
    1   NE006   error      Betalmeg access order missing or not       1        0
                           allowed
    1   NE006   warning    Betalmeg access order missing or not       1        0
                           allowed
    1   ST001   error      Status transition not allowed              1        0
    1   ST002   error      History out of order or not matching       1        0
                           status
    1   ST003   error      Sent claim without a submitted date        1        0
    0   MX003   warning    Expense entered twice                      1        1
5 files, 7 errors, 2 warnings, 1 info, 1 waived
What a code checks: expensecli rules explain CODE; without --statistics each
finding is listed
"""


def test_concise_is_one_line_a_code_most_frequent_first_then_the_summary():
    result = statistics("examples", "-f", "concise")
    assert (result.exit_code, result.stdout) == (1, EXAMPLES_CONCISE)


def test_table_at_80_columns():
    result = statistics(*SMALL, "-f", "table", width=80)
    assert (result.exit_code, result.stdout) == (1, SMALL_TABLE_80)


def test_json_jsonl_csv_and_junit_carry_the_same_rows():
    rows = json.loads(statistics(*SMALL, "-f", "json").stdout)
    assert list(rows) == ["version", "as_of", "statistics", "summary"]
    assert rows["statistics"][0] == {"code": "CO001", "severity": "info", "title": "No work order", "count": 1,
                                     "waived": 0, "files": 1}
    assert rows["statistics"][-1] == {"code": "MX003", "severity": "warning", "title": "Expense entered twice",
                                      "count": 0, "waived": 1, "files": 1}
    assert rows["summary"] == {"files": 5, "claims": 5, "errors": 7, "warnings": 2, "infos": 1, "waived": 1}
    keyed = [(row["code"], row["severity"], row["count"]) for row in rows["statistics"]]
    lines = [json.loads(line) for line in statistics(*SMALL, "-f", "jsonl").stdout.splitlines()]
    assert [(row["code"], row["severity"], row["count"]) for row in lines] == keyed
    assert {row["as_of"] for row in lines} == {"2024-05-01"}
    table = list(csv.DictReader(io.StringIO(statistics(*SMALL, "-f", "csv").stdout)))
    assert [(row["code"], row["severity"], int(row["count"])) for row in table] == keyed
    assert list(table[0]) == ["code", "severity", "title", "count", "waived", "files"]
    suite = ET.fromstring(statistics(*SMALL, "-f", "junit").stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("11", "7")
    assert [case.get("name") for case in suite.findall("testcase")][:2] == [
        "CO001 No work order", "DL001 Non-employee claim after the deadline"]
    assert suite.findall("testcase")[1].find("failure").get("message") == "1 error in 1 file, 0 waived"


@pytest.mark.parametrize("fmt", ["table", "concise", "json", "jsonl", "csv", "junit"])
def test_every_format_has_statistics_and_the_exit_code_is_the_same(fmt):
    assert statistics(*SMALL, "-f", fmt).exit_code == 1
    assert statistics(*SMALL, "-f", fmt, "--fail-on", "never").exit_code == 0


def test_counts_follow_select_and_the_configured_severity(tmp_path, monkeypatch):
    for n in range(3):
        (tmp_path / f"c{n}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-000{n}")
                                             .replace("199.00", f"{200 + n}.00")
                                             .replace("      - type: receipt\n",
                                                      "      - {type: receipt, file: gone.pdf}\n"))
    monkeypatch.chdir(tmp_path)
    assert statistics(".", "-f", "concise", "-q").stdout == (
        "3  DOC005  [warning]  Attachment file not found\n")
    (tmp_path / "expensecli.toml").write_text('[severity]\nDOC005 = "error"\n')
    result = statistics(".", "-f", "concise")
    assert (result.exit_code, result.stdout) == (1, textwrap.dedent("""\
        3  DOC005  [error]  Attachment file not found
        3 files, 3 errors, 0 warnings, 0 infos, 0 waived
        """))
    assert statistics(".", "-f", "concise", "--ignore", "DOC").stdout == (
        "3 files, 0 errors, 0 warnings, 0 infos, 0 waived\n")


# Bokmål: headers, counts and the summary follow --lang nb; codes and severities stay; a rule's title
# is shown as the catalogue translates it (`tr(title)`), so it is looked up the same way here.
def in_bokmal(*args: str, width: int = 120):
    from expensecli.core import i18n
    from expensecli.policy import registry

    i18n.MISSING.clear()
    result = statistics(*args, "--lang", "nb", width=width)
    titles = {rule.title for rule in registry.all_rules().values()}
    assert not i18n.MISSING - titles, f"untranslated: {sorted(i18n.MISSING - titles)}"
    return result


def nb_title(code: str) -> str:
    from expensecli.core import i18n
    from expensecli.policy import registry

    i18n.use("nb")
    return i18n.tr(registry.all_rules()[code].title)


def test_concise_in_bokmal():
    result = in_bokmal(*SMALL, "-f", "concise")
    lines = result.stdout.splitlines()
    assert lines[0] == f"1  CO001  [info]     {nb_title('CO001')}"
    assert lines[1] == f"1  DL001  [error]    {nb_title('DL001')}"
    assert lines[-2:] == [f"0  MX003  [warning]  {nb_title('MX003')} (1 unntatt)",
                          "5 filer, 7 feil, 2 advarsler, 1 info, 1 unntatt"]


def test_table_in_bokmal():
    lines = in_bokmal(*SMALL, "-f", "table").stdout.splitlines()
    assert lines[0].split() == ["Antall", "Kode", "Nivå", "Tittel", "Filer", "Unntatt"]
    assert lines[-2:] == ["5 filer, 7 feil, 2 advarsler, 1 info, 1 unntatt",
                          "Hva en kode kontrollerer: expensecli rules explain KODE; uten --statistics vises hvert funn"
                          " for seg"]


def test_json_and_junit_in_bokmal():
    rows = json.loads(in_bokmal(*SMALL, "-f", "json").stdout)
    assert rows["statistics"][0] == {"code": "CO001", "severity": "info", "title": nb_title("CO001"), "count": 1,
                                     "waived": 0, "files": 1}
    assert rows["summary"] == {"files": 5, "claims": 5, "errors": 7, "warnings": 2, "infos": 1, "waived": 1}
    suite = ET.fromstring(in_bokmal(*SMALL, "-f", "junit").stdout).find("testsuite")
    cases = suite.findall("testcase")
    assert cases[1].find("failure").get("message") == "1 feil i 1 fil, 0 unntatt"
    assert cases[0].find("system-out").text == "1 info i 1 fil, 0 unntatt"
    assert cases[-1].find("system-out").text == "0 advarsler i 1 fil, 1 unntatt"
