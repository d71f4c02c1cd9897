"""MX004 and MX006 against earlier runs (both backends)."""

from __future__ import annotations

import json
import shutil

from freezegun import freeze_time
from ledger_support import claim, rows


def findings_of(report, code):
    return [(c["file"], f) for c in report["claims"] for f in c["findings"] if f["code"] == code]


def test_a_renamed_copy_of_a_receipt_from_an_earlier_run_is_mx004(tmp_path, ledger, check):
    january, march = tmp_path / "january", tmp_path / "march"
    (january / "receipts").mkdir(parents=True)
    (march / "scans").mkdir(parents=True)
    (january / "receipts" / "taxi.pdf").write_bytes(b"%PDF taxi 2024-01-12 450 NOK")
    (january / "r-0100.yaml").write_text(claim("R-0100", receipt="receipts/taxi.pdf", amount="450.00"))
    first, _ = check(january, ledger)
    assert findings_of(first, "MX004") == []
    shutil.copy(january / "receipts" / "taxi.pdf", march / "scans" / "IMG_2231.pdf")
    (march / "r-0377.yaml").write_text(claim("R-0377", receipt="scans/IMG_2231.pdf", amount="451.00",
                                             date="2024-03-02"))
    second, code = check(march, ledger)
    ((file, finding),) = findings_of(second, "MX004")
    assert file.endswith("r-0377.yaml") and code == 0  # MX004 is a warning
    assert finding["path"] == "expenses[0].attachments[0].file"
    assert (finding["line"], finding["column"]) == (18, 31)  # the `file` of the attachment
    day = rows(ledger, "runs")[0]["started"].date().isoformat()
    assert "claim R-0100" in finding["message"] and str(january / "r-0100.yaml") in finding["message"]
    assert f"first seen {day}" in finding["message"] and "receipts/taxi.pdf" in finding["message"]


def test_the_same_expense_by_the_same_claimant_under_another_id_is_mx004(tmp_path, ledger, check):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text(claim("R-1", name="Kari Nordmann"))
    check(one, ledger)
    (two / "b.yaml").write_text(claim("R-2", name="  kari   NORDMANN", description="Cable"))
    report, _ = check(two, ledger)
    ((_, finding),) = findings_of(report, "MX004")
    assert finding["path"] == "expenses[0]"
    assert "199.00 NOK on 2024-03-01" in finding["message"] and "claim R-1" in finding["message"]


def test_an_id_seen_earlier_in_another_file_with_other_content_is_mx006(tmp_path, ledger, check):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text(claim("R-7"))
    check(one, ledger)
    (two / "b.yaml").write_text(claim("r-7 ", name="Ola Hansen", amount="80.00"))
    report, code = check(two, ledger)
    ((_, finding),) = findings_of(report, "MX006")
    assert (finding["severity"], finding["path"], code) == ("error", "id", 1)
    assert str(one / "a.yaml") in finding["message"] and "claim R-7" in finding["message"]


def test_a_claim_is_never_its_own_duplicate(tmp_path, ledger, check):
    (tmp_path / "receipts").mkdir()
    (tmp_path / "receipts" / "r.pdf").write_bytes(b"%PDF r")
    (tmp_path / "a.yaml").write_text(claim("R-1", receipt="receipts/r.pdf"))
    check(tmp_path, ledger)
    unchanged, _ = check(tmp_path, ledger)
    (tmp_path / "a.yaml").write_text(claim("R-1", receipt="receipts/r.pdf", description="Cable, edited"))
    edited, _ = check(tmp_path, ledger)
    for report in (unchanged, edited):
        assert findings_of(report, "MX004") == findings_of(report, "MX006") == []


def test_a_copy_of_the_same_file_elsewhere_is_not_mx006_and_an_old_version_counts_no_more(tmp_path, ledger, check):
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir(), archive.mkdir()
    (inbox / "a.yaml").write_text(claim("R-1"))
    check(inbox, ledger)
    shutil.copy(inbox / "a.yaml", archive / "a.yaml")
    moved, _ = check(archive, ledger)
    assert findings_of(moved, "MX006") == [] and findings_of(moved, "MX004") == []
    # R-1 is edited in place in the inbox (other amount); a new claim with R-1's old amount is
    # compared with the current R-1 only, so no MX004 against the superseded version
    (inbox / "a.yaml").write_text(claim("R-1", amount="300.00"))
    (archive / "a.yaml").unlink()
    check(inbox, ledger)
    (archive / "c.yaml").write_text(claim("R-3", amount="300.01"))
    later, _ = check(archive, ledger)
    assert findings_of(later, "MX004") == []


def test_renamed_copies_between_two_new_claims_of_one_run_are_mx004_once(tmp_path, ledger, check):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.pdf").write_bytes(b"%PDF same")
    (tmp_path / "b" / "copy.pdf").write_bytes(b"%PDF same")
    (tmp_path / "a" / "a.yaml").write_text(claim("R-1", receipt="r.pdf"))
    (tmp_path / "b" / "b.yaml").write_text(claim("R-2", receipt="copy.pdf", name="Ola Hansen"))
    report, _ = check(tmp_path, ledger)  # the batch rule compares them; the ledger adds nothing
    assert sorted((file.rsplit("/", 1)[1], f["path"]) for file, f in findings_of(report, "MX004")) == [
        ("a.yaml", "expenses[0].attachments[0].file"), ("b.yaml", "expenses[0].attachments[0].file")]


def test_cross_run_findings_follow_select_and_claim_file_waivers(tmp_path, ledger, check):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text(claim("R-7"))
    check(one, ledger)
    (two / "b.yaml").write_text(claim("R-7", amount="80.00"))
    ignored, _ = check(two, ledger, "--ignore", "MX006")
    assert findings_of(ignored, "MX006") == []
    (two / "b.yaml").write_text(claim("R-7", amount="80.00") + "waivers:\n  - {code: MX006, reason: split claim,"
                                " by: Kari Dahl, date: 2024-04-01}\n")
    waived, code = check(two, ledger)
    ((_, finding),) = findings_of(waived, "MX006")
    assert (finding["waived"], finding["waiver"], code) == (True, "claim", 0)


def test_findings_across_runs_in_bokmal(tmp_path, ledger, check):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text(claim("R-7", name="Kari Nordmann"))
    check(one, ledger)
    (two / "b.yaml").write_text(claim("R-2", name="Kari Nordmann", description="Cable"))
    (two / "c.yaml").write_text(claim("r-7 ", name="Ola Hansen", amount="80.00"))
    report, _ = check(two, ledger, "--lang", "nb")
    day = rows(ledger, "runs")[0]["started"].date().isoformat()
    ((_, mx004),) = findings_of(report, "MX004")
    assert mx004["message"] == (f"det samme utlegget fra samme søker (199,00 NOK, 2024-03-01) finnes også i krav R-7"
                                f" i {one / 'a.yaml'}, først sett {day}")
    ((_, mx006),) = findings_of(report, "MX006")
    assert mx006["message"] == (f"krav-id r-7 er sett før med annet innhold: krav R-7 i {one / 'a.yaml'}, først"
                                f" sett {day}; krav-id-er skal være unike")


def test_many_earlier_claims_with_one_expense_are_named_three_and_counted(tmp_path, ledger, check):
    """Each claim of the run is told of the first three earlier claims (by the day first seen and
    file) and how many more there are, however many share the key: a run of many claims against
    many earlier ones costs in proportion to their number, not to its square."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    for n in range(6):
        (one / f"a{n}.yaml").write_text(claim(f"A-{n}"))
    check(one, ledger)
    for n in range(4):
        (two / f"b{n}.yaml").write_text(claim(f"B-{n}"))
    report, _ = check(two, ledger)
    across = [f["message"] for _, f in findings_of(report, "MX004") if "first seen" in f["message"]]
    assert len(across) == 4
    assert all(f"in {one / 'a2.yaml'}, first seen" in m and m.endswith("; and 3 more") for m in across)
    assert str(one / "a3.yaml") not in across[0]


def test_the_others_of_a_key_are_counted_and_named_apart_from_a_claims_own_tag():
    from expensecli.run.ledger.history import Other, _Others

    found = _Others()
    for n, tag in enumerate(["a", "b", "a", "c", "b", "d"]):
        found.add(("dup", 1), Other(f"X-{n}", f"x{n}.yaml", f"2024-01-0{n + 1}"), tag)
    found.add(("dup", 1), Other("X-2", "x2.yaml", "2024-01-03"), "b")  # found with two tags: never its own alone
    count, listed = found.apart_from(("dup", 1), "a")
    assert count == 5 and [o.claim_id for o in listed] == ["X-1", "X-2", "X-3"]  # X-0 carries "a" alone
    assert found.apart_from(("dup", 1), "b")[0] == 4  # carry "b" alone
    count, listed = found.apart_from(("dup", 1), "z")
    assert count == 6 and [o.claim_id for o in listed] == ["X-0", "X-1", "X-2"]
    assert found.apart_from(("dup", 2), "a") == (0, [])


def test_the_day_first_seen_is_told_in_utc_whatever_the_server_s_time_zone(tmp_path, ledger, check, cli):
    """On PostgreSQL a time comes back in the session's zone: here 14 hours ahead of UTC, where
    the earlier run (late on 30 April, UTC) was already on 1 May. The day told is the UTC one,
    as SQLite, which keeps times in UTC, tells it."""
    if "://" in ledger:
        ledger += ("&" if "?" in ledger else "?") + "options=-c%20TimeZone%3DPacific%2FKiritimati"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.yaml").write_text(claim("R-7"))
    # The claim models are built when first used: outside the frozen clock, whose stand-in
    # `date` class pydantic cannot build them with.
    assert cli("check", str(one), "--as-of", "2024-05-01").exit_code == 0
    with freeze_time("2024-04-30 22:10:05"):
        check(one, ledger)
    (two / "b.yaml").write_text(claim("r-7 ", name="Ola Hansen", amount="80.00"))
    report, _ = check(two, ledger)
    ((_, finding),) = findings_of(report, "MX006")
    assert finding["message"].endswith(f"claim R-7 in {one / 'a.yaml'}, first seen 2024-04-30; claim ids are unique")


def test_a_claim_renamed_since_the_last_run_is_named_once_to_the_claim_sharing_its_receipt(tmp_path, ledger, check):
    one, two = tmp_path / "a", tmp_path / "b"
    one.mkdir(), two.mkdir()
    (one / "taxi.pdf").write_bytes(b"%PDF taxi 2024-01-12 450 NOK")
    shutil.copy(one / "taxi.pdf", two / "taxi.pdf")
    (one / "one.yaml").write_text(claim("R-1", receipt="taxi.pdf", amount="450.00"))
    (two / "two.yaml").write_text(claim("R-2", receipt="taxi.pdf", amount="451.00", date="2024-03-02"))
    first, _ = check(tmp_path, ledger)
    assert len(findings_of(first, "MX004")) == 2  # each names the other, in the batch
    (one / "one.yaml").rename(one / "uno.yaml")
    again, _ = check(tmp_path, ledger)
    found = findings_of(again, "MX004")
    assert [file.rsplit("/", 1)[-1] for file, _ in found] == ["uno.yaml", "two.yaml"]  # one each, not two
    (_, to_two), = [(file, f) for file, f in found if file.endswith("two.yaml")]
    assert str(one / "uno.yaml") in to_two["message"] and str(one / "one.yaml") not in to_two["message"]
    # The same receipt in a new claim of another run is still found across runs.
    three = tmp_path / "c"
    three.mkdir()
    shutil.copy(one / "taxi.pdf", three / "scan.pdf")
    (three / "three.yaml").write_text(claim("R-3", receipt="scan.pdf", amount="452.00", date="2024-04-02"))
    later, _ = check(three, ledger)
    ((_, finding),) = findings_of(later, "MX004")
    assert str(one / "uno.yaml") in finding["message"] and str(two / "two.yaml") in finding["message"]


def test_a_file_renamed_or_moved_then_edited_is_not_a_duplicate_of_where_it_was(tmp_path, ledger, check):
    """A file renamed or moved (its content once recorded where it was) and edited later is no
    MX006 or MX004 against where it was."""
    folder = tmp_path / "claims"
    (folder / "jan").mkdir(parents=True)
    (folder / "jan" / "old.yaml").write_text(claim("R-3", amount="349.00"))
    (folder / "jan" / "move.yaml").write_text(claim("R-8", amount="120.00", date="2024-03-04"))
    check(folder, ledger)
    (folder / "jan" / "old.yaml").rename(folder / "jan" / "new.yaml")
    (folder / "feb").mkdir()
    (folder / "jan" / "move.yaml").rename(folder / "feb" / "move.yaml")
    renamed, code = check(folder, ledger)
    assert code == 0 and not findings_of(renamed, "MX006")
    for path in (folder / "jan" / "new.yaml", folder / "feb" / "move.yaml"):
        path.write_text(path.read_text().replace("USB-C cable", "USB-C cable, 2 m"))
    edited, code = check(folder, ledger)
    assert code == 0 and not findings_of(edited, "MX006") and not findings_of(edited, "MX004")


def test_a_claim_deleted_or_archived_still_counts_for_duplicates_and_on_any_machine(tmp_path, ledger, check, cli):
    """The earlier claim need not be on disk any more, nor on this machine: archived away, or read
    from standard input, its receipt and its id are still known."""
    (tmp_path / "claims" / "2024-01").mkdir(parents=True)
    (tmp_path / "claims" / "2024-01" / "taxi.pdf").write_bytes(b"%PDF taxi 2024-01-12 450 NOK")
    (tmp_path / "claims" / "2024-01" / "a.yaml").write_text(claim("R-1", receipt="taxi.pdf", amount="450.00"))
    check(tmp_path / "claims", ledger)
    (tmp_path / "archive").mkdir()
    (tmp_path / "claims" / "2024-01").rename(tmp_path / "archive" / "2024-01")
    (tmp_path / "claims" / "2024-03").mkdir()
    shutil.copy(tmp_path / "archive" / "2024-01" / "taxi.pdf", tmp_path / "claims" / "2024-03" / "scan.pdf")
    (tmp_path / "claims" / "2024-03" / "b.yaml").write_text(claim("R-9", receipt="scan.pdf", amount="451.00",
                                                                  date="2024-03-02"))
    again, _ = check(tmp_path / "claims", ledger)
    assert [f["code"] for _, f in findings_of(again, "MX004")] == ["MX004"]
    from typer.testing import CliRunner

    from expensecli.cli.main import app

    mailed = CliRunner().invoke(app, ["check", "-", "--stdin-filename", "mail/claim.yaml", "--ledger", ledger,
                                      "--as-of", "2024-05-01", "-q", "-f", "concise"], input=claim("R-40", amount="12.00"))
    assert mailed.exit_code == 0
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "c.yaml").write_text(claim("R-40", amount="13.00", name="Ola Hansen"))
    other, _ = check(tmp_path / "other", ledger)
    assert [f["message"].split(":")[0] for _, f in findings_of(other, "MX006")] == [
        "claim id R-40 was seen earlier with different content"]


def test_first_seen_is_the_day_the_earlier_file_was_first_recorded_whatever_its_edits_since(tmp_path, ledger, check):
    jan, mar = tmp_path / "jan", tmp_path / "mar"
    jan.mkdir(), mar.mkdir()
    (jan / "taxi.yaml").write_text(claim("R-100", amount="380.00", date="2024-01-13"))
    check(jan, ledger)  # outside the frozen clock: the claim models are built here
    (jan / "taxi.yaml").write_text(claim("R-100", amount="380.00", date="2024-01-13", description="Cable"))
    with freeze_time("2024-10-01 08:00:00"):
        check(jan, ledger)
    (jan / "taxi.yaml").write_text(claim("R-100", amount="380.00", date="2024-01-13", description="USB cable"))
    with freeze_time("2024-11-20 08:00:00"):
        check(jan, ledger)  # a typo fixed: a new content of the same file
    (mar / "claim.yaml").write_text(claim("R-200", amount="380.00", date="2024-01-13", description="Cable again"))
    with freeze_time("2024-12-01 08:00:00"):
        report, _ = check(mar, ledger)
    (_, mx004), = findings_of(report, "MX004")
    assert "claim R-100 in" in mx004["message"] and mx004["message"].endswith("first seen 2024-10-01")


def test_the_findings_of_a_claim_deleted_from_the_folder_are_resolved(tmp_path, ledger, check, cli):
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "kept.yaml").write_text(claim("R-1", work_order=False))  # CO001 on each
    (folder / "deleted.yaml").write_text(claim("R-2", work_order=False, amount="20.00"))
    (folder / "no-id.yaml").write_text("kind: [\n")  # LOAD002, known by its file
    check(folder, ledger)
    (folder / "deleted.yaml").unlink()
    (folder / "no-id.yaml").unlink()
    check(folder, ledger, "--select", "DL")  # what is gone goes whatever the codes the run reports
    open_now = sorted(row["subject"].split("/")[-1] for row in rows(ledger, "findings") if row["resolved_run"] is None)
    assert open_now == ["R-1"]
    diff = json.loads(cli("ledger", "diff", "--ledger", ledger, "-f", "json").stdout)
    assert sorted(f["code"] for f in diff["resolved"]) == ["CO001", "LOAD002"]
    assert all(row["current"] for row in rows(ledger, "claims"))  # still recorded, for the duplicates to come


def test_a_file_the_system_cannot_look_at_is_not_gone(monkeypatch, tmp_path):
    from expensecli.run.ledger import record

    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", path)

    assert not record._exists(str(tmp_path / "gone.yaml"))
    monkeypatch.setattr(record.os, "lstat", refused)
    assert record._exists(str(tmp_path / "locked" / "c.yaml"))  # a folder without permission: there


def test_a_file_deleted_under_a_folder_given_by_a_link_has_its_findings_resolved(tmp_path, ledger, check):
    (tmp_path / "data" / "inbox").mkdir(parents=True)
    (tmp_path / "inbox").symlink_to(tmp_path / "data" / "inbox")
    (tmp_path / "data" / "inbox" / "x.yaml").write_text(claim("R-1", work_order=False))
    (tmp_path / "data" / "inbox" / "y.yaml").write_text(claim("R-2", amount="20.00"))
    check(tmp_path / "inbox", ledger)
    (tmp_path / "data" / "inbox" / "x.yaml").unlink()
    check(tmp_path / "inbox", ledger)
    assert [(row["code"], row["resolved_run"]) for row in rows(ledger, "findings")] == [("CO001", 2)]
