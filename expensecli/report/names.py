"""The words a reader sees for values that stay codes elsewhere: a claim's status and a finding's severity.

Machine output (JSON, CSV, the check's text lines) keeps the codes as the claim format and the
rule catalogue spell them (draft, paid, error, ...), and so do the manager's page's data
attributes and filter values, which its script compares. What the page shows a reader is the
name in the language of the run ("utkast", "feil" in bokmål). Kinds of event are named by
`policy.limits.event_name`.
"""

from __future__ import annotations

from expensecli.core.i18n import mark, tr

STATUS_NAMES = {"draft": mark("draft"), "sent": mark("sent"), "approved": mark("approved"),
                "returned": mark("returned"), "paid": mark("paid")}
SEVERITY_NAMES = {"error": mark("error"), "warning": mark("warning"), "info": mark("info")}


def status_name(status: str) -> str:
    """A claim's status (draft, sent, approved, returned, paid) as the language of the run names it."""
    return tr(STATUS_NAMES[status]) if status in STATUS_NAMES else status


def severity_name(severity: str) -> str:
    """A severity (error, warning, info) as the language of the run names it."""
    return tr(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity
