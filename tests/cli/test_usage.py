"""What a person typing the command meets: one error style, the program's options anywhere, real
metavars, help that speaks of the command it is in, `--output-format`, `rules explain -f json`,
and a word about an `--as-of` far ahead."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import CLEAN
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli import main as cli_main
from expensecli.cli.main import _register, app
from expensecli.cli.usage import hoisted

_register()
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("args, line", [
    (["check"], "missing argument 'PATH...' (see expensecli check --help)"),
    (["check", "x", "--formt", "json"], "no such option: --formt; did you mean --format, --output-format? (see"
                                        " expensecli check --help)"),
    (["check", "x", "-f", "xml"], "invalid value for '--format' / '--output-format' / '-f': 'xml' is not one of"
                                  " 'table', 'concise', 'json', 'jsonl', 'csv', 'junit', 'xlsx' (see expensecli check --help)"),
    (["chek", "x"], "no such command 'chek'; did you mean 'check', 'schema'? (see expensecli --help)"),
    (["catering", "quote", "--servings", "3"], "invalid value for '--servings': 3 is not in the range 1<=x<=2"
                                               " (see expensecli catering quote --help)"),
    (["check", "x", "--as-of", "2024-02-30"], "--as-of 2024-02-30 is not a real date: day is out of range for month"),
    # what was typed is shown with its control characters escaped: it cannot ring or clear the terminal
    (["rules", "explain", "A\x07\x1b[2J"], "unknown rule code 'A\\x07\\x1b[2J' (expensecli rules list shows them all)"),
    (["check", "x", "-j", "\x1b[2J"], "invalid value for '--jobs' / '-j': '\\x1b[2J' is not a valid int range (see"
                                       " expensecli check --help)"),
    (["check", "x", "--select", "\x00"], "--select: no rule code starts with \\x00 (expensecli rules list shows"
                                         " them)"),
    (["check", "x", "--select", "CA01X"], "--select: no rule code starts with CA01X (did you mean CA011?)"),
    (["check", "x", "--select", "CA", "--ignore", "DOC5"], "--ignore: no rule code starts with DOC5 (did you mean"
                                                           " DOC005?)"),
    (["check", "x", "--max-file-size", "0K"], "--max-file-size '0K': give bytes or a size such as 500K or 5MB"),
    # digits other than ASCII, as the configuration file refuses them
    (["check", "x", "--max-file-size", "\uff15MB"], "--max-file-size '\uff15MB': give bytes or a size such as 500K or 5MB"),
])
def test_usage_errors_are_one_line_in_the_style_of_every_error(args, line):
    result = invoke(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"expensecli: error: {line}\n")


def test_usage_errors_through_the_entry_point_are_one_line_too(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["expensecli", "new", "claim", "--kind", "trip"])
    with pytest.raises(SystemExit) as done:
        cli_main.run()
    assert (done.value.code, capsys.readouterr().err) == (
        2, "expensecli: error: invalid value for '--kind': 'trip' is not one of 'travel', 'reimbursement'"
           " (see expensecli new claim --help)\n")


def test_no_command_shows_the_help():
    result = invoke()
    assert result.stderr.startswith("Usage: expensecli [OPTIONS] COMMAND [ARGS]...")


def test_the_programs_own_options_are_moved_before_the_command():
    assert hoisted(["check", "x", "--traceback", "--config", "c.toml", "-f", "json", "--no-pager"]) == [
        "--traceback", "--config", "c.toml", "--no-pager", "check", "x", "-f", "json"]
    assert hoisted(["check", "--", "--traceback"]) == ["check", "--", "--traceback"]  # a file named so
    assert hoisted(["check", "x", "--config=c.toml", "--isolated"]) == ["--config=c.toml", "--isolated", "check", "x"]


def test_traceback_after_the_command_shows_the_error(tmp_path, monkeypatch, capsys):
    import expensecli.cli.check_cmd as check_cmd
    import expensecli.cli.streaming as streaming

    def explode(*_args, **_kwargs):
        raise ValueError("a defect")

    (tmp_path / "c.yaml").write_text(CLEAN)
    monkeypatch.setattr(check_cmd, "CHECK", {chosen: explode for chosen in check_cmd.CHECK})
    monkeypatch.setattr(streaming, "streamed", explode)  # a defect of the streamed path too
    monkeypatch.setattr(sys, "argv", ["expensecli", "check", str(tmp_path / "c.yaml"), "--traceback"])
    with pytest.raises(ValueError, match="a defect"):
        cli_main.run()


def test_output_format_is_an_alias_of_format(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN)
    for name in ("-f", "--format", "--output-format"):
        result = invoke("check", str(tmp_path / "c.yaml"), name, "jsonl", "--as-of", "2024-05-01")
        assert json.loads(result.stdout)["id"] == "R-2024-0001"
    assert json.loads(invoke("rules", "list", "--output-format", "json").stdout)["version"] == 1


def help_of(*command: str) -> str:
    return " ".join(runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).stdout.split())


def test_catering_quote_help_names_the_sheet_factors_not_one_year_s_figures():
    """The factors are the rate sheet's of the event's date: the help names their keys."""
    text = help_of("catering", "quote")
    assert "catering.external_venue_factor" in text and "representation.foreign_guests_factor" in text
    assert not re.search(r"\d+ ?%", text)


def test_help_shows_real_metavars():
    text = help_of("check")
    assert text.startswith("Usage: expensecli check [OPTIONS] PATH...")
    for shown in ("--rates DIR|FILE", "--as-of YYYY-MM-DD", "-o, --output FILE", "--select CODES", "--ignore CODES",
                  "-j, --jobs N", "--max-file-size SIZE", "--stdin-filename NAME",
                  "-f, --format, --output-format <table|concise|json|jsonl|csv|junit|xlsx>"):
        assert shown in text, shown
    assert "Usage: expensecli rules explain [OPTIONS] CODE" in help_of("rules", "explain")
    assert "--config PATH" in help_of()


def test_each_command_describes_its_own_options():
    assert "--as-of YYYY-MM-DD Date to judge deadlines and future-dated expenses by" in help_of("check")
    assert "--as-of YYYY-MM-DD Date the deadlines are judged by" in help_of("deadlines")
    report = help_of("catering", "report")
    assert "--as-of YYYY-MM-DD Date the claims are checked as of; each event's limit comes from" in report
    assert "Exit 1 when a catering or representation finding (CA, RP)" in report
    assert "Exit 1 when a deadline finding (DL001-DL003)" in help_of("status")
    assert "count their findings by severity" in help_of("status")
    assert "Print only the findings: no summary, no list of claims without findings" in help_of("check")


@freeze_time("2024-05-01")  # the figures are those of the sheet covering today
def test_rules_explain_as_json():
    document = json.loads(invoke("rules", "explain", "ca009", "-f", "json").stdout)
    assert list(document) == ["version", "code", "severity", "title", "checks", "source", "figures", "example"]
    assert (document["code"], document["severity"], document["title"]) == (
        "CA009", "warning", "External venue without a reason")
    assert document["figures"]["values"] == []
    example = document["example"]
    assert [finding["code"] for finding in example["reported"]] == ["CA009"]
    assert example["reported"][0]["file"] == "fail.yaml" and example["pass"][0].startswith("id: ")
    ca001 = json.loads(invoke("rules", "explain", "CA001", "-f", "json").stdout)
    assert ca001["figures"]["values"][0] == {"path": "catering.short", "value": "224"}


@freeze_time("2024-05-01")
def test_an_as_of_more_than_a_year_ahead_gets_a_warning(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN)
    for far in ("2025-05-03", "2042-05-01"):  # 367 days ahead, and a typo for 2024
        result = invoke("check", str(tmp_path / "c.yaml"), "--as-of", far, "-q", "-f", "concise")
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == (f"expensecli: warning: --as-of {far} is more than a year after today (2024-05-01);"
                                 " deadlines are judged as of that day\n")
    for near in ("2025-05-02", "2025-03-01", "2024-05-01", "2020-01-01"):  # 366 days ahead at most, or the past
        assert invoke("check", str(tmp_path / "c.yaml"), "--as-of", near, "-q").stderr == "", near
