"""Check a batch holding no batch text: each claim's output and report go to a spool file.

Where a claim is checked (in a worker, or here with -j1), its report becomes a spool entry:
its own text in the output format (or, for the table, whose column widths depend on the whole
batch, what its text will be made from: `render.streamed.table_record`), the bytes it was
checked from (its report pickled instead when there is no such text, as for a workbook), the
numbers the totals are summed from (`stats`), and the keys of the cross-claim rules.
This process writes the text and the bytes to an unnamed temporary file as entries arrive, in
input order, and keeps per claim only its name, its numbers, where its entry lies and, of the
rules where a key met once makes no finding (MX004, MX006), a 64-bit digest of each key. At
the end the claims whose digests are shared are checked again from their bytes for their
keys (their reports then kept pickled), the cross-claim rules are judged on the keys alone
(`engine.cross_findings`), and the few claims they change are read back (or checked again),
settled and rendered again. Keeping the bytes instead of a pickled report makes a claim's
entry a copy, not a serialisation; checking again is deterministic (the same bytes, rate
sheets and day), so only the few changed claims pay. The caller then writes the output, in
the order `engine.finish` sorts reports, from the spool: memory stays flat whatever the
batch's size. With a ledger, an entry also carries the part of the report the ledger records
(`engine.recorded_part`), kept here until the run is recorded (`cli.streamed_ledger`).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cache
from itertools import pairwise

from expensecli.core.i18n import tr
from expensecli.load.claims import folder_of
from expensecli.policy import registry
from expensecli.policy.engine import ClaimResult, amended, cross_findings, recorded_part, settle
from expensecli.policy.selection import Selection
from expensecli.run.batch import ClaimSource, Settings, _check, checked_in_order, checked_loaded, load_source
from expensecli.run.collector import collector_paused
from expensecli.run.guard import render_one
from expensecli.run.workers import WORKERS_FORKED, Progress

try:  # the BLAKE2 module alone: `hashlib` would load OpenSSL too, a few milliseconds of every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b


def spool_entry(index: int, source: ClaimSource, settings: Settings) -> tuple:
    """A claim checked (and its text made by `settings.render`) as the spool keeps it: the keys
    of the rules where a key met once makes no finding only as digests (`lone_key_silent`), and
    the bytes it was checked from, to check it again should the batch change it, or, when it has
    no text (no `settings.render`: a workbook) or no bytes, its report pickled; with a ledger
    (`settings.facts`), the part of the report it records (`engine.recorded_part`)."""
    loaded, data = load_source(source, settings)
    silent = _silent_codes()
    again = settings.render is not None and data is not None
    # Kept as digests and checked again from the bytes should a key be shared, the items of the
    # silent codes need no position here (a few µs a claim of looking up nodes).
    report, text = checked_loaded(index, source, loaded, settings, silent if again else frozenset(), data)
    digests = tuple(_digest(code, item.key) for code in silent for item in report.batch_items.get(code, ()))
    kept = {code: found for code, found in report.batch_items.items() if code not in silent and found}
    blob = data if again else pickle.dumps(amended(report, pending_waivers=()), pickle.HIGHEST_PROTOCOL)
    return (digests, kept, report.pending_waivers, settings.stats(report),
            None if text is None else text.encode("utf-8", "surrogatepass"), blob, again,
            recorded_part(report) if settings.facts else None)


@cache
def _silent_codes() -> frozenset[str]:
    return frozenset(rule.code for rule in registry.batch_checks() if getattr(rule.check, "lone_key_silent", False))


def _digest(code: str, key) -> int:
    """A number for `(code, key)` that is the same for equal keys (12.5 and 12.50) wherever the
    batch makes it: Python's own `hash` where the workers are forked from this process (they
    share its hash secret; with -j1 there are none), else 64 bits of BLAKE2 of a canonical text
    (`portable_digest`). Keys that only share a digest are told apart by the keys themselves."""
    return hash((code, key)) if WORKERS_FORKED else portable_digest(code, key)


def portable_digest(code: str, key) -> int:
    """64 bits of `(code, key)` that are the same for equal keys in any process (unlike `hash`
    of a text): numbers in a canonical form (1.50 is 1.5), everything else as `repr` shows it."""
    text = repr((code, _canonical(key))).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(text, digest_size=8).digest(), "little", signed=True)


def _canonical(value):
    kind = type(value)
    if kind is str or kind is dt.date:
        return value
    if isinstance(value, tuple):
        return tuple([_canonical(part) for part in value])
    if isinstance(value, Decimal):
        return ("decimal", str(value.normalize())) if value.is_finite() else ("decimal", str(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ("decimal", str(Decimal(value).normalize()))
    return value


WRITE_BUFFER = READ_AHEAD = 1 << 20
NEARBY = 64 * 1024  # what the output skips between two claims' texts: the other entries of a claim
STATS = 10  # whole numbers of a claim's stats kept in the spool's array; then its first code


def read_at(handle: int, start: int, size: int) -> bytes:
    """`size` bytes of the open file `handle` from `start`; its position is left where it was."""
    parts, done = [], 0
    while done < size:
        part = os.pread(handle, size - done, start + done)
        if not part:
            raise OSError(f"the spool file ended at byte {start + done}, before byte {start + size}")
        parts.append(part)
        done += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


class Spool:
    """The checked batch: texts and reports on disk, the rest compact in memory."""

    def __init__(self, settings: Settings, sources: Sequence[ClaimSource]):
        # Entries are appended through a large buffer (one write call for many claims) and read
        # back with `pread` at their offsets, so reading one never moves the writing position.
        self.file = tempfile.TemporaryFile(buffering=WRITE_BUFFER)
        self.flushed = 0  # bytes of the file written through to it (what `pread` can see)
        self.window: tuple[int, bytes] = (0, b"")  # the block read last: where it starts, its bytes
        self.settings, self.sources = settings, sources
        self.again = bytearray()  # per claim: 1 when its entry holds the bytes to check it again from
        self.files: list[str] = []
        self.numbers = array("i")  # STATS numbers a claim
        self.first: list[str | None] = []
        self.where = array("q")  # per claim: offset of text, its length (-1: none), offset of report, its length
        self.items: dict[str, list] = defaultdict(list)  # of the rules that keep their keys
        self.digests = array("q")  # of the other rules' keys, and the claim of each
        self.digest_claims = array("i")
        self.pending: dict[int, tuple[str, tuple]] = {}
        self.recorded: list[ClaimResult | None] = []  # with a ledger: what it records of each claim
        self.end = 0

    def add(self, entry: tuple, file: str) -> None:
        """A claim's entry (`spool_entry`); `file`: its name (the source's, not a copy from a worker)."""
        digests, items, pending, stats, text, blob, again, recorded = entry
        self.again.append(again)
        self.recorded.append(recorded)
        index = len(self.files)
        self.files.append(file)
        self.set_stats(index, stats)
        self.digests.extend(digests)
        self.digest_claims.extend([index] * len(digests))
        for code, found in items.items():
            self.items[code].extend(found)
        if pending:
            self.pending[index] = (file, pending)
        self.where.extend((*self._put(text), *self._put(blob)))

    def set_stats(self, index: int, stats: tuple) -> None:
        if index == len(self.first):
            self.numbers.extend(stats[:STATS])
            self.first.append(stats[STATS])
        else:
            self.numbers[STATS * index:STATS * (index + 1)] = array("i", stats[:STATS])
            self.first[index] = stats[STATS]

    def stats(self, index: int) -> tuple:
        return (*self.numbers[STATS * index:STATS * (index + 1)], self.first[index])

    def _put(self, data: bytes | None) -> tuple[int, int]:
        if data is None:
            return self.end, -1
        self.file.write(data)
        start, self.end = self.end, self.end + len(data)
        return start, len(data)

    def _get(self, start: int, size: int) -> bytes:
        """An entry's bytes, from the last block read when it holds them. The output reads the
        entries mostly in the order they were written, so an entry that starts in the last block
        or within NEARBY bytes after it is read with the next READ_AHEAD bytes (one read serves a
        few hundred claims); one farther away (the few claims the cross-claim rules change) is
        read alone. An entry, once written, never changes."""
        at, block = self.window
        if at <= start and start + size <= at + len(block):
            return block[start - at:start - at + size]
        if start + size > self.flushed:
            self.file.flush()
            self.flushed = self.end
        ahead = min(READ_AHEAD, self.flushed - start) if at <= start <= at + len(block) + NEARBY else 0
        block = read_at(self.file.fileno(), start, max(size, ahead))
        self.window = (start, block)
        return block[:size] if len(block) > size else block

    def report(self, index: int) -> ClaimResult:
        blob = self._get(self.where[4 * index + 2], self.where[4 * index + 3])
        if not self.again[index]:
            return pickle.loads(blob)
        source = self.sources[index]
        base = source.base_dir if source.path is None else folder_of(source.path)
        report, _ = _check(index, replace(source, data=blob, base_dir=base), replace(self.settings, render=None))
        return amended(report, pending_waivers=())

    def text(self, index: int) -> str | None:
        start, size = self.where[4 * index], self.where[4 * index + 1]
        return None if size < 0 else self._get(start, size).decode("utf-8", "surrogatepass")

    def _shared_keys(self) -> dict[str, list]:
        """The keys of the digested rules that more than one item has (and a few that only share a
        digest), read back from the reports of the claims that have them, in input order."""
        ordered = sorted(self.digests)  # smaller than a set of them all
        twice = {digest for digest, following in pairwise(ordered) if digest == following}
        del ordered
        claims = sorted({claim for digest, claim in zip(self.digests, self.digest_claims) if digest in twice})
        items: dict[str, list] = defaultdict(list)
        for index in claims:
            report = self.report(index)
            self._keep(index, report)
            for code, found in report.batch_items.items():
                if code in _silent_codes():
                    items[code].extend(item for item in found if _digest(code, item.key) in twice)
        return items

    def _keep(self, index: int, report: ClaimResult) -> None:
        """A report just checked again from its bytes, kept pickled in its entry's place: these
        claims are most of those the cross-claim rules then change, and settling one reads it back
        instead of checking it a third time (a batch of copies of one claim costs two checks a
        claim, not three)."""
        if self.again[index]:
            kept = self._put(pickle.dumps(report, pickle.HIGHEST_PROTOCOL))
            self.where[4 * index + 2:4 * index + 4] = array("q", kept)
            self.again[index] = False

    def settle(self, selection: Selection) -> None:
        """Judge the cross-claim rules on the keys and settle the claims they change: read back,
        their findings added, their text and numbers made again, written to the spool anew."""
        items = {**self.items, **self._shared_keys()}
        extra = cross_findings(items, self.pending)
        del items
        self.items, self.pending, self.digests, self.digest_claims = defaultdict(list), {}, array("q"), array("i")
        for index in sorted(extra):
            report = settle(self.report(index), extra[index], selection)
            text = None
            if self.settings.render:
                report, text = render_one(self.settings.render, report)
            self.set_stats(index, self.settings.stats(report))
            if self.settings.facts:
                self.recorded[index] = recorded_part(report)
            self.where[4 * index:4 * index + 4] = array("q", (
                *self._put(None if text is None else text.encode("utf-8", "surrogatepass")),
                *self._put(pickle.dumps(report, pickle.HIGHEST_PROTOCOL))))
            self.again[index] = False

    def order(self) -> list[int]:
        """The claims' indexes in output order (as `engine.finish` sorts the reports)."""
        return sorted(range(len(self.files)), key=self.files.__getitem__)

    def close(self) -> None:
        self.file.close()

    def __len__(self) -> int:
        return len(self.files)


def spool_sources(sources: Sequence[ClaimSource], settings: Settings, jobs: int = 1,
                  progress: Progress | None = None, note: Callable[[str], None] | None = None,
                  pool=None, under_way: Callable[[], None] | None = None) -> Spool:
    """Check `sources` into a spool (`settings.stats` is required); settled when it returns.
    `under_way()` is called once the check has started (see `batch.checked_in_order`)."""
    spool = Spool(settings, sources)
    try:
        with collector_paused():
            checked = checked_in_order(sources, settings, jobs, progress, spool_entry, pool, under_way)
            for index, entry in enumerate(checked):
                spool.add(entry, sources[index].display)
            if note:
                note(tr("comparing {count} claims with each other (duplicates, ids, special events)", count=len(spool)))
            spool.settle(settings.selection)
    except BaseException:
        spool.close()
        raise
    return spool


def spooled_reports(spool: Spool, order: list[int]) -> Iterator[ClaimResult]:
    for index in order:
        yield spool.report(index)
