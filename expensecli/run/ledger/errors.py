"""The one error of the ledger a user sees: a line saying what is wrong, and exit 2.

A bad path or URL, a server that cannot be reached, a file that is not a ledger, a ledger
made by a newer expensecli: each becomes a `LedgerError` with a message fit for one line,
never a traceback and never a password (URLs are shown with the password hidden).
"""

from __future__ import annotations


class LedgerError(Exception):
    """Something about the ledger that the user must fix; the message is one line."""


def one_line(error: BaseException) -> str:
    """The first line of a driver's error, without SQLAlchemy's '(Background on this error...)' tail."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0].strip() if text else type(original).__name__
