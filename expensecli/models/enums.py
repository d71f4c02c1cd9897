"""The enumerations of the claim format (spec/claim-format.md), importable without pydantic,
so that the command-line options can offer the same choices as the files."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """travel = travel expense claim; reimbursement = expense reimbursement."""

    travel = "travel"
    reimbursement = "reimbursement"


class Status(StrEnum):
    """Where the claim is in DFØ's workflow."""

    draft = "draft"
    sent = "sent"
    approved = "approved"
    returned = "returned"
    paid = "paid"


class Role(StrEnum):
    """employee; contractor (assignment contract with NTNU); external (other non-employee)."""

    employee = "employee"
    contractor = "contractor"
    external = "external"


class Accommodation(StrEnum):
    """Type of trip: where the traveller slept."""

    hotel = "hotel"
    private = "private"
    none = "none"
    other = "other"


class Category(StrEnum):
    """What kind of expense."""

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
    """What a voucher is: a basis of payment, a payment confirmation, or both (a receipt)."""

    receipt = "receipt"
    invoice = "invoice"
    order_confirmation = "order_confirmation"
    bank_statement = "bank_statement"
    card_terminal_receipt = "card_terminal_receipt"


class EventType(StrEnum):
    """meeting; special (summer party, Christmas party, seminar with festive dinner); representation;
    home (hospitality at home)."""

    meeting = "meeting"
    special = "special"
    representation = "representation"
    home = "home"


class Venue(StrEnum):
    """internal (canteen, meeting room) or external (external eating place)."""

    internal = "internal"
    external = "external"


class Occasion(StrEnum):
    """Why a meeting may have catering."""

    external_participants = "external_participants"
    board = "board"
    conference = "conference"
    internal_consent = "internal_consent"


class RepresentationKind(StrEnum):
    """meal (lunch or dinner) or simple (simpler lunch or reception)."""

    meal = "meal"
    simple = "simple"
