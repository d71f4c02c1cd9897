"""MX004 across a batch (issue 12): copies of one claim cost time and output in proportion to
their number; names and receipts are compared as a person would see them."""

import json
import os

import pytest
from conftest import CLEAN, run_batch
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.render.junit import render_junit

_register()
runner = CliRunner()


def mx004(reports):
    return {report.file: [f.message for f in report.findings if f.code == "MX004"] for report in reports}


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("copies")
    for n in range(4000):
        (folder / f"c{n:04}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-{n:04}"))
    return folder


def test_4000_identical_claims_give_one_bounded_mx004_each(copies):
    result = runner.invoke(app, ["check", str(copies), "-f", "concise", "-q", "--as-of", "2024-05-01"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4000  # one finding per claim, not one per pair
    assert lines[0] == (f"{copies}/c0000.yaml:11:5: MX004 [warning] the same expense by the same claimant (199.00"
                        f" NOK on 2024-03-01) is also in {copies}/c0001.yaml (R-2024-0001), {copies}/c0002.yaml"
                        f" (R-2024-0002), {copies}/c0003.yaml (R-2024-0003) and 3996 other claims")
    assert max(len(line) for line in lines) < 400  # each line is bounded: the output is linear in N
    assert len(result.stdout) < 4000 * 400
    for fmt in ("json", "junit", "csv"):
        out = runner.invoke(app, ["check", str(copies), "-f", fmt, "--as-of", "2024-05-01", "-j", "1"]).stdout
        assert len(out) < 4000 * 1200, fmt
    parallel = runner.invoke(app, ["check", str(copies), "-f", "csv", "--as-of", "2024-05-01", "-j", "2"]).stdout
    assert parallel == out  # byte for byte across -j


def test_output_grows_linearly_with_the_number_of_copies(copies, tmp_path):
    sizes = {}
    for n in (500, 1000, 2000):
        names = [str(copies / f"c{i:04}.yaml") for i in range(n)]
        sizes[n] = len(runner.invoke(app, ["check", *names, "-f", "json", "--as-of", "2024-05-01"]).stdout)
    assert 1.9 < sizes[1000] / sizes[500] < 2.1 and 1.9 < sizes[2000] / sizes[1000] < 2.1


def test_junit_renders_a_claim_with_many_findings_in_one_pass():
    from expensecli.core.findings import Finding, Severity
    from expensecli.policy.engine import ClaimResult

    findings = tuple(Finding("big.yaml", n, 1, "MX003", Severity.warning, f"m{n}", "", "s") for n in range(20_000))
    calls = []

    class Counting(Finding):
        def __eq__(self, other):
            calls.append(1)
            return super().__eq__(other)

    counted = tuple(Counting(*[getattr(f, name) for name in Finding.__dataclass_fields__]) for f in findings)
    text = render_junit([ClaimResult("big.yaml", "R-1", kind="travel", findings=counted)])
    assert text.count("MX003") == 20_000
    assert calls == []  # no finding is compared with another: linear


@pytest.mark.parametrize("name", ["Ka\u200bri Nordmann", "Kari Nordmann\u2060", "Ｋａｒｉ Ｎｏｒｄｍａｎｎ",
                                  "K\u0430ri Nordm\u0430nn", "  KARI   nordmann "])
def test_mx004_sees_through_invisible_characters_width_and_lookalikes(name):
    other = CLEAN.replace("R-2024-0001", "R-2024-0002").replace("name: Kari Nordmann", f'name: "{name}"')
    found = mx004(run_batch({"a.yaml": CLEAN, "b.yaml": other}))
    assert found["a.yaml"] == ["the same expense by the same claimant (199.00 NOK on 2024-03-01) is also in"
                               " b.yaml (R-2024-0002)"]


def test_mx004_sees_a_hard_link_or_a_copy_of_the_same_receipt(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "receipt.pdf").write_bytes(b"%PDF receipt 4711")
    os.link(tmp_path / "a" / "receipt.pdf", tmp_path / "b" / "scan.pdf")
    (tmp_path / "b" / "copy.pdf").write_bytes(b"%PDF receipt 4711")
    first = CLEAN.replace("      - type: receipt\n", "      - {type: receipt, file: receipt.pdf}\n")
    second = CLEAN.replace("R-2024-0001", "R-2024-0002").replace("199.00", "250.00").replace(
        "      - type: receipt\n", "      - {type: receipt, file: scan.pdf}\n      - {type: receipt, file: copy.pdf}\n")
    (tmp_path / "a" / "one.yaml").write_text(first)
    (tmp_path / "b" / "two.yaml").write_text(second)
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "json", "--as-of", "2024-05-01"])
    claims = {c["id"]: c for c in json.loads(result.stdout)["claims"]}
    assert [f["message"] for f in claims["R-2024-0002"]["findings"] if f["code"] == "MX004"] == [
        f"attachment scan.pdf is also attached in {tmp_path}/a/one.yaml (R-2024-0001)",
        f"attachment copy.pdf is also attached in {tmp_path}/a/one.yaml (R-2024-0001)"]
