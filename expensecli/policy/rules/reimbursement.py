"""RB001-RB003: what the expense reimbursement form may hold, and on what terms.

Travel costs belong in a travel expense claim; newspaper, broadband and phone are refunded
only under a signed elkom agreement; books, courses, conferences, subscriptions and other
orders only by agreement with the manager.
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.models.claim import TRAVEL_CATEGORIES, Category, Kind
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule
from expensecli.policy.wording import described

# Each category's own line of the page: a phone or broadband finding cites its own sentence.
ELKOM_SENTENCES = {Category.newspaper: None, Category.broadband: sources.ELKOM_BROADBAND.cite(),
                   Category.phone: sources.ELKOM_PHONE.cite()}
MANAGER_CATEGORIES = frozenset({Category.books, Category.course_fee, Category.conference_fee,
                                Category.subscription, Category.other})
ELKOM = "elkom"



@claim_rule("RB001", Severity.error, "Travel cost on the reimbursement form", sources.NOT_FOR_TRAVEL)
def travel_cost_in_reimbursement(ctx: ClaimContext) -> Iterator[Problem]:
    """A reimbursement claim must not hold a travel category; travel costs go in a travel claim."""
    if ctx.claim.kind is not Kind.reimbursement:
        return
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category in TRAVEL_CATEGORIES:
            yield Problem(tr("{expense} is a travel cost on the reimbursement form; claim it in a travel expense"
                             " claim (kind: travel)", expense=described(i, expense)), ("expenses", i, "category"))


@claim_rule("RB002", Severity.error, "Newspaper, broadband or phone without elkom", sources.ELKOM)
def without_elkom(ctx: ClaimContext) -> Iterator[Problem]:
    """Newspaper, broadband and phone are refunded only when `agreements` lists elkom. Each
    finding cites the page's line for its own category."""
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category not in ELKOM_SENTENCES:
            continue
        signed = {agreement.strip().casefold() for agreement in expense.agreements}
        if ELKOM not in signed:
            listed = ", ".join(expense.agreements) or tr("none")
            yield Problem(tr("{expense} is refunded only under a signed elkom agreement; agreements listed:"
                             " {agreements}", expense=described(i, expense), agreements=listed),
                          ("expenses", i, "category"), source=ELKOM_SENTENCES[expense.category])


@claim_rule("RB003", Severity.warning, "No agreement with the manager", sources.BY_AGREEMENT)
def without_manager_agreement(ctx: ClaimContext) -> Iterator[Problem]:
    """Books, course and conference fees, subscriptions and other orders need `manager_agreement: true`."""
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category in MANAGER_CATEGORIES and not expense.manager_agreement:
            yield Problem(tr("{expense} is refunded by agreement with the manager, and manager_agreement is not"
                             " true", expense=described(i, expense)), ("expenses", i, "category"))

