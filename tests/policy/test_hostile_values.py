"""Claim values and rate-sheet figures at the ends of what the formats allow (issue 12): each gets
an answer, and the rest of the batch is still checked."""

import json

import pytest
from conftest import CLEAN, REPO
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()

CALENDAR_END = """\
id: BM-9999-0001
kind: travel
status: draft
claimant:
  name: Ola Nordmann
  role: external
trip:
  start: 9999-12-01
  end: 9999-12-20
  accommodation: hotel
expenses:
  - date: 9999-12-10
    category: public_transport
    amount: 199.00
    attachments:
      - type: receipt
"""

MAXIMAL_EXPENSE = """\
  - date: 2024-03-01
    category: equipment
    description: x
    amount: 999999999999.99
    currency: EUR
    rate: 999999999999.999999
    attachments:
      - type: receipt
"""
# 101 expenses at the 12-digit maximum times a 6-decimal rate: beyond Python's default 28 digits.
MAXIMAL = CLEAN.replace("id: R-2024-0001", "id: R-2024-0101").split("expenses:\n")[0] + "expenses:\n" + (
    MAXIMAL_EXPENSE * 101)


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def batch(tmp_path, **files):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, text in {"clean.yaml": CLEAN, **files}.items():
        (folder / name).write_text(text)
    return folder


def claims_of(result) -> dict:
    return {claim["id"]: claim for claim in json.loads(result.stdout)["claims"]}


def test_a_trip_ending_in_december_9999_gets_the_calendars_last_day_as_deadline(tmp_path):
    folder = batch(tmp_path, **{"end.yaml": CALENDAR_END})
    result = invoke("check", folder, "--as-of", "9999-12-25", "-f", "json")
    assert result.exit_code == 1  # NE003/NE006 errors; no internal error
    claims = claims_of(result)
    assert claims["BM-9999-0001"]["deadline"] == "9999-12-31"
    assert claims["BM-9999-0001"]["days_late"] == 0
    dl003 = [f["message"] for f in claims["BM-9999-0001"]["findings"] if f["code"] == "DL003"]
    assert dl003 == ["not submitted as of 9999-12-25 (status draft); due 9999-12-31, the calendar's last day: no"
                     " deadline past 9999-12-31 can be set (in 6 days), 1 month after the trip ended on 9999-12-20;"
                     " the due-soon window is 7 days"]
    assert claims["R-2024-0001"]["findings"] == []  # the rest of the batch is checked
    for command in ("deadlines", "status"):
        for fmt in ("json", "jsonl", "csv", "concise", "table"):
            result = invoke(command, folder, "--as-of", "9999-12-25", "-f", fmt)
            assert result.exit_code in (0, 1), (command, fmt, result.output)
    concise = invoke("deadlines", folder, "--as-of", "9999-12-25", "-f", "concise").stdout
    assert ("batch/end.yaml: BM-9999-0001 Ola Nordmann (external, travel): deadline 9999-12-31, the calendar's"
            " last day: no deadline past 9999-12-31 can be set (1 month after the trip ended on 9999-12-20);"
            " not submitted (draft), 6 days left") in concise


def test_totals_beyond_the_default_decimal_context_are_exact(tmp_path):
    folder = batch(tmp_path, **{"max.yaml": MAXIMAL})
    for fmt in ("json", "jsonl", "csv", "junit", "concise", "table"):
        result = invoke("check", folder, "--as-of", "2024-05-01", "-f", fmt)
        assert result.exit_code == 0, (fmt, result.output)  # MX003 (the same expense 101 times) is a warning
    claims = claims_of(invoke("check", folder, "--as-of", "2024-05-01", "-f", "json"))
    assert claims["R-2024-0101"]["total"] == "100999999999998989899000000.00"  # 101 x 999999999999.99 x 999999999999.999999
    assert [f["code"] for f in claims["R-2024-0101"]["findings"]].count("MX003") == 100
    assert claims["R-2024-0001"]["findings"] == []
    for fmt in ("json", "jsonl", "csv", "concise", "table"):
        assert invoke("status", folder, "--as-of", "2024-05-01", "-f", fmt).exit_code == 0, fmt
    status = json.loads(invoke("status", folder, "--as-of", "2024-05-01", "-f", "json").stdout)
    assert status["overall"] == {"claims": 2, "total": "100999999999998989899000199.00"}


def test_absurd_rate_sheet_figures_are_refused_by_rates_check_and_every_run(tmp_path):
    text = (REPO / "rates" / "2024.yaml").read_text()
    for old, new, at in (("non_employee_months: 1", "non_employee_months: 999999999999", "40:24"),
                         ("employee_travel_months: 1", "employee_travel_months: 99999", "41:27"),
                         ("external_venue_factor: 1.5", "external_venue_factor: 999999999999", "25:26"),
                         ("  long: 507", "  long: 999999999999", "22:9")):
        assert old in text
        sheet = tmp_path / "2024.yaml"
        sheet.write_text(text.replace(old, new))
        field = new.split(":")[0].strip()
        result = invoke("rates", "check", sheet)
        assert result.exit_code == 2
        assert f"{sheet}:{at}: rate sheet error: " in result.stdout
        assert f"{field}: must be from " in result.stdout and "(a sanity bound for a rate sheet)" in result.stdout
        result = invoke("check", REPO / "examples", "--rates", sheet)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"expensecli: error: {sheet}:{at}: rate sheet error: ")


def test_map_and_seq_tags_are_refused_like_every_tag_but_str(tmp_path):
    tagged = CLEAN.replace("claimant:\n  name: Kari Nordmann\n  role: employee\n",
                           "claimant: !!map\n  name: Kari Nordmann\n  role: employee\n")
    listed = CLEAN.replace("expenses:\n", "expenses: !!seq\n")
    as_str = CLEAN.replace("id: R-2024-0001", "id: !!str R-2024-0005")
    folder = batch(tmp_path, **{"map.yaml": tagged, "seq.yaml": listed, "str.yaml": as_str})
    result = invoke("check", folder, "--as-of", "2024-05-01", "-f", "concise", "-q")
    assert result.exit_code == 1
    assert result.stdout.replace(f"{folder}/", "").splitlines() == [
        "clean.yaml:11:5: MX004 [warning] the same expense by the same claimant (199.00 NOK on 2024-03-01) is also"
        " in str.yaml (R-2024-0005)",  # the !!str claim loaded, and the rest of the batch is checked
        "map.yaml:5:11: LOAD002 [error] tag tag:yaml.org,2002:map is not allowed; remove it",
        "seq.yaml:10:11: LOAD002 [error] tag tag:yaml.org,2002:seq is not allowed; remove it",
        "str.yaml:11:5: MX004 [warning] the same expense by the same claimant (199.00 NOK on 2024-03-01) is also in"
        " clean.yaml (R-2024-0001)",
    ]


@pytest.mark.parametrize("amount", ['"١٠٠"', '"𝟗𝟗𝟗"', '"1 ١١٠"', "٣"])
def test_unicode_digits_are_not_read_as_amounts(tmp_path, amount):
    folder = batch(tmp_path, **{"digits.yaml": CLEAN.replace("id: R-2024-0001", "id: R-2024-0007").replace(
        "amount: 199.00", f"amount: {amount}")})
    result = invoke("check", folder, "--as-of", "2024-05-01", "-f", "json")
    assert result.exit_code == 1
    claims = claims_of(result)
    shown = amount.strip('"')
    assert [(f["code"], f["message"]) for f in claims["R-2024-0007"]["findings"]] == [
        ("LOAD004", f"expenses[0].amount: amount '{shown}' is not a number")]
    assert claims["R-2024-0001"]["findings"] == []
