"""Read a file as UTF-8 text within a size limit, or say exactly why it cannot be read.

Shared by claims and rate sheets; kept free of the models so light commands import little.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class ReadProblem(Exception):
    """The file cannot be used as text: LOAD001 for a claim, exit 2 for a rate sheet."""

    def __init__(self, message: str, at: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.message, self.at = message, at


def read_limited(path: Path, max_size: int) -> bytes:
    """The bytes of a regular file no larger than `max_size`, or a ReadProblem saying why not."""
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "is a dangling symbolic link" if path.is_symlink() else "does not exist"
        raise ReadProblem(f"cannot read the file: it {reason}") from None
    except OSError as error:
        raise ReadProblem(f"cannot read the file: {error.strerror or error}") from None
    if not path.is_file():
        kind = "a directory" if path.is_dir() else "not a regular file"
        raise ReadProblem(f"cannot read the file: it is {kind}")
    if info.st_size > max_size:
        raise ReadProblem(f"the file is {info.st_size} bytes, over the limit of {max_size} bytes"
                          " (--max-file-size)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        raise ReadProblem(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > max_size:
        raise ReadProblem(f"the file is over the limit of {max_size} bytes (--max-file-size)")
    return data


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); binary and other encodings are refused."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadProblem("not a text file: it contains NUL bytes (binary data)", _position(data, nul))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise ReadProblem(
            f"not UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column} cannot be decoded"
            " (the file may be Latin-1 or Windows-1252; save it as UTF-8)", (line, column)) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1

