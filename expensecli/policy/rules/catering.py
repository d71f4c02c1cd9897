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
from expensecli.core.text import counted
from expensecli.core.values import money_display
from expensecli.policy import sources
from expensecli.policy.context import ClaimContext
from expensecli.policy.limits import CATERING_TYPES
from expensecli.policy.rule import batch_rule, claim_rule


def events(ctx: ClaimContext, types=None) -> Iterator[tuple[int, object]]:
    for i, expense in enumerate(ctx.claim.expenses):
        if expense.event is not None and (types is None or expense.event.type.value in types):
            yield i, expense.event


def _people(count: int, word: str = "participant") -> str:
    return counted(count, word)


@claim_rule("CA002", Severity.error, "Tip on food served in Norway", sources.NO_TIPS)
def tip_in_norway(ctx: ClaimContext) -> Iterator[Problem]:
    """No tip on the state's account for food served in Norway (event country NO), any event type."""
    for i, event in events(ctx):
        expense = ctx.claim.expenses[i]
        if expense.tip > 0 and event.country == "NO":
            yield Problem(f"expense {i} includes a tip of {money_display(expense.tip)} {expense.currency} for"
                          f" food served in Norway on {event.date}: tips are not paid on the state's account",
                          ("expenses", i, "tip"))


@claim_rule("CA003", Severity.error, "No approval before the event", sources.APPROVAL_BEFORE)
def approval_missing_or_late(ctx: ClaimContext) -> Iterator[Problem]:
    """Every event needs an approval dated on or before the event date. An approval without a date
    cannot show it came first, so it is reported too."""
    for i, event in events(ctx):
        approval = event.approval
        here = ("expenses", i, "event")
        if approval is None:
            yield Problem(f"expense {i}: the {event.type} on {event.date} has no approval; the leader or budget"
                          " holder must approve it before the event (approval: by, role, date)", here)
        elif approval.date is None:
            yield Problem(f"expense {i}: the approval of the {event.type} on {event.date} has no date, so it"
                          " cannot show it was given before the event", here + ("approval",))
        elif approval.date > event.date:
            days = (approval.date - event.date).days
            yield Problem(f"expense {i}: approval dated {approval.date} is {counted(days, 'day')}"
                          f" after the event on {event.date}; it must be given before the event",
                          here + ("approval", "date"))


NEEDS_EXTERNALS = ("external_participants", "board")


@claim_rule("CA004", Severity.error, "Occasion not allowed", sources.OCCASIONS)
def occasion_not_allowed(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting needs an occasion; occasions external_participants and board (a board, council or
    committee meeting "der andre enn NTNUs eigne tilsette deltar") need at least one external participant."""
    for i, event in events(ctx, CATERING_TYPES):
        if event.occasion is None:
            if event.type.value == "meeting":
                yield Problem(f"expense {i}: the meeting on {event.date} gives no occasion; catering is allowed"
                              " for external_participants, board, conference or internal_consent",
                              ("expenses", i, "event"))
        elif event.occasion.value in NEEDS_EXTERNALS and event.participants.external == 0:
            yield Problem(f"expense {i}: occasion {event.occasion.value}, but participants.external is 0"
                          f" ({_people(event.participants.internal, 'internal participant')}); catering at"
                          " such a meeting needs others than NTNU's own employees taking part",
                          ("expenses", i, "event", "occasion"))


@batch_rule("CA006", Severity.warning, "Too many special events in a semester", sources.SPECIAL_EVENTS)
class TooManySpecialEvents:
    """More special events for one unit in one semester (January-June, July-December, by event date)
    than the sheet's special_events_per_semester, across the batch. Units compare trimmed and
    case-folded; claims without `unit` are not counted. Expenses of one unit on the same date count
    as one event (one party may be paid in several expenses or claims)."""

    @staticmethod
    def collect(ctx: ClaimContext) -> Iterator[tuple]:
        unit = ctx.claim.unit
        if unit is None:
            return
        for i, event in events(ctx, ("special",)):
            half = 1 if event.date.month <= 6 else 2
            allowed = ctx.sheet_for(event.date).special_events_per_semester
            yield (("unit", " ".join(unit.split()).casefold(), event.date.year, half),
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
            semester = f"{year} {'January-June' if half == 1 else 'July-December'}"
            listed = ", ".join(str(day) for day in dates)
            for item in group:
                others = sorted({f"{o.file} ({o.claim_id})" for o in group if o.claim != item.claim})
                where = f"; the others are in {', '.join(others)}" if others else ""
                yield item, (f"unit {item.data[2]} has {len(dates)} special events in {semester} ({listed}),"
                             f" more than the {allowed} per semester of the rate sheet{where}")


@claim_rule("CA007", Severity.warning, "Catering order incomplete", sources.ORDER_CONTENTS)
def order_incomplete(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting or special event's order must give purpose, time, place, delivery and contact, and
    name everyone who attends, external participants included: no names at all is reported here,
    a wrong number of names is CA010."""
    for i, event in events(ctx, CATERING_TYPES):
        here = ("expenses", i, "event")
        order = event.order
        if order is None:
            yield Problem(f"expense {i}: no order; it must state purpose, time, place, delivery and contact", here)
        else:
            missing = [name for name in ("purpose", "time", "place", "delivery", "contact")
                       if getattr(order, name) is None]
            if missing:
                yield Problem(f"expense {i}: the order lacks {', '.join(missing)}", here + ("order",))
        participants = event.participants
        if not participants.names:
            yield Problem(f"expense {i}: no participant names for {_people(participants.total)}"
                          f" ({participants.internal} internal + {participants.external} external); the order"
                          " must name everyone who attends, external participants included",
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
        known = {" ".join(s.split()).casefold() for s in suppliers}
        if event.supplier is None:
            yield Problem(f"expense {i}: no supplier given; catering must be ordered from an agreement"
                          f" supplier ({', '.join(suppliers)})", ("expenses", i, "event"))
        elif " ".join(event.supplier.split()).casefold() not in known:
            yield Problem(f"expense {i}: supplier {event.supplier} is not one of the agreement suppliers"
                          f" ({', '.join(suppliers)})", ("expenses", i, "event", "supplier"))


@claim_rule("CA009", Severity.warning, "External venue without a reason", sources.EXTERNAL_VENUE)
def external_venue_without_reason(ctx: ClaimContext) -> Iterator[Problem]:
    """A meeting or special event at an external eating place must give the practical reason (venue_reason)."""
    for i, event in events(ctx, CATERING_TYPES):
        if event.venue.value == "external" and event.venue_reason is None:
            yield Problem(f"expense {i}: external eating place with no venue_reason; the higher rate needs a"
                          " practical reason the meal could not be eaten in a canteen or meeting room",
                          ("expenses", i, "event", "venue"))


@claim_rule("CA010", Severity.warning, "Participant names do not match the number", sources.ORDER_CONTENTS)
def names_mismatch(ctx: ClaimContext) -> Iterator[Problem]:
    """When names are given (a non-empty list), there must be one per participant (internal + external)."""
    for i, event in events(ctx):
        participants = event.participants
        if participants.names and len(participants.names) != participants.total:
            yield Problem(f"expense {i}: {len(participants.names)} names for {participants.total} participants"
                          f" ({participants.internal} internal + {participants.external} external)",
                          ("expenses", i, "event", "participants", "names"))
