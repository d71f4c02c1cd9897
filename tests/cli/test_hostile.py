"""The command line under hostile conditions: mixed batches, stdin, broken rate sheets, Ctrl-C,
internal errors, hostile file names and output files (issue 6)."""

import csv
import io
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from xml.etree import ElementTree

import pytest
from conftest import CLEAN, REPO, WARN
from typer.testing import CliRunner

from expensecli.cli import main as cli_main
from expensecli.cli.main import _register, app

_register()
runner = CliRunner()

BAD = CLEAN.replace("id: R-2024-0001", "id: R-2024-0002").replace("199.00", "249.00").replace(
    "      - type: receipt\n", "      - type: bank_statement\n")
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
SHEET = (REPO / "rates" / "2024.yaml").read_text()


def check(*args: str, input: str | None = None):
    return runner.invoke(app, ["check", "--as-of", "2024-05-01", *args], input=input)


# --- a mixed batch -----------------------------------------------------------------------------

@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "bad.yaml").write_text(BAD)
    (folder / "clean.yaml").write_text(CLEAN)
    (folder / "warn.yaml").write_text(WARN)
    (folder / "bomb.yaml").write_text(BOMB)
    (folder / "binary.yaml").write_bytes(b"\x7fELF\x02\x01\x01\x00")
    (folder / "deep.yaml").write_text("[" * 50_000)
    (folder / "python.yaml").write_text("!!python/object/apply:os.system ['echo hi']\n")
    (folder / "dir.yaml").mkdir()
    os.symlink(folder / "missing.yaml", folder / "dangling.yaml")
    return folder


# What `check inbox` finds in each file of the batch above (dir.yaml is a folder, and empty).
INBOX_FINDINGS = {
    "inbox/bad.yaml": [("DOC001", 11, 5)],
    "inbox/binary.yaml": [("LOAD001", 1, 8)],
    "inbox/bomb.yaml": [("LOAD002", 1, 4)],
    "inbox/clean.yaml": [],
    "inbox/dangling.yaml": [("LOAD001", 1, 1)],
    "inbox/deep.yaml": [("LOAD002", 1, 65)],
    "inbox/python.yaml": [("LOAD002", 1, 1)],
    "inbox/warn.yaml": [("DOC005", 16, 31)],
}


def test_mixed_batch_good_files_fully_checked_output_parses_exit_reflects_the_worst(inbox, monkeypatch):
    monkeypatch.chdir(inbox.parent)
    result = check("inbox", "-f", "json")
    assert result.exit_code == 1
    claims = {claim["file"]: claim for claim in json.loads(result.stdout)["claims"]}
    found = {file: [(f["code"], f["line"], f["column"]) for f in claim["findings"]] for file, claim in claims.items()}
    assert found == INBOX_FINDINGS
    for name in ("bad.yaml", "clean.yaml", "warn.yaml"):  # the same as when checked alone
        alone = json.loads(check(f"inbox/{name}", "-f", "json").stdout)["claims"][0]
        assert claims[f"inbox/{name}"] == alone
    assert claims["inbox/binary.yaml"]["findings"][0]["message"] == (
        "not a text file: it contains NUL bytes (binary data)")
    assert check("inbox", "-f", "json", "-j", "2").stdout == result.stdout  # byte for byte
    assert check("inbox", "-f", "json", "--fail-on", "never").exit_code == 0
    assert check("inbox/clean.yaml", "inbox/warn.yaml").exit_code == 0  # a warning alone does not fail
    assert check("inbox/clean.yaml", "inbox/warn.yaml", "inbox/bomb.yaml").exit_code == 1


def test_every_format_still_parses_with_hostile_files_and_holds_every_finding(inbox, monkeypatch):
    monkeypatch.chdir(inbox.parent)
    results = {fmt: check("inbox", "-f", fmt) for fmt in ("jsonl", "junit", "csv")}
    assert {fmt: result.exit_code for fmt, result in results.items()} == {"jsonl": 1, "junit": 1, "csv": 1}
    claims = [json.loads(line) for line in results["jsonl"].stdout.splitlines()]
    assert {claim["file"]: [(f["code"], f["line"], f["column"]) for f in claim["findings"]]
            for claim in claims} == INBOX_FINDINGS
    suite = ElementTree.fromstring(results["junit"].stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("8", "1", "5")
    # a file that did not load is an <error>, an error of a claim a <failure>, a warning <system-out>
    assert {case.get("file"): [(child.tag, child.get("type")) for child in case] for case in suite} == {
        "inbox/bad.yaml": [("failure", "DOC001")], "inbox/binary.yaml": [("error", "LOAD001")],
        "inbox/bomb.yaml": [("error", "LOAD002")], "inbox/clean.yaml": [], "inbox/dangling.yaml": [("error", "LOAD001")],
        "inbox/deep.yaml": [("error", "LOAD002")], "inbox/python.yaml": [("error", "LOAD002")],
        "inbox/warn.yaml": [("system-out", None)]}
    rows = list(csv.DictReader(io.StringIO(results["csv"].stdout)))
    assert [(row["file"], row["code"], int(row["line"]), int(row["column"])) for row in rows] == [
        (file, *finding) for file, findings in INBOX_FINDINGS.items() for finding in findings]


# --- standard input ----------------------------------------------------------------------------

def test_stdin_with_a_filename_is_checked_like_a_file(tmp_path):
    result = check("-", "--stdin-filename", "mail/claim.yaml", "-f", "concise", "-q", input=BOMB)
    assert (result.exit_code, result.stdout) == (
        1, "mail/claim.yaml:1:4: LOAD002 [error] anchor &a is not allowed; write the value out\n")
    (tmp_path / "other.yaml").write_text(CLEAN)
    result = check("-", str(tmp_path / "other.yaml"), "-f", "concise", "-q", input=BAD)
    assert result.exit_code == 1
    assert [line.split(": ")[:2] for line in result.stdout.splitlines()] == [
        ["<stdin>:11:5", "DOC001 [error] expense 0 (equipment, 2024-03-01) has no basis of payment"]]
    result = check("-", "--stdin-filename", "x\n<stdin>:1:1.yaml", "-f", "concise", "-q", input="[")
    assert result.stdout.startswith("x\\x0a<stdin>:1:1.yaml:2:1: LOAD002 [error] YAML syntax error:")


# --- hostile names and keys ------------------------------------------------------------------

def test_file_names_cannot_forge_output_lines_or_break_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.yaml", "wb") as handle:
        handle.write(BAD.encode())
    with open(folder + b"/evil\nfake.yaml:1:1: LOAD001 [error] x.yaml", "wb") as handle:
        handle.write(b"a: 1\n")
    result = runner.invoke(app, ["check", str(tmp_path), "-f", "concise", "-q", "--select", "LOAD,DOC001"])
    lines = result.stdout.replace(f"{tmp_path}{os.sep}", "").splitlines()
    assert lines[0].startswith("caf\\xe9.yaml:11:5: DOC001 [error]")
    assert all(line.startswith("evil\\x0afake.yaml:1:1: LOAD001 [error] x.yaml:1:1: LOAD004") for line in lines[1:])
    document = runner.invoke(app, ["check", str(tmp_path), "-f", "json"]).stdout_bytes
    assert [claim["file"].rsplit(os.sep, 1)[1] for claim in json.loads(document.decode("utf-8"))["claims"]] == [
        "caf\\xe9.yaml", "evil\\x0afake.yaml:1:1: LOAD001 [error] x.yaml"]


def test_a_key_holding_a_newline_is_escaped_in_the_message(tmp_path):
    (tmp_path / "c.yaml").write_text(CLEAN + '"x\\nc.yaml:1:1: LOAD001 [error] forged": 1\n')
    result = check(str(tmp_path / "c.yaml"), "-f", "concise", "-q")
    assert result.stdout.replace(f"{tmp_path}{os.sep}", "") == (
        "c.yaml:17:1: LOAD004 [error] unknown field 'x\\x0ac.yaml:1:1: LOAD001 [error] forged'; allowed here: id,"
        " kind, status, unit, submitted, claimant, history, pre_approval, trip, cost_allocation, waivers, expenses\n")


# --- broken rate sheets: one clear line naming the file, exit 2 -------------------------------

def sheet_folder(tmp_path, **sheets: str):
    folder = tmp_path / "rates"
    folder.mkdir()
    for name, text in sheets.items():
        (folder / f"{name}.yaml").write_text(text)
    return folder


def line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


NO_YEAR = SHEET.replace("year: 2024\n", "")
NEGATIVE = SHEET.replace("short: 224 ", "short: -224")
TWO_NEGATIVE = SHEET.replace("meal: 1622 ", "meal: -1   ").replace("home_factor: 0.8", "home_factor: -0.8")
NEGATIVE_DAYS = SHEET.replace("due_soon_days: 7", "due_soon_days: -7")
TWICE = SHEET + "year: 2025\n"


@pytest.mark.parametrize("sheets, message", [
    ({"2024": NO_YEAR},
     f"2024.yaml:{line_of(NO_YEAR, 'valid_from:')}:1: rate sheet error: missing required field 'year'"),
    ({"2024": NEGATIVE},
     f"2024.yaml:{line_of(NEGATIVE, '-224')}:10: rate sheet error: catering.short: must be greater than 0, got -224"),
    ({"2024": TWO_NEGATIVE}, f"2024.yaml:{line_of(TWO_NEGATIVE, 'meal: -1')}:9: rate sheet error: representation.meal:"
                             " must be greater than 0, got -1 (and 1 more; expensecli rates check"
                             " {folder}/2024.yaml lists them all)"),
    ({"2024": NEGATIVE_DAYS}, f"2024.yaml:{line_of(NEGATIVE_DAYS, 'due_soon_days')}:18: rate sheet error:"
                              " deadlines.due_soon_days: count must not be negative, got -7"),
    ({"2024": SHEET, "2024-extra": SHEET.replace("valid_from: 2024-01-01", "valid_from: 2024-06-01")},
     "2024-extra.yaml: rate sheet error: valid 2024-06-01 to 2024-12-31 overlaps {folder}/2024.yaml"
     " (valid 2024-01-01 to 2024-12-31); one date needs one sheet"),
    ({"2024": "- year: 2024\n"}, "2024.yaml:1:1: rate sheet error: a rate sheet is a mapping starting with 'year:'"),
    ({"2024": TWICE}, f"2024.yaml:{line_of(TWICE, 'year: 2025')}:1: rate sheet error: key 'year' appears twice"
                      " (first at line 3, column 1); the later value would silently replace the first"),
    ({"2024": SHEET.replace("valid_to: 2024-12-31", "valid_to: 2023-12-31")},
     "2024.yaml:3:1: rate sheet error: top level: valid_to 2023-12-31 is before valid_from 2024-01-01"),
    ({"2024": SHEET.replace("currency: NOK", "currency: NOK\x00")},
     f"2024.yaml:{line_of(SHEET, 'currency')}:14: rate sheet error: not a text file: it contains NUL bytes"
     " (binary data)"),
])
def test_broken_rate_sheets_exit_2_naming_the_file_and_line(tmp_path, sheets, message):
    folder = sheet_folder(tmp_path, **sheets)
    (tmp_path / "c.yaml").write_text(CLEAN)
    result = check(str(tmp_path / "c.yaml"), "--rates", str(folder))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"expensecli: error: {folder}{os.sep}{message.format(folder=folder)}\n"


# --- internal errors: one line without claim data, unless --traceback -------------------------

def explode(*_args, **_kwargs):
    raise ValueError("Kari Nordmann 199.00 R-2024-0001")  # claim data in the exception text


def run_entry_point(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    import expensecli.cli.check_cmd as check_cmd
    import expensecli.cli.streaming as streaming

    monkeypatch.setattr(check_cmd, "CHECK", {chosen: explode for chosen in check_cmd.CHECK})
    monkeypatch.setattr(streaming, "streamed", explode)  # a defect of the streamed path too
    monkeypatch.setattr(sys, "argv", ["expensecli", *args])
    with pytest.raises(SystemExit) as done:
        cli_main.run()
    return done.value.code, capsys.readouterr().err


def test_an_internal_error_is_one_line_without_claim_data(tmp_path, monkeypatch, capsys):
    (tmp_path / "c.yaml").write_text(CLEAN)
    code, err = run_entry_point(monkeypatch, capsys, "check", str(tmp_path / "c.yaml"))
    assert (code, err) == (2, "expensecli: internal error (ValueError); run again with --traceback for details"
                              " and please report it\n")


def test_traceback_shows_the_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "c.yaml").write_text(CLEAN)
    with pytest.raises(ValueError, match="Kari Nordmann"):  # escapes run(): Python prints the traceback
        run_entry_point(monkeypatch, capsys, "--traceback", "check", str(tmp_path / "c.yaml"))


def test_ctrl_c_anywhere_in_run_is_130_without_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli_main, "_register", lambda argv: (_ for _ in ()).throw(KeyboardInterrupt()))
    monkeypatch.setattr(sys, "argv", ["expensecli", "check", str(tmp_path)])
    with pytest.raises(SystemExit) as done:
        cli_main.run()
    assert (done.value.code, capsys.readouterr().err) == (130, "expensecli: interrupted\n")


# --- the output file ---------------------------------------------------------------------------

def test_output_file_is_whole_with_usual_permissions_and_unwritable_targets_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(BAD)
    old_umask = os.umask(0o022)
    try:
        assert check("c.yaml", "-f", "json", "-o", "out.json").exit_code == 1
    finally:
        os.umask(old_umask)
    assert json.loads((tmp_path / "out.json").read_text())["summary"]["errors"] == 1
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644
    (tmp_path / "folder").mkdir()
    for target, reason in (("missing/out.json", "no such file or directory"), ("folder", "is a directory")):
        result = check("c.yaml", "-o", target)
        assert (result.exit_code, result.stderr) == (2, f"expensecli: error: cannot write {target}: {reason}\n")
    assert sorted(os.listdir(tmp_path)) == ["c.yaml", "folder", "out.json"]  # no temp file left
    assert os.listdir(tmp_path / "folder") == []


# --- Ctrl-C during a batch ---------------------------------------------------------------------

# Runs the real entry point and says "checking" on stderr once a file is being checked, so the
# signal is sent while the batch is surely running (in this process or in a worker). Ctrl-C is
# handled as in a terminal's foreground job even when the tests run as a background job, whose
# commands start with SIGINT ignored (and Python then leaves it ignored).
ANNOUNCING = """
import signal
import sys
from expensecli.run import batch
from expensecli.cli.main import run

signal.signal(signal.SIGINT, signal.default_int_handler)

said = []

def announced(real):
    def announcing(*args, **kwargs):
        if not said:
            said.append(True)
            sys.stderr.write("checking\\n")
            sys.stderr.flush()
        return real(*args, **kwargs)
    return announcing

batch.read_claim_file = announced(batch.read_claim_file)  # every claim file is read through it
sys.argv = ["expensecli", *sys.argv[1:]]
run()
"""



@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch_exits_130_and_leaves_no_output_file(many_claims, tmp_path, jobs):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.json").write_text("previous result\n")
    process = subprocess.Popen(
        [sys.executable, "-c", ANNOUNCING, "check", str(many_claims), "--as-of", "2024-05-01", "-f", "json",
         "-j", jobs, "-o", str(out / "result.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=REPO)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True)
    reader.start()
    try:
        announced = [lines.get(timeout=30) for _ in range(int(jobs))]  # every worker is checking
        os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    reader.join(timeout=30)  # stderr read to its end: every line the run wrote is in the queue
    assert not reader.is_alive()
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    assert announced == ["checking\n"] * int(jobs)
    assert process.returncode == 130
    assert "".join(rest) == "expensecli: interrupted\n"
    assert process.stdout.read() == ""
    assert sorted(os.listdir(out)) == ["old.json"]  # no result.json and no temp file


def test_stdin_is_read_only_up_to_the_size_limit():
    from typer.testing import CliRunner

    from expensecli.cli.main import _register, app

    _register()
    result = CliRunner().invoke(app, ["check", "-", "--max-file-size", "100", "-f", "concise", "-q"],
                                input="a: " + "x" * 10_000 + "\n")
    assert result.exit_code == 1
    assert result.stdout == "<stdin>:1:1: LOAD001 [error] the file is over the limit of 100 bytes (--max-file-size)\n"


def test_rule_messages_cannot_forge_output_lines(tmp_path):
    from conftest import CLEAN
    from typer.testing import CliRunner

    from expensecli.cli.main import _register, app

    _register()
    claim = tmp_path / "c.yaml"
    claim.write_text(CLEAN.replace("      - type: receipt\n",
                                   '      - {type: receipt, file: "gone.pdf\\nfake.yaml:1:1: LOAD001 [error] x"}\n'))
    result = CliRunner().invoke(app, ["check", str(claim), "-f", "concise", "-q"])
    assert result.stdout.count("\n") == 1
    assert "gone.pdf\\x0afake.yaml:1:1" in result.stdout


def test_the_last_lines_of_a_run_in_bokmal(tmp_path, monkeypatch, capsys):
    (tmp_path / "c.yaml").write_text(CLEAN)
    code, err = run_entry_point(monkeypatch, capsys, "check", str(tmp_path / "c.yaml"), "--lang", "nb")
    assert (code, err) == (2, "expensecli: intern feil (ValueError); kjør på nytt med --traceback for detaljer,"
                              " og meld gjerne fra om feilen\n")
    monkeypatch.setattr(cli_main, "_register", lambda argv: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(SystemExit) as done:  # the language of the run is already bokmål
        cli_main.run()
    assert (done.value.code, capsys.readouterr().err) == (130, "expensecli: avbrutt\n")


def test_rate_sheets_file_names_and_the_configuration_cannot_send_a_terminal_an_escape(tmp_path, monkeypatch):
    """A rate sheet, its file name and a configuration file lie in shared folders as claims do:
    what they hold is escaped in `rates list|check`, `rules explain` and `config show` (with
    colour kept, as on a terminal, where Click strips nothing)."""
    monkeypatch.chdir(tmp_path)
    sheet = (REPO / "rates" / "2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "\x1b[2J2024.yaml").write_text(sheet, encoding="utf-8")
    (tmp_path / "approvers").mkdir()
    assert "representation_approvers: [rector," in sheet
    (tmp_path / "approvers" / "2024.yaml").write_text(sheet.replace(
        "representation_approvers: [rector,", 'representation_approvers: ["\\e]0;owned\\a\\e[2Jrector",'),
        encoding="utf-8")
    (tmp_path / "expensecli.toml").write_text('controllers = ["Kari Dahl\\u202e\\u001b[8m"]\n', encoding="utf-8")
    outputs = {}
    for args in (["rates", "list", "--rates", "sheets"], ["rates", "check", "sheets"],
                 ["rules", "explain", "RP002", "--rates", "approvers"], ["config", "show"],
                 ["config", "show", "-f", "json"]):
        result = runner.invoke(app, ["--no-pager", *args], color=True)
        assert result.exit_code == 0, args
        assert not any(c in result.stdout for c in "\x1b\x07\u202e"), args
        outputs[" ".join(args[:2] if args[0] != "config" else args)] = result.stdout
    assert "sheets/\\x1b[2J2024.yaml" in outputs["rates list"] and "sheets/\\x1b[2J2024.yaml: ok" in outputs["rates check"]
    assert "\\x1b]0;owned\\x07\\x1b[2Jrector, pro_rector" in outputs["rules explain"]
    assert "Kari Dahl\\u202e\\x1b[8m" in outputs["config show"]
    assert '"Kari Dahl\\\\u202e\\\\x1b[8m"' in outputs["config show -f json"]
