"""Where results go: stdout, or a file written atomically (temp file + rename).

A reader of `-o FILE` sees the old file or the complete new one, never a part: the text goes
to a hidden temp file in the same folder, which replaces FILE only when it is complete. On
Ctrl-C or any error the temp file is removed and FILE is left as it was. The new file gets
the permissions of the file it replaces, else the usual ones (0666 less the umask), not the
private 0600 of a temp file. A target that cannot be written is exit 2 with one line.

Only a regular file is ever replaced: a device, FIFO, socket or folder at FILE is refused
(exit 2; as root, `-o /dev/null` would otherwise replace the system's null device), and a
symbolic link is written through only when it leads to a regular file (or to nothing yet, in
an existing folder), which is then replaced and the link kept. Nor is a file the run reads
(`reads`): a claim file, or the SQLite file of the ledger, which a slip in a cron line
(`-o audit.sqlite`) would otherwise replace with a report, history and waivers gone. Standard output that cannot be
written (a full disk, a reader that has gone) is one line on stderr and exit 2.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import typer

from expensecli.core.i18n import tr


def write_result(text: str | bytes, output: Path | None, summary: str | None = None) -> None:
    """`text` (or the bytes of a binary format, xlsx) to stdout (text through the pager when long and
    on a terminal: `pager`) or atomically to `output`; for a file, `summary` goes to stderr when that
    is a terminal, so `-o` does not leave a person guessing."""
    if output is None:
        if isinstance(text, bytes) or not _paged(text):
            _to_stdout(text)
        return
    with result_file(output, isinstance(text, bytes)) as stream:
        stream.write(text)
    _say_written(output, summary)


@contextmanager
def result_file(output: Path, binary: bool = False):
    """A stream to write the result into; it replaces `output` (atomically) when the block ends
    without an error, and is removed otherwise."""
    import tempfile

    output = _target(output)
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _unwritable(output, error) from None
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            yield stream
        os.chmod(temp, _mode_for(output))
        os.replace(temp, output)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _unwritable(output, error) from None
        raise


@contextmanager
def result_stream(output: Path | None, summary=None):
    """`write(text)` for a result written a part at a time: to `output` (as `write_result` writes
    it), else to stdout, through the pager when it is long and stdout a terminal (`pager.held`).
    `summary()` is asked for when the block ends (see `write_result`)."""
    if output is None:
        from expensecli.cli.main import SETTINGS
        from expensecli.cli.pager import held, wanted

        if wanted(SETTINGS.get("no_pager", False)):
            with held(_to_stdout) as write:
                yield write
            return
        yield _stdout_part
        _to_stdout("")  # flushed
        return
    with result_file(output) as stream:
        yield stream.write
    _say_written(output, summary() if summary else None)


@contextmanager
def result_binary(output: Path | None, summary=None, folder: str | None = None):
    """A binary stream (seekable) for a result written a part at a time: it replaces `output` as
    `result_file` does, else it is a temporary file (in `folder`) copied to stdout when the block
    ends without an error. `summary()`: as for `result_stream`."""
    if output is None:
        import tempfile

        with tempfile.TemporaryFile(dir=folder) as stream:
            yield stream
            stream.seek(0)
            try:
                shutil.copyfileobj(stream, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            except OSError as error:
                _stdout_failed(error)
        return
    with result_file(output, binary=True) as stream:
        yield stream
    _say_written(output, summary() if summary else None)


def _say_written(output: Path, summary: str | None) -> None:
    """The summary of a result written to `output`, on stderr when a person reads it there."""
    if summary and stderr_is_terminal():
        sys.stderr.write(f"{output}: {summary}\n")


def _stdout_part(text: str) -> None:
    try:
        sys.stdout.write(text)
    except OSError as error:
        _stdout_failed(error)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _paged(text: str) -> bool:
    from expensecli.cli.main import SETTINGS
    from expensecli.cli.pager import page

    return page(text, SETTINGS.get("no_pager", False))


def _to_stdout(text: str | bytes) -> None:
    try:
        stream = sys.stdout.buffer if isinstance(text, bytes) else sys.stdout
        stream.write(text)
        stream.flush()
    except OSError as error:
        _stdout_failed(error)


def _stdout_failed(error: OSError) -> None:
    try:  # nothing more can go there: let the interpreter's exit not try again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    gone = isinstance(error, BrokenPipeError)
    reason = tr("the reader has gone") if gone else _lower(error.strerror or str(error))
    typer.echo(tr("expensecli: error: cannot write the result to standard output: {reason}", reason=reason), err=True)
    raise typer.Exit(2) from None


def reads(why: str, paths: Callable[[], Iterable[str]]) -> None:
    """Say that this command reads the files `paths()` lists (asked for only when `-o` names a
    file that exists), so that `-o` never replaces one of them; `why` is the reason given."""
    from expensecli.cli.main import SETTINGS

    SETTINGS["reads"].append((why, paths))


def _read_here(info: os.stat_result) -> str | None:
    """Why the file of `info` may not be replaced, when this command reads it."""
    from expensecli.cli.main import SETTINGS

    for why, paths in SETTINGS["reads"]:
        for path in paths():
            try:
                if os.path.samestat(info, os.stat(path)):
                    return why
            except (OSError, ValueError):
                continue
    return None


def will_write(output: Path) -> None:
    """Refuse now (exit 2, one line) an `output` that would be refused once the result is made."""
    _target(output)


def _target(output: Path) -> Path:
    """The regular file to replace: FILE, or the file a link at FILE leads to; else exit 2."""
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        return output
    except OSError as error:
        raise _unwritable(output, error) from None
    real = output
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(output))
        try:
            info = os.stat(real)
        except FileNotFoundError:
            if real.parent.is_dir():
                return real
            raise _refused(output, tr("it is a symbolic link to a folder that does not exist")) from None
        except OSError as error:
            raise _unwritable(output, error) from None
        if not stat.S_ISREG(info.st_mode):
            raise _refused(output, tr("it is a symbolic link to something other than a regular file"))
    if stat.S_ISDIR(info.st_mode):
        raise _unwritable(output, IsADirectoryError(21, tr("is a directory")))
    if not stat.S_ISREG(info.st_mode):
        raise _refused(output, tr("it is not a regular file (a device, FIFO or socket); only a regular file is"
                                  " replaced"))
    why = _read_here(info)
    if why:
        raise _refused(output, why)
    return real


def _refused(output: Path, reason: str) -> typer.Exit:
    typer.echo(tr("expensecli: error: will not write {output}: {reason}", output=output, reason=reason), err=True)
    return typer.Exit(2)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _mode_for(output: Path) -> int:
    try:
        return stat.S_IMODE(output.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _unwritable(output: Path, error: OSError) -> typer.Exit:
    typer.echo(tr("expensecli: error: cannot write {output}: {reason}", output=output,
                  reason=_lower(error.strerror or str(error))), err=True)
    return typer.Exit(2)


def refuse_binary_to_terminal(output: Path | None) -> None:
    """The workbook (xlsx) needs a file: `-o FILE`, or stdout redirected; never the terminal (exit 2)."""
    if output is None and sys.stdout.isatty():
        typer.echo(tr("expensecli: error: {format} is a binary file format and is not written to a terminal;"
                      " give -o FILE.{format} (or redirect stdout to a file)", format="xlsx"), err=True)
        raise typer.Exit(2)


DEFAULT_WIDTH = 120  # of a table written to a file or a pipe, unless COLUMNS says otherwise
MIN_WIDTH = 40


def table_width(output: Path | None) -> int:
    """The width tables are drawn at: COLUMNS when set, else the terminal's when the table goes
    to one, else DEFAULT_WIDTH; never under MIN_WIDTH."""
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif output is None and sys.stdout.isatty():
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    else:
        width = DEFAULT_WIDTH
    return max(width, MIN_WIDTH)


def default_format(output, table, concise):
    """With no --format: the table for a person at a terminal, the concise lines otherwise."""
    return table if output is None and sys.stdout.isatty() else concise


def use_color(choice: str, stream=None) -> bool:
    """--color auto|always|never; in auto, NO_COLOR turns colour off and FORCE_COLOR on, and a
    terminal gets colour unless TERM says it shows none (`dumb`, as in an editor's shell)."""
    stream = stream or sys.stdout
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")
