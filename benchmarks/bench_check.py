"""Every figure of the performance issue, each against its target, as ratios measured in one run.

    python benchmarks/bench_check.py [--repeat 3] [--sizes 10000,50000] [--formats all|json,...]

Runs the console script of a non-editable install of this checkout (built under benchmarks/out,
again whenever the code changed; see `expensecli_command`), alternating the commands so that
each ratio compares runs made side by side. Each figure is printed as the median and the
min-max of the per-run ratios, with its target and whether the median meets it:

- batch: `check -f json` with -j1 and -j2 against the floor (a loop that only reads and parses
  every file with PyYAML's libyaml loader) at 10 000 claims, -j1 at 1 000 claims against the
  floor of those, and `-f table` against `-f json` (-j1); after one untimed run of each, so
  that no timed run reads from the disk what the others find in the page cache (a machine may
  page out files left unread for a minute: 10 000 claims read cold take over a second more);
- memory: peak PSS (proportional set size, /proc/PID/smaps_rollup) of the whole process tree,
  the process and its workers summed, sampled every 50 ms, for each size, -j1 and -j2 and each
  format; one run each;
- start-up: `check` of one plain claim and of a catering claim, `--version`, `rules explain
  MX004` and `catering quote` against `python -c "import typer"`, in alternating pairs.

Every command runs in the system's temporary folder (`NEUTRAL`), as a controller runs it in a
claims folder, not in this repository, whose configuration lookup would parse pyproject.toml.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"

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


# Where every command runs: a folder with no configuration file above it, as a claims folder
# is, rather than this repository, whose pyproject.toml names expensecli and so is parsed by
# the lookup for a `[tool.expensecli]` table at every start (about 4 ms, see load/config.py).
NEUTRAL = tempfile.gettempdir()


def measure(command: list[str], sample_memory: bool = True) -> tuple[float, int]:
    """Wall time and peak tree memory of one command (which must succeed or exit 1). The time is
    taken when the process ends; memory is sampled every 50 ms by a thread beside it."""
    peak = [0]
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_memory(pid))

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=NEUTRAL)
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
    folder = folder or OUT / f"claims-{count}{suffix}"
    if folder.is_dir():
        return folder, False
    generate(folder, count)
    return folder, True


def expensecli_command() -> list[str]:
    """The console script of a non-editable install of this checkout: a venv under benchmarks/out
    whose own site-packages holds the built wheel's files (compiled), and which finds the
    dependencies in the running environment. Built again when any file of the package changed.
    When it cannot be built, the running environment's script (said on stderr)."""
    venv = OUT / "venv"
    script = venv / "bin" / "expensecli"
    stamp = venv / "source.sha256"
    digest = _source_digest()
    if script.exists() and stamp.exists() and stamp.read_text() == digest:
        return [str(script)]
    try:
        _install(venv)
        stamp.write_text(digest)
        return [str(script)]
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"bench: no non-editable install ({error}); timing the running environment's script",
              file=sys.stderr)
    script = Path(sys.executable).with_name("expensecli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expensecli"]


def _source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted([*(REPO / "expensecli").rglob("*"), *(REPO / "rates").rglob("*"), REPO / "pyproject.toml"]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _install(venv: Path) -> None:
    """`pip install --no-deps .` (a wheel, not editable) into a fresh venv that sees this
    environment's packages through a .pth file."""
    import site
    import sysconfig

    shutil.rmtree(venv, ignore_errors=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = [path for path in site.getsitepackages() if Path(path).is_dir()] or [sysconfig.get_paths()["purelib"]]
    Path(purelib, "bench-dependencies.pth").write_text("\n".join(ours) + "\n")
    install = ["install", "--no-deps", "--force-reinstall", "--quiet", str(REPO)]
    for pip in ([sys.executable, "-m", "pip"], [base, "-m", "pip"], ["python3", "-m", "pip"]):
        if subprocess.run([*pip, "--version"], capture_output=True).returncode == 0:
            command = [*pip, "--python", str(python), *install]
            break
    else:
        if not shutil.which("uv"):
            raise OSError("neither pip nor uv found")
        command = ["uv", "pip", *install[:1], "--python", str(python), *install[1:]]
    print("bench: building a non-editable install of this checkout under benchmarks/out/venv", file=sys.stderr)
    # Compiled into the venv itself, as an installer leaves it, whatever this environment says
    # about bytecode (bench_ledger.py sends it to a cache folder of its own).
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environ)
    subprocess.run([str(python), "-m", "compileall", "-q", purelib], check=True, stdout=subprocess.DEVNULL, env=environ)


def spread(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def line(name: str, ratios: list[float], target: float | None, detail: str = "") -> None:
    median, low, high = spread(ratios)
    verdict = "" if target is None else ("  met" if median <= target else "  NOT met")
    goal = f"<= {target:.2f}" if target is not None else ""
    print(f"  {name:44} {median:6.2f}x  ({low:.2f}-{high:.2f})  {goal:>8}{verdict}  {detail}")


FORMATS = ["json", "jsonl", "concise", "csv", "junit", "table", "xlsx"]
MEMORY_LIMIT = 100 * 2 ** 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch command (start-up: 4 x as many)")
    parser.add_argument("--sizes", default="10000,50000", help="batch sizes of the memory figures")
    parser.add_argument("--formats", default="all", help="formats of the memory figures (all, or json,table,...)")
    parser.add_argument("--skip", default="", help="parts to leave out: batch,memory,startup")
    options = parser.parse_args()
    skip = set(filter(None, options.skip.split(",")))
    tool = expensecli_command()
    out = Path(tempfile.mkdtemp(prefix="bench-check-"))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; {' '.join(tool)}")
    try:
        if "batch" not in skip:
            batch(tool, out, options.repeat)
        if "memory" not in skip:
            formats = FORMATS if options.formats == "all" else options.formats.split(",")
            memory(tool, out, [int(size) for size in options.sizes.split(",")], formats)
        if "startup" not in skip:
            startup(tool, 4 * options.repeat)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def _check(tool: list[str], folder: Path, out: Path, chosen: str, jobs: int) -> list[str]:
    return [*tool, "check", str(folder), "--format", chosen, "--as-of", "2024-12-31", "-o",
            str(out / f"result.{chosen}"), f"-j{jobs}", "--no-progress"]


def batch(tool: list[str], out: Path, repeat: int) -> None:
    folder, _ = claims_folder(10000)
    small, _ = claims_folder(1000)
    commands = {"floor": [sys.executable, "-c", FLOOR, str(folder)],
                "json -j1": _check(tool, folder, out, "json", 1), "json -j2": _check(tool, folder, out, "json", 2),
                "table -j1": _check(tool, folder, out, "table", 1),
                "floor 1000": [sys.executable, "-c", FLOOR, str(small)],
                "json 1000": _check(tool, small, out, "json", 1)}
    for command in commands.values():  # untimed: the files and the program's own into the page cache
        measure(command, False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(measure(command, False)[0])
    ratio = lambda a, b: [x / y for x, y in zip(times[a], times[b])]  # noqa: E731
    print(f"batch: {repeat} alternating runs; median (min-max) of the per-run ratios; floor"
          f" {statistics.median(times['floor']):.2f} s for 10 000 files, {statistics.median(times['floor 1000']):.2f} s"
          " for 1 000")
    line("check -f json -j1 / floor, 10 000 claims", ratio("json -j1", "floor"), 1.25,
         f"{statistics.median(times['json -j1']):.2f} s")
    line("check -f json -j2 / floor, 10 000 claims", ratio("json -j2", "floor"), 0.8,
         f"{statistics.median(times['json -j2']):.2f} s")
    line("check -f json -j1 / floor, 1 000 claims", ratio("json 1000", "floor 1000"), 1.6,
         f"{statistics.median(times['json 1000']):.2f} s")
    line("check -f table / check -f json (-j1, 10 000)", ratio("table -j1", "json -j1"), 1.3,
         f"{statistics.median(times['table -j1']):.2f} s")


def memory(tool: list[str], out: Path, sizes: list[int], formats: list[str]) -> None:
    print("memory: peak PSS of the process tree (the process and its workers), one run each; target <= 100 MiB")
    print(f"  {'claims':>8} {'jobs':>4}  " + "".join(f"{chosen:>9}" for chosen in formats))
    missed = []
    for size in sizes:
        folder, _ = claims_folder(size)
        for jobs in (1, 2):
            peaks = []
            for chosen in formats:
                peak = measure(_check(tool, folder, out, chosen, jobs))[1]
                peaks.append(peak)
                if peak > MEMORY_LIMIT:
                    missed.append(f"{chosen} -j{jobs} {size}")
            print(f"  {size:>8} {jobs:>4}  " + "".join(f"{peak / 2 ** 20:9.1f}" for peak in peaks), flush=True)
    print("  all met" if not missed else f"  NOT met: {', '.join(missed)}")


def startup(tool: list[str], pairs: int) -> None:
    examples = REPO / "examples"
    commands = {
        "check one plain claim": ([*tool, "check", str(examples / "claims" / "employee-equipment.yaml"),
                                   "--as-of", "2024-05-01"], 2.8),
        "check one catering claim": ([*tool, "check", str(examples / "catering" / "board-lunch.yaml"),
                                      "--as-of", "2024-05-01"], 2.8),
        "--version": ([*tool, "--version"], 1.2),
        "rules explain MX004": ([*tool, "rules", "explain", "MX004"], 2.0),
        "catering quote --hours 4 --external": ([*tool, "catering", "quote", "--hours", "4", "--external"], 1.4),
    }
    typer_only = [sys.executable, "-c", "import typer"]
    for command, _ in commands.values():  # once first: the rate sheet cache is made, files are in the page cache
        measure(command, False)
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    typer_times = []
    for _ in range(pairs):
        for name, (command, _) in commands.items():
            mine, typer = measure(command, False)[0], measure(typer_only, False)[0]
            ratios[name].append(mine / typer)
            typer_times.append(typer)
    print(f"start-up: {pairs} alternating pairs against python -c 'import typer'"
          f" ({statistics.median(typer_times) * 1000:.0f} ms)")
    for name, (_, target) in commands.items():
        line(name, ratios[name], target)


if __name__ == "__main__":
    main()
