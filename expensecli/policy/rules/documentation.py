"""DOC001-DOC005: each expense's attachments must show what was paid for and that it was paid.

Allowances (subsistence and mileage) are computed from the trip, not paid against a voucher, so
DOC001 and DOC002 do not ask them for one; an attachment they do carry is still checked
(DOC003-DOC005).
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import listed, tr
from expensecli.core.values import shown
from expensecli.models.claim import AttachmentType, Category, Role
from expensecli.models.claimfile import OUTSIDE
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import claim_rule

BASIS = frozenset({AttachmentType.receipt, AttachmentType.invoice, AttachmentType.order_confirmation})
CONFIRMATION = frozenset({AttachmentType.receipt, AttachmentType.bank_statement,
                          AttachmentType.card_terminal_receipt})
NORDIC_OR_ENGLISH = frozenset({"en", "nb", "nn", "no", "sv", "da"})
ALLOWANCES = frozenset({Category.subsistence_allowance, Category.mileage_allowance})


# For a contractor or an external (a Betalmeg claim) DOC001 and DOC002 cite the Betalmeg page's
# sentences on receipts; for an employee, the reimbursement page's.
BETALMEG_BASIS = sources.cite_all((sources.ENCLOSE_RECEIPTS, sources.SPECIFIED_RECEIPTS))
BETALMEG_CONFIRMATION = sources.ENCLOSE_RECEIPTS.cite()


def _betalmeg(ctx: ClaimContext, citation: str) -> str | None:
    return citation if ctx.claim.claimant.role is not Role.employee else None


def _types(expense) -> str:
    return ", ".join(a.type.value for a in expense.attachments) or tr("no attachments")


@claim_rule("DOC001", Severity.error, "No basis of payment", sources.BASIS_AND_CONFIRMATION)
def no_basis_of_payment(ctx: ClaimContext) -> Iterator[Problem]:
    """Each expense needs a receipt, invoice or order confirmation showing what was paid for; an
    allowance (subsistence_allowance, mileage_allowance) needs no voucher."""
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category not in ALLOWANCES and not any(a.type in BASIS for a in expense.attachments):
            yield Problem(tr("expense {index} ({category}, {date}) has no basis of payment: {types}; a receipt,"
                             " invoice or order confirmation is needed (a bank statement alone only shows the"
                             " payment)", index=i, category=expense.category, date=expense.date,
                             types=_types(expense)), ("expenses", i), source=_betalmeg(ctx, BETALMEG_BASIS))


@claim_rule("DOC002", Severity.error, "No payment confirmation", sources.BASIS_AND_CONFIRMATION)
def no_payment_confirmation(ctx: ClaimContext) -> Iterator[Problem]:
    """Each expense needs a receipt, bank statement or card terminal receipt showing it was paid; an
    allowance (subsistence_allowance, mileage_allowance) needs no voucher."""
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.category not in ALLOWANCES and not any(a.type in CONFIRMATION for a in expense.attachments):
            yield Problem(tr("expense {index} ({category}, {date}) has no payment confirmation: {types}; a"
                             " receipt, bank statement or card terminal receipt is needed", index=i,
                             category=expense.category, date=expense.date, types=_types(expense)),
                          ("expenses", i), source=_betalmeg(ctx, BETALMEG_CONFIRMATION))


@claim_rule("DOC003", Severity.error, "Unreadable attachment", sources.READABLE)
def unreadable_attachment(ctx: ClaimContext) -> Iterator[Problem]:
    """An attachment marked `readable: false` cannot document anything."""
    for i, expense in enumerate(ctx.claim.expenses):
        for j, attachment in enumerate(expense.attachments):
            if not attachment.readable:
                if attachment.file:
                    message = tr("attachment {attachment} of expense {index} ({type} {file}) is marked"
                                 " unreadable; all receipts must be readable", attachment=j, index=i,
                                 type=attachment.type, file=attachment.file)
                else:
                    message = tr("attachment {attachment} of expense {index} ({type}) is marked unreadable;"
                                 " all receipts must be readable", attachment=j, index=i, type=attachment.type)
                yield Problem(message, ("expenses", i, "attachments", j, "readable"))


@claim_rule("DOC004", Severity.error, "Foreign-language attachment not described", sources.FOREIGN_LANGUAGE)
def foreign_language_attachment(ctx: ClaimContext) -> Iterator[Problem]:
    """A voucher in a language other than en/nb/nn/no/sv/da needs a `description` of the payment
    basis and `shows_payment: true`."""
    for i, expense in enumerate(ctx.claim.expenses):
        for j, attachment in enumerate(expense.attachments):
            if attachment.language in NORDIC_OR_ENGLISH:
                continue
            missing = [name for name, ok in ((tr("a description of the payment basis"), attachment.description),
                                             ("shows_payment: true", attachment.shows_payment is True))
                       if not ok]
            if missing:
                yield Problem(tr("attachment {attachment} of expense {index} is in language '{language}' and"
                                 " lacks {missing}", attachment=j, index=i, language=attachment.language,
                                 missing=listed(missing)), ("expenses", i, "attachments", j, "language"))


@claim_rule("DOC005", Severity.warning, "Attachment file not found", sources.KEEP_ORIGINALS)
def attachment_file_missing(ctx: ClaimContext) -> Iterator[Problem]:
    """An attachment's `file` must exist, relative to the claim file (no `file`, no check); a path that
    is absolute or leaves the claim's folder is reported without being looked up."""
    for (i, j), resolved in sorted(ctx.loaded.attachments.items()):
        if resolved == OUTSIDE:
            name = ctx.claim.expenses[i].attachments[j].file
            yield Problem(tr("attachment path leaves the claim's folder: '{file}' of expense {index}; give a path"
                             " relative to the claim file, inside its folder (it was not looked up)",
                             file=shown(name), index=i), ("expenses", i, "attachments", j, "file"))
        elif resolved is None:
            name = ctx.claim.expenses[i].attachments[j].file
            yield Problem(tr("attachment file '{file}' of expense {index} does not exist next to the claim file",
                             file=name, index=i), ("expenses", i, "attachments", j, "file"))

