"""The policy sentences the rules rest on, quoted word for word from the three NTNU pages.

A test checks that every quote still stands in the pages (shared/seeds); the Nynorsk page's
quotes carry an English rendering for `rules explain` in English (bokmål output shows the quote alone).
"""

from __future__ import annotations

from dataclasses import dataclass

from expensecli.core.i18n import mark

# The pages' names as the rules cite them (in findings, always as here); `rules explain` shows
# them in the language of the run (`tr(source.page)`). The quotes are never translated.
BETALMEG = mark("NTNU: Betalmeg travel expenses and reimbursements for non-employees")
REIMBURSEMENT = mark("NTNU: Reimbursement of personal expenses")
CATERING = mark("NTNU: Satsar for mat ved representasjon og bevertning")
CLAIM_FORMAT = mark("expensecli claim format v2")
RATES_FORMAT = mark("expensecli rate sheet format v2")
RULE_CATALOG = mark("expensecli rule catalog v2")


@dataclass(frozen=True)
class Source:
    """The policy sentence a rule rests on: the page it is from, in Norwegian, with its English where there is one."""

    page: str
    quote: str
    english: str | None = None

    def cite(self) -> str:
        return f'{self.page}: "{self.quote}"'


def betalmeg(quote: str) -> Source:
    return Source(BETALMEG, quote)


def reimbursement(quote: str) -> Source:
    return Source(REIMBURSEMENT, quote)


def catering(quote: str, english: str) -> Source:
    return Source(CATERING, quote, english)


def claim_format(quote: str) -> Source:
    return Source(CLAIM_FORMAT, quote)


def rule_catalog(quote: str) -> Source:
    return Source(RULE_CATALOG, quote)


def cite_all(sources: tuple[Source, ...]) -> str:
    """Several sentences as one citation: each page named once, its sentences quoted in turn."""
    pages: dict[str, list[str]] = {}
    for source in sources:
        quotes = pages.setdefault(source.page, [])
        if source.quote not in quotes:
            quotes.append(source.quote)
    return "; ".join(f"{page}: " + " ".join(f'"{quote}"' for quote in quotes) for page, quotes in pages.items())


FILE_FORMAT = claim_format("One YAML file holds one claim.")
SHAPE = claim_format("Schema errors (LOAD004) are about shape: missing required fields, wrong types, bad enum values,"
                     " impossible dates.")
UNKNOWN_KEYS = claim_format(
    "Unknown keys are an error (with a \"did you mean\" hint), so a typo never silently drops a value.")
DUPLICATE_KEY = rule_catalog("a mapping key appears twice")
NO_ALIASES = claim_format("YAML anchors and aliases are not allowed; a file has one document.")
CONTROLLERS_ONLY = rule_catalog("a waiver in the claim file whose by is not in the configured controllers list: it is"
                                " not applied")
RATE_SHEETS = Source(RATES_FORMAT, "A claim is checked against the sheet whose valid_from..valid_to covers the date in"
                                   " question (event date, expense date, trip end).")

BASIS_AND_CONFIRMATION = reimbursement(
    "An order confirmation meets only the first requirement, while a bank statement, bank terminal"
    " statement, etc. only meets the second requirement.")
SPECIFIED_RECEIPTS = betalmeg(
    "A bank statement showing only the amount paid will therefore not be sufficient.")
READABLE = reimbursement("All receipts must be readable.")
FOREIGN_LANGUAGE = reimbursement(
    "For receipts in other languages (other than English and Norwegian/Swedish/Danish), a description"
    " of the payment basis must be enclosed and confirmation that the voucher shows payment confirmation.")
ENCLOSE_RECEIPTS = betalmeg("Enclose specified receipts documenting all expenses.")
CORRECT_AND_COMPLETE = betalmeg("Make sure the information on the form is correct and complete")
STATUSES = betalmeg(
    "In the left hand pane you can find expense claims that have been sent, approved, paid, returned"
    " or saved as drafts.")
KEEP_ORIGINALS = reimbursement("Keep the original documents until payment of the refund in case of any ambiguity.")
GENERAL_COSTS = reimbursement(
    "If the cost is not going to a specific project, you do not need to make changes to the field"
    " \"Work order (K7)\", the value \"Generelle driftskostnader\" (default value) should be in the field.")

UNIQUE_IDS = rule_catalog("the same claim id in another file of the batch (ids are unique)")
STALE_WAIVERS = rule_catalog(
    "a waiver names a code that is not in the catalog, or matches no finding of the claim (a stale waiver"
    " hides nothing and should go)")

WITHIN_ONE_MONTH = betalmeg("The claim must be submitted within one month.")
# No seed page states the employees' travel deadline: it is a local setting of the rate sheet.
EMPLOYEE_TRAVEL_DEADLINE = rule_catalog(
    "No seed page sets this deadline: it is a local setting of the sheet, employee_travel_months: null"
    " turns DL002 off")
AGREED_IN_ADVANCE = betalmeg("All expenses must be agreed in advance with the responsible person at NTNU.")
NO_SUBSISTENCE = betalmeg(
    "According to the government's travel regulations, NTNU do not pay subsistence allowance to non-employees.")
NO_FEE = betalmeg("Contractors must not enter their actual fee into the BetalMeg solution.")
CONTRACT_START = betalmeg(
    "Provided that the contract has been signed and approved, the contractor will automatically have"
    " access to Betalmeg from the start date of the contract.")
NOT_ORDERED_FOR_CONTRACTORS = betalmeg(
    "Persons who have entered into an assignment contract with NTNU should not be ordered Betalmeg access.")
ACCESS_ORDER = betalmeg(
    "In NTNU Help, you must fill in the purpose of the access, name of new user, date of birth"
    " (day/month/year), e-mail address, name of the unit, cost center and sub-project number (if the"
    " user is to be linked to a specific project).")
INACTIVITY = betalmeg("Access lasts until you have been inactive for about a year.")
SMS_BLOCKED = betalmeg(
    "Note! Mobiles registered in the countries on this list cannot receive SMS from Betalmeg due to a"
    " security setting.")
NOT_FOR_TRAVEL = reimbursement("The form should not be used for travel expenses.")
ELKOM = reimbursement("Newspaper (only after signed elkom agreement).")
ELKOM_BROADBAND = reimbursement("Broadband (only after entering into an elkom agreement).")
ELKOM_PHONE = reimbursement("Use of telephone in a work context (only after entering into an elkom agreement).")
BY_AGREEMENT = reimbursement("The following can be refunded by agreement with your manager:")
PUBLIC_TRANSPORT = betalmeg(
    "In a travel expense claim, please remember to choose \"public transport\" for bus tickets etc. not \"commute\".")
TYPE_OF_TRIP = betalmeg("Be sure to choose the right accommodation in the field \"Type of trip\" in step1.")

CATERING_LIMITS = catering(
    "For arrangement som varer under 3 timar innafor den ordinære arbeidstida, inntil kr. 224,- per deltakar.",
    "For events lasting under 3 hours within ordinary working hours, up to NOK 224 per participant"
    " (3 hours or more, or beyond working hours: 507; two servings: 740; external eating place: up to +50 %).")
SHORT_TIER = catering(
    "For arrangement som varer under 3 timar innafor den ordinære arbeidstida, inntil kr. 224,- per deltakar.",
    "For events lasting under 3 hours within ordinary working hours, up to NOK 224 per participant.")
LONG_TIER = catering(
    "For arrangement som varer 3 timer eller meir, eller som strekk seg utover den ordinære arbeidstida, kan"
    " det brukast inntil kr. 507,- per deltakar.",
    "For events lasting 3 hours or more, or reaching beyond ordinary working hours, up to NOK 507 per"
    " participant may be used.")
TWO_SERVINGS = catering(
    "For langvarige arrangement der det er nødvendig med to serveringar, kan det brukast inntil kr. 740,- per"
    " deltakar.",
    "For long events where two servings are needed, up to NOK 740 per participant may be used.")
NO_TIPS = catering(
    "Tips skal ikkje bli gitt på statens rekning ved bevertning i Noreg.",
    "Tips shall not be given on the state's account for hospitality in Norway.")
APPROVAL_BEFORE = catering(
    "Leiar eller den med budsjettmyndigheit skal godkjenne om det kan bli gitt bevertning før arrangementet finn stad.",
    "The leader or the budget holder must approve the catering before the event takes place.")
OCCASIONS = catering(
    "Bevertning kan bli gitt ved:",
    "Catering may be given at: meetings with others than NTNU's own employees; board, council and"
    " committee meetings with others present; conferences and the end of larger work; internal"
    " meetings and events where consent to catering has been given.")
EXTENDED_RATE = catering(
    "For å få utvida sats (maks 1 622,-) må ein søke nærmaste leiar.",
    "To get the extended rate (max 1 622) one must apply to the nearest leader.")
EXTENDED_FOR_EXTERNALS = catering(
    "For møte og arrangement der andre enn NTNUs tilsette og studentar deltar, kan satsane ved eksterne"
    " spisestader aukast opp til maksimumssats for representasjon, kr. 1 622 per person.",
    "For meetings and events where others than NTNU's employees and students take part, the rates at"
    " external eating places may be raised up to the representation maximum, NOK 1 622 per person.")
SPECIAL_EVENTS = catering(
    "I samband med spesielle arrangement som normalt skjer inntil ein til to gonger per semester, for"
    " eksempel sommaravslutning, julebord, seminar med festmiddag, kan satsane likevel aukast opptil"
    " maksimumssats for representasjon, kr. 1 622 per person.",
    "For special events that normally happen up to once or twice a semester (summer party, Christmas"
    " party, seminar with a festive dinner) the rates may be raised up to the representation maximum,"
    " NOK 1 622 per person.")
ORDER_CONTENTS = catering(
    "I bestillinga skal det stå formål, tid og stad for møtet, antal deltakarar, samt namn på dei som"
    " skal delta, inklusive eventuelle eksterne deltakarar, og nøyaktig leveringsstad og kontaktinformasjon.",
    "The order must state the purpose, time and place of the meeting, the number of participants and"
    " the names of those taking part, external participants included, and the exact delivery place"
    " and contact information.")
AGREEMENT_SUPPLIERS = catering(
    "Bestilling av møtemat og catering skal berre gjerast til NTNUs avtaleleverandørar.",
    "Meeting food and catering shall only be ordered from NTNU's agreement suppliers.")
EXTERNAL_VENUE = catering(
    "Der ein av praktiske grunnar ikkje kan ete måltida i kantine, spiserom, møterom eller liknande,"
    " men må nytte eksterne spisestader, kan satsane aukast med inntil 50 %.",
    "Where for practical reasons the meals cannot be eaten in a canteen, dining room, meeting room or"
    " similar, but an external eating place must be used, the rates may be raised by up to 50 %.")
REPRESENTATION_LIMITS = catering(
    "Lunsj/middag inntil kr. 1 622,- per person",
    "Lunch/dinner up to NOK 1 622 per person (simpler lunch/reception up to NOK 597; with high-level"
    " foreign guests up to +30 %; home hospitality up to 80 % of these rates).")
REPRESENTATION_MEAL = catering("Lunsj/middag inntil kr. 1 622,- per person",
                               "Lunch/dinner up to NOK 1 622 per person.")
REPRESENTATION_SIMPLE = catering("Enklare lunsj/mottaking inntil kr. 597,- per person",
                                 "Simpler lunch/reception up to NOK 597 per person.")
REPRESENTATION_CONSENT = catering(
    "Rektor, dekanar, direktør ved Vitenskapsmuseet, prorektorar, direktør for organisasjon og"
    " infrastruktur og viserektorar kan gi samtykke til representasjon.",
    "The rector, deans, the director of the University Museum, pro-rectors, the director of"
    " organisation and infrastructure and vice-rectors may consent to representation.")
EXTERNAL_GUESTS = catering(
    "Representasjon er bevertning i form av lunsj, middag eller anna festmåltid, utgifter til"
    " mottakingar, ekskursjonar etc. der det er eksterne gjestar til stades.",
    "Representation is hospitality in the form of lunch, dinner or another festive meal, receptions,"
    " excursions etc. where external guests are present.")
ABROAD = catering(
    "Når norske representantar står som vertskap for servering av lunsj eller middag ved tenesteoppdrag"
    " utanlands, er utgiftsgrensa per person lik kostsatsen for det aktuelle landet, ifølge vedlegg til"
    " særavtale for reiser utanlands for statens rekning.",
    "When Norwegian representatives host a lunch or dinner on duty abroad, the limit per person equals"
    " the country's kostsats (daily meal rate) in the state's agreement on travel abroad.")
HOME = catering(
    "I slike tilfelle kan legitimerte utgifter bli refundert med inntil 80% av satsane som gjeld for annan representasjon.",
    "In such cases documented expenses may be refunded up to 80 % of the rates for other representation.")
FOREIGN_GUESTS = catering(
    "Ved arrangement der utanlandske gjestar på høgt nivå er til stades, kan satsane aukast med inntil 30 %.",
    "At events where high-level foreign guests are present, the rates may be raised by up to 30 %.")
ABROAD_JUSTIFIED = catering(
    "Dersom representasjonen i spesielle tilfelle ikkje kan haldast innanfor kostsatsen i vedkommande land,"
    " kan kostsatsen aukast med 30 % tillegg.",
    "Where in special cases the representation cannot be kept within the country's kostsats, the kostsats"
    " may be raised by 30 %.")
