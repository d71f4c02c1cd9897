"""`expensecli report PATH... -o report.html`: the one page a manager reads.

Checks the claims like `check` (same options), then writes a self-contained HTML page:
headline figures, charts with their numbers, and the claims that need action. Jinja2 and
pygal are imported here, when the command runs, so no other command pays for them. The exit
code follows `--fail-on` like `check`, so a nightly job can both publish the page and notice.
With `--ledger`, the run is recorded like `check`'s and the page adds two charts of the
ledger's run history (open findings per run; new and resolved findings per run).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Annotated

import typer

from expensecli.cli.main import app, fail
from expensecli.cli.options import (
    AsOf,
    Controllers,
    FailOn,
    FailOnOpt,
    FollowLinks,
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
from expensecli.cli.output import write_result
from expensecli.cli.pipeline import run_claims
from expensecli.core.i18n import mark, ntr, tr

DEFAULT_TITLE = mark("Expense claims")  # the page's heading in the language of the run unless --title is given
Title = Annotated[str, typer.Option("--title", help="The page's heading (e.g. the faculty's name).")]


@app.command()
def report(paths: Paths, output: Output = None, rates: Rates = None, as_of: AsOf = None, select: Select = None,
           ignore: Ignore = None, fail_on: FailOnOpt = FailOn.error, jobs: Jobs = None,
           no_progress: NoProgress = False, quiet: Quiet = False, max_file_size: MaxFileSize = "5MB",
           stdin_filename: StdinFilename = None, follow_links: FollowLinks = False,
           title: Title = DEFAULT_TITLE, ledger: Ledger = None, controllers: Controllers = None) -> None:
    """One self-contained HTML page for a manager: headline figures, charts, the claims that need action."""
    if output is None and sys.stdout.isatty():
        raise fail(tr("report writes an HTML page: give -o FILE.html (or redirect stdout to a file)"))
    progress = not (no_progress or quiet) and sys.stderr.isatty()
    run = run_claims(paths, rates=rates, as_of=as_of, select=select, ignore=ignore, max_file_size=max_file_size,
                     stdin_filename=stdin_filename, jobs=jobs, follow_links=follow_links, progress=progress,
                     ledger=ledger, controllers=controllers, command="report", output=output)
    history = run_history(ledger) if ledger else None
    from expensecli.run.collector import collector_paused

    def page(view) -> str:
        from expensecli.render.html import render_report
        from expensecli.report.overview import build_overview

        return render_report(build_overview(view.reports, view.as_of, history),
                             title=None if title == DEFAULT_TITLE else title)

    with collector_paused():  # a defect rendering one claim costs that claim a finding (run.guard)
        text, reports = run.render({"html": page}, "html")
    write_result(text, output)
    if output is not None and not quiet:
        typer.echo(ntr("wrote {output}: {count} file as of {as_of}", "wrote {output}: {count} files as of {as_of}",
                       len(run.reports), output=output, as_of=run.as_of), err=True)
    raise typer.Exit(replace(run, reports=reports).exit_code(fail_on))


def run_history(target: str) -> list:
    """The ledger's recorded runs (this one included), oldest first, as the report's charts need them."""
    from expensecli.cli.pipeline import ledger_call, open_ledger

    journal = open_ledger(target)
    try:
        return ledger_call(journal.history)
    finally:
        journal.engine.dispose()
