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


def filled(text: str) -> str:
    """A template with its placeholders filled in (the receipt is named, but not attached)."""
    return (text.replace("CHANGE-ME@example.org", "kari@example.org").replace("receipts/CHANGE-ME.pdf", "receipts/taxi.pdf")
            .replace("CHANGE-ME", "Kari Nordmann").replace('"00000000"', '"81234501"').replace('"00000"', '"68123"'))


PLACEHOLDERS = {
    "employee": ["claimant.name", "cost_allocation.work_order", "expenses[0].attachments[0].file"],
    "contractor": ["claimant.name", "claimant.email", "pre_approval.by", "cost_allocation.work_order",
                   "expenses[0].attachments[0].file"],
    "external": ["claimant.name", "claimant.email", "claimant.access.ordered_by", "claimant.access.unit",
                 "claimant.access.cost_centre", "pre_approval.by", "cost_allocation.work_order",
                 "expenses[0].attachments[0].file"],
}


@pytest.mark.parametrize("role, kind", COMBINATIONS)
def test_template_placeholders_are_errors_until_filled_in(role, kind):
    report = run_check(template(role, kind), as_of="2024-05-01")
    assert not report.loaded
    assert [(f.code, f.path) for f in report.findings] == [("LOAD004", path) for path in PLACEHOLDERS[role]]
    assert report.findings[0].message == "claimant.name: 'CHANGE-ME' is a placeholder of the claim template; fill it in"
    assert report.findings[-1].message == ("expenses[0].attachments[0].file: 'receipts/CHANGE-ME.pdf' is a placeholder"
                                           " of the claim template; fill it in")
    work_order = next(f for f in report.findings if f.path == "cost_allocation.work_order")
    assert work_order.message == ("cost_allocation.work_order: '00000000' is a placeholder of the claim template,"
                                  " not a real work order; fill it in")


@pytest.mark.parametrize("role, kind", COMBINATIONS)
def test_filled_in_template_passes_check_except_for_the_receipt_to_attach(role, kind):
    report = run_check(filled(template(role, kind)), as_of="2024-05-01")
    assert (report.kind, report.role, report.status) == (kind, role, "draft")
    assert codes(report) == ["DOC005"]
    assert report.findings[0].message == (
        "attachment file 'receipts/taxi.pdf' of expense 0 does not exist next to the claim file")


def test_checking_a_fresh_template_from_the_command_line_fails_naming_each_placeholder(tmp_path):
    (tmp_path / "claim.yaml").write_text(template("employee", "travel"))
    result = runner.invoke(app, ["check", str(tmp_path / "claim.yaml"), "-f", "concise", "--as-of", "2024-05-01"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path}/claim.yaml:11:9: LOAD004 [error] claimant.name: 'CHANGE-ME' is a placeholder of the claim"
        " template; fill it in\n"
        f"{tmp_path}/claim.yaml:19:15: LOAD004 [error] cost_allocation.work_order: '00000000' is a placeholder of"
        " the claim template, not a real work order; fill it in\n"
        f"{tmp_path}/claim.yaml:29:15: LOAD004 [error] expenses[0].attachments[0].file: 'receipts/CHANGE-ME.pdf'"
        " is a placeholder of the claim template; fill it in\n"
        "1 file, 3 errors, 0 warnings, 0 infos, 0 waived\n")


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
    text = filled(template("external", "travel")).replace("status: draft", "status: sent\nsubmitted: 2024-06-10")
    report = run_check(text, as_of="2024-06-10")
    assert "DL001" in codes(report)


def test_each_template_hands_out_an_id_of_its_own():
    texts = {f"{role}-{kind}.yaml": filled(template(role, kind)) for role, kind in COMBINATIONS}
    ids = [line.split()[1] for text in texts.values() for line in text.splitlines() if line.startswith("id: ")]
    assert len(ids) == len(set(ids)) == 6
    reports = run_batch(texts, as_of="2024-05-01")
    assert len(reports) == 6 and not any("MX006" in codes(report) for report in reports)
    same = run_batch({"a.yaml": texts["employee-travel.yaml"], "b.yaml": texts["employee-travel.yaml"]})
    assert all("MX006" in codes(report) for report in same)


def test_unknown_role_is_a_usage_error():
    result = runner.invoke(app, ["new", "claim", "--role", "student"])
    assert result.exit_code == 2
    assert result.stderr == ("expensecli: error: invalid value for '--role': 'student' is not one of 'employee',"
                             " 'contractor', 'external' (see expensecli new claim --help)\n")


# Bokmål (--lang nb): the same claim with its comments in bokmål; keys, values and placeholders
# are what `check` reads, so they stay as in English.

def template_nb(role: str, kind: str) -> str:
    with freeze_time("2024-05-01"):
        result = runner.invoke(app, ["new", "claim", "--role", role, "--kind", kind, "--lang", "nb"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("role, kind", COMBINATIONS)
def test_bokmal_template_is_the_same_claim_with_its_comments_in_bokmal(role, kind):
    english, bokmal = template(role, kind), template_nb(role, kind)
    assert len(bokmal.splitlines()) == len(english.splitlines())
    assert [line[:32] for line in bokmal.splitlines() if not line.startswith("#")] == [
        line[:32] for line in english.splitlines() if not line.startswith("#")]
    assert "fill in" not in bokmal and bokmal.count("<- fyll inn") == english.count("<- fill in")
    report = run_check(filled(bokmal), as_of="2024-05-01")
    assert (report.kind, report.role, report.status) == (kind, role, "draft")
    assert codes(report) == ["DOC005"]


def test_employee_travel_template_in_bokmal_starts_with_its_instructions():
    lines = template_nb("employee", "travel").splitlines()
    assert lines[:10] == [
        "# En reiseregning fra en NTNU-ansatt, i expensecli sitt kravformat (v2).",
        '# Endre hver verdi merket "<- fyll inn", legg til én oppføring under expenses for hvert utlegg,',
        "# og sjekk det så: expensecli check claim-employee-travel.yaml",
        "# Hjelp i editoren: expensecli schema claim > claim.schema.json, og gjør så dette til første linje i filen",
        "#   # yaml-language-server: $schema=claim.schema.json",
        "id: TR-2024-0001                # <- fyll inn: din referanse, unik blant kravene dine",
        "kind: travel                    # travel = reiseregning; reimbursement = utleggsrefusjon",
        "status: draft                   # draft | sent | approved | returned | paid",
        "# submitted: 2024-05-01         # dagen du sender det (trengs når status ikke lenger er draft)",
        "claimant:",
    ]
