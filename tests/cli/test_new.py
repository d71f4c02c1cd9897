"""`expensecli new claim`: templates that load and pass `check` but for the receipt to attach."""

from __future__ import annotations

import pytest
from conftest import codes, run_batch, run_check
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.render.claim_templates import KINDS, ROLES

_register()
runner = CliRunner()

COMBINATIONS = [(role, kind) for role in ROLES for kind in KINDS]


def template(role: str, kind: str) -> str:
    with freeze_time("2024-05-01"):
        result = runner.invoke(app, ["new", "claim", "--role", role, "--kind", kind])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("role, kind", COMBINATIONS)
def test_template_passes_check_except_for_the_receipt_to_attach(role, kind):
    report = run_check(template(role, kind), as_of="2024-05-01")
    assert (report.kind, report.role, report.status) == (kind, role, "draft")
    assert codes(report) == ["DOC005"]
    assert report.findings[0].message == (
        "attachment file 'receipts/CHANGE-ME.pdf' of expense 0 does not exist next to the claim file")


@pytest.mark.parametrize("role, kind", COMBINATIONS)
def test_template_is_dated_the_day_it_is_made(role, kind):
    text = template(role, kind)
    assert "YYYY" not in text
    assert "date: 2024-05-01" in text
    assert text.count("<- fill in") >= 6


def test_employee_travel_template_starts_with_its_instructions():
    lines = template("employee", "travel").splitlines()
    assert lines[:10] == [
        "# A travel expense claim by an NTNU employee, in the expensecli claim format (v2).",
        '# Change every value marked "<- fill in", add one entry under expenses for each expense,',
        "# then check it: expensecli check claim-employee-travel.yaml",
        "# Editor help: expensecli schema claim > claim.schema.json, then make the first line of this file",
        "#   # yaml-language-server: $schema=claim.schema.json",
        "id: TR-2024-0001                # <- fill in: your reference, unique among your claims",
        "kind: travel                    # travel = travel expense claim; reimbursement = expense reimbursement",
        "status: draft                   # draft | sent | approved | returned | paid",
        "# submitted: 2024-05-01         # the day you send it (needed once status is no longer draft)",
        "claimant:",
    ]


def test_external_template_has_the_whole_access_order():
    text = template("external", "reimbursement")
    for field in ("ordered_by:", "purpose:", "date_of_birth:", "unit:", "cost_centre:", "email:", "pre_approval:"):
        assert field in text
    assert "contract:" not in template("external", "travel")
    assert "access:" not in template("contractor", "travel")


def test_a_filled_in_template_sent_late_is_reported():
    text = template("external", "travel").replace("status: draft", "status: sent\nsubmitted: 2024-06-10")
    report = run_check(text, as_of="2024-06-10")
    assert "DL001" in codes(report)


def test_each_template_hands_out_an_id_of_its_own():
    texts = {f"{role}-{kind}.yaml": template(role, kind) for role, kind in COMBINATIONS}
    ids = [line.split()[1] for text in texts.values() for line in text.splitlines() if line.startswith("id: ")]
    assert len(ids) == len(set(ids)) == 6
    reports = run_batch(texts, as_of="2024-05-01")
    assert len(reports) == 6 and not any("MX006" in codes(report) for report in reports)
    same = run_batch({"a.yaml": texts["employee-travel.yaml"], "b.yaml": texts["employee-travel.yaml"]})
    assert all("MX006" in codes(report) for report in same)


def test_unknown_role_is_a_usage_error():
    result = runner.invoke(app, ["new", "claim", "--role", "student"])
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
