"""Values from claims in every output (issue 12): escaped in text, never a formula in a spreadsheet,
always valid XML, and a defect in a rule or a renderer costs one claim a finding, not the batch."""

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest
from conftest import CLEAN, REPO
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.core.findings import Finding, Severity
from expensecli.policy.engine import ClaimResult
from expensecli.render.junit import render_junit

_register()
runner = CliRunner()

# YAML escapes put what a file may not hold raw into values: ESC (an OSC 8 hyperlink and a clear
# screen), BEL, U+202E (right-to-left override), U+2028 (line separator), U+0085 (NEL), a newline.
HOSTILE = (CLEAN.replace("id: R-2024-0001", 'id: "R-1\\e]8;;http://evil\\aclick\\e]8;;\\a\\e[2J"')
           .replace("kind: reimbursement", 'kind: reimbursement\nunit: "IE\\nforged.yaml:1:1: OK"')
           .replace("name: Kari Nordmann", 'name: "Kari\\u202eNordmann\\L\\N"')
           .replace('  work_order: "81234501"', '  cost_centre: "[link=http://x]y[/link]"')
           .replace("status: sent\nsubmitted: 2024-03-05", "status: draft").replace("role: employee", "role: external"))
RAW = ("\x1b", "\x07", "\u202e", "\u2028", "\x85")
ESCAPED_ID = "R-1\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07\\x1b[2J"
FORMULA = CLEAN.replace("role: employee", "role: contractor").replace("id: R-2024-0001", "id: \"=HYPERLINK('http://evil','x')\"").replace(
    "name: Kari Nordmann", 'name: "@SUM(1+1)"').replace("status: sent\nsubmitted: 2024-03-05", "status: draft").replace(
    'work_order: "81234501"', 'cost_centre: "+47"')

# A board lunch (catering, within its limit) whose id is hostile, and one whose id is a formula: the
# rows of `catering report` carry them.
LUNCH = (REPO / "examples" / "catering" / "board-lunch.yaml").read_text(encoding="utf-8")
HOSTILE_LUNCH = LUNCH.replace("id: R-2024-0412", 'id: "R-2\\e]8;;http://evil\\aclick\\e]8;;\\a\\e[2J"')
FORMULA_LUNCH = LUNCH.replace("id: R-2024-0412", "id: \"=HYPERLINK('http://evil','lunch')\"")
ESCAPED_LUNCH_ID = "R-2\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07\\x1b[2J"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(HOSTILE)
    (folder / "formula.yaml").write_text(FORMULA)
    (folder / "travel.yaml").write_text(CLEAN.replace("id: R-2024-0001", "id: R-2024-0009"))
    (folder / "venue-formula.yaml").write_text(FORMULA_LUNCH, encoding="utf-8")
    (folder / "venue-hostile.yaml").write_text(HOSTILE_LUNCH, encoding="utf-8")
    return folder


COMMANDS = [("check", fmt) for fmt in ("table", "concise", "csv", "json", "jsonl", "junit")] + [
    ("deadlines", fmt) for fmt in ("table", "concise", "csv", "json", "jsonl", "junit")] + [
    ("status", fmt) for fmt in ("table", "concise", "csv", "json", "jsonl")] + [
    ("catering report", fmt) for fmt in ("table", "concise", "csv", "json")]


@pytest.mark.parametrize("command,fmt", COMMANDS)
def test_every_claim_value_is_escaped_in_every_format(folder, command, fmt):
    extra = ["--group-by", "cost_centre"] if command == "status" else []
    colors = [["--color", "always"], []] if fmt == "table" and command != "catering report" else [[]]
    for color in colors:
        result = invoke(*command.split(), folder, "--as-of", "2024-05-01", "-f", fmt, *extra, *color)
        assert result.exit_code in (0, 1), result.output
        out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # the colours we asked for
        for raw in RAW:
            assert raw not in out, (raw, out)
        if (command, fmt) in (("status", "table"), ("check", "table")):
            assert "[link=http://x]y[/link]" in out  # rich markup shown as typed, not a hyperlink
        if (command, fmt) in (("check", "table"), ("check", "csv"), ("deadlines", "concise"), ("deadlines", "table")):
            assert "R-1\\x1b]8;;http://evil" in out
        if command == "catering report":  # its rows are the lunches'
            shown = [row["id"] for row in json.loads(out)["rows"]] if fmt == "json" else out
            assert ESCAPED_LUNCH_ID in shown
        assert "\nforged.yaml:1:1: OK" not in out


def test_escaped_values_read_the_same_in_check_deadlines_and_status(folder):
    claims = {c["file"].rsplit("/", 1)[1]: c for c in json.loads(
        invoke("check", folder, "--as-of", "2024-05-01", "-f", "json").stdout)["claims"]}
    assert claims["hostile.yaml"]["id"] == ESCAPED_ID
    deadlines = json.loads(invoke("status", folder, "--as-of", "2024-05-01", "-f", "jsonl").stdout.splitlines()[1])
    assert (deadlines["id"], deadlines["claimant"], deadlines["unit"]) == (
        ESCAPED_ID, "Kari\\u202eNordmann\\u2028\\x85", "IE\\x0aforged.yaml:1:1: OK")
    assert claims["travel.yaml"]["findings"] == []  # the rest of the batch is checked


@pytest.mark.parametrize("command", ["check", "deadlines", "status", "catering report"])
def test_csv_cells_that_would_start_a_formula_get_an_apostrophe(folder, command):
    result = invoke(*command.split(), folder, "--as-of", "2024-05-01", "-f", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [cell for cell in cells if cell[:1] == "-" and not cell.lstrip("-").replace(".", "").isdigit()]
    if command in ("deadlines", "status"):
        assert "'=HYPERLINK('http://evil','x')" in cells and "'@SUM(1+1)" in cells
    if command == "check":
        assert ["'=HYPERLINK('http://evil','x')", "CO001"] in [
            row[1:3] for row in rows if row[0].endswith("formula.yaml")]
    if command == "catering report":
        assert [row[1] for row in rows if row[0].endswith("venue-formula.yaml")] == ["'=HYPERLINK('http://evil','lunch')"]


def test_csv_keeps_negative_numbers_and_plain_text():
    from expensecli.render.csvcells import safe_cell

    assert [safe_cell(v) for v in ("-12.50", "-3", "=1+1", "+47 123", "-x", "@a", "\tA", "\rA", "ok", 5, None,
                                   True)] == ["-12.50", "-3", "'=1+1", "'+47 123", "'-x", "'@a", "'\tA", "'\rA",
                                              "ok", 5, "", "true"]


def test_junit_stays_valid_xml_whatever_a_report_holds():
    bad = "id\x00\x1b\x0b\udcff\ufffe"
    finding = Finding("a\x00.yaml", 1, 1, "LOAD001", Severity.error, "m\x1bx", "", "src")
    report = ClaimResult("a\x00.yaml", bad, findings=(finding,))
    text = render_junit([report])
    root = ElementTree.fromstring(text)
    case = root.find("testsuite/testcase")
    assert case.get("name") == "a\\x00.yaml (id\\x00\\x1b\\x0b\\udcff\\ufffe)"
    assert case.find("error").text == "a\\x00.yaml:1:1: LOAD001 [error] m\\x1bx"


def test_junit_from_check_parses_with_nul_and_esc_in_the_id(folder):
    (folder / "nul.yaml").write_text(CLEAN.replace("id: R-2024-0001", 'id: "R\\0\\e"'))
    result = invoke("check", folder, "--as-of", "2024-05-01", "-f", "junit")
    names = [case.get("name") for case in ElementTree.fromstring(result.stdout).iter("testcase")]
    assert any(name.endswith("(R\\x00\\x1b)") for name in names)
    assert len(names) == 6


# --- defects cost one claim a finding ------------------------------------------------------------

def test_a_rule_defect_costs_one_claim_a_finding(folder, monkeypatch):
    from expensecli.policy import context

    real = context.catering_rows

    def broken(claim, sheet_for):
        if claim.id == "R-2024-0009":
            raise ZeroDivisionError
        return real(claim, sheet_for)

    monkeypatch.setattr(context, "catering_rows", broken)
    result = invoke("check", folder, "--as-of", "2024-05-01", "-f", "json")
    assert result.exit_code == 1
    claims = {c["file"].rsplit("/", 1)[1]: c for c in json.loads(result.stdout)["claims"]}
    assert [(f["code"], f["message"]) for f in claims["travel.yaml"]["findings"]] == [(
        "LOAD001", "internal error while checking this claim (ZeroDivisionError); it was not fully checked,"
                   " please report it (run again with --traceback for details)")]
    assert claims["travel.yaml"]["id"] == "R-2024-0009"
    assert [f["code"] for f in claims["formula.yaml"]["findings"]] == ["DL001", "CO001", "NE003"]  # the others



@pytest.mark.parametrize("fmt", ["json", "jsonl", "concise", "csv", "junit", "table"])
def test_a_renderer_defect_costs_one_claim_a_finding(folder, monkeypatch, fmt):
    """Each format is broken for formula.yaml's CO001 finding, as a defect in the renderer would be."""
    from rich.table import Table

    from expensecli.render import claims_json, csvcells, junit, text
    from expensecli.render import findings_csv as sheet

    def trap(real, broken):
        def call(*args, **kwargs):
            if broken(*args):
                raise KeyError("boom")
            return real(*args, **kwargs)
        return call

    ours = lambda f: f.file.endswith("formula.yaml") and f.code == "CO001"  # noqa: E731
    monkeypatch.setattr(claims_json, "finding_json", trap(claims_json.finding_json, ours))
    monkeypatch.setattr(text, "concise_line", trap(text.concise_line, ours))
    monkeypatch.setattr(junit, "concise_line", text.concise_line)
    broken_csv = trap(csvcells.csv_text, lambda header, rows: any(
        row[2] == "CO001" and row[0].endswith("formula.yaml") for row in rows))
    monkeypatch.setattr(sheet, "csv_text", lambda header, rows: broken_csv(header, list(rows)))
    monkeypatch.setattr(Table, "add_row", trap(Table.add_row, lambda table, *cells: any(
        "cost centre +47" in str(cell) for cell in cells)))
    monkeypatch.setattr(text, "plain_rows", trap(text.plain_rows, lambda findings, *rest: any(
        "cost centre +47" in f.message for f in findings)))  # the table's rows without colour
    result = invoke("check", folder, "--as-of", "2024-05-01", "-f", fmt, "-j", "1")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "internal error while rendering this claim (KeyError)" in out
    assert "cost centre +47" not in out
    assert "[link=http://x]y[/link]" in out  # the rest is rendered
    if fmt == "json":
        claims = {c["file"].rsplit("/", 1)[1]: c for c in json.loads(out)["claims"]}
        assert [(f["code"], f["line"]) for f in claims["formula.yaml"]["findings"]] == [("LOAD001", 1)]
        assert claims["formula.yaml"]["id"] == "=HYPERLINK('http://evil','x')"
        assert len(claims["hostile.yaml"]["findings"]) > 1
