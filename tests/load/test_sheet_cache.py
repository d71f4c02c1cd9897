"""Validated rate sheets are cached by content; a cached sheet loads without pydantic or YAML."""

import os
import re
import subprocess
import sys

import pytest
from conftest import REPO

from expensecli.load import ratebook
from expensecli.load.ratebook import RateSheetError, load_rate_sheet

SHEET = (REPO / "rates" / "2024.yaml").read_text()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(folder))
    return folder


def test_a_sheet_is_validated_once_then_read_from_the_cache(tmp_path, cache, monkeypatch):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    first = load_rate_sheet(path)
    assert len(list(cache.glob("sheet-*.json"))) == 1
    monkeypatch.setattr(ratebook, "_validated", lambda *args: pytest.fail("validated again"))
    assert load_rate_sheet(path) == first


def test_a_changed_sheet_is_validated_again(tmp_path, cache):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    assert load_rate_sheet(path).catering.short == 224
    path.write_text(SHEET.replace("short: 224", "short: 230"))
    assert load_rate_sheet(path).catering.short == 230
    path.write_text(SHEET.replace("short: 224", "short: -1"))
    with pytest.raises(RateSheetError, match="catering.short: must be greater than 0, got -1"):
        load_rate_sheet(path)


def test_a_damaged_entry_or_unwritable_folder_only_costs_a_validation(tmp_path, cache, monkeypatch):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    load_rate_sheet(path)
    for entry in cache.glob("sheet-*.json"):
        entry.write_bytes(b"not JSON")
    assert load_rate_sheet(path).year == 2024
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(path))  # a file: nothing can be written below it
    assert load_rate_sheet(path).year == 2024
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", "")  # off
    assert load_rate_sheet(path).year == 2024


def test_catering_quote_imports_neither_pydantic_nor_yaml_once_the_sheet_is_cached(cache):
    code = ("import sys\nfrom expensecli.cli.main import run\nsys.argv = ['expensecli', 'catering', 'quote',"
            " '--hours', '4', '--external', '--date', '2024-03-14']\ntry:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'holidays') if m in sys.modules), file=sys.stderr)")
    env = {"EXPENSECLI_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "760.50" in second.stdout
    assert second.stderr.strip().splitlines()[-1] == "[]"


def test_an_entry_others_could_have_written_is_not_unpickled(tmp_path, cache, monkeypatch):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    load_rate_sheet(path)
    [entry] = cache.glob("sheet-*.json")
    entry.chmod(0o666)
    calls = []
    real = ratebook._validated
    monkeypatch.setattr(ratebook, "_validated", lambda *args: calls.append(1) or real(*args))
    assert load_rate_sheet(path).year == 2024
    assert calls == [1]  # validated again, the group/world-writable entry was not trusted


@pytest.mark.parametrize("change, message", [
    (("short: 224", "short: 0"), "catering.short: must be greater than 0, got 0"),
    (('{from: "05-15", to: "09-14", start: "08:00", end: "15:00"}', '{from: "05-15", to: "09-14", start: "15:00", end: "08:00"}'),
     "working hours 05-15..09-14: end 08:00 is not after start 15:00"),
    (('to: "09-14"', 'to: "09-10"'), "no working-hours season covers 09-11; the seasons must cover every day of the year once"),
    (('to: "05-14"', 'to: "05-20"'), "01-01..05-20 and 05-15..09-14 both cover 05-15; the seasons must cover every day"),
])
def test_impossible_figures_are_refused(tmp_path, cache, change, message):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET.replace(*change))
    with pytest.raises(RateSheetError, match=re.escape(message)):
        load_rate_sheet(path)


def _entry_path(cache, path):
    import hashlib

    from expensecli import __version__

    return cache / f"sheet-{__version__}-{hashlib.sha256(path.read_bytes()).hexdigest()}.json"


def test_an_entry_is_plain_json_that_loads_back_to_the_same_sheet(tmp_path, cache, monkeypatch):
    import json

    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    validated = load_rate_sheet(path)
    entry = _entry_path(cache, path)
    stored = json.loads(entry.read_text())
    assert stored["sheet"]["$class"] == "RateSheet" and stored["sheet"]["catering"]["short"] == {"$decimal": "224"}
    assert b"pickle" not in entry.read_bytes() and entry.read_bytes().startswith(b"{")
    monkeypatch.setattr(ratebook, "_validated", lambda *args: pytest.fail("validated again"))
    assert load_rate_sheet(path) == validated


@pytest.mark.parametrize("what", ["fifo", "symlink", "pickle", "foreign class", "other hash"])
def test_a_fifo_link_or_forged_entry_at_the_entry_name_is_passed_by(tmp_path, cache, monkeypatch, what):
    import json
    import pickle

    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    cache.mkdir(mode=0o700)
    entry = _entry_path(cache, path)
    if what == "fifo":
        os.mkfifo(entry)  # opening it for reading would block every command
    elif what == "symlink":
        (tmp_path / "elsewhere.json").write_text("{}")
        entry.symlink_to(tmp_path / "elsewhere.json")
    elif what == "pickle":
        entry.write_bytes(pickle.dumps(("os.system", "echo owned")))
    elif what == "foreign class":
        entry.write_text(json.dumps({"sha256": entry.name.split("-")[-1][:-5], "sheet": {"$class": "Popen"}}))
    else:
        entry.write_text(json.dumps({"sha256": "0" * 64, "sheet": {}}))
    calls = []
    real = ratebook._validated
    monkeypatch.setattr(ratebook, "_validated", lambda *args: calls.append(1) or real(*args))
    assert load_rate_sheet(path).year == 2024
    assert calls == [1]


def test_a_folder_others_may_write_or_a_linked_folder_is_not_used(tmp_path, monkeypatch):
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(shared))
    load_rate_sheet(path)
    assert list(shared.iterdir()) == []  # not written in a folder others may write
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(private))
    load_rate_sheet(path)
    assert len(list(private.glob("sheet-*.json"))) == 1
    linked = tmp_path / "linked"
    linked.symlink_to(private)
    monkeypatch.setenv("EXPENSECLI_CACHE_DIR", str(linked))
    calls = []
    real = ratebook._validated
    monkeypatch.setattr(ratebook, "_validated", lambda *args: calls.append(1) or real(*args))
    assert load_rate_sheet(path).year == 2024
    assert calls == [1]  # the folder is a link: its entries are not trusted


def test_a_digest_is_the_same_whichever_module_makes_it(monkeypatch):
    """`digest_of` hashes with Python's own SHA-256 until a run has hashed OPENSSL_AFTER bytes,
    then with OpenSSL's: each digest is hashlib's, before, across and after the turn."""
    import hashlib

    from expensecli.load import sheetcache

    monkeypatch.setattr(sheetcache, "_hashed", 0)
    monkeypatch.setattr(sheetcache, "_openssl_sha256", None)
    sizes = [0, 1, 900, 64 * 1024, sheetcache.OPENSSL_AFTER - 64 * 1024 - 901, 1, 2, 300_000, 5]
    for n, size in enumerate(sizes):
        data = bytes((n + i) % 251 for i in range(size))
        assert sheetcache.digest_of(data) == hashlib.sha256(data).hexdigest(), size
        # exactly OPENSSL_AFTER bytes after the 5th; the 6th, one byte more, turns it
        assert (sheetcache._openssl_sha256 is None) == (n < 5), n


def test_hashlib_is_imported_only_once_a_run_has_hashed_a_mebibyte():
    """A run that hashes a few small attachments does not load OpenSSL (hashlib, about 2 ms)."""
    script = ("import sys\nfrom expensecli.load.sheetcache import digest_of\n"
              "digest_of(b'x' * 900); digest_of(b'y' * 500_000); print('hashlib' in sys.modules)\n"
              "digest_of(b'z' * 600_000); print('hashlib' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("damage", [
    lambda sheet: sheet.update(representation_approvers=5),  # a list that is a number
    lambda sheet: sheet.update(year="abc"),
    lambda sheet: sheet.update(year=True),  # a boolean is no year
    lambda sheet: sheet["catering"].update(short={"$decimal": "NaN"}),
    lambda sheet: sheet["catering"].update(short={"$decimal": "-5"}),  # outside the field's bounds
    lambda sheet: sheet["deadlines"].update(non_employee_months=10 ** 30),
    lambda sheet: sheet["working_hours"][0].update(start="08:00"),  # text where a time stands
    lambda sheet: sheet.update(currency="kroner"),  # not a three-letter code
    lambda sheet: sheet.update(sources=[]),
])
def test_an_entry_that_is_json_but_not_what_validation_gives_is_not_used(tmp_path, cache, monkeypatch, damage):
    import json

    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    good = load_rate_sheet(path)
    entry = _entry_path(cache, path)
    stored = json.loads(entry.read_text())
    damage(stored["sheet"])
    entry.write_text(json.dumps(stored))
    calls = []
    real = ratebook._validated
    monkeypatch.setattr(ratebook, "_validated", lambda *args: calls.append(1) or real(*args))
    assert load_rate_sheet(path) == good
    assert calls == [1]  # validated again from the file


def test_a_missing_home_folder_is_not_made_for_the_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPENSECLI_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    path = tmp_path / "2024.yaml"
    path.write_text(SHEET)
    monkeypatch.setenv("HOME", str(tmp_path / "gone" / "home"))
    assert load_rate_sheet(path).year == 2024
    assert not (tmp_path / "gone").exists()
    monkeypatch.setenv("HOME", str(tmp_path))  # a home without .cache: both folders made, private
    load_rate_sheet(path)
    assert len(list((tmp_path / ".cache" / "expensecli").glob("sheet-*.json"))) == 1
    assert [oct(p.stat().st_mode & 0o777) for p in (tmp_path / ".cache", tmp_path / ".cache" / "expensecli")] \
        == ["0o700", "0o700"]


@pytest.mark.parametrize("change", [
    ("employee_travel_months: 1 ", "employee_travel_months: null "),
    ("abroad: {}", "abroad: {SE: 450.00, dk: 500}"),
    ("sms_blocked_countries: []", "sms_blocked_countries: [US, cn]"),
    ("agreement_suppliers: []", "agreement_suppliers: [Sodexo]"),
])
def test_every_kind_of_field_a_sheet_may_fill_is_read_back_from_the_cache(tmp_path, cache, monkeypatch, change):
    path = tmp_path / "2024.yaml"
    assert change[0] in SHEET
    path.write_text(SHEET.replace(*change))
    first = load_rate_sheet(path)
    monkeypatch.setattr(ratebook, "_validated", lambda *args: pytest.fail("validated again"))
    assert load_rate_sheet(path) == first
