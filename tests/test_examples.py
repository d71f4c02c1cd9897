"""The shipped examples: each loads or fails as intended, and `check -f json` over all of them
has exactly the shape of spec/cli.md."""

import json
import re

from conftest import EXAMPLES
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()

CLAIM_KEYS = ["file", "id", "kind", "status", "role", "total", "currency", "deadline", "submitted", "days_late",
              "catering", "findings"]
FINDING_KEYS = ["code", "severity", "message", "line", "column", "path", "source", "waived"]
CATERING_KEYS = ["expense", "type", "tier", "venue", "participants", "per_participant", "limit", "excess", "rate_year"]
AMOUNT = re.compile(r"\d+\.\d{2}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BROKEN_ON_PURPOSE = {"broken-syntax.yaml", "duplicate-key.yaml", "typos.yaml"}


def test_check_json_over_the_examples_has_the_shape_of_the_spec():
    result = CliRunner().invoke(app, ["check", str(EXAMPLES), "-f", "json", "--as-of", "2024-05-01"])
    assert result.exit_code == 1 and result.stderr == ""
    document = json.loads(result.stdout)
    assert list(document) == ["version", "as_of", "claims", "summary"]
    assert list(document["summary"]) == ["files", "claims", "errors", "warnings", "infos", "waived"]
    files = sorted(path.name for path in EXAMPLES.rglob("*.yaml"))
    assert sorted(claim["file"].rsplit("/", 1)[-1] for claim in document["claims"]) == files
    for claim in document["claims"]:
        assert list(claim) == CLAIM_KEYS
        loaded = claim["kind"] is not None
        assert loaded == (claim["file"].rsplit("/", 1)[-1] not in BROKEN_ON_PURPOSE), claim["file"]
        assert claim["currency"] == "NOK"
        assert claim["total"] is None or AMOUNT.fullmatch(claim["total"])
        for key in ("deadline", "submitted"):
            assert claim[key] is None or DATE.fullmatch(claim[key])
        assert claim["days_late"] is None or isinstance(claim["days_late"], int)
        for row in claim["catering"]:
            assert list(row) == CATERING_KEYS
            assert AMOUNT.fullmatch(row["per_participant"]) and AMOUNT.fullmatch(row["limit"])
        for finding in claim["findings"]:
            assert list(finding) == FINDING_KEYS
            assert finding["severity"] in ("error", "warning", "info")
            assert finding["line"] >= 1 and finding["column"] >= 1 and finding["source"]
            if not loaded:
                assert finding["code"].startswith("LOAD")
    waived = sum(f["waived"] for claim in document["claims"] for f in claim["findings"])
    assert document["summary"]["waived"] == waived == 1


def test_no_two_examples_share_a_claim_id():
    ids = [line.split(":", 1)[1].strip() for path in sorted(EXAMPLES.rglob("*.yaml"))
           for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("id:")]
    assert len(ids) == len(set(ids)) >= 20
    result = CliRunner().invoke(app, ["check", str(EXAMPLES), "-f", "json", "--as-of", "2024-05-01", "--select", "MX006"])
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["errors"] == 0


def test_the_julebord_past_midnight_and_the_diett_claim_check_clean():
    names = ["catering/julebord-past-midnight.yaml", "claims/employee-diett-travel.yaml"]
    result = CliRunner().invoke(app, ["check", *[str(EXAMPLES / name) for name in names], "-f", "json",
                                      "--as-of", "2024-05-01"])
    assert result.exit_code == 0
    claims = {claim["file"].rsplit("/", 1)[-1]: claim for claim in json.loads(result.stdout)["claims"]}
    julebord, diett = claims["julebord-past-midnight.yaml"], claims["employee-diett-travel.yaml"]
    assert julebord["findings"] == diett["findings"] == []
    assert (julebord["catering"][0]["tier"], julebord["catering"][0]["per_participant"]) == ("extended", "1450.00")
    assert (diett["deadline"], diett["submitted"], diett["total"]) == ("2024-05-17", "2024-04-19", "6640.00")
