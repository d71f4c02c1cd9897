"""`expensecli catering quote` (the limit for an event, before it) and `catering report PATH...`.

`quote` imports only the rate-sheet loader and the limit arithmetic, so it starts quickly;
the claim machinery is imported by `report` when it runs.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

from expensecli.cli.main import app, fail
from expensecli.cli.options import (
    Controllers,
    FailOn,
    FollowLinks,
    Jobs,
    Ledger,
    MaxFileSize,
    Output,
    Paths,
    Rates,
    StdinFilename,
    as_of_option,
    quiet_option,
)
from expensecli.cli.usage import Command
from expensecli.models.enums import EventType, RepresentationKind

catering_app = typer.Typer(name="catering", no_args_is_help=True,
                           help="Catering and representation limits: quote one event, or report on claims.")
app.add_typer(catering_app, name="catering")


class QuoteFormat(StrEnum):
    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    concise = "concise"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


Hours = Annotated[Optional[str], typer.Option("--hours", metavar="H",
                                              help="How long the event lasts, in hours (e.g. 2.5).")]
Start = Annotated[Optional[str], typer.Option("--start", metavar="HH:MM", help="Start time (with --end).")]
End = Annotated[Optional[str], typer.Option("--end", metavar="HH:MM", help="End time (with --start).")]
Day = Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD",
                                            help="Event date: picks the rate sheet and the working hours (default: today).")]
External = Annotated[bool, typer.Option(
    "--external", help="External eating place: the tier's rate times the sheet's catering.external_venue_factor.")]
Servings = Annotated[int, typer.Option("--servings", min=1, max=2, help="Servings: 2 on a long event.")]
BeyondHours = Annotated[bool, typer.Option("--beyond-hours",
                                            help="The event reaches beyond ordinary working hours.")]
Participants = Annotated[Optional[int], typer.Option("--participants", metavar="N", min=1,
                                                     help="Also show the total for N participants.")]
Kind = Annotated[EventType, typer.Option("--type", help="Kind of event.")]
Representation = Annotated[Optional[RepresentationKind], typer.Option(
    "--representation", help="Representation: meal (lunch/dinner) or simple (simpler lunch/reception).")]
ForeignGuests = Annotated[bool, typer.Option(
    "--foreign-guests",
    help="High-level foreign guests: the rate times the sheet's representation.foreign_guests_factor.")]
Country = Annotated[Optional[str], typer.Option("--country", metavar="CC",
                                                help="Country served in (abroad: the country's kostsats).")]
Extended = Annotated[bool, typer.Option("--extended", help="The extended rate, approved on application.")]
QuoteFormatOpt = Annotated[QuoteFormat, typer.Option("--format", "--output-format", "-f", help="Output format.")]
ReportFormatOpt = Annotated[Optional[ReportFormat], typer.Option(
    "--format", "--output-format", "-f", help="Output format (default: table on a terminal, else concise).")]
AsOf = as_of_option("Date the claims are checked as of; each event's limit comes from the rate sheet of its own"
                    " date (default: today).")
Quiet = quiet_option("Print only the rows: no summary lines.")


@catering_app.command()
def quote(hours: Hours = None, start: Start = None, end: End = None, date: Day = None, external: External = False,
          servings: Servings = 1, beyond_hours: BeyondHours = False, participants: Participants = None,
          type: Kind = EventType.meeting, representation: Representation = None,
          foreign_guests: ForeignGuests = False, country: Country = None, extended: Extended = False,
          rates: Rates = None, format: QuoteFormatOpt = QuoteFormat.table) -> None:
    """The limit per participant for an event, with the arithmetic, the rate sheet and the policy."""
    from expensecli.cli.configured import rates_problem
    from expensecli.core.i18n import tr
    from expensecli.core.values import ValueProblem, parse_date
    from expensecli.load.ratebook import RateSheetError, load_ratebook
    from expensecli.models.ratebook import valid_period
    from expensecli.policy.quote import quote as make_quote
    from expensecli.policy.quoted_event import QuoteProblem, event_facts
    from expensecli.render.events import render_quote_json, render_quote_text

    try:
        day = parse_date(date, "--date") if date is not None else dt.date.today()
        facts = event_facts(type, day, hours, start, end, external, servings, beyond_hours, extended,
                            representation, foreign_guests, country)
        choice = load_ratebook(rates).choose(day)
    except (ValueProblem, QuoteProblem) as problem:
        raise fail(str(problem)) from None
    except RateSheetError as error:
        raise fail(rates_problem(error)) from None
    sheet = choice.sheet
    if not choice.exact:
        typer.echo("expensecli: " + tr("no rate sheet covers {day}; the {sheet} sheet (valid {valid}) is used",
                                       day=day, sheet=sheet.year, valid=valid_period(sheet)), err=True)

    result = make_quote(sheet, facts, participants)
    sys.stdout.write(render_quote_json(result) if format is QuoteFormat.json else render_quote_text(result))


ReportFailOn = Annotated[FailOn, typer.Option(
    "--fail-on", help="Exit 1 when a catering or representation finding (CA, RP) at or above this severity is"
                      " reported, e.g. a cost over the limit (CA001, RP001).")]
LIMIT_CODES = ("CA", "RP")


@catering_app.command(cls=Command)
def report(paths: Paths, rates: Rates = None, as_of: AsOf = None, format: ReportFormatOpt = None,
           output: Output = None, fail_on: ReportFailOn = FailOn.error, jobs: Jobs = None, quiet: Quiet = False,
           max_file_size: MaxFileSize = "5MB", stdin_filename: StdinFilename = None,
           follow_links: FollowLinks = False, ledger: Ledger = None, controllers: Controllers = None) -> None:
    """Every catering and representation expense: participants, cost per participant, limit, excess."""
    from dataclasses import replace

    from expensecli.cli.output import default_format, refuse_binary_to_terminal, table_width, write_result
    from expensecli.cli.pipeline import exit_code, run_claims
    from expensecli.render import Format
    from expensecli.render.formats import CATERING
    from expensecli.render.summaries import catering_summary

    chosen = format or default_format(output, ReportFormat.table, ReportFormat.concise)
    if chosen is ReportFormat.xlsx:
        refuse_binary_to_terminal(output)
    run = run_claims(paths, rates=rates, as_of=as_of, select=None, ignore=None, max_file_size=max_file_size,
                     stdin_filename=stdin_filename, jobs=jobs, follow_links=follow_links, ledger=ledger,
                     controllers=controllers, command="catering report", output=output)
    text, reports = run.render(CATERING, Format(chosen.value), quiet=quiet, width=table_width(output))
    summary = None if quiet or output is None else catering_summary(reports)
    write_result(text, output, summary)
    limits = [replace(r, findings=tuple(f for f in r.findings if f.code.startswith(LIMIT_CODES))) for r in reports]
    raise typer.Exit(exit_code(limits, fail_on))
