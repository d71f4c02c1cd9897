"""Where results go: stdout, or a file written atomically (temp file + rename).

A reader of `-o FILE` sees the old file or the complete new one, never a part: the text goes
to a hidden temp file in the same folder, which replaces FILE only when it is complete. On
Ctrl-C or any error the temp file is removed and FILE is left as it was. The new file gets
the permissions of the file it replaces, else the usual ones (0666 less the umask), not the
private 0600 of a temp file. A target that cannot be written is exit 2 with one line.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import typer


def write_result(text: str | bytes, output: Path | None) -> None:
    """Text, or the bytes of a binary format (xlsx), to stdout or atomically to `output`."""
    binary = isinstance(text, bytes)
    if output is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        stream.write(text)
        stream.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _unwritable(output, error) from None
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            stream.write(text)
        os.chmod(temp, _mode_for(output))
        os.replace(temp, output)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _unwritable(output, error) from None
        raise


def _mode_for(output: Path) -> int:
    try:
        return stat.S_IMODE(output.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _unwritable(output: Path, error: OSError) -> typer.Exit:
    reason = error.strerror or str(error)
    typer.echo(f"expensecli: error: cannot write {output}: {reason[:1].lower()}{reason[1:]}", err=True)
    return typer.Exit(2)


def refuse_binary_to_terminal(output: Path | None, what: str = "xlsx") -> None:
    """A binary format needs a file: `-o FILE`, or stdout redirected; never the terminal (exit 2)."""
    if output is None and sys.stdout.isatty():
        typer.echo(f"expensecli: error: {what} is a binary file format and is not written to a terminal;"
                   f" give -o FILE.{what} (or redirect stdout to a file)", err=True)
        raise typer.Exit(2)


def default_format(output, table, concise):
    """With no --format: the table for a person at a terminal, the concise lines otherwise."""
    return table if output is None and sys.stdout.isatty() else concise


def use_color(choice: str, stream=None) -> bool:
    """--color auto|always|never; in auto, NO_COLOR turns colour off and FORCE_COLOR on."""
    stream = stream or sys.stdout
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()
