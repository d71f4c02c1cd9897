"""RB001-RB003 (the expense reimbursement form) and TR001-TR002 (travel claims)."""

import pytest
from conftest import CLEAN, codes, run_check

from expensecli.core.findings import Severity

TRAVEL = """\
id: R-2024-0207
kind: travel
status: sent
submitted: 2024-03-04
claimant:
  name: Marte Haugen
  role: employee
trip: {start: 2024-02-26, end: 2024-02-29, accommodation: hotel}
cost_allocation: {work_order: "81771203"}
expenses:
  - date: 2024-02-26
    category: public_transport
    amount: 199.00
    attachments: [{type: receipt}]
"""


def expense(category: str, extra: str = "", amount: str = "649.00") -> str:
    return (f"  - date: 2024-03-02\n    category: {category}\n    description: {category} expense\n"
            f"    amount: {amount}\n{extra}    attachments: [{{type: receipt}}]\n")


def test_base_claims_are_clean():
    assert codes(run_check(CLEAN)) == []
    assert codes(run_check(TRAVEL)) == []


@pytest.mark.parametrize("category", ["public_transport", "commute", "flight", "taxi", "car_rental", "parking",
                                      "accommodation", "mileage_allowance", "subsistence_allowance"])
def test_rb001_travel_category_on_the_reimbursement_form(category):
    report = run_check(CLEAN + expense(category))
    assert codes(report) == ["RB001"]
    [finding] = report.findings
    assert (finding.line, finding.column, finding.path) == (18, 15, "expenses[1].category")
    assert finding.message == (f"expense 1 ({category}, 2024-03-02, 649.00 NOK) is a travel cost on the"
                               " reimbursement form; claim it in a travel expense claim (kind: travel)")


def test_rb001_not_for_travel_claims_or_other_categories():
    assert codes(run_check(TRAVEL + expense("taxi"))) == []
    assert codes(run_check(CLEAN + expense("equipment"))) == []


PAGE = "NTNU: Reimbursement of personal expenses: "


@pytest.mark.parametrize("category, sentence", [
    ("newspaper", "Newspaper (only after signed elkom agreement)."),
    ("broadband", "Broadband (only after entering into an elkom agreement)."),
    ("phone", "Use of telephone in a work context (only after entering into an elkom agreement)."),
])
def test_rb002_without_elkom_cites_the_line_of_its_category(category, sentence):
    [finding] = run_check(CLEAN + expense(category, "    agreements: [home_office]\n")).findings
    assert (finding.code, finding.severity, finding.path) == ("RB002", Severity.error, "expenses[1].category")
    assert finding.message == (f"expense 1 ({category}, 2024-03-02, 649.00 NOK) is refunded only under a signed"
                               " elkom agreement; agreements listed: home_office")
    assert finding.source == f'{PAGE}"{sentence}"'


def test_rb002_passes_with_elkom():
    assert codes(run_check(CLEAN + expense("phone", "    agreements: [elkom]\n"))) == []
    assert codes(run_check(CLEAN + expense("broadband", "    agreements: [Elkom]\n"))) == []


def test_rb002_message_without_any_agreement():
    [finding] = run_check(CLEAN + expense("newspaper")).findings
    assert finding.message.endswith("agreements listed: none")


@pytest.mark.parametrize("category", ["books", "course_fee", "conference_fee", "subscription", "other"])
def test_rb003_without_manager_agreement(category):
    [finding] = run_check(CLEAN + expense(category)).findings
    assert (finding.code, finding.severity, finding.line) == ("RB003", Severity.warning, 18)
    assert finding.message == (f"expense 1 ({category}, 2024-03-02, 649.00 NOK) is refunded by agreement with"
                               " the manager, and manager_agreement is not true")


@pytest.mark.parametrize("category", ["books", "course_fee", "conference_fee", "subscription", "other"])
def test_rb003_passes_with_manager_agreement(category):
    assert codes(run_check(CLEAN + expense(category, "    manager_agreement: true\n"))) == []


def test_rb003_manager_agreement_false_still_fires():
    assert codes(run_check(CLEAN + expense("books", "    manager_agreement: false\n"))) == ["RB003"]


def test_tr001_commute_in_a_travel_claim():
    [finding] = run_check(TRAVEL.replace("category: public_transport", "category: commute")).findings
    assert (finding.code, finding.severity, finding.line, finding.column, finding.path) == (
        "TR001", Severity.warning, 12, 15, "expenses[0].category")
    assert finding.message == ("expense 0 (2024-02-26, 199.00 NOK) is entered as commute; in a travel claim"
                               " bus tickets etc. are public_transport")


def test_tr001_not_for_public_transport_or_reimbursements():
    assert codes(run_check(TRAVEL)) == []
    assert "TR001" not in codes(run_check(CLEAN + expense("commute")))


def test_tr002_travel_claim_without_type_of_trip():
    [finding] = run_check(TRAVEL.replace(", accommodation: hotel", "")).findings
    assert (finding.code, finding.severity, finding.line, finding.column, finding.path) == (
        "TR002", Severity.error, 8, 1, "trip")
    assert finding.message == ("the trip 2024-02-26 to 2024-02-29 has no accommodation (\"Type of trip\"):"
                               " give trip.accommodation: hotel, private, none or other")


@pytest.mark.parametrize("accommodation", ["hotel", "private", "none", "other"])
def test_tr002_passes_with_any_type_of_trip(accommodation):
    assert codes(run_check(TRAVEL.replace("accommodation: hotel", f"accommodation: {accommodation}"))) == []
