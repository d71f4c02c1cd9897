"""The program's entry point: the collector is paused while the modules are imported and runs again
once the command's modules are in; importing `cli.main` alone leaves it alone."""

from __future__ import annotations

import os
import subprocess
import sys

from expensecli import __version__

PROGRAM = """
import gc, os, sys
import expensecli.cli.entry
print("paused" if not gc.isenabled() else "running")
sys.argv = ["expensecli", *sys.argv[1:]]
try:
    expensecli.cli.entry.run()
except SystemExit:
    pass
print("running" if gc.isenabled() else "paused", os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
"""


def _program(*args: str, **env: str) -> list[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True,
                            env={**environment, **env}, check=True)
    return result.stdout.splitlines()


def test_the_collector_is_paused_while_importing_and_runs_again_for_the_command():
    assert _program("--version") == ["paused", f"expensecli {__version__}", "running __all__"]
    assert _program("rules", "list")[-1] == "running __all__"


def test_a_plugin_setting_of_the_user_is_kept():
    assert _program("--version", PYDANTIC_DISABLE_PLUGINS="")[-1] == "running "


def test_importing_the_cli_leaves_the_collector_alone():
    result = subprocess.run([sys.executable, "-c", "import gc, expensecli.cli.main; print(gc.isenabled())"],
                            capture_output=True, text=True, check=True)
    assert result.stdout == "True\n"
