"""`expensecli new claim --role R --kind K`: a commented template claim on stdout."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .main import app

new_app = typer.Typer(help="Start a new file from a commented template.", no_args_is_help=True,
                      rich_markup_mode=None)
app.add_typer(new_app, name="new")


class RoleChoice(StrEnum):
    employee = "employee"
    contractor = "contractor"
    external = "external"


class KindChoice(StrEnum):
    travel = "travel"
    reimbursement = "reimbursement"


@new_app.command("claim")
def new_claim(
    role: Annotated[RoleChoice, typer.Option("--role", help="Who claims: employee, contractor or external.")]
    = RoleChoice.employee,
    kind: Annotated[KindChoice, typer.Option("--kind", help="travel (travel expense claim) or reimbursement.")]
    = KindChoice.travel,
) -> None:
    """Print a commented claim to fill in, dated today, e.g. expensecli new claim > my-claim.yaml."""
    import datetime as dt

    from ..templates import claim_template

    typer.echo(claim_template(role.value, kind.value, dt.date.today()), nl=False)
