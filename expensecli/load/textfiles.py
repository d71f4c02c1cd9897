"""Read a file as UTF-8 text within a size limit, or say exactly why it cannot be read.

Shared by claims and rate sheets; kept free of the models so light commands import little.

What a controller's shared folder may hold, and the answer (LOAD001 for a claim):
- a file over the limit: refused from its size alone (`fstat`), and never more than
  limit + 1 bytes are read, so a file that grows while it is read is refused too;
- a directory, a FIFO, a socket or a device named `*.yaml`: refused from its type, without
  being opened (so nothing can hang or act on a device); a dangling symbolic link or a
  missing path is named as such; no permission: "permission denied";
- binary data (a NUL byte), UTF-16/UTF-32 (byte-order mark), text in another encoding
  (Latin-1, Windows-1252) and control characters YAML forbids: refused with the line and
  column of the first offending byte or character. A UTF-8 byte-order mark and CRLF or CR
  line endings are fine.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from expensecli.core.i18n import language, mark, tr

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024

# Characters YAML does not allow in a stream (YAML 1.1 / libyaml "printable"): C0 controls
# other than tab, LF and CR; DEL; C1 controls other than NEL; U+FFFE and U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_WIDE_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
              (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))


class ReadProblem(Exception):
    """The file cannot be used as text: LOAD001 for a claim, exit 2 for a rate sheet."""

    def __init__(self, message: str, at: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.message, self.at = message, at


def read_limited(path: str | Path, max_size: int) -> bytes:
    """The bytes of a regular file no larger than `max_size`, or a ReadProblem saying why not.

    The file's type is looked up before it is opened, so a device, FIFO or socket is never opened
    (opening a device can act on it); the file itself is then opened with O_NONBLOCK and
    O_NOFOLLOW at its real path (the path itself unless it is a symbolic link) and checked again,
    so a swap between the two is refused too."""
    try:
        info = os.lstat(path)
        real = path
        if stat.S_ISLNK(info.st_mode):  # a link: what it leads to, opened at its real path
            info = os.stat(path)
            real = os.path.realpath(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadProblem(tr("cannot read the file: it is a dangling symbolic link")) from None
        raise ReadProblem(tr("cannot read the file: it does not exist")) from None
    except (OSError, ValueError) as error:
        raise ReadProblem(tr("cannot read the file: {reason}", reason=_reason(error))) from None
    _regular(info)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(real, flags)
    except OSError as error:
        raise ReadProblem(tr("cannot read the file: {reason}", reason=_reason(error))) from None
    try:
        opened = os.fstat(handle)
        _regular(opened)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise ReadProblem(tr("cannot read the file: it was replaced while being opened"))
        if opened.st_size > max_size:
            raise ReadProblem(tr("the file is {size} bytes, over the limit of {limit} bytes (--max-file-size)",
                                 size=opened.st_size, limit=max_size))
        data = _read_at_most(handle, max_size + 1, opened.st_size + 1)
    except OSError as error:
        raise ReadProblem(tr("cannot read the file: {reason}", reason=_reason(error))) from None
    finally:
        os.close(handle)
    if len(data) > max_size:
        raise ReadProblem(over_the_limit(max_size))
    return data


def over_the_limit(max_size: int) -> str:
    """The message of more bytes than the limit, found while reading."""
    return tr("the file is over the limit of {limit} bytes (--max-file-size)", limit=max_size)


def _regular(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ReadProblem(tr("cannot read the file: it is a directory"))
    if not stat.S_ISREG(info.st_mode):
        raise ReadProblem(tr("cannot read the file: it is not a regular file"))


def _read_at_most(handle: int, limit: int, expected: int = 1 << 20) -> bytes:
    """Up to `limit` bytes. The first read asks for the size `fstat` gave plus one byte: a regular
    file that returns less is at its end, so a claim is one read into a buffer of its own size
    (not a megabyte); a file that grew meanwhile is read on, up to the limit."""
    chunks, left, ask = [], limit, min(expected, limit)
    while left > 0:
        chunk = os.read(handle, min(left, ask))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        if len(chunk) < ask:
            break
        ask = 1 << 20
    return b"".join(chunks) if len(chunks) != 1 else chunks[0]


# The system's reasons, which it words in English, in the words of the run's language.
_REASONS = {
    errno.EACCES: mark("permission denied"),
    errno.EPERM: mark("operation not permitted"),
    errno.ELOOP: mark("too many levels of symbolic links"),
    errno.ENAMETOOLONG: mark("file name too long"),
    errno.ENOTDIR: mark("not a directory"),
    errno.EIO: mark("input/output error"),
}


def _reason(error: OSError) -> str:
    """Why the system refused, in a few words: "permission denied"."""
    return os_reason(error)


def os_reason(error: OSError) -> str:
    """The system's reason for `error` ("permission denied"), in the language of the run."""
    if language() != "en" and error.errno in _REASONS:
        return tr(_REASONS[error.errno])
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); binary and other encodings are refused."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise ReadProblem(tr("not UTF-8: the file is {encoding} (it starts with a {encoding} byte-order mark);"
                                 " save it as UTF-8", encoding=encoding))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadProblem(tr("not a text file: it contains NUL bytes (binary data)"), _position(data, nul))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        byte = format(data[error.start], "#04x")
        raise ReadProblem(tr(
            "not UTF-8: byte {byte} at line {line}, column {column} cannot be decoded"
            " (the file may be Latin-1 or Windows-1252; save it as UTF-8)", byte=byte, line=line, column=column),
            (line, column)) from None
    found = None if plainly_printable(data) else unprintable_at(text)
    if found is not None:
        character, (line, column) = found
        raise ReadProblem(control_character(character, line, column), (line, column))
    return text


# The characters YAML forbids that UTF-8 writes in one byte (those of _UNPRINTABLE below 0x80);
# the others (C1 controls, U+FFFE, U+FFFF) start with the bytes C2 or EF BF.
_FORBIDDEN_BYTES = bytes(code for code in range(0x80) if _UNPRINTABLE.match(chr(code)))


def plainly_printable(data: bytes) -> bool:
    """True when UTF-8 `data` cannot hold a character YAML forbids: none of those bytes, and no
    C2 or EF BF byte from which the others begin. A quick scan of the bytes for most files (the
    search of the text takes five times as long); False says only that the text must be searched."""
    return b"\xc2" not in data and b"\xef\xbf" not in data and len(data.translate(None, _FORBIDDEN_BYTES)) == len(data)


def control_character(character: str, line: int, column: int) -> str:
    """The message of a character YAML forbids, at its line and column."""
    code = "U+" + format(ord(character), "04X")
    return tr("not a text file: control character {character} at line {line}, column {column}", character=code,
              line=line, column=column)


def unprintable_at(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first character YAML forbids in `text` and its line and column, or None."""
    match = _UNPRINTABLE.search(text)
    if match is None:
        return None
    offset = match.start()
    breaks = text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return match.group(), (breaks + 1, offset - line_start + 1)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1
