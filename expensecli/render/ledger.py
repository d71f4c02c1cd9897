"""The ledger commands' outputs: plain rows (dicts) as a table, CSV or JSON.

The ledger package hands back rows of plain values (`expensecli.run.ledger.upkeep`); this
module only lays them out, so the ledger stays free of presentation and the renderers free of
databases. CSV cells that would start a formula get a leading apostrophe, as in every csv.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA) else text


def as_table(rows: Sequence[dict], columns: Sequence[str], empty: str = "(none)") -> str:
    if not rows:
        return empty + "\n"
    from tabulate import tabulate

    body = [[_cell(row.get(column)) for column in columns] for row in rows]
    return tabulate(body, columns, tablefmt="simple", disable_numparse=True) + "\n"


def info_text(info: dict) -> str:
    """`ledger info` for a person: one fact a line."""
    lines = []
    for key, value in info.items():
        if isinstance(value, dict):
            value = f"run {value['run']}, {value['started']}, {value['command']}, {value['claims']} files"
        lines.append(f"{key.replace('_', ' '):18} {value if value is not None else '-'}")
    return "\n".join(lines) + "\n"


DIFF_COLUMNS = ("claim_id", "file", "code", "severity", "path", "message", "first_seen")


def diff_text(diff: dict) -> str:
    a, b = diff["from"], diff["to"]
    parts = [f"Findings from run {a['run']} ({a['started']}) to run {b['run']} ({b['started']}):"
             f" {len(diff['new'])} new, {len(diff['resolved'])} resolved, {len(diff['open'])} still open\n"]
    for name in ("new", "resolved", "open"):
        title = {"new": "New", "resolved": "Resolved", "open": "Still open"}[name]
        parts.append(f"\n{title}\n" + as_table(diff[name], DIFF_COLUMNS))
    return "".join(parts)


def diff_csv(diff: dict) -> str:
    rows = [{"change": name, **row} for name in ("new", "resolved", "open") for row in diff[name]]
    return as_csv(rows, ("change", *DIFF_COLUMNS))
