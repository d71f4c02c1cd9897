"""Commented claim templates, one per role and kind (`expensecli new claim`).

They are claims in the claim format with example values marked "<- fill in"; `YYYY-MM-DD`
and `YYYY` stand for the day the template is made, so a fresh template is on time. What only
the claimant knows is a placeholder (CHANGE-ME, and zeros for the accounting codes) that
`check` reports as LOAD004 until it is filled in (`models.placeholders`); filled in, a template
passes `check` but for its receipt file, which does not exist yet (DOC005).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
ROLES = ("employee", "contractor", "external")
KINDS = ("travel", "reimbursement")


def claim_template(role: str, kind: str, today: dt.date) -> str:
    text = (FOLDER / f"claim-{role}-{kind}.yaml").read_text(encoding="utf-8")
    return text.replace("YYYY-MM-DD", today.isoformat()).replace("YYYY", f"{today.year:04d}")
