"""`check` written a claim at a time (`cli.streaming`) is the collected report, byte for byte:
every format, -j 1, 2 and 3, with claims the cross-claim rules change (MX004, MX006, and a
waiver of MX004 judged at the end) and files that do not load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from expensecli.cli import check_cmd
from expensecli.cli.main import app


@pytest.fixture(scope="module")
def batch(tmp_path_factory, many_claims):
    folder = tmp_path_factory.mktemp("streamed") / "claims"
    files = sorted(many_claims.rglob("*.yaml"))[:90]
    for path in files:
        target = folder / path.relative_to(many_claims)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    # copies: the same id (MX006) and the same expenses (MX004), before and after their originals
    shutil.copy(files[3], folder / "0-copy-first.yaml")
    shutil.copy(files[40], folder / "zz-copy-last.yaml")
    shutil.copy(files[40], folder / "zz-copy-again.yaml")
    waived = files[7].read_text().replace("expenses:\n", "waivers:\n  - {code: MX004, reason: Split on purpose,"
                                          " by: Kari Dahl, date: 2024-04-20}\nexpenses:\n", 1)
    (folder / "waived-copy.yaml").write_text(waived)  # MX004 waived; MX006 not
    (folder / "stale-waiver.yaml").write_text(files[9].read_text().replace(
        "expenses:\n", "waivers:\n  - {code: MX006, reason: None here, by: Kari Dahl, date: 2024-04-20}\n"
        "expenses:\n", 1).replace("id: ", "id: X", 1))  # WV001: a cross-claim code that finds nothing
    (folder / "broken.yaml").write_text("id: [unclosed\n")
    (folder / "empty.yaml").write_text("")
    (folder / "schema.yaml").write_text("id: R-1\nkind: nonsense\n")
    (folder / "control.yaml").write_text("id: \"=HYPERLINK(1)\\u0007\"\nkind: travel\n")
    return folder


def _run(args: list[str], streamed: bool, monkeypatch) -> tuple[int, str]:
    with monkeypatch.context() as patch:
        patch.setattr(check_cmd, "streams", lambda *options: streamed)
        result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("chosen", ["json", "jsonl", "concise", "csv", "junit", "table"])
def test_streamed_output_is_the_collected_output(batch, chosen, monkeypatch):
    args = ["check", str(batch), "-f", chosen, "--as-of", "2024-12-31"]
    collected = _run([*args, "-j", "1"], False, monkeypatch)
    found = collected[1]
    if chosen != "table":  # the table names only the claims with findings
        assert all(code in found for code in ("MX004", "MX006", "WV001", "LOAD00"))
    for jobs in ("1", "2", "3"):
        assert _run([*args, "-j", jobs], True, monkeypatch) == collected, jobs
        assert _run([*args, "-j", jobs], False, monkeypatch) == collected, jobs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_cross_claim_findings_point_where_they_stand(batch, jobs, monkeypatch):
    """The spool keeps only digests of the MX004/MX006 keys (no positions); a claim whose key is
    shared is checked again, and its findings point at the id or the expense they name."""
    report = json.loads(_run(["check", str(batch), "-f", "json", "--as-of", "2024-12-31", "-j", jobs], True,
                             monkeypatch)[1])
    found = [(claim["file"], f) for claim in report["claims"] for f in claim["findings"]
             if f["code"] in ("MX004", "MX006")]
    assert {f["code"] for _, f in found} == {"MX004", "MX006"}
    for file, finding in found:
        line = Path(file).read_text().splitlines()[finding["line"] - 1]
        if finding["code"] == "MX006":  # the id's value
            assert (finding["path"], line[:finding["column"] - 1]) == ("id", "id: ")
        else:  # the expense: its first key
            assert finding["path"].startswith("expenses[") and line[finding["column"] - 1:].startswith("date:")


@pytest.mark.parametrize("chosen", ["concise", "table", "json"])
def test_streamed_quiet_and_selected(batch, chosen, monkeypatch):
    args = ["check", str(batch), "-f", chosen, "--as-of", "2024-12-31", "-q", "--ignore", "MX006", "-j", "2"]
    assert _run(args, True, monkeypatch) == _run(args, False, monkeypatch)


def test_the_coloured_table_streams_as_collected(batch, monkeypatch):
    """The table is drawn at the end from what each claim left in the spool (`table_record`):
    with colour (rich draws it), a waived finding dimmed, it is the collected table too."""
    args = ["check", str(batch), "-f", "table", "--color", "always", "--as-of", "2024-12-31"]
    collected = _run([*args, "-j", "1"], False, monkeypatch)
    assert "\x1b[" in collected[1] and "(waived)" in collected[1]
    for jobs in ("1", "2"):
        assert _run([*args, "-j", jobs], True, monkeypatch) == collected, jobs


@pytest.mark.parametrize("color", ["always", "never"])
def test_the_table_written_directly_is_the_one_rich_draws(batch, color, monkeypatch):
    """The rows and titles are written as rich would draw them (`render.text.plain_rows`,
    `plain_title`): the whole table, with and without colour, is the one rich draws a claim at a
    time. Also for the examples, whose messages hold non-ASCII text and waivers, in bokmål too."""
    from expensecli.render import text

    examples = Path(__file__).parents[2] / "examples"
    for folder, lang in ((batch, "en"), (examples, "en"), (examples, "nb")):
        args = ["check", str(folder), "-f", "table", "--color", color, "--as-of", "2024-12-31", "-j", "1",
                "--lang", lang]
        direct = _run(args, True, monkeypatch)
        with monkeypatch.context() as patch:
            patch.setattr(text, "direct_colour", lambda console: None)
            assert _run(args, True, monkeypatch) == direct
        assert ("\x1b[1;31m" in direct[1]) == (color == "always")
        assert ("før kontraktstart" in direct[1]) == (lang == "nb" and folder == examples)  # æøå folded directly


def test_a_table_record_keeps_what_the_table_shows():
    """`shown_record(table_record(r))` has every field the table draws (the title's, and each
    finding's line, column, code, severity, message and waiver), whatever the text holds."""
    from expensecli.core.findings import Finding, Severity
    from expensecli.policy.engine import ClaimResult
    from expensecli.render.streamed import shown_record, table_record

    odd = "claims/\udcff-\u202e\"x\".yaml"  # a file name that is no UTF-8, a bidi control, quotes
    findings = (Finding(odd, 3, 7, "DL001", Severity.error, "late\nby 2 days \u00e6", "submitted", "NTNU", False),
                Finding(odd, 12, 1, "MX004", Severity.warning, "twice", "expenses[0]", "NTNU", True, "ledger"))
    report = ClaimResult(odd, "R-1", "travel", "sent", "employee", "Kari", findings=findings)
    shown = shown_record(table_record(report))
    assert (shown.file, shown.id, shown.kind, shown.status, shown.role) == (odd, "R-1", "travel", "sent", "employee")
    assert [(f.line, f.column, f.code, f.severity, f.message, f.waived, f.waiver) for f in shown.findings] == [
        (3, 7, "DL001", Severity.error, "late\nby 2 days \u00e6", False, None),
        (12, 1, "MX004", Severity.warning, "twice", True, "ledger")]
    assert shown_record(table_record(ClaimResult("empty.yaml", None))) == ClaimResult("empty.yaml", None)
    assert table_record(report).encode("utf-8", "surrogatepass")  # as the spool writes it


def test_streamed_to_a_file(batch, tmp_path, monkeypatch):
    """-o streams (nothing to page): the file is the collected text, and nothing is left beside it."""
    out = tmp_path / "out.json"
    code, _ = _run(["check", str(batch), "-f", "json", "-o", str(out), "--as-of", "2024-12-31"], True, monkeypatch)
    collected = _run(["check", str(batch), "-f", "json", "--as-of", "2024-12-31"], False, monkeypatch)
    assert (code, out.read_text(encoding="utf-8")) == collected
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_an_empty_batch_streams_as_collected(tmp_path, monkeypatch):
    for chosen in ("json", "junit", "table", "concise", "csv", "jsonl"):
        args = ["check", str(tmp_path), "-f", chosen]
        assert _run(args, True, monkeypatch) == _run(args, False, monkeypatch)


def test_what_streams():
    from expensecli.cli.streaming import streams
    from expensecli.render import Format

    assert all(streams(None, chosen, statistics) for chosen in Format for statistics in (False, True))
    assert all(streams("ledger.db", chosen) for chosen in Format if chosen is not Format.xlsx)
    # what needs the whole batch's recorded reports: only the new findings, counts of codes, a workbook
    assert not streams("ledger.db", Format.json, only_new=True)
    assert not streams("ledger.db", Format.table, statistics=True)
    assert not streams("ledger.db", Format.xlsx)


def test_on_a_terminal_the_streamed_parts_are_paged_from_a_file_or_printed(tmp_path, monkeypatch):
    """A terminal gets the collected text too: through the pager when it is taller than the
    screen (the parts held in a temporary file meanwhile, not in memory), else printed."""
    import tempfile

    from expensecli.cli import pager

    monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > '{paged}'")
    args = ["check", "examples", "-f", "concise", "--as-of", "2024-05-01"]
    collected = _run([*args, "--no-pager"], False, monkeypatch)
    assert collected[1].count("\n") == 32
    monkeypatch.setenv("LINES", "10")
    assert _run(args, True, monkeypatch) == (1, "")
    assert paged.read_text() == collected[1]
    paged.unlink()
    monkeypatch.setenv("LINES", "40")  # it fits: printed
    assert _run(args, True, monkeypatch) == collected
    assert list(tmp_path.iterdir()) == []  # nothing paged, no temporary file left


@pytest.mark.parametrize("chosen", ["json", "jsonl", "concise", "csv", "junit", "table"])
def test_streamed_statistics_are_the_collected_statistics(batch, chosen, monkeypatch):
    """--statistics counts from the reports read back from the spool, each time it goes through
    them: the same text as from the reports held in memory, the same exit code."""
    args = ["check", str(batch), "--statistics", "-f", chosen, "--as-of", "2024-12-31"]
    collected = _run([*args, "-j", "1"], False, monkeypatch)
    assert all(code in collected[1] for code in ("MX004", "MX006", "WV001", "LOAD00"))
    for jobs in ("1", "2"):
        assert _run([*args, "-j", jobs], True, monkeypatch) == collected, jobs
    quiet = [*args, "-q", "--ignore", "MX006"]
    assert _run(quiet, True, monkeypatch) == _run(quiet, False, monkeypatch)


@pytest.mark.parametrize("extra", [[], ["--statistics"]])
def test_the_spinner_is_gone_before_the_pager_takes_the_screen(extra, monkeypatch):
    from contextlib import contextmanager

    from expensecli.cli import pager, streaming

    happened = []

    @contextmanager
    def status_line(text, show):
        happened.append("spinner on")
        yield
        happened.append("spinner off")

    monkeypatch.setattr(streaming, "status_line", status_line)
    monkeypatch.setattr(pager, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(pager, "_through_pager", lambda source: happened.append("pager") or True)
    monkeypatch.setenv("LINES", "3")
    _run(["check", "examples", "--as-of", "2024-05-01", "-f", "concise", *extra], True, monkeypatch)
    assert happened == ["spinner on", "spinner off", "pager"]


def test_streamed_statistics_workbook_and_empty_batch(batch, tmp_path, monkeypatch):
    args = ["check", str(batch), "--statistics", "-f", "xlsx", "--as-of", "2024-12-31"]
    streamed, collected = _xlsx(args, True, monkeypatch), _xlsx(args, False, monkeypatch)
    assert streamed[0] == collected[0] == 1 and _cells(streamed[1]) == _cells(collected[1])
    (tmp_path / "in").mkdir()
    for chosen in ("json", "table", "concise", "csv", "jsonl", "junit"):
        args = ["check", str(tmp_path / "in"), "--statistics", "-f", chosen]
        assert _run(args, True, monkeypatch) == _run(args, False, monkeypatch), chosen


def _xlsx(args: list[str], streamed: bool, monkeypatch, target=None) -> tuple[int, bytes]:
    """The exit code and the workbook's bytes, written to `target` or to stdout."""
    with monkeypatch.context() as patch:
        patch.setattr(check_cmd, "streams", lambda *options: streamed)
        result = CliRunner().invoke(app, [*args, *(["-o", str(target)] if target else [])])
    assert result.exit_code in (0, 1), result.output
    if target:
        assert result.stdout_bytes == b""
        return result.exit_code, target.read_bytes()
    return result.exit_code, result.stdout_bytes


def _cells(data: bytes) -> list:
    """All a spreadsheet shows of a workbook: sheet names in order, column widths and formats,
    frozen panes, filter, and each cell's value, type, number format, font, fill, border and
    alignment."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = []
    for sheet in book.worksheets:
        columns = sorted((key, d.width, d.min, d.max, d.number_format) for key, d in sheet.column_dimensions.items())
        rows = [[(cell.value, cell.data_type, cell.number_format,
                  *(repr(style) for style in (cell.font, cell.fill, cell.border, cell.alignment)))  # all they hold
                 for cell in row] for row in sheet.iter_rows()]
        sheets.append((sheet.title, sheet.dimensions, sheet.freeze_panes, sheet.auto_filter.ref, columns, rows))
    return sheets


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_streamed_workbook_is_the_collected_workbook(batch, lang, tmp_path, monkeypatch):
    """xlsx streams in constant memory (its strings in the cells, not in a shared table): the
    bytes differ, what a spreadsheet reads back is the collected workbook, cell by cell."""
    args = ["--lang", lang, "check", str(batch), "-f", "xlsx", "--as-of", "2024-12-31"]
    code, data = _xlsx([*args, "-j", "1"], False, monkeypatch, tmp_path / "collected.xlsx")
    collected = _cells(data)
    assert [sheet[0] for sheet in collected] == (["Summary", "Claims", "Findings", "Catering"] if lang == "en" else
                                                 ["Sammendrag", "Krav", "Funn", "Bevertning"])
    codes = {row[2][0] for row in collected[2][5][1:]}
    assert {"MX004", "MX006", "WV001"} <= codes and any(code.startswith("LOAD00") for code in codes)
    assert len(collected[1][5]) == 1 + collected[0][5][1][1][0] == 100  # a row a file (and a header)
    for jobs in ("1", "2"):
        target = tmp_path / f"streamed-{jobs}.xlsx"
        streamed = _xlsx([*args, "-j", jobs], True, monkeypatch, target)
        assert streamed[0] == code and _cells(streamed[1]) == collected, jobs
        assert _cells(_xlsx([*args, "-j", jobs], True, monkeypatch)[1]) == collected, jobs  # to stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["collected.xlsx", "streamed-1.xlsx",
                                                                  "streamed-2.xlsx"]


def test_an_empty_batch_streams_its_workbook_as_collected(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    args = ["check", str(tmp_path / "in"), "-f", "xlsx"]
    streamed, collected = _xlsx(args, True, monkeypatch), _xlsx(args, False, monkeypatch)
    assert streamed[0] == collected[0] and _cells(streamed[1]) == _cells(collected[1])


def test_the_streamed_workbook_leaves_no_temporary_file(batch, tmp_path, monkeypatch):
    """XlsxWriter's own temporary files (a sheet's rows, the parts of the archive) and the copy
    for stdout are in a folder of the run's, removed when it ends."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    _xlsx(["check", str(batch), "-f", "xlsx", "-j", "2"], True, monkeypatch)
    _xlsx(["check", str(batch), "-f", "xlsx"], True, monkeypatch, tmp_path / "out.xlsx")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("forked", [True, False])
def test_equal_keys_have_equal_digests(forked, monkeypatch):
    """The spool compares the keys of MX004 and MX006 by digest first: keys that are equal (an
    amount written 12.5 or 12.50) must have the same one, in any process (`hash` where workers
    are forked, else the portable digest)."""
    import datetime as dt
    from decimal import Decimal

    from expensecli.run import spool
    from expensecli.run.spool import _digest

    monkeypatch.setattr(spool, "WORKERS_FORKED", forked)
    day = dt.date(2024, 3, 1)
    assert _digest("MX004", ("expense", "kari", day, Decimal("12.50"), "NOK")) == \
        _digest("MX004", ("expense", "kari", day, Decimal("12.5"), "NOK"))
    assert _digest("MX004", ("expense", "kari", day, Decimal("100"), "NOK")) == \
        _digest("MX004", ("expense", "kari", day, Decimal("1E+2"), "NOK"))
    assert _digest("MX004", ("expense", "kari", day, Decimal("12.5"), "NOK")) != \
        _digest("MX006", ("expense", "kari", day, Decimal("12.5"), "NOK"))


def test_a_forked_worker_makes_the_digests_this_process_makes():
    """Where workers are forked, a key's digest is `hash`: the worker's must be this process's."""
    import datetime as dt
    from decimal import Decimal

    from expensecli.run import workers
    from expensecli.run.spool import _digest

    if not workers.WORKERS_FORKED:
        pytest.skip("workers are spawned here: the portable digest is used")
    keys = [("MX004", ("expense", "kari nordmann", dt.date(2024, 3, 1), Decimal("12.50"), "NOK")),
            ("MX004", ("file", "sha256:" + "ab" * 32)), ("MX006", ("id", "bm-2024-00017"))]
    with workers.mp_context().Pool(1) as pool:
        theirs = pool.starmap(_digest, keys)
    assert theirs == [_digest(code, key) for code, key in keys]
