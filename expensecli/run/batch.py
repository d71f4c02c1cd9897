"""Check many claim files, in this process or spread over worker processes (`workers`).

Each file is loaded and checked on its own (`engine.check_one`), and only its small report
is kept, so memory grows with the number of findings, not with the size of the files. The
cross-claim rules run afterwards over all reports (`engine.finish`). The result is the same,
byte for byte, whatever the number of workers: reports carry the index of their input and
are sorted again at the end. At most one worker per file and `workers.MAX_JOBS_PER_CORE` per
core are started, whatever `-j` asks; when the system refuses to start them, the batch is
checked in this process.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from expensecli.core import i18n
from expensecli.load.claims import folder_of, load_claim_bytes, read_claim_file, unreadable
from expensecli.models.claimfile import LoadedClaim
from expensecli.models.ratebook import RateBook
from expensecli.policy import engine
from expensecli.policy.engine import ClaimResult, amended, check_one, finish
from expensecli.policy.selection import Selection
from expensecli.run import workers
from expensecli.run.collector import COLLECT_EVERY, collector_paused
from expensecli.run.guard import render_one
from expensecli.run.lifeline import stop_workers
from expensecli.run.workers import Progress

if TYPE_CHECKING:  # imported when workers start: one file never needs them
    from concurrent.futures import ProcessPoolExecutor

Checked = tuple[ClaimResult, "str | None"]  # a report and its text when it was rendered where it was checked


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One input: a file to read, or bytes already read (standard input). A batch holds one for
    every file, so it is small: the path as text, which the file is read by (no `Path` is made)."""

    display: str
    path: str | Path | None = None
    data: bytes | None = None
    base_dir: str | Path | None = None
    problem: str | None = None  # LOAD001 without reading: a link leaving the folders, a folder unread

    def __reduce__(self):
        """Pickled as its fields when it is sent to a worker: a slotted frozen dataclass is
        otherwise pickled through its Python-level state methods, at three times the cost."""
        return ClaimSource, (self.display, self.path, self.data, self.base_dir, self.problem)


@dataclass(frozen=True)
class Settings:
    """What every claim of a batch is checked with, sent once to each worker."""

    rates: RateBook
    as_of: dt.date
    max_file_size: int
    selection: Selection = Selection()
    render: Callable[[ClaimResult], str] | None = None  # per-claim output, made where the claim is checked
    controllers: frozenset[str] | None = None  # who may waive findings in a claim file (None: anyone)
    facts: Callable | None = None  # (display, path, data, loaded, checked) -> what a ledger records, made where checked
    stats: Callable[[ClaimResult], tuple] | None = None  # the numbers a spooled claim adds to the totals (`spool`)


def check_sources(sources: Sequence[ClaimSource], settings: Settings, jobs: int = 1,
                  progress: Progress | None = None, note: Callable[[str], None] | None = None,
                  under_way: Callable[[], None] | None = None) -> tuple[list[ClaimResult], list[str | None]]:
    """The finished reports in output order, and each one's text when `settings.render` made it
    where the claim was checked (None for a report the cross-claim rules changed: render it again).
    `note(text)` is told when every file is checked and the claims are compared with each other;
    `under_way()` is called in this process once the check has started (see `checked_in_order`)."""
    with collector_paused():
        checked = list(checked_in_order(sources, settings, jobs, progress, under_way=under_way))
        texts = {id(report): text for report, text in checked}
        if note:
            note(i18n.tr("comparing {count} claims with each other (duplicates, ids, special events)",
                         count=len(checked)))
        reports = finish([report for report, _ in checked], settings.selection)
        return reports, [texts.get(id(report)) for report in reports]


def checked_in_order(sources: Sequence[ClaimSource], settings: Settings, jobs: int = 1,
                     progress: Progress | None = None, work: Callable | None = None,
                     pool: ProcessPoolExecutor | None = None, under_way: Callable[[], None] | None = None) -> Iterator:
    """`work(index, source, settings)` (by default a report and its text) for each source, in
    input order as each is ready, by `jobs` workers (of `pool`, if started already; stopped
    when the batch is too small for them) or in this process. `under_way()`, when given, is
    called once the workers have their first claims (before the first claim when there are
    none): what it does here, the workers check meanwhile; should it raise, they are stopped."""
    work = work or _check
    numbered = list(enumerate(sources))
    jobs = min(workers.capped(jobs), len(sources))
    if jobs > 1 and len(sources) >= 2 * jobs:
        results = workers.in_workers(numbered, settings, jobs, progress, work, pool, under_way)
        if results is not None:
            yield from results
            return
    elif pool is not None:
        stop_workers(pool)
    if under_way:
        under_way()
    for index, source in numbered:
        yield work(index, source, settings)
        if index % COLLECT_EVERY == COLLECT_EVERY - 1:
            gc.collect(0)
        if progress:
            progress(1)


def _check(index: int, source: ClaimSource, settings: Settings) -> Checked:
    loaded, data = load_source(source, settings)
    return checked_loaded(index, source, loaded, settings, data=data)


def load_source(source: ClaimSource, settings: Settings) -> tuple[LoadedClaim, bytes | None]:
    """The claim of `source`, and the bytes it was loaded from (None when none could be read)."""
    if source.problem is not None:
        return unreadable(source.display, source.problem), None
    if source.data is not None:
        return load_claim_bytes(source.data, source.display, source.base_dir, settings.max_file_size), source.data
    data = read_claim_file(source.path, source.display, settings.max_file_size)
    if isinstance(data, LoadedClaim):  # unreadable: its LOAD001
        return data, None
    return load_claim_bytes(data, source.display, folder_of(source.path)), data


def checked_loaded(index: int, source: ClaimSource, loaded: LoadedClaim, settings: Settings,
                   unplaced: frozenset[str] = frozenset(), data: bytes | None = None) -> Checked:
    """The report of a claim already loaded from `data` (and its text when `settings.render` is
    given); the cross-claim items of the codes in `unplaced` are not located (see
    `engine.check_one`)."""
    report = check_one(index, loaded, settings.rates, settings.as_of, settings.selection, settings.controllers,
                       unplaced)
    if settings.facts:
        report = amended(report, facts=_facts(settings.facts, source, loaded, data))
    return render_one(settings.render, report) if settings.render else (report, None)


def _facts(collect: Callable, source: ClaimSource, loaded, data: bytes | None):
    """What the ledger records of the claim (its content hash from `data`, the bytes it was
    checked from); a defect there costs the claim its ledger facts (its findings are still
    reported and tracked), never the batch; with `--traceback` it stops the run and shows where."""
    try:
        return collect(source.display, source.path, source.data, loaded, data)
    except Exception:
        if engine.RAISE_DEFECTS:
            raise
        return None
