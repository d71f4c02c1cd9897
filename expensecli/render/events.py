"""`catering quote` and `catering report` as text, JSON and CSV; strings only, never printed.

`catering quote --format json`: {"year", "type", "tier", "venue", "limit", "currency",
"participants", "total_limit", "basis", "source"} (spec/cli.md); limit and total_limit are
two-decimal strings, null when no limit applies (abroad without a kostsats).
`catering report --format json`: {"version": 1, "as_of", "rows": [{"file", "id", "date", "expense",
"type", "tier", "venue", "participants", "per_participant", "limit", "excess", "rate_year"}],
"summary": {"claims", "rows", "over", "excess"}, "unloaded": [file, ...]}; csv has the same
row keys. Rows come over-limit first (see `report.events.report_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from expensecli.core.i18n import language, mark, ntr, tr
from expensecli.core.values import money_display, money_text
from expensecli.models.ratebook import valid_period
from expensecli.policy.limits import event_name, tier_name, venue_name
from expensecli.policy.sources import cite_all
from expensecli.render.fit import Column, fit

WIDTH = 100
LABEL = 12


def _per_person(quote) -> bool:
    """Representation and home hospitality are limited per person, catering per participant."""
    return quote.facts.type in ("representation", "home")


def _field(label: str, text: str) -> list[str]:
    import textwrap

    indent = " " * (LABEL + 2)
    return textwrap.wrap(text, WIDTH, initial_indent=f"  {label:<{LABEL}}", subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_quote_text(quote) -> str:
    limit, facts, sheet = quote.limit, quote.facts, quote.sheet
    person, currency = _per_person(quote), sheet.currency
    if limit.amount is None:  # only representation abroad lacks a limit: the sheet has no kostsats for the country
        lines = [tr("No limit per person to check, as the {year} rate sheet has no kostsats for {country}: check the"
                    " cost per person against the kostsats for {country} by hand", year=sheet.year,
                    country=facts.country)]
    else:
        kind = event_name(facts.type)
        # the type is said once: "special, extended", not "special, extended, special event"
        label = ", ".join(part for part in limit.label.split(", ") if part != kind and not part.startswith(kind + " "))
        shown = {"amount": money_display(limit.amount), "currency": currency, "type": kind, "label": label}
        lines = [tr("Limit per person: {amount} {currency} ({type}, {label})", **shown) if person
                 else tr("Limit per participant: {amount} {currency} ({type}, {label})", **shown)]
    lines += _field(tr("tier"), f"{tier_name(limit.tier)}: {limit.reason}")
    if limit.amount is not None:
        lines += _field(tr("arithmetic"), limit.basis)
    if quote.total is not None:
        total = {"amount": money_display(quote.total), "currency": currency}
        lines += _field(tr("total"), ntr("{amount} {currency} for {count} person",
                                         "{amount} {currency} for {count} persons", quote.participants, **total)
                        if person else ntr("{amount} {currency} for {count} participant",
                                           "{amount} {currency} for {count} participants", quote.participants,
                                           **total))
    lines += _field(tr("rate sheet"), tr("{year} (valid {valid})", year=sheet.year, valid=valid_period(sheet)))
    pages = list(dict.fromkeys(source.page for source in limit.sources))
    for n, page in enumerate(pages):
        lines += _field(tr("policy") if n == 0 else "", page)
        for source in (s for s in limit.sources if s.page == page):
            lines += _field("", f"\"{source.quote}\"")
            if source.english and language() == "en":  # bokmål readers read the Nynorsk quote itself
                lines += _field("", f"English: {source.english}")
    for n, raise_text in enumerate(quote.raised_by):
        lines += _field(tr("raised by") if n == 0 else "", raise_text)
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


def _event(row) -> tuple[str, str, str]:
    """The event's type, tier and venue as the language of the run names them (the quote's words);
    JSON and CSV keep the values."""
    return event_name(row.type), tier_name(row.tier), venue_name(row.venue)


def _shown(value: Decimal | None) -> str:
    return "-" if value is None else money_display(value)


def _summary_lines(items: Sequence, unloaded: Sequence[str]) -> list[str]:
    lines = [tr("not checked: {file} expense {index}: {note}", file=item.file, index=item.row.expense,
                note=item.row.note) for item in items if not item.row.checked]
    lines += [tr("not loaded (see expensecli check): {file}", file=file) for file in unloaded]
    lines.append(report_summary_line(items))
    return lines


def report_summary_line(items: Sequence) -> str:
    counts = report_summary(items)
    rows, claims = counts["rows"], counts["claims"]
    if not counts["over"]:  # "0 over the limit by 0.00 NOK in total" says nothing the reader needs
        return ntr("{count} catering/representation expense in {claims}, none over the limit",
                   "{count} catering/representation expenses in {claims}, none over the limit", rows,
                   claims=ntr("{count} claim", "{count} claims", claims))
    return ntr("{count} catering/representation expense in {claims}, {over} over the limit by {excess} {currency}"
               " in total",
               "{count} catering/representation expenses in {claims}, {over} over the limit by {excess} {currency}"
               " in total", rows, claims=ntr("{count} claim", "{count} claims", claims), over=counts["over"],
               excess=money_display(Decimal(counts["excess"])), currency="NOK")


REPORT_COLUMNS = (Column(mark("claim")), Column(mark("file"), path=True, drop=3, least=24),
                  Column(mark("exp"), right=True), Column(mark("date"), drop=1),
                  Column(mark("event"), wrap=True, least=14), Column(mark("participants"), right=True, drop=2),
                  Column(mark("per participant"), right=True), Column(mark("limit"), right=True),
                  Column(mark("excess"), right=True))


def _columns() -> list[Column]:
    """The report's columns, their headers in the language of the run."""
    from dataclasses import replace

    return [replace(column, header=tr(column.header)) for column in REPORT_COLUMNS]


def render_report_table(items: Sequence, unloaded: Sequence[str], quiet: bool = False, width: int = 120) -> str:
    """The rows as a table fitting `width` (`render.fit`): the files lose their common folder,
    then the event (type, tier, venue) wraps; narrower, the file, participants and date columns
    are left out in that order, and a line under the table says which were."""
    from tabulate import tabulate

    body = [(item.claim_id or "", item.file, str(item.row.expense), item.row.date.isoformat(),
             ", ".join(_event(item.row)), str(item.row.participants),
             _shown(item.row.per_participant), _shown(item.row.limit.amount), _shown(item.row.excess))
            for item in items]
    lines = []
    if items:
        fitted = fit(_columns(), body, width, header_pad=2)
        lines.append(tabulate(fitted.rows, [fitted.header(i) for i in range(len(fitted.columns))],
                              tablefmt="simple", disable_numparse=True,
                              colalign=["right" if column.right else "left" for column in fitted.columns],
                              maxcolwidths=[w if c.wrap else None for c, w in zip(fitted.columns, fitted.widths)]))
        notes = ([tr("files in {folder}", folder=fitted.folder)] if fitted.folder else []) + (
            [tr("{columns}: left out to fit {width} columns (-f concise has every field)",
                columns=", ".join(fitted.dropped), width=width)] if fitted.dropped else [])
        lines += _folded(notes, width)
    if not quiet:
        lines += ([""] if items else []) + _folded(_summary_lines(items, unloaded), width)
    return "".join(line + "\n" for line in lines)


def _folded(lines: list[str], width: int) -> list[str]:
    """Lines wrapped at spaces to `width`, the continuation indented (file names are not broken)."""
    import textwrap

    return [part for line in lines for part in textwrap.wrap(line, width, subsequent_indent="  ",
                                                              break_long_words=False, break_on_hyphens=False)]


def render_report_concise(items: Sequence, unloaded: Sequence[str], quiet: bool = False) -> str:
    lines = []
    for item in items:
        row = item.row
        kind, tier, venue = _event(row)
        lines.append(ntr("{file}: {id} expense {index} {date} {type} {tier} {venue}: {count} participant,"
                         " {cost} each, limit {limit}, excess {excess}",
                         "{file}: {id} expense {index} {date} {type} {tier} {venue}: {count} participants,"
                         " {cost} each, limit {limit}, excess {excess}", row.participants, file=item.file,
                         id=item.claim_id, index=row.expense, date=row.date, type=kind, tier=tier, venue=venue,
                         cost=_shown(row.per_participant), limit=_shown(row.limit.amount),
                         excess=_shown(row.excess)))

    if not quiet:
        lines += _summary_lines(items, unloaded)
    return "".join(line + "\n" for line in lines)
