"""Keyed hashes (HMAC-SHA256 with the ledger's secret) and the other small values the tables hold.

A claimant's name is stored only as a keyed hash: equal names give equal hashes within one
ledger, so duplicates still match, but without the secret (kept in the ledger, never printed)
a hash cannot be tested against a list of names. Fingerprints of findings are plain hashes:
they name a claim id, a code and a path, nothing personal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

SEP = "\x1f"  # a character no name, date, amount or code contains
CHUNK = 2000  # values in one IN (...) list (SQLite allows 32 766 since 3.32, PostgreSQL 65 535)


class Keyer:
    """Keyed hashes: the claimant's is an HMAC of the name (computed once per name); an
    expense's duplicate key hashes the claimant's keyed hash with the date, amount and
    currency, so it too is worthless without the secret."""

    def __init__(self, secret: str):
        self._key = bytes.fromhex(secret)
        self._names: dict[str, str] = {}

    def __call__(self, *parts: str) -> str:
        return hmac.new(self._key, SEP.join(parts).encode(), hashlib.sha256).hexdigest()

    def claimant(self, name: str) -> str:
        keyed = self._names.get(name)
        if keyed is None:
            keyed = self._names[name] = self("claimant", name)
        return keyed

    def expense(self, name: str, date: str, amount: str, currency: str) -> str:
        return hashlib.sha256(SEP.join((self.claimant(name), date, amount, currency)).encode()).hexdigest()


def fingerprint(subject: str, code: str, path: str) -> str:
    """A finding's stable identity: which claim, which rule, where in the claim."""
    return hashlib.sha256(SEP.join((subject, code, path)).encode()).hexdigest()


def among(column, name: str = "values"):
    """`column IN (...)` with the values given when the statement runs (`{name: [...]}`): the
    statement is built and compiled once, not coerced value by value for every batch."""
    from sqlalchemy import bindparam

    return column.in_(bindparam(name, expanding=True))


def chunks(values, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A time the ledger gave back, in UTC, as every time it stores is: SQLite gives it without
    its zone, PostgreSQL in the session's zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def utc_day(value: dt.datetime) -> str:
    """The UTC day of a time, `2024-05-01`."""
    return utc(value).date().isoformat()


def stamp(value: dt.datetime) -> str:
    """A time as the outputs show it: UTC, to the second, `2024-05-01T02:00:00Z`."""
    return utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
