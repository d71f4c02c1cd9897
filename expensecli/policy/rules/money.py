"""MX001-MX006: currencies, dates and duplicate amounts, within a claim and across the batch, and
claim ids used twice in a batch."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import tr
from expensecli.core.text import folded
from expensecli.core.values import money_display
from expensecli.models.claimfile import OUTSIDE
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.rule import batch_rule, claim_rule
from expensecli.policy.wording import NAMED, first_named


@claim_rule("MX001", Severity.error, "Foreign currency without rate", sources.CORRECT_AND_COMPLETE)
def currency_without_rate(ctx: ClaimContext) -> Iterator[Problem]:
    """An amount in a currency other than NOK needs `rate` (NOK per unit) to be converted."""
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.currency != "NOK" and expense.rate is None:
            yield Problem(tr("expense {index} is {amount} {currency} with no rate; give rate: NOK per 1 {currency}",
                             index=i, amount=money_display(expense.amount), currency=expense.currency),
                          ("expenses", i, "currency"))


@claim_rule("MX002", Severity.error, "Expense dated in the future", sources.CORRECT_AND_COMPLETE)
def expense_after_submission(ctx: ClaimContext) -> Iterator[Problem]:
    """An expense cannot be dated after the claim was submitted, nor after the as-of date."""
    submitted = ctx.claim.submitted_on
    for i, expense in enumerate(ctx.claim.expenses):
        if submitted is not None and expense.date > submitted:
            yield Problem(tr("expense {index} is dated {date}, after the claim was submitted on {submitted}",
                             index=i, date=expense.date, submitted=submitted), ("expenses", i, "date"))
        elif expense.date > ctx.as_of:
            yield Problem(tr("expense {index} is dated {date}, after the as-of date {as_of}", index=i,
                             date=expense.date, as_of=ctx.as_of), ("expenses", i, "date"))


@claim_rule("MX003", Severity.warning, "Expense entered twice", sources.CORRECT_AND_COMPLETE)
def duplicate_expense(ctx: ClaimContext) -> Iterator[Problem]:
    """Two expenses with the same date, category, amount and currency are probably one entered twice."""
    first: dict[tuple, int] = {}
    for i, expense in enumerate(ctx.claim.expenses):
        key = (expense.date, expense.category, expense.amount, expense.currency)
        if key in first:
            yield Problem(tr("expense {index} repeats expense {first}: {category} on {date}, {amount} {currency}",
                             index=i, first=first[key], category=expense.category, date=expense.date,
                             amount=money_display(expense.amount), currency=expense.currency), ("expenses", i))
        else:
            first[key] = i


@claim_rule("MX005", Severity.error, "Tip or extras larger than the amount", sources.CORRECT_AND_COMPLETE)
def part_larger_than_amount(ctx: ClaimContext) -> Iterator[Problem]:
    """`tip` and `extras` are parts of `amount`, so neither, nor both together, can be larger than it
    (the cost per participant would be negative, and its limit is then not judged)."""
    for i, expense in enumerate(ctx.claim.expenses):
        extras = expense.event.extras if expense.event is not None else 0
        if expense.tip + extras <= expense.amount:
            continue
        amount = {"amount": money_display(expense.amount), "currency": expense.currency}
        if not extras:
            yield Problem(tr("expense {index}: tip {tip} is larger than the amount {amount} {currency}", index=i,
                             tip=money_display(expense.tip), **amount), ("expenses", i, "tip"))
        elif not expense.tip:
            yield Problem(tr("expense {index}: extras {extras} is larger than the amount {amount} {currency}",
                             index=i, extras=money_display(extras), **amount), ("expenses", i, "event", "extras"))
        else:
            yield Problem(tr("expense {index}: tip {tip} and extras {extras} are together {both}, larger than the"
                             " amount {amount} {currency}", index=i, tip=money_display(expense.tip),
                             extras=money_display(extras), both=money_display(expense.tip + extras), **amount),
                          ("expenses", i, "event", "extras"))


@batch_rule("MX004", Severity.warning, "Expense or receipt also in another claim", sources.CORRECT_AND_COMPLETE)
class ClaimedElsewhere:
    """The same attachment file (the same content, or the same file by device and inode), or the
    same claimant (compared after NFKC, without format characters such as zero-width spaces, with
    common Cyrillic and Greek lookalikes read as Latin letters, trimmed and case-folded), date,
    amount and currency, appears in another claim of the batch. Each claim's finding names the
    first few other claims and counts the rest, so a batch of copies costs time and output in
    proportion to its size."""

    lone_key_silent = True  # a key no other item shares makes no finding (the spool keeps only a digest)

    @staticmethod
    def collect(ctx: ClaimContext) -> Iterator[tuple]:
        name = comparable_name(ctx.claim.claimant.name)
        for i, expense in enumerate(ctx.claim.expenses):
            yield ("expense", name, expense.date, expense.amount, expense.currency), ("expenses", i), ()
            for j, attachment in enumerate(expense.attachments):
                identity = ctx.loaded.attachments.get((i, j))
                if identity and identity != OUTSIDE:
                    yield (("file", identity), ("expenses", i, "attachments", j, "file"), (attachment.file,))

    @staticmethod
    def judge(items) -> Iterator[tuple]:
        groups = defaultdict(list)
        for item in items:
            groups[item.key].append(item)
        for key, group in groups.items():
            if len(group) < 2:  # most keys: one expense or receipt, in one claim
                continue
            claims = sorted({item.claim: f"{item.file} ({item.claim_id})" for item in group}.items(),
                            key=lambda pair: (pair[1], pair[0]))
            if len(claims) < 2:
                continue
            for item in group:
                listed = _others(claims, item.claim)
                if key[0] == "file":
                    yield item, tr("attachment {file} is also attached in {claims}", file=item.data[0], claims=listed)
                else:  # the key holds what the message shows: made here, for the few that are found
                    _, _, date, amount, currency = key
                    expense = tr("{amount} {currency} on {date}", amount=money_display(amount), currency=currency,
                                 date=date)
                    yield item, tr("the same expense by the same claimant ({expense}) is also in {claims}",
                                   expense=expense, claims=listed)


@batch_rule("MX006", Severity.error, "Claim id used by another claim of the batch", sources.UNIQUE_IDS)
class DuplicateClaimId:
    """The same claim `id` in another file of the batch: ids are unique. Ids compare trimmed and
    case-folded (`r-2024-0311` is `R-2024-0311`); a file that did not load (LOAD) has no claim and
    is not counted. Each claim's finding names the first few other files and counts the rest."""

    lone_key_silent = True  # a key no other item shares makes no finding (the spool keeps only a digest)

    @staticmethod
    def collect(ctx: ClaimContext) -> Iterator[tuple]:
        yield ("id", folded(ctx.claim.id)), ("id",), ()

    @staticmethod
    def judge(items) -> Iterator[tuple]:
        groups = defaultdict(list)
        for item in items:
            groups[item.key].append(item)
        for group in groups.values():
            if len(group) < 2:
                continue
            files = sorted({item.claim: item.file for item in group}.items(), key=lambda pair: (pair[1], pair[0]))
            for item in group:
                yield item, tr("claim id {id} is also used by {others}; claim ids must be unique within a batch",
                               id=item.claim_id, others=_others(files, item.claim))


def _others(claims: list[tuple[int, str]], claim: int) -> str:
    """The other claims of `claims` ((claim, name), sorted) than `claim`: the first few named, the
    rest counted (`first_named`)."""
    return first_named([text for other, text in claims[:NAMED + 1] if other != claim], len(claims) - 1)


_FORMAT = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                     r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]")
_LOOKALIKES = str.maketrans("аеорсухіјѕԁԛԝαеοινρτυχκβ", "aeopcyxijsdqwaeoivptuxkb")


def comparable_name(name: str) -> str:
    """A claimant's name as MX004 compares it: NFKC, format and invisible characters removed, Cyrillic
    and Greek lookalikes of Latin letters read as Latin, spaces collapsed, case-folded."""
    text = _FORMAT.sub("", unicodedata.normalize("NFKC", name)).casefold()
    return " ".join(text.translate(_LOOKALIKES).split())
