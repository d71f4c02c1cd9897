"""Which language a run speaks: `--lang`, else `lang` in the configuration file, else the locale
(bokmål when it is Norwegian), and the console script run the way a controller runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()
ENGLISH = "2 files, 0 errors, 1 warning, 0 infos, 0 waived\n"
BOKMAL = "2 filer, 0 feil, 1 advarsel, 0 info, 0 unntatt\n"


def summary(*args: str, env: dict | None = None) -> str:
    result = runner.invoke(app, [*args, "check", "claims", "--as-of", "2024-05-01", "-f", "concise"], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines(keepends=True)[-1]


def test_english_by_default_and_bokmal_when_asked(claims_here):
    assert summary() == ENGLISH
    assert summary("--lang", "nb") == BOKMAL
    assert summary("--lang", "en") == ENGLISH


@pytest.mark.parametrize("locale", ["nb_NO.UTF-8", "no_NO", "nn_NO.UTF-8"])
def test_a_norwegian_locale_chooses_bokmal(claims_here, locale):
    assert summary(env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": locale}) == BOKMAL


def test_another_locale_keeps_english(claims_here):
    assert summary(env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": "sv_SE.UTF-8"}) == ENGLISH


def test_the_configuration_file_chooses_over_the_locale_and_the_command_line_over_both(claims_here):
    (claims_here / "expensecli.toml").write_text('lang = "nb"\n')
    assert summary() == BOKMAL
    assert summary("--lang", "en") == ENGLISH
    (claims_here / "expensecli.toml").write_text('lang = "en"\n')
    assert summary(env={"LC_ALL": None, "LANG": "nb_NO.UTF-8"}) == ENGLISH


def test_a_language_without_a_catalog_is_refused_where_it_is_written(claims_here):
    (claims_here / "expensecli.toml").write_text('lang = "de"\n')
    result = runner.invoke(app, ["check", "claims"])
    assert result.exit_code == 2
    assert result.stderr == ("expensecli: error: expensecli.toml:1: lang must be one of en, nb, got 'de'\n")
    result = runner.invoke(app, ["check", "claims", "--lang", "sv"])
    assert result.exit_code == 2
    assert "'sv' is not one of 'en', 'nb'" in result.stderr


def test_the_console_script_in_a_norwegian_locale_writes_bokmal(claims_here):
    """As `LANG=nb_NO.UTF-8 make demo` runs it: a process of its own, the locale from its environment."""
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES")}
    script = os.path.join(os.path.dirname(sys.executable), "expensecli")
    run = subprocess.run([script, "check", str(REPO / "examples" / "claims" / "foreign-receipt.yaml"),
                          "--as-of", "2024-05-01", "-f", "concise"], env=env | {"LANG": "nb_NO.UTF-8"},
                         capture_output=True, text=True, cwd=claims_here)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines[0].endswith("MX001 [error] utlegg 0 er 38,50 EUR uten kurs; oppgi rate: NOK per 1 EUR")
    assert lines[-1] == "1 fil, 3 feil, 0 advarsler, 0 info, 0 unntatt"


def test_bokmal_syntax_reasons_next_day_and_the_group_field(tmp_path):
    """libyaml's reasons for an unclosed `{` and for text after the end,
    "(next day)" of an event past midnight, and the field `status --group-by` groups by."""
    for name, text in {"a.yaml": "a: {b: 1\nc: 2\n", "c.yaml": "{a: 1}}\n"}.items():
        (tmp_path / name).write_text(text)
    lines = runner.invoke(app, ["check", str(tmp_path), "-f", "concise", "-q", "--lang", "nb"]).stdout.splitlines()
    reasons = [line.split("syntaksfeil i YAML: ")[1] for line in lines]
    assert reasons == ["fant ikke ',' eller '}' der det skulle stå (en samling i { } er ikke lukket)",
                       "fant tekst etter slutten av dokumentet (en parentes for mye?)"]
    quote = runner.invoke(app, ["catering", "quote", "--start", "16:00", "--end", "01:00", "--servings", "2",
                                "--date", "2024-05-02", "--lang", "nb"]).stdout
    assert "(16:00-01:00 (neste dag)," in " ".join(quote.split()) and "next day" not in quote
    grouped = runner.invoke(app, ["status", "examples", "--group-by", "unit", "--as-of", "2024-05-01", "-f", "concise",
                                  "--lang", "nb"]).stdout
    assert "\nenhet HF-ISL: 1 krav, 6 062,00 NOK; 1 feil, 0 advarsler, 0 info\n" in grouped


@pytest.mark.parametrize("args, line", [
    (["catering", "quote", "--participants", "x"], "ugyldig verdi for '--participants': 'x' er ikke et heltall"
                                                   " (se expensecli catering quote --help)"),
    (["rates", "show", "abc"], "ugyldig verdi for 'YEAR': 'abc' er ikke et heltall (se expensecli rates show --help)"),
])
def test_click_saying_a_number_is_not_a_whole_number_is_said_in_bokmal(args, line):
    result = runner.invoke(app, ["--lang", "nb", *args])
    assert (result.exit_code, result.stderr) == (2, f"expensecli: error: {line}\n")
