"""NE001-NE007: the Betalmeg rules for contractors and externals."""

from dataclasses import replace

import pytest
from conftest import ACCESS_ORDER, codes, external_travel, only, run_check

from expensecli.core.findings import Severity
from expensecli.load.ratebook import load_ratebook
from expensecli.models.ratebook import RateBook

ACCESS = ACCESS_ORDER + "    last_active: 2023-03-21\n"
EXTERNAL = external_travel("BM-2024-0201", "2024-03-20", "2024-03-01", "2024-03-12", "2024-03-14",
                           claimant="  phone_country: SE\n", access=ACCESS)
CONTRACTOR = (EXTERNAL.replace(ACCESS, "  contract: {start: 2024-03-01, end: 2024-06-30}\n")
              .replace("role: external", "role: contractor"))
EMPLOYEE = (EXTERNAL.replace(ACCESS, "").replace("role: external", "role: employee")
            .replace("pre_approval: {by: Ola Hansen, date: 2024-03-01}\n", ""))


def expense(category: str, date: str = "2024-03-13", amount: str = "450.00") -> str:
    return f"  - date: {date}\n    category: {category}\n    amount: {amount}\n    attachments: [{{type: receipt}}]\n"


def test_base_claims_are_clean():
    assert codes(run_check(EXTERNAL)) == []
    assert codes(run_check(CONTRACTOR)) == []
    assert codes(run_check(EMPLOYEE)) == []


@pytest.mark.parametrize("category", ["subsistence_allowance", "mileage_allowance"])
def test_ne001_allowances_for_non_employees(category):
    [finding] = run_check(EXTERNAL + expense(category)).findings
    assert (finding.code, finding.line, finding.column, finding.path) == (
        "NE001", 26, 15, "expenses[1].category")
    assert finding.message == (f"expense 1 ({category}, 2024-03-13, 450.00 NOK) is an allowance claimed by a"
                               " non-employee (external); NTNU pays non-employees only their documented expenses,"
                               " no subsistence or mileage allowance")
    assert codes(run_check(CONTRACTOR + expense(category))) == ["NE001"]


def test_ne001_not_for_employees():
    assert codes(run_check(EMPLOYEE + expense("subsistence_allowance"))) == []


def test_ne002_fee_entered_as_an_expense():
    [finding] = run_check(CONTRACTOR + expense("fee", amount='"12 000"')).findings
    assert (finding.code, finding.path) == ("NE002", "expenses[1].category")
    assert finding.message == ("expense 1 (fee, 2024-03-13, 12 000.00 NOK) is a fee; Betalmeg is only for"
                               " expenses to be reimbursed, the fee itself is paid under the contract")


def test_ne002_not_for_other_categories_or_employees():
    assert codes(run_check(CONTRACTOR + expense("taxi"))) == []
    assert "NE002" not in codes(run_check(EMPLOYEE + expense("fee")))


def test_ne003_no_pre_approval():
    text = EXTERNAL.replace("pre_approval: {by: Ola Hansen, date: 2024-03-01}\n", "") + expense("taxi")
    [finding] = run_check(text).findings
    assert (finding.code, finding.line, finding.path) == ("NE003", 19, "expenses")
    assert finding.message == ("no pre_approval: nothing shows that the 2 expenses (2024-03-12 to 2024-03-13)"
                               " were agreed in advance with the responsible person at NTNU; give"
                               " pre_approval: {by, date}")


def test_ne003_pre_approval_without_a_date_counts_as_none():
    [finding] = run_check(EXTERNAL.replace("{by: Ola Hansen, date: 2024-03-01}", "{by: Ola Hansen}")).findings
    assert (finding.code, finding.line) == ("NE003", 17)
    assert finding.message.startswith("pre_approval by Ola Hansen has no date: nothing shows that the expense"
                                      " (2024-03-12) was agreed in advance")


def test_ne003_pre_approval_after_the_expense():
    text = EXTERNAL.replace("date: 2024-03-01}", "date: 2024-03-13}") + expense("taxi")
    [finding] = run_check(text).findings
    assert (finding.code, finding.path) == ("NE003", "expenses[0].date")
    assert finding.message == ("expense 0 (public_transport, 2024-03-12, 199.00 NOK) is dated 1 day before the"
                               " pre-approval by Ola Hansen on 2024-03-13; expenses must be agreed in advance")


def test_ne003_pre_approval_on_the_expense_day_is_in_advance_and_employees_need_none():
    assert codes(run_check(EXTERNAL.replace("date: 2024-03-01}", "date: 2024-03-12}"))) == []
    assert codes(run_check(EMPLOYEE)) == []


def test_ne004_contractor_expense_before_the_contract_start():
    text = CONTRACTOR.replace("date: 2024-03-01}", "date: 2024-02-20}") + expense("taxi", date="2024-02-27")
    [finding] = run_check(text).findings
    assert (finding.code, finding.line, finding.column, finding.path) == ("NE004", 19, 11, "expenses[1].date")
    assert finding.message == ("expense 1 (taxi, 2024-02-27, 450.00 NOK) is dated 3 days before the contract"
                               " start 2024-03-01; the contractor has Betalmeg access only from that date")


def test_ne004_passes_from_the_contract_start_and_for_externals():
    assert codes(run_check(CONTRACTOR + expense("taxi", date="2024-03-01"))) == []
    assert "NE004" not in codes(run_check(EXTERNAL.replace("2024-03-01}", "2024-02-01}")
                                          + expense("taxi", date="2024-02-27")))


@pytest.mark.parametrize("last_active, expected", [
    ("2023-03-21", []),  # exactly 365 days before submission
    ("2023-03-20", ["NE005"]),  # 366 days
])
def test_ne005_access_lapsed_after_inactivity_days(last_active, expected):
    assert codes(run_check(EXTERNAL.replace("last_active: 2023-03-21", f"last_active: {last_active}"))) == expected


def test_ne005_message_and_unsubmitted_claims_measured_on_the_as_of_date():
    [finding] = run_check(EXTERNAL.replace("2023-03-21", "2023-02-01")).findings
    assert (finding.code, finding.severity, finding.path) == (
        "NE005", Severity.warning, "claimant.access.last_active")
    assert finding.message == ("Betalmeg access last used 2023-02-01, 413 days before the claim was submitted on"
                               " 2024-03-20; access lapses after 365 days without use, so it probably has to be"
                               " ordered again")
    draft = EXTERNAL.replace("status: sent\nsubmitted: 2024-03-20\n", "status: draft\n")
    [late] = only(run_check(draft, as_of="2024-04-01"), "NE005")
    assert "377 days before the as-of date 2024-04-01 (unsubmitted)" in late.message


def test_ne006_external_without_an_access_order():
    [finding] = run_check(EXTERNAL.replace(ACCESS, "")).findings
    assert (finding.code, finding.severity, finding.line) == ("NE006", Severity.error, 5)
    assert finding.message.startswith("external Ingrid Berg has no Betalmeg access order (claimant.access)")


@pytest.mark.parametrize("remove, named", [
    ("    ordered_by: Ola Hansen\n", "access.ordered_by"),
    ("    purpose: Guest lecture\n", "access.purpose"),
    ("    date_of_birth: 1980-04-02\n", "access.date_of_birth"),
    ("    unit: Department of Mechanical and Industrial Engineering\n", "access.unit"),
    ('    cost_centre: "68123"\n', "access.cost_centre"),
    ("  email: ingrid.berg@example.org\n", "email"),
])
def test_ne006_every_part_of_the_access_order_is_needed(remove, named):
    [finding] = run_check(EXTERNAL.replace(remove, "")).findings
    assert (finding.code, finding.severity, finding.path) == ("NE006", Severity.error, "claimant.access")
    assert finding.message.startswith(f"the Betalmeg access order for external Ingrid Berg is incomplete: no {named}")


def test_ne006_names_all_missing_parts_and_sub_project_is_optional():
    text = EXTERNAL.replace("    date_of_birth: 1980-04-02\n", "").replace('    cost_centre: "68123"\n', "")
    [finding] = run_check(text).findings
    assert "incomplete: no access.date_of_birth and access.cost_centre (needed:" in finding.message
    assert codes(run_check(EXTERNAL.replace('"68123"\n', '"68123"\n    sub_project: "81234501"\n'))) == []


def test_ne006_contractor_with_an_access_order_is_a_warning():
    text = CONTRACTOR.replace("  contract:", "  access: {ordered_by: Ola Hansen, purpose: Course}\n  contract:")
    [finding] = run_check(text).findings
    assert (finding.code, finding.severity, finding.line, finding.path) == (
        "NE006", Severity.warning, 10, "claimant.access")
    assert finding.message == ("contractor Ingrid Berg has a Betalmeg access order (ordered by Ola Hansen);"
                               " persons with an assignment contract get access from the contract start and"
                               " should not be ordered access")
    assert finding.source == ('NTNU: Betalmeg travel expenses and reimbursements for non-employees: "Persons who'
                              ' have entered into an assignment contract with NTNU should not be ordered Betalmeg'
                              ' access."')  # the sentence this case rests on, not the one about what an order holds


def blocked_book(*countries: str) -> RateBook:
    bundled = load_ratebook()
    sheet = bundled.sheets[0]
    return RateBook((replace(sheet, betalmeg=replace(sheet.betalmeg, sms_blocked_countries=list(countries))),),
                    bundled.files)


def test_ne007_phone_country_on_the_sheets_sms_blocked_list():
    [finding] = run_check(EXTERNAL, book=blocked_book("CN", "SE")).findings
    assert (finding.code, finding.severity, finding.line, finding.path) == (
        "NE007", Severity.warning, 9, "claimant.phone_country")
    assert finding.message == ("phone_country SE is on the rate sheet's list of countries whose mobiles cannot"
                               " receive the Betalmeg login SMS (CN, SE); the claimant must contact the Service"
                               " Center")


def test_ne007_passes_for_other_countries_and_employees():
    assert codes(run_check(EXTERNAL, book=blocked_book("CN"))) == []
    assert codes(run_check(EXTERNAL)) == []  # the bundled 2024 list is empty
    assert codes(run_check(EMPLOYEE, book=blocked_book("SE"))) == []


def test_a_missing_receipt_of_a_betalmeg_claim_cites_the_betalmeg_page_and_an_employee_s_the_reimbursement_page():
    bank_only = "    attachments: [{type: bank_statement}]\n"
    betalmeg = ('NTNU: Betalmeg travel expenses and reimbursements for non-employees: "Enclose specified receipts'
                ' documenting all expenses." "A bank statement showing only the amount paid will therefore not be'
                ' sufficient."')
    for claim in (EXTERNAL, CONTRACTOR, EMPLOYEE):
        text = claim + expense("taxi").replace("    attachments: [{type: receipt}]\n", bank_only)
        [finding] = run_check(text).findings
        assert finding.code == "DOC001"
        if claim is EMPLOYEE:
            assert finding.source.startswith("NTNU: Reimbursement of personal expenses:")
        else:
            assert finding.source == betalmeg
    nothing = claim + expense("taxi").replace("    attachments: [{type: receipt}]\n", "    attachments: []\n")
    doc002 = [f for f in run_check(nothing.replace("role: employee", "role: contractor")).findings
              if f.code == "DOC002"]
    assert [f.source for f in doc002] == ['NTNU: Betalmeg travel expenses and reimbursements for non-employees:'
                                          ' "Enclose specified receipts documenting all expenses."']
