"""LOAD001-LOAD004 and RT001: codes the loader and the rate-sheet choice emit.

They are declared here so that the catalogue, `--select` and the docs know them; the
checks themselves live in `loading`, `yamltree`, `schema_errors` and `context.sheet_for`.
"""

from expensecli.core.findings import Severity
from expensecli.policy import sources
from expensecli.policy.registry import declare

declare("LOAD001", Severity.error, "File cannot be read", sources.FILE_FORMAT)
declare("LOAD002", Severity.error, "Not acceptable YAML", sources.NO_ALIASES)
declare("LOAD003", Severity.error, "Duplicate key", sources.SCHEMA)
declare("LOAD004", Severity.error, "Schema violation", sources.SCHEMA)
declare("RT001", Severity.warning, "No rate sheet covers a date", sources.RATE_SHEETS)
