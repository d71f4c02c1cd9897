"""Deadline arithmetic: calendar months with month-end clipping, the base date, the submitted
date, the as-of boundary (due on the deadline day is not late) and "today" as the default."""

import datetime as dt
from dataclasses import replace

import pytest
from conftest import CLEAN, codes, external_travel, run_check
from freezegun import freeze_time

from expensecli.cli.pipeline import run_claims
from expensecli.load.ratebook import load_ratebook
from expensecli.models.ratebook import RateBook
from expensecli.policy.deadlines import DeadlineKind, Urgency, add_months

D = dt.date

EXTERNAL_TRIP = external_travel("BM-2024-0200", "2024-03-20", "2024-01-10", "2024-01-29", "2024-01-31")


@pytest.mark.parametrize("day, months, expected", [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: clips to Feb 29
    (D(2025, 1, 31), 1, D(2025, 2, 28)),  # common year: clips to Feb 28
    (D(2024, 3, 31), 1, D(2024, 4, 30)),
    (D(2024, 2, 29), 1, D(2024, 3, 29)),
    (D(2024, 3, 10), 1, D(2024, 4, 10)),
    (D(2024, 12, 15), 1, D(2025, 1, 15)),  # over the year end
    (D(2023, 11, 30), 3, D(2024, 2, 29)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2024, 5, 1), 12, D(2025, 5, 1)),
    (D(2024, 5, 1), 0, D(2024, 5, 1)),
])
def test_add_months_clips_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_travel_deadline_counts_from_the_trip_end_with_clipping():
    deadline = run_check(EXTERNAL_TRIP).deadline
    assert (deadline.kind, deadline.base, deadline.months, deadline.due) == (
        DeadlineKind.non_employee, D(2024, 1, 31), 1, D(2024, 2, 29))
    assert (deadline.submitted, deadline.days_late, deadline.urgency) == (D(2024, 3, 20), 20, Urgency.late)


def test_reimbursement_deadline_counts_from_the_earliest_expense():
    text = (EXTERNAL_TRIP.replace("kind: travel", "kind: reimbursement")
            .replace("trip: {start: 2024-01-29, end: 2024-01-31, accommodation: hotel}\n", "")
            .replace("    category: public_transport\n", "    category: equipment\n")
            .replace("  - date: 2024-01-29\n", "  - date: 2024-03-02\n")
            + "  - date: 2024-02-27\n    category: equipment\n    amount: 99.00\n"
              "    attachments: [{type: receipt}]\n")
    deadline = run_check(text).deadline
    assert (deadline.base, deadline.due, deadline.late) == (D(2024, 2, 27), D(2024, 3, 27), False)


def test_employee_reimbursement_has_no_deadline():
    report = run_check(CLEAN)
    assert report.deadline is None
    assert not [c for c in codes(report) if c.startswith("DL")]


def test_employee_travel_deadline_uses_employee_travel_months():
    text = EXTERNAL_TRIP.replace("role: external", "role: employee")
    deadline = run_check(text).deadline
    assert (deadline.kind, deadline.due) == (DeadlineKind.employee_travel, D(2024, 2, 29))


@pytest.mark.parametrize("submitted, late, days_late", [
    ("2024-02-28", False, 0),
    ("2024-02-29", False, 0),  # submitted on the deadline day: not late
    ("2024-03-01", True, 1),
])
def test_submitted_on_the_deadline_day_is_not_late(submitted, late, days_late):
    deadline = run_check(EXTERNAL_TRIP.replace("2024-03-20", submitted)).deadline
    assert (deadline.late, deadline.days_late) == (late, days_late)


@pytest.mark.parametrize("as_of, late, days_left, urgency", [
    ("2024-02-21", False, 8, Urgency.pending),
    ("2024-02-22", False, 7, Urgency.due_soon),
    ("2024-02-29", False, 0, Urgency.due_soon),  # due today is not late
    ("2024-03-01", True, -1, Urgency.late),
])
def test_unsubmitted_claims_are_measured_on_the_as_of_date(as_of, late, days_left, urgency):
    text = EXTERNAL_TRIP.replace("status: sent\nsubmitted: 2024-03-20\n", "status: draft\n")
    deadline = run_check(text, as_of=as_of).deadline
    assert (deadline.submitted, deadline.measured_on) == (None, D.fromisoformat(as_of))
    assert (deadline.late, deadline.days_left, deadline.urgency) == (late, days_left, urgency)


def test_submitted_date_falls_back_to_the_first_sent_entry_in_history():
    text = EXTERNAL_TRIP.replace(
        "submitted: 2024-03-20\n",
        "history:\n  - {status: draft, date: 2024-02-20}\n  - {status: sent, date: 2024-02-26}\n"
        "  - {status: returned, date: 2024-03-01}\n  - {status: sent, date: 2024-03-05}\n")
    deadline = run_check(text).deadline
    assert (deadline.submitted, deadline.late) == (D(2024, 2, 26), False)


def test_months_and_due_soon_days_come_from_the_rate_sheet():
    bundled = load_ratebook()
    sheet = bundled.sheets[0]
    longer = replace(sheet, deadlines=replace(sheet.deadlines, non_employee_months=2, due_soon_days=3))
    deadline = run_check(EXTERNAL_TRIP, book=RateBook((longer,), bundled.files)).deadline
    assert (deadline.months, deadline.due, deadline.late, deadline.due_soon_days) == (
        2, D(2024, 3, 31), False, 3)


def test_a_base_date_without_a_sheet_uses_the_nearest_one_and_says_so():
    text = (EXTERNAL_TRIP.replace("2024-01-29, end: 2024-01-31", "2025-01-29, end: 2025-01-31")
            .replace("date: 2024-01-29", "date: 2025-01-29").replace("2024-03-20", "2025-02-20")
            .replace("2024-01-10", "2025-01-10"))
    report = run_check(text, as_of="2025-03-01")
    assert report.deadline.due == D(2025, 2, 28)
    assert codes(report) == ["RT001"]


@freeze_time("2024-02-29")
def test_the_as_of_date_defaults_to_today(tmp_path):
    claim = tmp_path / "draft.yaml"
    claim.write_text(EXTERNAL_TRIP.replace("status: sent\nsubmitted: 2024-03-20\n", "status: draft\n"))
    run = run_claims([str(claim)], rates=None, as_of=None, select=None, ignore=None, max_file_size="5MB",
                     stdin_filename=None)
    [report] = run.reports
    assert run.as_of == D(2024, 2, 29)
    assert (report.deadline.days_left, report.deadline.late) == (0, False)
    assert [f.code for f in report.findings] == ["DL003"]


@freeze_time("2024-03-01")
def test_the_day_after_the_deadline_today_is_late(tmp_path):
    claim = tmp_path / "draft.yaml"
    claim.write_text(EXTERNAL_TRIP.replace("status: sent\nsubmitted: 2024-03-20\n", "status: draft\n"))
    run = run_claims([str(claim)], rates=None, as_of=None, select=None, ignore=None, max_file_size="5MB",
                     stdin_filename=None)
    [finding] = run.reports[0].findings
    assert (finding.code, run.reports[0].deadline.days_late) == ("DL001", 1)

