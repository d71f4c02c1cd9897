"""The shared path of every command that reads claims: options -> loaded, checked reports."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import typer

from ..engine import ClaimReport, check, worst
from ..findings import Severity
from ..loading import LoadedClaim, load_claim_bytes, load_claim_file
from ..ratebook import RateBook, RateSheetError, load_ratebook
from ..selection import Selection
from ..values import ValueProblem, parse_date
from .inputs import Input, expand

FAIL_ON = {"error": 3, "warning": 2, "info": 1, "never": 99}


class UsageProblem(Exception):
    """A bad option or configuration: exit code 2."""


@dataclass
class ClaimRun:
    reports: list[ClaimReport]
    as_of: dt.date
    rates: RateBook

    def exit_code(self, fail_on: str) -> int:
        return exit_code(self.reports, fail_on)


def exit_code(reports: list[ClaimReport], fail_on: str) -> int:
    top: Severity | None = worst(reports)
    return 1 if top is not None and top.rank >= FAIL_ON[fail_on] else 0


def as_of_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return parse_date(text, "--as-of")
    except ValueProblem as problem:
        raise UsageProblem(str(problem)) from None


def rate_book(source: Path | None) -> RateBook:
    try:
        return load_ratebook(source)
    except RateSheetError as error:
        raise UsageProblem(str(error)) from None


def parse_size(text: str) -> int:
    """Bytes from `5000000`, `500K`, `5MB`, `5MiB` (K, M, G are powers of 1024)."""
    match = re.fullmatch(r"(\d+)\s*([KMG]?)(?:I?B)?", text.strip(), re.IGNORECASE)
    if not match:
        raise UsageProblem(f"--max-file-size {text!r}: give bytes or a size such as 500K or 5MB")
    return int(match[1]) * 1024 ** " KMG".index(match[2].upper() or " ")


def load_inputs(inputs: list[Input], max_size: int) -> list[LoadedClaim]:
    loaded = []
    for item in inputs:
        if item.path is None:
            base = Path(item.display).parent if item.display != "<stdin>" else Path.cwd()
            loaded.append(load_claim_bytes(sys.stdin.buffer.read(), item.display, base))
        else:
            loaded.append(load_claim_file(item.path, item.display, max_size))
    return loaded


def run_claims(paths: list[str], *, rates: Path | None, as_of: str | None, select: str | None,
               ignore: str | None, max_file_size: str, stdin_filename: str | None) -> ClaimRun:
    day = as_of_date(as_of)
    book = rate_book(rates)
    selection = Selection.parse(select, ignore)
    from ..registry import all_rules

    unknown = selection.unknown(set(all_rules()))
    if unknown:
        raise UsageProblem(f"--select/--ignore: no rule code starts with {', '.join(unknown)}")
    inputs = expand(paths, stdin_filename)
    if not inputs:
        raise UsageProblem("no claim files found in " + " ".join(paths))
    reports = check(load_inputs(inputs, parse_size(max_file_size)), book, day, selection)
    return ClaimRun(reports, day, book)


def fail(message: str) -> typer.Exit:
    typer.echo(f"expensecli: error: {message}", err=True)
    return typer.Exit(2)
