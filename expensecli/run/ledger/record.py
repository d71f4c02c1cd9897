"""Record one run in the ledger, in one transaction: a run that is killed leaves it as it was.

The claims are checked first, with no transaction open; then, in one transaction that holds
the writer lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), the run is
written and compared with what earlier runs left: the run row, each claim content not seen
before (with its expense keys and attachment hashes, inserted in batches), which claims this
run saw, the cross-run duplicates (`history`), the ledger's waivers (`waivers`: which it
applied to, and which matched no finding of a claim it checked) and the findings' first/last
seen/resolved (`tracking`). Nothing is committed before the end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Connection, insert, select, update

from expensecli.core.text import restored, storable
from expensecli.core.values import money_text
from expensecli.policy.engine import ClaimResult, with_findings
from expensecli.policy.selection import Selection
from expensecli.run.ledger import history, tracking, waivers
from expensecli.run.ledger.bulk import fetch_among, insert_rows, run_among
from expensecli.run.ledger.connect import writer, writer_lock
from expensecli.run.ledger.facts import ClaimFacts, ExpenseKey
from expensecli.run.ledger.keys import Keyer, among, chunks
from expensecli.run.ledger.schema import attachments, claims, expenses, ledger, run_claims, runs


@dataclass(frozen=True)
class RunInfo:
    """What the ledger's runs table records of a run."""

    started: dt.datetime
    as_of: dt.date
    version: str
    command: str
    inputs: dict


@dataclass
class Prepared:
    """One claim of this run as the ledger sees it."""

    report: ClaimResult
    facts: ClaimFacts
    claimant: str | None  # keyed hash
    keyer: Keyer = field(repr=False)
    version: int | None = None  # the claims row, once known
    own: tuple[int, ...] = ()  # the claims rows that are current for this file before the run

    @cached_property
    def expenses(self) -> list[tuple[ExpenseKey, str]]:
        """Each expense with its keyed duplicate key, made when first asked for: only a content
        first seen in this run stores them, and only the look-up across runs compares them (the
        nightly run over the same folder does neither, and spares a hash an expense)."""
        name = self.facts.claimant
        if not name:
            return []
        return [(e, self.keyer.expense(name, e.date, e.amount, e.currency)) for e in self.facts.expenses]


@dataclass(frozen=True)
class Recorded:
    """A run once recorded: the reports with what the ledger knows of their findings."""

    reports: list[ClaimResult]
    new: frozenset[str]  # fingerprints first seen in this run


def record_run(engine, reports: list[ClaimResult], info: RunInfo, selection: Selection) -> Recorded:
    with writer(engine) as conn, conn.begin():
        writer_lock(conn)
        keyer = Keyer(conn.execute(select(ledger.c.secret)).scalar_one())
        run = conn.execute(insert(runs).values(
            started=info.started, recorded=dt.datetime.now(dt.timezone.utc), as_of=info.as_of,
            version=info.version, command=info.command, inputs=_json(info.inputs),
            claims=len(reports), findings=0, new_findings=0, resolved_findings=0)).inserted_primary_key[0]
        prepared, slot = [], {}  # slot: position in `reports` -> index in `prepared`
        for i, report in enumerate(reports):
            if isinstance(report.facts, ClaimFacts):
                slot[i] = len(prepared)
                prepared.append(_prepare(report, keyer))
        _known_versions(conn, prepared)
        gone: set[str] = set()
        if history.others_recorded(conn, prepared):
            gone = _subjects_gone(conn, _vanished(conn, prepared, info.inputs.get("paths") or ()))
        for n, found in history.cross_run(conn, prepared, selection).items():
            report = prepared[n].report
            prepared[n].report = with_findings(report, tuple(sorted([*report.findings, *found],
                                                                    key=lambda f: f.sort_key)))
        _store_claims(conn, prepared, run, info.started)
        merged = waivers.apply(conn, [prepared[slot[i]].report if i in slot else r for i, r in enumerate(reports)],
                               run, selection)
        tracked = tracking.track(conn, merged, {p.report.file: p.facts for p in prepared}, run, info.started,
                                 selection, gone)
        conn.execute(update(runs).where(runs.c.id == run).values(
            findings=sum(len(r.findings) for r in tracked.reports), new_findings=len(tracked.new),
            resolved_findings=tracked.resolved))
    return Recorded(tracked.reports, tracked.new)


def _json(value: dict) -> str:
    """`value` as JSON text; with `\\udcNN` escapes when a path holds bytes that are not UTF-8
    (`core.text.storable`), which JSON reads back as the same path."""
    text = json.dumps(value, ensure_ascii=False)
    return text if storable(text) == text else json.dumps(value)


def _prepare(report: ClaimResult, keyer: Keyer) -> Prepared:
    facts: ClaimFacts = report.facts
    name = facts.claimant
    return Prepared(report, facts, keyer.claimant(name) if name else None, keyer)


def _known_versions(conn: Connection, prepared: list[Prepared]) -> None:
    """Find the claims rows of the contents already recorded, and the current ones of each file."""
    wanted = {p.facts.location for p in prepared if p.facts.sha256}
    known, current = {}, defaultdict(list)
    query = select(claims.c.id, claims.c.location, claims.c.content_sha256, claims.c.current).where(
        among(claims.c.location))
    for part in chunks(wanted):
        for row_id, location, sha, is_current in fetch_among(conn, query, {"values": part}):
            known[(location, sha)] = row_id
            if is_current:
                current[location].append(row_id)
    for p in prepared:
        p.version, p.own = known.get((p.facts.location, p.facts.sha256)), tuple(current.get(p.facts.location, ()))


def _vanished(conn: Connection, prepared: list[Prepared], paths) -> list[tuple[str | None, str]]:
    """(claim id, location) of each current claim of a file gone from a folder this run went
    through (renamed, moved away or deleted since), whose findings `tracking` then resolves. The
    claim stays recorded (a receipt claimed again after it was archived is still a duplicate).
    Only a file that is certainly gone counts: one in a folder that could not be read is there."""
    here = {p.facts.location for p in prepared}
    gone: dict[int, tuple[str | None, str]] = {}
    for path in paths:
        if not isinstance(path, str) or not os.path.isdir(path):
            continue
        roots = {os.path.join(storable(os.path.abspath(path)), ""), os.path.join(storable(os.path.realpath(path)), "")}
        for root in roots:  # the locations of the files under a folder given by a link are under the link
            pattern = root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = select(claims.c.id, claims.c.claim_id, claims.c.location).where(
                claims.c.current, claims.c.location.like(pattern, escape="\\"))
            gone.update((row_id, (claim_id, location)) for row_id, claim_id, location in conn.execute(query)
                        if location not in here and location.startswith(root) and not _exists(location))
    return list(gone.values())


def _exists(location: str) -> bool:
    """Whether a recorded file is still there. Only a file that is certainly gone is not: one the
    system cannot look at (a folder without permission) counts as there. A location stored with
    the bytes of its name that are not UTF-8 escaped (`core.text.storable`: `\\xf8`) is looked up
    by those bytes too."""
    for name in dict.fromkeys((location, restored(location))):
        try:
            os.lstat(name)
            return True
        except (FileNotFoundError, NotADirectoryError):
            continue
        except (OSError, ValueError):
            return True
    return False


def _subjects_gone(conn: Connection, gone: list[tuple[str | None, str]]) -> set[str]:
    """The subjects of the findings of files gone (`_vanished`): each file's own ("file:" and its
    location), and its claim id when no current claim of a file still there has that id.
    `tracking` resolves their open findings, unless this run has the subject itself."""
    subjects = {f"file:{location}" for _, location in gone}
    ids = {claim_id for claim_id, _ in gone if claim_id}
    gone_places = {location for _, location in gone}
    held = {claim_id for part in chunks(sorted(ids)) for claim_id, location in fetch_among(
        conn, select(claims.c.claim_id, claims.c.location).where(claims.c.current, among(claims.c.claim_id)),
        {"values": part}) if location not in gone_places}
    return subjects | (ids - held)


def _store_claims(conn: Connection, prepared: list[Prepared], run: int, started: dt.datetime) -> None:
    """New contents get a claims row (with expenses and attachments); every content of this run
    becomes the current one of its file, and the run is linked to them."""
    fresh: dict[tuple[str, str], list[Prepared]] = {}
    made: dict[tuple[str, str], int] = {}
    for p in prepared:
        if p.facts.sha256 and p.version is None:
            fresh.setdefault((p.facts.location, p.facts.sha256), []).append(p)
    if fresh:
        # One executemany, then the new rows' ids in one query (they are the rows this run made:
        # first and last seen in it): RETURNING with the rows' order kept makes SQLite insert
        # them one statement at a time.
        insert_rows(conn, claims, [_claim_row(group[0], run, started) for group in fresh.values()])
        made = {(location, sha): version for version, location, sha in conn.execute(
            select(claims.c.id, claims.c.location, claims.c.content_sha256)
            .where(claims.c.last_run == run, claims.c.first_run == run))}
        expense_rows, attachment_rows = [], []
        for key, group in fresh.items():
            version = made[key]
            for p in group:
                p.version = version
            p = group[0]
            expense_rows += [{"claim": version, "expense": e.index, "claimant_key": p.claimant,
                              "date": dt.date.fromisoformat(e.date), "amount": e.amount, "currency": e.currency,
                              "dup_key": dup} for e, dup in p.expenses]
            attachment_rows += [{"claim": version, "expense": r.expense, "attachment": r.attachment,
                                 "file": r.name, "sha256": r.sha256} for r in p.facts.receipts]
        insert_rows(conn, expenses, expense_rows)
        insert_rows(conn, attachments, attachment_rows)
    versions = sorted({p.version for p in prepared if p.version is not None})
    superseded = sorted({old for p in prepared if p.version is not None for old in p.own if old != p.version})
    for part in chunks(superseded):  # the earlier content of a file edited since
        run_among(conn, update(claims).where(among(claims.c.id)).values(current=False), {"values": part})
    # The rows made just now are current and last seen in this run already: updating them again
    # would write each row, and its index entries, a second time.
    seen_now = update(claims).where(among(claims.c.id)).values(current=True, last_run=run)
    for part in chunks(sorted(set(versions) - set(made.values()))):
        run_among(conn, seen_now, {"values": part})
    insert_rows(conn, run_claims, [{"run": run, "claim": version} for version in versions])


def _claim_row(p: Prepared, run: int, started: dt.datetime) -> dict:
    report = p.report
    return {"location": p.facts.location, "file": report.file, "content_sha256": p.facts.sha256,
            "claim_id": report.id, "id_key": p.facts.id_key, "kind": report.kind, "status": report.status,
            "role": report.role, "total": money_text(report.total) if report.total is not None else None,
            "currency": "NOK" if report.loaded else None, "claimant_key": p.claimant, "first_run": run,
            "first_seen": started, "last_run": run, "current": True}
