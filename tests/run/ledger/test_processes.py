"""Real processes on one ledger: two runs at once lose nothing; a run killed mid-way changes nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ledger_support import claim, dump, rows

# Runs the command line with the ledger's findings step stalled after its writes, so that the
# test can SIGKILL the process while its transaction is open.
STALLED = """
import sys, time
from expensecli.run.ledger import tracking
real = tracking.track
def stalled(*args, **kwargs):
    result = real(*args, **kwargs)
    sys.stderr.write("STALLED\\n")
    sys.stderr.flush()
    time.sleep(600)
    return result
tracking.track = stalled
from expensecli.cli.main import run
sys.argv = ["expensecli", *sys.argv[1:]]
run()
"""


def env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("EXPENSECLI_LEDGER", "EXPENSECLI_CONTROLLERS")}


def expensecli(*args: str) -> list[str]:
    return [sys.executable, "-m", "expensecli", *args]


def make_claims(folder: Path, prefix: str, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{prefix}-{n:04d}.yaml").write_text(
            claim(f"{prefix}-{n:04d}", amount=amount(prefix, n), work_order=n % 3 != 0))


def amount(prefix: str, n: int) -> str:
    """Amounts that differ between all the claims, so that no two are MX004 duplicates."""
    return f"{1000 * (ord(prefix) - 64) + n}.{n % 100:02d}"


def test_two_runs_at_once_on_one_ledger_lose_nothing(tmp_path, ledger):
    shared = tmp_path / "shared"
    make_claims(shared, "S", 150)
    make_claims(tmp_path / "a", "A", 150)
    make_claims(tmp_path / "b", "B", 150)
    commands = [expensecli("check", str(tmp_path / name), str(shared), "--ledger", ledger, "--as-of", "2024-05-01",
                           "-f", "json", "-j2") for name in ("a", "b")]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env()) for c in commands]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err.decode() for _, err in outputs]
    runs = rows(ledger, "runs")
    assert len(runs) == 2 and all(r["claims"] == 300 for r in runs)
    assert max(r["started"] for r in runs) < min(r["recorded"] for r in runs)  # they did run at once
    claims = rows(ledger, "claims")
    assert len(claims) == 450 and len({c["claim_id"] for c in claims}) == 450  # the shared ones once
    assert len(rows(ledger, "run_claims", "run, claim")) == 600
    findings = rows(ledger, "findings")
    assert sorted(f["subject"] for f in findings) == sorted(f"{p}-{n:04d}" for p in "ASB" for n in range(150)
                                                            if n % 3 == 0)
    assert all(f["resolved_run"] is None for f in findings)
    for out, _ in outputs:  # each run saw its findings, first seen in one run or the other
        report = json.loads(out)
        assert sum(len(c["findings"]) for c in report["claims"]) == 100


def test_a_run_killed_mid_way_leaves_the_ledger_as_it_was(tmp_path, ledger):
    folder = tmp_path / "claims"
    make_claims(folder, "R", 60)
    first = subprocess.run(expensecli("check", str(folder), "--ledger", ledger, "--as-of", "2024-05-01", "-q"),
                           env=env(), capture_output=True)
    assert first.returncode == 0, first.stderr
    before = dump(ledger)
    make_claims(folder, "R", 40, start=60)  # new claims, new findings
    make_claims(folder, "E", 5)
    for n in range(0, 60, 3):  # fixed: their CO001 would be resolved
        (folder / f"R-{n:04d}.yaml").write_text(claim(f"R-{n:04d}", amount=amount("R", n)))
    process = subprocess.Popen([sys.executable, "-c", STALLED, "check", str(folder), "--ledger", ledger,
                                "--as-of", "2024-05-01", "-q"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               env=env())
    assert process.stderr.readline().decode().strip() == "STALLED"  # its writes are done, not committed
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert dump(ledger) == before
    again = subprocess.run(expensecli("check", str(folder), "--ledger", ledger, "--as-of", "2024-05-01", "-q"),
                           env=env(), capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr
    runs = rows(ledger, "runs")
    assert [r["id"] for r in runs] == [before["runs"][0]["id"], runs[-1]["id"]] and runs[-1]["resolved_findings"] == 20
