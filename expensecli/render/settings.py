"""`expensecli config show`: the settings in force and where each came from, as text or JSON.

`config show -f json`: {"version": 1, "file": path or null, "isolated": bool, "settings": [{"key",
"value", "from"}], "severity": [{"code", "severity", "from"}]}; "from" is "path:line" or "default".
The text follows the language (its sentences, headers and the defaults' descriptions); the
values of the settings and the JSON do not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from expensecli.core.i18n import mark, tr
from expensecli.core.text import printable
from expensecli.load.config import FILE, KEYS, PYPROJECT, Config
from expensecli.render.columns import columns

# key -> (the default as JSON gives it: null when it depends on the run, as the text says it; a
# description in parentheses is translated, a value is not)
DEFAULTS: dict[str, tuple[Any, str]] = {
    "rates": (None, mark("(the bundled sheets)")), "fail_on": ("error", "error"),
    "select": (None, mark("(every code)")), "ignore": (None, mark("(none)")),
    "jobs": (None, mark("(the number of cores)")), "max_file_size": ("5MB", "5MB"),
    "format": (None, mark("(table on a terminal, else concise)")), "color": ("auto", "auto"),
    "follow_links": (False, "false"), "controllers": (None, mark("(none: every waiver in a claim file applies)")),
    "ledger": (None, mark("(none)")), "lang": (None, mark("(en; nb in a Norwegian locale)")),
}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _escaped(value: Any) -> Any:
    """A value of the file as JSON shows it: text `printable`, as every value read from a file is."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def _rows(config: Config, as_json: bool = False) -> list[tuple[str, Any, str]]:
    rows = []
    for key in KEYS:
        if key == "severity":
            continue
        setting = config.settings.get(key)
        if setting is None:
            if as_json:
                rows.append((key, DEFAULTS[key][0], "default"))
            else:
                described = DEFAULTS[key][1]
                rows.append((key, tr(described) if described.startswith("(") else described, tr("default")))
        else:
            value = list(setting.value) if isinstance(setting.value, tuple) else setting.value
            rows.append((key, value if as_json else _shown(setting.value), setting.origin))
    return rows


def where_from(config: Config, cwd: Path) -> str:
    if config.isolated:
        return tr("Configuration file: none read (--isolated)")
    if config.file is None:
        return tr("Configuration file: none found in {folder} or the folders above it ({file}, or [tool.expensecli]"
                  " in {pyproject})", folder=cwd, file=FILE, pyproject=PYPROJECT)
    return tr("Configuration file: {file}", file=config.file)


def config_text(config: Config, cwd: Path) -> str:
    rows = _rows(config)
    severity = [(f"severity {code}", setting.value.value, setting.origin) for code, setting in config.severity.items()]
    rows += severity or [("severity", tr("(each rule's own)"), tr("default"))]
    return (where_from(config, cwd) + "\n" + columns((tr("SETTING"), tr("VALUE"), tr("FROM")), rows)
            + tr("Options given on the command line win over these.") + "\n")


def config_json(config: Config) -> str:
    document = {
        "version": 1, "file": str(config.file) if config.file else None, "isolated": config.isolated,
        "settings": [{"key": key, "value": _escaped(value), "from": origin} for key, value, origin in _rows(config, True)],
        "severity": [{"code": code, "severity": setting.value.value, "from": setting.origin}
                     for code, setting in config.severity.items()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
