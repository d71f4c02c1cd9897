"""What a shared folder may hold that must not be trusted (issue 12): links leaving the folders,
devices, unreadable subfolders, one file named twice, attachments outside the claim's folder,
and output targets that are not regular files."""

import json
import os
import stat

import pytest
from conftest import CLEAN
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()

SECRET = "aws_secret_access_key: AKIAIOSFODNN7EXAMPLE\n"
LEAVES = ("LOAD001 [error] link leaves the folder: it points outside the folders given on the command line"
          " (--follow-links to check it)")


def check(*args, input=None):
    return runner.invoke(app, ["check", "--as-of", "2024-05-01", "-f", "concise", "-q", *map(str, args)],
                         input=input)


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "credentials.yaml").write_text(SECRET)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "clean.yaml").write_text(CLEAN)
    (folder / "sub").mkdir()
    (folder / "sub" / "other.yaml").write_text(CLEAN.replace("R-2024-0001", "R-2024-0002").replace("199.00", "299.00"))
    os.symlink(tmp_path / "home" / "credentials.yaml", folder / "aws.yaml")
    os.symlink("sub/other.yaml", folder / "inside.yaml")  # stays in the folder: the same file as sub/other.yaml
    return folder


def test_a_missing_file_named_with_brackets_is_load001_and_a_glob_matching_nothing_an_empty_batch(inbox):
    missing = check("inbox/reise [kopi].yaml")
    assert (missing.exit_code, missing.stdout) == (
        1, "inbox/reise [kopi].yaml:1:1: LOAD001 [error] cannot read the file: it does not exist\n")
    (inbox / "reise [kopi].yaml").write_text(CLEAN.replace("R-2024-0001", "R-2024-0009"))
    assert check("inbox/reise [kopi].yaml").exit_code == 0  # the file itself, not a pattern
    assert check("inbox/r[0-9].yaml").exit_code == 1  # brackets alone, matching nothing: a missing file (LOAD001)
    empty = check("inbox/nothing/*.yaml")
    assert (empty.exit_code, empty.stdout) == (0, "")
    assert "no claim files (*.yaml, *.yml) in inbox/nothing/*.yaml" in empty.stderr


def test_a_link_leaving_the_folder_is_load001_and_its_target_is_never_read(inbox):
    result = check("inbox")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"inbox/aws.yaml:1:1: {LEAVES}"]  # clean.yaml and sub/other.yaml pass
    assert "AKIA" not in result.output
    claims = json.loads(runner.invoke(app, ["check", "inbox", "-f", "json", "--as-of", "2024-05-01"]).stdout)
    assert sorted(c["file"] for c in claims["claims"]) == ["inbox/aws.yaml", "inbox/clean.yaml", "inbox/inside.yaml"]
    glob = check("inbox/*.yaml")
    assert glob.stdout.splitlines() == [f"inbox/aws.yaml:1:1: {LEAVES}"]


def test_follow_links_follows_them(inbox):
    result = check("inbox", "--follow-links")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("inbox/aws.yaml:1:1: LOAD004 [error]")
    assert check("inbox/aws.yaml").stdout.startswith("inbox/aws.yaml:1:1: LOAD004")  # named on its own: read


def test_the_same_file_named_twice_is_checked_once(inbox, tmp_path):
    result = runner.invoke(app, ["check", "inbox/clean.yaml", str(tmp_path / "inbox" / "clean.yaml"),
                                 "./inbox/clean.yaml", "inbox/sub/other.yaml", "inbox/inside.yaml", "-f", "json",
                                 "--as-of", "2024-05-01"])
    assert result.exit_code == 0
    claims = json.loads(result.stdout)["claims"]
    assert [c["file"] for c in claims] == [str(tmp_path / "inbox" / "clean.yaml"), "inbox/inside.yaml"]  # first name
    assert all(c["findings"] == [] for c in claims)  # no MX004: a file is not its own duplicate


def test_stdin_filename_naming_a_file_also_given_is_refused(inbox):
    result = check("-", "inbox/clean.yaml", "--stdin-filename", "inbox/clean.yaml", input=CLEAN)
    assert result.exit_code == 2
    assert result.stderr == ("expensecli: error: --stdin-filename inbox/clean.yaml is also named as a file to check;"
                             " give standard input another name, or leave the file out\n")
    other = CLEAN.replace("R-2024-0001", "R-2024-0002")  # the same id in two files would be MX006
    assert check("-", "inbox/clean.yaml", "--stdin-filename", "mail/c.yaml", input=other).exit_code == 0


def test_devices_are_never_opened(inbox, monkeypatch):
    from expensecli.load import textfiles

    opened = []
    real_open = os.open
    monkeypatch.setattr(textfiles.os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    os.symlink("/dev/null", inbox / "null.yaml")
    result = check("/dev/zero", "inbox", "--follow-links", "-j", "1")
    assert "/dev/zero:1:1: LOAD001 [error] cannot read the file: it is not a regular file" in result.stdout
    assert "inbox/null.yaml:1:1: LOAD001 [error] cannot read the file: it is not a regular file" in result.stdout
    assert [path for path in opened if path.startswith("/dev") or "null" in path] == []
    assert "inbox/clean.yaml" in " ".join(opened)


def test_an_unreadable_subfolder_is_load001_for_the_folder(inbox, monkeypatch):
    locked = inbox / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text(CLEAN)
    if os.geteuid() == 0:  # root reads every folder: refuse it as the file system would
        real = os.scandir

        def scandir(path="."):
            if os.fspath(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        result = check("inbox")
    finally:
        locked.chmod(stat.S_IRWXU)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"inbox/aws.yaml:1:1: {LEAVES}",
        "inbox/locked:1:1: LOAD001 [error] cannot read the folder: permission denied; the claims in it were not checked"]


# --- -o and standard output --------------------------------------------------------------------

def test_output_never_replaces_a_claim_file_read_nor_the_ledger(inbox, tmp_path):
    """A slip in a cron line (`-o audit.sqlite`, `-o inbox/clean.yaml`) must not destroy the
    ledger's history and waivers, nor a claim: refused, exit 2, the file as it was."""
    claim = (tmp_path / "inbox" / "clean.yaml").read_bytes()
    os.symlink(tmp_path / "inbox" / "clean.yaml", tmp_path / "to-claim.yaml")
    for target in ("inbox/clean.yaml", "to-claim.yaml"):
        result = check("inbox", "-f", "csv", "-o", target)
        assert (result.exit_code, result.stderr) == (
            2, f"expensecli: error: will not write {target}: it is a claim file this command reads\n")
    assert (tmp_path / "inbox" / "clean.yaml").read_bytes() == claim
    assert check("inbox", "--ledger", "audit.sqlite").exit_code == 1
    assert check("inbox", "--ledger", "audit.sqlite").exit_code == 1  # two runs, for ledger diff
    refused = "expensecli: error: will not write audit.sqlite: it is the ledger this command uses\n"
    for args in (["check", "inbox/clean.yaml", "--ledger", "audit.sqlite"],
                 ["check", "inbox/clean.yaml", "--ledger", "sqlite:///audit.sqlite"],
                 ["check", "inbox/clean.yaml", "--ledger", "sqlite+pysqlite:///audit.sqlite"],
                 ["check", "inbox/clean.yaml", "--ledger", "sqlite:///audit%2Esqlite"],
                 ["report", "inbox/clean.yaml", "--ledger", "audit.sqlite"],
                 ["ledger", "export", "--ledger", "audit.sqlite"],
                 ["ledger", "diff", "--ledger", "audit.sqlite"]):
        result = runner.invoke(app, [*args, "-o", "audit.sqlite"])
        assert (result.exit_code, result.stderr) == (2, refused), args
    info = runner.invoke(app, ["ledger", "info", "--ledger", "audit.sqlite", "-f", "json"])
    assert json.loads(info.stdout)["runs"] == 2  # refused before any claim was checked: no run recorded
    ahead = check("inbox", "--ledger", "audit.sqlite", "-f", "csv", "-o", "inbox/clean.yaml")
    assert ahead.exit_code == 2 and json.loads(runner.invoke(app, ["ledger", "info", "--ledger", "audit.sqlite",
                                                                    "-f", "json"]).stdout)["runs"] == 2
    assert check("inbox/clean.yaml", "-o", "elsewhere.txt").exit_code == 0  # any other file is written


def test_output_refuses_fifos_and_links_to_them_and_writes_through_links_to_regular_files(inbox, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / "to-pipe")
    for target in ("pipe", "to-pipe"):
        result = check("inbox/clean.yaml", "-o", target)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"expensecli: error: will not write {target}: it is ")
        assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)  # still a FIFO
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "check.txt"
    report.write_text("old\n")
    report.chmod(0o640)
    os.symlink(report, tmp_path / "latest.txt")
    assert check("inbox/clean.yaml", "-o", "latest.txt").exit_code == 0
    assert os.path.islink(tmp_path / "latest.txt")  # the link is kept, its file replaced
    assert report.read_text() == "" and stat.S_IMODE(report.stat().st_mode) == 0o640
    os.symlink(tmp_path / "reports" / "new.txt", tmp_path / "new-link.txt")  # leads to nothing yet
    assert check("inbox/clean.yaml", "-o", "new-link.txt").exit_code == 0
    assert (tmp_path / "reports" / "new.txt").read_text() == ""
    assert sorted(os.listdir(tmp_path / "reports")) == ["check.txt", "new.txt"]  # no temp file left


@pytest.mark.parametrize("where, message", [
    ("closed", "cannot write the result to standard output: the reader has gone"),
    ("/dev/full", "cannot write the result to standard output: no space left on device"),
])
def test_stdout_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, where, message):
    import subprocess
    import sys

    from conftest import REPO

    for n in range(30):
        (tmp_path / f"c{n}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-{n:04}"))
    command = [sys.executable, "-m", "expensecli", "check", str(tmp_path), "-f", "json", "-j", "1"]
    if where == "closed":
        read, write = os.pipe()
        os.close(read)
        process = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True, cwd=REPO)
        os.close(write)
    else:
        with open(where, "w") as full:
            process = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO)
    assert (process.returncode, process.stderr) == (2, f"expensecli: error: {message}\n")


# --- attachments ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["/etc/shadow", "../../etc/passwd", "sub/../../outside.pdf", "link/secret.pdf"])
def test_attachment_paths_leaving_the_claims_folder_are_doc005_and_not_looked_up(inbox, tmp_path, monkeypatch, name):
    from expensecli.load import attachments as loading

    (tmp_path / "outside.pdf").write_text("x")
    os.symlink(tmp_path / "home", inbox / "link")
    (tmp_path / "home" / "secret.pdf").write_text("x")
    (inbox / "receipt.pdf").write_text("receipt")
    claim = CLEAN.replace("      - type: receipt\n", f'      - {{type: receipt, file: "{name}"}}\n'
                          "      - {type: receipt, file: receipt.pdf}\n")
    (inbox / "clean.yaml").write_text(claim)
    looked_up = []
    real_identity = loading._identity
    monkeypatch.setattr(loading, "_identity", lambda path, *a: looked_up.append(str(path)) or real_identity(path, *a))
    result = check("inbox/clean.yaml", "-j", "1")
    assert result.exit_code == 0  # DOC005 is a warning
    assert result.stdout == (
        f"inbox/clean.yaml:16:31: DOC005 [warning] attachment path leaves the claim's folder: '{name}' of expense 0;"
        " give a path relative to the claim file, inside its folder (it was not looked up)\n")
    assert looked_up == [str(inbox.resolve() / "receipt.pdf")]  # only the attachment inside the folder


NAMES = ["a.pdf", "sub/b.pdf", "sub/missing.pdf", "missing/x.pdf", "a.pdf/x", "sub", "linkin/b.pdf", "linkout/c.pdf",
         "sub/../a.pdf", "./a.pdf", "sub//b.pdf", "sub/", "filelink.pdf", "fileout.pdf", "dangling.pdf", "loop/x",
         "sub/deeper/d.pdf", "sub/uplink/a.pdf", "../outside/c.pdf", "/etc/passwd"]


def test_an_attachment_is_identified_as_when_its_whole_path_is_resolved(tmp_path):
    """A path with no link, `.` or `..` in it is checked part by part from the claim's folder; any
    other is resolved as a whole: either way the same answer as resolving every path whole."""
    from expensecli.load import attachments as loading
    from expensecli.models.claimfile import OUTSIDE

    folder, outside = tmp_path / "claims", tmp_path / "outside"
    (folder / "sub" / "deeper").mkdir(parents=True)
    outside.mkdir()
    (folder / "a.pdf").write_text("a")
    (folder / "sub" / "b.pdf").write_text("b")
    (folder / "sub" / "deeper" / "d.pdf").write_text("a")  # the same content as a.pdf
    (outside / "c.pdf").write_text("c")
    for link, target in [("linkin", folder / "sub"), ("linkout", outside), ("filelink.pdf", folder / "a.pdf"),
                         ("fileout.pdf", outside / "c.pdf"), ("dangling.pdf", folder / "none.pdf"),
                         ("loop", folder / "loop"), ("sub/uplink", folder)]:
        os.symlink(target, folder / link)
    real = os.path.realpath(folder)

    def whole(name: str):
        if os.path.isabs(name) or os.path.normpath(name).split(os.sep)[0] == os.pardir:
            return OUTSIDE
        try:
            resolved = os.path.realpath(os.path.join(real, name))
        except (OSError, RuntimeError):
            return None
        return loading._identity(resolved) if resolved.startswith(real + os.sep) else OUTSIDE

    answers = {name: loading.attachment_identity(real, name) for name in NAMES}
    assert answers == {name: whole(name) for name in NAMES}
    assert answers["a.pdf"] == answers["sub/deeper/d.pdf"] == answers["filelink.pdf"] == answers["sub/uplink/a.pdf"]
    assert answers["linkout/c.pdf"] == answers["fileout.pdf"] == answers["/etc/passwd"] == OUTSIDE
    assert answers["sub/missing.pdf"] is answers["dangling.pdf"] is answers["sub"] is None

