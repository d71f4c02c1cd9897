"""`expensecli check PATH...`: every finding for every claim, in the chosen format; with `--statistics`,
a count per code instead (`render.statistics`), for a batch too large to read finding by finding."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from expensecli.cli.main import app, fail
from expensecli.cli.options import (
    AsOf,
    Color,
    ColorOpt,
    Controllers,
    FailOn,
    FailOnOpt,
    FollowLinks,
    FormatOpt,
    Ignore,
    Jobs,
    Ledger,
    MaxFileSize,
    NoProgress,
    Output,
    Paths,
    Quiet,
    Rates,
    Select,
    StdinFilename,
)
from expensecli.cli.output import default_format, refuse_binary_to_terminal, table_width, use_color, write_result
from expensecli.cli.pipeline import run_claims, show_progress
from expensecli.cli.streaming import stream_check, streams
from expensecli.cli.usage import Command
from expensecli.core.i18n import tr
from expensecli.render import Format
from expensecli.render.formats import CHECK, STATISTICS
from expensecli.render.summaries import check_summary
from expensecli.run.collector import collector_paused

Statistics = Annotated[bool, typer.Option(
    "--statistics", help="Instead of every finding, how many of each code (with its severity and title), most"
                         " frequent first; in every format.")]
OnlyNew = Annotated[bool, typer.Option("--only-new", help="Report only the findings the ledger sees for the first"
                                                           " time in this run (needs --ledger).")]



@app.command(cls=Command)
def check(paths: Paths, rates: Rates = None, as_of: AsOf = None, format: FormatOpt = None,
          output: Output = None, select: Select = None, ignore: Ignore = None,
          fail_on: FailOnOpt = FailOn.error, jobs: Jobs = None, no_progress: NoProgress = False,
          quiet: Quiet = False, color: ColorOpt = Color.auto, max_file_size: MaxFileSize = "5MB",
          stdin_filename: StdinFilename = None, follow_links: FollowLinks = False,
          statistics: Statistics = False, ledger: Ledger = None, only_new: OnlyNew = False,
          controllers: Controllers = None) -> None:
    """Validate claim files and report every finding with its location and policy source."""
    if only_new and not ledger:
        raise fail(tr("--only-new needs a ledger to know what is new: give --ledger PATH|URL"))
    chosen = format or default_format(output, Format.table, Format.concise)
    if chosen is Format.xlsx:
        refuse_binary_to_terminal(output)
    if streams(ledger, chosen, statistics, only_new):
        raise typer.Exit(stream_check(
            paths, chosen, output, jobs=jobs, progress=show_progress(chosen, no_progress, quiet), quiet=quiet,
            color=use_color(color) and output is None, width=table_width(output), fail_on=fail_on, rates=rates,
            as_of=as_of, select=select, ignore=ignore, max_file_size=max_file_size, stdin_filename=stdin_filename,
            follow_links=follow_links, controllers=controllers, statistics=statistics, ledger=ledger))
    run = run_claims(paths, rates=rates, as_of=as_of, select=select, ignore=ignore,
                     max_file_size=max_file_size, stdin_filename=stdin_filename, jobs=jobs, follow_links=follow_links,
                     progress=show_progress(chosen, no_progress, quiet),
                     render=None if statistics else per_claim(chosen), ledger=ledger, controllers=controllers,
                     output=output)
    if only_new:
        run = run.only_new()
    shown = use_color(color) and output is None
    with collector_paused():  # rendering ten thousand claims makes many dicts and no cycles
        text, reports = run.render(STATISTICS if statistics else CHECK, chosen, quiet=quiet, color=shown,
                                   width=table_width(output))
    summary = None if quiet or output is None else check_summary(reports)
    write_result(text, output, summary)
    raise typer.Exit(replace(run, reports=reports).exit_code(fail_on))


def per_claim(chosen: Format):
    """For json and jsonl, the text of one claim given the as-of date: made in the workers, so the
    end of a large run has less left to do."""
    from functools import partial

    from expensecli.render import claims_json

    if chosen is Format.json:
        return lambda as_of: claims_json.claim_text
    if chosen is Format.jsonl:
        return lambda as_of: partial(claims_json.claim_line, as_of)
    return None
