"""The engine: rate-sheet choice (RT001), selection, waivers, ordering, severity."""

import datetime as dt

import pytest
from conftest import CLEAN, codes, run_check

from expensecli.load.claims import load_claim_bytes
from expensecli.load.ratebook import load_ratebook
from expensecli.policy.engine import check, check_one, worst
from expensecli.policy.selection import Selection

BROKEN = CLEAN.replace('cost_allocation:\n  work_order: "81234501"\n', "").replace(
    "      - type: receipt\n", "      - type: bank_statement\n")  # CO001 + DOC001


def run(text: str, selection=Selection()):
    return check([load_claim_bytes(text.encode(), "c.yaml", None)], load_ratebook(), dt.date(2024, 5, 1), selection)[0]


@pytest.mark.parametrize("select, ignore, expected", [
    (None, None, ["CO001", "DOC001"]),
    ("DOC", None, ["DOC001"]),
    (None, "DOC", ["CO001"]),
    ("DOC,CO", "CO001", ["DOC001"]),
    ("DOC001", "DOC", ["DOC001"]),  # the more specific entry wins
    ("doc001", None, ["DOC001"]),
])
def test_select_and_ignore_by_code_or_prefix(select, ignore, expected):
    assert codes(run(BROKEN, Selection.parse(select, ignore))) == expected


def test_unknown_selection_entries_are_named():
    assert Selection.parse("CA01X,DOC", "ZZ").unknown({"DOC001", "CA001"}) == ["CA01X", "ZZ"]


def test_waived_findings_are_reported_but_not_counted():
    waived = BROKEN.replace("expenses:", "waivers:\n  - {code: DOC001, reason: \"Receipt lost, bank statement accepted\","
                            " by: Kari Dahl, date: 2024-03-06}\nexpenses:")
    report = run(waived)
    assert [(f.code, f.waived) for f in report.findings] == [("CO001", False), ("DOC001", True)]
    assert worst([report]) == "info"


def test_findings_are_sorted_by_line_then_code():
    report = run(BROKEN.replace("amount: 199.00", "amount: 19.90\n    currency: EUR"))
    assert [(f.line, f.code) for f in report.findings] == [(1, "CO001"), (9, "DOC001"), (13, "MX001")]


def test_rt001_when_no_sheet_covers_the_date():
    report = run_check(CLEAN.replace("2024-03-0", "2025-03-0").replace("kind: reimbursement", "kind: reimbursement")
                       .replace("role: employee", "role: contractor\n  contract: {start: 2025-01-01}")
                       .replace("submitted: 2025-03-05", "submitted: 2025-03-05\npre_approval: {by: Ola, date: 2025-01-02}"),
                       as_of="2025-04-01")
    rt = [f for f in report.findings if f.code == "RT001"]
    assert [f.message for f in rt] == [
        "no rate sheet covers 2025-03-01 (year 2025); the 2024 sheet (valid 2024-01-01 to 2024-12-31) was used instead"]
    assert rt[0].severity == "warning"


def test_a_rule_that_breaks_does_not_stop_the_batch(monkeypatch):
    from expensecli.policy import registry
    from expensecli.policy.rules import documentation

    broken = registry.Rule("DOC003", registry.get("DOC003").severity, "x", registry.get("DOC003").source,
                           lambda ctx: 1 / 0)
    monkeypatch.setattr(registry, "claim_checks", lambda: [broken])
    report = run(CLEAN)
    assert [f.message for f in report.findings] == [
        "internal error in rule DOC003 (ZeroDivisionError); the rule was not applied to this claim, please report it"]
    assert documentation  # the real module stays registered


def test_unplaced_codes_leave_their_items_unlocated_and_the_findings_alone():
    """A caller that keeps only the keys of some cross-claim codes (the spool) spares their
    positions; every other item, and the report's findings, are the same."""
    loaded = load_claim_bytes(BROKEN.encode(), "c.yaml", None)
    placed = check_one(0, loaded, load_ratebook(), dt.date(2024, 5, 1))
    spared = check_one(0, loaded, load_ratebook(), dt.date(2024, 5, 1), unplaced=frozenset({"MX004"}))
    assert placed.batch_items["MX004"] and all(item.line > 0 for item in placed.batch_items["MX004"])
    assert [(item.line, item.column) for item in spared.batch_items["MX004"]] == [(0, 0)] * len(
        placed.batch_items["MX004"])
    assert [item._replace(line=0, column=0) for item in placed.batch_items["MX004"]] == spared.batch_items["MX004"]
    assert spared.batch_items["MX006"] == placed.batch_items["MX006"] and spared.batch_items["MX006"][0].line == 1
    assert spared.findings == placed.findings
