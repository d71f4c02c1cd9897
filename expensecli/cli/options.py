"""Options shared by the commands that read claims (spec/cli.md), defined once."""

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


Paths = Annotated[list[str], typer.Argument(help="Claim files, folders (searched for *.yaml/*.yml), globs, or - for stdin.",
                                            show_default=False)]
Rates = Annotated[Optional[Path], typer.Option("--rates", help="Rate sheet folder or file (default: the bundled sheets).")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", help="Date to judge deadlines by, YYYY-MM-DD (default: today).")]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format (default: table on a terminal, else concise).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the result to FILE (atomically) instead of stdout.")]
Select = Annotated[Optional[str], typer.Option("--select", help="Only these codes or prefixes, comma-separated (e.g. CA,DL001).")]
Ignore = Annotated[Optional[str], typer.Option("--ignore", help="Leave out these codes or prefixes, comma-separated.")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity is reported.")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: number of cores).")]
NoProgress = Annotated[bool, typer.Option("--no-progress", help="No progress bar.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings, no summary.")]
ColorOpt = Annotated[Color, typer.Option("--color", help="Colour in human formats; NO_COLOR and FORCE_COLOR are honoured in auto.")]
MaxFileSize = Annotated[str, typer.Option("--max-file-size", help="Larger files are reported as LOAD001 (bytes, or e.g. 500K, 5MB).")]
Ledger = Annotated[Optional[str], typer.Option(
    "--ledger", envvar="EXPENSECLI_LEDGER", metavar="PATH|URL",
    help="Record the run in this ledger: a SQLite file, or a postgresql:// URL (also EXPENSECLI_LEDGER).")]
Controllers = Annotated[Optional[str], typer.Option(
    "--controllers", envvar="EXPENSECLI_CONTROLLERS", metavar="NAMES",
    help="Comma-separated names of the controllers; a claim-file waiver by anyone else is not applied (WV002).")]
StdinFilename = Annotated[Optional[str], typer.Option("--stdin-filename", help="Name to show for the claim read from stdin (attachments resolve from its folder).")]
FollowLinks = Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that point outside the folders given (default: LOAD001).")]
