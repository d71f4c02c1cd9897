"""The claim file (spec/claim-format.md) as frozen pydantic models.

Fields whose absence is a rule of its own (trip.accommodation -> TR002, submitted -> ST003,
rate -> MX001, approval -> CA003, ...) are optional here; the rules report them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from .fields import (Amount, Bool, Count, CountryCode, CurrencyCode, Date, Frozen, Hours,
                     LanguageCode, Money, Rate, Text, Time)


class Kind(StrEnum):
    travel = "travel"
    reimbursement = "reimbursement"


class Status(StrEnum):
    draft = "draft"
    sent = "sent"
    approved = "approved"
    returned = "returned"
    paid = "paid"


class Role(StrEnum):
    employee = "employee"
    contractor = "contractor"
    external = "external"


class Accommodation(StrEnum):
    hotel = "hotel"
    private = "private"
    none = "none"
    other = "other"


class Category(StrEnum):
    public_transport = "public_transport"
    commute = "commute"
    flight = "flight"
    taxi = "taxi"
    car_rental = "car_rental"
    parking = "parking"
    accommodation = "accommodation"
    mileage_allowance = "mileage_allowance"
    subsistence_allowance = "subsistence_allowance"
    fee = "fee"
    books = "books"
    course_fee = "course_fee"
    conference_fee = "conference_fee"
    subscription = "subscription"
    newspaper = "newspaper"
    broadband = "broadband"
    phone = "phone"
    equipment = "equipment"
    catering = "catering"
    representation = "representation"
    other = "other"


TRAVEL_CATEGORIES = frozenset({
    Category.public_transport, Category.commute, Category.flight, Category.taxi,
    Category.car_rental, Category.parking, Category.accommodation,
    Category.mileage_allowance, Category.subsistence_allowance,
})
EVENT_CATEGORIES = frozenset({Category.catering, Category.representation})


class AttachmentType(StrEnum):
    receipt = "receipt"
    invoice = "invoice"
    order_confirmation = "order_confirmation"
    bank_statement = "bank_statement"
    card_terminal_receipt = "card_terminal_receipt"


class EventType(StrEnum):
    meeting = "meeting"
    special = "special"
    representation = "representation"
    home = "home"


class Venue(StrEnum):
    internal = "internal"
    external = "external"


class Occasion(StrEnum):
    external_participants = "external_participants"
    board = "board"
    conference = "conference"
    internal_consent = "internal_consent"


class RepresentationKind(StrEnum):
    meal = "meal"
    simple = "simple"


class Contract(Frozen):
    start: Date
    end: Date | None = None


class Access(Frozen):
    ordered_by: Text | None = None
    purpose: Text | None = None
    date_of_birth: Date | None = None
    unit: Text | None = None
    cost_centre: Text | None = None
    sub_project: Text | None = None
    last_active: Date | None = None


class Claimant(Frozen):
    name: Text
    role: Role
    email: Text | None = None
    phone_country: CountryCode | None = None
    contract: Contract | None = None
    access: Access | None = None


class HistoryEntry(Frozen):
    status: Status
    date: Date


class PreApproval(Frozen):
    by: Text | None = None
    date: Date | None = None


class Trip(Frozen):
    start: Date
    end: Date
    accommodation: Accommodation | None = None
    country: CountryCode = "NO"


class CostAllocation(Frozen):
    work_order: Text | None = None
    cost_centre: Text | None = None


class Waiver(Frozen):
    code: Text
    reason: Text
    by: Text | None = None
    date: Date | None = None


class Attachment(Frozen):
    type: AttachmentType
    file: Text | None = None
    readable: Bool = True
    language: LanguageCode = "en"
    description: Text | None = None
    shows_payment: Bool | None = None


class Participants(Frozen):
    internal: Count = 0
    external: Count = 0
    names: list[Text] | None = None

    @property
    def total(self) -> int:
        return self.internal + self.external


class Approval(Frozen):
    by: Text | None = None
    role: Text | None = None
    date: Date | None = None


class ExtendedRate(Frozen):
    justification: Text | None = None
    approved_by: Text | None = None
    date: Date | None = None


class Order(Frozen):
    purpose: Text | None = None
    time: Text | None = None
    place: Text | None = None
    delivery: Text | None = None
    contact: Text | None = None


class Event(Frozen):
    type: EventType
    date: Date
    start: Time | None = None
    end: Time | None = None
    hours: Hours | None = None
    servings: Count = Field(default=1, ge=1, le=2)
    venue: Venue = Venue.internal
    venue_reason: Text | None = None
    occasion: Occasion | None = None
    participants: Participants
    approval: Approval | None = None
    extended_rate: ExtendedRate | None = None
    representation: RepresentationKind = RepresentationKind.meal
    foreign_guests: Bool = False
    country: CountryCode = "NO"
    abroad_justification: Text | None = None
    extras: Money = Decimal(0)
    supplier: Text | None = None
    order: Order | None = None


class Expense(Frozen):
    date: Date
    category: Category
    description: Text | None = None
    amount: Amount
    currency: CurrencyCode = "NOK"
    rate: Rate | None = None
    tip: Money = Decimal(0)
    manager_agreement: Bool = False
    agreements: list[Text] = []
    attachments: list[Attachment] = []
    event: Event | None = None


class Claim(Frozen):
    id: Text
    kind: Kind
    status: Status
    unit: Text | None = None
    submitted: Date | None = None
    claimant: Claimant
    history: list[HistoryEntry] = []
    pre_approval: PreApproval | None = None
    trip: Trip | None = None
    cost_allocation: CostAllocation | None = None
    waivers: list[Waiver] = []
    expenses: list[Expense] = Field(min_length=1)

    @property
    def submitted_on(self) -> dt.date | None:
        """`submitted`, else the date of the first `sent` in history."""
        if self.submitted is not None:
            return self.submitted
        return next((h.date for h in self.history if h.status is Status.sent), None)
