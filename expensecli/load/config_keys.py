"""Every key the configuration file knows, what a good value of each is, and how it is read.

A value is read by its key's reader, which returns None for a bad value; the message then says
what a good value is, quotes the bad one and suggests the nearest choice or key ("did you mean").
Paths (`rates`, a `ledger` file) are read relative to the folder of the configuration file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from expensecli.core.i18n import mark, tr
from expensecli.core.text import printable

SIZE = re.compile(r"(\d+)\s*([KMG]?)(?:I?B)?", re.IGNORECASE | re.ASCII)  # the number, then its unit
CODE = re.compile(r"[A-Z]{2,4}\d{0,3}", re.ASCII)


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message starts with `file:line:`."""


@dataclass(frozen=True)
class Setting:
    """A value of the configuration and where it was set, so a wrong one is reported at its line."""

    value: Any
    origin: str  # where it was set: "expensecli.toml:3"


def _text(value: Any) -> str | None:
    """Text that can name a file or a URL: not blank, and without a NUL, which no path holds."""
    return value.strip() if isinstance(value, str) and value.strip() and "\x00" not in value else None


def _codes(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    return None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def size_in_bytes(text: str) -> int | None:
    """Bytes from `5000000`, `500K`, `5MB`, `5MiB` (K, M, G are powers of 1024; ASCII digits
    only); None for anything else, and for no bytes at all, under which every file is too large.
    Read alike from `--max-file-size`, EXPENSECLI_MAX_FILE_SIZE and the configuration file."""
    match = SIZE.fullmatch(text.strip())
    if not match or not int(match[1]):
        return None
    return int(match[1]) * 1024 ** " KMG".index(match[2].upper() or " ")


def _size(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return str(value)
    return value.strip() if isinstance(value, str) and size_in_bytes(value) is not None else None


def _names(value: Any) -> tuple[str, ...] | None:
    """Names, each as it is written (`--controllers` and EXPENSECLI_CONTROLLERS are lists with
    commas between the names, so a name holding one would be split: "Dahl, Kari" is refused). An
    empty list is refused too: it would read as no list, under which anyone may waive."""
    if isinstance(value, list) and value and all(_text(item) and "," not in item for item in value):
        return tuple(" ".join(item.split()) for item in value)
    return None


# key -> (reader returning the value or None when it is bad, what a good value is, choices); what a
# good value is, is translated where it is shown (`tr(wanted)`).
KEYS: dict[str, tuple[Any, str, tuple[str, ...]]] = {
    "rates": (_text, mark("a rate sheet file or folder (text; relative to this file)"), ()),
    "fail_on": (None, mark("one of"), ("error", "warning", "info", "never")),
    "select": (_codes, mark('codes or prefixes, as text ("CA,DL001") or a list (["CA", "DL001"])'), ()),
    "ignore": (_codes, mark('codes or prefixes, as text ("CA,DL001") or a list (["CA", "DL001"])'), ()),
    "jobs": (_count, mark("a whole number of worker processes, 1 or more"), ()),
    "max_file_size": (_size, mark('a size in bytes (5000000) or with a unit ("500K", "5MB")'), ()),
    "format": (None, mark("one of"), ()),  # the choices are the output formats, given by the caller
    "color": (None, mark("one of"), ("auto", "always", "never")),
    "follow_links": (lambda v: v if isinstance(v, bool) else None, mark("true or false"), ()),
    "controllers": (_names, mark('a list of names without commas (["Kari Dahl", "Ola Hansen"])'), ()),
    "ledger": (_text, mark("a ledger file or URL (text; a file is relative to this file)"), ()),
    "lang": (None, mark("one of"), ("en", "nb")),
    "severity": (None, mark("a table of rule codes and severities"), ()),
}
RELATIVE = ("rates", "ledger")  # paths, read relative to the folder of the file


def read_settings(path: Path, table: tuple[str, ...], document: dict, lines: dict[tuple[str, ...], int],
                  formats: tuple[str, ...]) -> tuple[dict[str, Setting], dict[str, Setting]]:
    """The settings of `document` (the file's table `table`) and its `[severity]`, each checked and
    with the line it is on; ConfigError for the first unknown key or bad value."""
    from expensecli.load.config_lines import line_of  # here: only a run that finds a file reads one

    def origin(*key: str) -> str:
        return f"{display(path)}:{line_of(lines, table + key)}"

    settings: dict[str, Setting] = {}
    severity: dict[str, Setting] = {}
    for key, value in document.items():
        if key not in KEYS:
            near = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
            if near:
                raise ConfigError(tr("{origin}: unknown key '{key}' (did you mean '{near}'?)", origin=origin(key),
                                     key=printable(key), near=near[0]))
            raise ConfigError(tr("{origin}: unknown key '{key}'; known keys: {keys}", origin=origin(key),
                                 key=printable(key), keys=", ".join(KEYS)))
        if key == "severity":
            severity = _severity(value, origin)
            continue
        reader, wanted, choices = KEYS[key]
        choices = formats if key == "format" else choices
        good = (value if isinstance(value, str) and value in choices else None) if reader is None else reader(value)
        if good is None:
            raise ConfigError(_bad(origin(key), key, value, wanted, choices))
        if key in RELATIVE and "://" not in good:
            good = str((path.parent / good).resolve()) if not Path(good).is_absolute() else good
        settings[key] = Setting(good, origin(key))
    return settings, severity


def display(path: Path) -> str:
    """The file as messages name it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _severity(value: Any, origin) -> dict[str, Setting]:
    if not isinstance(value, dict):
        raise ConfigError(tr("{origin}: severity must be a table: [severity] then lines CA009 = \"error\"",
                             origin=origin("severity")))
    from expensecli.core.findings import Severity

    found = {}
    levels = [level.value for level in sorted(Severity, key=lambda level: level.rank, reverse=True)]  # as fail_on
    for code, level in value.items():
        if not CODE.fullmatch(code.upper()):
            raise ConfigError(tr("{origin}: [severity] {code}: not a rule code such as CA009",
                                 origin=origin("severity", code), code=printable(code)))
        if level not in levels:
            raise ConfigError(_bad(origin("severity", code), f"[severity] {code}", level, "one of", levels))
        found[code.upper()] = Setting(Severity(level), origin("severity", code))
    return found


def _bad(origin: str, key: str, value: Any, wanted: str, choices: Sequence[str]) -> str:
    """"file:3: color must be one of auto, always, never, got 'blue'", with the nearest choice."""
    near = _near(value, choices)
    if choices and near:
        return tr("{origin}: {key} must be one of {choices}, got {value} (did you mean '{near}'?)", origin=origin,
                  key=key, choices=", ".join(choices), value=_shown(value), near=near)
    if choices:
        return tr("{origin}: {key} must be one of {choices}, got {value}", origin=origin, key=key,
                  choices=", ".join(choices), value=_shown(value))
    return tr("{origin}: {key} must be {wanted}, got {value}", origin=origin, key=key, wanted=tr(wanted),
              value=_shown(value))


def _shown(value: Any) -> str:
    text = printable(repr(value) if not isinstance(value, bool) else str(value).lower())
    return text if len(text) <= 40 else text[:40] + "…"


def _near(value: Any, choices: Sequence[str]) -> str | None:
    near = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6) if isinstance(value, str) else []
    return near[0] if near else None
