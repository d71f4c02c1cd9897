"""Check a batch holding no batch text: each claim's output and report go to a spool file.

Where a claim is checked (in a worker, or here with -j1), its report becomes a spool entry:
its own text in the output format (when that needs nothing of the other claims), its report
pickled, the numbers the totals are summed from (`stats`), and the compact keys of the
cross-claim rules. This process writes the text and the pickle to an unnamed temporary file
as entries arrive, in input order, and keeps only the keys, the file name, the numbers and
where the entry lies. At the end the cross-claim rules are judged on the keys alone
(`engine.cross_findings`); the few claims they change are read back, settled and rendered
again. `write` then sends the output, in the order `engine.finish` sorts reports, from the
spool: memory stays flat whatever the size of the batch.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from expensecli.policy.engine import ClaimResult, cross_findings, settle
from expensecli.policy.selection import Selection
from expensecli.run.batch import ClaimSource, Progress, Settings, _check, checked_in_order, collector_paused
from expensecli.run.guard import render_one


def spool_entry(index: int, source: ClaimSource, settings: Settings) -> tuple:
    """A claim checked (and its text made by `settings.render`) as the spool keeps it."""
    report, text = _check(index, source, settings)
    blob = pickle.dumps(replace(report, batch_items={}, pending_waivers=()), pickle.HIGHEST_PROTOCOL)
    return (report.file, report.batch_items, report.pending_waivers, settings.stats(report),
            None if text is None else text.encode("utf-8", "surrogatepass"), blob)


class Spool:
    """The checked batch: texts and reports on disk, the rest compact in memory."""

    def __init__(self, stats: Callable[[ClaimResult], tuple], render: Callable[[ClaimResult], str] | None):
        self.file = tempfile.TemporaryFile()
        self.stats_of, self.render = stats, render
        self.files: list[str] = []
        self.stats: list[tuple] = []
        self.where = array("q")  # per claim: offset of text, its length (-1: none), offset of report, its length
        self.items: dict[str, list] = defaultdict(list)
        self.pending: dict[int, tuple[str, tuple]] = {}
        self.end = 0

    def add(self, entry: tuple) -> None:
        file, items, pending, stats, text, blob = entry
        index = len(self.files)
        self.files.append(file)
        self.stats.append(stats)
        for code, found in items.items():
            self.items[code].extend(found)
        if pending:
            self.pending[index] = (file, pending)
        self.where.extend((*self._put(text), *self._put(blob)))

    def _put(self, data: bytes | None) -> tuple[int, int]:
        if data is None:
            return self.end, -1
        self.file.write(data)
        start, self.end = self.end, self.end + len(data)
        return start, len(data)

    def _get(self, start: int, size: int) -> bytes:
        self.file.seek(start)
        data = self.file.read(size)
        self.file.seek(self.end)
        return data

    def report(self, index: int) -> ClaimResult:
        return pickle.loads(self._get(self.where[4 * index + 2], self.where[4 * index + 3]))

    def text(self, index: int) -> str | None:
        start, size = self.where[4 * index], self.where[4 * index + 1]
        return None if size < 0 else self._get(start, size).decode("utf-8", "surrogatepass")

    def settle(self, selection: Selection) -> None:
        """Judge the cross-claim rules on the keys and settle the claims they change: read back,
        their findings added, their text and numbers made again, written to the spool anew."""
        extra = cross_findings(self.items, self.pending)
        self.items, self.pending = defaultdict(list), {}
        for index in sorted(extra):
            report = settle(self.report(index), extra[index], selection)
            text = None
            if self.render:
                report, text = render_one(self.render, report)
            self.stats[index] = self.stats_of(report)
            self.where[4 * index:4 * index + 4] = array("q", (
                *self._put(None if text is None else text.encode("utf-8", "surrogatepass")),
                *self._put(pickle.dumps(report, pickle.HIGHEST_PROTOCOL))))

    def order(self) -> list[int]:
        """The claims' indexes in output order (as `engine.finish` sorts the reports)."""
        return sorted(range(len(self.files)), key=self.files.__getitem__)

    def close(self) -> None:
        self.file.close()

    def __len__(self) -> int:
        return len(self.files)


def spool_sources(sources: Sequence[ClaimSource], settings: Settings, jobs: int = 1,
                  progress: Progress | None = None, note: Callable[[str], None] | None = None) -> Spool:
    """Check `sources` into a spool (`settings.stats` is required); settled when it returns."""
    spool = Spool(settings.stats, settings.render)
    try:
        with collector_paused():
            for entry in checked_in_order(sources, settings, jobs, progress, spool_entry):
                spool.add(entry)
            if note:
                note(f"comparing {len(spool)} claims with each other (duplicates, ids, special events)")
            spool.settle(settings.selection)
    except BaseException:
        spool.close()
        raise
    return spool


def spooled_reports(spool: Spool, order: list[int]) -> Iterator[ClaimResult]:
    for index in order:
        yield spool.report(index)
