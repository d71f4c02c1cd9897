"""Time `expensecli check --ledger` against the same run without a ledger, on 10 000 claims.

    python benchmarks/bench_ledger.py [--count 10000] [--repeat 3] [--jobs 2] [--postgres URL]

The claims are the generated ones of bench_check.py, with a receipt file (a small PDF of its
own) for every receipt, so that the ledger also hashes attachments. In one run, alternating so
that all see the same machine: (a) `check DIR -f json` without a ledger; (b) the same with a
new SQLite ledger (the first night: every claim, expense, attachment and finding inserted);
(c) with a SQLite ledger that already holds the same claims (the nightly run that finds little
new: every finding updated). With `--postgres URL` (or EXPENSECLI_TEST_POSTGRES_URL), (b) and
(c) on PostgreSQL too. Prints the medians of the wall time and of the CPU time of the process
tree (user + system, the workers included), each with its ratio to (a): on a shared machine
the wall time moves with the load, the CPU time much less.

Every command runs with its bytecode cached (PYTHONPYCACHEPREFIX under benchmarks/out, one
untimed run of each first), as an installed package and its dependencies run: without it, an
environment that sets PYTHONDONTWRITEBYTECODE, or dependencies installed without compiling,
would have each run compile SQLAlchemy and Alembic again (about a second), which only the runs
with a ledger pay.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import claims_folder, expensecli_command, measure  # noqa: E402

RECEIPT = re.compile(r"\{type: receipt, language: (\w+)\}")


def with_receipts(folder: Path) -> int:
    """Give every receipt of the generated claims a file of its own; the number of files made."""
    made = 0
    for path in sorted(folder.rglob("*.yaml")):
        text, count = path.read_text(), 0

        def attach(match):
            nonlocal count, made
            count += 1
            made += 1
            name = f"receipts/{path.stem}-{count}.pdf"
            (path.parent / name).write_bytes(b"%PDF-1.4\n" + f"{path.stem} receipt {count}\n".encode() * 40)
            return f"{{type: receipt, language: {match[1]}, file: {name}}}"

        (path.parent / "receipts").mkdir(exist_ok=True)
        path.write_text(RECEIPT.sub(attach, text))
    return made


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and all it waited for) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = measure(command, False)[0]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def postgres_database(base: str, name: str, drop: bool = False) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(base).set(drivername="postgresql+psycopg")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' if drop else f'CREATE DATABASE "{name}"')
    engine.dispose()
    return url.set(drivername="postgresql", database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--postgres", default=os.environ.get("EXPENSECLI_TEST_POSTGRES_URL"))
    options = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(Path(__file__).resolve().parent / "out" / "pycache")
    folder, made_now = claims_folder(options.count, suffix="-receipts")
    if made_now:
        print(f"{with_receipts(folder)} receipt files made", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    tool = expensecli_command()
    check = [*tool, "check", str(folder), "-f", "json", "--as-of", "2024-12-31", "-o", str(work / "out.json"),
             f"-j{options.jobs}"]
    backends = {"SQLite": lambda n: str(work / f"ledger-{n}.sqlite")}
    made: list[str] = []
    if options.postgres:
        def pg(n):
            made.append(f"bench_{uuid.uuid4().hex[:12]}")
            return postgres_database(options.postgres, made[-1])
        backends["PostgreSQL"] = pg
    names = ["no ledger"] + [f"{b} {k}" for b in backends for k in ("new", "known")]
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    try:
        for backend, make in backends.items():  # untimed: the bytecode of both paths cached
            timed([*check, "--ledger", make("warm")])
        for n in range(options.repeat):
            times["no ledger"].append(timed(check))
            for backend, make in backends.items():
                target = make(n)
                times[f"{backend} new"].append(timed([*check, "--ledger", target]))
                times[f"{backend} known"].append(timed([*check, "--ledger", target]))
    finally:
        for name in made:
            postgres_database(options.postgres, name, drop=True)
        shutil.rmtree(work, ignore_errors=True)
    wall = {name: statistics.median(w for w, _ in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in times.items()}
    files = sum(1 for _ in folder.rglob("*.yaml"))
    print(f"{files} claims in {folder}, -j{options.jobs}, {options.repeat} alternating runs, {os.cpu_count()} cores,"
          f" load average {os.getloadavg()[0]:.1f}")
    print(f"{'':22} {'wall s':>7} {'ratio':>6} {'min-max':>11} {'cpu s':>7} {'ratio':>6}  target (wall ratio)")
    for name in names:
        ratios = [w / base[0] for (w, _), base in zip(times[name], times["no ledger"])]
        verdict = "" if name == "no ledger" else ("<= 1.30 met" if statistics.median(ratios) <= 1.3 else
                                                  "<= 1.30 NOT met")
        print(f"{'check ' + name:22} {wall[name]:7.2f} {statistics.median(ratios):6.2f}"
              f" {min(ratios):5.2f}-{max(ratios):<5.2f} {cpu[name]:7.2f} {cpu[name] / cpu['no ledger']:6.2f}  {verdict}")


if __name__ == "__main__":
    main()
