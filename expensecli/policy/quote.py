"""`catering quote` as data: the limit of a described event, its total, and what would raise it.

The limit itself comes from `eventlimits.event_limit`, the function the rules use; "what would
raise it" tries the same function on the event with one thing changed (longer, two servings,
an external eating place, an approved extended rate, foreign guests, ...) and keeps the
changes that give a higher limit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from expensecli.core.i18n import tr
from expensecli.core.values import money_display, number_display
from expensecli.models.rates import RateSheet
from expensecli.policy.limits import CATERING_TYPES, REPRESENTATION_TYPES, EventFacts, Limit, event_limit


@dataclass(frozen=True)
class Quote:
    """`catering quote`: a limit with what it would be for all participants and what would raise it."""

    facts: EventFacts
    limit: Limit
    sheet: RateSheet
    participants: int | None = None
    raised_by: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal | None:
        if self.participants is None or self.limit.amount is None:
            return None
        return self.limit.amount * self.participants


def quote(sheet: RateSheet, facts: EventFacts, participants: int | None = None) -> Quote:
    limit = event_limit(sheet, facts)
    return Quote(facts, limit, sheet, participants, tuple(raises(sheet, facts, limit)))


def raises(sheet: RateSheet, facts: EventFacts, limit: Limit) -> list[str]:
    """What would raise the limit, each as "<what> raises this to <amount>"."""
    options: list[tuple[str, EventFacts]] = []
    if facts.type in CATERING_TYPES and limit.tier != "extended":
        if limit.tier == "short":
            options.append((tr("lasting {hours} hours or more (or reaching beyond ordinary working hours)",
                               hours=number_display(sheet.catering.short_max_hours)),
                            replace(facts, beyond_hours=True)))
        if limit.tier != "two_servings":
            longer = replace(facts, servings=2, beyond_hours=True) if limit.tier == "short" else replace(facts, servings=2)
            options.append((tr("two servings on a long event"), longer))
        if not facts.external_venue:
            options.append((tr("an external eating place (for practical reasons)"),
                            replace(facts, external_venue=True)))
        if facts.type == "special":
            options.append((tr("an approved application for the extended rate"),
                            replace(facts, extended_approved=True)))
        else:
            options.append((tr("an approved application for the extended rate (external participants at an"
                               " external eating place)"), replace(facts, extended_approved=True,
                                                                   external_venue=True, external_present=True)))
    elif facts.type in REPRESENTATION_TYPES and limit.amount is not None:
        if facts.representation == "simple":
            options.append((tr("a lunch or dinner (meal)"), replace(facts, representation="meal")))
        if facts.abroad and not facts.abroad_justified:
            options.append((tr("a written justification (abroad_justification)"),
                            replace(facts, abroad_justified=True)))
        if not facts.abroad and not facts.foreign_guests:
            options.append((tr("high-level foreign guests"), replace(facts, foreign_guests=True)))
    found = []
    for what, changed in options:
        amount = event_limit(sheet, changed).amount
        if amount is not None and limit.amount is not None and amount > limit.amount:
            found.append(tr("{what} raises this to {amount}", what=what, amount=money_display(amount)))

    return found
