"""Long output on a terminal goes through a pager, as git does it; never when piped or written.

A report taller than the terminal is shown through `$PAGER` (default `less`; with `LESS=FRX`
when LESS is not set, so colour passes, the screen is not cleared and a text that fits after
all is simply printed) when standard output is a terminal. `--no-pager` (before or after the
command), `PAGER=` (empty) or `PAGER=cat` print it directly, and so does a pager that cannot
be started, or that the shell cannot find or run (exit status 126 or 127: a `PAGER` misspelt
must not lose the report). Ctrl-C while paging is the pager's to handle; the run ends when the pager does.
A result written a part at a time (`held`, a streamed `check`) is kept in a temporary file until
it is complete, then paged or printed by the same rules, so a large batch is never held in memory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from typing import BinaryIO


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def pager_command(environ=os.environ) -> str | None:
    """The pager to use, or None for none."""
    command = environ.get("PAGER", "less").strip()
    return None if command in ("", "cat") else command


def wanted(no_pager: bool = False) -> bool:
    """Whether a long result would be paged: on a terminal, with a pager, unless told not to."""
    return not no_pager and pager_command() is not None and stdout_is_terminal()


def _height() -> int:
    return shutil.get_terminal_size((80, 24)).lines


def page(text: str, no_pager: bool = False) -> bool:
    """Show `text` through the pager when it is wanted; False when the caller should print it."""
    if not wanted(no_pager) or text.count("\n") < _height():
        return False
    return _through_pager(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))


@contextmanager
def held(print_bytes: Callable[[bytes], None]):
    """`write(text)` for a result made a part at a time when it may be paged: the parts are held
    in a temporary file, not in memory, and when the block ends they go through the pager (the
    result is taller than the terminal) or to `print_bytes`, a megabyte at a time."""
    encoding = sys.stdout.encoding or "utf-8"
    lines = 0
    with tempfile.TemporaryFile() as parts:
        def write(text: str) -> None:
            nonlocal lines
            lines += text.count("\n")
            parts.write(text.encode(encoding, errors="replace"))

        yield write
        parts.flush()
        parts.seek(0)
        if lines >= _height() and _through_pager(parts):
            return
        parts.seek(0)  # a pager that could not run may have read some of it
        while block := parts.read(1 << 20):
            print_bytes(block)


def _through_pager(source: bytes | BinaryIO) -> bool:
    """Start the pager on `source` (bytes, or a file read from where it stands) and wait for it;
    False when it cannot be started, or the shell could not find or run it (the caller prints)."""
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    piped = isinstance(source, bytes)
    try:
        sys.stdout.flush()
        pager = subprocess.Popen(pager_command(), shell=True, stdin=subprocess.PIPE if piped else source, env=environ)
    except OSError:
        return False
    if piped:
        try:
            pager.stdin.write(source)
            pager.stdin.close()
        except (BrokenPipeError, OSError):  # the reader quit before the end: that is fine
            pass
    while True:
        try:
            pager.wait()
            break
        except KeyboardInterrupt:  # the pager handles Ctrl-C itself; wait until it is done
            continue
    return pager.returncode not in NOT_RUN


NOT_RUN = (126, 127)  # the shell's exit status for a command it found but could not run, or did not find
