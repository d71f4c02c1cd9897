"""CA001, CA005, CA011: which per-participant limit a meeting or special event gets, and keeping to it.

The limit is the tier's (short, long, two servings) x the external-venue factor, or the approved
extended rate; a finding cites the sentences of the limit that was applied. The figures come from
the claim's catering rows (`expensecli.policy.events`), never recomputed here, so a message and the
`catering` table always agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import listed, tr
from expensecli.core.values import money_display, number_display
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.events import facts_of
from expensecli.policy.limits import CATERING_TYPES, duration_text, extended_possible, why_long
from expensecli.policy.rule import claim_rule
from expensecli.policy.rules.catering import events


@claim_rule("CA001", Severity.error, "Catering above the limit per participant", sources.CATERING_LIMITS)
def catering_above_limit(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting or special event whose cost per participant, (amount - tip - extras) in NOK divided by
    all participants, is strictly above its limit (tier x external-venue factor, or the approved
    extended rate). Equal to the limit is allowed. An expense in a foreign currency without `rate`
    is not checked (MX001 reports it; its catering row shows no cost). The finding cites the sentence
    of the tier applied, the +50 % for an external eating place, and the extended rate when it applies.
    Tip and extras are in the expense's own currency; a foreign amount is converted with its `rate`
    and rounded half-up to whole øre, as it is paid out."""
    for row in ctx.catering:
        if row.type in CATERING_TYPES and row.over:
            yield Problem(row.over_message(), ("expenses", row.expense, "amount"),
                          source=sources.cite_all(row.limit.sources))


def _not_applicable(event) -> str | None:
    """Why an extended_rate cannot apply to `event`, or None when it does."""
    extended = event.extended_rate
    if event.type.value not in CATERING_TYPES:
        return tr("the extended rate is for meeting and special events, not {type}", type=event.type)
    if not extended_possible(facts_of(event)):
        return tr("the extended rate needs a special event, or external participants at an external eating"
                  " place; here participants.external is {external}, venue {venue}",
                  external=event.participants.external, venue=event.venue)
    if extended.approved_by is None or extended.date is None:
        missing = listed([n for n, v in (("approved_by", extended.approved_by), ("date", extended.date))
                          if v is None])
        return tr("extended_rate has no {missing}, so it is not shown to be approved", missing=missing)
    if extended.date > event.date:
        return tr("extended_rate was approved on {approved}, after the event on {date}", approved=extended.date,
                  date=event.date)
    return None


@claim_rule("CA005", Severity.warning, "Extended rate without justification or not applicable",
            sources.EXTENDED_RATE)
def extended_rate_questionable(ctx: ClaimContext) -> Iterator[Problem]:
    """An extended_rate that cannot apply (not a special event nor external participants present at an
    external venue, not approved, or approved after the event): the tier limit applies instead. One
    that applies but has no justification: the rate still applies, the justification is missing."""
    rows = {row.expense: row for row in ctx.catering}
    for i, event in events(ctx):
        extended = event.extended_rate
        if extended is None:
            continue
        here = ("expenses", i, "event", "extended_rate")
        why = _not_applicable(event)
        limit = rows[i].limit
        if why:
            applies = (f"{money_display(limit.amount)} ({limit.label})" if limit.amount is not None
                       else f"({limit.label})")
            yield Problem(tr("expense {index}: {why}; the limit {applies} applies instead", index=i, why=why,
                             applies=applies), here)
        elif extended.justification is None:
            yield Problem(tr("expense {index}: extended_rate has no justification; the extended rate {amount}"
                             " still applies, but the application must say why it is needed", index=i,
                             amount=money_display(limit.amount)), here)


@claim_rule("CA011", Severity.warning, "Two servings on an event that is not long", sources.TWO_SERVINGS)
def two_servings_on_a_short_event(ctx: ClaimContext) -> Iterator[Problem]:
    """`servings: 2` on a meeting or special event that is not long (under short_max_hours hours and
    within ordinary working hours): the two-servings rate is for long events, so the event keeps
    the short tier."""
    rows = {row.expense: row for row in ctx.catering}
    for i, event in events(ctx, CATERING_TYPES):
        if event.servings < 2:
            continue
        sheet = ctx.sheet_for(event.date)
        facts = facts_of(event)
        if why_long(sheet, facts) is not None:
            continue
        rates, limit = sheet.catering, rows[i].limit
        what = tr("under {hours} hours within ordinary working hours ({duration})",
                  hours=number_display(rates.short_max_hours), duration=duration_text(facts))
        if limit.tier == "short":
            message = tr("expense {index}: servings 2, but the event is not long ({what}); the two-servings rate"
                         " {rate} is for long events, so the short tier applies: {amount} ({label})", index=i,
                         what=what, rate=money_display(rates.two_servings), amount=money_display(limit.amount),
                         label=limit.label)
        else:
            message = tr("expense {index}: servings 2, but the event is not long ({what}); the two-servings rate"
                         " {rate} is for long events", index=i, what=what, rate=money_display(rates.two_servings))
        yield Problem(message, ("expenses", i, "event", "servings"))

