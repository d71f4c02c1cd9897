"""Processes end when they should (issue 12): workers die with their parent whatever kills it,
SIGTERM and SIGHUP end a run like Ctrl-C, a failed fork or an absurd -j does not hang."""

import datetime as dt
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import CLEAN, REPO
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.load.ratebook import load_ratebook
from expensecli.run import batch, workers

_register()

# The real entry point; each process says "checking PID" on stderr when it checks its first file,
# and each file takes 20 ms more, so the batch is surely running in both workers when the signal comes.
SLOW = """
import os, sys, time
from expensecli.run import batch
from expensecli.cli.main import run

said = []

def slowed(real):
    def slow(*args, **kwargs):
        if os.getpid() not in said:
            said.append(os.getpid())
            sys.stderr.write(f"checking {os.getpid()}\\n")
            sys.stderr.flush()
        time.sleep(0.02)
        return real(*args, **kwargs)
    return slow

batch.read_claim_file = slowed(batch.read_claim_file)  # every claim file is read through it
sys.argv = ["expensecli", *sys.argv[1:]]
run()
"""



def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGKILL"])
def test_no_worker_is_alive_a_second_after_the_parent_of_a_j2_run_is_killed(many_claims, tmp_path, how):
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW, "check", str(many_claims), "--as-of", "2024-05-01", "-f", "json",
         "-j", "2", "-o", str(tmp_path / "result.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True)
    reader.start()
    workers = set()
    try:
        while len(workers) < 2:
            workers.add(int(lines.get(timeout=30).split()[1]))
        assert process.pid not in workers
        os.kill(process.pid, getattr(signal, how))  # the parent alone, as cron or the OOM killer would
        process.wait(timeout=10)
        time.sleep(1)
        assert [pid for pid in workers if alive(pid)] == []
        stdout: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: stdout.put(process.stdout.read()), daemon=True).start()
        assert stdout.get(timeout=5) == ""  # end of file: no worker holds the output pipe open
    finally:
        for pid in [process.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    reader.join(timeout=30)  # stderr read to its end: every line the run wrote is in the queue
    assert not reader.is_alive()
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    if how == "SIGKILL":
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == {"SIGTERM": 143, "SIGHUP": 129}[how]
        assert rest == [f"expensecli: terminated by {how}\n"], rest
    assert os.listdir(tmp_path) == []  # no result and no temp file


def test_a_failed_fork_carries_on_in_this_process_with_one_line(many_claims, monkeypatch):
    runner = CliRunner()
    alone = runner.invoke(app, ["check", str(many_claims), "--as-of", "2024-05-01", "-f", "json", "-j", "1"])
    real_fork, forks = os.fork, []

    def fork():  # the first worker starts, the second meets the process limit
        forks.append(1)
        if len(forks) > 1:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(workers, "default_jobs", lambda: 64)
    result = runner.invoke(app, ["check", str(many_claims), "--as-of", "2024-05-01", "-f", "json", "-j", "64"])
    assert result.exit_code == alone.exit_code == 1
    assert result.stderr == ("expensecli: warning: cannot start 64 worker processes (resource temporarily"
                             " unavailable); checking in this process\n")
    assert result.stdout == alone.stdout  # every claim checked, byte for byte
    import multiprocessing

    assert multiprocessing.active_children() == []  # the worker that started was stopped and reaped


def test_jobs_are_capped_by_the_number_of_files_and_cores(monkeypatch, tmp_path):
    for n in range(3):
        (tmp_path / f"c{n}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-000{n}"))
    asked = []
    monkeypatch.setattr(workers, "in_workers", lambda numbered, shared, jobs, progress, work, pool=None, under_way=None:
                        asked.append(jobs))
    monkeypatch.setattr(workers, "default_jobs", lambda: 2)
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-f", "json", "-j", "1000"])
    assert result.exit_code == 0
    assert asked == []  # 3 files: fewer than two per worker, checked in this process
    sources = [batch.ClaimSource(str(n), data=CLEAN.encode()) for n in range(100)]
    settings = batch.Settings(load_ratebook(), dt.date(2024, 5, 1), 10_000)
    reports, _ = batch.check_sources(sources, settings, jobs=1000)
    assert asked == [8]  # 4 per core on 2 cores, not 1000; None from the stub: checked here instead
    assert [r.id for r in reports] == ["R-2024-0001"] * 100


def test_what_fails_while_the_workers_check_stops_them_before_any_claim_is_received():
    # how a ledger that cannot be opened ends a run: `under_way` is called once both workers have
    # their first claims, and its error stops them
    import multiprocessing

    sources = [batch.ClaimSource(str(n), data=CLEAN.encode()) for n in range(200)]
    settings = batch.Settings(load_ratebook(), dt.date(2024, 5, 1), 10_000)
    workers, received = [], []

    def under_way():
        workers.extend(process.pid for process in multiprocessing.active_children())
        raise RuntimeError("no ledger here")

    with pytest.raises(RuntimeError, match="no ledger here"):
        batch.check_sources(sources, settings, jobs=2, progress=received.append, under_way=under_way)
    assert len(workers) == 2 and received == []
    # Killed and reaped, so no such process is left. (The pool's own thread may reap one first:
    # `active_children()` can then list it for a moment, its exit code not yet noted.)
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_in_this_process_what_is_under_way_is_done_before_the_first_claim():
    sources = [batch.ClaimSource(str(n), data=CLEAN.encode()) for n in range(3)]
    settings = batch.Settings(load_ratebook(), dt.date(2024, 5, 1), 10_000)
    order = []
    reports, _ = batch.check_sources(sources, settings, jobs=1, progress=lambda done: order.append("claim"),
                                     under_way=lambda: order.append("under way"))
    assert order == ["under way", "claim", "claim", "claim"] and len(reports) == 3


def test_an_interrupted_run_ends_even_when_a_thread_of_its_pool_would_wait_for_ever():
    """A worker killed while it sent a result leaves the pool's manager thread waiting on the rest
    of the message, and the interpreter joins that thread on the way out: the run ends anyway,
    with its exit code, its message and what it had written."""
    code = ("import sys, threading\n"
            "threading.Thread(target=threading.Event().wait, name='stuck').start()\n"
            "from expensecli.cli import main\n"
            "main._register = lambda argv: (_ for _ in ()).throw(KeyboardInterrupt())\n"
            "sys.argv = ['expensecli', 'check', 'x']\n"
            "print('written before', flush=False)\n"
            "main.run()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "written before\n", "expensecli: interrupted\n")
