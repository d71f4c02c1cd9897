"""The configuration file as read: where it is found, what each key accepts, and where a bad one is."""

from __future__ import annotations

import pytest

from expensecli.core.findings import Severity
from expensecli.load.config import ConfigError, find_config, load_config
from expensecli.load.config_lines import key_lines

FORMATS = ("table", "concise", "json", "jsonl", "csv", "junit")

FULL = """\
# every key the file knows
rates = "sheets"
fail_on = "warning"
select = ["CA", "DL001"]
ignore = "CA009"
jobs = 2
max_file_size = "2MB"
format = "json"
color = "never"
follow_links = true
controllers = ["Kari Dahl", "Ola  Hansen"]
ledger = "audit/ledger.sqlite"
lang = "nb"

[severity]
CA009 = "error"
DL = "info"
"""


def test_every_key_is_read_with_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_text(FULL)
    config = load_config(tmp_path, formats=FORMATS)
    values = {key: (setting.value, setting.origin) for key, setting in config.settings.items()}
    assert values == {
        "rates": (str(tmp_path / "sheets"), "expensecli.toml:2"), "fail_on": ("warning", "expensecli.toml:3"),
        "select": ("CA,DL001", "expensecli.toml:4"), "ignore": ("CA009", "expensecli.toml:5"),
        "jobs": (2, "expensecli.toml:6"), "max_file_size": ("2MB", "expensecli.toml:7"),
        "format": ("json", "expensecli.toml:8"), "color": ("never", "expensecli.toml:9"),
        "follow_links": (True, "expensecli.toml:10"),
        "controllers": (("Kari Dahl", "Ola Hansen"), "expensecli.toml:11"),
        "ledger": (str(tmp_path / "audit" / "ledger.sqlite"), "expensecli.toml:12"),
        "lang": ("nb", "expensecli.toml:13"),
    }
    assert config.severities() == (("CA009", Severity.error), ("DL", Severity.info))
    assert config.severity["DL"].origin == "expensecli.toml:17"
    # the keys other commands will use, passed through as they are read
    assert (config.controllers, config.ledger, config.lang) == (
        ("Kari Dahl", "Ola Hansen"), str(tmp_path / "audit" / "ledger.sqlite"), "nb")


def test_found_from_the_current_folder_up_and_pyproject_only_with_its_table(tmp_path):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "b" / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.expensecli]: passed by
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.expensecli]\nfail_on = "info"\n')
    (tmp_path / "expensecli.toml").write_text('fail_on = "never"\n')
    assert find_config(deep) == (tmp_path / "a" / "pyproject.toml", ("tool", "expensecli"))
    assert load_config(deep).settings["fail_on"].value == "info"
    (tmp_path / "a" / "b" / "expensecli.toml").write_text('fail_on = "warning"\n')
    assert find_config(deep) == (tmp_path / "a" / "b" / "expensecli.toml", ())


def test_a_pyproject_that_cannot_name_the_table_is_passed_by_unparsed(tmp_path, monkeypatch):
    """Only a text holding `expensecli` (or an escape that could spell it) is parsed: any other
    pyproject.toml, as in most projects a claims folder may sit under, costs no TOML parser."""
    import tomllib

    parsed = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or real(text))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n[tool.ruff]\nline-length = 99\n')
    assert find_config(tmp_path) is None and parsed == []
    (tmp_path / "pyproject.toml").write_text('[tool."\\u0065xpensecli"]\nfail_on = "warning"\n')
    assert find_config(tmp_path) == (tmp_path / "pyproject.toml", ("tool", "expensecli")) and len(parsed) == 1
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "expensecli-claims"\n')
    assert find_config(tmp_path) is None and len(parsed) == 2  # named, so parsed: no table


def test_explicit_file_and_isolated(tmp_path):
    (tmp_path / "expensecli.toml").write_text('fail_on = "never"\n')
    other = tmp_path / "cron.toml"
    other.write_text('fail_on = "warning"\n')
    assert load_config(tmp_path, other).settings["fail_on"].value == "warning"
    isolated = load_config(tmp_path, isolated=True)
    assert (isolated.settings, isolated.isolated, isolated.file) == ({}, True, None)
    with pytest.raises(ConfigError, match="nope.toml: configuration file not found"):
        load_config(tmp_path, tmp_path / "nope.toml")


@pytest.mark.parametrize("text, message", [
    ('fail_on = "warn"\n', "expensecli.toml:1: fail_on must be one of error, warning, info, never, got 'warn'"
                           " (did you mean 'warning'?)"),
    ('\n\nfial_on = "error"\n', "expensecli.toml:3: unknown key 'fial_on' (did you mean 'fail_on'?)"),
    ("jobs = 0\n", "expensecli.toml:1: jobs must be a whole number of worker processes, 1 or more, got 0"),
    ("jobs = true\n", "expensecli.toml:1: jobs must be a whole number of worker processes, 1 or more, got true"),
    ('max_file_size = "lots"\n', "expensecli.toml:1: max_file_size must be a size in bytes (5000000) or with a"
                                 " unit (\"500K\", \"5MB\"), got 'lots'"),
    ('format = "jsn"\n', "expensecli.toml:1: format must be one of table, concise, json, jsonl, csv, junit,"
                         " got 'jsn' (did you mean 'json'?)"),
    ('controllers = "Kari Dahl"\n', "expensecli.toml:1: controllers must be a list of names"),
    ('[severity]\nCA009 = "eror"\n', "expensecli.toml:2: [severity] CA009 must be one of error, warning, info,"
                                     " got 'eror' (did you mean 'error'?)"),
    ('[severity]\n"CA 9" = "error"\n', "expensecli.toml:2: [severity] CA 9: not a rule code such as CA009"),
    ('[severty]\nCA009 = "error"\n', "expensecli.toml:1: unknown key 'severty' (did you mean 'severity'?)"),
    ("fail_on = \n", "expensecli.toml:1:11: not valid TOML: Invalid value"),
])
def test_unknown_keys_and_bad_values_name_the_file_and_line(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, formats=FORMATS)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize("name, data, message", [
    ("expensecli.toml", b"jobs = 2\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n",
     "expensecli.toml:2: not valid TOML: arrays or inline tables nested too deeply to read"),
    ("pyproject.toml", b"[tool.expensecli]\nfail_on = " + b"[" * 5000 + b"]" * 5000 + b"\n",
     "pyproject.toml:2: not valid TOML: arrays or inline tables nested too deeply to read"),
    ("expensecli.toml", "jobs = 2\n# Tromsø\n".encode("latin-1"),
     "expensecli.toml:2:8: not UTF-8: byte 0xf8 at line 2, column 8 cannot be decoded (the file may be Latin-1 or"
     " Windows-1252; save it as UTF-8)"),
    ("expensecli.toml", b"jobs = 2\n\x1b[2J = 1\n", "expensecli.toml:2:1: not a text file: control character U+001B at"
                                                 " line 2, column 1"),
])
def test_a_file_toml_cannot_read_is_a_located_error_not_a_crash(tmp_path, monkeypatch, name, data, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path, formats=FORMATS)
    assert str(raised.value) == message


def test_a_utf8_byte_order_mark_is_read_past(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_bytes(b"\xef\xbb\xbfjobs = 3\n")
    assert load_config(tmp_path, formats=FORMATS).settings["jobs"].value == 3


def test_unknown_severity_codes_are_found_against_the_catalogue(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "expensecli.toml").write_text('[severity]\nCA009 = "error"\nCA099 = "info"\n')
    config = load_config(tmp_path)
    with pytest.raises(ConfigError, match=r"^expensecli.toml:3: \[severity\] CA099: no rule code starts with it"
                                          r" \(did you mean CA009\?\)$"):
        config.unknown_codes({"CA009", "CA001"})


def test_lines_of_keys_in_tables_dotted_keys_and_inline_tables():
    text = ('[tool.expensecli]\nfail_on = "error"\nseverity.CA001 = "info"\n"quoted" = 1\n'
            'inline = {a = 1}\ntext = """\nnot_a_key = 2\n"""\n[tool.expensecli.severity]\nCA009 = "error"\n')
    lines = key_lines(text)
    assert lines[("tool", "expensecli", "fail_on")] == 2
    assert lines[("tool", "expensecli", "severity", "CA001")] == 3
    assert lines[("tool", "expensecli", "quoted")] == 4
    assert ("tool", "expensecli", "not_a_key") not in lines
    assert lines[("tool", "expensecli", "severity", "CA009")] == 10
