"""`expensecli new claim --role R --kind K`: a commented template claim on stdout."""

from __future__ import annotations

from typing import Annotated

import typer

from expensecli.cli.main import app
from expensecli.models.enums import Kind, Role

new_app = typer.Typer(help="Start a new file from a commented template.", no_args_is_help=True,
                      rich_markup_mode=None)
app.add_typer(new_app, name="new")


@new_app.command("claim")
def new_claim(
    role: Annotated[Role, typer.Option("--role", help="Who claims: employee, contractor or external.")]
    = Role.employee,
    kind: Annotated[Kind, typer.Option("--kind", help="travel (travel expense claim) or reimbursement.")]
    = Kind.travel,
) -> None:
    """Print a commented claim to fill in, dated today, e.g. expensecli new claim > my-claim.yaml."""
    import datetime as dt

    from expensecli.render.claim_templates import claim_template

    typer.echo(claim_template(role.value, kind.value, dt.date.today()), nl=False)
