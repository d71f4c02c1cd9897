"""The findings' messages in bokmål: every rule's failing example (the one `rules explain` shows)
gives a message that is wholly translated, and a handful of rules give exactly these sentences.

The LOAD codes' messages come from the loader, which has its own tests; every other code's
message is written by the rules, the engine or the rate-sheet choice.
"""

from __future__ import annotations

import pytest
from conftest import run_batch, run_check

from expensecli.core import i18n
from expensecli.load.claims import load_claim_bytes
from expensecli.load.ratebook import load_ratebook
from expensecli.policy.engine import check
from expensecli.report.rule_examples import adjusted_book, claim_files, example_codes, example_reports, load_example
from expensecli.run.ledger.tracking import redacted

CODES = [code for code in example_codes() if not code.startswith("LOAD")]


def failing(code: str):
    """The reports of `code`'s failing example, checked as tests/report/test_rule_examples.py does."""
    example = load_example(code)
    if example.controllers:
        return example_reports(example, load_ratebook(), "fail")
    if len(example.fail) > 1:
        return run_batch({name: data.decode() for name, data in claim_files(example, "fail")},
                         as_of=example.as_of.isoformat())
    ((name, data),) = claim_files(example, "fail")
    book = adjusted_book(load_ratebook(), example.sheet)
    if example.fail_encoding != "utf-8":
        return check([load_claim_bytes(data, name, None)], book, example.as_of)
    return [run_check(data.decode(), as_of=example.as_of.isoformat(), book=book, name=name)]


def messages(code: str) -> list[str]:
    return [f.message for report in failing(code) for f in report.findings if f.code == code]


@pytest.mark.parametrize("code", CODES)
def test_failing_example_is_wholly_translated(code):
    english = messages(code)
    assert english, f"{code}'s failing example reports no {code}"
    i18n.use("nb")
    i18n.MISSING.clear()
    bokmal = messages(code)
    assert i18n.MISSING == set()
    assert len(bokmal) == len(english)
    for ours, theirs in zip(bokmal, english):
        assert ours != theirs, f"{code}: still English: {ours}"


EXACT = {
    "MX001": ["utlegg 0 er 17,90 EUR uten kurs; oppgi rate: NOK per 1 EUR"],
    "MX005": ["utlegg 0: tipset på 450,00 er større enn beløpet 420,00 NOK"],
    "CA001": ["utlegg 0: kostnaden per deltaker, 600,00, er over grensen 507,00 (lang): 93,00 for mye, 558,00 totalt"
              " for 6 deltakere"],
    "DL001": ["sendt inn 2024-04-05, 35 dager etter det tidligste utlegget, datert 2024-03-01; oppdragstakere og"
              " eksterne må sende inn innen 1 måned (frist 2024-04-01): 4 dager over fristen"],
    "DL003": ["ikke sendt inn per 2024-05-01 (status draft); fristen er 2024-05-05 (om 4 dager), 1 måned etter"
              " reisens slutt 2024-04-05; varselperioden før fristen er 7 dager"],
    "RP001": ["utlegg 0: kostnaden per person, 1 800,00, er over representasjonsgrensen 1 622,00 (måltid):"
              " 178,00 for mye, 712,00 totalt for 4 personer"],
    "NE003": ["ingen pre_approval: ingenting viser at utlegget (2024-03-01) ble avtalt på forhånd med den"
              " ansvarlige ved NTNU; oppgi pre_approval: {by, date}"],
    "NE005": ["Betalmeg-tilgangen ble sist brukt 2023-02-01, 403 dager før kravet ble sendt inn 2024-03-10;"
              " tilgangen faller bort etter 365 dager uten bruk, så den må trolig bestilles på nytt"],
    "CA003": ["utlegg 0: godkjenningen er datert 2024-03-15, 1 dag etter arrangementet 2024-03-14; den må gis før"
              " arrangementet"],
    "CA006": ["enheten IV-IBM har et særskilt arrangement 2024-04-12 som er nummer 3 i januar–juni 2024, utover"
              " satsarkets grense på 2 per semester; de tidligere: 2024-02-16 i fail-1.yaml (R-2024-0201),"
              " 2024-03-22 i fail-2.yaml (R-2024-0202)"],
    "CO001": ["ingen arbeidsordre (K7): kostnaden føres på «Generelle driftskostnader» for søkerens"
              " ansettelsesforhold"],
    "MX004": ["det samme utlegget fra samme søker (199,00 NOK, 2024-03-01) finnes også i fail-2.yaml (R-2024-0002)",
              "det samme utlegget fra samme søker (199,00 NOK, 2024-03-01) finnes også i fail-1.yaml (R-2024-0001)"],
    "RT001": ["ingen satsark dekker 2023-12-20 (år 2023); satsarket for 2024 (gyldig 2024-01-01 til 2024-12-31) ble"
              " brukt i stedet"],
}


@pytest.mark.parametrize("code", sorted(EXACT))
def test_bokmal_messages_exactly(code):
    i18n.use("nb")
    assert messages(code) == EXACT[code]


def test_catering_limit_in_bokmal_names_the_tier_and_the_venue():
    i18n.use("nb")
    report = run_check("""\
        id: R-2024-0400
        kind: reimbursement
        status: sent
        submitted: 2024-04-20
        claimant: {name: Kari Nordmann, role: employee}
        cost_allocation: {work_order: "81234501"}
        expenses:
          - date: 2024-04-18
            category: catering
            amount: "6500.00"
            attachments: [{type: receipt}]
            event:
              type: meeting
              date: 2024-04-18
              hours: 4
              occasion: external_participants
              venue: external
              venue_reason: no meeting room free for the workshop
              participants: {internal: 6, external: 2, names: [A, B, C, D, E, F, G, H]}
              approval: {by: Per Hansen, role: head_of_department, date: 2024-04-01}
              order: {purpose: workshop, time: "10:00", place: Kjelhuset, delivery: "11:30", contact: Per Hansen}
        """)
    [over] = [f.message for f in report.findings if f.code == "CA001"]
    assert over == ("utlegg 0: kostnaden per deltaker, 812,50, er over grensen 760,50 (lang, eksternt spisested):"
                    " 52,00 for mye, 416,00 totalt for 8 deltakere")


def test_the_ledger_keeps_the_claimant_out_of_a_bokmal_message():
    i18n.use("nb")
    assert redacted("oppdragstaker Ola Nordmann har en bestilling", "Ola Nordmann", "contractor") == \
        "oppdragstakeren har en bestilling"
    assert redacted("bestillingen for ekstern Ola Nordmann er ufullstendig", "Ola Nordmann", "external") == \
        "bestillingen for den eksterne søkeren er ufullstendig"
    assert redacted("forhåndsgodkjent av Ola Nordmann", "Ola Nordmann", "employee") == "forhåndsgodkjent av søkeren"
    assert redacted("uten navn", None) == "uten navn"
