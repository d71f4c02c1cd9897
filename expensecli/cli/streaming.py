"""`check` written a claim at a time, from a spool (`run.spool`), when nothing needs the batch whole.

The collected path (every report and text in memory, then one text) stays for what needs the
whole batch's reports: with a ledger, `--only-new`, `--statistics` and the workbook. Everything
else streams, with a ledger too (`streamed_ledger`): memory stays flat and the bytes are the
collected path's (tests/cli/test_streamed.py, tests/run/ledger/test_streamed.py).
On a terminal the parts are held in a temporary file until the pager is given them or they are
printed (`pager.held`); `--statistics` leaves in the spool only the keys of each claim's
findings, which are counted at the end. An xlsx workbook streams too, its
rows written in constant memory (`render.xlsx_reports.write_check_book`): its cells are the
collected workbook's, not its bytes (strings in the cells rather than in a shared table).
"""

from __future__ import annotations

import os
from pathlib import Path

from expensecli.cli.output import result_stream
from expensecli.cli.pipeline import FAIL_ON, open_ledger, prepared, progress_bar, run_inputs, status_line
from expensecli.core.i18n import ntr
from expensecli.render import Format
from expensecli.render.streamed import Streamed, Totals, claim_stats, streamed
from expensecli.render.text import CLEAN_LISTED
from expensecli.run import workers
from expensecli.run.collector import collector_paused
from expensecli.run.guard import render_one
from expensecli.run.lifeline import stop_workers


def streams(ledger: str | None, chosen: Format | None = None, statistics: bool = False,
            only_new: bool = False) -> bool:
    """Whether `check` streams its output (see the module's text)."""
    return not ledger or not (only_new or statistics or chosen is Format.xlsx)


def stream_check(paths: list[str], chosen: Format, output: Path | None, *, jobs: int | None, progress: bool,
                 quiet: bool, color: bool, width: int, fail_on: str, statistics: bool = False,
                 ledger: str | None = None, **options) -> int:
    """Check and write the report a claim at a time (with `statistics`, the count of each code,
    from the keys of its findings each claim left in the spool); with `ledger`, the run is
    recorded there first (`streamed_ledger`). The exit code."""
    import datetime as dt
    from dataclasses import replace

    from expensecli.run.spool import spool_sources

    jobs = jobs or workers.default_jobs()
    started = []  # the workers, when started before the inputs are listed (a folder or a pattern given)
    collect = journal = None  # with a ledger: what each claim's worker collects for it, the ledger opened
    started_at = dt.datetime.now(dt.timezone.utc)
    if ledger:
        from expensecli.run.ledger.facts import collect

    def early(settings):
        if statistics:  # a claim's findings as the counts need them
            from expensecli.report.statistics import finding_keys as fragment
        else:
            form = streamed(chosen, settings.as_of, quiet=quiet)
            fragment = form and form.fragment
        settings = replace(settings, render=fragment, stats=claim_stats, facts=collect)
        if jobs > 1 and any(not os.path.isfile(path) for path in paths if path != "-"):
            started.append(workers.start_workers(settings, workers.capped(jobs)))
        return settings

    def opened() -> None:  # while the workers check their first claims; a ledger that cannot be opened stops them
        nonlocal journal
        journal = open_ledger(ledger)

    try:
        batch = prepared(paths, early=early, output=output, ledger=ledger, **options)
        form = None if statistics else streamed(chosen, batch.as_of, quiet=quiet, color=color, width=width)
        if started and started[0] is None:  # refused (and said so): checked in this process
            jobs = 1
        with progress_bar(len(batch.sources), progress) as advance:
            spool = spool_sources(batch.sources, batch.settings, jobs, advance,
                                  note=getattr(advance, "note", None), pool=started[0] if started else None,
                                  under_way=opened if ledger else None)
    except BaseException:
        if started and started[0] is not None:
            stop_workers(started[0])
        raise
    try:
        order = spool.order()
        changed = {}
        if ledger:
            from expensecli.cli.streamed_ledger import record_spool

            inputs = run_inputs(paths, options.get("select"), options.get("ignore"), options.get("rates"))
            with collector_paused():
                changed = record_spool(journal, spool, order, started=started_at, as_of=batch.as_of, inputs=inputs,
                                       selection=batch.settings.selection)
        totals = Totals()
        for index in order:
            totals.add(spool.stats(index))

        def summary() -> str | None:
            from expensecli.render.text import counts_line

            return None if quiet else counts_line(totals.counts())

        writing = ntr("writing the report of {count} file", "writing the report of {count} files", len(order))
        # The spinner ends before the result is paged or printed (the pager takes the screen).
        if statistics:
            from expensecli.cli.output import write_result

            with status_line(writing, progress), collector_paused():
                text = _statistics(spool, order, chosen, batch.as_of, totals, quiet=quiet, color=color, width=width)
            write_result(text, output, summary())
        elif form is None:  # xlsx, never to a terminal
            with status_line(writing, progress), collector_paused():
                _write_book(spool, order, batch.as_of, output, summary)
        else:
            with result_stream(output, summary) as write, status_line(writing, progress), collector_paused():
                if not order:
                    write(_empty(chosen, batch.as_of, quiet, color, width))
                else:
                    _write(spool, order, form, totals, write, changed)
    finally:
        spool.close()
    top = totals.worst_severity()
    return 1 if top is not None and top.rank >= FAIL_ON[fail_on] else 0


def _write(spool, order: list[int], form: Streamed, totals: Totals, write, changed: dict) -> None:
    """The claims' texts in `order`; those a ledger `changed` (by index) made again."""
    if changed:
        from expensecli.cli.streamed_ledger import refreshed_text

    def text_of(index: int) -> str | None:
        return refreshed_text(spool, form, index, changed[index]) if index in changed else spool.text(index)

    write(form.head(totals))
    clean = []
    for number, index in enumerate(order):
        if form.late and spool.stats(index)[-1] is None:  # no findings: only named, the first few
            if len(clean) < CLEAN_LISTED:
                clean.append(form.restore(text_of(index)))
            continue
        if form.late:
            text = render_one(lambda shown: form.late(shown, totals), form.restore(text_of(index)))[1]
        else:
            text = text_of(index)
        if number and form.separator:
            write(form.separator)
        write(text)
    if form.after:
        write(form.after(clean, totals))
    write(form.tail(totals))


def _statistics(spool, order: list[int], chosen: Format, as_of, totals: Totals, **view) -> str | bytes:
    """`--statistics`: the count of each code, summed from the text each claim left in the spool
    (`report.statistics.finding_keys`), so no report is held or read back."""
    from expensecli.render.formats import STATISTICS_DRAW, View
    from expensecli.render.statistics import Statistics
    from expensecli.report.statistics import CodeTally

    tally = CodeTally()
    for index in order:
        tally.add_keys(spool.text(index) or "")
    unloaded = [spool.files[index] for index in order if not spool.stats(index)[0]]
    return STATISTICS_DRAW[chosen](View([], as_of, **view), Statistics(tally.rows(), totals.counts(), unloaded))


def _write_book(spool, order: list[int], as_of, output: Path | None, summary) -> None:
    """The xlsx workbook of the spooled reports (`result_binary`), XlsxWriter's own temporary
    files in a folder that is removed in any case."""
    import tempfile

    from expensecli.cli.output import result_binary
    from expensecli.render.xlsx_reports import write_check_book
    from expensecli.run.spool import spooled_reports

    with tempfile.TemporaryDirectory(prefix="expensecli-xlsx-") as folder, \
            result_binary(output, summary, folder) as stream:
        write_check_book(stream, spooled_reports(spool, order), as_of, folder)


def _empty(chosen: Format, as_of, quiet: bool, color: bool, width: int) -> str:
    """The report of an empty batch, as the collected path writes it."""
    from expensecli.render.formats import CHECK, View

    return CHECK[chosen](View([], as_of, quiet=quiet, color=color, width=width))
