"""Time `expensecli check` against the bare cost of parsing the same files with libyaml.

    python benchmarks/bench_check.py [--count 10000] [--repeat 3]

In one run, alternating so that both see the same machine: (a) a loop that only parses every
file with PyYAML's C loader (the floor), (b) `expensecli check DIR --format json` with -j1
and -j2. Prints wall times, the ratio b/a and the peak memory of each process tree (summed
RSS of the process and its workers, sampled every 10 ms). Then times
`expensecli catering quote --hours 4 --external` against `python -c "import typer"`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

FLOOR = """
import os, sys, yaml
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".yaml"):
            with open(os.path.join(root, name), "rb") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Wall time and peak tree memory of one command (which must succeed or exit 1)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="claims folder (default: a generated one under benchmarks/out)")
    options = parser.parse_args()
    folder = options.folder or Path(__file__).resolve().parent / "out" / f"claims-{options.count}"
    if not folder.is_dir():
        generate(folder, options.count)
    files = sum(1 for _ in folder.rglob("*.yaml"))
    out = Path(tempfile.mkdtemp()) / "result.json"
    check = [sys.executable, "-m", "expensecli", "check", str(folder), "--format", "json", "--as-of",
             "2024-12-31", "-o", str(out)]
    commands = {"parse floor (libyaml)": [sys.executable, "-c", FLOOR, str(folder)],
                "check -j1": check + ["-j1"], "check -j2": check + ["-j2"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = {name: 0 for name in commands}
    for _ in range(options.repeat):
        for name, command in commands.items():
            elapsed, peak = measure(command)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    floor = statistics.median(times["parse floor (libyaml)"])
    print(f"{files} claim files in {folder}, {options.repeat} alternating runs, {os.cpu_count()} cores")
    print(f"{'':24} {'median s':>9} {'ratio':>6} {'peak MiB':>9}")
    for name in commands:
        median = statistics.median(times[name])
        print(f"{name:24} {median:9.2f} {median / floor:6.2f} {peaks[name] / 2 ** 20:9.1f}")
    quote = [sys.executable, "-m", "expensecli", "catering", "quote", "--hours", "4", "--external"]
    typer_only = [sys.executable, "-c", "import typer"]
    pairs = [(measure(quote)[0], measure(typer_only)[0]) for _ in range(10)]
    quote_time = statistics.median(q for q, _ in pairs)
    typer_time = statistics.median(t for _, t in pairs)
    print(f"catering quote {quote_time * 1000:.0f} ms, import typer {typer_time * 1000:.0f} ms,"
          f" ratio {quote_time / typer_time:.2f}")


if __name__ == "__main__":
    main()
