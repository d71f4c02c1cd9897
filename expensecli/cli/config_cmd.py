"""`expensecli config show`: the settings in force for a run from here, and where each came from.

Reads the configuration exactly as every other command does (the file found from the current
folder up, `--config PATH`, or none with `--isolated`), so what it shows is what they use.
"""

from __future__ import annotations

from typing import Annotated

import typer

from expensecli.cli.main import app
from expensecli.cli.rules_cmd import ListFormat

config_app = typer.Typer(help="The configuration file: the settings in force and where each came from.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(config_app, name="config")


@config_app.command("show")
def show(format: Annotated[ListFormat, typer.Option("--format", "--output-format", "-f",
                                                    help="table (text to read) or json.")] = ListFormat.table) -> None:
    """The settings in force (from expensecli.toml, [tool.expensecli] in pyproject.toml, --config PATH,
    or the defaults) and the file and line each came from; [severity] overrides too."""
    from pathlib import Path

    from expensecli.cli.configured import active, check_codes
    from expensecli.policy.registry import all_rules
    from expensecli.render.settings import config_json, config_text

    config = active()
    check_codes(config, set(all_rules()))
    typer.echo(config_json(config) if format is ListFormat.json else config_text(config, Path.cwd()), nl=False)
