"""RP001-RP004 on inline claims: representation and home hospitality limits, consent, guests, abroad."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import codes, only, run_check

from expensecli.models.ratebook import RateBook
from expensecli.policy.rules.representation import role_key

HEAD = """\
id: R-2024-0300
kind: reimbursement
status: sent
submitted: 2024-04-20
claimant:
  name: Ingrid Berg
  role: employee
cost_allocation:
  work_order: "81234501"
expenses:
"""

# A dinner for 4 (2 hosts, 2 guests) at the meal rate: 4 x 1 622 = 6 488.00, exactly the limit.
DINNER = """\
  - date: 2024-04-11
    category: representation
    description: Dinner with the delegation from TU Delft
    amount: "6488.00"
    attachments:
      - type: receipt
    event:
      type: representation
      date: 2024-04-11
      start: "19:00"
      end: "22:00"
      venue: external
      participants:
        internal: 2
        external: 2
        names: [Ingrid Berg, Ola Hansen, Pieter de Vries, Sanne Bakker]
      approval: {by: Tor Grande, role: dean, date: 2024-04-02}
      representation: meal
"""


def claim(expense: str) -> str:
    return HEAD + expense


def swap(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_clean_dinner_has_no_findings():
    report = run_check(claim(DINNER))
    assert codes(report) == []
    assert report.catering[0].as_json() == {
        "expense": 0, "type": "representation", "tier": "meal", "venue": "external", "participants": 4,
        "per_participant": "1622.00", "limit": "1622.00", "excess": "0.00", "rate_year": 2024}


def test_rp001_above_the_meal_rate():
    report = run_check(claim(swap(DINNER, ('"6488.00"', '"7200.00"'))))
    [finding] = only(report, "RP001")
    assert finding.message == ("expense 0: cost per person 1 800.00 is above the representation limit 1 622.00"
                               " (meal): 178.00 over, 712.00 in total for 4 persons")
    assert (finding.severity, finding.path) == ("error", "expenses[0].amount")
    assert "CA001" not in codes(report)


PAGE = "NTNU: Satsar for mat ved representasjon og bevertning: "
MEAL = '"Lunsj/middag inntil kr. 1 622,- per person"'
SIMPLE = '"Enklare lunsj/mottaking inntil kr. 597,- per person"'
PLUS_30 = '"Ved arrangement der utanlandske gjestar på høgt nivå er til stades, kan satsane aukast med inntil 30 %."'
HOME_80 = ('"I slike tilfelle kan legitimerte utgifter bli refundert med inntil 80% av satsane som gjeld for annan'
           ' representasjon."')


@pytest.mark.parametrize("changes, cited", [
    ((('"6488.00"', '"7200.00"'),), [MEAL]),
    ((('"6488.00"', '"7200.00"'), ("representation: meal", "representation: simple")), [SIMPLE]),
    ((('"6488.00"', '"9000.00"'), ("representation: meal", "representation: meal\n      foreign_guests: true")),
     [MEAL, PLUS_30]),
    ((('"6488.00"', '"6000.00"'), ("type: representation", "type: home")), [MEAL, HOME_80]),
])
def test_rp001_cites_the_sentences_of_the_limit_applied(changes, cited):
    [finding] = only(run_check(claim(swap(DINNER, *changes))), "RP001")
    assert finding.source == PAGE + " ".join(cited)


@pytest.mark.parametrize("change,cost,limit,tier", [
    ((("representation: meal", "representation: simple"),), "2388.00", "597.00", "simple"),
    ((("representation: meal", "representation: meal\n      foreign_guests: true"),), "8434.40", "2108.60", "meal"),
    ((("representation: meal", "representation: simple\n      foreign_guests: true"),), "3104.40", "776.10", "simple"),
    ((("type: representation", "type: home"), ("venue: external", "venue: internal")), "5190.40", "1297.60", "meal"),
    ((("type: representation", "type: home"), ("representation: meal", "representation: simple")), "1910.40",
     "477.60", "simple"),
])
def test_rp001_limits_equal_passes_one_ore_more_fails(change, cost, limit, tier):
    base = swap(DINNER, *change)
    at_limit = run_check(claim(swap(base, ('"6488.00"', f'"{cost}"'))))
    above = run_check(claim(swap(base, ('"6488.00"', f'"{Decimal(cost) + Decimal("0.04")}"'))))
    row = at_limit.catering[0]
    assert (row.tier, row.as_json()["limit"], row.as_json()["per_participant"]) == (tier, limit, limit)
    assert "RP001" not in codes(at_limit)
    [finding] = only(above, "RP001")
    assert finding.message.endswith(": 0.01 over, 0.04 in total for 4 persons")


def test_rp001_extras_and_tip_abroad_are_left_out():
    text = swap(DINNER, ('"6488.00"', '"7488.00"'), ("    attachments:", '    tip: "400.00"\n    attachments:'),
                ("representation: meal", 'representation: meal\n      extras: "600.00"'))
    report = run_check(claim(text))
    assert report.catering[0].per_participant == Decimal("1622")
    assert "RP001" not in codes(report) and "CA002" in codes(report)  # a tip in Norway is CA002 all the same


def test_rp002_consent_roles():
    assert "RP002" not in codes(run_check(claim(swap(DINNER, ("role: dean", "role: Pro-rector")))))
    assert "RP002" not in codes(run_check(claim(swap(DINNER, ("role: dean", "role: Director organisation infrastructure")))))
    [finding] = only(run_check(claim(swap(DINNER, ("role: dean", "role: head_of_department")))), "RP002")
    assert finding.message == (
        "expense 0: representation consented by role 'head_of_department', which may not consent; allowed: rector,"
        " pro_rector, vice_rector, dean, museum_director, director_organisation_infrastructure")
    assert finding.path == "expenses[0].event.approval.role"
    no_role = run_check(claim(swap(DINNER, (" role: dean,", ""))))
    assert len(only(no_role, "RP002")) == 1


def test_rp002_does_not_concern_home_hospitality_or_missing_approval():
    home = swap(DINNER, ("type: representation", "type: home"), ("role: dean", "role: head_of_department"),
                ('"6488.00"', '"5190.40"'))
    assert "RP002" not in codes(run_check(claim(home)))
    no_approval = run_check(claim(swap(DINNER, ("      approval: {by: Tor Grande, role: dean, date: 2024-04-02}\n", ""))))
    assert "RP002" not in codes(no_approval) and "CA003" in codes(no_approval)


def test_role_key():
    assert role_key(" Pro-Rector ") == role_key("pro rector") == role_key("PRO__RECTOR") == "pro_rector"


def test_rp003_needs_an_external_guest():
    report = run_check(claim(swap(DINNER, ("internal: 2", "internal: 4"), ("external: 2", "external: 0"))))
    [finding] = only(report, "RP003")
    assert finding.message == ("expense 0: representation on 2024-04-11 with no external guest (4 internal,"
                               " 0 external); without external guests it is not representation")
    home = run_check(claim(swap(DINNER, ("type: representation", "type: home"), ("external: 2", "external: 0"),
                                ("internal: 2", "internal: 4"), ('"6488.00"', '"5190.40"'))))
    assert len(only(home, "RP003")) == 1


def test_rp004_abroad_without_kostsats_is_a_warning_and_not_checked():
    abroad = swap(DINNER, ("representation: meal", "representation: meal\n      country: SE"), ('"6488.00"', '"99999.00"'))
    report = run_check(claim(abroad))
    [finding] = only(report, "RP004")
    assert finding.severity == "warning"
    assert finding.message == ("expense 0: representation in SE on 2024-04-11: the 2024 rate sheet has no kostsats"
                               " for SE, so the limit abroad is not checked; check it against the kostsats by hand")
    assert "RP001" not in codes(report)
    assert report.catering[0].as_json()["limit"] is None and report.catering[0].as_json()["excess"] is None


def test_rp004_passes_and_rp001_checks_when_the_sheet_has_a_kostsats(book):
    sheet = book.by_year(2024)
    sheet = replace(sheet, representation=replace(sheet.representation, abroad={"SE": Decimal("800")}))
    kostsats = RateBook((sheet,), ("custom.yaml",))
    abroad = swap(DINNER, ("representation: meal", "representation: meal\n      country: SE"), ('"6488.00"', '"4160.00"'))
    justified = swap(abroad, ("country: SE", "country: SE\n      abroad_justification: Only restaurant open"))
    over = run_check(claim(abroad), book=kostsats)
    within = run_check(claim(justified), book=kostsats)
    assert "RP004" not in codes(over)
    [finding] = only(over, "RP001")
    assert finding.message == ("expense 0: cost per person 1 040.00 is above the representation limit 800.00"
                               " (meal, abroad (SE)): 240.00 over, 960.00 in total for 4 persons")
    assert within.catering[0].limit.amount == Decimal("1040.0") and "RP001" not in codes(within)
    assert finding.source == PAGE + (
        '"Når norske representantar står som vertskap for servering av lunsj eller middag ved tenesteoppdrag'
        ' utanlands, er utgiftsgrensa per person lik kostsatsen for det aktuelle landet, ifølge vedlegg til'
        ' særavtale for reiser utanlands for statens rekning."')
    lower_case = swap(abroad, ("country: SE", "country: se"))
    assert only(run_check(claim(lower_case), book=kostsats), "RP001")[0].message == finding.message
