"""How findings name the things they are about, the same way in every rule.

An expense is named by its index and what a controller recognises it by: its category, date
and amount ("expense 2 (taxi, 2024-03-04, 450.00 NOK)").
"""

from __future__ import annotations

from expensecli.core.i18n import tr
from expensecli.core.values import money_display
from expensecli.models.claim import Expense


def described(i: int, expense: Expense) -> str:
    return tr("expense {index} ({category}, {date}, {amount} {currency})", index=i, category=expense.category,
              date=expense.date, amount=money_display(expense.amount), currency=expense.currency)

