"""The per-participant limit of a catering or representation event, and the arithmetic behind it.

One function, `event_limit`, serves the rules (CA001, RP001 and the `catering` rows of every
report) and `catering quote`, so a limit in a finding, a table and a quote is the same
figure. It reads plain `EventFacts` rather than the claim models, which keeps the quote
command light. Every rate and factor comes from the rate sheet; the arithmetic is Decimal.

Catering (meeting, special): tier rate (short / long / two_servings) x external_venue_factor
at an external eating place, or extended_max alone on an approved extended-rate application
(a special event, or external participants present at an external eating place). Two servings
count only on a long event: a short event with servings 2 stays short (CA011 says why).
Representation (representation, home): meal or simple rate, x foreign_guests_factor with
high-level foreign guests, x home_factor at home. Abroad the country's kostsats replaces the
meal/simple rate, x abroad_factor with a justification, x home_factor at home; the
foreign-guests factor belongs to the domestic rates and is not applied abroad.

Each limit carries the policy sentences it applied (the tier's own sentence, the +50 % for an
external eating place, the extended rate; meal or simple, +30 %, 80 %, the kostsats abroad),
which CA001, RP001 and the quote cite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from expensecli.core.clock import duration_minutes, period
from expensecli.core.i18n import mark, ntr, tr
from expensecli.core.values import money_display, number_display
from expensecli.models.rates import RateSheet
from expensecli.policy import sources
from expensecli.policy.sources import Source
from expensecli.policy.workinghours import outside_working_hours

CATERING_TYPES = ("meeting", "special")
REPRESENTATION_TYPES = ("representation", "home")
EXTERNAL_VENUE = mark("external eating place")
# The tiers and kinds of event as sentences name them (the values themselves stay as they are).
TIER_NAMES = {"short": mark("short"), "long": mark("long"), "two_servings": mark("two_servings"),
              "extended": mark("extended"), "meal": mark("meal"), "simple": mark("simple")}
TIER_RATES = {"short": mark("short rate"), "long": mark("long rate"), "two_servings": mark("two_servings rate")}
EVENT_NAMES = {"meeting": mark("meeting"), "special": mark("special"), "representation": mark("representation"),
               "home": mark("home")}
VENUE_NAMES = {"internal": mark("internal"), "external": mark("external")}


def tier_name(tier: str) -> str:
    """A tier (short, long, two_servings, extended; meal, simple) as the language of the run names it."""
    return tr(TIER_NAMES[tier]) if tier in TIER_NAMES else tier


def event_name(kind: str) -> str:
    """A kind of event (meeting, special, representation, home) as the language of the run names it."""
    return tr(EVENT_NAMES[kind]) if kind in EVENT_NAMES else kind


def venue_name(venue: str) -> str:
    """A venue (internal, external) as the language of the run names it (bokmål: the eating place,
    "eksternt spisested", as the quote says it)."""
    return tr(VENUE_NAMES[venue]) if venue in VENUE_NAMES else venue


@dataclass(frozen=True)
class EventFacts:
    """What the limit of one event depends on."""

    type: str = "meeting"
    date: dt.date | None = None  # working-hours season, weekends and public holidays
    hours: Decimal | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    servings: int = 1
    external_venue: bool = False
    beyond_hours: bool = False  # stated beyond ordinary working hours (quote --beyond-hours)
    external_present: bool = False  # external participants actually present (participants.external > 0)
    extended_approved: bool = False  # extended_rate approved on or before the event
    representation: str = "meal"
    foreign_guests: bool = False
    country: str = "NO"
    abroad_justified: bool = False

    @property
    def minutes(self) -> int | None:
        """The duration from start to end, counted across midnight."""
        if self.start is not None and self.end is not None:
            return duration_minutes(self.start, self.end)
        return None

    @property
    def abroad(self) -> bool:
        return self.country != "NO"


@dataclass(frozen=True)
class Limit:
    """A limit per participant, how it was reached, and the policy it rests on."""

    amount: Decimal | None  # None: no limit to check against (abroad without a kostsats)
    tier: str  # short, long, two_servings, extended; meal, simple
    label: str  # "long, external eating place"
    reason: str  # why this tier: "3 hours or more (4 hours)"
    basis: str  # "507.00 x 1.5 external eating place = 760.50"
    year: int
    sources: tuple[Source, ...]
    note: str | None = None  # why the limit is not checked


def extended_possible(facts: EventFacts) -> bool:
    """The extended rate can apply: a special event, or a meeting with external participants present
    at an external venue (whatever its occasion label)."""
    return facts.type == "special" or (facts.type == "meeting" and facts.external_present
                                       and facts.external_venue)


def duration_text(facts: EventFacts) -> str:
    minutes = facts.minutes
    if minutes is not None:
        return tr("{period}, {hours} h {minutes} min", period=period(facts.start, facts.end), hours=minutes // 60,
                  minutes=format(minutes % 60, "02d"))
    if facts.hours is not None:
        return ntr("{hours} hour", "{hours} hours", 1 if facts.hours == 1 else 2, hours=number_display(facts.hours))
    return tr("duration not given")


def catering_tier(sheet: RateSheet, facts: EventFacts) -> tuple[str, str]:
    """The tier (short, long, two_servings) of a meeting or special event, and why. Two servings
    count only on a long event; a short event with servings 2 stays short."""
    rates = sheet.catering
    long_because = why_long(sheet, facts)
    if long_because is not None:
        if facts.servings >= 2:
            return "two_servings", tr("two servings on a long event: {why}", why=long_because)
        return "long", long_because
    if facts.minutes is None and facts.hours is None:
        raise ValueError(tr("the event's duration is needed for its tier: give hours, or start and end"))
    hours, duration = number_display(rates.short_max_hours), duration_text(facts)
    if facts.servings >= 2:
        return "short", tr("under {hours} hours within ordinary working hours ({duration}); two servings count only"
                           " on a long event", hours=hours, duration=duration)
    return "short", tr("under {hours} hours within ordinary working hours ({duration})", hours=hours,
                       duration=duration)


def why_long(sheet: RateSheet, facts: EventFacts) -> str | None:
    """Why the event is long (3 hours or more, or beyond ordinary working hours), or None."""
    rates = sheet.catering
    minutes = facts.minutes
    if minutes is not None:
        long_enough = Decimal(minutes) >= rates.short_max_hours * 60
    else:
        long_enough = facts.hours is not None and facts.hours >= rates.short_max_hours
    if long_enough:
        return tr("{hours} hours or more ({duration})", hours=number_display(rates.short_max_hours),
                  duration=duration_text(facts))
    if facts.beyond_hours:
        return tr("beyond ordinary working hours (as stated)")
    if facts.date is not None:
        outside = outside_working_hours(sheet, facts.date, facts.start, facts.end)
        if outside:
            return tr("beyond ordinary working hours: {why}", why=outside)
    return None


TIER_SOURCES = {"short": sources.SHORT_TIER, "long": sources.LONG_TIER, "two_servings": sources.TWO_SERVINGS}


def _arithmetic(base: Decimal, label: str, factors: list[tuple[Decimal, str]]) -> tuple[Decimal, str]:
    if not factors:
        return base, f"{money_display(base)} {label}"
    amount, text = base, money_display(base)
    for factor, why in factors:
        amount *= factor
        text += f" x {number_display(factor)} {why}"
    return amount, f"{text} = {money_display(amount)}"


def event_limit(sheet: RateSheet, facts: EventFacts) -> Limit:
    """The limit per participant of the event under `sheet`, with its tier and arithmetic."""
    if facts.type in REPRESENTATION_TYPES:
        return _representation_limit(sheet, facts)
    rates = sheet.catering
    external = tr(EXTERNAL_VENUE)
    venue = external if facts.external_venue else tr("internal eating place")
    if facts.extended_approved and extended_possible(facts):
        why = (tr("special event") if facts.type == "special"
               else tr("external participants at an external eating place"))
        source = sources.SPECIAL_EVENTS if facts.type == "special" else sources.EXTENDED_FOR_EXTERNALS
        return Limit(rates.extended_max, "extended", tr("extended, {why}", why=why),
                     tr("approved application for the extended rate ({why})", why=why),
                     tr("{amount} extended rate on an approved application (no venue factor on top)",
                        amount=money_display(rates.extended_max)), sheet.year, (source, sources.EXTENDED_RATE))
    tier, reason = catering_tier(sheet, facts)
    base = {"short": rates.short, "long": rates.long, "two_servings": rates.two_servings}[tier]
    factors = [(rates.external_venue_factor, external)] if facts.external_venue else []
    amount, basis = _arithmetic(base, f"{tr(TIER_RATES[tier])}, {venue}", factors)
    label = f"{tier_name(tier)}, {external}" if facts.external_venue else tier_name(tier)
    used = (TIER_SOURCES[tier],) + ((sources.EXTERNAL_VENUE,) if facts.external_venue else ())
    return Limit(amount, tier, label, reason, basis, sheet.year, used)


def _representation_limit(sheet: RateSheet, facts: EventFacts) -> Limit:
    rates = sheet.representation
    tier = facts.representation
    home = [(rates.home_factor, tr("home hospitality"))] if facts.type == "home" else []
    home_sources = (sources.HOME,) if home else ()
    kind = tr("lunch or dinner") if tier == "meal" else tr("simpler lunch or reception")
    named = tier_name(tier)
    if facts.abroad:
        kostsats = rates.abroad.get(facts.country)
        abroad = tr("{tier}, abroad ({country})", tier=named, country=facts.country)
        if kostsats is None:
            note = tr("the {year} rate sheet has no kostsats for {country}, so the limit abroad is not checked",
                      year=sheet.year, country=facts.country)
            return Limit(None, tier, abroad, tr("representation abroad, {kind}", kind=kind),
                         note, sheet.year, (sources.ABROAD,), note)
        factors = [(rates.abroad_factor, tr("abroad with justification"))] if facts.abroad_justified else []
        amount, basis = _arithmetic(kostsats, tr("kostsats for {country}", country=facts.country), factors + home)
        used = (sources.ABROAD, sources.ABROAD_JUSTIFIED) if facts.abroad_justified else (sources.ABROAD,)
        return Limit(amount, tier, f"{abroad}, {home[0][1]}" if home else abroad,
                     tr("representation abroad, {kind}: the kostsats for {country}", kind=kind, country=facts.country),
                     basis, sheet.year, used + home_sources)
    base = rates.meal if tier == "meal" else rates.simple
    foreign = [(rates.foreign_guests_factor, tr("high-level foreign guests"))] if facts.foreign_guests else []
    rate_name = tr("representation meal rate") if tier == "meal" else tr("representation simple rate")
    amount, basis = _arithmetic(base, rate_name, foreign + home)
    label = ", ".join([named] + [why for _, why in foreign + home])
    rate = sources.REPRESENTATION_MEAL if tier == "meal" else sources.REPRESENTATION_SIMPLE
    used = (rate,) + ((sources.FOREIGN_GUESTS,) if foreign else ()) + home_sources
    return Limit(amount, tier, label, tr("representation, {kind}", kind=kind), basis, sheet.year, used)

