"""The claim file format (spec/claim-format.md) as frozen pydantic models: its one definition.

Fields whose absence is a rule of its own (trip.accommodation -> TR002, submitted -> ST003,
rate -> MX001, approval -> CA003, ...) are optional here; the rules report them.

A run does not import these models (nor pydantic): claims are validated by the core schema
generated from them (`models.claim_validator`, held equal to them by a test) into the plain
classes of `models.claim`, which share their behaviour (the properties below). They serve the
JSON Schema (`expensecli schema claim`), the wording of schema problems and that generation.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from expensecli.models import claim
from expensecli.models.claim import empty_list
from expensecli.models.enums import (
    Accommodation,
    AttachmentType,
    Category,
    EventType,
    Kind,
    Occasion,
    RepresentationKind,
    Role,
    Status,
    Venue,
)
from expensecli.models.fields import Frozen
from expensecli.models.fieldtypes import (
    Amount,
    Bool,
    Count,
    CountryCode,
    CurrencyCode,
    Date,
    EndTime,
    Hours,
    LanguageCode,
    Money,
    OptionalCountryCode,
    OptionalText,
    Rate,
    Text,
    Time,
)


class Contract(Frozen):
    """A contractor's assignment contract with NTNU."""

    start: Date = Field(description="First day of the contract; Betalmeg access starts then (NE004).")
    end: Date | None = Field(None, description="Last day of the contract.")


class Access(Frozen):
    """An external claimant's Betalmeg access order, made by the NTNU unit that covers the expenses (NE006)."""

    ordered_by: OptionalText = Field(
        None, description="Contact person at the NTNU unit that covers the expenses.")
    purpose: OptionalText = Field(None, description="Purpose of the access.")
    date_of_birth: Date | None = Field(None, description="The claimant's date of birth, YYYY-MM-DD.")
    unit: OptionalText = Field(None, description="Name of the NTNU unit.")
    cost_centre: OptionalText = Field(None, description="Cost centre (koststed) of the unit.")
    sub_project: OptionalText = Field(
        None, description="Sub-project number (delprosjekt), when the user is linked to a project.")
    last_active: Date | None = Field(
        None, description="Last use of the access, YYYY-MM-DD; access lapses after the rate sheet's "
                          "betalmeg.inactivity_days without use (NE005).")


class Claimant(Frozen):
    """The person the claim is paid to."""

    name: Text = Field(description="Full name.")
    role: Role = Field(
        description="employee, contractor (assignment contract with NTNU) or external (other "
                    "non-employee).")
    email: OptionalText = Field(None, description="E-mail address (part of an external's access order).")
    phone_country: OptionalCountryCode = Field(
        None, description="ISO 3166-1 alpha-2 country of the mobile number that gets the Betalmeg login SMS "
                          "(NE007).")
    contract: Contract | None = Field(None, description="Contractors only: the assignment contract.")
    access: Access | None = Field(None, description="Externals only: the Betalmeg access order.")


class HistoryEntry(Frozen):
    """One step of the claim's status history."""

    status: Status = Field(description="The status reached.")
    date: Date = Field(description="When, YYYY-MM-DD.")


class PreApproval(Frozen):
    """Non-employees: who agreed the expenses in advance, and when (NE003)."""

    by: OptionalText = Field(None, description="The responsible person at NTNU.")
    date: Date | None = Field(None, description="When the expenses were agreed, YYYY-MM-DD.")


class Trip(Frozen):
    """The journey of a travel claim."""

    start: Date = Field(description="First day of the trip, YYYY-MM-DD.")
    end: Date = Field(description="Last day of the trip, YYYY-MM-DD; the deadline counts from it.")
    accommodation: Accommodation | None = Field(
        None, description="Type of trip (step 1): hotel, private, none or other; missing is TR002.")
    country: CountryCode = Field(
        "NO", description="ISO 3166-1 alpha-2 country the trip went to; default NO.")


class CostAllocation(Frozen):
    """Where the cost is booked."""

    work_order: OptionalText = Field(
        None, description='Work Order (K7), the delprosjekt; absent: "Generelle driftskostnader" (CO001).')
    cost_centre: OptionalText = Field(
        None, description="Cost centre (koststed); absent: the claimant's employment.")


class Waiver(Frozen):
    """A finding a controller accepted, kept for the audit trail."""

    code: Text = Field(description="The rule code waived, e.g. CA009.")
    reason: Text = Field(description="Why it was accepted.")
    by: OptionalText = Field(None, description="Who accepted it.")
    date: Date | None = Field(None, description="When, YYYY-MM-DD.")


class Attachment(Frozen):
    """A voucher documenting an expense."""

    type: AttachmentType = Field(
        description="receipt, invoice, order_confirmation, bank_statement or card_terminal_receipt.")
    file: OptionalText = Field(None, description="The scanned voucher, relative to the claim file (DOC005).")
    readable: Bool = Field(True, description="false when the voucher cannot be read (DOC003); default true.")
    language: LanguageCode = Field("en", description="ISO 639-1 language of the voucher; default en.")
    description: OptionalText = Field(
        None, description="Description of the payment basis; needed for languages other than en, nb, nn, "
                          "no, sv, da (DOC004).")
    shows_payment: Bool | None = Field(
        None, description="Confirmation that a foreign-language voucher shows payment (DOC004).")


class Participants(Frozen):
    """Everyone who eats, the host included."""

    internal: Count = Field(0, description="NTNU employees and students.")
    external: Count = Field(0, description="Everyone else.")
    names: list[Text] | None = Field(
        None, description="Names of the participants; when given, one per participant (CA010).")

    total = claim.Participants.total


class Approval(Frozen):
    """Approval of catering, or consent to representation, given before the event (CA003)."""

    by: OptionalText = Field(None, description="Who approved.")
    role: OptionalText = Field(
        None, description="The approver's role; representation needs one of the sheet's "
                          "representation_approvers (RP002).")
    date: Date | None = Field(None, description="When, YYYY-MM-DD; on or before the event.")


class ExtendedRate(Frozen):
    """The application to the nearest leader for the extended rate (CA005)."""

    justification: OptionalText = Field(None, description="Why the extended rate is needed.")
    approved_by: OptionalText = Field(None, description="The leader who approved it.")
    date: Date | None = Field(None, description="When, YYYY-MM-DD; on or before the event.")


class Order(Frozen):
    """What the catering order stated (CA007)."""

    purpose: OptionalText = Field(None, description="Purpose of the meeting.")
    time: OptionalText = Field(None, description="Time of the meeting.")
    place: OptionalText = Field(None, description="Place of the meeting.")
    delivery: OptionalText = Field(None, description="Exact delivery place.")
    contact: OptionalText = Field(None, description="Contact information.")


class Event(Frozen):
    """The event behind a catering or representation expense."""

    type: EventType = Field(
        description="meeting, special (summer party, Christmas party, seminar with festive dinner), "
                    "representation, or home (hospitality at home).")
    date: Date = Field(
        description="Day of the event, YYYY-MM-DD; picks the rate sheet and the working hours.")
    start: Time | None = Field(None, description='Start time, quoted "HH:MM".')
    end: EndTime | None = Field(
        None, description='End time, quoted "HH:MM"; earlier than start means the next day (a dinner 19:00-01:00), '
                          '"24:00" is midnight at the end of the day.')
    hours: Hours | None = Field(
        None, description="Duration in hours, instead of start and end (when all are given they must "
                          "agree).")
    servings: Count = Field(
        default=1, ge=1, le=2, description="1 or 2 (two servings on a long event); default 1.")
    venue: Venue = Field(
        Venue.internal, description="internal (canteen, meeting room) or external (external eating "
                                    "place); default internal.")
    venue_reason: OptionalText = Field(
        None, description="The practical reason an external eating place was needed (CA009).")
    occasion: Occasion | None = Field(
        None, description="Meetings only: external_participants, board, conference or internal_consent "
                          "(CA004).")
    participants: Participants = Field(description="Everyone who eats, the host included.")
    approval: Approval | None = Field(None, description="Approval given before the event (CA003).")
    extended_rate: ExtendedRate | None = Field(
        None, description="The approved application for the extended rate (CA005).")
    representation: RepresentationKind = Field(
        RepresentationKind.meal, description="Representation and home: meal (lunch/dinner) or simple (simpler "
                                             "lunch/reception); default meal.")
    foreign_guests: Bool = Field(
        False, description="High-level foreign guests present: the representation rates times the rate sheet's "
                           "representation.foreign_guests_factor.")
    country: CountryCode = Field(
        "NO", description="Where it was served, ISO 3166-1 alpha-2; abroad the country's kostsats applies. "
                          "Default NO.")
    abroad_justification: OptionalText = Field(
        None, description="Needed to go above the kostsats abroad: the kostsats times the rate sheet's "
                          "representation.abroad_factor.")
    extras: Money = Field(
        Decimal(0), description="Cultural items, flowers, wardrobe: covered in addition, not per-person food.")
    supplier: OptionalText = Field(None, description="Who delivered the food (CA008).")
    order: Order | None = Field(None, description="What the catering order stated (CA007).")


class Expense(Frozen):
    """One expense of the claim."""

    date: Date = Field(description="Date of the expense, YYYY-MM-DD.")
    category: Category = Field(
        description="What kind of expense; travel categories belong in travel claims.")
    description: OptionalText = Field(None, description="What was bought; required for category other.")
    amount: Amount = Field(
        description='Amount incl. VAT, above 0, at most two decimals: a number, or text such as '
                    '"1 110,50".')
    currency: CurrencyCode = Field("NOK", description="ISO 4217 currency code; default NOK.")
    rate: Rate | None = Field(
        None, description="NOK per unit of the currency, up to 6 decimals; needed for currencies other than "
                          "NOK (MX001).")
    tip: Money = Field(Decimal(0), description="The part of the amount that is tip or gratuity.")
    manager_agreement: Bool = Field(
        False, description="The manager agreed to the expense (books, course and conference fees, "
                           "subscriptions, other).")
    agreements: list[Text] = Field(
        default_factory=empty_list, description="Signed agreements, e.g. elkom for newspaper, broadband and phone (RB002).")
    attachments: list[Attachment] = Field(default_factory=empty_list, description="The vouchers documenting the expense.")
    event: Event | None = Field(
        None, description="The event; required for categories catering and representation.")


class Claim(Frozen):
    """One expense claim (expensecli claim format v2)."""

    id: Text = Field(description="Claim id, unique within a batch, e.g. BM-2024-0117.")
    kind: Kind = Field(description="travel (travel expense claim) or reimbursement (expense reimbursement).")
    status: Status = Field(description="draft, sent, approved, returned or paid.")
    unit: OptionalText = Field(
        None, description="Organisational unit; counts special events per semester (CA006).")
    submitted: Date | None = Field(
        None, description="Date first sent, YYYY-MM-DD; else the date of the first sent entry in history "
                          "(ST003).")
    claimant: Claimant = Field(description="The person the claim is paid to.")
    history: list[HistoryEntry] = Field(
        default_factory=empty_list, description="Status history, oldest first; the last entry's status equals status.")
    pre_approval: PreApproval | None = Field(
        None, description="Non-employees: the advance agreement of the expenses (NE003).")
    trip: Trip | None = Field(None, description="The journey; required when kind is travel.")
    cost_allocation: CostAllocation | None = Field(None, description="Where the cost is booked.")
    waivers: list[Waiver] = Field(default_factory=empty_list, description="Findings a controller accepted.")
    expenses: list[Expense] = Field(min_length=1, description="The expenses, at least one.")

    submitted_on = claim.Claim.submitted_on
