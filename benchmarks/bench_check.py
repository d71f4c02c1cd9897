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
import threading
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


def tree_memory(pid: int) -> int:
    """Proportional set size in bytes of a process and all its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, grew = {pid}, True
    while grew:
        found = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    return sum(_pss(member) for member in tree)


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(command: list[str], sample_memory: bool = True) -> tuple[float, int]:
    """Wall time and peak tree memory of one command (which must succeed or exit 1). The time is
    taken when the process ends; memory is sampled every 50 ms by a thread beside it."""
    peak = [0]
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_memory(pid))

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
    if sample_memory:
        sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    if sample_memory:
        sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {errors.decode()}")
    return elapsed, peak[0]


def claims_folder(count: int, folder: Path | None = None, suffix: str = "") -> tuple[Path, bool]:
    """`folder`, else the generated folder of `count` claims under benchmarks/out (made when it is
    not there yet); and whether it was just made."""
    folder = folder or Path(__file__).resolve().parent / "out" / f"claims-{count}{suffix}"
    if folder.is_dir():
        return folder, False
    generate(folder, count)
    return folder, True


def expensecli_command() -> list[str]:
    """The console script controllers run, from the Python running the benchmark."""
    script = Path(sys.executable).with_name("expensecli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expensecli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="claims folder (default: a generated one under benchmarks/out)")
    options = parser.parse_args()
    folder, _ = claims_folder(options.count, options.folder)
    files = sum(1 for _ in folder.rglob("*.yaml"))
    out = Path(tempfile.mkdtemp()) / "result.json"
    tool = expensecli_command()
    check = [*tool, "check", str(folder), "--format", "json", "--as-of",
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
    print(f"{'':24} {'median s':>9} {'ratio':>6} {'peak MiB (PSS)':>15}")
    for name in commands:
        median = statistics.median(times[name])
        print(f"{name:24} {median:9.2f} {median / floor:6.2f} {peaks[name] / 2 ** 20:15.1f}")
    quote = [*tool, "catering", "quote", "--hours", "4", "--external"]
    typer_only = [sys.executable, "-c", "import typer"]
    pairs = [(measure(quote, False)[0], measure(typer_only, False)[0]) for _ in range(10)]
    quote_time = statistics.median(q for q, _ in pairs)
    typer_time = statistics.median(t for _, t in pairs)
    print(f"catering quote {quote_time * 1000:.0f} ms, import typer {typer_time * 1000:.0f} ms,"
          f" ratio {quote_time / typer_time:.2f}")


if __name__ == "__main__":
    main()
