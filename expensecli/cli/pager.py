"""Long output on a terminal goes through a pager, as git does it; never when piped or written.

A report taller than the terminal is shown through `$PAGER` (default `less`; with `LESS=FRX`
when LESS is not set, so colour passes, the screen is not cleared and a text that fits after
all is simply printed) when standard output is a terminal. `--no-pager` (before or after the
command), `PAGER=` (empty) or `PAGER=cat` print it directly, and so does a pager that cannot
be started. Ctrl-C while paging is the pager's to handle; the run ends when the pager does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def pager_command(environ=os.environ) -> str | None:
    """The pager to use, or None for none."""
    command = environ.get("PAGER", "less").strip()
    return None if command in ("", "cat") else command


def page(text: str, no_pager: bool = False) -> bool:
    """Show `text` through the pager when it is wanted; False when the caller should print it."""
    command = pager_command()
    if no_pager or command is None or not stdout_is_terminal():
        return False
    if text.count("\n") < shutil.get_terminal_size((80, 24)).lines:
        return False
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")
    try:
        sys.stdout.flush()
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    try:
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit before the end: that is fine
        pass
    while True:
        try:
            pager.wait()
            break
        except KeyboardInterrupt:  # the pager handles Ctrl-C itself; wait until it is done
            continue
    return True
