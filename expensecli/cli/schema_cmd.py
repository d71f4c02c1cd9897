"""`expensecli schema claim|rates`: the JSON Schema of a file format, for editors and validators."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from expensecli.cli.main import app
from expensecli.cli.usage import Command


class SchemaKind(StrEnum):
    claim = "claim"
    rates = "rates"


@app.command(cls=Command)
def schema(kind: Annotated[SchemaKind, typer.Argument(
        metavar="KIND", help="claim: a claim file; rates: a rate sheet.", show_default=False)]) -> None:
    """Print the JSON Schema (draft 2020-12) of claim files or rate sheets.

    Save it and point your editor at it; with VS Code's YAML extension, start a claim
    with the yaml-language-server line:

    \b
      expensecli schema claim > claim.schema.json
      # yaml-language-server: $schema=claim.schema.json
    """
    import json

    from expensecli.models.schemas import SCHEMAS

    typer.echo(json.dumps(SCHEMAS[kind.value](), ensure_ascii=False, indent=2))
