"""The ledger commands' outputs: plain rows (dicts) as a table, CSV or JSON.

The ledger package hands back rows of plain values (`expensecli.run.ledger.upkeep`); this
module only lays them out, so the ledger stays free of presentation and the renderers free of
databases. Control characters in a value are escaped (`printable`) in every format,
and CSV cells that would start a formula get a leading apostrophe, as in every csv.
The text (a table's headers, `ledger info`'s labels, `ledger diff`'s titles) follows the
language; JSON and CSV keep the keys.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence

from expensecli.core.i18n import mark, ntr, tr
from expensecli.core.text import printable

FORMULA = ("=", "+", "-", "@", "\t", "\r")

# The headers of the text tables (the columns of `ledger diff` and `waivers list`), by key.
HEADERS = {"id": mark("id"), "claim_id": mark("claim_id"), "file": mark("file"), "code": mark("code"),
           "severity": mark("severity"), "path": mark("path"), "message": mark("message"),
           "first_seen": mark("first_seen"), "expense": mark("expense"), "by": mark("by"),
           "created": mark("created"), "reason": mark("reason"), "revoked": mark("revoked"),
           "revoked_by": mark("revoked_by"), "stale": mark("stale")}
# `ledger info`'s labels, by key.
LABELS = {"ledger": mark("ledger"), "backend": mark("backend"), "schema": mark("schema"),
          "created": mark("created"), "runs": mark("runs"), "first_run": mark("first run"),
          "last_run": mark("last run"), "claim_contents": mark("claim contents"), "claim_ids": mark("claim ids"),
          "findings_open": mark("findings open, not waived"), "findings_waived": mark("findings open, waived"),
          "findings_resolved": mark("findings resolved"),
          "waivers_active": mark("waivers active"), "waivers_stale": mark("waivers stale"),
          "waivers_revoked": mark("waivers revoked")}


def as_json(value) -> str:
    return json.dumps(_shown(value), ensure_ascii=False, indent=2) + "\n"


def _shown(value):
    """Every text in `value` escaped as the check's JSON escapes a file name (`printable`)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shown(item) for item in value]
    return value


def as_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _cell(value, spreadsheet: bool = True) -> str:
    """A value as a cell: escaped (a claim id, message or waiver reason can hold no terminal
    control); in CSV, which a spreadsheet opens, one that starts like a formula gets a leading
    apostrophe. The table shows the value itself, so that an id such as `-2024-0117` can be
    copied from it into `waive`."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    text = printable(str(value))
    return "'" + text if spreadsheet and text.startswith(FORMULA) else text


WRAPPED = frozenset({"message", "reason", "stale"})  # texts that wrap at spaces when the table is too wide
PATHS = frozenset({"file"})  # shortened in the middle (`render.fit`)


def as_table(rows: Sequence[dict], columns: Sequence[str], width: int | None = None) -> str:
    """The rows as a plain table; within `width` characters when given, as the other tables fit
    the line (`render.fit`): messages and reasons wrap, file paths lose their common folder
    (named under the table) and are shortened in the middle, and nothing else is cut."""
    if not rows:
        return tr("(none)") + "\n"
    from tabulate import tabulate

    body = [[_cell(row.get(column), spreadsheet=False) for column in columns] for row in rows]
    headers = [tr(HEADERS[column]) if column in HEADERS else column for column in columns]
    below = ""
    if width:
        from expensecli.render.fit import Column, fit

        fitted = fit([Column(header, wrap=key in WRAPPED, path=key in PATHS) for header, key in zip(headers, columns)],
                     body, width, gap=2, header_pad=2)
        body = [[textwrap.fill(cell, size, break_long_words=False, break_on_hyphens=False) if column.wrap else cell
                 for cell, column, size in zip(row, fitted.columns, fitted.widths)] for row in fitted.rows]
        headers = [column.header for column in fitted.columns]
        below = tr("files in {folder}", folder=fitted.folder) + "\n" if fitted.folder else ""
    return tabulate(body, headers, tablefmt="simple", disable_numparse=True) + "\n" + below


def info_text(info: dict) -> str:
    """`ledger info` for a person: one fact a line."""
    labels = {key: tr(LABELS[key]) if key in LABELS else key.replace("_", " ") for key in info}
    width = max([18, *(len(label) + 1 for label in labels.values())])
    lines = []
    for key, value in info.items():
        if isinstance(value, dict):
            value = ntr("run {run}, {started}, {command}, {claims} file",
                        "run {run}, {started}, {command}, {claims} files", value["claims"], run=value["run"],
                        started=value["started"], command=value["command"], claims=value["claims"])
        lines.append(f"{labels[key]:{width}} {printable(str(value)) if value is not None else '-'}")
    return "\n".join(lines) + "\n"


WAIVER_COLUMNS = ("id", "claim_id", "code", "expense", "by", "created", "reason", "revoked", "revoked_by")


def waivers_text(rows: Sequence[dict], width: int | None = None) -> str:
    """`waivers list` for a person. When a waiver is stale, a last column says in which run it
    matched no finding, and a line under the table says what that means and how to end it."""
    if not any(row["stale"] for row in rows):
        return as_table(rows, WAIVER_COLUMNS, width)
    shown = [{**row, "stale": tr("no finding in run {run}", run=row["checked_run"]) if row["stale"] else None}
             for row in rows]
    note = tr("A stale waiver matched no finding of its claim in the latest run that checked it: it hides"
              " nothing and should go (expensecli waive CLAIM_ID CODE --revoke --by NAME).")
    return (as_table(shown, (*WAIVER_COLUMNS, "stale"), width)
            + (textwrap.fill(note, width, break_long_words=False) if width else note) + "\n")


DIFF_COLUMNS = ("claim_id", "file", "code", "severity", "path", "message", "first_seen")
# The lists of `ledger diff`, in order, with their titles: the waived findings still there are
# listed apart, neither new nor still open.
CHANGES = {"new": mark("New"), "resolved": mark("Resolved"), "open": mark("Still open"),
           "waived": mark("Waived (still there, not counted as new or still open)")}


def diff_text(diff: dict, width: int | None = None) -> str:
    a, b = diff["from"], diff["to"]
    heading = tr("Findings from run {older} ({older_started}) to run {newer} ({newer_started}): {new} new,"
                 " {resolved} resolved, {open} still open, {waived} waived",
                 older=a["run"], older_started=a["started"], newer=b["run"], newer_started=b["started"],
                 new=len(diff["new"]), resolved=len(diff["resolved"]), open=len(diff["open"]),
                 waived=len(diff["waived"]))
    parts = [(textwrap.fill(heading, width, break_long_words=False) if width else heading) + "\n"]
    for name in CHANGES:
        parts.append(f"\n{tr(CHANGES[name])}\n" + as_table(diff[name], DIFF_COLUMNS, width))
    return "".join(parts)


def diff_csv(diff: dict) -> str:
    rows = [{"change": name, **row} for name in CHANGES for row in diff[name]]
    return as_csv(rows, ("change", *DIFF_COLUMNS))
