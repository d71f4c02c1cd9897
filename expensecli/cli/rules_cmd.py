"""`expensecli rules list` and `rules explain CODE`: the catalogue of rule codes, one rule at length
(as text, or with -f json as data for other tools)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from expensecli.cli.main import app
from expensecli.cli.options import Rates
from expensecli.cli.usage import Command

rules_app = typer.Typer(help="The rule catalogue: every code, and one rule with its source and examples.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


class ListFormat(StrEnum):
    table = "table"
    json = "json"


ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "--output-format", "-f", help="table or json.")]


@rules_app.command("list")
def list_rules(format: ListFormatOpt = ListFormat.table) -> None:
    """Every rule code with its severity and title."""
    from expensecli.policy.registry import all_rules
    from expensecli.render.catalog import rules_json, rules_table

    rules = list(all_rules().values())
    if format is ListFormat.json:
        from expensecli.report.explain import what_it_checks
        from expensecli.report.rule_examples import load_example

        typer.echo(rules_json([(rule, what_it_checks(rule, load_example(rule.code))) for rule in rules]), nl=False)
    else:
        from expensecli.cli.output import write_result

        write_result(rules_table(rules), None)  # through the pager at a terminal


@rules_app.command("explain", cls=Command)
def explain_rule(code: Annotated[str, typer.Argument(metavar="CODE", help="A rule code, e.g. CA001.",
                                                     show_default=False)],
                 rates: Rates = None,
                 format: Annotated[ListFormat, typer.Option(
                     "--format", "--output-format", "-f", help="table (text to read) or json.")] = ListFormat.table
                 ) -> None:
    """What a rule checks, its policy source, the rate-sheet figures it uses, and a failing and a
    passing example."""
    import datetime as dt

    from expensecli.cli.explained import cached_explanation, explanation_key, remember_explanation
    from expensecli.cli.output import write_result

    today = dt.date.today()
    key = explanation_key(code, format.value, rates, today)
    text = cached_explanation(key, today) if key is not None else None
    if text is None:
        text = _explanation(code, rates, format, today)
        if key is not None:
            remember_explanation(key, today, text)
    write_result(text, None)


def _explanation(code: str, rates, format: ListFormat, today) -> str:
    from expensecli.cli.main import fail
    from expensecli.cli.pipeline import rate_book
    from expensecli.load.ratebook import load_ratebook
    from expensecli.policy.registry import all_rules
    from expensecli.render.catalog import explanation_json, explanation_text, unknown_code_message
    from expensecli.report.explain import UnknownCode, explain

    book = rate_book(rates)
    try:
        explanation = explain(code, all_rules(), book, today, load_ratebook())
    except UnknownCode as unknown:
        raise fail(unknown_code_message(unknown.code, unknown.nearest)) from None
    return (explanation_json if format is ListFormat.json else explanation_text)(explanation)
