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
CHUNK = 500  # values in one IN (...) list or one batch of updates


class Keyer:
    def __init__(self, secret: str):
        self._key = bytes.fromhex(secret)

    def __call__(self, *parts: str) -> str:
        return hmac.new(self._key, SEP.join(parts).encode(), hashlib.sha256).hexdigest()

    def claimant(self, name: str) -> str:
        return self("claimant", name)

    def expense(self, name: str, date: str, amount: str, currency: str) -> str:
        return self("expense", name, date, amount, currency)


def fingerprint(subject: str, code: str, path: str) -> str:
    """A finding's stable identity: which claim, which rule, where in the claim."""
    return hashlib.sha256(SEP.join((subject, code, path)).encode()).hexdigest()


def chunks(values, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives times back without their zone; every time the ledger stores is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def stamp(value: dt.datetime) -> str:
    """A time as the outputs show it: UTC, to the second, `2024-05-01T02:00:00Z`."""
    return utc(value).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
