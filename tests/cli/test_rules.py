"""`expensecli rules list` and `rules explain CODE`: exact output, JSON shape, unknown codes."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import CLEAN, REPO
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.policy.registry import all_rules

_register()
runner = CliRunner()

DOC003_CLAIM = textwrap.indent(CLEAN, "    ")

DOC003 = f"""\
DOC003 [error] Unreadable attachment

What it checks:
  An attachment marked `readable: false` cannot document anything.

Source: NTNU: Reimbursement of personal expenses
  "All receipts must be readable."

Figures: none; this rule uses no figure from the rate sheet.

Fails: a receipt marked unreadable; checked as of 2024-05-01
{DOC003_CLAIM}            readable: false

Reported as:
  fail.yaml:17:19: DOC003 [error] attachment 0 of expense 0 (receipt) is marked unreadable; all receipts must be readable

Passes:
{DOC003_CLAIM}"""


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_list_shows_every_rule_as_a_table():
    result = invoke("rules", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "CODE     SEVERITY  TITLE"
    assert lines[1].startswith("-------  --------  -----")
    assert "DOC003   error     Unreadable attachment" in lines
    assert "CO001    info      No work order" in lines
    assert [line.split()[0] for line in lines[2:]] == list(all_rules())
    assert result.stderr == ""


def test_list_as_json_carries_source_and_what_it_checks():
    result = invoke("rules", "list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [rule["code"] for rule in data["rules"]] == list(all_rules())
    doc003 = next(rule for rule in data["rules"] if rule["code"] == "DOC003")
    assert doc003 == {
        "code": "DOC003", "severity": "error", "title": "Unreadable attachment",
        "checks": "An attachment marked `readable: false` cannot document anything.",
        "source": {"page": "NTNU: Reimbursement of personal expenses", "quote": "All receipts must be readable.",
                   "english": None}}
    load002 = next(rule for rule in data["rules"] if rule["code"] == "LOAD002")
    assert load002["checks"] == "The file must be one YAML document without syntax errors, anchors, aliases or tags."


def test_explain_prints_check_source_examples_and_what_the_failing_one_gives():
    result = invoke("rules", "explain", "DOC003")
    assert result.exit_code == 0
    assert result.stdout == DOC003


def test_explain_accepts_lower_case():
    assert invoke("rules", "explain", "doc003").stdout == DOC003


@freeze_time("2024-05-01")
def test_explain_lists_the_figures_of_the_current_sheet():
    out = invoke("rules", "explain", "CA001").stdout
    block = out[out.index("Figures"):out.index("Fails")]
    assert block == (
        "Figures from the 2024 rate sheet (valid 2024-01-01..2024-12-31):\n"
        "  catering.short                  224\n"
        "  catering.long                   507\n"
        "  catering.two_servings           740\n"
        "  catering.short_max_hours        3\n"
        "  catering.external_venue_factor  1.5\n"
        "  catering.extended_max           1 622\n"
        "  working_hours                   01-01..05-14 08:00-15:45; 05-15..09-14 08:00-15:00;"
        " 09-15..12-31 08:00-15:45\n\n")
    assert ("  fail.yaml:15:13: CA001 [error] expense 0: cost per participant 600.00 is above the limit 507.00"
            " (long): 93.00 over, 558.00 in total for 6 participants\n") in out


def test_explain_gives_the_english_rendering_of_a_nynorsk_source():
    out = invoke("rules", "explain", "CA002").stdout
    assert out.splitlines()[5:8] == [
        "Source: NTNU: Satsar for mat ved representasjon og bevertning",
        '  "Tips skal ikkje bli gitt på statens rekning ved bevertning i Noreg."',
        "  English: Tips shall not be given on the state's account for hospitality in Norway.",
    ]


@freeze_time("2024-05-01")
def test_explain_dl002_says_the_deadline_is_the_sheets_own_setting(tmp_path):
    out = invoke("rules", "explain", "DL002").stdout
    assert ("Source: expensecli rule catalog v2\n"
            '  "No seed page sets this deadline: it is a local setting of the sheet, employee_travel_months: null\n'
            '  turns DL002 off"\n') in out
    assert "No policy page sets this\n  deadline: it is the rate sheet's own setting" in out
    assert "  deadlines.employee_travel_months  1\n" in out
    sheet = (REPO / "rates" / "2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(sheet.replace("employee_travel_months: 1 ", "employee_travel_months: null "),
                                        encoding="utf-8")
    off = invoke("rules", "explain", "DL002", "--rates", str(tmp_path)).stdout
    assert "  deadlines.employee_travel_months  null (off)\n" in off


@freeze_time("2024-05-01")
def test_explain_the_new_v2_codes():
    ca011 = invoke("rules", "explain", "CA011").stdout
    assert "  catering.two_servings     740\n" in ca011 and "  catering.short_max_hours  3\n" in ca011
    assert ("  fail.yaml:23:17: CA011 [warning] expense 0: servings 2, but the event is not long (under 3 hours"
            " within ordinary working hours (10:00-12:00, 2 h 00 min)); the two-servings rate 740.00 is for long"
            " events, so the short tier applies: 224.00 (short)\n") in ca011
    mx006 = invoke("rules", "explain", "MX006").stdout
    assert ("  fail-1.yaml:1:5: MX006 [error] claim id R-2024-0311 is also used by fail-2.yaml; claim ids must be"
            " unique within a batch\n") in mx006
    wv001 = invoke("rules", "explain", "WV001").stdout
    assert ("  fail.yaml:11:12: WV001 [warning] waiver 0 of DOC001 matches no finding of this claim; a stale waiver"
            " hides nothing and should go\n") in wv001


def test_explain_names_a_changed_sheet_and_a_non_utf8_example():
    ne007 = invoke("rules", "explain", "NE007").stdout
    assert ("Fails: a mobile number registered in a country that cannot get the login SMS; checked as of\n"
            "  2024-05-01, with a rate sheet where betalmeg.sms_blocked_countries = [XX]\n") in ne007
    load001 = invoke("rules", "explain", "LOAD001").stdout
    assert "Fails: a file saved as Latin-1 instead of UTF-8 (saved as latin-1); checked as of 2024-05-01\n" in load001
    assert "  fail.yaml:13:31: LOAD001 [error] not UTF-8: byte 0xc6 at line 13, column 31" in load001


def test_explain_shows_both_claims_of_a_batch_rule():
    out = invoke("rules", "explain", "MX004").stdout
    assert "Fails: the same expense by the same claimant in two claims (checked together)" in out
    assert out.count("  fail-1.yaml:\n    id: R-2024-0001\n") == 1
    assert out.count("  pass-2.yaml:\n    id: R-2024-0002\n") == 1
    assert "  fail-2.yaml:11:5: MX004 [warning] the same expense by the same claimant (199.00 NOK on" in out


@pytest.mark.parametrize("code, nearest", [
    ("CA012", "CA011, CA010, CA002"),
    ("DOC06", "DOC005, DOC004, DOC003"),
])
def test_unknown_code_is_a_usage_error_with_the_nearest_codes(code, nearest):
    result = invoke("rules", "explain", code)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"expensecli: error: unknown rule code '{code}'; nearest: {nearest}"
                             " (expensecli rules list shows them all)\n")


def test_code_like_nothing_known_says_where_to_look():
    result = invoke("rules", "explain", "XYZ")
    assert result.exit_code == 2
    assert result.stderr == "expensecli: error: unknown rule code 'XYZ' (expensecli rules list shows them all)\n"


def test_every_registered_rule_can_be_explained_with_its_example_firing():
    for code in all_rules():
        out = invoke("rules", "explain", code).stdout
        assert out.startswith(f"{code} [")
        reported = out[out.index("Reported as:\n"):out.index("Passes:")]
        assert f": {code} [" in reported, code


@freeze_time("2024-05-01")
def test_explain_takes_figures_from_rates_but_runs_the_example_on_the_bundled_sheets(tmp_path):
    sheet = (REPO / "rates" / "2024.yaml").read_text(encoding="utf-8").replace("  long: 507 ", "  long: 515 ")
    (tmp_path / "2024.yaml").write_text(sheet, encoding="utf-8")
    out = invoke("rules", "explain", "CA001", "--rates", str(tmp_path)).stdout
    assert "  catering.long                   515\n" in out
    assert "cost per participant 600.00 is above the limit 507.00 (long)" in out


def test_explain_with_a_missing_rates_folder_is_a_usage_error(tmp_path):
    result = invoke("rules", "explain", "CA001", "--rates", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"expensecli: error: {tmp_path / 'nowhere'}: rate sheet file or folder does not exist\n"
