"""Rate sheets as text: `rates list`, `rates show` (the policy page's tables) and `rates check`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from expensecli.core.i18n import ntr, tr
from expensecli.core.text import printable
from expensecli.core.values import number_display
from expensecli.load.ratesheets import FoundSheet, SheetCheck
from expensecli.models.ratebook import valid_period
from expensecli.models.rates import RateSheet
from expensecli.render.columns import amount_display, columns, figure_display

RIGHT_12 = frozenset({1, 2})


def sheets_table(found: Sequence[FoundSheet]) -> str:
    rows = [(str(f.sheet.year), str(f.sheet.valid_from), str(f.sheet.valid_to), origin_text(f.origin),
             tr("yes") if f.in_use else tr("no"), f.file) for f in found]
    return columns((tr("YEAR"), tr("VALID FROM"), tr("VALID TO"), tr("SOURCE"), tr("IN USE"), tr("FILE")), rows)


def origin_text(origin: str) -> str:
    """Where a sheet was found, for the table: "bundled" in the language of the run, "--rates" as is
    (JSON keeps the value)."""
    return tr("bundled") if origin == "bundled" else origin


def sheets_json(found: Sequence[FoundSheet]) -> str:
    items = [{"year": f.sheet.year, "valid_from": str(f.sheet.valid_from), "valid_to": str(f.sheet.valid_to),
              "source": f.origin, "in_use": f.in_use, "file": f.file} for f in found]
    return json.dumps({"version": 1, "sheets": items}, indent=2) + "\n"


def catering_table(sheet: RateSheet) -> str:
    """The policy page's table: per participant, internal vs external eating place."""
    c = sheet.catering
    hours = number_display(c.short_max_hours)
    rows = [(tr("under {hours} hours in working hours", hours=hours), c.short),
            (tr("{hours} hours or more", hours=hours), c.long),
            (tr("beyond working hours"), c.long), (tr("full day, 2 servings"), c.two_servings)]
    return columns((tr("event"), tr("internal eating place"), tr("external eating place")),
                   [(label, amount_display(rate), amount_display(rate * c.external_venue_factor))
                    for label, rate in rows], right=RIGHT_12, indent="  ")


def representation_table(sheet: RateSheet) -> str:
    r = sheet.representation
    rows = [(tr("ordinary"), 1),
            (tr("high-level foreign guests (x{factor})", factor=number_display(r.foreign_guests_factor)),
             r.foreign_guests_factor),
            (tr("home hospitality (x{factor})", factor=number_display(r.home_factor)), r.home_factor)]
    return columns((tr("per person"), tr("meal"), tr("simple")),
                   [(label, amount_display(r.meal * factor), amount_display(r.simple * factor))
                    for label, factor in rows], right=RIGHT_12, indent="  ")


def sheet_text(sheet: RateSheet, file: str) -> str:
    c, r, d, b = sheet.catering, sheet.representation, sheet.deadlines, sheet.betalmeg
    seasons = columns((tr("from"), tr("to"), tr("start"), tr("end")),
                      [(w.from_, w.to, f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in sheet.working_hours],
                      indent="  ")
    abroad = figure_display("representation.abroad", r.abroad) if r.abroad else tr("none listed")
    suppliers = printable(", ".join(sheet.agreement_suppliers)) or tr("none listed (not checked)")
    lines = [
        tr("Rate sheet {year}: valid {valid}, amounts in {currency} incl. VAT", year=sheet.year,
           valid=valid_period(sheet), currency=sheet.currency),
        tr("File: {file}", file=printable(file)),
        "", tr("Catering (bevertning), per participant"), catering_table(sheet),
        "  " + tr("Extended rate on application (special events; external participants at an external eating"
                  " place): {amount}", amount=amount_display(c.extended_max)),
        "", tr("Representation"), representation_table(sheet),
        "  " + tr("Abroad: the country's kostsats (x{factor} with a justification); kostsats in this sheet:"
                  " {abroad}", factor=number_display(r.abroad_factor), abroad=abroad),
        "  " + tr("Consent to representation: {roles}", roles=printable(", ".join(sheet.representation_approvers))),
        "", tr("Ordinary working hours (weekends and public holidays are outside them)"), seasons,
        "", tr("Deadlines"),
        "  " + tr("contractors and externals: {months} after the trip end or the earliest expense",
                  months=months(d.non_employee_months)),
        "  " + tr("employees' travel claims: {deadline}", deadline=employee_deadline(d.employee_travel_months)),
        "  " + ntr("due soon: {count} day or fewer before the deadline",
                   "due soon: {count} days or fewer before the deadline", d.due_soon_days),
        "", "Betalmeg",
        "  " + ntr("access lapses after {count} day without use", "access lapses after {count} days without use",
                   b.inactivity_days),
        "  " + tr("countries whose mobiles get no login SMS: {countries}",
                  countries=", ".join(b.sms_blocked_countries) or tr("none listed")),
        "", tr("Catering agreement suppliers: {suppliers}", suppliers=suppliers),
        tr("Special events per unit and semester: {count}", count=sheet.special_events_per_semester),
        "", tr("Sources"), *[f"  - {printable(source)}" for source in sheet.sources],  # a sheet's text, escaped
    ]
    # the tables end with their own newline
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def months(count: int) -> str:
    return ntr("{count} month", "{count} months", count)


def employee_deadline(count: int | None) -> str:
    if count is None:
        return tr("none (a local setting of this sheet, not a policy sentence)")
    return tr("{months} after return (a local setting of this sheet, not a policy sentence)", months=months(count))


def sheet_check_text(checks: Sequence[SheetCheck]) -> str:
    lines = []
    for check in checks:
        if check.error:  # a sheet's own text (a file name, a value quoted) escaped, line by line
            lines += [printable(line) for line in check.error.split("\n")]
        else:
            s = check.sheet
            lines.append(tr("{file}: ok, the {year} sheet, valid {valid}", file=printable(check.file), year=s.year,
                            valid=valid_period(s)))
    bad = sum(1 for check in checks if check.error)
    lines.append(ntr("{count} file checked, {bad} with errors", "{count} files checked, {bad} with errors",
                     len(checks), bad=bad))
    return "".join(line + "\n" for line in lines)
