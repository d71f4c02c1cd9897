"""MX004 and MX006 across runs: the duplicates a single batch cannot see.

Each claim of this run is compared with the claims the ledger knows, taking for every file
its current content: this run's content for the files in this run, else the latest content
recorded (an older version of a file edited in place counts no more). Against those:

- MX004 when an attachment has the same content (SHA-256) as one of a claim with another id,
  or an expense the same keyed claimant, date, amount and currency, in a file outside this
  run (a renamed copy of a PDF is the same receipt; inside the run the batch rule MX004
  already compares the claims, by the same keys);
- MX006 when the same id (trimmed, case-folded) was seen in another file outside this run
  with different content (a copy of the same file is not a second claim).

A claim re-checked unchanged, or edited in place, is the same file and is never its own
duplicate; nor is a file it was renamed or moved from (whose content it once had), edited or
not since. A file deleted or archived still counts: a receipt claimed again after its first
claim was moved away is a duplicate all the same. Messages name the other claim, its file and
the day it was first recorded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, func, select

from expensecli.core.findings import Finding
from expensecli.core.i18n import tr
from expensecli.core.locations import path_text
from expensecli.core.text import printable
from expensecli.core.values import money_figure
from expensecli.policy import registry
from expensecli.policy.rule import Rule
from expensecli.policy.selection import Selection
from expensecli.policy.wording import NAMED  # other claims named in one message; the rest are counted
from expensecli.run.ledger.bulk import fetch_among
from expensecli.run.ledger.keys import among, chunks, utc_day
from expensecli.run.ledger.schema import attachments, claims, expenses


@dataclass(frozen=True)
class Other:
    """A claim a finding points at: its id, file and the date it was first seen."""

    claim_id: str | None
    file: str
    seen: str  # YYYY-MM-DD
    detail: str = ""  # the attachment's name there

    def text(self) -> str:
        claim_id = self.claim_id or tr("(no id)")
        if self.detail:
            return tr("claim {id} in {file} as {name}, first seen {seen}", id=claim_id, file=self.file,
                      name=self.detail, seen=self.seen)
        return tr("claim {id} in {file}, first seen {seen}", id=claim_id, file=self.file, seen=self.seen)


def rule(code: str) -> Rule:
    """MX004 and MX006 across runs are the batch rules' codes, with their severity and source."""
    return registry.get(code)


def cross_run(conn: Connection, prepared: list, selection: Selection) -> dict[int, list[Finding]]:
    """Findings to add, by index into `prepared` (see `record.Prepared`)."""
    if not others_recorded(conn, prepared):
        return {}
    here = {p.facts.location for p in prepared}
    # An earlier claim with the content of a claim of this run (a file renamed or copied since) is
    # that claim: the batch rules already name it to the others sharing its keys.
    contents = {p.facts.sha256 for p in prepared if p.facts.sha256}
    found = _Others()
    first_seen = _FirstSeen(conn)
    # Under each key, the claims of this run that have it: (index, code, path, what, where the
    # finding would stand, the claim's own tag).
    by_dup, by_sha, by_id = defaultdict(list), defaultdict(list), defaultdict(list)
    for n, p in enumerate(prepared):
        for expense, dup in p.expenses:
            what = ("expense", expense.amount, expense.currency, expense.date)
            by_dup[dup].append((n, "MX004", ("expenses", expense.index), what, expense.at, p.facts.id_key))
        for r in p.facts.receipts:
            path = ("expenses", r.expense, "attachments", r.attachment, "file")
            by_sha[r.sha256].append((n, "MX004", path, ("attachment", r.name), r.at, p.facts.id_key))
        if p.facts.id_key and p.report.loaded:
            by_id[p.facts.id_key].append((n, "MX006", ("id",), (), p.facts.id_at, p.facts.sha256))

    for rows in _rows(conn, select(expenses.c.dup_key, claims.c.claim_id, claims.c.id_key, claims.c.file,
                                   claims.c.location, claims.c.content_sha256, claims.c.first_seen)
                      .join(claims, expenses.c.claim == claims.c.id).where(claims.c.current), expenses.c.dup_key,
                      by_dup, prepared):
        for dup, claim_id, id_key, file, location, content, seen in rows:
            if location not in here and content not in contents:
                found.add(("dup", dup), Other(claim_id, file, first_seen(location, seen)), id_key)
    for rows in _rows(conn, select(attachments.c.sha256, attachments.c.file, claims.c.claim_id, claims.c.id_key,
                                   claims.c.file, claims.c.location, claims.c.content_sha256, claims.c.first_seen)
                      .join(claims, attachments.c.claim == claims.c.id).where(claims.c.current),
                      attachments.c.sha256, by_sha, prepared):
        for sha, name, claim_id, id_key, file, location, content, seen in rows:
            if location not in here and content not in contents:
                found.add(("sha", sha), Other(claim_id, file, first_seen(location, seen), name), id_key)
    same_ids = [row for rows in _rows(conn, select(claims.c.id_key, claims.c.claim_id, claims.c.file, claims.c.location,
                                                   claims.c.content_sha256, claims.c.first_seen).where(claims.c.current),
                                      claims.c.id_key, by_id, prepared) for row in rows]
    lineage = _lineage(conn, prepared, {row[0] for row in same_ids if row[3] not in here})
    for id_key, claim_id, file, location, sha, seen in same_ids:
        if location not in here and sha not in lineage.get(id_key, ()):
            found.add(("id", id_key), Other(claim_id, file, first_seen(location, seen)), sha)

    extra: dict[int, list[Finding]] = defaultdict(list)
    documents: dict[int, object] = {}
    for kind, users_of in (("dup", by_dup), ("sha", by_sha), ("id", by_id)):
        for value, users in users_of.items():
            if (kind, value) not in found.tags:  # most keys: no other claim has them
                continue
            for n, code, path, what, where, tag in users:
                count, listed = found.apart_from((kind, value), tag)
                if not count or not selection.reports(code):
                    continue
                report = prepared[n].report
                names = "; ".join(o.text() for o in listed)
                if count > len(listed):
                    names = tr("{claims}; and {count} more", claims=names, count=count - len(listed))
                chosen = rule(code)
                line, column = where or positions(prepared[n], path, documents, n)
                waived = code in report.waivers
                extra[n].append(Finding(report.file, line, column, code, chosen.severity,
                                        printable(_message(code, report.id, what, names)), printable(path_text(path)),
                                        chosen.citation, waived, "claim" if waived else None))
    return extra


class _FirstSeen:
    """The day a file was first recorded, whatever content it has had since: a typo fixed in
    January's claim does not make it "first seen" today. Asked only for the files a key
    matched, once each."""

    def __init__(self, conn: Connection):
        self.conn, self.days = conn, {}

    def __call__(self, location: str, seen) -> str:
        if location not in self.days:
            earliest = self.conn.execute(select(func.min(claims.c.first_seen))
                                         .where(claims.c.location == location)).scalar()
            self.days[location] = utc_day(earliest if earliest is not None else seen)
        return self.days[location]


def _lineage(conn: Connection, prepared: list, ids: set[str]) -> dict[str, set[str]]:
    """For each id in `ids`, every content ever recorded at the files of this run that have it: a
    file elsewhere whose content one of them once had is that file renamed or moved (and edited
    since), or a copy of it, not a second claim with the id."""
    if not ids:
        return {}
    where: dict[str, set[str]] = defaultdict(set)  # location -> the ids of this run's claims there
    for p in prepared:
        if p.facts.id_key in ids:
            where[p.facts.location].add(p.facts.id_key)
    lineage: dict[str, set[str]] = defaultdict(set)
    query = select(claims.c.location, claims.c.content_sha256).where(among(claims.c.location))
    for part in chunks(sorted(where)):
        for location, sha in fetch_among(conn, query, {"values": part}):
            for id_key in where[location]:
                lineage[id_key].add(sha)
    return lineage


def others_recorded(conn: Connection, prepared: list) -> bool:
    """Whether the ledger may hold a current claim of a file this run did not see: only such a
    claim can be a duplicate across runs. When every current claim is one of this run's files
    (a new ledger, or the nightly run over the same folder) nothing needs looking up; a file whose
    current claims were not looked up (`record._known_versions`) counts as unknown."""
    mine = {p.facts.location: len(p.own) for p in prepared}
    current = conn.execute(select(func.count()).select_from(claims).where(claims.c.current)).scalar_one()
    return current > sum(mine.values())


class _Others:
    """The other claims found under each key (an expense key, an attachment's content, an id), each
    with the tags it was found with (its id key, or for an id its content). A claim of this run
    is told of those of its key that carry a tag other than its own: how many there are, and the
    first NAMED by the day first seen and file. Both are worked out once per key and tag, so a
    thousand claims that share a key with a thousand others cost about two thousand steps, not a
    million."""

    def __init__(self):
        self.tags: dict[tuple, dict[Other, set]] = defaultdict(dict)
        self.answers: dict[tuple, tuple[int, list[Other]]] = {}
        self.orders: dict[tuple, tuple[list[Other], dict]] = {}

    def add(self, key: tuple, other: Other, tag) -> None:
        self.tags[key].setdefault(other, set()).add(tag)

    def apart_from(self, key: tuple, tag) -> tuple[int, list[Other]]:
        """(how many, the first NAMED) of the others under `key` not found with `tag` alone."""
        answer = self.answers.get((key, tag))
        if answer is None:
            tags = self.tags.get(key, {})
            ordered, alone = self._sorted(key, tags)
            count = len(tags) - alone.get(tag, 0)
            listed = []
            for other in ordered:
                if len(listed) == NAMED:
                    break
                if tags[other] != {tag}:
                    listed.append(other)
            answer = self.answers[(key, tag)] = (count, listed)
        return answer

    def _sorted(self, key: tuple, tags: dict) -> tuple[list[Other], dict]:
        made = self.orders.get(key)
        if made is None:
            ordered = sorted(tags, key=lambda o: (o.seen, o.file, o.claim_id or "", o.detail))
            alone: dict = defaultdict(int)  # how many others carry each tag and no other
            for found_with in tags.values():
                if len(found_with) == 1:
                    alone[next(iter(found_with))] += 1
            made = self.orders[key] = (ordered, alone)
        return made


def positions(p, path, documents: dict, n: int) -> tuple[int, int]:
    """Where `path` stands in the claim's file, read again once (its facts came without positions)."""
    from pathlib import Path

    from expensecli.load.claims import load_claim_file

    if n not in documents:
        documents[n] = load_claim_file(Path(p.facts.path or p.facts.location), p.report.file, 1 << 30).document
    return documents[n].locate(path) if documents[n] is not None else (1, 1)


def _message(code: str, claim_id: str | None, what: tuple, names: str) -> str:
    """The finding: MX006 for an id seen with other content, else MX004 for an expense (`what` is
    ("expense", amount, currency, date)) or an attachment (("attachment", name)) seen in other claims."""
    if code == "MX006":
        return tr("claim id {id} was seen earlier with different content: {claims}; claim ids are unique",
                  id=claim_id, claims=names)
    if what[0] == "expense":
        _, amount, currency, date = what
        return tr("the same expense by the same claimant ({amount} {currency} on {date}) is also in {claims}",
                  amount=money_figure(Decimal(amount)), currency=currency, date=date, claims=names)
    return tr("attachment {name} has the same content (SHA-256) as an attachment of {claims}", name=what[1],
              claims=names)



CLAIMS_AT_ONCE = 500


def _rows(conn: Connection, query, column, by_key: dict, prepared: list):
    """The rows of `query` whose `column` is one of the keys, asked for a few hundred claims of
    this run at a time while leaving out those claims' own current contents: a claim checked
    again matches all its own keys, and only the real candidates should come back."""
    groups: dict[int, set] = defaultdict(set)
    for key, users in by_key.items():
        for user in users:
            groups[user[0] // CLAIMS_AT_ONCE].add(key)
    without_own, with_own = query.where(among(column)), query.where(among(column), ~among(claims.c.id, "own"))
    for group, keys in sorted(groups.items()):
        start = group * CLAIMS_AT_ONCE
        own = sorted({v for p in prepared[start:start + CLAIMS_AT_ONCE] for v in p.own})
        for part in chunks(sorted(keys)):
            yield (fetch_among(conn, with_own, {"values": part, "own": own}) if own else
                   fetch_among(conn, without_own, {"values": part}))

