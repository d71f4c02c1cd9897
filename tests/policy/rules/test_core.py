"""DOC, ST, MX, CO and RT rules: each fails on its condition and passes without it."""

from pathlib import Path

import pytest
from conftest import ACCESS_ORDER, CLEAN, codes, only, run_batch, run_check


def with_attachments(*attachments: str) -> str:
    lines = "".join(f"      - {a}\n" for a in attachments)
    return CLEAN.replace("    attachments:\n      - type: receipt\n", f"    attachments:\n{lines}" if lines else "")


def test_clean_claim_has_no_findings():
    assert codes(run_check(CLEAN)) == []


@pytest.mark.parametrize("attachments, expected", [
    (["{type: receipt}"], []),
    (["{type: order_confirmation}", "{type: bank_statement}"], []),
    (["{type: invoice}", "{type: card_terminal_receipt}"], []),
    (["{type: bank_statement}"], ["DOC001"]),
    (["{type: order_confirmation}"], ["DOC002"]),
    ([], ["DOC001", "DOC002"]),
])
def test_basis_and_confirmation(attachments, expected):
    assert codes(run_check(with_attachments(*attachments))) == expected


# An employee's travel claim with diett (subsistence allowance) and kilometre allowance, no vouchers.
ALLOWANCES = """\
id: T-2024-0001
kind: travel
status: sent
submitted: 2024-03-05
claimant: {name: Kari Nordmann, role: employee}
trip: {start: 2024-02-26, end: 2024-02-28, accommodation: hotel}
cost_allocation: {work_order: "81234501"}
expenses:
  - {date: 2024-02-28, category: subsistence_allowance, description: Diett 3 days, amount: 1500.00}
  - {date: 2024-02-26, category: mileage_allowance, description: 120 km own car, amount: 420.00}
  - {date: 2024-02-26, category: parking, amount: 150.00}
"""


def test_allowances_need_no_voucher_other_travel_costs_do():
    report = run_check(ALLOWANCES)
    assert [(f.code, f.path) for f in report.findings] == [("DOC001", "expenses[2]"), ("DOC002", "expenses[2]")]
    vouched = ALLOWANCES.replace("amount: 150.00}", "amount: 150.00, attachments: [{type: receipt}]}")
    assert codes(run_check(vouched)) == []


def test_an_allowance_that_carries_an_attachment_still_has_it_checked():
    text = ALLOWANCES.replace("amount: 1500.00}", "amount: 1500.00, attachments: [{type: receipt, readable: false}]}")
    assert [(f.code, f.path) for f in run_check(text).findings if f.code.startswith("DOC")] == [
        ("DOC003", "expenses[0].attachments[0].readable"), ("DOC001", "expenses[2]"), ("DOC002", "expenses[2]")]


def test_doc001_message_and_location():
    [finding] = run_check(with_attachments("{type: bank_statement}")).findings
    assert (finding.line, finding.path) == (11, "expenses[0]")
    assert finding.message == ("expense 0 (equipment, 2024-03-01) has no basis of payment: bank_statement;"
                               " a receipt, invoice or order confirmation is needed (a bank statement alone"
                               " only shows the payment)")
    assert finding.source.startswith('NTNU: Reimbursement of personal expenses: "An order confirmation')


def test_doc003_unreadable():
    [finding] = run_check(with_attachments("{type: receipt, readable: false}")).findings
    assert (finding.code, finding.line) == ("DOC003", 16)


@pytest.mark.parametrize("attachment, expected", [
    ("{type: receipt, language: sv}", []),
    ("{type: receipt, language: de}", ["DOC004"]),
    ("{type: receipt, language: de, description: Taxi fare}", ["DOC004"]),
    ("{type: receipt, language: de, shows_payment: true}", ["DOC004"]),
    ("{type: receipt, language: de, description: Taxi fare, shows_payment: true}", []),
])
def test_doc004_foreign_language(attachment, expected):
    assert codes(run_check(with_attachments(attachment))) == expected


def test_doc005_missing_file_relative_to_the_claim(tmp_path: Path):
    (tmp_path / "receipts").mkdir()
    (tmp_path / "receipts" / "a.pdf").write_bytes(b"%PDF")
    text = with_attachments("{type: receipt, file: receipts/a.pdf}", "{type: receipt, file: receipts/b.pdf}")
    [finding] = run_check(text, base_dir=tmp_path).findings
    assert (finding.code, finding.severity, finding.path) == ("DOC005", "warning", "expenses[0].attachments[1].file")
    assert finding.message == "attachment file 'receipts/b.pdf' of expense 0 does not exist next to the claim file"


HISTORY = CLEAN.replace("status: sent\nsubmitted: 2024-03-05\n", "status: {status}\n{submitted}history:\n{history}")


def history_claim(status: str, entries: list[str], submitted: bool = False) -> str:
    return HISTORY.format(status=status, submitted="submitted: 2024-03-05\n" if submitted else "",
                          history="".join(f"  - {e}\n" for e in entries))


def test_st001_transition_not_allowed():
    report = run_check(history_claim("approved", ["{status: draft, date: 2024-03-02}",
                                                  "{status: approved, date: 2024-03-05}"], submitted=True))
    [finding] = only(report, "ST001")
    assert finding.message == "history goes from draft to approved on 2024-03-05; allowed next steps after draft: sent"
    assert finding.line == 7


def test_st001_allowed_workflow_passes():
    entries = ["{status: draft, date: 2024-03-02}", "{status: sent, date: 2024-03-05}",
               "{status: returned, date: 2024-03-06}", "{status: draft, date: 2024-03-06}",
               "{status: sent, date: 2024-03-07}", "{status: approved, date: 2024-03-08}",
               "{status: paid, date: 2024-03-20}"]
    assert codes(run_check(history_claim("paid", entries))) == []


def test_st002_dates_out_of_order_and_last_status():
    report = run_check(history_claim("approved", ["{status: draft, date: 2024-03-04}",
                                                  "{status: sent, date: 2024-03-02}"]))
    assert [f.message for f in only(report, "ST002")] == [
        "status is approved but the last history entry is sent (2024-03-02)",
        "history entry 1 (sent, 2024-03-02) is dated before entry 0 (draft, 2024-03-04)",
    ]


def test_st003_needs_a_submitted_date_unless_draft():
    assert codes(run_check(CLEAN.replace("submitted: 2024-03-05\n", ""))) == ["ST003"]
    assert codes(run_check(CLEAN.replace("submitted: 2024-03-05\n", "").replace("status: sent", "status: draft"))) == []
    sent_in_history = history_claim("sent", ["{status: draft, date: 2024-03-02}", "{status: sent, date: 2024-03-05}"])
    assert codes(run_check(sent_in_history)) == []


def test_mx001_foreign_currency_needs_rate():
    report = run_check(CLEAN.replace("amount: 199.00", "amount: 19.90\n    currency: EUR"))
    assert [(f.code, f.line, f.message) for f in report.findings] == [
        ("MX001", 15, "expense 0 is 19.90 EUR with no rate; give rate: NOK per 1 EUR")]
    assert codes(run_check(CLEAN.replace("amount: 199.00", "amount: 19.90\n    currency: EUR\n    rate: 11.68"))) == []


def test_mx002_expense_after_submission_or_as_of():
    late = run_check(CLEAN.replace("date: 2024-03-01", "date: 2024-03-06"))
    assert [f.message for f in only(late, "MX002")] == [
        "expense 0 is dated 2024-03-06, after the claim was submitted on 2024-03-05"]
    draft = CLEAN.replace("status: sent\nsubmitted: 2024-03-05\n", "status: draft\n")
    assert [f.message for f in only(run_check(draft, as_of="2024-02-28"), "MX002")] == [
        "expense 0 is dated 2024-03-01, after the as-of date 2024-02-28"]
    assert codes(run_check(draft, as_of="2024-03-01")) == []


SECOND = """\
  - date: 2024-03-01
    category: equipment
    description: USB-C cable, second
    amount: "199"
    attachments:
      - type: receipt
"""


def test_mx003_same_expense_twice_in_a_claim():
    [finding] = run_check(CLEAN + SECOND).findings
    assert (finding.code, finding.line) == ("MX003", 17)
    assert finding.message == "expense 1 repeats expense 0: equipment on 2024-03-01, 199.00 NOK"
    assert codes(run_check(CLEAN + SECOND.replace('"199"', '"199.50"'))) == []


def test_mx005_tip_larger_than_amount():
    report = run_check(CLEAN.replace("amount: 199.00", "amount: 199.00\n    tip: 200"))
    assert [f.message for f in only(report, "MX005")] == ["expense 0: tip 200.00 is larger than the amount 199.00 NOK"]
    assert codes(run_check(CLEAN.replace("amount: 199.00", "amount: 199.00\n    tip: 199"))) == []


def test_mx004_same_expense_in_another_claim_of_the_batch():
    other = CLEAN.replace("R-2024-0001", "R-2024-0002").replace("Kari Nordmann", "  kari nordmann ")
    reports = run_batch({"a.yaml": CLEAN, "b.yaml": other, "c.yaml": CLEAN.replace("R-2024-0001", "R-3").replace(
        "Kari Nordmann", "Ola Nordmann")})
    assert [codes(r) for r in reports] == [["MX004"], ["MX004"], []]
    assert reports[0].findings[0].message == (
        "the same expense by the same claimant (199.00 NOK on 2024-03-01) is also in b.yaml (R-2024-0002)")
    assert reports[1].findings[0].message.endswith("is also in a.yaml (R-2024-0001)")


def test_mx004_same_attachment_file_in_two_claims(tmp_path):
    import datetime as dt

    from expensecli.load.claims import load_claim_file
    from expensecli.policy.engine import check

    (tmp_path / "r.pdf").write_bytes(b"%PDF")
    first = with_attachments("{type: receipt, file: r.pdf}")
    second = first.replace("R-2024-0001", "R-9").replace("Kari Nordmann", "Per Hansen").replace("199.00", "250")
    (tmp_path / "a.yaml").write_text(first)
    (tmp_path / "b.yaml").write_text(second)
    loaded = [load_claim_file(tmp_path / name, name) for name in ("a.yaml", "b.yaml")]
    from conftest import _default_book

    reports = check(loaded, _default_book(), dt.date(2024, 5, 1))
    assert [[(f.code, f.path) for f in r.findings] for r in reports] == [
        [("MX004", "expenses[0].attachments[0].file")], [("MX004", "expenses[0].attachments[0].file")]]
    assert reports[1].findings[0].message == "attachment r.pdf is also attached in a.yaml (R-2024-0001)"


def test_mx006_the_same_claim_id_in_two_files_of_the_batch():
    other = CLEAN.replace("R-2024-0001", " r-2024-0001").replace("Kari Nordmann", "Per Hansen").replace("199.00", "250")
    third = other.replace(" r-2024-0001", "R-2024-0009").replace("Per Hansen", "Ola Dahl")
    reports = run_batch({"a.yaml": CLEAN, "b.yaml": other, "c.yaml": third})
    assert [[(f.code, f.severity, f.line, f.path) for f in r.findings] for r in reports] == [
        [("MX006", "error", 1, "id")], [("MX006", "error", 1, "id")], []]
    assert reports[0].findings[0].message == ("claim id R-2024-0001 is also used by b.yaml; claim ids must be"
                                              " unique within a batch")
    assert reports[1].findings[0].message.startswith("claim id r-2024-0001 is also used by a.yaml;")
    alone = run_batch({"a.yaml": CLEAN, "c.yaml": third})
    assert [codes(r) for r in alone] == [[], []]


def test_mx004_and_mx006_name_three_other_claims_and_count_the_rest():
    """A batch of copies of one claim: each finding names the first three other files and counts the
    rest, so the report grows with the batch, not with its square."""
    reports = run_batch({f"c{n:02d}.yaml": CLEAN for n in range(12)})
    assert all(codes(r) == ["MX006", "MX004"] for r in reports)  # by line: the id, then the expense
    by_code = {f.code: f.message for f in reports[0].findings}
    assert by_code["MX006"] == ("claim id R-2024-0001 is also used by c01.yaml, c02.yaml, c03.yaml and 8 other"
                                " claims; claim ids must be unique within a batch")
    assert by_code["MX004"].endswith("is also in c01.yaml (R-2024-0001), c02.yaml (R-2024-0001), c03.yaml"
                                     " (R-2024-0001) and 8 other claims")
    assert {f.code: f.message for f in reports[2].findings}["MX006"].startswith(
        "claim id R-2024-0001 is also used by c00.yaml, c01.yaml, c03.yaml and 8 other claims;")
    four = run_batch({f"c{n}.yaml": CLEAN for n in range(4)})
    assert {f.code: f.message for f in four[3].findings}["MX006"].startswith(
        "claim id R-2024-0001 is also used by c0.yaml, c1.yaml, c2.yaml;")  # three others: all named


def test_mx006_a_file_that_does_not_load_is_not_counted():
    broken = CLEAN.replace("amount: 199.00", "amount: lots")
    reports = run_batch({"a.yaml": CLEAN, "b.yaml": broken})
    assert [codes(r) for r in reports] == [[], ["LOAD004"]]


def waived(*entries: str) -> str:
    lines = "".join(f"  - {{code: {code}, reason: Accepted, by: Kari Dahl, date: 2024-03-07}}\n" for code in entries)
    return CLEAN.replace("expenses:\n", f"waivers:\n{lines}expenses:\n")


def test_wv001_a_waiver_matching_no_finding_or_naming_no_code():
    report = run_check(waived("DOC001", "CA09", "ca009", "MX002"))
    assert [(f.code, f.severity, f.line, f.column, f.path) for f in report.findings] == [
        ("WV001", "warning", 11, 12, "waivers[0].code"), ("WV001", "warning", 12, 12, "waivers[1].code"),
        ("WV001", "warning", 13, 12, "waivers[2].code"), ("WV001", "warning", 14, 12, "waivers[3].code")]
    assert [f.message for f in report.findings] == [
        "waiver 0 of DOC001 matches no finding of this claim; a stale waiver hides nothing and should go",
        "waiver 1 names CA09, which is not a rule code (did you mean CA009?); it waives nothing",
        "waiver 2 names ca009, which is not a rule code (did you mean CA009?); it waives nothing",
        "waiver 3 of MX002 matches no finding of this claim; a stale waiver hides nothing and should go"]
    assert not any(f.waived for f in report.findings)


def test_wv001_not_for_a_waiver_that_hides_a_finding_even_one_not_selected():
    text = waived("DOC001").replace("      - type: receipt\n", "      - type: bank_statement\n")
    report = run_check(text)
    assert [(f.code, f.waived) for f in report.findings] == [("DOC001", True)]
    import datetime as dt

    from conftest import _default_book

    from expensecli.load.claims import load_claim_bytes
    from expensecli.policy.engine import check
    from expensecli.policy.selection import Selection

    ignored = check([load_claim_bytes(text.encode(), "c.yaml", None)], _default_book(), dt.date(2024, 5, 1),
                    Selection.parse(None, "DOC"))
    assert ignored[0].findings == ()  # DOC001 is computed, only not reported: the waiver is not stale


def test_wv001_cannot_be_waived():
    report = run_check(waived("WV001", "DOC002"))
    assert [(f.code, f.message, f.waived) for f in report.findings] == [
        ("WV001", "waiver 0 names WV001, which cannot be waived; remove the stale waivers instead", False),
        ("WV001", "waiver 1 of DOC002 matches no finding of this claim; a stale waiver hides nothing and should go",
         False)]


def test_wv001_waivers_of_cross_claim_codes_are_judged_over_the_batch():
    other = CLEAN.replace("R-2024-0001", "R-2024-0002")
    reports = run_batch({"a.yaml": waived("MX004", "MX006"), "b.yaml": other})
    assert [(f.code, f.waived, f.path) for f in reports[0].findings] == [
        ("WV001", False, "waivers[1].code"), ("MX004", True, "expenses[0]")]
    assert reports[0].findings[0].message.startswith("waiver 1 of MX006 matches no finding of this claim")
    alone = run_batch({"a.yaml": waived("MX004")})
    assert [(f.code, f.line) for f in alone[0].findings] == [("WV001", 11)]


def test_co001_no_work_order():
    report = run_check(CLEAN.replace('cost_allocation:\n  work_order: "81234501"\n', ""))
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.line) == ("CO001", "info", 1)
    assert finding.message == 'no work order (K7): the cost goes to "Generelle driftskostnader" of the claimant\'s employment'
    centre = run_check(CLEAN.replace('work_order: "81234501"', 'cost_centre: "68123"'))
    assert centre.findings[0].message.endswith('"Generelle driftskostnader" of cost centre 68123')


ACCESS = ACCESS_ORDER


def co001(text: str) -> str:
    return only(run_check(text), "CO001")[0].message.split(" of ", 1)[1]


def test_co001_for_non_employees_names_the_unit_and_cost_centre_of_the_access_order_or_contract():
    external = (CLEAN.replace('cost_allocation:\n  work_order: "81234501"\n', "")
                .replace("  role: employee\n", "  role: external\n  email: kari@example.org\n" + ACCESS))
    assert co001(external) == ("the unit and cost centre of the Betalmeg access order: Department of Mechanical"
                               " and Industrial Engineering, cost centre 68123")
    no_centre = external.replace('    cost_centre: "68123"\n', "")
    assert co001(no_centre) == ("the unit and cost centre of the Betalmeg access order: Department of Mechanical"
                                " and Industrial Engineering")
    no_access = external.replace(ACCESS, "")
    assert co001(no_access) == "the unit and cost centre of the Betalmeg access order (neither is given in access: see NE006)"
    contractor = (CLEAN.replace('cost_allocation:\n  work_order: "81234501"\n', "")
                  .replace("  role: employee\n", "  role: contractor\n  contract: {start: 2024-01-01}\n")
                  .replace("kind: reimbursement", "kind: reimbursement\nunit: IV-IBM"))
    assert co001(contractor) == "the unit and cost centre of the assignment contract (unit IV-IBM)"
    assert co001(contractor.replace("unit: IV-IBM\n", "")) == "the unit and cost centre of the assignment contract"
    given = external.replace("expenses:", 'cost_allocation: {cost_centre: "70001"}\nexpenses:')
    assert co001(given) == "cost centre 70001"
