"""`expensecli rates list | show [YEAR] | check FILE...`: the rate sheets in use, one sheet as
tables, and validation of new sheet files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from expensecli.cli.main import app
from expensecli.cli.options import Rates
from expensecli.cli.rules_cmd import ListFormat
from expensecli.cli.usage import Command

rates_app = typer.Typer(help="The yearly rate sheets: which are found, their figures, and checks of new ones.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rates_app, name="rates")


@rates_app.command("list")
def list_sheets(rates: Rates = None,
                format: Annotated[ListFormat, typer.Option("--format", "--output-format", "-f", help="table or json.")]
                = ListFormat.table) -> None:
    """The bundled sheets and those of --rates: year, validity period, whether in use, file."""
    from expensecli.cli.configured import rates_problem
    from expensecli.cli.main import fail
    from expensecli.load.ratebook import RateSheetError
    from expensecli.load.ratesheets import found_sheets
    from expensecli.render.ratesheets import sheets_json, sheets_table

    try:
        found = found_sheets(rates)
    except RateSheetError as error:
        raise fail(rates_problem(error)) from None
    typer.echo((sheets_json if format is ListFormat.json else sheets_table)(found), nl=False)


@rates_app.command("show")
def show_sheet(year: Annotated[Optional[int], typer.Argument(
                   metavar="YEAR",
                   help="The sheet's year (default: the sheet covering today, else the latest).",
                   show_default=False)] = None,
               rates: Rates = None) -> None:
    """One sheet as tables: catering (as on the policy page), representation, working hours,
    deadlines, Betalmeg."""
    import datetime as dt

    from expensecli.cli.main import fail
    from expensecli.cli.pipeline import rate_book
    from expensecli.core.i18n import tr
    from expensecli.render.ratesheets import sheet_text
    from expensecli.report.explain import current_sheet

    book = rate_book(rates)
    if year is None:
        sheet, file = current_sheet(book, dt.date.today())
    else:
        pairs = [(s, f) for s, f in zip(book.sheets, book.files) if s.year == year]
        if not pairs:
            years = ", ".join(str(s.year) for s in book.sheets)
            raise fail(tr("no rate sheet for {year}; sheets found: {years} (expensecli rates list)",
                          year=year, years=years))
        sheet, file = pairs[0]
    from expensecli.cli.output import write_result

    write_result(sheet_text(sheet, file), None)  # through the pager at a terminal


@rates_app.command("check", cls=Command)
def check_sheets(files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Rate sheet files or folders to validate.", show_default=False)]) -> None:
    """Validate rate sheet files: every problem with file and line; exit 2 when any sheet is bad."""
    from expensecli.load.ratesheets import check_sheet_files
    from expensecli.render.ratesheets import sheet_check_text

    checks = check_sheet_files(files)
    typer.echo(sheet_check_text(checks), nl=False)
    if any(check.error for check in checks):
        raise typer.Exit(2)
