"""Reading claim files: every problem becomes a located LOAD finding, never an exception."""

import os
import textwrap

import pytest
from conftest import CLEAN, codes, run_check

from expensecli.load.claims import load_claim_bytes, load_claim_file


def load(text: str):
    return load_claim_bytes(textwrap.dedent(text).encode(), "c.yaml", None)


def test_clean_claim_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CLEAN)
    loaded = load_claim_file(path)
    assert loaded.problems == [] and loaded.claim.id == "R-2024-0001"
    assert str(loaded.claim.expenses[0].amount) == "199.00"


def test_missing_file_directory_and_dangling_link(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    os.symlink(tmp_path / "gone", tmp_path / "link.yaml")
    messages = {name: load_claim_file(tmp_path / name).problems[0] for name in ("nope.yaml", "dir.yaml", "link.yaml")}
    assert {p.code for p in messages.values()} == {"LOAD001"}
    assert "does not exist" in messages["nope.yaml"].message
    assert "is a directory" in messages["dir.yaml"].message
    assert "dangling symbolic link" in messages["link.yaml"].message


def test_too_large_file_is_not_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    problem = load_claim_file(path, max_size=100).problems[0]
    assert (problem.code, problem.message) == ("LOAD001", "the file is 500 bytes, over the limit of 100 bytes (--max-file-size)")


def test_latin1_is_refused_with_its_line():
    loaded = load_claim_bytes("id: X\nclaimant: {name: Bj\xf8rn}\n".encode("latin-1"), "c.yaml", None)
    problem = loaded.problems[0]
    assert problem.code == "LOAD001" and problem.at == (2, 20)
    assert "not UTF-8: byte 0xf8 at line 2, column 20" in problem.message


def test_binary_is_refused():
    assert "binary" in load_claim_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "c.yaml", None).problems[0].message


def test_bom_and_crlf_are_fine():
    data = ("\ufeff" + CLEAN).replace("\n", "\r\n").encode()
    assert load_claim_bytes(data, "c.yaml", None).claim is not None


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty; a claim starts with 'id:', 'kind:', ..."),
    ("- a\n- b\n", "the file is a list, not a mapping of fields; a claim starts with 'id:', 'kind:', ..."),
    ("just text\n", "the file is a single value, not a mapping of fields; a claim starts with 'id:', 'kind:', ..."),
])
def test_not_a_mapping(text, message):
    problem = load(text).problems[0]
    assert (problem.code, problem.message) == ("LOAD004", message)


def test_each_schema_error_is_its_own_finding_at_its_line():
    report = run_check("""\
        id: R-1
        kind: travl
        status: sent
        submitted: 2024-03-05
        claimant: {name: Kari, role: employee}
        expenses:
          - date: 2024-02-30
            category: books
            amuont: 12.345
            manager_agreement: yes
        """)
    found = [(f.line, f.column, f.message) for f in report.findings]
    assert found == [
        (2, 7, "kind: input should be 'travel' or 'reimbursement', got 'travl' (did you mean 'travel'?)"),
        (7, 5, "missing required field 'amount' in expenses[0]"),
        (7, 11, "expenses[0].date: date 2024-02-30 is not a real date: day is out of range for month"),
        (9, 5, "unknown field 'amuont' in expenses[0] (did you mean 'amount'?)"),
        (10, 24, "expenses[0].manager_agreement: input should be a valid boolean, got 'yes'"),
    ]
    assert set(codes(report)) == {"LOAD004"}
    assert report.id == "R-1" and report.kind is None


def test_unknown_key_without_a_close_match_lists_the_allowed_keys():
    report = run_check(CLEAN.replace("role: employee", "role: employee\n  shoe_size: 42"))
    assert report.findings[0].message == (
        "unknown field 'shoe_size' in claimant; allowed here: name, role, email, phone_country, contract, access")


def test_unquoted_time_gets_a_hint_to_quote_it():
    report = run_check(CLEAN.replace("category: equipment", "category: catering").replace(
        "    attachments:", "    event: {type: meeting, date: 2024-03-01, start: 10:30, end: '12:00',"
        " occasion: board, participants: {internal: 4}}\n    attachments:"))
    assert [(f.line, f.message) for f in report.findings] == [
        (15, 'expenses[0].event.start: time 10:30 must be quoted ("10:30"): unquoted, YAML 1.1 tools read it as a number')]


@pytest.mark.parametrize("change, message", [
    (("kind: reimbursement", "kind: travel"), "missing required field 'trip': a travel claim needs trip.start and trip.end"),
    (("category: equipment", "category: catering"), "missing required field 'event': a catering expense needs an event block"),
    (("    description: USB-C cable\n", ""), None),
    (("category: equipment\n    description: USB-C cable", "category: other"), "missing required field 'description': category other needs a description"),
])
def test_conditional_requirements(change, message):
    report = run_check(CLEAN.replace(*change))
    assert [f.message for f in report.findings if f.code == "LOAD004"] == ([message] if message else [])


@pytest.mark.parametrize("change, message", [
    (("kind: reimbursement", "kind: travel"), "missing required field 'trip': a travel claim needs trip.start and trip.end"),
    (("category: equipment", "category: catering"), "missing required field 'event': a catering expense needs an event block"),
    (("category: equipment\n    description: USB-C cable", "category: other"), "missing required field 'description': category other needs a description"),
    (("category: equipment\n    description: USB-C cable", 'category: other\n    description: " "'), "missing required field 'description': category other needs a description"),
    (("    attachments:", "    event: {type: meeting}\n    attachments:"), "an event block belongs to catering or representation, not equipment"),
])
def test_conditional_requirements_are_reported_beside_the_schema_errors(change, message):
    """One run names every violation: a claim the schema refuses (an amount with three decimals)
    still gets the conditions the data as read decides."""
    report = run_check(CLEAN.replace(*change).replace("amount: 199.00", "amount: 199.001"))
    messages = [f.message for f in report.findings if f.code == "LOAD004"]
    assert message in messages and "expenses[0].amount: amount 199.001 has more than 2 decimals" in messages


def test_conditions_on_a_value_the_schema_refused_are_left_to_its_own_error():
    report = run_check(CLEAN.replace("kind: reimbursement", "kind: Travel").replace("category: equipment", "category: cateringg"))
    assert not any("missing required field" in f.message for f in report.findings)
    assert len(report.findings) == 2 and all(f.code == "LOAD004" for f in report.findings)


def test_amount_rules_at_their_line():
    report = run_check(CLEAN.replace("amount: 199.00", "amount: -5"))
    assert [(f.code, f.line, f.message) for f in report.findings] == [
        ("LOAD004", 14, "expenses[0].amount: must be greater than 0, got -5")]


def test_a_blank_optional_text_is_absent_and_its_rule_reports_it():
    blank = run_check(CLEAN.replace('  work_order: "81234501"', '  work_order: "  "\n  cost_centre: ""'))
    assert [(f.code, f.message) for f in blank.findings] == [
        ("CO001", 'no work order (K7): the cost goes to "Generelle driftskostnader" of the claimant\'s employment')]
    other = run_check(CLEAN.replace("category: equipment\n    description: USB-C cable",
                                    'category: other\n    description: " "'))
    assert [f.message for f in other.findings] == [
        "missing required field 'description': category other needs a description"]


def test_a_blank_required_text_is_still_a_schema_error():
    report = run_check(CLEAN.replace("name: Kari Nordmann", 'name: ""'))
    assert [(f.code, f.path) for f in report.findings] == [("LOAD004", "claimant.name")]


def test_language_country_and_currency_codes_in_any_letter_case():
    text = (CLEAN.replace("amount: 199.00", "amount: 19.90\n    currency: eur\n    rate: 10")
            .replace("- type: receipt", "- {type: receipt, language: DE}")
            .replace("role: employee", "role: employee\n  phone_country: se"))
    report = run_check(text)
    claim = load(text).claim
    assert (claim.expenses[0].currency, claim.expenses[0].attachments[0].language) == ("EUR", "de")
    assert claim.claimant.phone_country == "SE"
    assert str(report.total) == "199.00"
    assert [f.message for f in report.findings] == [
        "attachment 0 of expense 0 is in language 'de' and lacks a description of the payment basis and"
        " shows_payment: true"]
    nordic = run_check(text.replace("language: DE", "language: SV"))
    assert codes(nordic) == []


def test_each_load_finding_cites_the_sentence_it_rests_on():
    """A duplicate key cites the catalogue's LOAD003 line; a schema problem the claim format's
    sentence on shape; an unknown field the sentence on unknown keys."""
    format_page = 'expensecli claim format v2: "'
    duplicate = run_check(CLEAN.replace("kind: reimbursement", "kind: reimbursement\nkind: travel"))
    assert [f.source for f in duplicate.findings] == ['expensecli rule catalog v2: "a mapping key appears twice"']
    schema = run_check(CLEAN.replace("amount: 199.00", "amount: 199.001").replace("role: employee",
                                                                                  "role: employee\n  shoe: 42"))
    assert sorted((f.path, f.source) for f in schema.findings) == [
        ("claimant.shoe", format_page + 'Unknown keys are an error (with a "did you mean" hint), so a typo never'
                                        ' silently drops a value."'),
        ("expenses[0].amount", format_page + "Schema errors (LOAD004) are about shape: missing required fields,"
                                             ' wrong types, bad enum values, impossible dates."')]


@pytest.mark.parametrize("category", ["[taxi]", "{a: 1}", "12", "null"])
def test_a_category_that_is_no_text_is_its_own_schema_error_not_a_crash(category):
    report = run_check(CLEAN.replace("category: equipment", f"category: {category}").replace(
        "amount: 199.00", "amount: 199.001"))
    assert {f.code for f in report.findings} == {"LOAD004"} and any(f.path == "expenses[0].category"
                                                                   for f in report.findings)
