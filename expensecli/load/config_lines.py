"""The line of each key of a TOML file, for messages: `tomllib` gives values but no positions.

A light scan of the text: table headers (`[severity]`, `[tool.expensecli]`) set where the keys
that follow belong, and `key = ...` or `dotted.key = ...` lines give a key's line. Keys inside
an inline table (`severity = {CA009 = "error"}`) or a multi-line value take the line of the key
that holds them, which is still the right place to look.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(dotted))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Full key path -> the line it is set on (tables too: their header's line)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    open_strings = False
    for number, line in enumerate(text.splitlines(), start=1):
        if open_strings:  # inside a multi-line string: nothing here is a key
            open_strings = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        if header := _HEADER.match(line):
            table = _parts(header[1])
            lines.setdefault(table, number)
        elif key := _KEY.match(line):
            path = table + _parts(key[1])
            for end in range(len(table) + 1, len(path) + 1):
                lines.setdefault(path[:end], number)
            open_strings = line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1
    return lines


def line_of(lines: dict[tuple[str, ...], int], path: tuple[str, ...]) -> int:
    """The line of `path`, or of the nearest key or table holding it; 1 when none is known."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
