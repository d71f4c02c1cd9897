"""`expensecli rates list | show | check`: the sheets found, one sheet as tables, new sheet files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.load.ratebook import bundled_rates_dir

_register()
runner = CliRunner()

SHEET_2024 = REPO / "rates" / "2024.yaml"
BUNDLED = str(bundled_rates_dir() / "2024.yaml")


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def sheet_variant(folder: Path, name: str, *changes: tuple[str, str]) -> Path:
    text = SHEET_2024.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def next_year(folder: Path, valid_from: str = "2025-01-01") -> Path:
    return sheet_variant(folder, "2025.yaml", ("year: 2024", "year: 2025"),
                         ("valid_from: 2024-01-01", f"valid_from: {valid_from}"),
                         ("valid_to: 2024-12-31", "valid_to: 2025-12-31"))


def test_list_shows_the_bundled_sheet():
    result = invoke("rates", "list")
    assert result.exit_code == 0
    width = len(BUNDLED)
    assert result.stdout == (
        f"YEAR  VALID FROM  VALID TO    SOURCE   IN USE  FILE\n"
        f"----  ----------  ----------  -------  ------  {'-' * width}\n"
        f"2024  2024-01-01  2024-12-31  bundled  yes     {BUNDLED}\n")


def test_list_with_rates_shows_those_in_use_and_the_bundled_ones_not(tmp_path):
    next_year(tmp_path)
    sheet_variant(tmp_path, "2024.yaml")
    data = json.loads(invoke("rates", "list", "--rates", tmp_path, "--format", "json").stdout)
    assert data == {"version": 1, "sheets": [
        {"year": 2024, "valid_from": "2024-01-01", "valid_to": "2024-12-31", "source": "--rates", "in_use": True,
         "file": str(tmp_path / "2024.yaml")},
        {"year": 2025, "valid_from": "2025-01-01", "valid_to": "2025-12-31", "source": "--rates", "in_use": True,
         "file": str(tmp_path / "2025.yaml")},
        {"year": 2024, "valid_from": "2024-01-01", "valid_to": "2024-12-31", "source": "bundled", "in_use": False,
         "file": BUNDLED},
    ]}


def test_list_with_a_broken_rates_folder_is_a_configuration_error(tmp_path):
    sheet_variant(tmp_path, "2024.yaml", ("  short: 224", "  short: many"))
    result = invoke("rates", "list", "--rates", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"expensecli: error: {tmp_path / '2024.yaml'}:21:10: rate sheet error:"
                             " catering.short: amount 'many' is not a number\n")


SHOW_2024 = f"""\
Rate sheet 2024: valid 2024-01-01 to 2024-12-31, amounts in NOK incl. VAT
File: {BUNDLED}

Catering (bevertning), per participant
  event                           internal eating place  external eating place
  ------------------------------  ---------------------  ---------------------
  under 3 hours in working hours                    224                    336
  3 hours or more                                   507                 760.50
  beyond working hours                              507                 760.50
  full day, 2 servings                              740                  1 110
  Extended rate on application (special events; external participants at an external eating place): 1 622

Representation
  per person                            meal  simple
  --------------------------------  --------  ------
  ordinary                             1 622     597
  high-level foreign guests (x1.3)  2 108.60  776.10
  home hospitality (x0.8)           1 297.60  477.60
  Abroad: the country's kostsats (x1.3 with a justification); kostsats in this sheet: none listed
  Consent to representation: rector, pro_rector, vice_rector, dean, museum_director, director_organisation_infrastructure

Ordinary working hours (weekends and public holidays are outside them)
  from   to     start  end
  -----  -----  -----  -----
  01-01  05-14  08:00  15:45
  05-15  09-14  08:00  15:00
  09-15  12-31  08:00  15:45

Deadlines
  contractors and externals: 1 month after the trip end or the earliest expense
  employees' travel claims: 1 month after return (a local setting of this sheet, not a policy sentence)
  due soon: 7 days or fewer before the deadline

Betalmeg
  access lapses after 365 days without use
  countries whose mobiles get no login SMS: none listed

Catering agreement suppliers: none listed (not checked)
Special events per unit and semester: 2

Sources
  - NTNU: Satsar for mat ved representasjon og bevertning, satsar frå 1. januar 2024 (Statens personalhandbok)
  - NTNU: Betalmeg - travel expenses and reimbursements for non-employees
  - NTNU: Reimbursement of personal expenses
"""


def test_show_prints_the_policy_pages_tables():
    result = invoke("rates", "show", "2024")
    assert result.exit_code == 0
    assert result.stdout == SHOW_2024


def test_show_defaults_to_the_sheet_covering_today_else_the_latest(tmp_path):
    next_year(tmp_path)
    sheet_variant(tmp_path, "2024.yaml")
    for today, year in (("2024-05-01", 2024), ("2025-02-01", 2025), ("2023-06-01", 2025), ("2031-01-01", 2025)):
        with freeze_time(today):
            out = invoke("rates", "show", "--rates", tmp_path).stdout
        assert out.startswith(f"Rate sheet {year}: valid {year}-01-01 to {year}-12-31"), today
    with freeze_time("2031-01-01"):
        assert invoke("rates", "show").stdout == SHOW_2024


def test_show_uses_the_figures_of_the_sheet(tmp_path):
    sheet_variant(tmp_path, "2024.yaml", ("  long: 507 ", "  long: 515 "),
                  ("external_venue_factor: 1.5 ", "external_venue_factor: 1.4 "),
                  ("abroad: {}", "abroad: {DK: 1200, SE: 980}"))
    out = invoke("rates", "show", "2024", "--rates", tmp_path).stdout
    assert "  under 3 hours in working hours                    224                 313.60\n" in out
    assert "  3 hours or more                                   515                    721\n" in out
    assert "  full day, 2 servings                              740                  1 036\n" in out
    assert "kostsats in this sheet: DK 1 200, SE 980\n" in out


def test_show_counts_one_day_in_the_singular(tmp_path):
    sheet_variant(tmp_path, "2024.yaml", ("due_soon_days: 7", "due_soon_days: 1"),
                  ("inactivity_days: 365", "inactivity_days: 1"))
    out = invoke("rates", "show", "2024", "--rates", tmp_path).stdout
    assert "  due soon: 1 day or fewer before the deadline\n" in out
    assert "  access lapses after 1 day without use\n" in out
    out = invoke("--lang", "nb", "rates", "show", "2024", "--rates", tmp_path).stdout
    assert "  snart frist: 1 dag eller mindre før fristen\n" in out
    assert "  tilgangen faller bort etter 1 dag uten bruk\n" in out


def test_show_a_year_without_a_sheet_is_an_error():
    result = invoke("rates", "show", "2026")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "expensecli: error: no rate sheet for 2026; sheets found: 2024 (expensecli rates list)\n"


def test_check_accepts_good_sheets(tmp_path):
    nxt = next_year(tmp_path)
    result = invoke("rates", "check", SHEET_2024, nxt)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{SHEET_2024}: ok, the 2024 sheet, valid 2024-01-01 to 2024-12-31\n"
        f"{nxt}: ok, the 2025 sheet, valid 2025-01-01 to 2025-12-31\n"
        "2 files checked, 0 with errors\n")


def test_check_names_file_and_line_of_each_problem(tmp_path):
    typo = sheet_variant(tmp_path, "typo.yaml", ("  two_servings: 740", "  two_serving: 740"))
    period = sheet_variant(tmp_path, "period.yaml", ("valid_to: 2024-12-31", "valid_to: 2023-12-31"))
    result = invoke("rates", "check", typo, period, tmp_path / "missing.yaml")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f"{typo}:21:3: rate sheet error: missing required field 'two_servings' in catering",
        f"{typo}:23:3: rate sheet error: unknown field 'two_serving' in catering (did you mean 'two_servings'?)"]
    assert lines[2].startswith(f"{period}:3:1: rate sheet error: ")
    assert "valid_to 2023-12-31 is before valid_from 2024-01-01" in lines[2]
    assert lines[3:] == [f"{tmp_path / 'missing.yaml'}: rate sheet file or folder does not exist",
                         "3 files checked, 3 with errors"]


def test_check_lists_every_problem_of_a_sheet_with_its_line_and_a_run_names_the_first(tmp_path):
    bad = sheet_variant(tmp_path, "bad.yaml", ("  short: 224", "  short: -224"), ("  long: 507", "  long: lots"),
                        ("due_soon_days: 7", "due_soon_day: 7"))
    result = invoke("rates", "check", bad)
    assert result.exit_code == 2
    problems = result.stdout.splitlines()
    assert [line.split(": rate sheet error: ")[0] for line in problems[:-1]] == [
        f"{bad}:21:10", f"{bad}:22:9", f"{bad}:{line_of(bad, 'non_employee_months:')}:3",
        f"{bad}:{line_of(bad, 'due_soon_day:')}:3"]
    assert problems[3].endswith("unknown field 'due_soon_day' in deadlines (did you mean 'due_soon_days'?)")
    assert problems[-1] == "1 file checked, 1 with errors"
    run = invoke("check", str(bad), "--rates", str(bad))
    assert run.exit_code == 2
    assert run.stderr == (f"expensecli: error: {problems[0]} (and 3 more; expensecli rates check {bad}"
                          " lists them all)\n")


def line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


def test_check_reports_overlapping_periods_in_a_folder(tmp_path):
    sheet_variant(tmp_path, "2024.yaml", ("valid_to: 2024-12-31", "valid_to: 2025-03-31"))
    nxt = next_year(tmp_path)
    result = invoke("rates", "check", tmp_path)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{tmp_path / '2024.yaml'}: ok, the 2024 sheet, valid 2024-01-01 to 2025-03-31",
        f"{nxt}: rate sheet error: valid 2025-01-01 to 2025-12-31 overlaps {tmp_path / '2024.yaml'}"
        " (valid 2024-01-01 to 2025-03-31); one date needs one sheet",
        "2 files checked, 1 with errors",
    ]


# Bokmål (--lang nb): headers, labels and sentences translated, figures with a decimal comma; the
# sheet's own values (roles, sources, country codes) as the sheet writes them.

SHOW_2024_NB = f"""\
Satsark 2024: gyldig 2024-01-01 til 2024-12-31, beløp i NOK inkl. mva.
Fil: {BUNDLED}

Bevertning, per deltaker
  arrangement                   internt spisested  eksternt spisested
  ----------------------------  -----------------  ------------------
  under 3 timer i arbeidstiden                224                 336
  3 timer eller mer                           507              760,50
  utover arbeidstiden                         507              760,50
  hel dag, 2 serveringer                      740               1 110
  Utvidet sats etter søknad (særskilte arrangementer; eksterne deltakere på eksternt spisested): 1 622

Representasjon
  per person                                 måltid  enkel servering
  ---------------------------------------  --------  ---------------
  ordinær                                     1 622              597
  utenlandske gjester på høyt nivå (x1,3)  2 108,60           776,10
  hjemmebevertning (x0,8)                  1 297,60           477,60
  Utlandet: landets kostsats (x1,3 med begrunnelse); kostsats i dette satsarket: ingen oppført
  Samtykke til representasjon: rector, pro_rector, vice_rector, dean, museum_director, director_organisation_infrastructure

Ordinær arbeidstid (helger og helligdager er utenfor)
  fra    til    start  slutt
  -----  -----  -----  -----
  01-01  05-14  08:00  15:45
  05-15  09-14  08:00  15:00
  09-15  12-31  08:00  15:45

Frister
  oppdragstakere og eksterne: 1 måned etter at reisen sluttet, eller etter det tidligste utlegget
  ansattes reiseregninger: 1 måned etter hjemkomst (en lokal innstilling i dette satsarket, ikke fra retningslinjene)
  snart frist: 7 dager eller mindre før fristen

Betalmeg
  tilgangen faller bort etter 365 dager uten bruk
  land der mobiler ikke får SMS med innloggingskode: ingen oppført

Avtaleleverandører for bevertning: ingen oppført (sjekkes ikke)
Særskilte arrangementer per enhet og semester: 2

Kilder
  - NTNU: Satsar for mat ved representasjon og bevertning, satsar frå 1. januar 2024 (Statens personalhandbok)
  - NTNU: Betalmeg - travel expenses and reimbursements for non-employees
  - NTNU: Reimbursement of personal expenses
"""


def test_show_in_bokmal():
    result = invoke("rates", "show", "2024", "--lang", "nb")
    assert result.exit_code == 0
    assert result.stdout == SHOW_2024_NB


def test_show_in_bokmal_with_other_figures_of_the_sheet(tmp_path):
    sheet_variant(tmp_path, "2024.yaml", ("external_venue_factor: 1.5 ", "external_venue_factor: 1.4 "),
                  ("abroad: {}", "abroad: {DK: 1200, SE: 980.5}"),
                  ("employee_travel_months: 1 ", "employee_travel_months: 2 "))
    out = invoke("--lang", "nb", "rates", "show", "2024", "--rates", tmp_path).stdout
    assert "  under 3 timer i arbeidstiden                224              313,60\n" in out
    assert "kostsats i dette satsarket: DK 1 200, SE 980,50\n" in out
    assert "  ansattes reiseregninger: 2 måneder etter hjemkomst (en lokal innstilling" in out


def test_list_in_bokmal():
    result = invoke("rates", "list", "--lang", "nb")
    assert result.exit_code == 0
    width = len(BUNDLED)
    assert result.stdout == (
        f"ÅR    GYLDIG FRA  GYLDIG TIL  KILDE     I BRUK  FIL\n"
        f"----  ----------  ----------  --------  ------  {'-' * width}\n"
        f"2024  2024-01-01  2024-12-31  innebygd  ja      {BUNDLED}\n")
    data = json.loads(invoke("rates", "list", "--format", "json", "--lang", "nb").stdout)
    assert data["sheets"][0]["source"] == "bundled" and data["sheets"][0]["in_use"] is True


def test_check_in_bokmal(tmp_path):
    nxt = next_year(tmp_path)
    result = invoke("rates", "check", SHEET_2024, nxt, "--lang", "nb")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{SHEET_2024}: ok, satsarket for 2024, gyldig 2024-01-01 til 2024-12-31\n"
        f"{nxt}: ok, satsarket for 2025, gyldig 2025-01-01 til 2025-12-31\n"
        "2 filer sjekket, 0 med feil\n")
    one = invoke("rates", "check", SHEET_2024, "--lang", "nb")
    assert one.stdout.endswith("\n1 fil sjekket, 0 med feil\n")


def test_show_a_year_without_a_sheet_in_bokmal():
    result = invoke("rates", "show", "2026", "--lang", "nb")
    assert result.exit_code == 2
    assert result.stderr.endswith("ingen satsark for 2026; satsark som finnes: 2024 (expensecli rates list)\n")


def test_a_fifo_a_device_or_a_dangling_link_is_named_as_what_it_is_and_never_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.yaml")  # opened, it would wait for a writer for ever
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = invoke("rates", "check", tmp_path / "pipe.yaml", "/dev/null", tmp_path / "gone.yaml")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'pipe.yaml'}: not a regular file or folder, so not a rate sheet",
        "/dev/null: not a regular file or folder, so not a rate sheet",
        f"{tmp_path / 'gone.yaml'}: the link leads to no rate sheet file or folder",
        "3 files checked, 3 with errors"]
    run = invoke("check", tmp_path, "--rates", tmp_path / "pipe.yaml")
    assert (run.exit_code, run.stderr) == (2, f"expensecli: error: {tmp_path / 'pipe.yaml'}: not a regular file or"
                                              " folder, so not a rate sheet\n")


def test_show_escapes_control_characters_in_the_sheet_s_texts(tmp_path):
    sheet = sheet_variant(tmp_path, "2024.yaml", ('  - "NTNU: Betalmeg', '  - "\\e[2JNTNU: Betalmeg'))
    shown = invoke("rates", "show", "2024", "--rates", sheet).stdout
    assert "\x1b" not in shown and "  - \\x1b[2JNTNU: Betalmeg - travel expenses" in shown
