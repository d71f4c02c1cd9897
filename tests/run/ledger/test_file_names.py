"""Names and values the ledger stores as the output shows them (both backends): a file name whose
bytes are not UTF-8 (from a Latin-1 file server) and control characters typed into a waiver."""

from __future__ import annotations

import json
import os
import shutil

from ledger_support import claim, rows

LATIN1 = os.fsdecode(b"reise-troms\xf8.yaml")  # "tromsø" as Latin-1: the byte 0xf8 is not UTF-8
SHOWN = "reise-troms\\xf8.yaml"  # as every output shows it


def test_a_file_name_that_is_not_utf8_is_recorded_and_known_again_in_the_next_run(tmp_path, ledger, check, cli):
    january, march = tmp_path / "january", tmp_path / "march"
    january.mkdir(), march.mkdir()
    (january / "taxi.pdf").write_bytes(b"%PDF taxi 2024-01-12 450 NOK")
    (january / LATIN1).write_text(claim("R-0100", receipt="taxi.pdf", amount="450.00", work_order=False))
    first, _ = check(january, ledger, str(january / LATIN1))  # the name also among the run's inputs
    again, _ = check(january, ledger)
    assert first["claims"][0]["file"] == again["claims"][0]["file"] == str(january / SHOWN)
    (content,) = rows(ledger, "claims")  # the nightly run knew the file and its content
    assert (content["location"], content["file"]) == (str(january / SHOWN), str(january / SHOWN))
    assert [row["claim"] for row in rows(ledger, "run_claims", "run")] == [content["id"]] * 2
    (finding,) = rows(ledger, "findings")
    assert (finding["code"], finding["file"], finding["last_run"]) == ("CO001", str(january / SHOWN), 2)
    info = json.loads(cli("ledger", "info", "--ledger", ledger, "-f", "json").stdout)
    assert info["first_run"]["inputs"]["paths"] == [str(january), str(january / SHOWN)]
    # A later claim with the same receipt: MX004 names the earlier file as shown, and a finding in
    # the Latin-1 file itself is located in it (the file is read again by its own name).
    shutil.copy(january / "taxi.pdf", march / "copy.pdf")
    (march / LATIN1).write_text(claim("R-0377", receipt="copy.pdf", amount="451.00", date="2024-03-02"))
    second, _ = check(march, ledger)
    (mx004,) = [f for f in second["claims"][0]["findings"] if f["code"] == "MX004"]
    assert str(january / SHOWN) in mx004["message"] and (mx004["line"], mx004["column"]) == (18, 31)


def test_control_characters_of_a_waiver_are_escaped_in_every_format(tmp_path, ledger, cli):
    done = cli("waive", "R-\x1b[31mX", "MX003", "--reason", "ok\x1b[2J", "--by", "Kari Dahl", "--ledger", ledger)
    assert done.stdout == "waiver 1: MX003 for claim R-\\x1b[31mX, by Kari Dahl\n"
    table = cli("waivers", "list", "--ledger", ledger).stdout
    assert "\x1b" not in table and "R-\\x1b[31mX" in table and "ok\\x1b[2J" in table
    exported = cli("ledger", "export", "--ledger", ledger, "-f", "csv", "--table", "waivers").stdout
    assert "\x1b" not in exported and "R-\\x1b[31mX,MX003,,ok\\x1b[2J,Kari Dahl" in exported
    (waiver,) = json.loads(cli("waivers", "list", "--ledger", ledger, "-f", "json").stdout)
    assert (waiver["claim_id"], waiver["reason"]) == ("R-\\x1b[31mX", "ok\\x1b[2J")
    assert rows(ledger, "waivers")[0]["claim_id"] == "R-\x1b[31mX"  # stored as given, escaped when shown


def test_a_waiver_typed_with_bytes_that_are_not_utf8_is_recorded_and_revoked(ledger, cli):
    odd = os.fsdecode(b"R-\xff")
    done = cli("waive", odd, "MX004", "--reason", os.fsdecode(b"ok\xff"), "--by", os.fsdecode(b"K\xffari"),
               "--ledger", ledger)
    assert (done.exit_code, done.stdout) == (0, "waiver 1: MX004 for claim R-\\xff, by K\\xffari\n")
    assert (rows(ledger, "waivers")[0]["claim_id"], rows(ledger, "waivers")[0]["reason"]) == ("R-\\xff", "ok\\xff")
    ended = cli("waive", odd, "MX004", "--revoke", "--by", "Kari", "--ledger", ledger)
    assert (ended.exit_code, ended.stdout) == (0, "revoked the waiver of MX004 for claim R-\\xff\n")


def test_ledger_info_shows_the_ledger_s_own_path_escaped(tmp_path, check, cli):
    folder = tmp_path / "d\nir"
    folder.mkdir()
    target = str(folder / os.fsdecode(b"l\x1b\xf8.sqlite"))
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    check(tmp_path / "a.yaml", target)
    first = cli("ledger", "info", "--ledger", target).stdout.splitlines()[0]
    assert first.split(None, 1) == ["ledger", str(tmp_path / "d\\x0air" / "l\\x1b\\xf8.sqlite")]
