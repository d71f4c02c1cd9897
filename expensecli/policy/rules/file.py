"""LOAD001-LOAD004 and RT001: codes the loader and the rate-sheet choice emit.

They are declared here so that the catalogue, `--select` and the docs know them; the
checks themselves live in the loader (`expensecli.load`) and in the choice of rate sheet (`context`).
"""

from expensecli.core.findings import Severity
from expensecli.policy import sources
from expensecli.policy.rule import Rule

LOAD001 = Rule("LOAD001", Severity.error, "File cannot be read", sources.FILE_FORMAT)
LOAD002 = Rule("LOAD002", Severity.error, "Not acceptable YAML", sources.NO_ALIASES)
LOAD003 = Rule("LOAD003", Severity.error, "Duplicate key", sources.DUPLICATE_KEY)
LOAD004 = Rule("LOAD004", Severity.error, "Schema violation", sources.SHAPE)
UNKNOWN_FIELD = sources.UNKNOWN_KEYS.cite()  # what a LOAD004 of an unknown field cites (placed at its key)
RT001 = Rule("RT001", Severity.warning, "No rate sheet covers a date", sources.RATE_SHEETS)
