"""Commented claim templates, one per role and kind (`expensecli new claim`).

They are claims in the claim format with example values marked "<- fill in"; `YYYY-MM-DD`
and `YYYY` stand for the day the template is made, so a fresh template is on time. What only
the claimant knows is a placeholder (CHANGE-ME, and zeros for the accounting codes) that
`check` reports as LOAD004 until it is filled in (`models.placeholders`); filled in, a template
passes `check` but for its receipt file, which does not exist yet (DOC005).

In bokmål output the template is `claim-<role>-<kind>.nb.yaml`: the same claim, its comments in
bokmål (keys, values and placeholders as in English, since they are what `check` reads).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from expensecli.core.i18n import language

FOLDER = Path(__file__).resolve().parent
ROLES = ("employee", "contractor", "external")
KINDS = ("travel", "reimbursement")


def claim_template(role: str, kind: str, today: dt.date) -> str:
    suffix = ".yaml" if language() == "en" else f".{language()}.yaml"
    text = (FOLDER / f"claim-{role}-{kind}{suffix}").read_text(encoding="utf-8")
    return text.replace("YYYY-MM-DD", today.isoformat()).replace("YYYY", f"{today.year:04d}")
