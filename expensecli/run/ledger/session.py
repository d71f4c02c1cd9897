"""What the command line calls: open a ledger, record a run, and the ledger commands' entry points.

`open_ledger` connects and brings the schema up to date before any claim is checked, so a bad
URL or an unreachable server costs one line and exit 2, not a wasted run. Every database
error below is turned into a `LedgerError` of one line naming the ledger (password hidden).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from expensecli import __version__
from expensecli.core.i18n import tr
from expensecli.policy.engine import ClaimResult
from expensecli.policy.selection import Selection
from expensecli.run.ledger import record, tracking, upkeep, waivers
from expensecli.run.ledger.connect import engine_for, shown
from expensecli.run.ledger.errors import LedgerError, one_line
from expensecli.run.ledger.migrate import ensure_schema


@dataclass
class Ledger:
    """An open ledger; a database or file error becomes a message that names it."""

    target: str
    engine: object

    @contextmanager
    def guarded(self):
        try:
            yield
        except SQLAlchemyError as error:
            raise LedgerError(tr("ledger {target}: {problem}", target=shown(self.target),
                                 problem=one_line(error))) from None
        except OSError as error:
            raise LedgerError(tr("ledger {target}: {problem}", target=shown(self.target),
                                 problem=error.strerror or error)) from None

    def record(self, reports: list[ClaimResult], *, started: dt.datetime, as_of: dt.date, command: str,
               inputs: dict, selection: Selection) -> record.Recorded:
        info = record.RunInfo(started, as_of, __version__, command, inputs)
        with self.guarded():
            return record.record_run(self.engine, reports, info, selection)

    def waive(self, claim_id: str, code: str, reason: str, by: str, expense: int | None) -> int:
        with self.guarded():
            return waivers.add(self.engine, claim_id, code, reason, by, expense)

    def claim_seen(self, claim_id: str) -> bool:
        with self.guarded():
            return waivers.claim_seen(self.engine, claim_id)

    def revoke(self, claim_id: str, code: str, by: str, expense: int | None) -> int:
        with self.guarded():
            return waivers.revoke(self.engine, claim_id, code, by, expense)

    def waivers(self, everything: bool = False) -> list[dict]:
        with self.guarded():
            return waivers.listing(self.engine, everything)

    def info(self) -> dict:
        with self.guarded():
            return {"ledger": shown(self.target), "backend": self.engine.dialect.name, **upkeep.info(self.engine)}

    def diff(self, older: int | None, newer: int | None) -> dict:
        with self.guarded():
            return upkeep.diff(self.engine, older, newer)

    def history(self) -> list[upkeep.RunTally]:
        with self.guarded():
            return upkeep.history(self.engine)

    def prune(self, before: dt.date) -> dict:
        with self.guarded():
            return upkeep.prune(self.engine, before)

    def export(self) -> dict:
        with self.guarded():
            return upkeep.export(self.engine)


def open_ledger(target: str, *, create: bool = True) -> Ledger:
    """The ledger at `target`, its schema up to date (made when `create` and it is new)."""
    engine = engine_for(target, create=create)
    ledger = Ledger(target, engine)
    with ledger.guarded():
        ensure_schema(engine)
    return ledger


def only_new(recorded: record.Recorded) -> list[ClaimResult]:
    """The run's reports with only the findings first seen in it."""
    locations = {r.file: r.facts.location for r in recorded.reports if getattr(r.facts, "location", None)}
    return tracking.only_new(recorded.reports, recorded.new, locations)


__all__ = ["Ledger", "LedgerError", "open_ledger", "only_new"]
