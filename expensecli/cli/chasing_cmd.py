"""`expensecli deadlines PATH...` and `expensecli status PATH...`: the reports controllers chase claims with.

Both read and check claims like `check` does (same options), then report on the results.
Their exit code follows `--fail-on` over the deadline findings (DL001-DL003) only: a report
fails a pipeline for breached deadlines, not for every finding `check` would give.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Optional

import typer

from expensecli.cli.configured import from_configuration
from expensecli.cli.main import app, fail
from expensecli.cli.options import (
    Color,
    ColorOpt,
    Controllers,
    FailOn,
    FollowLinks,
    FormatOpt,
    Ignore,
    Jobs,
    Ledger,
    MaxFileSize,
    NoProgress,
    Output,
    Paths,
    Rates,
    Select,
    StdinFilename,
    as_of_option,
    fail_on_option,
    quiet_option,
)
from expensecli.cli.output import default_format, refuse_binary_to_terminal, table_width, use_color, write_result
from expensecli.cli.pipeline import ClaimRun, exit_code, run_claims, show_progress
from expensecli.cli.usage import Command
from expensecli.core.i18n import tr
from expensecli.render import Format
from expensecli.render.formats import DEADLINES, STATUS, formats_of
from expensecli.render.summaries import deadlines_summary, status_summary_line
from expensecli.report.chasing import GroupBy

AsOf = as_of_option("Date the deadlines are judged by: late, due soon, days left (default: today).")
FailOnOpt = fail_on_option("Exit 1 when a deadline finding (DL001-DL003) at or above this severity is reported;"
                           " other findings do not count.")
Quiet = quiet_option("Print only the report: no summary lines.")
Within = Annotated[Optional[int], typer.Option("--within", min=0, metavar="DAYS",
                                               help="Only breaches and unsubmitted claims due within DAYS days.")]
GroupByOpt = Annotated[Optional[GroupBy], typer.Option(
    "--group-by", help="Also total the claims, and count their findings by severity, by this field.")]


def _run(paths, chosen: Format, no_progress: bool, quiet: bool, **options) -> ClaimRun:
    return run_claims(paths, progress=show_progress(chosen, no_progress, quiet), **options)


def _format(chosen: Format | None, output) -> Format:
    chosen = chosen or default_format(output, Format.table, Format.concise)
    if chosen is Format.xlsx:
        refuse_binary_to_terminal(output)
    return chosen


def deadline_exit_code(run: ClaimRun, fail_on: str) -> int:
    """`--fail-on` judged over the DL findings only."""
    only_dl = [replace(r, findings=tuple(f for f in r.findings if f.code.startswith("DL"))) for r in run.reports]
    return exit_code(only_dl, fail_on)


@app.command(cls=Command)
def deadlines(paths: Paths, within: Within = None, rates: Rates = None, as_of: AsOf = None,
              format: FormatOpt = None, output: Output = None, select: Select = None, ignore: Ignore = None,
              fail_on: FailOnOpt = FailOn.error, jobs: Jobs = None, no_progress: NoProgress = False,
              quiet: Quiet = False, color: ColorOpt = Color.auto, max_file_size: MaxFileSize = "5MB",
              stdin_filename: StdinFilename = None, follow_links: FollowLinks = False,
              ledger: Ledger = None, controllers: Controllers = None) -> None:
    """Deadline per claim, breaches (days late) first, then claims due soon, then the rest."""
    chosen = _format(format, output)
    run = _run(paths, chosen, no_progress, quiet, rates=rates, as_of=as_of, select=select, ignore=ignore,
               max_file_size=max_file_size, stdin_filename=stdin_filename, jobs=jobs, follow_links=follow_links,
               ledger=ledger, controllers=controllers, command="deadlines", output=output)
    text, reports = run.render(DEADLINES, chosen, quiet=quiet, color=output is None and use_color(color),
                               within=within, width=table_width(output))
    summary = None if quiet or output is None else deadlines_summary(reports, run.as_of, within)
    write_result(text, output, summary)
    raise typer.Exit(deadline_exit_code(replace(run, reports=reports), fail_on))


# status has every format but junit; the type stays the shared one, so that a configuration file's
# `format = "junit"` (meant for check) gives status its own default instead of an error.
StatusFormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "--output-format", "-f", metavar="<" + "|".join(f.value for f in Format if f is not Format.junit) + ">",
    help="Output format (default: table on a terminal, else concise).")]


@app.command(cls=Command)
def status(context: typer.Context, paths: Paths, group_by: GroupByOpt = None, rates: Rates = None,
           as_of: AsOf = None, format: StatusFormatOpt = None, output: Output = None, select: Select = None,
           ignore: Ignore = None, fail_on: FailOnOpt = FailOn.error, jobs: Jobs = None, no_progress: NoProgress = False,
           quiet: Quiet = False, color: ColorOpt = Color.auto, max_file_size: MaxFileSize = "5MB",
           stdin_filename: StdinFilename = None, follow_links: FollowLinks = False,
           ledger: Ledger = None, controllers: Controllers = None) -> None:
    """Claims by status with counts and NOK totals; returned claims and unsubmitted ones past their deadline."""
    chosen = _format(format, output)
    if chosen not in STATUS and from_configuration(context, "format"):  # the file's format is for other reports
        chosen = _format(None, output)
    if chosen not in STATUS:
        raise fail(tr("status has no {format} format; use {formats}", format=chosen, formats=formats_of(STATUS)))
    run = _run(paths, chosen, no_progress, quiet, rates=rates, as_of=as_of, select=select, ignore=ignore,
               max_file_size=max_file_size, stdin_filename=stdin_filename, jobs=jobs, follow_links=follow_links,
               ledger=ledger, controllers=controllers, command="status", output=output)
    text, reports = run.render(STATUS, chosen, quiet=quiet, color=output is None and use_color(color),
                               group_by=group_by, width=table_width(output))
    summary = None if quiet or output is None else status_summary_line(reports)
    write_result(text, output, summary)
    raise typer.Exit(deadline_exit_code(replace(run, reports=reports), fail_on))
