"""Processes that end when they should: workers die with their parent, and SIGTERM or SIGHUP end
a run the way Ctrl-C does.

A cron job that never ends is worse than one that fails. When the parent of a `-j` run is
killed (SIGKILL, the OOM killer) or stopped by SIGTERM/SIGHUP, its workers must not live on,
holding the output pipe open and blocking whoever reads it:

- each worker asks Linux to send it SIGKILL when its parent dies (`prctl(PR_SET_PDEATHSIG)`,
  through ctypes) and, should the parent already be gone, exits at once; where prctl does not
  exist, a daemon thread in the worker watches its parent id and exits when it changes;
- in the parent, SIGTERM and SIGHUP raise `Terminated`, which unwinds like KeyboardInterrupt:
  the workers are stopped, a half-written `-o` temp file removed, and the exit code is
  128 + the signal (143 for SIGTERM, 129 for SIGHUP; 130 for Ctrl-C).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; the run ends with exit code 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_terminated(signum: int, frame) -> None:
    raise Terminated(signum)


def handle_termination() -> None:
    """In the main process: SIGTERM and SIGHUP raise `Terminated` (only from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_terminated)


def in_worker(parent: int) -> None:
    """In a worker just started: default signal handling (the parent handles Ctrl-C and stops
    the pool), and death with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if not _death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="watch-parent").start()
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)


def _death_signal() -> bool:
    """Ask the kernel for SIGKILL when the parent dies; False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def stop_workers(pool) -> None:
    """End a ProcessPoolExecutor's workers now, whatever they are doing, and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:  # the workers' ends are gone with them: the manager thread reads an end
        try:                # of file, not the rest of a message a killed worker left half sent
            writer.close()
        except OSError:
            pass
    for process in processes:
        try:
            process.join(timeout=5)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass
