"""NE001-NE007: what the Betalmeg page asks of contractors and externals ("non-employees").

Contractors get Betalmeg access from their contract start; externals need an access order
from a contact person at the unit; access lapses after the sheet's inactivity_days; mobiles
from the sheet's SMS-blocked countries cannot log in. Non-employees are paid no allowances
and no fee through Betalmeg, and their expenses must be agreed in advance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import listed, ntr, tr
from expensecli.models.claim import Category, Claim, Role
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule
from expensecli.policy.wording import claimant_phrase, described

NON_EMPLOYEES = frozenset({Role.contractor, Role.external})
ALLOWANCES = frozenset({Category.subsistence_allowance, Category.mileage_allowance})
ACCESS_ORDER_FIELDS = ("ordered_by", "purpose", "date_of_birth", "unit", "cost_centre")


def _non_employee(claim: Claim) -> bool:
    return claim.claimant.role in NON_EMPLOYEES





@claim_rule("NE001", Severity.error, "Allowance claimed by a non-employee", sources.NO_SUBSISTENCE)
def allowance_for_non_employee(ctx: ClaimContext) -> Iterator[Problem]:
    """Contractors and externals get no subsistence allowance (diett) and no mileage allowance."""
    if not _non_employee(ctx.claim):
        return
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category in ALLOWANCES:
            yield Problem(tr("{expense} is an allowance claimed by a non-employee ({role}); NTNU pays"
                             " non-employees only their documented expenses, no subsistence or mileage allowance",
                             expense=described(i, expense), role=ctx.claim.claimant.role),
                          ("expenses", i, "category"))


@claim_rule("NE002", Severity.error, "Fee entered as an expense", sources.NO_FEE)
def fee_as_expense(ctx: ClaimContext) -> Iterator[Problem]:
    """A non-employee's fee (category fee) is paid under the contract, never claimed as an expense."""
    if not _non_employee(ctx.claim):
        return
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category is Category.fee:
            yield Problem(tr("{expense} is a fee; Betalmeg is only for expenses to be reimbursed, the fee itself"
                             " is paid under the contract", expense=described(i, expense)),
                          ("expenses", i, "category"))


@claim_rule("NE003", Severity.error, "Expense not agreed in advance", sources.AGREED_IN_ADVANCE)
def not_agreed_in_advance(ctx: ClaimContext) -> Iterator[Problem]:
    """A non-employee's expenses need a `pre_approval` dated on or before each expense's date
    (a pre_approval without a date counts as none)."""
    claim = ctx.claim
    if not _non_employee(claim):
        return
    approval = claim.pre_approval
    if approval is None or approval.date is None:
        dates = sorted(expense.date for expense in claim.expenses)
        span = (f"{dates[0]}" if dates[0] == dates[-1]
                else tr("{first} to {last}", first=dates[0], last=dates[-1]))
        if approval is None:
            what = tr("no pre_approval")
        elif approval.by:
            what = tr("pre_approval by {by} has no date", by=approval.by)
        else:
            what = tr("pre_approval has no date")
        yield Problem(ntr("{what}: nothing shows that the expense ({span}) was agreed in advance with the"
                          " responsible person at NTNU; give pre_approval: {{by, date}}",
                          "{what}: nothing shows that the {count} expenses ({span}) were agreed in advance with"
                          " the responsible person at NTNU; give pre_approval: {{by, date}}", len(dates),
                          what=what, span=span),
                      ("pre_approval",) if approval is not None else ("expenses",), key=True)
        return
    for i, expense in enumerate(claim.expenses):
        if expense.date < approval.date:
            days = (approval.date - expense.date).days
            if approval.by:
                message = ntr("{expense} is dated {count} day before the pre-approval by {by} on {date}; expenses"
                              " must be agreed in advance",
                              "{expense} is dated {count} days before the pre-approval by {by} on {date};"
                              " expenses must be agreed in advance", days, expense=described(i, expense),
                              by=approval.by, date=approval.date)
            else:
                message = ntr("{expense} is dated {count} day before the pre-approval on {date}; expenses must"
                              " be agreed in advance",
                              "{expense} is dated {count} days before the pre-approval on {date}; expenses must"
                              " be agreed in advance", days, expense=described(i, expense), date=approval.date)
            yield Problem(message, ("expenses", i, "date"))


@claim_rule("NE004", Severity.error, "Contractor expense before the contract start", sources.CONTRACT_START)
def before_contract_start(ctx: ClaimContext) -> Iterator[Problem]:
    """A contractor has Betalmeg access, and a basis for claims, only from the contract start
    (no `contract`, no check)."""
    claimant = ctx.claim.claimant
    if claimant.role is not Role.contractor or claimant.contract is None:
        return
    start = claimant.contract.start
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.date < start:
            yield Problem(ntr("{expense} is dated {count} day before the contract start {start}; the contractor"
                              " has Betalmeg access only from that date",
                              "{expense} is dated {count} days before the contract start {start}; the contractor"
                              " has Betalmeg access only from that date", (start - expense.date).days,
                              expense=described(i, expense), start=start), ("expenses", i, "date"))


@claim_rule("NE005", Severity.warning, "Betalmeg access probably lapsed", sources.INACTIVITY)
def access_lapsed(ctx: ClaimContext) -> Iterator[Problem]:
    """Access lapses after `betalmeg.inactivity_days` without use: warn when `access.last_active`
    is more than that before the submitted date (or the as-of date while unsubmitted)."""
    claim = ctx.claim
    access = claim.claimant.access
    if not _non_employee(claim) or access is None or access.last_active is None:
        return
    path = ("claimant", "access", "last_active")
    limit = ctx.base_sheet.betalmeg.inactivity_days
    submitted = claim.submitted_on
    measured: dt.date = submitted or ctx.as_of
    idle = (measured - access.last_active).days
    if idle > limit:
        lapse = ntr("{count} day", "{count} days", limit)
        if submitted:
            message = ntr("Betalmeg access last used {last}, {count} day before the claim was submitted on"
                          " {submitted}; access lapses after {limit} without use, so it probably has to be ordered"
                          " again",
                          "Betalmeg access last used {last}, {count} days before the claim was submitted on"
                          " {submitted}; access lapses after {limit} without use, so it probably has to be ordered"
                          " again", idle, last=access.last_active, submitted=submitted, limit=lapse)
        else:
            message = ntr("Betalmeg access last used {last}, {count} day before the as-of date {as_of}"
                          " (unsubmitted); access lapses after {limit} without use, so it probably has to be"
                          " ordered again",
                          "Betalmeg access last used {last}, {count} days before the as-of date {as_of}"
                          " (unsubmitted); access lapses after {limit} without use, so it probably has to be"
                          " ordered again", idle, last=access.last_active, as_of=ctx.as_of, limit=lapse)
        yield Problem(message, path)


@claim_rule("NE006", Severity.error, "Betalmeg access order missing or not allowed", sources.ACCESS_ORDER)
def access_order(ctx: ClaimContext) -> Iterator[Problem]:
    """An external needs a complete access order (ordered_by, purpose, date_of_birth, unit,
    cost_centre, and the claimant's email; sub_project optional). A contractor with an access
    order is a warning: contractors get access through their contract and must not be ordered it."""
    claimant = ctx.claim.claimant
    access = claimant.access
    if claimant.role is Role.contractor and access is not None:
        if access.ordered_by:
            message = tr("{claimant} has a Betalmeg access order (ordered by {by}); persons with an"
                         " assignment contract get access from the contract start and should not be ordered access",
                         claimant=claimant_phrase(claimant.role, claimant.name), by=access.ordered_by)
        else:
            message = tr("{claimant} has a Betalmeg access order; persons with an assignment contract get"
                         " access from the contract start and should not be ordered access",
                         claimant=claimant_phrase(claimant.role, claimant.name))
        yield Problem(message, ("claimant", "access"), Severity.warning, key=True,
                      source=sources.NOT_ORDERED_FOR_CONTRACTORS.cite())
    if claimant.role is not Role.external:
        return
    if access is None:
        yield Problem(tr("{claimant} has no Betalmeg access order (claimant.access); the contact person at"
                         " the unit covering the expenses must order it with purpose, date of birth, e-mail, unit"
                         " and cost centre", claimant=claimant_phrase(claimant.role, claimant.name)),
                      ("claimant",), key=True)
        return
    missing = [f"access.{name}" for name in ACCESS_ORDER_FIELDS if getattr(access, name) is None]
    if claimant.email is None:
        missing.append("email")
    if missing:
        yield Problem(tr("the Betalmeg access order for {claimant} is incomplete: no {missing} (needed:"
                         " ordered_by, purpose, date_of_birth, unit, cost_centre and the claimant's email)",
                         claimant=claimant_phrase(claimant.role, claimant.name), missing=listed(missing)),
                      ("claimant", "access"), key=True)


@claim_rule("NE007", Severity.warning, "Mobile cannot receive the Betalmeg SMS", sources.SMS_BLOCKED)
def sms_blocked_country(ctx: ClaimContext) -> Iterator[Problem]:
    """A non-employee whose `phone_country` is in `betalmeg.sms_blocked_countries` cannot get the
    login code by SMS and must contact the Service Center."""
    claimant = ctx.claim.claimant
    if not _non_employee(ctx.claim) or claimant.phone_country is None:
        return
    path = ("claimant", "phone_country")
    blocked = ctx.base_sheet.betalmeg.sms_blocked_countries
    if claimant.phone_country in blocked:
        yield Problem(tr("phone_country {country} is on the rate sheet's list of countries whose mobiles cannot"
                         " receive the Betalmeg login SMS ({blocked}); the claimant must contact the Service"
                         " Center", country=claimant.phone_country, blocked=", ".join(blocked)), path)

