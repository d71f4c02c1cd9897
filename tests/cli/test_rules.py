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
    assert load002["checks"] == "The file must be one YAML document without syntax errors, anchors, aliases or tags other than !!str."


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
        "Figures from the 2024 rate sheet (valid 2024-01-01 to 2024-12-31):\n"
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


# Bokmål (--lang nb): the catalogue's titles, what each rule checks and the examples' descriptions
# are translated; codes, severities, YAML and the policy quotes are not.

MX005_CLAIM = """\
    id: T-2024-0001
    kind: travel
    status: sent
    submitted: 2024-03-04
    claimant:
      name: Kari Nordmann
      role: employee
    trip:
      start: 2024-02-26
      end: 2024-02-28
      accommodation: hotel
    cost_allocation:
      work_order: "81234501"
    expenses:
      - date: 2024-02-26
        category: taxi
        description: Taxi to the airport
        amount: 420.00
        tip: {tip}
        attachments:
          - type: receipt
"""


def reported_in_bokmal(code: str) -> list[str]:
    """The lines `rules explain CODE --lang nb` shows under "Meldes slik:": what the engine reports
    for the failing example in bokmål (the finding messages are translated with the rules)."""
    from expensecli.core import i18n
    from expensecli.load.ratebook import load_ratebook
    from expensecli.report.rule_examples import example_reports, load_example

    i18n.use("nb")
    reports = example_reports(load_example(code), load_ratebook(), "fail")
    return [f"  {f.file}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}\n"
            for report in reports for f in report.findings if f.code == code]


def test_explain_in_bokmal():
    result = invoke("rules", "explain", "MX005", "--lang", "nb")
    assert result.exit_code == 0
    reported = reported_in_bokmal("MX005")
    assert len(reported) == 1 and reported[0].startswith("  fail.yaml:19:10: MX005 [error] ")
    assert result.stdout == (
        "MX005 [error] Tips eller tillegg større enn beløpet\n"
        "\n"
        "Hva regelen sjekker:\n"
        "  `tip` og `extras` er deler av `amount`, så ingen av dem, og heller ikke begge til sammen, kan være\n"
        "  større enn beløpet (kostnaden per deltaker ville blitt negativ, og grensen vurderes da ikke).\n"
        "\n"
        "Kilde: NTNU: Betalmeg travel expenses and reimbursements for non-employees (engelsk side)\n"
        '  "Make sure the information on the form is correct and complete"\n'
        "\n"
        "Tall: ingen; denne regelen bruker ingen tall fra satsarket.\n"
        "\n"
        "Bryter regelen: tips som er større enn drosjeregningen; sjekket per 2024-05-01\n"
        + MX005_CLAIM.format(tip="450.00")
        + "\n"
        "Meldes slik:\n"
        + reported[0]
        + "\n"
        "Følger regelen:\n"
        + MX005_CLAIM.format(tip="40.00"))


def test_explain_in_bokmal_shows_a_nynorsk_quote_without_its_english_rendering():
    out = invoke("--lang", "nb", "rules", "explain", "CA002").stdout
    assert out.splitlines()[:9] == [
        "CA002 [error] Tips på mat servert i Norge",
        "",
        "Hva regelen sjekker:",
        "  Ikke tips på statens regning for mat servert i Norge (arrangementets land NO), uansett type",
        "  arrangement.",
        "",
        "Kilde: NTNU: Satsar for mat ved representasjon og bevertning",
        '  "Tips skal ikkje bli gitt på statens rekning ved bevertning i Noreg."',
        "",
    ]
    assert "English" not in out and "Tips shall not be given" not in out


@freeze_time("2024-05-01")
def test_explain_in_bokmal_writes_figures_and_example_settings_as_bokmal_does():
    ca001 = invoke("rules", "explain", "CA001", "--lang", "nb").stdout
    assert ("Tall fra satsarket for 2024 (gyldig 2024-01-01 til 2024-12-31):\n"
            "  catering.short                  224\n") in ca001
    assert "  catering.external_venue_factor  1,5\n" in ca001
    assert "  catering.extended_max           1 622\n" in ca001
    assert "Bryter regelen: 600,00 per deltaker for et møte på 4,5 timer (grense 507); sjekket per 2024-05-01\n" in ca001
    ne007 = invoke("rules", "explain", "NE007", "--lang", "nb").stdout
    assert ("Bryter regelen: et mobilnummer registrert i et land som ikke kan få SMS med innloggingskode; sjekket\n"
            "  per 2024-05-01, med et satsark der betalmeg.sms_blocked_countries = [XX]\n") in ne007
    assert ("Bryter regelen: en fil lagret som Latin-1 i stedet for UTF-8 (lagret som latin-1); sjekket per\n"
            "  2024-05-01\n") in invoke("rules", "explain", "LOAD001", "--lang", "nb").stdout
    mx004 = invoke("rules", "explain", "MX004", "--lang", "nb").stdout
    assert "Bryter regelen: det samme utlegget fra samme søker i to krav (sjekket sammen); sjekket per\n" in mx004


def test_list_in_bokmal():
    result = invoke("rules", "list", "--lang", "nb")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "KODE     NIVÅ     TITTEL",
        "-------  -------  --------------------------------------------------------------",
        "CA001    error    Bevertning over grensen per deltaker",
        "CA002    error    Tips på mat servert i Norge",
        "CA003    error    Ikke godkjent før arrangementet",
    ]
    assert "CO001    info     Ingen arbeidsordre" in lines
    assert "WV002    warning  Unntak gitt av en som ikke er controller" in lines
    assert [line.split()[0] for line in lines[2:]] == list(all_rules())


def test_list_as_json_in_bokmal_translates_title_and_what_it_checks_but_no_key():
    data = json.loads(invoke("rules", "list", "--format", "json", "--lang", "nb").stdout)
    doc003 = next(rule for rule in data["rules"] if rule["code"] == "DOC003")
    assert doc003 == {
        "code": "DOC003", "severity": "error", "title": "Vedlegg som ikke kan leses",
        "checks": "Et vedlegg merket `readable: false` kan ikke dokumentere noe.",
        "source": {"page": "NTNU: Reimbursement of personal expenses", "quote": "All receipts must be readable.",
                   "english": None}}


def reported(out: str, heading: str) -> list[str]:
    """The finding lines `rules explain` shows under `heading` ("Reported as:")."""
    lines = out.split(heading + "\n", 1)[1].splitlines()
    return [line for line in lines[:lines.index("")]] if "" in lines else lines


def test_every_rule_is_explained_in_bokmal_with_every_sentence_translated():
    """Every rule's explanation, with its failing example checked and reported, in bokmål: no
    sentence the catalog lacks (titles, what it checks, the examples, every finding's message and
    every heading), and each finding line of the failing example differs from the English one."""
    from expensecli.core import i18n

    i18n.MISSING.clear()
    for code, rule in all_rules().items():
        english = invoke("rules", "explain", code).stdout
        out = invoke("rules", "explain", code, "--lang", "nb").stdout
        assert out.startswith(f"{code} [{rule.severity.value}] "), code
        assert rule.title not in out.splitlines()[0], code
        assert "Meldes slik:\n" in out and "Følger regelen:\n" in out, code
        findings = reported(out, "Meldes slik:")
        assert findings and all(f" {code} [" in line or " LOAD" in line for line in findings), (code, findings)
        for line, english_line in zip(findings, reported(english, "Reported as:"), strict=True):
            assert line != english_line, (code, line)
    assert not i18n.MISSING, sorted(i18n.MISSING)


def test_unknown_code_in_bokmal_names_the_nearest_codes():
    result = invoke("rules", "explain", "CA012", "--lang", "nb")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "ukjent regelkode 'CA012'; nærmeste: CA011, CA010, CA002 (expensecli rules list viser alle)\n")
    assert invoke("rules", "explain", "XYZ", "--lang", "nb").stderr.endswith(
        "ukjent regelkode 'XYZ' (expensecli rules list viser alle)\n")


# The explanation cache: the same question is answered from the text printed before, anything it
# depends on that changed (sheet, language, format, day, code) makes it explained again.

@pytest.fixture
def explain_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(folder))
    return folder


def _explained_again(monkeypatch) -> list[str]:
    """The codes explained from scratch from now on (not answered from the cache)."""
    from expensecli.cli import rules_cmd

    computed, original = [], rules_cmd._explanation
    monkeypatch.setattr(rules_cmd, "_explanation", lambda code, *rest: computed.append(code) or original(code, *rest))
    return computed


@freeze_time("2024-05-01")
def test_a_second_explanation_is_the_cached_text_and_the_same(explain_cache, monkeypatch):
    first = invoke("rules", "explain", "DOC003")
    computed = _explained_again(monkeypatch)
    again = invoke("rules", "explain", "doc003")
    assert first.stdout == again.stdout == DOC003
    assert computed == []
    assert [entry.name.startswith("explain-0") for entry in explain_cache.iterdir()].count(True) == 1
    as_json = invoke("rules", "explain", "DOC003", "-f", "json")
    bokmal = invoke("--lang", "nb", "rules", "explain", "DOC003")
    assert computed == ["DOC003", "DOC003"]
    assert json.loads(as_json.stdout)["code"] == "DOC003" and bokmal.stdout.startswith("DOC003 [error] ")
    assert bokmal.stdout != DOC003


def test_a_changed_sheet_or_another_day_is_explained_again(explain_cache, monkeypatch, tmp_path):
    sheet = (REPO / "rates" / "2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(sheet, encoding="utf-8")
    with freeze_time("2024-05-01"):
        before = invoke("rules", "explain", "CA001", "--rates", str(tmp_path)).stdout
        computed = _explained_again(monkeypatch)
        assert invoke("rules", "explain", "CA001", "--rates", str(tmp_path)).stdout == before
        assert computed == []
        (tmp_path / "2024.yaml").write_text(sheet.replace("  long: 507 ", "  long: 515 "), encoding="utf-8")
        changed = invoke("rules", "explain", "CA001", "--rates", str(tmp_path)).stdout
        assert computed == ["CA001"]
        assert "  catering.long                   515\n" in changed and "  catering.long                   507\n" in before
    with freeze_time("2024-05-02"):
        assert invoke("rules", "explain", "CA001", "--rates", str(tmp_path)).stdout == changed
        assert computed == ["CA001", "CA001"]
    names = [entry.name for entry in explain_cache.iterdir() if entry.name.startswith("explain-")]
    assert len(names) == 1 and "-2024-05-02-" in names[0]  # entries of other days are removed


@freeze_time("2024-05-01")
def test_a_damaged_or_foreign_entry_is_explained_again(explain_cache, monkeypatch):
    invoke("rules", "explain", "DOC003")
    [entry] = [path for path in explain_cache.iterdir() if path.name.startswith("explain-")]
    computed = _explained_again(monkeypatch)
    entry.write_text('{"key": "another question", "text": "not this"}')
    assert invoke("rules", "explain", "DOC003").stdout == DOC003
    entry.write_text("not JSON")
    assert invoke("rules", "explain", "DOC003").stdout == DOC003
    assert computed == ["DOC003", "DOC003"]
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", "")  # off
    assert invoke("rules", "explain", "DOC003").stdout == DOC003
    assert computed == ["DOC003", "DOC003", "DOC003"]


def test_an_unknown_code_is_not_cached(explain_cache):
    assert invoke("rules", "explain", "XYZ").exit_code == 2
    assert not [path for path in explain_cache.glob("explain-*")]
