"""Every code of spec/rules.md has a failing and a passing example, and the engine agrees with both.

The examples are the ones `rules explain` shows (expensecli/rule_examples/<CODE>.yaml). A code
whose rule is not registered yet is expected to fail its test (xfail, not strict), so the suite
turns strict for it by itself once the rule lands.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import REPO, codes, run_batch, run_check

from expensecli.load.claims import load_claim_bytes
from expensecli.load.ratebook import load_ratebook
from expensecli.policy.engine import check
from expensecli.policy.registry import all_rules
from expensecli.report.explain import RULE_FIGURES, figure
from expensecli.report.rule_examples import adjusted_book, claim_files, example_codes, example_reports, load_example

SPEC_RULES = REPO.parent / "shared" / "spec" / "rules.md"

# The codes of spec/rules.md (v2), kept here too so the tests run where the spec is not checked out.
SPEC_CODES = (
    "LOAD001 LOAD002 LOAD003 LOAD004 RT001 DOC001 DOC002 DOC003 DOC004 DOC005 DL001 DL002 DL003"
    " NE001 NE002 NE003 NE004 NE005 NE006 NE007 RB001 RB002 RB003 TR001 TR002 CA001 CA002 CA003"
    " CA004 CA005 CA006 CA007 CA008 CA009 CA010 CA011 RP001 RP002 RP003 RP004 ST001 ST002 ST003 MX001"
    " MX002 MX003 MX004 MX005 MX006 WV001 WV002 CO001").split()
# Codes whose rule cannot apply to a claim file alone. WV002 judges waivers against the controllers
# given by --controllers; its example names them (`controllers:`), so it is no longer one of them.
NEEDS_CONFIGURATION: tuple[str, ...] = ()
CODES = [code for code in SPEC_CODES if code not in NEEDS_CONFIGURATION]

REGISTERED = set(all_rules())


def spec_table_codes(text: str) -> list[str]:
    return re.findall(r"^\|\s*([A-Z]{2,4}\d{3})\s*\|", text, flags=re.MULTILINE)


def by_code() -> list:
    not_yet = pytest.mark.xfail(strict=False, reason="rule not registered yet")
    return [pytest.param(code, marks=() if code in REGISTERED else not_yet) for code in CODES]


def reports_of(code: str, which: str):
    example = load_example(code)
    if example.controllers:
        return example_reports(example, load_ratebook(), which)
    if len(example.fail if which == "fail" else example.passes) > 1:
        assert not example.sheet, "batch examples run on the bundled sheets"
        return run_batch({name: data.decode() for name, data in claim_files(example, which)},
                         as_of=example.as_of.isoformat())
    ((name, data),) = claim_files(example, which)
    book = adjusted_book(load_ratebook(), example.sheet)
    if example.fail_encoding != "utf-8" and which == "fail":
        return check([load_claim_bytes(data, name, None)], book, example.as_of)
    return [run_check(data.decode(), as_of=example.as_of.isoformat(), book=book, name=name)]


def test_spec_codes_match_the_copy_kept_here():
    if not SPEC_RULES.is_file():
        pytest.skip(f"{SPEC_RULES} is not here (the spec lives beside the repository)")
    found = spec_table_codes(SPEC_RULES.read_text(encoding="utf-8"))
    assert found == SPEC_CODES
    assert len(set(found)) == len(found) == 52


def test_table_rows_are_read_from_markdown():
    text = "| code | sev | when |\n|---|---|---|\n| CA001 | error | x |\n| RP004 | warning | y |\nCA002 in prose\n"
    assert spec_table_codes(text) == ["CA001", "RP004"]


def test_every_spec_code_has_one_example_file():
    assert example_codes() == sorted(CODES)


def test_no_rule_is_registered_outside_the_spec():
    assert REGISTERED <= set(SPEC_CODES)
    assert REGISTERED.isdisjoint(NEEDS_CONFIGURATION)


@pytest.mark.parametrize("code", by_code())
def test_failing_example_reports_its_code(code):
    reports = reports_of(code, "fail")
    assert code in [c for report in reports for c in codes(report)]


@pytest.mark.parametrize("code", by_code())
def test_passing_example_is_clean(code):
    reports = reports_of(code, "pass")
    found = [(f.file, f.code, f.message) for report in reports for f in report.findings]
    assert found == []
    assert all(report.loaded for report in reports)


def test_examples_say_what_fails_and_differ_from_the_passing_one():
    for code in CODES:
        example = load_example(code)
        assert example.about.strip(), code
        assert isinstance(example.as_of, dt.date)
        failing = [data for _, data in claim_files(example, "fail")]
        assert failing != [data for _, data in claim_files(example, "pass")], code


def test_sheet_changes_reach_the_rules():
    example = load_example("NE007")
    book = adjusted_book(load_ratebook(), example.sheet)
    assert book.sheets[0].betalmeg.sms_blocked_countries == ["XX"]
    assert load_ratebook().sheets[0].betalmeg.sms_blocked_countries == []
    rp004 = adjusted_book(load_ratebook(), load_example("RP004").sheet)
    assert {k: str(v) for k, v in rp004.sheets[0].representation.abroad.items()} == {"DK": "1200"}


def test_latin1_example_is_saved_as_latin1():
    example = load_example("LOAD001")
    ((_, data),) = claim_files(example, "fail")
    assert "Ærø".encode("latin-1") in data
    finding = reports_of("LOAD001", "fail")[0].findings[0]
    assert (finding.code, finding.line) == ("LOAD001", 13)


def test_rule_figures_name_real_sheet_fields_of_real_codes():
    sheet = load_ratebook().sheets[0]
    assert set(RULE_FIGURES) <= set(CODES)
    for code, paths in RULE_FIGURES.items():
        assert paths, code
        for path in paths:
            figure(sheet, path)  # raises AttributeError for a field the sheet does not have
    assert str(figure(sheet, "catering.extended_max")) == "1622"
    assert figure(sheet, "deadlines.due_soon_days") == 7
