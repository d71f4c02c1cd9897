"""Time `expensecli check --ledger` against the same run without a ledger, on 10 000 claims.

    python benchmarks/bench_ledger.py [--count 10000] [--repeat 3] [--jobs 2] [--postgres URL]

The claims are the generated ones of bench_check.py, with a receipt file (a small PDF of its
own) for every receipt, so that the ledger also hashes attachments. In one run, alternating so
that all see the same machine: (a) `check DIR -f json` without a ledger; (b) the same with a
new SQLite ledger (the first night: every claim, expense, attachment and finding inserted);
(c) with a SQLite ledger that already holds the same claims (the nightly run that finds little
new: every finding updated). With `--postgres URL` (or EXPENSECLI_TEST_POSTGRES_URL), (b) and
(c) on PostgreSQL too. Prints the medians and their ratio to (a).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import measure  # noqa: E402
from generate import generate  # noqa: E402

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
    folder = Path(__file__).resolve().parent / "out" / f"claims-{options.count}-receipts"
    if not folder.is_dir():
        generate(folder, options.count)
        print(f"{with_receipts(folder)} receipt files made", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    script = Path(sys.executable).with_name("expensecli")
    tool = [str(script)] if script.exists() else [sys.executable, "-m", "expensecli"]
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
    times: dict[str, list[float]] = {name: [] for name in names}
    try:
        for n in range(options.repeat):
            times["no ledger"].append(measure(check, False)[0])
            for backend, make in backends.items():
                target = make(n)
                times[f"{backend} new"].append(measure([*check, "--ledger", target], False)[0])
                times[f"{backend} known"].append(measure([*check, "--ledger", target], False)[0])
    finally:
        for name in made:
            postgres_database(options.postgres, name, drop=True)
        shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(times["no ledger"])
    files = sum(1 for _ in folder.rglob("*.yaml"))
    print(f"{files} claims in {folder}, -j{options.jobs}, {options.repeat} alternating runs, {os.cpu_count()} cores")
    print(f"{'':22} {'median s':>9} {'ratio':>6}")
    for name in names:
        median = statistics.median(times[name])
        print(f"{'check ' + name:22} {median:9.2f} {median / base:6.2f}")


if __name__ == "__main__":
    main()
