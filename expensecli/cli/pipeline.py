"""The shared path of every command that reads claims: options -> loaded, checked reports.

With `--ledger`, the ledger is opened as soon as the check is under way (the workers check
their first claims meanwhile; a bad URL stops them and fails at once, before any output),
each claim's facts are collected where it is checked, and the run is recorded once all are
checked (`expensecli.run.ledger`, imported only then); the reports that come back carry the
cross-run findings, the ledger's waivers and each finding's first sighting."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from expensecli.cli.configured import ledger_problem, rates_problem
from expensecli.cli.main import SETTINGS, fail
from expensecli.cli.output import reads, will_write
from expensecli.core.findings import Severity
from expensecli.core.i18n import ntr, tr
from expensecli.core.text import printable
from expensecli.core.values import ValueProblem, parse_date
from expensecli.load.config_keys import size_in_bytes
from expensecli.load.discovery import Input, InputClash, expand
from expensecli.load.ratebook import RateSheetError, load_ratebook
from expensecli.models.ratebook import RateBook
from expensecli.policy.engine import ClaimResult, worst
from expensecli.policy.registry import all_rules
from expensecli.policy.selection import Selection
from expensecli.run.batch import ClaimSource, Settings, check_sources
from expensecli.run.collector import collector_paused
from expensecli.run.workers import default_jobs

FAIL_ON = {"error": 3, "warning": 2, "info": 1, "never": 99}


def known_codes() -> set[str]:
    return set(all_rules())


@dataclass
class ClaimRun:
    """A collected run: every report, with its text when it was made where the claim was checked."""

    reports: list[ClaimResult]
    as_of: dt.date
    rates: RateBook
    texts: list[str | None] = field(default_factory=list)  # per claim, when rendered where it was checked
    progress: bool = False  # a progress bar was shown: say what happens while the report is written
    recorded: object = None  # the ledger's record of this run (`record.Recorded`), when a ledger is used

    def render(self, table: dict, chosen, **view) -> tuple[str, list[ClaimResult]]:
        """The text of the reports in format `chosen` of a report's format `table`, and the reports
        it shows (a claim whose rendering failed is replaced by a defect report; see `run.guard`)."""
        from expensecli.render.formats import View
        from expensecli.run.guard import render_guarded

        made = {id(report): text for report, text in zip(self.reports, self.texts)}
        renderer = table[chosen]
        with status_line(ntr("writing the report of {count} file", "writing the report of {count} files",
                             len(self.reports)), self.progress):
            return render_guarded(lambda reports: renderer(View(
                reports, self.as_of, [made.get(id(report)) for report in reports], **view)), self.reports)

    def only_new(self) -> "ClaimRun":
        """This run with only the findings the ledger saw first in it (`--only-new`)."""
        from expensecli.run.ledger.session import only_new

        return ClaimRun(only_new(self.recorded), self.as_of, self.rates, progress=self.progress,
                        recorded=self.recorded)

    def exit_code(self, fail_on: str) -> int:
        return exit_code(self.reports, fail_on)


def exit_code(reports: list[ClaimResult], fail_on: str) -> int:
    top: Severity | None = worst(reports)
    return 1 if top is not None and top.rank >= FAIL_ON[fail_on] else 0


def as_of_date(text: str | None) -> dt.date:
    """The as-of date; one more than a year ahead of today is most likely a typo (2042 for 2024),
    so stderr says so (a date in the past is how old batches are re-checked, and passes quietly)."""
    today = dt.date.today()
    if text is None:
        return today
    try:
        day = parse_date(text, "--as-of")
    except ValueProblem as problem:
        raise fail(str(problem)) from None
    if (day - today).days > 366:
        sys.stderr.write(tr("expensecli: warning: --as-of {date} is more than a year after today ({today});"
                            " deadlines are judged as of that day", date=day, today=today) + "\n")
    return day


def rate_book(source: Path | None) -> RateBook:
    try:
        return load_ratebook(source)
    except RateSheetError as error:
        raise fail(rates_problem(error)) from None


def parse_size(text: str) -> int:
    """Bytes from `5000000`, `500K`, `5MB`, `5MiB`, read as the configuration file reads them."""
    size = size_in_bytes(text)
    if size is None:
        raise fail(tr("--max-file-size {size}: give bytes or a size such as 500K or 5MB", size=repr(text)))
    return size


def sources_of(inputs: list[Input], max_size: int) -> list[ClaimSource]:
    """Files are read where they are checked; standard input is read here, at most up to the
    size limit plus one byte (more is LOAD001, like an oversized file)."""
    sources = []
    for item in inputs:
        if item.path is None:
            base = Path(item.display).parent if item.display != "<stdin>" else Path.cwd()
            sources.append(ClaimSource(item.display, data=sys.stdin.buffer.read(max_size + 1), base_dir=base))
        else:
            sources.append(ClaimSource(item.display, path=item.path, problem=item.problem))
    return sources


def run_claims(paths: list[str], *, rates: Path | None, as_of: str | None, select: str | None,
               ignore: str | None, max_file_size: str, stdin_filename: str | None, jobs: int | None = None,
               progress: bool = False, render: Callable[[dt.date], Callable | None] | None = None,
               follow_links: bool = False, ledger: str | None = None, controllers: str | None = None,
               command: str = "check", output: Path | None = None) -> ClaimRun:
    """Check the claims named by `paths`; `render(as_of)`, if given, is the per-claim part of the
    output format, which is then produced where each claim is checked (in the workers), unless
    a ledger is used (it changes the findings after the check)."""
    started = dt.datetime.now(dt.timezone.utc)
    batch = prepared(paths, rates=rates, as_of=as_of, select=select, ignore=ignore, max_file_size=max_file_size,
                     output=output, ledger=ledger,
                     stdin_filename=stdin_filename, follow_links=follow_links, controllers=controllers)
    facts = journal = None
    if ledger:
        from expensecli.run.ledger.facts import collect as facts

        def opened() -> None:  # while the workers check their first claims; a ledger that cannot be opened stops them
            nonlocal journal
            journal = open_ledger(ledger)
    settings = replace(batch.settings, render=render(batch.as_of) if render and not ledger else None, facts=facts)
    day, book, selection = batch.as_of, settings.rates, settings.selection
    # The whole batch's reports are kept to the end, made with the cyclic collector paused (see
    # `collector_paused`; recording, too, makes many objects and no cycles). They are then set
    # aside from it (`gc.freeze`): its first pass after the pause would otherwise walk every one
    # of them (half a second for 10 000 claims), and free nothing.
    with collector_paused():
        with progress_bar(len(batch.sources), progress) as advance:
            reports, texts = check_sources(batch.sources, settings, jobs or default_jobs(), advance,
                                           note=getattr(advance, "note", None), under_way=opened if ledger else None)
        if journal:
            inputs_seen = run_inputs(paths, select, ignore, rates)
            recorded = ledger_call(lambda: journal.record(reports, started=started, as_of=day, command=command,
                                                          inputs=inputs_seen, selection=selection))
        gc.freeze()
    if not journal:
        return ClaimRun(reports, day, book, texts, progress)
    return ClaimRun(recorded.reports, day, book, progress=progress, recorded=recorded)


@dataclass
class Prepared:
    """A batch ready to check: its inputs and the settings of the check."""

    as_of: dt.date
    sources: list[ClaimSource]
    settings: Settings


def prepared(paths: list[str], *, rates: Path | None, as_of: str | None, select: str | None,
             ignore: str | None, max_file_size: str, stdin_filename: str | None, follow_links: bool = False,
             controllers: str | None = None, early: Callable[[Settings], Settings] | None = None,
             output: Path | None = None, ledger: str | None = None) -> Prepared:
    """The options checked (exit 2 when one is wrong), the rate sheets loaded and the inputs found;
    `early(settings)`, given the settings before the inputs are listed, may change them. An
    `output` that will not be written (a claim file or the `ledger` among them, a device) is
    refused here, before any claim is checked or any run recorded: a cron line with a slip in
    its `-o` must not use up the run whose new findings it was to report."""
    from expensecli.policy import engine

    engine.RAISE_DEFECTS = SETTINGS["traceback"]
    day = as_of_date(as_of)
    book = rate_book(rates)
    from expensecli.cli.configured import active, check_codes

    check_codes(active(), known_codes())
    selection = Selection.parse(select, ignore, active().severities())
    unknown = selection.unknown(known_codes())
    if unknown:
        raise fail(unknown_code("--select" if unknown[0] in selection.select else "--ignore", unknown[0]))
    settings = Settings(book, day, parse_size(max_file_size), selection, controllers=controller_names(controllers))
    if early:
        settings = early(settings)
    try:
        inputs = expand(paths, stdin_filename, follow_links)
    except InputClash as clash:
        raise fail(str(clash)) from None
    reads(tr("it is a claim file this command reads"), lambda: (item.path for item in inputs if item.path))
    if ledger:
        reads_ledger(ledger)
    if output is not None:
        will_write(output)
    if not inputs:  # spec v2: an empty batch is an empty report (written to -o too), not an error
        named = " ".join(printable(path) for path in paths)
        sys.stderr.write(tr("expensecli: warning: no claim files (*.yaml, *.yml) in {paths}; the report is empty",
                            paths=named) + "\n")
    return Prepared(day, sources_of(inputs, settings.max_file_size), settings)


def unknown_code(option: str, code: str) -> str:
    """What is wrong with a code of --select or --ignore that no rule code starts with, and the
    code it was most likely meant to be (as the configuration file's `select` and `ignore` say it)."""
    import difflib

    near = difflib.get_close_matches(code, sorted(known_codes()), n=1)
    hint = tr("did you mean {near}?", near=near[0]) if near else tr("expensecli rules list shows them")
    return tr("{option}: no rule code starts with {code} ({hint})", option=option, code=code, hint=hint)


def run_inputs(paths: list[str], select: str | None, ignore: str | None, rates: Path | None) -> dict:
    """What a ledger records of a run's inputs."""
    return {"paths": paths, "select": select, "ignore": ignore, "rates": str(rates) if rates else None}


def open_ledger(target: str):
    """The ledger at `target`, ready to record (schema made or upgraded); exit 2 if it cannot be."""
    from expensecli.run.ledger.session import open_ledger as opened

    return ledger_call(lambda: opened(target))


def reads_ledger(target: str) -> None:
    """The SQLite file of a ledger is read by this command: `-o` may not replace it. A URL is read
    as the ledger reads it (`sqlite+pysqlite:///`, `%2E` and the like)."""
    path: str | None = target
    if "://" in target:
        from sqlalchemy.engine import make_url

        try:
            url = make_url(target)
            path = url.database if url.get_backend_name() == "sqlite" else None
        except Exception:  # a URL the ledger refuses is refused there, with its own message
            path = None
    if path:
        reads(tr("it is the ledger this command uses"), lambda: (path,))


def ledger_call(action):
    """Run a ledger action; its `LedgerError` is one line on stderr and exit 2."""
    from expensecli.run.ledger.errors import LedgerError

    try:
        return action()
    except LedgerError as error:
        raise fail(ledger_problem(str(error))) from None


def controller_names(option: str | None) -> frozenset[str] | None:
    """The controllers who may waive findings in a claim file: `--controllers "Kari Dahl, Ola
    Hansen"` (or EXPENSECLI_CONTROLLERS). This is the hook the config file's `controllers`
    list will feed; None (no list) means every claim-file waiver is applied."""
    if option is None or not option.strip():
        return None
    from expensecli.core.text import folded

    return frozenset(folded(name) for name in option.split(",") if name.strip())


def show_progress(chosen, no_progress: bool, quiet: bool) -> bool:
    """Only for human formats, on a terminal, and when not asked to be quiet."""
    return not (no_progress or quiet or chosen.machine) and sys.stderr.isatty()


@contextmanager
def progress_bar(total: int, show: bool, console=None):
    """A rich progress bar on stderr, or nothing. It yields `advance(done)`; `advance.note(text)`
    replaces the bar's word "checking" by what happens once every file is checked (comparing
    thousands of claims with each other takes a moment), so the screen never sits blank."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task(tr("checking"), total=total)

        def advance(done: int) -> None:
            bar.advance(task, done)

        advance.note = lambda text: bar.update(task, description=text)
        yield advance


@contextmanager
def status_line(text: str, show: bool):
    """A spinner with `text` on stderr while the block runs (after a progress bar), or nothing."""
    if not show:
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(text):
        yield
