"""The configuration file, so that hand runs and cron runs agree without repeating ten options.

Found as ruff and yamllint find theirs: `expensecli.toml` in the current folder or the nearest
folder above it that has one, else the `[tool.expensecli]` table of a `pyproject.toml` there (a
`pyproject.toml` without that table is passed by); `--config PATH` names the file instead, and
`--isolated` reads none. Read with the standard library's `tomllib`. Every key is checked here:
an unknown key or a bad value is a `ConfigError` naming the file and line, with a "did you mean"
when a known key is close. The command line applies these as defaults, so it always wins.

Keys (see KEYS): the options shared by the commands that read claims (`rates`, `fail_on`,
`select`, `ignore`, `jobs`, `max_file_size`, `format`, `color`, `follow_links`); `controllers`,
the people whose waivers in claim files count (WV002); `ledger` and `lang`, read and carried
in `Config` for the commands that use them; and the table `[severity]` of per-code (or prefix)
severities, which the engine applies as data (`Selection.severity`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from expensecli.core.i18n import tr, use
from expensecli.load.config_keys import KEYS, ConfigError, Setting, display, read_settings

if TYPE_CHECKING:
    from expensecli.core.findings import Severity

__all__ = ["FILE", "KEYS", "PYPROJECT", "Config", "ConfigError", "Setting", "find_config", "load_config"]

FILE = "expensecli.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "expensecli")
MAX_SIZE = 1024 * 1024


@dataclass(frozen=True)
class Config:
    """The settings a file gives, each with where it was set; empty when no file was read."""

    file: Path | None = None
    settings: dict[str, Setting] = field(default_factory=dict)
    severity: dict[str, Setting] = field(default_factory=dict)  # code or prefix -> Setting(Severity)
    isolated: bool = False

    def value(self, key: str, default: Any = None) -> Any:
        setting = self.settings.get(key)
        return default if setting is None else setting.value

    @property
    def controllers(self) -> tuple[str, ...] | None:
        """The controllers' names (WV002), None when the file lists none."""
        return self.value("controllers")

    @property
    def ledger(self) -> str | None:
        """Reserved for the audit ledger: a ledger file (made absolute) or URL, read and carried only."""
        return self.value("ledger")

    @property
    def lang(self) -> str | None:
        """The language of the output ("en" or "nb"), when the file chooses one."""
        return self.value("lang")

    def severities(self) -> tuple[tuple[str, Severity], ...]:
        return tuple((code, setting.value) for code, setting in self.severity.items())

    def unknown_codes(self, known: set[str]) -> None:
        """Raise ConfigError for a `[severity]` key, or a code of `select` or `ignore`, that is no
        rule code nor a prefix of one: at its line, as any bad value of the file."""
        for key in ("select", "ignore"):
            setting = self.settings.get(key)
            codes = [part.strip().upper() for part in setting.value.split(",") if part.strip()] if setting else []
            for code in codes:
                if not any(rule.startswith(code) for rule in known):
                    near = difflib.get_close_matches(code, sorted(known), n=1)
                    hint = (tr("did you mean {near}?", near=near[0]) if near
                            else tr("expensecli rules list shows them"))
                    raise ConfigError(tr("{origin}: {key}: no rule code starts with {code} ({hint})",
                                         origin=setting.origin, key=key, code=code, hint=hint))
        for code, setting in self.severity.items():
            if not any(rule.startswith(code) for rule in known):
                near = difflib.get_close_matches(code, sorted(known), n=1)
                if near:
                    raise ConfigError(tr("{origin}: [severity] {code}: no rule code starts with it (did you mean"
                                         " {near}?)", origin=setting.origin, code=code, near=near[0]))
                raise ConfigError(tr("{origin}: [severity] {code}: no rule code starts with it (expensecli rules"
                                     " list shows them)", origin=setting.origin, code=code))


def find_config(start: Path) -> tuple[Path, tuple[str, ...]] | None:
    """The file that applies in `start`: (path, table holding the settings), or None."""
    for folder in (start, *start.parents):
        if (folder / FILE).is_file():
            return folder / FILE, ()
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject, TABLE
    return None


NESTING = 64  # brackets and braces open at once beyond which a line is pointed at as the nesting's


def _too_deep(text: str) -> int:
    """The line on which brackets and braces first open more than NESTING deep (strings are not
    told apart: the line is a pointer into a file TOML itself could not read)."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for character in line:
            depth += 1 if character in "[{" else -1 if character in "]}" else 0
            if depth > NESTING:
                return number
    return 1


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "expensecli" not in text and "\\u" not in text and "\\U" not in text:
        return False  # no key can spell the table's name (bare, quoted or escaped): nothing to parse
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    except RecursionError:  # nested too deeply to read: `read_config` says where
        return True
    return isinstance(data.get("tool"), dict) and "expensecli" in data["tool"]


LANGUAGES = KEYS["lang"][2]


def load_config(start: Path, explicit: Path | None = None, isolated: bool = False,
                formats: Sequence[str] = (), its_language: bool = False) -> Config:
    """The configuration in force: none with `isolated`, the `explicit` file, else the one found.
    With `its_language`, a good `lang` of the file is the language its own errors are said in."""
    if isolated:
        return Config(isolated=True)
    if explicit is not None:
        table = TABLE if explicit.name == PYPROJECT else ()
        return read_config(explicit, table, formats, its_language)
    found = find_config(start)
    return read_config(*found, formats, its_language) if found else Config()


def read_config(path: Path, table: tuple[str, ...] = (), formats: Sequence[str] = (),
                its_language: bool = False) -> Config:
    import tomllib  # here and in _has_table: only a run that finds a file reads TOML

    from expensecli.load.config_lines import key_lines, line_of
    from expensecli.load.textfiles import ReadProblem, decode

    try:
        data = path.read_bytes()[:MAX_SIZE + 1]
    except FileNotFoundError:
        raise ConfigError(tr("{file}: configuration file not found", file=path)) from None
    except OSError as error:
        raise ConfigError(tr("{file}: cannot read the configuration file: {error}", file=path, error=error)) from None
    if len(data) > MAX_SIZE:
        raise ConfigError(tr("{file}: a configuration file of over {limit} bytes is not read", file=path,
                             limit=MAX_SIZE))
    try:
        text = decode(data)  # UTF-8, a byte-order mark dropped (Notepad writes one); else where it is not
    except ReadProblem as problem:
        raise ConfigError(f"{display(path)}:{problem.at[0]}:{problem.at[1]}: {problem.message}") from None
    try:
        document = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(tr("{file}:{at}: not valid TOML: arrays or inline tables nested too deeply to read",
                             file=display(path), at=_too_deep(text))) from None
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        at = f"{where[1]}:{where[2]}" if where else str(max(1, len(text.splitlines())))  # at the end
        raise ConfigError(tr("{file}:{at}: not valid TOML: {reason}", file=display(path), at=at,
                             reason=str(error).split(" (at ")[0])) from None
    for part in table:
        document = document.get(part, {})
    if not isinstance(document, dict):
        raise ConfigError(tr("{file}:{line}: [{table}] must be a table", file=display(path),
                             line=line_of(key_lines(text), table), table=".".join(table)))
    if its_language and document.get("lang") in LANGUAGES:  # `lang = "nb"`: a typo two lines on is said in bokmål
        use(document["lang"])
    settings, severity = read_settings(path, table, document, key_lines(text), tuple(formats))
    return Config(path, settings, severity)


