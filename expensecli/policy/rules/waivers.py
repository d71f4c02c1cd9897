"""WV001: a waiver that hides nothing, because its code is not a rule code or its claim has no such finding.

A waiver records a finding a controller accepted; one that matches nothing (a typo in the code,
or a finding that has since been fixed) only misleads the next reader. The engine runs this
rule after every other rule of the claim, with the codes of all the findings computed for it
(before `--select` / `--ignore`, which change what is reported, never what is computed);
waivers of cross-claim codes (MX004, MX006, CA006) are judged when the batch is finished.
WV001 itself cannot be waived: a waiver naming it would hide the very report that it is stale.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.policy import sources
from expensecli.policy.rule import waiver_rule

CODE = "WV001"


@waiver_rule(CODE, Severity.warning, "Stale or unknown waiver", sources.STALE_WAIVERS)
def stale_waiver(waivers: Iterable[tuple[int, str]], found: set[str], known: set[str]) -> Iterator[Problem]:
    """A waiver must name a code of the catalog that the claim really has a finding of (its
    `--select`ed or ignored findings count too); otherwise it hides nothing and should go. The
    code is compared as written (`ca009` is not a code; the finding suggests `CA009`). WV001
    cannot be waived."""
    for index, code in waivers:
        here = ("waivers", index, "code")
        if code == CODE:
            yield Problem(tr("waiver {index} names {code}, which cannot be waived; remove the stale waivers"
                             " instead", index=index, code=CODE), here)
        elif code not in known:
            close = difflib.get_close_matches(code.upper(), sorted(known), n=1, cutoff=0.6)
            if close:
                message = tr("waiver {index} names {code}, which is not a rule code (did you mean {suggestion}?);"
                             " it waives nothing", index=index, code=code, suggestion=close[0])
            else:
                message = tr("waiver {index} names {code}, which is not a rule code; it waives nothing",
                             index=index, code=code)
            yield Problem(message, here)
        elif code not in found:
            yield Problem(tr("waiver {index} of {code} matches no finding of this claim; a stale waiver hides"
                             " nothing and should go", index=index, code=code), here)

