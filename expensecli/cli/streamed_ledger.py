"""A streamed `check` with a ledger: the spool's claims recorded, then the texts the ledger changed.

Where each claim is checked, its text is made as without a ledger, and the part of its report
a ledger records (`engine.recorded_part`: no catering rows, dates or batch keys) travels beside
it, pickled at about two thirds of the whole report's cost. Once the batch is settled, those
parts are recorded in output order, as the collected path records its reports, and come back with what
the ledger knows: each finding's first sighting, its waivers, the duplicates of earlier runs.
A claim whose findings changed gets its numbers again (so the totals, the summary and the exit
code count what the ledger made of it) and, when it is written, its text again, unless only a
first sighting changed and the format does not show one (all but json and jsonl): from the
text alone where the format can (`Streamed.refound`: json, jsonl, concise, the table), else
from its whole report, checked again from its bytes. The bytes are the collected path's
(tests/run/ledger/test_streamed.py).
"""

from __future__ import annotations

import datetime as dt

from expensecli.core.findings import Finding
from expensecli.policy.engine import ClaimResult, with_findings
from expensecli.policy.selection import Selection
from expensecli.render.streamed import Streamed
from expensecli.run.guard import render_one


def record_spool(journal, spool, order: list[int], *, started: dt.datetime, as_of: dt.date, inputs: dict,
                 selection: Selection) -> dict[int, ClaimResult]:
    """Record the spooled claims in `journal` (a `session.Ledger`); each claim whose findings the
    ledger changed, by its index, with its numbers in the spool made again."""
    from expensecli.cli.pipeline import ledger_call

    parts = [spool.recorded[index] for index in order]
    recorded = ledger_call(lambda: journal.record(parts, started=started, as_of=as_of, command="check",
                                                  inputs=inputs, selection=selection))
    changed = {}
    for index, part, tracked in zip(order, parts, recorded.reports):
        if tracked.findings != part.findings:
            changed[index] = tracked
            spool.set_stats(index, spool.settings.stats(tracked))
    return changed


def refreshed_text(spool, form: Streamed, index: int, tracked: ClaimResult) -> str | None:
    """The claim's text in the spool, with the findings the ledger gave it (`tracked`)."""
    text = spool.text(index)
    if not form.shows_first_seen and _unseen(tracked.findings) == _unseen(spool.recorded[index].findings):
        return text
    if form.refound:
        return form.refound(text, tracked.findings)
    return render_one(form.fragment, with_findings(spool.report(index), tracked.findings))[1]


def _unseen(findings: tuple[Finding, ...]) -> list[dict]:
    """The findings as a format that does not show their first sighting sees them."""
    return [{**f.__dict__, "first_seen": None} for f in findings]
