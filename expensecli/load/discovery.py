"""Expand command-line PATH arguments into the list of claim files to read.

A PATH is a file, a directory (recursive *.yaml / *.yml, hidden folders skipped, symbolic
links to folders not followed, so loops are safe), a glob, or `-` for standard input.
A directory is searched whatever its name, so a folder called `x.yaml` is a folder. Anything
else named on the command line is kept, whatever it is: a path that does not exist, a
dangling symbolic link, a FIFO or a device are reported as LOAD001 like any unreadable file.
Inside a folder, every entry named *.yaml / *.yml that is not a folder is checked the same way.

Names are shown with control characters and undecodable bytes escaped (`\n` as `\x0a`, the
Latin-1 byte 0xE9 as `\xe9`), so a hostile file name cannot forge lines of the concise output
or make the JSON output invalid UTF-8; the file itself is still read by its real name.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from expensecli.core.text import printable

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
            name = printable(stdin_filename or "<stdin>")
            found.setdefault(name, Input(name, None))
            continue
        for path in _paths(argument):
            key = os.path.normpath(path)
            found.setdefault(key, Input(printable(key), Path(path)))
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
