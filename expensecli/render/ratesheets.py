"""Rate sheets as text: `rates list`, `rates show` (the policy page's tables) and `rates check`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from expensecli.core.text import counted, noun
from expensecli.core.values import number_display
from expensecli.load.ratesheets import FoundSheet, SheetCheck
from expensecli.models.rates import RateSheet
from expensecli.render.columns import amount_display, columns, figure_display

RIGHT_12 = frozenset({1, 2})


def sheets_table(found: Sequence[FoundSheet]) -> str:
    rows = [(str(f.sheet.year), str(f.sheet.valid_from), str(f.sheet.valid_to), f.origin,
             "yes" if f.in_use else "no", f.file) for f in found]
    return columns(("YEAR", "VALID FROM", "VALID TO", "SOURCE", "IN USE", "FILE"), rows)


def sheets_json(found: Sequence[FoundSheet]) -> str:
    items = [{"year": f.sheet.year, "valid_from": str(f.sheet.valid_from), "valid_to": str(f.sheet.valid_to),
              "source": f.origin, "in_use": f.in_use, "file": f.file} for f in found]
    return json.dumps({"version": 1, "sheets": items}, indent=2) + "\n"


def catering_table(sheet: RateSheet) -> str:
    """The policy page's table: per participant, internal vs external eating place."""
    c = sheet.catering
    hours = number_display(c.short_max_hours)
    rows = [(f"under {hours} hours in working hours", c.short), (f"{hours} hours or more", c.long),
            ("beyond working hours", c.long), ("full day, 2 servings", c.two_servings)]
    return columns(("event", "internal eating place", "external eating place"),
                   [(label, amount_display(rate), amount_display(rate * c.external_venue_factor))
                    for label, rate in rows], right=RIGHT_12, indent="  ")


def representation_table(sheet: RateSheet) -> str:
    r = sheet.representation
    rows = [("ordinary", 1), (f"high-level foreign guests (x{number_display(r.foreign_guests_factor)})",
                              r.foreign_guests_factor),
            (f"home hospitality (x{number_display(r.home_factor)})", r.home_factor)]
    return columns(("per person", "meal", "simple"),
                   [(label, amount_display(r.meal * factor), amount_display(r.simple * factor))
                    for label, factor in rows], right=RIGHT_12, indent="  ")


def sheet_text(sheet: RateSheet, file: str) -> str:
    c, r, d, b = sheet.catering, sheet.representation, sheet.deadlines, sheet.betalmeg
    seasons = columns(("from", "to", "start", "end"),
                      [(w.from_, w.to, f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in sheet.working_hours],
                      indent="  ")
    abroad = figure_display("representation.abroad", r.abroad) if r.abroad else "none listed"
    suppliers = ", ".join(sheet.agreement_suppliers) or "none listed (not checked)"
    out = [
        f"Rate sheet {sheet.year}: valid {sheet.valid_from}..{sheet.valid_to}, amounts in {sheet.currency}"
        " incl. VAT\n", f"File: {file}\n",
        "\nCatering (bevertning), per participant\n", catering_table(sheet),
        f"  Extended rate on application (special events; external participants at an external"
        f" eating place): {amount_display(c.extended_max)}\n",
        "\nRepresentation\n", representation_table(sheet),
        f"  Abroad: the country's kostsats (x{number_display(r.abroad_factor)} with a justification);"
        f" kostsats in this sheet: {abroad}\n",
        f"  Consent to representation: {', '.join(sheet.representation_approvers)}\n",
        "\nOrdinary working hours (weekends and public holidays are outside them)\n", seasons,
        "\nDeadlines\n",
        f"  contractors and externals: {months(d.non_employee_months)} after the trip end or the earliest expense\n",
        f"  employees' travel claims: {employee_deadline(d.employee_travel_months)}\n",
        f"  due soon: {d.due_soon_days} days or fewer before the deadline\n",
        "\nBetalmeg\n",
        f"  access lapses after {b.inactivity_days} days without use\n",
        f"  countries whose mobiles get no login SMS: {', '.join(b.sms_blocked_countries) or 'none listed'}\n",
        "\nCatering agreement suppliers: " + suppliers + "\n",
        f"Special events per unit and semester: {sheet.special_events_per_semester}\n",
        "\nSources\n", *[f"  - {source}\n" for source in sheet.sources],
    ]
    return "".join(out)


def months(count: int) -> str:
    return counted(count, "month")


def employee_deadline(count: int | None) -> str:
    setting = "a local setting of this sheet, not a policy sentence"
    return f"none ({setting})" if count is None else f"{months(count)} after return ({setting})"


def sheet_check_text(checks: Sequence[SheetCheck]) -> str:
    lines = []
    for check in checks:
        if check.error:
            lines.append(check.error)
        else:
            s = check.sheet
            lines.append(f"{check.file}: ok, the {s.year} sheet, valid {s.valid_from}..{s.valid_to}")
    bad = sum(1 for check in checks if check.error)
    lines.append(f"{len(checks)} {noun(len(checks), 'file')} checked, {bad} with errors")
    return "".join(line + "\n" for line in lines)
