"""Expand command-line PATH arguments into the list of claim files to read.

A PATH is a file, a directory (recursive *.yaml / *.yml in any letter case, so `A.YAML` and
`b.Yml` too; hidden folders skipped, symbolic links to folders not followed, so loops are
safe), a glob, or `-` for standard input.
A directory is searched whatever its name, so a folder called `x.yaml` is a folder. Anything
else named on the command line is kept, whatever it is: a path that does not exist, a
dangling symbolic link, a FIFO or a device are reported as LOAD001 like any unreadable file.
Inside a folder, every entry named *.yaml / *.yml that is not a folder is checked the same way.

What a shared folder must not do to the run:
- a symbolic link found in a folder (or by a glob) that points outside the folders given is
  not followed: LOAD001 "link leaves the folder" (`--follow-links` follows it), so a link to
  `~/.aws/credentials` never has its values quoted in a report;
- a subfolder that cannot be read is LOAD001 for that folder, so a report never says "all
  checked" when some claims were not;
- one file named twice (a relative and an absolute path, a link to it) is checked once, under
  the name that sorts first; `--stdin-filename X` together with the file X is refused.

Names are shown with control characters and undecodable bytes escaped (`\n` as `\x0a`, the
Latin-1 byte 0xE9 as `\xe9`), so a hostile file name cannot forge lines of the concise output
or make the JSON output invalid UTF-8; the file itself is still read by its real name.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from expensecli.core.i18n import mark, tr
from expensecli.core.text import printable
from expensecli.load.textfiles import os_reason

SUFFIXES = (".yaml", ".yml")
STDIN = "-"
LEAVES = mark("link leaves the folder: it points outside the folders given on the command line (--follow-links to"
              " check it)")  # translated when an input is found to leave


class InputClash(ValueError):
    """The command line names one claim twice in a way that cannot be settled (exit 2)."""


@dataclass(frozen=True, slots=True)
class Input:
    """One input of a run, as the command line named it: a file, standard input, or one reported without being read."""

    display: str  # the name shown in reports
    path: str | None  # None for standard input (text, not a `Path`: a batch holds one for every file)
    problem: str | None = None  # a LOAD001 reported without reading (a link leaving, a folder unread)


def expand(arguments: list[str], stdin_filename: str | None = None, follow_links: bool = False) -> list[Input]:
    found: dict[str, Input] = {}  # by resolved path: one file named twice is checked once
    for argument in arguments:
        if argument == STDIN:
            name = printable(stdin_filename or "<stdin>")
            found.setdefault("\0stdin", Input(name, None))
            continue
        root = _root_of(argument)
        inside = None if root is None or follow_links else os.path.join(root, "")  # what a path inside starts with
        for path, problem, known in _paths(argument):
            real = (known or _identity(path)) if problem is None else None
            if real is not None and inside is not None and real != root and not real.startswith(inside):
                problem = tr(LEAVES)
            key = real if problem is None else "\0" + os.path.normpath(path)
            display = printable(os.path.normpath(path))
            item = Input(path if display == path else display, path, problem)  # one text when they are the same
            if key not in found or item.display < found[key].display:
                found[key] = item
    if stdin_filename and "\0stdin" in found:
        clash = _identity(stdin_filename)
        if clash in found:
            raise InputClash(tr("--stdin-filename {name} is also named as a file to check; give standard input"
                                " another name, or leave the file out", name=printable(stdin_filename)))
    return sorted(found.values(), key=lambda item: item.display)


def _identity(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _root_of(argument: str) -> str | None:
    """The folder whose files a PATH stands for: the folder itself, or a glob's fixed part; None
    for a file named on its own (the user chose it, link or not)."""
    if os.path.isdir(argument):
        return os.path.realpath(argument)
    if os.path.lexists(argument) or not glob.has_magic(argument):
        return None
    fixed = []
    for part in argument.split(os.sep):
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.path.realpath(os.sep.join(fixed) or ".")


def _paths(argument: str) -> list[Found]:
    if os.path.isdir(argument):
        return _walk(argument)
    if os.path.lexists(argument) or not glob.has_magic(argument):
        return [(argument, None, None)]
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches and "*" not in argument and "?" not in argument:
        return [(argument, None, None)]  # brackets alone, matching nothing: a file name ("reise [kopi].yaml")
    return [found for match in matches for found in (_walk(match) if os.path.isdir(match) else [(match, None, None)])]


Found = tuple[str, "str | None", "str | None"]  # a path, its LOAD001 problem, its real path when known


def _walk(folder: str) -> list[Found]:
    """The claim files under `folder` (as `os.walk` without following links would find them),
    each with its real path when the walk knows it: a file that is not a symbolic link, in a
    folder reached without one, is the folder's real path and its name, so a folder of
    thousands of claims is resolved once, not once a file."""
    files: list[Found] = []
    try:
        start = os.path.realpath(folder)
    except (OSError, ValueError):
        start = None
    stack = [(folder, start)]
    while stack:
        top, real = stack.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError as error:
            reason = os_reason(error).lower()
            files.append((error.filename or top, tr("cannot read the folder: {reason}; the claims in it were not"
                                                    " checked", reason=reason), None))
            continue
        folders = []
        within = real and os.path.join(real, "")  # the real path of an entry, less its name
        for entry in entries:  # `entry.path` is `top` and the name joined, as os.path.join joins them
            name = entry.name
            if name.startswith("."):  # hidden: neither a claim nor a folder to search
                continue
            if _is(entry.is_dir):
                if not _is(entry.is_symlink):
                    folders.append(name)
            elif name.lower().endswith(SUFFIXES):
                files.append((entry.path, None, None if not within or _is(entry.is_symlink) else within + name))
        stack.extend((os.path.join(top, name), within and within + name) for name in sorted(folders, reverse=True))
    return files


def _is(test) -> bool:
    try:
        return test()
    except OSError:
        return False
