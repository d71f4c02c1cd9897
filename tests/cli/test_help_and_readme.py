"""Every command has help text and is shown in the README."""

import re

import typer.main
from conftest import REPO

from expensecli.cli.main import COMMAND_MODULES, _register, app

_register()
README = (REPO / "README.md").read_text()


def commands(group, prefix=""):
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield full, command
            yield from commands(command, full + " ")
        else:
            yield full, command


def test_every_command_has_help_and_appears_in_the_readme():
    found = list(commands(typer.main.get_command(app)))
    assert {name.split()[0] for name, _ in found} == set(COMMAND_MODULES)
    for name, command in found:
        assert (command.help or "").strip(), f"{name} has no help text"
        assert re.search(rf"expensecli {re.escape(name)}\b", README), f"README does not show `expensecli {name}`"


def test_readme_quick_start_is_the_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, re.M) == ["make demo", "make test"]


# What every command that reads claims takes, so a cron job or the configuration file's keys
# (ledger, controllers, rates, ...) mean the same for each of them.
CLAIM_OPTIONS = {"--rates", "--as-of", "--fail-on", "--jobs", "--quiet", "--max-file-size", "--stdin-filename",
                 "--follow-links", "--ledger", "--controllers", "--output"}


def test_every_command_that_reads_claims_takes_the_claim_options():
    found = dict(commands(typer.main.get_command(app)))
    for name in ("check", "deadlines", "status", "catering report", "report"):
        given = {option for parameter in found[name].params for option in getattr(parameter, "opts", ())}
        assert CLAIM_OPTIONS <= given, f"{name} lacks {sorted(CLAIM_OPTIONS - given)}"


def test_the_formats_a_report_command_offers_in_its_help_are_those_it_writes():
    from expensecli.render.formats import CHECK, DEADLINES, STATUS

    found = dict(commands(typer.main.get_command(app)))
    for name, renderers in (("check", CHECK), ("deadlines", DEADLINES), ("status", STATUS)):
        (option,) = [p for p in found[name].params if "--format" in getattr(p, "opts", ())]
        offered = option.metavar.strip("<>").split("|") if option.metavar else list(option.type.choices)
        assert set(offered) == {f.value for f in renderers}, name


def test_ledger_option_says_what_the_command_does_with_the_ledger():
    found = dict(commands(typer.main.get_command(app)))

    def ledger_help(name):
        (option,) = [p for p in found[name].params if "--ledger" in getattr(p, "opts", ())]
        return option.help

    for name in ("check", "deadlines", "status", "catering report", "report"):
        assert ledger_help(name) == "Record the run in this ledger: a SQLite file, or a postgresql:// URL.", name
    for name in ("ledger info", "ledger diff", "ledger prune", "ledger export", "waive", "waivers list"):
        assert ledger_help(name) == "The ledger: a SQLite file, or a postgresql:// URL.", name
