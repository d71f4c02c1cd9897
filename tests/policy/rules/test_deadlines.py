"""DL001-DL003: late non-employee claims, late employee travel claims, and claims due soon."""

import datetime as dt

import pytest
from conftest import CLEAN, codes, external_travel, only, run_check

from expensecli.core.findings import Severity

# An external's travel claim: the trip ended 2024-03-10, so the deadline is 2024-04-10.
EXTERNAL = external_travel("BM-2024-0117", "2024-04-10", "2024-02-01", "2024-03-08", "2024-03-10")
DRAFT = EXTERNAL.replace("status: sent\nsubmitted: 2024-04-10\n", "status: draft\n")
EMPLOYEE = (EXTERNAL.replace("role: external", "role: employee")
            .replace("pre_approval: {by: Ola Hansen, date: 2024-02-01}\n", ""))
EMPLOYEE_DRAFT = EMPLOYEE.replace("status: sent\nsubmitted: 2024-04-10\n", "status: draft\n")


def test_base_claims_are_clean():
    assert codes(run_check(EXTERNAL)) == []
    assert codes(run_check(EMPLOYEE)) == []


def test_dl001_submitted_after_the_deadline():
    report = run_check(EXTERNAL.replace("submitted: 2024-04-10", "submitted: 2024-04-15"))
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.line, finding.column, finding.path) == (
        "DL001", Severity.error, 4, 12, "submitted")
    assert finding.message == ("submitted 2024-04-15, 36 days after the trip ended on 2024-03-10; non-employees"
                               " must submit within 1 month (deadline 2024-04-10): 5 days late")
    assert finding.source == 'NTNU: Betalmeg travel expenses and reimbursements for non-employees: "The claim must be submitted within one month."'


def test_dl001_not_for_a_claim_submitted_on_the_deadline_day_but_for_the_day_after():
    on_the_day = run_check(EXTERNAL)  # submitted 2024-04-10, the deadline itself
    assert (on_the_day.deadline.due, on_the_day.deadline.submitted) == (dt.date(2024, 4, 10), dt.date(2024, 4, 10))
    assert (codes(on_the_day), on_the_day.deadline.late, on_the_day.deadline.days_late) == ([], False, 0)
    [finding] = run_check(EXTERNAL.replace("submitted: 2024-04-10", "submitted: 2024-04-11")).findings
    assert (finding.code, finding.message.rsplit(": ", 1)[1]) == ("DL001", "1 day late")


def test_dl001_located_on_the_sent_history_entry_without_submitted():
    text = EXTERNAL.replace("submitted: 2024-04-10\n",
                            "history:\n  - {status: draft, date: 2024-04-09}\n  - {status: sent, date: 2024-04-11}\n")
    [finding] = run_check(text).findings
    assert (finding.code, finding.line, finding.path) == ("DL001", 6, "history[1].date")
    assert finding.message.startswith("submitted 2024-04-11, 32 days after the trip ended on 2024-03-10;")
    assert finding.message.endswith("(deadline 2024-04-10): 1 day late")


def test_dl001_unsubmitted_past_the_deadline_as_of():
    [finding] = run_check(DRAFT, as_of="2024-05-01").findings
    assert (finding.code, finding.line, finding.path) == ("DL001", 3, "status")
    assert finding.message == ("not submitted as of 2024-05-01 (status draft), 52 days after the trip ended on"
                               " 2024-03-10; non-employees must submit within 1 month (deadline 2024-04-10):"
                               " 21 days late")


def test_dl001_for_a_contractor_reimbursement_counts_from_the_earliest_expense():
    text = (DRAFT.replace("kind: travel", "kind: reimbursement")
            .replace("trip: {start: 2024-03-08, end: 2024-03-10, accommodation: hotel}\n", "")
            .replace("category: public_transport", "category: equipment")
            .replace("  name: Ingrid Berg\n  role: external\n", "  name: Jonas Eriksen\n  role: contractor\n"
                     "  contract: {start: 2024-01-01}\n")
            .replace("  access:\n    ordered_by: Ola Hansen\n    purpose: Guest lecture\n"
                     "    date_of_birth: 1980-04-02\n    unit: Department of Mechanical and Industrial Engineering\n"
                     "    cost_centre: \"68123\"\n", ""))
    [finding] = run_check(text, as_of="2024-04-09").findings
    assert finding.code == "DL001"
    assert finding.message == ("not submitted as of 2024-04-09 (status draft), 32 days after the earliest expense,"
                               " dated 2024-03-08; non-employees must submit within 1 month (deadline 2024-04-08):"
                               " 1 day late")


def test_dl001_not_for_employees():
    assert "DL001" not in codes(run_check(EMPLOYEE_DRAFT, as_of="2024-05-01"))


def test_dl002_employee_travel_submitted_late():
    [finding] = run_check(EMPLOYEE.replace("submitted: 2024-04-10", "submitted: 2024-04-22")).findings
    assert (finding.code, finding.severity, finding.path) == ("DL002", Severity.warning, "submitted")
    assert finding.message == ("submitted 2024-04-22, 43 days after the trip ended on 2024-03-10; employees'"
                               " travel claims are due within 1 month (deadline 2024-04-10): 12 days late")
    assert finding.source == ('expensecli rule catalog v2: "No seed page sets this deadline: it is a local setting'
                              ' of the sheet, employee_travel_months: null turns DL002 off"')


def test_dl002_off_when_the_sheet_sets_no_employee_deadline(book):
    from expensecli.report.rule_examples import adjusted_book

    off = adjusted_book(book, (("deadlines.employee_travel_months", None),))
    late = EMPLOYEE.replace("submitted: 2024-04-10", "submitted: 2024-04-22")
    assert codes(run_check(late)) == ["DL002"]
    report = run_check(late, book=off)
    assert codes(report) == [] and report.deadline is None
    assert codes(run_check(EMPLOYEE_DRAFT, as_of="2024-04-06", book=off)) == []  # no DL003 either
    # non-employees keep theirs
    assert codes(run_check(EXTERNAL.replace("submitted: 2024-04-10", "submitted: 2024-04-15"), book=off)) == ["DL001"]


def test_dl002_employee_travel_still_unsubmitted_after_the_deadline():
    assert codes(run_check(EMPLOYEE_DRAFT, as_of="2024-04-11")) == ["DL002"]


def test_dl002_not_on_time_nor_for_non_employees_nor_reimbursements():
    assert codes(run_check(EMPLOYEE)) == []
    assert "DL002" not in codes(run_check(DRAFT, as_of="2024-05-01"))
    assert codes(run_check(CLEAN.replace("submitted: 2024-03-05", "submitted: 2024-12-05"), as_of="2024-12-31")) == []


@pytest.mark.parametrize("as_of, expected", [
    ("2024-04-02", []),  # 8 days left: outside the 7-day window
    ("2024-04-03", ["DL003"]),  # 7 days left
    ("2024-04-10", ["DL003"]),  # due today: not late
    ("2024-04-11", ["DL001"]),  # a day late: DL001 instead
])
def test_dl003_window_and_boundary(as_of, expected):
    assert codes(run_check(DRAFT, as_of=as_of)) == expected


def test_dl003_message():
    [finding] = run_check(EMPLOYEE_DRAFT, as_of="2024-04-06").findings
    assert (finding.code, finding.severity, finding.path) == ("DL003", Severity.info, "status")
    assert finding.message == ("not submitted as of 2024-04-06 (status draft); due 2024-04-10 (in 4 days),"
                               " 1 month after the trip ended on 2024-03-10; the due-soon window is 7 days")
    [today] = only(run_check(EMPLOYEE_DRAFT, as_of="2024-04-10"), "DL003")
    assert "due 2024-04-10 (today)" in today.message


def test_dl003_cites_the_sentence_of_the_deadline_it_counts_down_to():
    """An employee's travel deadline is the sheet's local setting, not the Betalmeg page's month
    for non-employees."""
    [employee] = run_check(EMPLOYEE_DRAFT, as_of="2024-04-06").findings
    assert employee.source == ('expensecli rule catalog v2: "No seed page sets this deadline: it is a local setting'
                               ' of the sheet, employee_travel_months: null turns DL002 off"')
    [external] = run_check(DRAFT, as_of="2024-04-06").findings
    assert external.code == "DL003"
    assert external.source == ('NTNU: Betalmeg travel expenses and reimbursements for non-employees: "The claim must'
                               ' be submitted within one month."')


def test_dl003_not_for_submitted_claims():
    assert codes(run_check(EXTERNAL.replace("submitted: 2024-04-10", "submitted: 2024-04-05"),
                           as_of="2024-04-06")) == []
