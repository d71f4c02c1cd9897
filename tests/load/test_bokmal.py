"""Bokmål output of what is said when a claim, a rate sheet or the configuration cannot be read:
the exact messages (LOAD001-LOAD004, pydantic's wording, values), and the language of errors
found before the language of the run is known (the configuration file, the command line)."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap

import pytest
from conftest import CLEAN, REPO
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.core import i18n
from expensecli.core.values import ValueProblem, parse_count, parse_date, parse_money, parse_time
from expensecli.load.claims import load_claim_bytes
from expensecli.load.ratebook import RateSheetError, load_rate_sheet
from expensecli.models import holidays

_register()
runner = CliRunner()


def problems(text: str) -> list[tuple[str, int, int, str]]:
    loaded = load_claim_bytes(textwrap.dedent(text).encode(), "krav.yaml", None)
    return [(p.code, *p.at, p.message) for p in loaded.problems]


@pytest.fixture
def bokmal():
    i18n.use("nb")


def test_a_yaml_syntax_error_is_said_in_bokmal_at_its_line_and_column(bokmal):
    assert problems("id: R-1\nkind: travel\nstatus: sent\n  other: 2\n") == [
        ("LOAD002", 4, 8, 'syntaksfeil i YAML: et kolon er ikke tillatt her (sett en verdi som inneholder ": " i'
                           " anførselstegn, eller rett innrykket)")]
    assert problems("id: 'R-1\n") == [
        ("LOAD002", 2, 1, "syntaksfeil i YAML: filen slutter uventet (mangler et avsluttende anførselstegn?)")]
    assert problems("id: R-1\n---\nid: R-2\n") == [
        ("LOAD002", 2, 1, "mer enn ett YAML-dokument i filen (en ny '---'); legg ett krav i hver fil")]


def test_a_duplicate_key_is_load003_in_bokmal(bokmal):
    assert problems("id: R-1\nkind: travel\nid: R-2\n") == [
        ("LOAD003", 3, 1, "nøkkelen 'id' står to ganger (først på linje 1, kolonne 1); den siste verdien ville i"
                          " det stille erstattet den første")]


def test_unreadable_text_is_load001_in_bokmal(bokmal):
    loaded = load_claim_bytes("id: R-1\nname: Ås\n".encode("latin-1"), "krav.yaml", None)
    assert [(p.code, p.at, p.message) for p in loaded.problems] == [
        ("LOAD001", (2, 7), "ikke UTF-8: byte 0xc5 på linje 2, kolonne 7 kan ikke leses (filen kan være Latin-1"
                            " eller Windows-1252; lagre den som UTF-8)")]
    assert problems("") == [("LOAD004", 1, 1, "filen er tom; et krav begynner med 'id:', 'kind:', ...")]


def test_schema_errors_are_load004_in_bokmal_with_did_you_mean(bokmal):
    text = (CLEAN.replace("kind: reimbursement", "kind: reimbursment")
            .replace("    description: USB-C cable\n", "    descripton: USB-C cable\n")
            .replace("  role: employee\n", "")
            .replace("amount: 199.00", 'amount: "1.110,50"')
            .replace("      - type: receipt\n", "      - type: receipt\n        readable: maybe\n"))
    assert problems(text) == [
        ("LOAD004", 2, 7, "kind: verdien må være 'travel' eller 'reimbursement', men er 'reimbursment'"
                          " (mente du 'reimbursement'?)"),
        ("LOAD004", 6, 3, "mangler det påkrevde feltet 'role' i claimant"),
        ("LOAD004", 13, 13, "expenses[0].amount: beløpet '1.110,50': bruk mellomrom som tusenskille (1 110,50"
                            " eller 1 110.50); punktum eller komma mellom tusener er tvetydig"),
        ("LOAD004", 16, 19, "expenses[0].attachments[0].readable: verdien må være true eller false, men er"
                            " 'maybe'"),
        ("LOAD004", 12, 5, "ukjent felt 'descripton' i expenses[0] (mente du 'description'?)"),
    ]


def test_a_comma_inside_braces_and_a_template_placeholder_in_bokmal(bokmal):
    text = CLEAN.replace("    description: USB-C cable\n", "").replace(
        "  role: employee\n", "  role: employee\n  contract: {start: 2024-01-01, 3 nights}\n")
    assert problems(text)[-1][3] == (
        "ukjent felt '3 nights' i claimant.contract: inne i { } avslutter et komma verdien; hører '3 nights' til"
        ' start, sett hele verdien i anførselstegn (start: "2024-01-01, 3 nights")')
    assert problems(CLEAN.replace('"81234501"', '"00000000"')) == [
        ("LOAD004", 9, 15, "cost_allocation.work_order: '00000000' er en plassholder fra kravmalen, ikke en ekte"
                           " arbeidsordre; fyll inn arbeidsordren")]


@pytest.mark.parametrize(("parse", "value", "message"), [
    (parse_money, "1,110.50", "beløpet '1,110.50': bruk mellomrom som tusenskille (1 110,50 eller 1 110.50);"
                              " punktum eller komma mellom tusener er tvetydig"),
    (parse_money, "12.345", "beløpet 12.345 har flere enn 2 desimaler"),
    (parse_money, "ti kroner", "beløpet 'ti kroner' er ikke et tall"),
    (parse_date, "14.03.2024", "datoen må skrives ÅÅÅÅ-MM-DD, men er '14.03.2024' (mente du 2024-03-14?)"),
    (parse_date, "2024-02-30", "datoen 2024-02-30 er ikke en gyldig dato: dagen finnes ikke i den måneden"),
    (parse_time, "25:00", "klokkeslettet '25:00' er ikke et gyldig klokkeslett; skriv \"TT:MM\" fra \"00:00\" til"
                          " \"23:59\""),
    (parse_count, "-2", "antallet kan ikke være under null, men er -2"),
])
def test_values_that_cannot_be_read_say_why_in_bokmal(bokmal, parse, value, message):
    with pytest.raises(ValueProblem) as raised:
        parse(value)
    assert str(raised.value) == message


def test_an_event_whose_hours_disagree_writes_its_figures_with_a_decimal_comma(bokmal):
    text = CLEAN.replace("category: equipment", "category: catering").replace(
        "    attachments:\n", "    event: {type: meeting, date: 2024-03-01, start: \"10:00\", end: \"12:30\","
                             " hours: 2.75, participants: {internal: 3}}\n    attachments:\n")
    assert problems(text)[0][3] == ("arrangementets hours 2,75 stemmer ikke med start 10:00 og end 12:30 (2,50"
                                    " timer)")


def test_a_rate_sheet_error_in_bokmal(tmp_path, bokmal):
    path = tmp_path / "2024.yaml"
    path.write_text((REPO / "rates" / "2024.yaml").read_text().replace("short: 224", "short: -1"))
    with pytest.raises(RateSheetError) as raised:
        load_rate_sheet(path)
    assert str(raised.value).startswith(f"{path}:")
    assert str(raised.value).endswith(": feil i satsarket: catering.short: må være større enn 0, men er -1")


def test_holiday_names_from_the_sheet_cache_follow_the_language_of_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "2024.yaml"
    path.write_text((REPO / "rates" / "2024.yaml").read_text())
    load_rate_sheet(path)  # validated in an English run: the entry is written
    monkeypatch.setattr(holidays, "_KNOWN", {})
    monkeypatch.setitem(sys.modules, "holidays", None)  # the names must now come from the cache
    load_rate_sheet(path)
    assert holidays.public_holidays(2024)[dt.date(2024, 5, 17)] == "Constitution Day"
    i18n.use("nb")
    assert holidays.public_holidays(2024)[dt.date(2024, 5, 17)] == "Grunnlovsdag"


def test_the_check_command_writes_load_findings_in_bokmal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text("id: R-1\nkind: travel\nstatus: sent\n  other: 2\n")
    (tmp_path / "b.yaml").write_text(CLEAN.replace("    description: USB-C cable\n", "    descripton: USB\n"))
    result = runner.invoke(app, ["check", "a.yaml", "b.yaml", "--lang", "nb", "-f", "concise", "--isolated"])
    assert result.stdout.splitlines()[:2] == [
        'a.yaml:4:8: LOAD002 [error] syntaksfeil i YAML: et kolon er ikke tillatt her (sett en verdi som'
        ' inneholder ": " i anførselstegn, eller rett innrykket)',
        "b.yaml:13:5: LOAD004 [error] ukjent felt 'descripton' i expenses[0] (mente du 'description'?)"]


@pytest.mark.parametrize(("args", "env", "line"), [
    (["--lang", "nb", "chek", "x"], {}, "ukjent kommando 'chek'; mente du 'check', 'schema'? (se expensecli --help)"),
    (["chek", "x", "--lang=nb"], {}, "ukjent kommando 'chek'; mente du 'check', 'schema'? (se expensecli --help)"),
    (["chek", "x"], {"LC_ALL": "nb_NO.UTF-8"}, "ukjent kommando 'chek'; mente du 'check', 'schema'? (se expensecli"
                                               " --help)"),
    (["--lang", "en", "chek", "x"], {"LC_ALL": "nb_NO.UTF-8"}, "no such command 'chek'; did you mean 'check',"
                                                               " 'schema'? (see expensecli --help)"),
    (["check", "--lang", "nb"], {}, "mangler argumentet 'PATH...' (se expensecli check --help)"),
    (["catering", "quote", "--servings", "3", "--lang", "nb"], {},
     "ugyldig verdi for '--servings': 3 er utenfor området 1<=x<=2 (se expensecli catering quote --help)"),
    (["check", "x", "--as-of", "14.03.2024", "--lang", "nb"], {},
     "--as-of må skrives ÅÅÅÅ-MM-DD, men er '14.03.2024' (mente du 2024-03-14?)"),
])
def test_usage_errors_in_bokmal(args, env, line):
    result = runner.invoke(app, args, env=env)
    assert (result.exit_code, result.stderr) == (2, f"expensecli: error: {line}\n")


@pytest.mark.parametrize(("text", "args", "env"), [
    ('colour = "always"\n', ["--lang", "nb"], {}),
    ('colour = "always"\n', [], {"LC_ALL": "nb_NO.UTF-8"}),
    ('colour = "always"\nlang = "nb"\n', ["--lang", "nb"], {}),
])
def test_a_configuration_error_is_said_in_the_language_of_lang_or_the_locale(tmp_path, monkeypatch, text, args,
                                                                              env):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_text(text)
    result = runner.invoke(app, [*args, "rules", "list"], env=env)
    assert (result.exit_code, result.stderr) == (
        2, "expensecli: error: expensecli.toml:1: ukjent nøkkel 'colour' (mente du 'color'?)\n")


def test_a_bad_value_in_the_configuration_in_bokmal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_text('jobs = 0\n[severity]\nCA009 = "eror"\n')
    result = runner.invoke(app, ["--lang", "nb", "rules", "list"])
    assert result.stderr == ("expensecli: error: expensecli.toml:1: jobs må være et helt antall arbeidsprosesser,"
                             " 1 eller flere, men er 0\n")
    (tmp_path / "expensecli.toml").write_text('[severity]\nCA009 = "eror"\n')
    result = runner.invoke(app, ["--lang", "nb", "rules", "list"])
    assert result.stderr == ("expensecli: error: expensecli.toml:2: [severity] CA009 må være en av error, warning,"
                             " info, men er 'eror' (mente du 'error'?)\n")


def test_the_sentences_pydantic_errors_are_translated_from_are_pydantics_own():
    list_all_errors = getattr(pytest.importorskip("pydantic_core._pydantic_core"), "list_all_errors", None)
    if list_all_errors is None:
        pytest.skip("this pydantic-core does not list its errors")
    from expensecli.load.schema_errors import _PYDANTIC

    templates = {error["type"]: error["message_template_python"] for error in list_all_errors()}
    for kind, sentence in _PYDANTIC.items():
        own = templates[kind][:1].lower() + templates[kind][1:]
        assert own == sentence or (sentence == "input should be a valid dictionary" and "dictionary" in own)
