"""Time `expensecli report` against `expensecli check --format json` on the same claims.

    python benchmarks/bench_report.py [--count 10000] [--repeat 3] [--jobs 2]

The goal: the HTML report of 10 000 claims is written in under twice the time of the JSON
check and is under 10 MB. In one run, alternating so that both see the same machine, each
command writes its file with `-o`; prints the median wall times, their ratio, the peak
memory of each process tree and the size of each file. Also times `-f xlsx` for `check`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import claims_folder, expensecli_command, measure  # noqa: E402

LIMIT_BYTES = 10 * 1000 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--folder", type=Path, help="claims folder (default: a generated one under benchmarks/out)")
    options = parser.parse_args()
    folder, _ = claims_folder(options.count, options.folder)
    files = sum(1 for _ in folder.rglob("*.yaml"))
    out = Path(tempfile.mkdtemp())
    tool = expensecli_command()
    common = [str(folder), "--as-of", "2024-12-31", f"-j{options.jobs}", "--no-progress"]
    commands = {"check -f json": [*tool, "check", *common, "-f", "json", "-o", str(out / "check.json")],
                "report (html)": [*tool, "report", *common, "-q", "-o", str(out / "report.html")],
                "check -f xlsx": [*tool, "check", *common, "-f", "xlsx", "-o", str(out / "check.xlsx")]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks = {name: 0 for name in commands}
    for _ in range(options.repeat):
        for name, command in commands.items():
            elapsed, peak = measure(command)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    base = statistics.median(times["check -f json"])
    print(f"{files} claim files in {folder}, {options.repeat} alternating runs, -j{options.jobs},"
          f" {os.cpu_count()} cores")
    print(f"{'':16} {'median s':>9} {'ratio':>6} {'peak MiB':>9} {'file MB':>8}")
    sizes = {"check -f json": out / "check.json", "report (html)": out / "report.html",
             "check -f xlsx": out / "check.xlsx"}
    for name in commands:
        median = statistics.median(times[name])
        size = sizes[name].stat().st_size
        print(f"{name:16} {median:9.2f} {median / base:6.2f} {peaks[name] / 2 ** 20:9.1f} {size / 1e6:8.2f}")
    ratio = statistics.median(times["report (html)"]) / base
    size = sizes["report (html)"].stat().st_size
    verdict = "meets" if ratio < 2 and size < LIMIT_BYTES else "MISSES"
    print(f"report: {ratio:.2f} x the time of check -f json, {size / 1e6:.2f} MB: {verdict} the goal (< 2 x, < 10 MB)")


if __name__ == "__main__":
    main()
