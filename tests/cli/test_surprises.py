"""No silent surprises (issue 14): what used to pass without a word now says so, and what used to
stop a run without need now runs."""

from __future__ import annotations

import json

import pytest
from conftest import CLEAN
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_claim_files_are_found_in_any_letter_case(tmp_path):
    for n, name in enumerate(("a.YAML", "b.Yml", "c.yaml", "d.yml", "e.txt", "f.YAML.bak")):
        (tmp_path / name).write_text(CLEAN.replace("R-2024-0001", f"R-2024-000{n}").replace("199.00", f"19{n}.00"))
    result = invoke("check", str(tmp_path), "-f", "json", "--as-of", "2024-05-01")
    assert result.exit_code == 0
    files = [claim["file"].rsplit("/", 1)[-1] for claim in json.loads(result.stdout)["claims"]]
    assert files == ["a.YAML", "b.Yml", "c.yaml", "d.yml"]


@pytest.mark.parametrize("command", [["check"], ["deadlines"], ["status"], ["catering", "report"]])
def test_an_empty_folder_is_an_empty_report_with_a_warning_and_exit_0(tmp_path, command):
    (tmp_path / "empty").mkdir()
    stale = tmp_path / "report.json"
    stale.write_text("yesterday's report\n")
    result = invoke(*command, str(tmp_path / "empty"), "-f", "json", "-o", str(stale), "--as-of", "2024-05-01")
    assert result.exit_code == 0
    assert result.stderr == (f"expensecli: warning: no claim files (*.yaml, *.yml) in {tmp_path / 'empty'};"
                             " the report is empty\n")
    document = json.loads(stale.read_text())
    assert document["as_of"] == "2024-05-01"
    assert "yesterday" not in stale.read_text()


def test_an_empty_check_report_in_each_format(tmp_path):
    (tmp_path / "empty").mkdir()
    folder = str(tmp_path / "empty")
    assert invoke("check", folder, "-f", "json", "--as-of", "2024-05-01").stdout == (
        '{\n  "version": 1,\n  "as_of": "2024-05-01",\n  "claims": [],\n'
        '  "summary": {"files": 0, "claims": 0, "errors": 0, "warnings": 0, "infos": 0, "waived": 0}\n}\n')
    assert invoke("check", folder, "-f", "concise").stdout == "0 files, 0 errors, 0 warnings, 0 infos, 0 waived\n"
    assert invoke("check", folder, "-f", "jsonl").stdout == ""
    assert invoke("check", folder, "-f", "csv").stdout == "file,claim_id,code,severity,line,column,path,message,waived\n"
