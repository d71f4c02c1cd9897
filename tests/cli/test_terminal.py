"""At a terminal: long output through a pager (never when piped), `-o` says what it wrote, the
screen tells what happens after the progress bar, and `make demo` names the clean claims and
ends with where to read more."""

from __future__ import annotations

import io
import re

import pytest
from conftest import REPO
from rich.console import Console
from typer.testing import CliRunner

from expensecli.cli import output, pager
from expensecli.cli.main import _register, app
from expensecli.cli.pipeline import progress_bar, sources_of
from expensecli.load.discovery import expand
from expensecli.load.ratebook import load_ratebook
from expensecli.run.batch import Settings, check_sources

_register()
runner = CliRunner()
ARGS = ["check", "examples", "--as-of", "2024-05-01", "-f", "concise"]


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """Standard output is a terminal of 10 lines; the pager writes what it is given to a file."""
    monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("LINES", "10")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > '{paged}'")
    return paged


def test_long_output_on_a_terminal_goes_through_the_pager(terminal):
    result = runner.invoke(app, ARGS)
    assert result.exit_code == 1 and result.stdout == ""
    assert terminal.read_text().endswith("25 files, 21 errors, 5 warnings, 4 infos, 1 waived\n")


@pytest.mark.parametrize("extra, env", [(["--no-pager"], {}), ([], {"PAGER": ""}), ([], {"PAGER": "cat"})])
def test_no_pager_pager_empty_or_cat_print_directly(terminal, extra, env):
    result = runner.invoke(app, [*ARGS, *extra], env=env)
    assert result.stdout.endswith("25 files, 21 errors, 5 warnings, 4 infos, 1 waived\n")
    assert not terminal.exists()


@pytest.mark.parametrize("args", [ARGS, ["rates", "show", "2024"]])
@pytest.mark.parametrize("command", ["no-such-pager-here", "'/dev/null'"])
def test_a_pager_the_shell_cannot_find_or_run_prints_the_result(terminal, args, command):
    # A streamed check (held in a file) and a result made whole (a rate sheet); exit 127 and 126.
    expected = runner.invoke(app, [*args, "--no-pager"]).stdout
    result = runner.invoke(app, args, env={"PAGER": command})
    assert expected.count("\n") >= 10 and result.stdout == expected
    assert not terminal.exists()


def test_short_output_and_output_that_is_not_a_terminal_are_not_paged(terminal, monkeypatch):
    short = runner.invoke(app, ["check", "examples/catering/board-lunch.yaml", "-f", "concise"])
    assert short.stdout == "1 file, 0 errors, 0 warnings, 0 infos, 0 waived\n" and not terminal.exists()
    monkeypatch.setattr(pager, "stdout_is_terminal", lambda: False)
    assert runner.invoke(app, ARGS).stdout.count("\n") == 32 and not terminal.exists()


def test_the_pager_is_less_with_its_friendly_options_by_default(monkeypatch):
    monkeypatch.delenv("PAGER", raising=False)
    assert pager.pager_command() == "less"
    assert pager.pager_command({"PAGER": "most -s"}) == "most -s"


def test_output_file_prints_the_summary_on_a_terminal_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(output, "stderr_is_terminal", lambda: True)
    cases = {
        ("check", str(REPO / "examples")): "25 files, 21 errors, 5 warnings, 4 infos, 1 waived",
        ("deadlines", str(REPO / "examples" / "deadlines")):
            "6 claims with a deadline as of 2024-05-01: 2 late, 2 due soon, 1 pending, 1 submitted on time",
        ("status", str(REPO / "examples" / "deadlines")):
            "7 claims, 27 357.64 NOK; 1 returned, 1 unsubmitted past the deadline",
        ("catering", "report", str(REPO / "examples" / "catering")):
            "6 catering/representation expenses in 6 claims, 1 over the limit by 416.00 NOK in total",
    }
    for args, line in cases.items():
        result = runner.invoke(app, [*args, "--as-of", "2024-05-01", "-f", "json", "-o", "out.json"])
        assert (result.stdout, result.stderr) == ("", f"out.json: {line}\n"), args
        quiet = runner.invoke(app, [*args, "--as-of", "2024-05-01", "-f", "json", "-o", "out.json", "-q"])
        assert quiet.stderr == ""
    monkeypatch.setattr(output, "stderr_is_terminal", lambda: False)  # cron
    assert runner.invoke(app, ["check", str(REPO / "examples"), "-o", "out.json"]).stderr == ""


def test_after_the_bar_the_screen_says_what_is_happening(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal that redraws (on a dumb one rich shows no bar)
    said = []
    sources = sources_of(expand([str(REPO / "examples" / "catering")]), 5_000_000)
    settings = Settings(load_ratebook(), __import__("datetime").date(2024, 5, 1), 5_000_000)
    check_sources(sources, settings, 1, lambda done: said.append(done), note=said.append)
    assert said == [1] * 6 + ["comparing 6 claims with each other (duplicates, ids, special events)"]
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with progress_bar(6, True, console) as advance:
        advance(6)
        advance.note(said[-1])
    assert "comparing 6 claims with each other" in console.file.getvalue()


def test_make_demo_names_the_clean_claims_and_ends_with_a_hint():
    makefile = (REPO / "Makefile").read_text()
    demo = re.search(r"^demo:.*\n\t@?\$\(BIN\)/(expensecli [^;]*);", makefile, re.MULTILINE)[1]
    assert demo == "expensecli check examples/ --as-of 2024-05-01 --format table"
    result = runner.invoke(app, demo.split()[1:])
    lines = result.stdout.splitlines()
    assert lines[lines.index("No findings in 8 claims:"):][:10] == [
        "No findings in 8 claims:",
        "  examples/catering/board-lunch.yaml  R-2024-0412",
        "  examples/catering/home-hospitality.yaml  R-2024-0322",
        "  examples/catering/julebord-past-midnight.yaml  R-2024-0118",
        "  examples/catering/representation-foreign-guests.yaml  R-2024-0423",
        "  examples/catering/seminar-dinner-extended.yaml  R-2024-0419",
        "  examples/claims/employee-diett-travel.yaml  R-2024-0276",
        "  examples/claims/employee-equipment.yaml  R-2024-0301",
        "  examples/deadlines/employee-travel-pending.yaml  R-2024-0330",
        ""]
    assert lines[-2:] == ["25 files, 21 errors, 5 warnings, 4 infos, 1 waived",
                          "What a code checks: expensecli rules explain CODE (e.g. NE004); -f json adds the policy"
                          " sentence behind each finding"]


def test_many_clean_claims_are_named_up_to_twenty_and_counted(tmp_path):
    from conftest import CLEAN

    for n in range(25):
        (tmp_path / f"c{n:02d}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-01{n:02d}")
                                                 .replace("199.00", f"{200 + n}.00"))
    lines = runner.invoke(app, ["check", str(tmp_path), "-f", "table", "--as-of", "2024-05-01"]).stdout.splitlines()
    assert lines[0] == "No findings in 25 claims:"
    assert lines[1] == f"  {tmp_path}/c00.yaml  R-2024-0100" and lines[20] == f"  {tmp_path}/c19.yaml  R-2024-0119"
    assert lines[21:] == ["  and 5 more (-f json lists every claim)", "",
                          "25 files, 0 errors, 0 warnings, 0 infos, 0 waived"]


def test_pre_commit_hook_checks_the_claim_files_it_is_given(tmp_path):
    import yaml
    from conftest import CLEAN

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["language"], hook["require_serial"]) == ("expensecli-check", "python", True)
    pattern = re.compile(hook["files"])
    assert [bool(pattern.search(name)) for name in ("claims/a.yaml", "b.YML", "c.Yaml", "d.json", "yaml.txt")] == [
        True, True, True, False, False]
    command = hook["entry"].split()
    assert command[:2] == ["expensecli", "check"]
    (tmp_path / "good.yaml").write_text(CLEAN)
    (tmp_path / "bad.yaml").write_text(CLEAN.replace("199.00", "199.001"))
    assert runner.invoke(app, [*command[1:], str(tmp_path / "good.yaml")]).exit_code == 0
    refused = runner.invoke(app, [*command[1:], str(tmp_path / "good.yaml"), str(tmp_path / "bad.yaml")])
    assert refused.exit_code == 1 and "bad.yaml:14:13: LOAD004 [error]" in refused.stdout


def test_rules_explain_and_rates_show_are_paged_too(terminal):
    assert runner.invoke(app, ["rules", "explain", "CA001"]).stdout == ""
    assert terminal.read_text().startswith("CA001 [error] Catering above the limit per participant\n")
    assert runner.invoke(app, ["rates", "show", "2024"]).stdout == ""
    assert terminal.read_text().startswith("Rate sheet 2024: valid 2024-01-01 to 2024-12-31")
