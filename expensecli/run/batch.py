"""Check many claim files, in this process or spread over worker processes.

Each file is loaded and checked on its own (`engine.check_one`), and only its small report
is kept, so memory grows with the number of findings, not with the size of the files. The
cross-claim rules run afterwards over all reports (`engine.finish`). The result is the same,
byte for byte, whatever the number of workers: reports carry the index of their input and
are sorted again at the end.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from expensecli.load.claims import load_claim_bytes, load_claim_file
from expensecli.models.ratebook import RateBook
from expensecli.policy.engine import ClaimReport, check_one, finish
from expensecli.policy.selection import Selection

Progress = Callable[[int], None]  # called with the number of files just finished


@dataclass(frozen=True)
class Source:
    """One input: a file to read, or bytes already read (standard input)."""

    display: str
    path: Path | None = None
    data: bytes | None = None
    base_dir: Path | None = None


@dataclass(frozen=True)
class Settings:
    rates: RateBook
    as_of: dt.date
    max_file_size: int
    selection: Selection = Selection()
    render: Callable[[ClaimReport], str] | None = None  # per-claim output, made where the claim is checked
    controllers: frozenset[str] | None = None  # who may waive findings in a claim file (None: anyone)
    facts: Callable | None = None  # (display, path, data, loaded) -> what a ledger records, made where checked


def check_sources(sources: Sequence[Source], settings: Settings, jobs: int = 1,
                  progress: Progress | None = None) -> list[ClaimReport]:
    numbered = list(enumerate(sources))
    with collector_paused():
        if jobs <= 1 or len(sources) < 2 * jobs:
            reports = []
            for index, source in numbered:
                reports.append(_check(index, source, settings))
                if index % COLLECT_EVERY == COLLECT_EVERY - 1:
                    gc.collect(0)
                if progress:
                    progress(1)
        else:
            reports = _in_workers(numbered, settings, jobs, progress)
        return finish(reports, settings.selection)


COLLECT_EVERY = 256


@contextmanager
def collector_paused():
    """Checking a claim makes many short-lived objects and no reference cycles, so Python's
    cyclic collector, run every few hundred allocations, costs a quarter of a batch's time
    (and three quarters of receiving the workers' reports) while freeing nothing that
    reference counting does not. It is paused during a batch and run on the young objects
    every COLLECT_EVERY files instead, so a stray cycle is still freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(index: int, source: Source, settings: Settings) -> ClaimReport:
    if source.data is not None:
        loaded = load_claim_bytes(source.data, source.display, source.base_dir, settings.max_file_size)
    else:
        loaded = load_claim_file(source.path, source.display, settings.max_file_size)
    report = check_one(index, loaded, settings.rates, settings.as_of, settings.selection, settings.controllers)
    if settings.facts:
        report = replace(report, facts=settings.facts(source.display, source.path, source.data, loaded))
    return replace(report, rendered=settings.render(report)) if settings.render else report


_settings: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _settings
    _settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool


def _check_chunk(chunk: list[tuple[int, Source]]) -> list[ClaimReport]:
    with collector_paused():
        reports = [_check(index, source, _settings) for index, source in chunk]
    gc.collect(0)
    return reports


def _in_workers(numbered: list[tuple[int, Source]], settings: Settings, jobs: int,
                progress: Progress | None) -> list[ClaimReport]:
    size = max(8, min(256, len(numbered) // (jobs * 8) or 1))
    chunks = [numbered[i:i + size] for i in range(0, len(numbered), size)]
    context = _mp_context()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(settings,))
    reports: list[ClaimReport] = []
    try:
        for done in pool.map(_check_chunk, chunks):
            reports.extend(done)
            if progress:
                progress(len(done))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return reports


def _mp_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1
