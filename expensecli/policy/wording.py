"""How findings name the things they are about, the same way in every rule.

An expense is named by its index and what a controller recognises it by: its category, date
and amount ("expense 2 (taxi, 2024-03-04, 450.00 NOK)"). A cross-claim finding names at most
NAMED other claims (or dates) and counts the rest, so a batch of a thousand copies of one
claim gets a report in proportion to its size, not to its square. A non-employee claimant is
named by role and name ("contractor Kari Dahl"), and the ledger, which keeps no names, says the
same sentence with the role alone ("the contractor"): both phrases are made here (`claimant_phrase`).
"""

from __future__ import annotations

from expensecli.core.i18n import ntr, tr
from expensecli.core.values import money_display
from expensecli.models.claim import Expense


def described(i: int, expense: Expense) -> str:
    return tr("expense {index} ({category}, {date}, {amount} {currency})", index=i, category=expense.category,
              date=expense.date, amount=money_display(expense.amount), currency=expense.currency)


def claimant_phrase(role: str, name: str | None = None) -> str:
    """A contractor or an external claimant as a finding names them, "contractor Kari Dahl", or
    without the name, as the ledger keeps the finding: "the contractor" (any other role:
    "the claimant")."""
    if role == "contractor":
        return tr("contractor {name}", name=name) if name is not None else tr("the contractor")
    if role == "external":
        return tr("external {name}", name=name) if name is not None else tr("the external claimant")
    return name if name is not None else tr("the claimant")


NAMED = 3  # other claims (or dates) a cross-claim finding names; the rest are counted


def first_named(names: list[str], total: int, joined=", ".join) -> str:
    """The first NAMED of `names` joined, then how many more of the `total` there are: "a.yaml,
    b.yaml, c.yaml and 4 other claims" (`names` need hold no more than NAMED)."""
    shown = names[:NAMED]
    more = total - len(shown)
    return ntr("{claims} and {count} other claim", "{claims} and {count} other claims", more,
               claims=joined(shown)) if more > 0 else joined(shown)
