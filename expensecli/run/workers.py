"""Worker processes that do a batch's work in chunks and hand the results back in input order.

`in_workers(numbered, shared, jobs, work)` gives `work(index, item, shared)` for each numbered
item, in input order, as each chunk comes back. `shared` (the batch's settings) is sent once
to each worker when it starts. A few chunks per worker are given out ahead of the one being
received, so no batch piles up in memory. Workers die with the parent and are stopped when
the run is interrupted (`lifeline`); at most MAX_JOBS_PER_CORE are started per core. When the
system refuses to start them (a process limit: fork fails), the workers that started are
stopped, one line on stderr says so, and the caller checks the batch in its own process.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from expensecli.core import i18n
from expensecli.run.collector import collector_paused
from expensecli.run.lifeline import in_worker, stop_workers

if TYPE_CHECKING:  # imported when workers start: one file never needs them
    from concurrent.futures import ProcessPoolExecutor

Progress = Callable[[int], None]  # called with the number of items just finished

MAX_JOBS_PER_CORE = 4
CHUNK = 64  # items a worker is given at a time, at most
AHEAD = 3  # chunks given to each worker ahead of the one being received: no batch piles up in memory

# Workers are forked where the system can (they then share this process's state, its hash
# secret included), else spawned.
WORKERS_FORKED = hasattr(os, "fork")

_shared: object = None  # in a worker: what every item is worked with (`start_workers`)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def capped(jobs: int) -> int:
    """`jobs`, at most MAX_JOBS_PER_CORE for each core this process may run on."""
    return min(jobs, MAX_JOBS_PER_CORE * default_jobs())


def start_workers(shared: object, jobs: int) -> ProcessPoolExecutor | None:
    """`jobs` worker processes, started now, each given `shared`; None (and a line on stderr)
    when the system refuses. Started before the inputs are listed, workers share less of this
    process's memory."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=mp_context(), initializer=_start_worker,
                               initargs=(shared, os.getpid(), i18n.language()))
    try:
        pool.submit(int)  # with fork, every worker starts at the first task
    except BaseException as error:  # a signal while submitting, or EAGAIN: the process limit is reached
        stop_workers(pool)
        if not isinstance(error, OSError):
            raise
        reason = error.strerror or type(error).__name__
        sys.stderr.write(i18n.tr("expensecli: warning: cannot start {count} worker processes ({reason}); checking"
                                 " in this process", count=jobs, reason=reason[:1].lower() + reason[1:]) + "\n")
        return None
    return pool


def in_workers(numbered: list[tuple[int, object]], shared: object, jobs: int, progress: Progress | None,
               work: Callable, pool: ProcessPoolExecutor | None = None,
               under_way: Callable[[], None] | None = None) -> Iterator | None:
    """`work(index, item, shared)` for each of `numbered`, in input order, made by `jobs`
    workers (those of `pool` when they were started already); None when the workers could not
    be started. `under_way()`, when given, is called once the workers have their first chunks."""
    size = max(8, min(CHUNK, len(numbered) // (jobs * 8) or 1))
    chunks = (numbered[i:i + size] for i in range(0, len(numbered), size))
    pool = pool or start_workers(shared, jobs)
    if pool is None:
        return None
    task = partial(_work_chunk, work)
    waiting: deque = deque()
    try:
        for chunk in islice(chunks, AHEAD * jobs):
            waiting.append(pool.submit(task, chunk))
        if under_way:
            under_way()
    except BaseException:
        stop_workers(pool)
        raise
    return _received(pool, waiting, chunks, task, progress)


def mp_context():
    import multiprocessing

    return multiprocessing.get_context("fork" if WORKERS_FORKED else "spawn")


def _start_worker(shared: object, parent: int, lang: str) -> None:
    global _shared
    _shared = shared
    i18n.use(lang)  # inherited with fork; set again for the other ways of starting a worker
    in_worker(parent)


def _work_chunk(work: Callable, chunk: list[tuple[int, object]]) -> list:
    with collector_paused():
        results = [work(index, item, _shared) for index, item in chunk]
    gc.collect(0)
    return results


def _received(pool: ProcessPoolExecutor, waiting: deque, chunks: Iterator, task: Callable,
              progress: Progress | None) -> Iterator:
    try:
        while waiting:
            done = waiting.popleft().result()
            following = next(chunks, None)
            if following is not None:
                waiting.append(pool.submit(task, following))
            yield from done
            if progress:
                progress(len(done))
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()
