"""Hostile and broken claim files: each gets one clear, located finding and the exit code 1,
and nothing is expanded, executed, read whole or left unchecked (issue 6)."""

import json
import os
import signal
from contextlib import contextmanager

import pytest
from conftest import CLEAN, run_check
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()

# CLEAN with one DOC001 finding at a known place (line 11, column 5: the expense).
BAD = CLEAN.replace("      - type: receipt\n", "      - type: bank_statement\n")
DOC001 = ("DOC001 [error] expense 0 (equipment, 2024-03-01) has no basis of payment: bank_statement; a receipt,"
          " invoice or order confirmation is needed (a bank statement alone only shows the payment)")


def check(*args: str, input: str | None = None):
    return runner.invoke(app, ["check", "--as-of", "2024-05-01", "-f", "concise", "-q", *args], input=input)


def only_line(folder, name: str, content, *args: str) -> tuple[int, str]:
    """Write one file, check it, and return the exit code and its single output line."""
    (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    result = check(str(folder / name), *args)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return result.exit_code, lines[0].replace(f"{folder}{os.sep}", "")


@contextmanager
def within(seconds: float = 20.0):
    """Fail instead of hanging (SIGALRM interrupts even a blocked open or read). The bound is far
    above what the work takes on a busy machine and far below what an expansion, a blocked open
    or a quadratic pass would take; what each test proves is in its assertions."""
    def expired(*_):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- YAML that tries to expand, execute or recurse --------------------------------------------

def test_billion_laughs_is_refused_at_the_first_anchor_without_expanding(tmp_path):
    lines = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        before, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"l{level}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    with within():
        code, line = only_line(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    assert (code, line) == (1, "bomb.yaml:1:6: LOAD002 [error] anchor &a is not allowed; write the value out")


def test_an_alias_alone_is_refused_too(tmp_path):
    assert only_line(tmp_path, "alias.yaml", CLEAN + "again: *x\n") == (
        1, "alias.yaml:17:8: LOAD002 [error] alias *x is not allowed; write the value out")


@pytest.mark.parametrize("text, line", [
    ("!!python/object/apply:os.system ['touch {marker}']\n",
     "1:1: LOAD002 [error] tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; remove it"),
    ("id: !!python/object/new:os.system ['touch {marker}']\n",
     "1:5: LOAD002 [error] tag tag:yaml.org,2002:python/object/new:os.system is not allowed; remove it"),
    ("id: X\nkind: !!python/name:os.system\n",
     "2:7: LOAD002 [error] tag tag:yaml.org,2002:python/name:os.system is not allowed; remove it"),
    ("id: X\nclaimant: !include secrets.yaml\n", "2:11: LOAD002 [error] tag !include is not allowed; remove it"),
    ("id: X\nexpenses: !!set {a, b}\n", "2:11: LOAD002 [error] tag tag:yaml.org,2002:set is not allowed; remove it"),
    ("id: !!binary aGVsbG8=\n", "1:5: LOAD002 [error] tag tag:yaml.org,2002:binary is not allowed; remove it"),
])
def test_python_and_other_tags_are_refused_and_nothing_runs(tmp_path, text, line):
    marker = tmp_path / "executed"
    assert only_line(tmp_path, "tag.yaml", text.replace("{marker}", str(marker))) == (1, f"tag.yaml:{line}")
    assert not marker.exists()


@pytest.mark.parametrize("text, where", [
    ("[" * 20_000 + "]" * 20_000, "1:65"),
    ("- " * 20_000 + "x\n", "1:129"),
    ("a: {" * 20_000 + "}" * 20_000, "1:256"),
    ("[" * 200_000, "1:65"),  # enough to crash libyaml's recursive composer: must not reach it
    ("".join(" " * level + "k:\n" for level in range(2_000)), "65:65"),
])
def test_deep_nesting_is_refused_without_recursion(tmp_path, text, where):
    with within():
        assert only_line(tmp_path, "deep.yaml", text) == (
            1, f"deep.yaml:{where}: LOAD002 [error] nesting deeper than 64 levels")


def test_a_hundred_thousand_values_is_the_limit(tmp_path):
    with within():
        code, line = only_line(tmp_path, "wide.yaml", "[" + "1," * 150_000 + "1]\n")
    assert (code, line) == (1, "wide.yaml:1:200000: LOAD002 [error] more than 100000 values in one file;"
                               " a claim has far fewer")


def test_many_unknown_keys_give_fifty_findings_and_a_count(tmp_path):
    (tmp_path / "keys.yaml").write_text(CLEAN + "".join(f"extra{i}: {i}\n" for i in range(5_000)))
    with within():
        result = check(str(tmp_path / "keys.yaml"))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 51
    assert lines[0] == (f"{tmp_path / 'keys.yaml'}:17:1: LOAD004 [error] unknown field 'extra0'; allowed here:"
                        " id, kind, status, unit, submitted, claimant, history, pre_approval, trip, cost_allocation,"
                        " waivers, expenses")
    assert lines[50] == (f"{tmp_path / 'keys.yaml'}:67:1: LOAD004 [error] 4950 more schema problems in this file are"
                         " not listed (at most 50 are); fix these first")


# --- files that are not one mapping ----------------------------------------------------------

@pytest.mark.parametrize("text, line", [
    ("", "1:1: LOAD004 [error] the file is empty; a claim starts with 'id:', 'kind:', ..."),
    ("# only a comment\n\n", "1:1: LOAD004 [error] the file is empty; a claim starts with 'id:', 'kind:', ..."),
    ("- id: A\n- id: B\n", "1:1: LOAD004 [error] the file is a list, not a mapping of fields;"
                           " a claim starts with 'id:', 'kind:', ..."),
    ("just a sentence\n", "1:1: LOAD004 [error] the file is a single value, not a mapping of fields;"
                          " a claim starts with 'id:', 'kind:', ..."),
    (CLEAN + "---\n" + CLEAN, "17:1: LOAD002 [error] more than one YAML document in the file (a second '---');"
                              " put one claim in each file"),
    ("id: X\nid: Y\n", "2:1: LOAD003 [error] key 'id' appears twice (first at line 1, column 1);"
                       " the later value would silently replace the first"),
])
def test_not_one_mapping(tmp_path, text, line):
    assert only_line(tmp_path, "shape.yaml", text) == (1, f"shape.yaml:{line}")


# --- size, encoding, line endings --------------------------------------------------------------

def test_a_huge_sparse_file_is_refused_from_its_size_without_reading_it(tmp_path, monkeypatch):
    from expensecli.load import textfiles

    path = tmp_path / "huge.yaml"
    try:
        with open(path, "wb") as handle:
            handle.truncate(8 * 1024 ** 3)  # 8 GiB of holes: reading it whole would take long and all memory
    except OSError:
        pytest.skip("this file system has no sparse files of 8 GiB")
    asked, huge = [], (path.stat().st_dev, path.stat().st_ino)
    real_read = os.read

    def read(fd, n):  # what is read of the huge file (a run reads its cached rate sheets too)
        if (os.fstat(fd).st_dev, os.fstat(fd).st_ino) == huge:
            asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(textfiles.os, "read", read)
    with within():
        result = check(str(path), "-j", "1")
    assert (result.exit_code, result.stdout) == (
        1, f"{path}:1:1: LOAD001 [error] the file is 8589934592 bytes, over the limit of 5242880 bytes"
           " (--max-file-size)\n")
    assert asked == []  # not one byte of it was read


def test_max_file_size_option(tmp_path):
    assert only_line(tmp_path, "c.yaml", CLEAN, "--max-file-size", "100") == (
        1, "c.yaml:1:1: LOAD001 [error] the file is 304 bytes, over the limit of 100 bytes (--max-file-size)")
    assert check(str(tmp_path / "c.yaml"), "--max-file-size", "1K").exit_code == 0


def test_never_more_than_the_limit_plus_one_byte_is_read(tmp_path, monkeypatch):
    from expensecli.load import textfiles

    path = tmp_path / "c.yaml"
    path.write_text(CLEAN)
    asked = []
    real_read, real_fstat = os.read, os.fstat

    def lying_fstat(fd):  # a file that grows between fstat and read, or a size that lies (/proc)
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid, 10,
                               0, 0, 0))

    monkeypatch.setattr(textfiles.os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    monkeypatch.setattr(textfiles.os, "fstat", lying_fstat)
    with pytest.raises(textfiles.ReadProblem, match="over the limit of 100 bytes"):
        textfiles.read_limited(path, 100)  # the size said 10 bytes, the file held more: still cut at 101
    assert sum(asked) <= 101


@pytest.mark.parametrize("content, line", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "3:1: LOAD001 [error] not a text file: it contains NUL bytes (binary data)"),
    (CLEAN.replace("USB-C cable", "Kabel fr\u00e5 Bj\u00f8rn").encode("latin-1"),
     "13:26: LOAD001 [error] not UTF-8: byte 0xe5 at line 13, column 26 cannot be decoded"
     " (the file may be Latin-1 or Windows-1252; save it as UTF-8)"),
    (CLEAN.encode("utf-16"), "1:1: LOAD001 [error] not UTF-8: the file is UTF-16 (it starts with a UTF-16"
                             " byte-order mark); save it as UTF-8"),
    (CLEAN.replace("USB-C cable", "cable \x1b[31mred").encode(),
     "13:24: LOAD001 [error] not a text file: control character U+001B at line 13, column 24"),
])
def test_binary_and_foreign_encodings_name_the_problem_and_line(tmp_path, content, line):
    assert only_line(tmp_path, "enc.yaml", content) == (1, f"enc.yaml:{line}")


@pytest.mark.parametrize("encode", [
    lambda text: text.encode(),
    lambda text: ("\ufeff" + text).encode(),
    lambda text: text.replace("\n", "\r\n").encode(),
    lambda text: ("\ufeff" + text).replace("\n", "\r\n").encode(),
    lambda text: text.replace("\n", "\r").encode(),
], ids=["lf", "bom", "crlf", "bom-crlf", "cr"])
def test_bom_and_crlf_work_as_normal_with_the_same_lines(tmp_path, encode):
    assert only_line(tmp_path, "c.yaml", encode(BAD)) == (1, f"c.yaml:11:5: {DOC001}")
    (tmp_path / "clean.yaml").write_bytes(encode(CLEAN))
    result = check(str(tmp_path / "clean.yaml"))
    assert (result.exit_code, result.stdout) == (0, "")


# --- things that are not readable files --------------------------------------------------------

def test_directory_named_yaml_is_searched_as_a_folder(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "folder.yaml" / "inner.yaml").write_text(BAD)
    (tmp_path / "empty.yaml").mkdir()
    result = check(str(tmp_path / "folder.yaml"), str(tmp_path / "empty.yaml"))
    assert (result.exit_code, result.stdout) == (1, f"{tmp_path / 'folder.yaml' / 'inner.yaml'}:11:5: {DOC001}\n")


def test_dangling_link_loop_fifo_and_missing_path_are_findings_and_the_rest_is_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("inbox")
    os.symlink("gone.yaml", "inbox/dangling.yaml")
    os.symlink("loop.yaml", "inbox/loop.yaml")
    os.mkfifo("inbox/pipe.yaml")
    (tmp_path / "inbox" / "good.yaml").write_text(BAD)
    with within():
        result = check("inbox", "nope.yaml", "inbox/dangling.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "inbox/dangling.yaml:1:1: LOAD001 [error] cannot read the file: it is a dangling symbolic link",
        f"inbox/good.yaml:11:5: {DOC001}",
        "inbox/loop.yaml:1:1: LOAD001 [error] cannot read the file: too many levels of symbolic links",
        "inbox/pipe.yaml:1:1: LOAD001 [error] cannot read the file: it is not a regular file",
        "nope.yaml:1:1: LOAD001 [error] cannot read the file: it does not exist",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    (tmp_path / "secret.yaml").write_text(CLEAN)
    (tmp_path / "secret.yaml").chmod(0)
    assert check(str(tmp_path / "secret.yaml")).stdout == (
        f"{tmp_path / 'secret.yaml'}:1:1: LOAD001 [error] cannot read the file: permission denied\n")


def test_permission_denied_is_a_finding_even_for_root(tmp_path, monkeypatch):
    from expensecli.load import textfiles

    (tmp_path / "secret.yaml").write_text(CLEAN)
    (tmp_path / "open.yaml").write_text(BAD)
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(textfiles.os, "open", guarded)
    result = check(str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.replace(f"{tmp_path}{os.sep}", "").splitlines() == [
        f"open.yaml:11:5: {DOC001}", "secret.yaml:1:1: LOAD001 [error] cannot read the file: permission denied"]


# --- values ------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, message", [
    (".nan", "amount must be a finite number, got '.nan'"),
    ("NaN", "amount must be a finite number, got 'NaN'"),
    (".inf", "amount must be a finite number, got '.inf'"),
    ("-.inf", "amount must be a finite number, got '-.inf'"),
    ("-5", "must be greater than 0, got -5"),
    ("0", "must be greater than 0, got 0"),
    ("0.00", "must be greater than 0, got 0.00"),
    ("199.999", "amount 199.999 has more than 2 decimals"),
    ("1234567890123", "amount 1234567890123 has more than 12 digits before the decimal mark"),
    ("1e3", "amount '1e3' uses an exponent; write the number out in full"),
    ('"1.110,50"', "amount '1.110,50': use a space as thousands separator (1 110,50 or 1 110.50);"
                   " a dot or comma between thousands is ambiguous"),
    ('"1,110.50"', "amount '1,110.50': use a space as thousands separator (1 110,50 or 1 110.50);"
                   " a dot or comma between thousands is ambiguous"),
    ("9" * 100_000, "amount " + "9" * 40 + "… (100000 characters) has more than 12 digits before the decimal mark"),
    ("[199]", "amount must be a number, got list"),
])
def test_bad_amounts_are_load004_at_their_line(tmp_path, amount, message):
    with within():
        assert only_line(tmp_path, "a.yaml", CLEAN.replace("199.00", amount)) == (
            1, f"a.yaml:14:13: LOAD004 [error] expenses[0].amount: {message}")


@pytest.mark.parametrize("amount", ['"1 110,50"', "1 110,50", '"1 110.50"', '"1\u00a0110,50"', "1110.5", '"1110,50"'])
def test_space_grouped_and_decimal_comma_amounts_are_accepted(tmp_path, amount):
    (tmp_path / "a.yaml").write_text(CLEAN.replace("199.00", amount))
    result = runner.invoke(app, ["check", "--as-of", "2024-05-01", "-f", "json", str(tmp_path / "a.yaml")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"][0]["total"] == "1110.50"


EVENT = CLEAN.replace("category: equipment", "category: catering").replace("    attachments:", (
    "    event:\n      type: meeting\n      date: 2024-03-01\n      start: START\n      end: '12:00'\n"
    "      occasion: board\n      participants: {internal: 4}\n    attachments:"))


@pytest.mark.parametrize("change, line", [
    (("- date: 2024-03-01", "- date: 2024-02-30"),
     "11:11: LOAD004 [error] expenses[0].date: date 2024-02-30 is not a real date: day is out of range for month"),
    (("- date: 2024-03-01", "- date: 2024-13-01"),
     "11:11: LOAD004 [error] expenses[0].date: date 2024-13-01 is not a real date: month must be in 1..12"),
    (("- date: 2024-03-01", "- date: 01.03.2024"),
     "11:11: LOAD004 [error] expenses[0].date: date must be a date written YYYY-MM-DD, got '01.03.2024' (did you mean 2024-03-01?)"),
    (("START", "'25:00'"), "18:14: LOAD004 [error] expenses[0].event.start: time '25:00' is not a time of day;"
                           ' write "HH:MM" from "00:00" to "23:59"'),
    (("START", "10:30"), '18:14: LOAD004 [error] expenses[0].event.start: time 10:30 must be quoted ("10:30"):'
                         " unquoted, YAML 1.1 tools read it as a number"),
    (("START", "630"), '18:14: LOAD004 [error] expenses[0].event.start: time \'630\' is not a time of day;'
                       ' write "HH:MM" from "00:00" to "23:59"'),
])
def test_impossible_dates_and_times_are_load004_at_their_line(tmp_path, change, line):
    text = EVENT.replace("START", "'10:00'") if change[0] != "START" else EVENT
    assert only_line(tmp_path, "d.yaml", text.replace(*change)) == (1, f"d.yaml:{line}")


def test_megabytes_of_description_are_checked_quickly(tmp_path):
    huge = CLEAN.replace("USB-C cable", "USB-C cable " + "very long text " * 200_000)  # 3 MB
    with within():  # a pass quadratic in the length would take hours
        report = run_check(huge)
    assert list(report.findings) == []
    with_finding = huge.replace("      - type: receipt\n", "      - type: bank_statement\n")
    assert [finding.code for finding in run_check(with_finding).findings] == ["DOC001"]
    (tmp_path / "big.yaml").write_text(huge)
    result = check(str(tmp_path / "big.yaml"))
    assert (result.exit_code, result.stdout) == (0, "")


def test_standard_input_over_the_limit_is_load001():
    from expensecli.load.claims import load_claim_bytes

    problem = load_claim_bytes(b"x" * 101, "<stdin>", None, max_size=100).problems[0]
    assert (problem.code, problem.at, problem.message) == (
        "LOAD001", (1, 1), "the file is over the limit of 100 bytes (--max-file-size)")
    assert load_claim_bytes(CLEAN.encode(), "<stdin>", None, max_size=len(CLEAN)).claim is not None


def test_the_yaml_reader_locates_a_control_character_itself():
    """Callers of parse_document that skip `decode` still get the character and its place."""
    from expensecli.load.yaml import YamlProblem, parse_document

    with pytest.raises(YamlProblem) as raised:
        parse_document("id: X\r\nkind: \x07\r\n")
    assert (raised.value.code, raised.value.mark, raised.value.message) == (
        "LOAD001", (2, 7), "not a text file: control character U+0007 at line 2, column 7")
