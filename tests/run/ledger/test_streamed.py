"""`check --ledger` written a claim at a time (`cli.streamed_ledger`) is the collected report, byte
for byte, and leaves the same ledger: every streamed format, -j 1 and 2, with what a ledger
changes in a claim: first sightings from an earlier run, a ledger waiver, a claim-file waiver
(its origin told), duplicates of earlier runs (MX004 by receipt, MX006 by id), a finding
resolved, and files that do not load."""

from __future__ import annotations

import shutil

import pytest
from freezegun import freeze_time
from ledger_support import claim, dump
from typer.testing import CliRunner

from expensecli.cli import check_cmd
from expensecli.cli.main import app

FORMATS = ["json", "jsonl", "concise", "csv", "junit", "table"]


def _history(root, many_claims, ledger: str):
    """An earlier run (three claims, 200 generated ones) and a waiver, then the folder of the
    run to compare."""
    earlier, final = root / "earlier", root / "final"
    for folder in (earlier / "receipts", final / "scans"):
        folder.mkdir(parents=True)
    (earlier / "receipts" / "taxi.pdf").write_bytes(b"%PDF taxi 2024-01-12 450 NOK")
    (earlier / "a.yaml").write_text(claim("R-1", receipt="receipts/taxi.pdf", amount="450.00"))
    (earlier / "b.yaml").write_text(claim("R-2", work_order=False))  # CO001, seen again later
    two = claim("R-3") + ("  - date: 2024-03-02\n    category: equipment\n    description: Mouse\n"
                          "    amount: 99.00\n    attachments:\n      - {type: bank_statement}\n")
    (earlier / "c.yaml").write_text(two)  # DOC001 on expense 1, waived in the ledger below
    (earlier / "d.yaml").write_text(claim("R-5", work_order=False))  # CO001, resolved by the final run
    generated = sorted(many_claims.rglob("*.yaml"))[:200]
    for path in generated:
        shutil.copy(path, earlier / path.name)
    # The claim models are built when first used: by a check outside the frozen clock, whose
    # stand-in `date` class pydantic cannot build them with.
    _invoke("check", str(earlier / "a.yaml"), "--as-of", "2024-05-01", "-f", "json")
    with freeze_time("2024-04-30 22:10:05"):
        _invoke("check", str(earlier), "--ledger", ledger, "--as-of", "2024-05-01", "-f", "json", "-j1")
        _invoke("waive", "R-3", "DOC001", "--reason", "Receipt seen on paper", "--by", "Kari Dahl", "--expense", "1",
                "--ledger", ledger)
    for name in ("b.yaml", "c.yaml"):
        shutil.copy(earlier / name, final / name)
    (final / "d.yaml").write_text(claim("R-5"))
    shutil.copy(earlier / "receipts" / "taxi.pdf", final / "scans" / "IMG_2231.pdf")
    (final / "e.yaml").write_text(claim("R-4", receipt="scans/IMG_2231.pdf", amount="451.00", date="2024-03-02"))
    (final / "f.yaml").write_text(claim("r-1 ", name="Ola Hansen", amount="80.00"))  # MX006 across runs
    (final / "g.yaml").write_text(claim("R-6", work_order=False).replace(
        "expenses:\n", "waivers:\n  - {code: CO001, reason: Paid by the unit, by: Kari Dahl, date: 2024-04-20}\n"
        "expenses:\n", 1))
    (final / "broken.yaml").write_text("id: [unclosed\n")
    for path in generated[:120]:  # 80 claims of the earlier run are gone: their findings stay open
        shutil.copy(path, final / path.name)
    for path in generated[120:150]:  # and 30 came back edited
        (final / path.name).write_text(path.read_text().replace("status: sent", "status: approved"))
    return final


def _invoke(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), (args, result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def earlier(tmp_path_factory, many_claims):
    """A SQLite ledger after the earlier run, copied for each run compared, and the final folder."""
    root = tmp_path_factory.mktemp("streamed-ledger")
    ledger = str(root / "earlier.sqlite")
    return ledger, _history(root, many_claims, ledger)


def _final(folder, ledger: str, chosen: str, jobs: str, streamed: bool, monkeypatch) -> tuple[int, str]:
    with monkeypatch.context() as patch, freeze_time("2024-05-02 06:30:00"):
        patch.setattr(check_cmd, "streams", lambda *options: streamed)
        result = _invoke("check", str(folder), "--ledger", ledger, "-f", chosen, "--as-of", "2024-05-01", "-j", jobs)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("chosen", FORMATS)
def test_a_ledger_run_streamed_is_the_collected_run(earlier, chosen, tmp_path, monkeypatch):
    ledger, final = earlier
    copies = {name: str(tmp_path / f"{name}.sqlite") for name in ("collected", "1", "2")}
    for copy in copies.values():
        shutil.copy(ledger, copy)
    collected = _final(final, copies["collected"], chosen, "1", False, monkeypatch)
    if chosen == "json":  # the run has what a ledger changes in a claim
        for shown in ('"first_seen": "2024-04-30T22:10:05Z"', '"first_seen": "2024-05-02T06:30:00Z"',
                      '"waiver": "ledger"', '"waiver": "claim"', '"MX004"', '"MX006"', '"LOAD00'):
            assert shown in collected[1], shown
    recorded = dump(copies["collected"])
    assert [run["resolved_findings"] for run in recorded["runs"]] == [0, 1]  # R-5's CO001
    for jobs in ("1", "2"):
        assert _final(final, copies[jobs], chosen, jobs, True, monkeypatch) == collected, jobs
        assert dump(copies[jobs]) == recorded, jobs


def test_a_ledger_run_streamed_on_both_backends(tmp_path, ledger, many_claims, monkeypatch):
    """The same on the backend of the `ledger` fixture: a run streamed, then the same folder
    collected, find what a ledger changes and write the same report."""
    final = _history(tmp_path, many_claims, ledger)
    streamed = _final(final, ledger, "json", "2", True, monkeypatch)
    assert '"waiver": "ledger"' in streamed[1] and '"MX004"' in streamed[1]
    assert _final(final, ledger, "json", "2", False, monkeypatch) == streamed
