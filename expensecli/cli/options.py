"""Options shared by the commands that read claims (spec/cli.md), defined once.

Each has a real metavar (`PATH`, `YYYY-MM-DD`, `CODES`) and help that says what it does in the
command it belongs to: `--as-of`, `--fail-on` and `--quiet` mean a little different things in
`check`, the chasing reports and `catering report`, so each has its own wording there. Any of
them may also come from the configuration file (`configured`); the command line wins.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from expensecli.render import Format


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def as_of_option(help: str):
    return Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help=help)]


def fail_on_option(help: str):
    return Annotated[FailOn, typer.Option("--fail-on", help=help)]


def quiet_option(help: str):
    return Annotated[bool, typer.Option("--quiet", "-q", help=help)]


def _noted(context: typer.Context, param: typer.CallbackParam, value: Optional[str]) -> Optional[str]:
    """Notes whether the value came from the configuration file, so that a problem with it is said
    at the file's line (`configured.where_configured`)."""
    from expensecli.cli.configured import noted

    return noted(context, param, value)


Paths = Annotated[list[str], typer.Argument(
    metavar="PATH...", help="Claim files, folders (searched for *.yaml/*.yml in any letter case), globs, or - for"
                            " stdin.", show_default=False)]
Rates = Annotated[Optional[Path], typer.Option("--rates", metavar="DIR|FILE", callback=_noted,
                                               help="Rate sheet folder or file (default: the bundled sheets).")]
AsOf = as_of_option("Date to judge deadlines and future-dated expenses by (default: today).")
FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "--output-format", "-f", help="Output format (default: table on a terminal, else concise).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                                help="Write the result to FILE (atomically) instead of stdout.")]
Select = Annotated[Optional[str], typer.Option("--select", metavar="CODES",
                                               help="Only these codes or prefixes, comma-separated (e.g. CA,DL001).")]
Ignore = Annotated[Optional[str], typer.Option("--ignore", metavar="CODES",
                                               help="Leave out these codes or prefixes, comma-separated.")]
FailOnOpt = fail_on_option("Exit 1 when a finding at or above this severity is reported.")
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N",
                                             help="Worker processes (default: number of cores).")]
NoProgress = Annotated[bool, typer.Option("--no-progress", help="No progress bar.")]
Quiet = quiet_option("Print only the findings: no summary, no list of claims without findings.")
ColorOpt = Annotated[Color, typer.Option("--color", help="Colour in human formats; NO_COLOR and FORCE_COLOR are honoured in auto.")]
MaxFileSize = Annotated[str, typer.Option("--max-file-size", metavar="SIZE",
                                          help="Larger files are reported as LOAD001 (bytes, or e.g. 500K, 5MB).")]
Ledger = Annotated[Optional[str], typer.Option(
    "--ledger", envvar="EXPENSECLI_LEDGER", metavar="PATH|URL", callback=_noted,
    help="Record the run in this ledger: a SQLite file, or a postgresql:// URL.")]
# The ledger commands read or change a ledger; they record no run.
LedgerUsed = Annotated[Optional[str], typer.Option(
    "--ledger", envvar="EXPENSECLI_LEDGER", metavar="PATH|URL", callback=_noted,
    help="The ledger: a SQLite file, or a postgresql:// URL.")]
Controllers = Annotated[Optional[str], typer.Option(
    "--controllers", envvar="EXPENSECLI_CONTROLLERS", metavar="NAMES",
    help="Comma-separated names of the controllers; a claim-file waiver by anyone else is not applied (WV002).")]
StdinFilename = Annotated[Optional[str], typer.Option("--stdin-filename", metavar="NAME", help="Name to show for the claim read from stdin (attachments resolve from its folder).")]
FollowLinks = Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that point outside the folders given (default: LOAD001).")]
