"""CA002-CA004, CA006-CA010: when catering (bevertning) may be given, and how it is ordered.

CA004, CA006, CA007 and CA009 concern meeting and special events only; CA002 (tips), CA003
(approval) and CA010 (names) every event block; CA008 food served on NTNU's premises (venue
internal, not home hospitality). The rules about which limit applies (CA001, CA005, CA011)
are in `cateringlimits`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from expensecli.core.findings import Problem, Severity
from expensecli.core.i18n import ntr, tr
from expensecli.core.text import folded
from expensecli.core.values import money_display
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.limits import CATERING_TYPES
from expensecli.policy.rule import batch_rule, claim_rule
from expensecli.policy.wording import NAMED, first_named


def events(ctx: ClaimContext, types=None) -> tuple[tuple[int, object], ...]:
    """(index of the expense, its event) for each event block of the claim, or of the given types."""
    if types is None or not ctx.events:
        return ctx.events
    return tuple((i, event) for i, event in ctx.events if event.type in types)  # a StrEnum: its value compares


def _joined(items: list[str]) -> str:
    """"a", "a and b", "a and b and c" (every pair joined by the language's "and")."""
    text = items[0]
    for item in items[1:]:
        text = tr("{first} and {second}", first=text, second=item)
    return text


@claim_rule("CA002", Severity.error, "Tip on food served in Norway", sources.NO_TIPS)
def tip_in_norway(ctx: ClaimContext) -> Iterator[Problem]:
    """No tip on the state's account for food served in Norway (event country NO), any event type."""
    for i, event in events(ctx):
        expense = ctx.claim.expenses[i]
        if expense.tip > 0 and event.country == "NO":
            yield Problem(tr("expense {index} includes a tip of {tip} {currency} for food served in Norway on"
                             " {date}: tips are not paid on the state's account", index=i,
                             tip=money_display(expense.tip), currency=expense.currency, date=event.date),
                          ("expenses", i, "tip"))


@claim_rule("CA003", Severity.error, "No approval before the event", sources.APPROVAL_BEFORE)
def approval_missing_or_late(ctx: ClaimContext) -> Iterator[Problem]:
    """Every event needs an approval dated on or before the event date. An approval without a date
    cannot show it came first, so it is reported too."""
    for i, event in events(ctx):
        approval = event.approval
        here = ("expenses", i, "event")
        if approval is None:
            yield Problem(tr("expense {index}: the {type} on {date} has no approval; the leader or budget"
                             " holder must approve it before the event (approval: by, role, date)",
                             index=i, type=event.type, date=event.date), here)
        elif approval.date is None:
            yield Problem(tr("expense {index}: the approval of the {type} on {date} has no date, so it"
                             " cannot show it was given before the event", index=i, type=event.type,
                             date=event.date), here + ("approval",))
        elif approval.date > event.date:
            days = (approval.date - event.date).days
            yield Problem(ntr("expense {index}: approval dated {approved} is {count} day after the event on"
                              " {date}; it must be given before the event",
                              "expense {index}: approval dated {approved} is {count} days after the event on"
                              " {date}; it must be given before the event", days,
                              index=i, approved=approval.date, date=event.date),
                          here + ("approval", "date"))


NEEDS_EXTERNALS = ("external_participants", "board")


@claim_rule("CA004", Severity.error, "Occasion not allowed", sources.OCCASIONS)
def occasion_not_allowed(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting needs an occasion; occasions external_participants and board (a board, council or
    committee meeting "der andre enn NTNUs eigne tilsette deltar") need at least one external participant."""
    for i, event in events(ctx, CATERING_TYPES):
        if event.occasion is None:
            if event.type.value == "meeting":
                yield Problem(tr("expense {index}: the meeting on {date} gives no occasion; catering is allowed"
                                 " for external_participants, board, conference or internal_consent",
                                 index=i, date=event.date), ("expenses", i, "event"))
        elif event.occasion.value in NEEDS_EXTERNALS and event.participants.external == 0:
            yield Problem(ntr("expense {index}: occasion {occasion}, but participants.external is 0"
                              " ({count} internal participant); catering at such a meeting needs others than"
                              " NTNU's own employees taking part",
                              "expense {index}: occasion {occasion}, but participants.external is 0"
                              " ({count} internal participants); catering at such a meeting needs others than"
                              " NTNU's own employees taking part", event.participants.internal,
                              index=i, occasion=event.occasion.value),
                          ("expenses", i, "event", "occasion"))


@batch_rule("CA006", Severity.warning, "Too many special events in a semester", sources.SPECIAL_EVENTS)
class TooManySpecialEvents:
    """More special events for one unit in one semester (January-June, July-December, by event date)
    than the sheet's special_events_per_semester, across the batch: only the events beyond the
    limit are reported (the first ones by date were allowed), each naming the first few earlier
    ones and counting the rest (and on each date, the first few claims). Units
    compare trimmed and case-folded; claims without `unit` are not counted. Expenses of one unit
    on the same date count as one event (one party may be paid in several expenses or claims)."""

    @staticmethod
    def collect(ctx: ClaimContext) -> Iterator[tuple]:
        unit = ctx.claim.unit
        if unit is None:
            return
        for i, event in events(ctx, ("special",)):
            half = 1 if event.date.month <= 6 else 2
            allowed = ctx.sheet_for(event.date).special_events_per_semester
            yield (("unit", folded(unit), event.date.year, half),
                   ("expenses", i, "event", "type"), (event.date, allowed, " ".join(unit.split())))

    @staticmethod
    def judge(items) -> Iterator[tuple]:
        groups = defaultdict(list)
        for item in items:
            groups[item.key].append(item)
        for (_, _, year, half), group in sorted(groups.items()):
            dates = sorted({item.data[0] for item in group})
            allowed = min(item.data[1] for item in group)
            if len(dates) <= allowed:
                continue
            semester = (tr("{year} January-June", year=year) if half == 1
                        else tr("{year} July-December", year=year))
            held: dict = defaultdict(set)
            for item in group:
                held[item.data[0]].add(f"{item.file} ({item.claim_id})")
            numbers = {day: number for number, day in enumerate(dates, 1)}
            first = [tr("{date} in {claims}", date=day, claims=first_named(sorted(held[day]), len(held[day]), _joined))
                     for day in dates[:NAMED]]  # only these are ever named
            for item in group:
                number = numbers[item.data[0]]
                if number <= allowed:
                    continue
                earlier = ", ".join(first[:number - 1])
                if number - 1 > NAMED:
                    earlier = ntr("{dates} and {count} earlier date", "{dates} and {count} earlier dates",
                                  number - 1 - NAMED, dates=earlier)
                yield item, tr("unit {unit}'s special event on {date} is number {number} in {semester}, beyond"
                               " the {allowed} per semester of the rate sheet; the earlier ones: {earlier}",
                               unit=item.data[2], date=item.data[0], number=number, semester=semester,
                               allowed=allowed, earlier=earlier)


@claim_rule("CA007", Severity.warning, "Catering order incomplete", sources.ORDER_CONTENTS)
def order_incomplete(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting or special event's order must give purpose, time, place, delivery and contact, and
    name everyone who attends, external participants included: no names at all is reported here,
    a wrong number of names is CA010."""
    for i, event in events(ctx, CATERING_TYPES):
        here = ("expenses", i, "event")
        order = event.order
        if order is None:
            yield Problem(tr("expense {index}: no order; it must state purpose, time, place, delivery and"
                             " contact", index=i), here)
        else:
            missing = [name for name in ("purpose", "time", "place", "delivery", "contact")
                       if getattr(order, name) is None]
            if missing:
                yield Problem(tr("expense {index}: the order lacks {missing}", index=i, missing=", ".join(missing)),
                              here + ("order",))
        participants = event.participants
        if not participants.names:
            yield Problem(ntr("expense {index}: no participant names for {count} participant ({internal}"
                              " internal + {external} external); the order must name everyone who attends,"
                              " external participants included",
                              "expense {index}: no participant names for {count} participants ({internal}"
                              " internal + {external} external); the order must name everyone who attends,"
                              " external participants included", participants.total,
                              index=i, internal=participants.internal, external=participants.external),
                          here + ("participants",))


@claim_rule("CA008", Severity.warning, "Supplier not an agreement supplier", sources.AGREEMENT_SUPPLIERS)
def not_agreement_supplier(ctx: ClaimContext) -> Iterator[Problem]:
    """Food delivered to NTNU's premises (venue internal; not home hospitality) must come from one of
    the sheet's agreement_suppliers (compared case-insensitively). Not checked while that list is
    empty, nor at an external eating place, where the restaurant is the supplier."""
    for i, event in events(ctx):
        if event.venue.value != "internal" or event.type.value == "home":
            continue
        suppliers = ctx.sheet_for(event.date).agreement_suppliers
        if not suppliers:
            continue
        known = {folded(s) for s in suppliers}
        if event.supplier is None:
            yield Problem(tr("expense {index}: no supplier given; catering must be ordered from an agreement"
                             " supplier ({suppliers})", index=i, suppliers=", ".join(suppliers)),
                          ("expenses", i, "event"))
        elif folded(event.supplier) not in known:
            yield Problem(tr("expense {index}: supplier {supplier} is not one of the agreement suppliers"
                             " ({suppliers})", index=i, supplier=event.supplier, suppliers=", ".join(suppliers)),
                          ("expenses", i, "event", "supplier"))


@claim_rule("CA009", Severity.warning, "External venue without a reason", sources.EXTERNAL_VENUE)
def external_venue_without_reason(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting or special event at an external eating place must give the practical reason (venue_reason)."""
    for i, event in events(ctx, CATERING_TYPES):
        if event.venue.value == "external" and event.venue_reason is None:
            yield Problem(tr("expense {index}: external eating place with no venue_reason; the higher rate needs"
                             " a practical reason the meal could not be eaten in a canteen or meeting room",
                             index=i), ("expenses", i, "event", "venue"))


@claim_rule("CA010", Severity.warning, "Participant names do not match the number", sources.ORDER_CONTENTS)
def names_mismatch(ctx: ClaimContext) -> Iterator[Problem]:
    """When names are given (a non-empty list), there must be one per participant (internal + external)."""
    for i, event in events(ctx):
        participants = event.participants
        if participants.names and len(participants.names) != participants.total:
            yield Problem(tr("expense {index}: {names} for {participants} ({internal} internal + {external}"
                             " external); list one name for each participant, or correct internal and external",
                             index=i, names=ntr("{count} name", "{count} names", len(participants.names)),
                             participants=ntr("{count} participant", "{count} participants", participants.total),
                             internal=participants.internal, external=participants.external),
                          ("expenses", i, "event", "participants", "names"))

