"""No pydantic plugin is looked for, and looking costs nothing.

The program validates its own files and uses no pydantic plugin, so it sets pydantic's
documented switch, `PYDANTIC_DISABLE_PLUGINS=__all__`, unless the user set it. pydantic
reads the switch when the first validator is built, but only after importing its plugin
loader, and that module imports `importlib.metadata` (email, zipfile, csv, ...): about
10 ms of every run, for nothing. While the switch says "none", a stand-in for the loader
answers that itself; should the switch be turned off later, or pydantic ask the loader for
anything else, the stand-in gives way to the real module.
"""

from __future__ import annotations

import importlib
import os
import sys
import types

LOADER = "pydantic.plugin._loader"
SWITCH = "PYDANTIC_DISABLE_PLUGINS"
OFF = ("__all__", "1", "true")  # the values with which pydantic loads no plugin at all


def plugins_off() -> None:
    """Set the switch (unless set already) and, while it says "none", put the stand-in in place."""
    os.environ.setdefault(SWITCH, "__all__")
    if os.environ[SWITCH] in OFF and LOADER not in sys.modules:
        sys.modules[LOADER] = _stand_in()


def _stand_in() -> types.ModuleType:
    stand_in = types.ModuleType(LOADER, "Answers pydantic's plugin question while plugins are off.")

    def get_plugins():
        return () if os.environ.get(SWITCH) in OFF else _real().get_plugins()

    def other(name: str):
        if name.startswith("__"):  # what the import system asks of any module (`__path__`): not the loader's
            raise AttributeError(name)
        return getattr(_real(), name)

    stand_in.get_plugins, stand_in.__getattr__ = get_plugins, other
    return stand_in


def _real() -> types.ModuleType:
    """pydantic's own loader, imported in place of the stand-in."""
    module = sys.modules.get(LOADER)
    if module is None or module.__spec__ is None:  # not imported yet, or the stand-in
        sys.modules.pop(LOADER, None)
        module = importlib.import_module(LOADER)
    return module
