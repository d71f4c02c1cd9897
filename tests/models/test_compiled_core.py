"""pydantic-core's extension loaded without its package (`models.compiled_core`): a check of a
valid claim never imports `pydantic_core.core_schema`; a claim with schema problems, which
makes the extension import its package, is reported as before, and the package then holds the
same classes; where the extension is not a file of its own, the package is imported as usual."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

CHECKED = """
import json, sys
import expensecli.cli.entry
sys.argv = ["expensecli", "check", *sys.argv[1:], "--as-of", "2024-05-01", "-f", "json"]
try:
    expensecli.cli.entry.run()
except SystemExit as exit:
    code = exit.code
from expensecli.models import claim_validator, compiled_core
seen = {name: name in sys.modules for name in ("pydantic_core", "pydantic_core.core_schema", "pydantic")}
import pydantic_core
same = (pydantic_core.ValidationError is claim_validator.ValidationError
        and pydantic_core.SchemaValidator is compiled_core.SchemaValidator
        and sys.modules["pydantic_core._pydantic_core"] is compiled_core.core)
sys.stderr.write(json.dumps([code, seen, same]) + "\\n")
"""


def _checked(*claims: str) -> tuple[list, dict]:
    result = subprocess.run([sys.executable, "-c", CHECKED, *(str(REPO / "examples" / "claims" / c) for c in claims)],
                            capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(result.stderr.splitlines()[-1]), json.loads(result.stdout)


def test_a_valid_claim_is_checked_without_the_package_s_python_side():
    _checked("employee-equipment.yaml")  # the rate sheets validated (by pydantic) into the cache
    (code, seen, same), report = _checked("employee-equipment.yaml")
    assert code == 0 and report["summary"]["errors"] == 0
    assert seen == {"pydantic_core": False, "pydantic_core.core_schema": False, "pydantic": False}
    assert same


def test_schema_problems_are_reported_as_before_and_the_package_shares_the_classes():
    (code, seen, same), report = _checked("employee-equipment.yaml", "typos.yaml")
    assert code == 1
    typos = next(claim for claim in report["claims"] if claim["file"].endswith("typos.yaml"))
    assert {finding["code"] for finding in typos["findings"]} == {"LOAD004"}
    assert all(finding["line"] > 1 for finding in typos["findings"])
    assert seen["pydantic_core"] is True  # `ValidationError.errors()` asked the package for a value
    assert same


FALLBACK = """
import importlib.machinery, sys
importlib.machinery.EXTENSION_SUFFIXES = [".no-such-suffix"]  # as if the package were laid out otherwise
from expensecli.models import compiled_core
assert compiled_core._loaded_alone() is None
import pydantic_core
print(compiled_core.core is sys.modules["pydantic_core._pydantic_core"],
      compiled_core.ValidationError is pydantic_core.ValidationError)
"""


def test_without_the_extension_as_a_file_of_its_own_the_package_is_imported():
    result = subprocess.run([sys.executable, "-c", FALLBACK], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout == "True True\n"
