"""Find, load and choose rate sheets: one YAML file per year, chosen by date.

The sheets shipped with the package live in `expensecli/rates/` of an installed wheel (the
repository's top-level `rates/` folder during development); `--rates DIR|FILE` replaces them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from expensecli.core.i18n import ntr, tr
from expensecli.load.sheetcache import cached_sheet, remember_sheet
from expensecli.load.textfiles import ReadProblem, decode, read_limited
from expensecli.models.ratebook import RateBook, overlaps
from expensecli.models.rates import RateSheet

MAX_SHEET_SIZE = 1024 * 1024


class RateSheetError(Exception):
    """A rate sheet that cannot be used; the run stops with exit code 2. `problems` holds every
    problem found, one located line each (`rates check` lists them all; a run names the first)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.problems = problems or (message,)


class RateSourceError(RateSheetError):
    """The folder or file given for the rate sheets is not one (missing, a folder without sheets,
    a device): a problem of the path given, said as "{path}: ...", not of a sheet inside it."""


def bundled_rates_dir() -> Path:
    package = Path(__file__).resolve().parent.parent  # expensecli/
    installed = package / "rates"
    return installed if installed.is_dir() else package.parent / "rates"


def load_rate_sheet(path: Path) -> RateSheet:
    """The validated sheet of a file (from the cache when this exact file was validated before)."""
    try:
        data = read_limited(path, MAX_SHEET_SIZE)
    except ReadProblem as problem:
        raise _failure(path, problem.message, problem.at) from None
    sheet = cached_sheet(data)
    if sheet is None:
        sheet = _validated(path, data)
        remember_sheet(data, sheet)
    return sheet


def _failure(path: Path, message: str, at: tuple[int, int] = (1, 1)) -> RateSheetError:
    return RateSheetError(tr("{file}:{line}:{column}: rate sheet error: {message}", file=path, line=at[0], column=at[1],
                             message=message))


def _validated(path: Path, data: bytes) -> RateSheet:
    from pydantic import ValidationError

    from expensecli.load.schema_errors import schema_problems
    from expensecli.load.yaml import YamlProblem, parse_document

    try:
        document = parse_document(decode(data))
    except ReadProblem as problem:
        raise _failure(path, problem.message, problem.at) from None
    except YamlProblem as problem:
        raise _failure(path, problem.message, problem.mark) from None
    if not isinstance(document.data, dict):
        raise _failure(path, tr("a rate sheet is a mapping starting with 'year:'"))
    try:
        sheet = sheet_from_data(document.data)
    except ValidationError as error:
        located = sorted(((document.locate_key(problem.path) if problem.key else document.locate(problem.path)),
                          problem.message) for problem in schema_problems(error, RateSheet))
        lines = [str(_failure(path, message, at)) for at, message in located]
        first = lines[0] if len(lines) == 1 else ntr(
            "{problem} (and {count} more; expensecli rates check {file} lists them all)",
            "{problem} (and {count} more; expensecli rates check {file} lists them all)",
            len(lines) - 1, problem=lines[0], file=path)
        raise RateSheetError(first, tuple(lines)) from None
    if sheet.year != sheet.valid_from.year:
        raise _failure(path, tr("year {year} does not match valid_from {valid_from}", year=sheet.year,
                                valid_from=sheet.valid_from), document.locate(("year",)))
    return sheet


@cache
def _adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(RateSheet)


def sheet_from_data(data: dict) -> RateSheet:
    """Validate plain data (as read from YAML) into a RateSheet; raises pydantic's ValidationError."""
    return _adapter().validate_python(data)


def sheet_files(source: Path) -> list[Path]:
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
        if not files:
            raise RateSourceError(tr("{folder}: no rate sheets (*.yaml) in this folder", folder=source))
        return files
    if source.is_file():
        return [source]
    if source.exists():  # a device, FIFO or socket: never opened
        raise RateSourceError(tr("{path}: not a regular file or folder, so not a rate sheet", path=source))
    if source.is_symlink():
        raise RateSourceError(tr("{path}: the link leads to no rate sheet file or folder", path=source))
    raise RateSourceError(tr("{path}: rate sheet file or folder does not exist", path=source))


def load_ratebook(source: Path | None = None) -> RateBook:
    """All sheets of `source` (a folder or one file; default: the bundled sheets)."""
    loaded = [(load_rate_sheet(path), str(path)) for path in sheet_files(source or bundled_rates_dir())]
    loaded.sort(key=lambda item: item[0].valid_from)
    clashes = overlaps(loaded)
    if clashes:
        raise RateSheetError(next(iter(clashes.values())))
    return RateBook(tuple(sheet for sheet, _ in loaded), tuple(file for _, file in loaded))
