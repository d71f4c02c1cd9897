"""`expensecli ledger info|diff|prune|export`, `expensecli waive`, `expensecli waivers list`.

The commands that look after a ledger and record the controllers' waivers in it. Each opens
the ledger named by `--ledger` (or EXPENSECLI_LEDGER); SQLAlchemy is imported only when one
runs. A waiver's code must be in the catalogue; with a controllers list (`--controllers`),
only a listed controller may waive.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from expensecli.cli.main import app, fail
from expensecli.cli.options import Controllers, LedgerUsed, Output
from expensecli.core.i18n import ntr, tr

ledger_app = typer.Typer(help="The audit ledger: what it holds, what changed between runs, upkeep.",
                         no_args_is_help=True, rich_markup_mode=None)
waivers_app = typer.Typer(help="The controllers' waivers recorded in the ledger.", no_args_is_help=True,
                          rich_markup_mode=None)
app.add_typer(ledger_app, name="ledger")
app.add_typer(waivers_app, name="waivers")


class ViewFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


class Table(StrEnum):
    runs = "runs"
    claims = "claims"
    run_claims = "run_claims"
    expenses = "expenses"
    attachments = "attachments"
    findings = "findings"
    waivers = "waivers"


View = Annotated[ViewFormat, typer.Option("--format", "-f", help="table, json or csv.")]
LARGEST = 2 ** 31 - 1  # the largest whole number the ledger's tables hold (PostgreSQL's integer)
Run = Annotated[Optional[int], typer.Argument(help="A run number (see `ledger info`).", show_default=False,
                                              min=1, max=LARGEST)]


def _open(ledger: str | None, create: bool = False):
    from expensecli.cli.pipeline import ledger_call, reads_ledger
    from expensecli.run.ledger.session import open_ledger

    if not ledger:
        raise fail(tr("no ledger given: use --ledger PATH|URL or set EXPENSECLI_LEDGER"))
    reads_ledger(ledger)
    return ledger_call(lambda: open_ledger(ledger, create=create))


def _write(text: str, output: Path | None = None) -> None:
    from expensecli.cli.output import write_result

    write_result(text, output)


@ledger_app.command("info")
def info(ledger: LedgerUsed = None, format: View = ViewFormat.table) -> None:
    """What the ledger holds: runs, claim contents, findings open and resolved, waivers."""
    from expensecli.cli.pipeline import ledger_call
    from expensecli.render import ledger as render

    facts = ledger_call(_open(ledger).info)
    if format is ViewFormat.csv:  # one fact a row; the last run as its JSON
        _write(render.as_csv([{"key": key, "value": value} for key, value in facts.items()], ["key", "value"]))
    else:
        _write(render.as_json(facts) if format is ViewFormat.json else render.info_text(facts))


@ledger_app.command("diff")
def diff(older: Run = None, newer: Run = None, ledger: LedgerUsed = None, format: View = ViewFormat.table,
         output: Output = None) -> None:
    """Findings new, resolved and still open between two runs (default: the last two)."""
    from expensecli.cli.pipeline import ledger_call
    from expensecli.render import ledger as render

    journal = _open(ledger)
    changes = ledger_call(lambda: journal.diff(older, newer))
    if format is ViewFormat.table:
        from expensecli.cli.output import table_width

        text = render.diff_text(changes, table_width(output))
    else:
        text = (render.as_json if format is ViewFormat.json else render.diff_csv)(changes)
    _write(text, output)


@ledger_app.command("prune")
def prune(before: Annotated[str, typer.Option("--before", metavar="YYYY-MM-DD",
                                              help="Forget the runs started before this day.")],
          ledger: LedgerUsed = None) -> None:
    """Forget old runs and what only they saw (claim contents, findings); waivers are kept."""
    from expensecli.cli.pipeline import ledger_call
    from expensecli.core.values import ValueProblem, parse_date

    try:
        day = parse_date(before, "--before")
    except ValueProblem as problem:
        raise fail(str(problem)) from None
    journal = _open(ledger)
    gone = ledger_call(lambda: journal.prune(day))
    typer.echo(tr("pruned before {before}: {runs}, {contents}, {findings}", before=gone["before"],
                  runs=ntr("{count} run", "{count} runs", gone["runs"]),
                  contents=ntr("{count} claim content", "{count} claim contents", gone["claim_contents"]),
                  findings=ntr("{count} finding", "{count} findings", gone["findings"])))


@ledger_app.command("export")
def export(format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (every table) or csv (one).")]
           = ExportFormat.json,
           table: Annotated[Table, typer.Option("--table", help="The table for csv.")] = Table.findings,
           ledger: LedgerUsed = None, output: Output = None) -> None:
    """Every table but the secret: json has them all, csv the one chosen by --table."""
    from expensecli.cli.pipeline import ledger_call
    from expensecli.render import ledger as render
    from expensecli.run.ledger.schema import metadata

    tables = ledger_call(_open(ledger).export)
    if format is ExportFormat.json:
        _write(render.as_json(tables), output)
    else:
        _write(render.as_csv(tables[table.value], [c.name for c in metadata.tables[table.value].columns]), output)


@app.command()
def waive(claim_id: Annotated[str, typer.Argument(help="The claim's id.", show_default=False)],
          code: Annotated[str, typer.Argument(help="The rule code to waive, e.g. MX004.", show_default=False)],
          reason: Annotated[Optional[str], typer.Option("--reason", help="Why the finding is accepted.")] = None,
          by: Annotated[Optional[str], typer.Option("--by", help="The controller's name.")] = None,
          expense: Annotated[Optional[int], typer.Option("--expense", min=0, max=LARGEST, metavar="N",
                                                         help="Only the findings of expense N (0-based).")] = None,
          revoke: Annotated[bool, typer.Option("--revoke", help="End the waiver instead.")] = False,
          ledger: LedgerUsed = None, controllers: Controllers = None) -> None:
    """Record in the ledger that a controller accepts a claim's findings of CODE (or end it with --revoke)."""
    from expensecli.cli.pipeline import controller_names, known_codes, ledger_call
    from expensecli.core.text import folded, printable

    code = code.strip().upper()
    if code not in known_codes():
        raise fail(tr("{code} is not a rule code (expensecli rules list shows them)", code=printable(code)))
    by = (by or "").strip()
    if not by:
        raise fail(tr("--by: name the controller who waives (or revokes)"))
    if not revoke and (not reason or not reason.strip()):
        raise fail(tr("--reason: say why the finding is accepted"))
    names = controller_names(controllers)
    if names is not None and folded(by) not in names:
        raise fail(tr("--by {by}: not one of the controllers given by --controllers", by=printable(by)))
    journal = _open(ledger, create=True)
    whole = expense is None
    claim, who = printable(claim_id), printable(by)  # as shown: a control character cannot reach the terminal
    if revoke:
        ended = ledger_call(lambda: journal.revoke(claim_id, code, by, expense))
        if not ended:
            raise fail(tr("no waiver of {code} for claim {claim} is in force", code=code, claim=claim) if whole
                       else tr("no waiver of {code} for claim {claim} (expense {expense}) is in force", code=code,
                               claim=claim, expense=expense))
        typer.echo(tr("revoked the waiver of {code} for claim {claim}", code=code, claim=claim) if whole
                   else tr("revoked the waiver of {code} for claim {claim} (expense {expense})", code=code,
                           claim=claim, expense=expense))
        return
    number = ledger_call(lambda: journal.waive(claim_id, code, reason.strip(), by, expense))
    typer.echo(tr("waiver {number}: {code} for claim {claim}, by {by}", number=number, code=code, claim=claim,
                  by=who) if whole
               else tr("waiver {number}: {code} for claim {claim} (expense {expense}), by {by}", number=number,
                       code=code, claim=claim, expense=expense, by=who))
    if not ledger_call(lambda: journal.claim_seen(claim_id)):  # a waiver may come first, or the id be mistyped
        typer.echo(tr("expensecli: note: no run has recorded a claim with the id {claim} yet; the waiver applies"
                      " once one does (is the id right?)", claim=claim), err=True)


@waivers_app.command("list")
def list_waivers(ledger: LedgerUsed = None, format: View = ViewFormat.table,
                 everything: Annotated[bool, typer.Option("--all", help="Include the revoked waivers.")] = False,
                 ) -> None:
    """The waivers in force (with --all, the revoked ones too): claim, code, expense, who, when, why,
    and whether it is stale (it matched no finding in the latest run that checked its claim)."""
    from expensecli.cli.pipeline import ledger_call
    from expensecli.render import ledger as render

    rows = ledger_call(lambda: _open(ledger).waivers(everything))
    columns = ("id", "claim_id", "code", "expense", "by", "created", "reason", "revoked", "revoked_by", "stale",
               "checked_run", "matched_run")
    from expensecli.cli.output import table_width

    text = {ViewFormat.json: lambda: render.as_json(rows), ViewFormat.csv: lambda: render.as_csv(rows, columns)}.get(
        format, lambda: render.waivers_text(rows, table_width(None)))()
    _write(text)


