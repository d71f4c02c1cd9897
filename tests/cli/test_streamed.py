"""`check` written a claim at a time (`cli.streaming`) is the collected report, byte for byte:
every format, -j 1, 2 and 3, with claims the cross-claim rules change (MX004, MX006, and a
waiver of MX004 judged at the end) and files that do not load."""

from __future__ import annotations

import shutil

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


@pytest.mark.parametrize("chosen", ["concise", "table", "json"])
def test_streamed_quiet_and_selected(batch, chosen, monkeypatch):
    args = ["check", str(batch), "-f", chosen, "--as-of", "2024-12-31", "-q", "--ignore", "MX006", "-j", "2"]
    assert _run(args, True, monkeypatch) == _run(args, False, monkeypatch)


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

    assert streams(Format.json, None, False, None)  # stdout is not a terminal under pytest
    assert not streams(Format.json, None, True, None)  # --statistics
    assert not streams(Format.json, None, False, "ledger.db")
    assert not streams(Format.xlsx, None, False, None)


def test_equal_keys_have_equal_digests():
    """The spool compares the keys of MX004 and MX006 by digest first: keys that are equal (an
    amount written 12.5 or 12.50) must have the same one, in any process."""
    import datetime as dt
    from decimal import Decimal

    from expensecli.run.spool import _digest

    day = dt.date(2024, 3, 1)
    assert _digest("MX004", ("expense", "kari", day, Decimal("12.50"), "NOK")) == \
        _digest("MX004", ("expense", "kari", day, Decimal("12.5"), "NOK"))
    assert _digest("MX004", ("expense", "kari", day, Decimal("100"), "NOK")) == \
        _digest("MX004", ("expense", "kari", day, Decimal("1E+2"), "NOK"))
    assert _digest("MX004", ("expense", "kari", day, Decimal("12.5"), "NOK")) != \
        _digest("MX006", ("expense", "kari", day, Decimal("12.5"), "NOK"))
