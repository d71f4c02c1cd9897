"""The program's entry point: the collector is paused while the modules are imported and runs again
once the command's modules are in; importing `cli.main` alone leaves it alone."""

from __future__ import annotations

import os
import subprocess
import sys

from expensecli import __version__

PROGRAM = """
import gc, os, sys
import expensecli.cli.entry
print("paused" if not gc.isenabled() else "running")
sys.argv = ["expensecli", *sys.argv[1:]]
try:
    expensecli.cli.entry.run()
except SystemExit:
    pass
print("running" if gc.isenabled() else "paused", os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
"""


def _program(*args: str, **env: str) -> list[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True,
                            env={**environment, **env}, check=True)
    return result.stdout.splitlines()


def test_the_collector_is_paused_while_importing_and_runs_again_for_the_command():
    assert _program("--version") == ["paused", f"expensecli {__version__}", "running __all__"]
    assert _program("rules", "list")[-1] == "running __all__"


def test_a_plugin_setting_of_the_user_is_kept():
    assert _program("--version", PYDANTIC_DISABLE_PLUGINS="")[-1] == "running "


CHECKED = """
import sys
import expensecli.cli.entry
sys.argv = ["expensecli", "check", sys.argv[1], "--as-of", "2024-05-01", "-f", "json"]
try:
    expensecli.cli.entry.run()
except SystemExit:
    pass
from pydantic.plugin import _loader
print(_loader.__spec__ is not None, "importlib.metadata" in sys.modules, _loader.get_plugins())
"""


def _checked(**env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    claim = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "claims", "employee-equipment.yaml")
    result = subprocess.run([sys.executable, "-c", CHECKED, claim], capture_output=True, text=True,
                            env={**environment, **env}, check=True)
    return result.stdout.splitlines()[-1]


def test_with_plugins_off_pydantic_is_answered_without_its_plugin_loader():
    # the claim is validated (its JSON printed) without pydantic's loader or importlib.metadata (which
    # `holidays` imports too: the first run, which fills the rate sheets' cache, needs its holidays)
    _checked()
    assert _checked() == "False False ()"
    assert _checked(PYDANTIC_DISABLE_PLUGINS="1") == "False False ()"


def test_with_plugins_allowed_pydantic_looks_for_them_itself():
    real, metadata, found = _checked(PYDANTIC_DISABLE_PLUGINS="").split(" ", 2)
    assert (real, metadata) == ("True", "True")
    assert found.startswith("dict_values(")  # pydantic's own answer: the plugins it found


def test_the_stand_in_gives_way_when_plugins_are_allowed_later(monkeypatch):
    from expensecli.cli import pydantic_plugins

    monkeypatch.delitem(sys.modules, pydantic_plugins.LOADER, raising=False)
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pydantic_plugins.plugins_off()
    stand_in = sys.modules[pydantic_plugins.LOADER]
    assert stand_in.__spec__ is None and stand_in.get_plugins() == ()
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    assert list(stand_in.get_plugins()) == []  # asked of pydantic's loader, which found none
    assert sys.modules[pydantic_plugins.LOADER].__spec__ is not None
    assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"  # any other name: the real module's


def test_importing_the_cli_leaves_the_collector_alone():
    result = subprocess.run([sys.executable, "-c", "import gc, expensecli.cli.main; print(gc.isenabled())"],
                            capture_output=True, text=True, check=True)
    assert result.stdout == "True\n"


def _stdout_of(args: tuple[str, ...], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    from conftest import REPO

    done = subprocess.run([sys.executable, "-m", "expensecli", *args], cwd=REPO, capture_output=True, timeout=120,
                          env={**os.environ, **env})
    return done.returncode, done.stdout, done.stderr


NARROW = [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}]


def test_into_a_pipe_whatever_the_locale_the_result_is_the_utf8_of_a_file():
    """Names with accents, "ø" and table rules reach a pipe as UTF-8, never a UnicodeEncodeError."""
    commands = [("deadlines", "examples", "--as-of", "2024-05-01", "-f", "table"),
                ("status", "examples", "--as-of", "2024-05-01", "-f", "table", "--group-by", "unit"),
                ("check", "examples/catering", "--as-of", "2024-05-01", "-f", "json"),
                ("rules", "explain", "CA001"), ("rates", "show", "2024")]
    for args in commands:
        code, expected, _ = _stdout_of(args, {"PYTHONIOENCODING": "utf-8"})
        assert code in (0, 1) and any(byte > 127 for byte in expected), args
        for env in NARROW:
            assert _stdout_of(args, env)[:2] == (code, expected), (args, env)


def test_on_a_terminal_that_cannot_show_a_character_it_is_a_question_mark():
    import pty

    from conftest import REPO

    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "expensecli", "rules", "explain", "CA001", "--no-pager"],
                             cwd=REPO, stdout=follower, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "200"})
    os.close(follower)
    shown = b""
    while True:  # read while it writes: a terminal holds only a few kilobytes
        try:
            part = os.read(leader, 65536)
        except OSError:  # the other end is closed: the program has ended
            break
        if not part:
            break
        shown += part
    os.close(leader)
    assert (child.wait(timeout=60), child.stderr.read()) == (0, b"")
    assert shown.isascii() and b"innafor den ordin?re arbeidstida" in shown


def test_an_attachment_named_in_utf8_is_found_whatever_encoding_the_locale_gives_file_names(tmp_path):
    from conftest import EXAMPLES

    (tmp_path / "receipts").mkdir()
    (tmp_path / "receipts" / "kvittering-bærum.pdf").write_bytes(b"%PDF receipt")
    text = (EXAMPLES / "claims" / "employee-equipment.yaml").read_text(encoding="utf-8")
    assert "receipts/clas-ohlson-cable.pdf" in text
    (tmp_path / "claim.yaml").write_text(text.replace("receipts/clas-ohlson-cable.pdf",
                                                      '"receipts/kvittering-bærum.pdf"'), encoding="utf-8")
    args = ("check", str(tmp_path / "claim.yaml"), "--as-of", "2024-05-01", "-f", "concise", "--select", "DOC")
    for env in ({}, {"LC_ALL": "C", "PYTHONUTF8": "0"}):
        code, out, _ = _stdout_of(args, env)
        assert (code, out) == (0, b"1 file, 0 errors, 0 warnings, 0 infos, 0 waived\n"), env


def test_a_large_attachment_named_in_utf8_is_hashed_into_the_ledger_whatever_the_locale(tmp_path):
    """An attachment over the loader's own hashing size is hashed for the ledger by its name on
    disk, as the loader finds it: under `LC_ALL=C` it was silently left out."""
    import hashlib
    import sqlite3

    from conftest import EXAMPLES

    from expensecli.load.attachments import HASHED_UP_TO

    (tmp_path / "receipts").mkdir()
    content = b"%PDF receipt\n" * (HASHED_UP_TO // 10)
    (tmp_path / "receipts" / "kvittering-bærum.pdf").write_bytes(content)
    text = (EXAMPLES / "claims" / "employee-equipment.yaml").read_text(encoding="utf-8")
    (tmp_path / "claim.yaml").write_text(text.replace("receipts/clas-ohlson-cable.pdf",
                                                      '"receipts/kvittering-bærum.pdf"'), encoding="utf-8")
    for n, env in enumerate(({}, {"LC_ALL": "C", "PYTHONUTF8": "0"})):
        ledger = tmp_path / f"ledger-{n}.sqlite"
        code, _, err = _stdout_of(("check", str(tmp_path / "claim.yaml"), "--as-of", "2024-05-01", "-q",
                                   "--ledger", str(ledger)), env)
        assert (code, err) == (0, b""), env
        rows = sqlite3.connect(ledger).execute("SELECT file, sha256 FROM attachments").fetchall()
        assert rows == [("receipts/kvittering-bærum.pdf", hashlib.sha256(content).hexdigest())], env
