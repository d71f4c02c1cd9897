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


CHECKED = """
import sys
import expensecli.cli.entry
sys.argv = ["expensecli", "check", sys.argv[1], "--as-of", "2024-05-01", "-f", "json"]
try:
    expensecli.cli.entry.run()
except SystemExit:
    pass
from pydantic.plugin import _loader
print(_loader.__spec__ is not None, "importlib.metadata" in sys.modules, _loader.get_plugins())
"""


def _checked(**env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    claim = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "claims", "employee-equipment.yaml")
    result = subprocess.run([sys.executable, "-c", CHECKED, claim], capture_output=True, text=True,
                            env={**environment, **env}, check=True)
    return result.stdout.splitlines()[-1]


def test_with_plugins_off_pydantic_is_answered_without_its_plugin_loader():
    # the claim is validated (its JSON printed) without pydantic's loader or importlib.metadata (which
    # `holidays` imports too: the first run, which fills the rate sheets' cache, needs its holidays)
    _checked()
    assert _checked() == "False False ()"
    assert _checked(PYDANTIC_DISABLE_PLUGINS="1") == "False False ()"


def test_with_plugins_allowed_pydantic_looks_for_them_itself():
    real, metadata, found = _checked(PYDANTIC_DISABLE_PLUGINS="").split(" ", 2)
    assert (real, metadata) == ("True", "True")
    assert found.startswith("dict_values(")  # pydantic's own answer: the plugins it found


def test_the_stand_in_gives_way_when_plugins_are_allowed_later(monkeypatch):
    from expensecli.cli import pydantic_plugins

    monkeypatch.delitem(sys.modules, pydantic_plugins.LOADER, raising=False)
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pydantic_plugins.plugins_off()
    stand_in = sys.modules[pydantic_plugins.LOADER]
    assert stand_in.__spec__ is None and stand_in.get_plugins() == ()
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    assert list(stand_in.get_plugins()) == []  # asked of pydantic's loader, which found none
    assert sys.modules[pydantic_plugins.LOADER].__spec__ is not None
    assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"  # any other name: the real module's


def test_importing_the_cli_leaves_the_collector_alone():
    result = subprocess.run([sys.executable, "-c", "import gc, expensecli.cli.main; print(gc.isenabled())"],
                            capture_output=True, text=True, check=True)
    assert result.stdout == "True\n"
