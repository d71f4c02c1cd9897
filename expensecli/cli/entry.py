"""The program's entry point (the `expensecli` script, `python -m expensecli`): Typer and the
program's modules are imported with the cyclic garbage collector paused, and `run` starts it
again once the command's modules are in (`main._imported` says why). Importing `cli.main`
itself, as the tests do, leaves the collector alone."""

import gc

gc.disable()

from expensecli.cli.main import run  # noqa: E402

__all__ = ["run"]
