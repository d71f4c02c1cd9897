"""Expand command-line PATH arguments into the list of claim files to read.

A PATH is a file, a directory (recursive *.yaml / *.yml, hidden folders skipped, symbolic
links to folders not followed, so loops are safe), a glob, or `-` for standard input.
A path that does not exist is kept, so it is reported as LOAD001 like any unreadable file.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    display: str  # the name shown in reports
    path: Path | None  # None for standard input


def expand(arguments: list[str], stdin_filename: str | None = None) -> list[Input]:
    found: dict[str, Input] = {}
    for argument in arguments:
        if argument == STDIN:
            name = stdin_filename or "<stdin>"
            found.setdefault(name, Input(name, None))
            continue
        for path in _paths(argument):
            key = os.path.normpath(path)
            found.setdefault(key, Input(key, Path(path)))
    return [found[key] for key in sorted(found)]


def _paths(argument: str) -> list[str]:
    if os.path.isdir(argument):
        return _walk(argument)
    if os.path.lexists(argument) or not glob.has_magic(argument):
        return [argument]
    matches = sorted(glob.glob(argument, recursive=True))
    return [found for match in matches for found in (_walk(match) if os.path.isdir(match) else [match])]


def _walk(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, name) for name in names
                     if name.endswith(SUFFIXES) and not name.startswith("."))
    return files
