"""pydantic-core's compiled extension, loaded without running its package's Python side first.

A claim is validated by pydantic-core's `SchemaValidator` alone (`claim_validator`), which is
in the compiled extension `pydantic_core._pydantic_core`. Importing it the usual way runs the
package's `__init__` first, which imports `pydantic_core.core_schema`: some two hundred typed
dicts and helpers for building schemas, which a run never builds (its schema is generated,
`claim_core_schema`): 7 to 20 ms of a check of one claim on the machine this is built on,
depending on how busy it is, where the extension itself loads in 2-3 ms.

So the extension is loaded here under its own name, from the package's folder, and put in
`sys.modules`: when the package is imported later (by pydantic, or by the extension itself
asking its package for a value, as `ValidationError.errors()` does), its `__init__` takes this
module from there, and the process has one `SchemaValidator` and one `ValidationError` class,
whichever way they were reached (code that imports the submodule, as pydantic does, gets this
one; the package, imported afterwards, does not have it as an attribute). Where the extension
cannot be found this way (another layout of the package), the package is imported as usual.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType

NAME = "pydantic_core._pydantic_core"


def compiled_core() -> ModuleType:
    """The module `pydantic_core._pydantic_core`, loaded once per process."""
    module = sys.modules.get(NAME)
    if module is None:
        module = _loaded_alone()
    if module is None:
        import pydantic_core._pydantic_core as module
    return module


def _loaded_alone() -> ModuleType | None:
    """The extension loaded from the package's folder without importing the package, or None
    when it is not there as a file of its own."""
    package = importlib.util.find_spec("pydantic_core")
    folders = package.submodule_search_locations if package else None
    if not folders:
        return None
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:  # this interpreter's own first
        path = os.path.join(folders[0], "_pydantic_core" + suffix)
        if os.path.isfile(path):
            break
    else:
        return None
    loader = importlib.machinery.ExtensionFileLoader(NAME, path)
    spec = importlib.util.spec_from_file_location(NAME, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[NAME]
        raise
    return module


core = compiled_core()
SchemaError = core.SchemaError
SchemaValidator = core.SchemaValidator
ValidationError = core.ValidationError
