"""The configuration file in a run: its settings are the defaults, the command line wins, `[severity]`
reaches the engine, and `config show` says where each setting came from."""

from __future__ import annotations

import json
import textwrap

import pytest
import typer
from conftest import REPO
from typer.testing import CliRunner

from expensecli.cli.configured import defaults
from expensecli.cli.main import _register, app
from expensecli.load.config import load_config

_register()
runner = CliRunner()

def write(folder, text: str, name: str = "expensecli.toml"):
    (folder / name).write_text(textwrap.dedent(text))


def check(*args: str):
    return runner.invoke(app, ["check", "claims", "--as-of", "2024-05-01", *args])


def test_settings_of_the_file_are_the_defaults_and_the_command_line_wins(claims_here):
    assert check("-f", "concise").exit_code == 0  # DOC005 is a warning; fail_on defaults to error
    write(claims_here, 'fail_on = "warning"\nformat = "jsonl"\n')
    result = check()
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["R-2024-0001", "R-2024-0003"]
    overridden = check("--fail-on", "never", "-f", "concise", "-q")
    assert (overridden.exit_code, overridden.stdout) == (
        0, "claims/warn.yaml:16:31: DOC005 [warning] attachment file 'gone.pdf' of expense 0 does not exist next to"
           " the claim file\n")


def test_found_from_a_subfolder_and_in_pyproject(claims_here, monkeypatch):
    write(claims_here, '[project]\nname = "unit-claims"\n\n[tool.expensecli]\nselect = ["CO"]\nfail_on = "info"\n',
          "pyproject.toml")
    monkeypatch.chdir(claims_here / "claims")
    result = runner.invoke(app, ["check", ".", "-f", "concise", "--as-of", "2024-05-01"])
    assert result.exit_code == 0 and result.stdout == "2 files, 0 errors, 0 warnings, 0 infos, 0 waived\n"


def test_config_path_and_isolated_also_after_the_command(claims_here):
    write(claims_here, 'fail_on = "warning"\n')
    write(claims_here, 'fail_on = "never"\nignore = "DOC"\n', "cron.toml")
    assert check("-f", "concise").exit_code == 1
    assert check("-f", "concise", "--config", "cron.toml").stdout == "2 files, 0 errors, 0 warnings, 0 infos, 0 waived\n"
    assert runner.invoke(app, ["--config", "cron.toml", "check", "claims", "-f", "concise"]).exit_code == 0
    assert check("-f", "concise", "--isolated").exit_code == 0  # the defaults: fail on errors only
    both = check("--isolated", "--config", "cron.toml")
    assert (both.exit_code, both.stderr) == (
        2, "expensecli: error: --config and --isolated exclude each other: --isolated reads no configuration file\n")


def test_a_relative_rates_path_is_read_from_the_folder_of_the_file(claims_here, monkeypatch):
    (claims_here / "sheets").mkdir()
    (claims_here / "sheets" / "2024.yaml").write_text((REPO / "rates" / "2024.yaml").read_text()
                                                 .replace("due_soon_days: 7", "due_soon_days: 1x"))
    write(claims_here, 'rates = "sheets"\n')
    monkeypatch.chdir(claims_here / "claims")
    result = runner.invoke(app, ["check", "."])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"expensecli: error: {claims_here / 'sheets' / '2024.yaml'}:")


@pytest.mark.parametrize("command", [["check", "claims"], ["catering", "report", "claims"], ["rates", "list"],
                                     ["rates", "show"], ["catering", "quote", "--hours", "2"],
                                     ["rules", "explain", "CA001"]])
def test_a_rates_path_of_the_file_that_is_not_there_is_said_at_its_line_naming_the_key(claims_here, command):
    write(claims_here, 'fail_on = "error"\nrates = "nowhere"\n')
    result = runner.invoke(app, command)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"expensecli: error: expensecli.toml:2: rates {claims_here / 'nowhere'}: rate sheet file or folder"
               " does not exist\n")
    bokmal = runner.invoke(app, ["--lang", "nb", *command])
    assert bokmal.stderr == (f"expensecli: error: expensecli.toml:2: rates {claims_here / 'nowhere'}: satsarkfilen"
                             " eller -mappen finnes ikke\n")
    given = runner.invoke(app, [*command, "--rates", "elsewhere"])  # from the command line: as it was given
    assert given.stderr == "expensecli: error: elsewhere: rate sheet file or folder does not exist\n"


def test_a_bad_ledger_of_the_file_is_said_at_its_line_naming_the_key(claims_here, monkeypatch):
    write(claims_here, '[project]\nname = "unit-claims"\n\n[tool.expensecli]\nledger = "gone/audit.sqlite"\n',
          "pyproject.toml")
    ledger = claims_here / "gone" / "audit.sqlite"
    result = check("-f", "concise")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"expensecli: error: pyproject.toml:5: ledger {ledger}: the folder {ledger.parent} does not exist\n")
    info = runner.invoke(app, ["ledger", "info", "--lang", "nb"])
    assert (info.exit_code, info.stderr) == (
        2, f"expensecli: error: pyproject.toml:5: ledger {ledger}: her finnes ingen revisjonslogg ennå (en kjøring av"
           " check --ledger lager den)\n")
    given = check("--ledger", "elsewhere/audit.sqlite")  # from the command line, or the environment: as it was
    assert given.stderr == ("expensecli: error: --ledger elsewhere/audit.sqlite: the folder elsewhere does not"
                            " exist\n")
    monkeypatch.setenv("EXPENSECLI_LEDGER", "elsewhere/audit.sqlite")
    assert check().stderr == given.stderr


def test_severity_overrides_reach_the_engine_and_the_exit_code(claims_here):
    write(claims_here, '[severity]\nDOC005 = "error"\n')
    result = check("-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"]["errors"] == 1
    assert document["claims"][1]["findings"][0]["severity"] == "error"


@pytest.mark.parametrize("text, message", [
    ('fail_on = "warn"\n', "expensecli.toml:1: fail_on must be one of error, warning, info, never, got 'warn'"
                           " (did you mean 'warning'?)"),
    ("\ncolour = 'never'\n", "expensecli.toml:2: unknown key 'colour' (did you mean 'color'?)"),
    ('[severity]\nCA09 = "error"\n', "expensecli.toml:2: [severity] CA09: no rule code starts with it"
                                     " (did you mean CA009?)"),
    ('\nrates = "a\\u0000b"\n', "expensecli.toml:2: rates must be a rate sheet file or folder (text; relative to"
                                 " this file), got 'a\\x00b'"),
    ('controllers = ["Dahl, Kari"]\n', "expensecli.toml:1: controllers must be a list of names without commas"
                                      " ([\"Kari Dahl\", \"Ola Hansen\"]), got ['Dahl, Kari']"),
    ("controllers = []\n", "expensecli.toml:1: controllers must be a list of names without commas"
                            " ([\"Kari Dahl\", \"Ola Hansen\"]), got []"),
    ('jobs = 1\nignore = ["CA", "ZZ9"]\n', "expensecli.toml:2: ignore: no rule code starts with ZZ9 (expensecli rules"
                                         " list shows them)"),
    ('select = "CA01X"\n', "expensecli.toml:1: select: no rule code starts with CA01X (did you mean CA011?)"),
    ('max_file_size = "0"\n', "expensecli.toml:1: max_file_size must be a size in bytes (5000000) or with a unit"
                             " (\"500K\", \"5MB\"), got '0'"),
    ('ledger = "audit\\u0000.sqlite"\n', "expensecli.toml:1: ledger must be a ledger file or URL (text; a file is"
                                        " relative to this file), got 'audit\\x00.sqlite'"),
])
def test_a_bad_file_is_exit_2_with_file_line_and_did_you_mean(claims_here, text, message):
    write(claims_here, text)
    result = check()
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"expensecli: error: {message}\n")


def test_a_format_a_command_lacks_leaves_it_its_own_default(claims_here):
    write(claims_here, 'format = "junit"\n')
    assert check().stdout.startswith('<?xml version="1.0"')
    status = runner.invoke(app, ["status", "claims", "--as-of", "2024-05-01"])
    assert status.exit_code == 0 and status.stdout.startswith("draft: 0 claims")  # concise: status has no junit
    assert runner.invoke(app, ["rules", "list"]).stdout.startswith("CODE ")  # format is for reports of claims_here


def test_config_show_says_where_each_setting_came_from(claims_here):
    write(claims_here, 'fail_on = "warning"\ncontrollers = ["Kari Dahl"]\n\n[severity]\nCA009 = "error"\n')
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert result.stdout == textwrap.dedent(f"""\
        Configuration file: {claims_here / "expensecli.toml"}
        SETTING         VALUE                                FROM
        --------------  -----------------------------------  -----------------
        rates           (the bundled sheets)                 default
        fail_on         warning                              expensecli.toml:1
        select          (every code)                         default
        ignore          (none)                               default
        jobs            (the number of cores)                default
        max_file_size   5MB                                  default
        format          (table on a terminal, else concise)  default
        color           auto                                 default
        follow_links    false                                default
        controllers     Kari Dahl                            expensecli.toml:2
        ledger          (none)                               default
        lang            (en; nb in a Norwegian locale)       default
        severity CA009  error                                expensecli.toml:5
        Options given on the command line win over these.
        """)
    document = json.loads(runner.invoke(app, ["config", "show", "-f", "json"]).stdout)
    assert document["settings"][1] == {"key": "fail_on", "value": "warning", "from": "expensecli.toml:1"}
    assert document["settings"][9] == {"key": "controllers", "value": ["Kari Dahl"], "from": "expensecli.toml:2"}
    assert document["severity"] == [{"code": "CA009", "severity": "error", "from": "expensecli.toml:5"}]
    isolated = runner.invoke(app, ["config", "show", "--isolated"]).stdout
    assert isolated.splitlines()[0] == "Configuration file: none read (--isolated)"


def test_config_show_in_bokmal_translates_its_sentences_and_descriptions_not_the_values(claims_here):
    write(claims_here, 'fail_on = "warning"\ncontrollers = ["Kari Dahl"]\n')
    result = runner.invoke(app, ["config", "show", "--lang", "nb"])
    assert result.exit_code == 0
    assert result.stdout == textwrap.dedent(f"""\
        Konfigurasjonsfil: {claims_here / "expensecli.toml"}
        INNSTILLING    VERDI                                  KILDE
        -------------  -------------------------------------  -----------------
        rates          (satsarkene som følger med)            standard
        fail_on        warning                                expensecli.toml:1
        select         (alle koder)                           standard
        ignore         (ingen)                                standard
        jobs           (antall prosessorkjerner)              standard
        max_file_size  5MB                                    standard
        format         (table i en terminal, ellers concise)  standard
        color          auto                                   standard
        follow_links   false                                  standard
        controllers    Kari Dahl                              expensecli.toml:2
        ledger         (ingen)                                standard
        lang           (en; nb med norsk språkinnstilling)    standard
        severity       (hver regels egen)                     standard
        Valg gitt på kommandolinjen går foran disse.
        """)
    document = json.loads(runner.invoke(app, ["--lang", "nb", "config", "show", "-f", "json"]).stdout)
    assert document["settings"][0] == {"key": "rates", "value": None, "from": "default"}
    assert document["settings"][1] == {"key": "fail_on", "value": "warning", "from": "expensecli.toml:1"}
    isolated = runner.invoke(app, ["config", "show", "--isolated", "--lang", "nb"]).stdout
    assert isolated.splitlines()[0] == "Konfigurasjonsfil: ingen lest (--isolated)"
    (claims_here / "expensecli.toml").unlink()
    nowhere = runner.invoke(app, ["config", "show", "--lang", "nb"]).stdout
    assert nowhere.splitlines()[0] == (f"Konfigurasjonsfil: ingen funnet i {claims_here} eller mappene over den"
                                       " (expensecli.toml, eller [tool.expensecli] i pyproject.toml)")


def test_options_of_other_commands_get_the_keys_they_share_a_name_with(tmp_path, monkeypatch):
    """The ledger and controllers keys reach any command with options of those names."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, 'ledger = "audit.sqlite"\ncontrollers = ["Kari Dahl", "Ola Hansen"]\nlang = "nb"\n')
    demo = typer.Typer()

    @demo.command()
    def waive(ledger: str = typer.Option(None), controllers: str = typer.Option(None), lang: str = "en"):
        pass

    @demo.command()
    def other(paths: list[str]):
        pass

    config = load_config(tmp_path)
    assert defaults(typer.main.get_command(demo), config) == {
        "waive": {"ledger": str(tmp_path / "audit.sqlite"), "controllers": "Kari Dahl, Ola Hansen", "lang": "nb"}}


def test_severities_are_listed_as_fail_on_lists_them_worst_first(claims_here):
    write(claims_here, '[severity]\nCA009 = "warn"\n')
    assert check().stderr == ("expensecli: error: expensecli.toml:2: [severity] CA009 must be one of error, warning,"
                              " info, got 'warn' (did you mean 'warning'?)\n")
    assert runner.invoke(app, ["--lang", "nb", "check", "claims"]).stderr == (
        "expensecli: error: expensecli.toml:2: [severity] CA009 må være en av error, warning, info, men er 'warn'"
        " (mente du 'warning'?)\n")
    write(claims_here, 'fail_on = "warn"\n')
    assert check().stderr == ("expensecli: error: expensecli.toml:1: fail_on must be one of error, warning, info,"
                              " never, got 'warn' (did you mean 'warning'?)\n")


def test_the_files_own_lang_says_its_errors_unless_the_command_line_chooses(claims_here):
    write(claims_here, 'lang = "nb"\nfail_on = "warn"\n')
    assert check().stderr == ("expensecli: error: expensecli.toml:2: fail_on må være en av error, warning, info, never,"
                              " men er 'warn' (mente du 'warning'?)\n")
    english = runner.invoke(app, ["--lang", "en", "check", "claims"])
    assert english.stderr.startswith("expensecli: error: expensecli.toml:2: fail_on must be one of")
