"""`catering quote` and `catering report` as text, JSON and CSV; strings only, never printed.

`catering quote --format json`: {"year", "type", "tier", "venue", "limit", "currency",
"participants", "total_limit", "basis", "source"} (spec/cli.md); limit and total_limit are
two-decimal strings, null when no limit applies (abroad without a kostsats).
`catering report --format json`: {"version": 1, "as_of", "rows": [{"file", "id", "date", "expense",
"type", "tier", "venue", "participants", "per_participant", "limit", "excess", "rate_year"}],
"summary": {"claims", "rows", "over", "excess"}, "unloaded": [file, ...]}; csv has the same
row keys. Rows come over-limit first (see `catering.report_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from expensecli.core.text import noun
from expensecli.core.values import money_display, money_text
from expensecli.policy.sources import cite_all

WIDTH = 100
LABEL = 12


def _person(quote) -> str:
    return "person" if quote.facts.type in ("representation", "home") else "participant"


def _field(label: str, text: str) -> list[str]:
    import textwrap

    indent = " " * (LABEL + 2)
    return textwrap.wrap(text, WIDTH, initial_indent=f"  {label:<{LABEL}}", subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_quote_text(quote) -> str:
    limit, facts, sheet = quote.limit, quote.facts, quote.sheet
    per = _person(quote)
    if limit.amount is None:
        lines = [f"No limit per {per} to check: {limit.note}"]
    else:
        lines = [f"Limit per {per}: {money_display(limit.amount)} {sheet.currency} ({facts.type}, {limit.label})"]
    lines += _field("tier", f"{limit.tier}: {limit.reason}")
    if limit.amount is not None:
        lines += _field("arithmetic", limit.basis)
    if quote.total is not None:
        lines += _field("total", f"{money_display(quote.total)} {sheet.currency} for {quote.participants}"
                                 f" {noun(quote.participants, per)}")
    lines += _field("rate sheet", f"{sheet.year} (valid {sheet.valid_from} to {sheet.valid_to})")
    pages = list(dict.fromkeys(source.page for source in limit.sources))
    for n, page in enumerate(pages):
        lines += _field("policy" if n == 0 else "", page)
        for source in (s for s in limit.sources if s.page == page):
            lines += _field("", f"\"{source.quote}\"")
            if source.english:
                lines += _field("", f"English: {source.english}")
    for n, raise_text in enumerate(quote.raised_by):
        lines += _field("raised by" if n == 0 else "", raise_text)
    return "".join(line + "\n" for line in lines)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money_text(value)


def quote_json(quote) -> dict:
    limit, facts = quote.limit, quote.facts
    return {"year": quote.sheet.year, "type": facts.type, "tier": limit.tier,
            "venue": "external" if facts.external_venue else "internal", "limit": _money(limit.amount),
            "currency": quote.sheet.currency, "participants": quote.participants,
            "total_limit": _money(quote.total), "basis": limit.basis, "source": cite_all(limit.sources)}


def render_quote_json(quote) -> str:
    import json

    return json.dumps(quote_json(quote), indent=2, ensure_ascii=False) + "\n"


def report_row_json(item) -> dict:
    return {"file": item.file, "id": item.claim_id, "date": item.row.date.isoformat(), **item.row.as_json()}


def report_summary(items: Sequence) -> dict:
    over = [item.row.excess for item in items if item.row.over]
    return {"claims": len({item.file for item in items}), "rows": len(items), "over": len(over),
            "excess": money_text(sum(over, Decimal(0)))}


def render_report_json(items: Sequence, as_of: dt.date, unloaded: Sequence[str]) -> str:
    import json

    document = {"version": 1, "as_of": as_of.isoformat(), "rows": [report_row_json(item) for item in items],
                "summary": report_summary(items), "unloaded": list(unloaded)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


REPORT_FIELDS = ("file", "id", "date", "expense", "type", "tier", "venue", "participants", "per_participant",
                 "limit", "excess", "rate_year")


def render_report_csv(items: Sequence) -> str:
    from expensecli.render.csvcells import csv_text

    rows = (report_row_json(item) for item in items)
    return csv_text(REPORT_FIELDS, ([row.get(key) for key in REPORT_FIELDS] for row in rows))


def _shown(value: Decimal | None) -> str:
    return "-" if value is None else money_display(value)


def _summary_lines(items: Sequence, unloaded: Sequence[str]) -> list[str]:
    counts = report_summary(items)
    lines = [f"not checked: {item.file} expense {item.row.expense}: {item.row.note}"
             for item in items if not item.row.checked]
    lines += [f"not loaded (see expensecli check): {file}" for file in unloaded]
    rows, claims = counts["rows"], counts["claims"]
    lines.append(f"{rows} catering/representation {noun(rows, 'expense')} in {claims}"
                 f" {noun(claims, 'claim')}, {counts['over']} over the limit by"
                 f" {money_display(Decimal(counts['excess']))} NOK in total")
    return lines


def render_report_table(items: Sequence, unloaded: Sequence[str], quiet: bool = False) -> str:
    from tabulate import tabulate

    headers = ("claim", "file", "exp", "date", "type", "tier", "venue", "participants", "per participant",
               "limit", "excess")
    body = [(item.claim_id or "", item.file, item.row.expense, item.row.date.isoformat(), item.row.type,
             item.row.tier, item.row.venue, item.row.participants, _shown(item.row.per_participant),
             _shown(item.row.limit.amount), _shown(item.row.excess)) for item in items]
    align = ("left", "left", "right", "left", "left", "left", "left", "right", "right", "right", "right")
    lines = [tabulate(body, headers, tablefmt="simple", disable_numparse=True, colalign=align)] if items else []
    if not quiet:
        lines += ([""] if items else []) + _summary_lines(items, unloaded)
    return "".join(line + "\n" for line in lines)


def render_report_concise(items: Sequence, unloaded: Sequence[str], quiet: bool = False) -> str:
    lines = []
    for item in items:
        row = item.row
        lines.append(f"{item.file}: {item.claim_id} expense {row.expense} {row.date} {row.type} {row.tier}"
                     f" {row.venue}: {row.participants} participants, {_shown(row.per_participant)} each,"
                     f" limit {_shown(row.limit.amount)}, excess {_shown(row.excess)}")
    if not quiet:
        lines += _summary_lines(items, unloaded)
    return "".join(line + "\n" for line in lines)
