"""Read a claim file into a `Claim`, or into the LOAD findings that say why it could not be.

Load errors are kept apart from rule findings: a file with any LOAD problem gets no other
findings, because its claim could not be built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .findings import Problem
from .models.claim import Claim
from .models.structure import structure_problems
from .schema_errors import schema_problems
from .yamltree import Document, YamlProblem, parse_document

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


@dataclass
class LoadedClaim:
    """One input file: its claim when it loaded, else its LOAD problems."""

    file: str  # the path as the user named it (shown in every output)
    base_dir: Path | None  # where attachment paths are resolved from
    claim: Claim | None = None
    document: Document | None = None
    problems: list[Problem] = field(default_factory=list)
    raw_id: str | None = None  # the id field when the file parsed but did not validate
    # (expense index, attachment index) -> the attachment's resolved path, None when it does not exist
    attachments: dict[tuple[int, int], str | None] = field(default_factory=dict)


class ReadProblem(Exception):
    def __init__(self, message: str, at: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.message, self.at = message, at


def load_claim_file(path: Path, display: str | None = None,
                    max_size: int = DEFAULT_MAX_FILE_SIZE) -> LoadedClaim:
    display = display if display is not None else str(path)
    try:
        data = read_limited(path, max_size)
    except ReadProblem as problem:
        return LoadedClaim(display, path.parent, problems=[
            Problem(problem.message, code="LOAD001", at=problem.at)])
    return load_claim_bytes(data, display, path.parent)


def load_claim_bytes(data: bytes, display: str, base_dir: Path | None) -> LoadedClaim:
    loaded = LoadedClaim(display, base_dir)
    try:
        text = decode(data)
    except ReadProblem as problem:
        loaded.problems.append(Problem(problem.message, code="LOAD001", at=problem.at))
        return loaded
    try:
        document = parse_document(text)
    except YamlProblem as problem:
        loaded.problems.append(Problem(problem.message, code=problem.code, at=problem.mark))
        return loaded
    loaded.document = document
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else f"a {_kind_of(document.data)}, not a mapping of fields"
        loaded.problems.append(Problem(f"the file is {what}; a claim starts with 'id:', 'kind:', ...",
                                       code="LOAD004", at=document.locate(())))
        return loaded
    raw_id = document.data.get("id")
    loaded.raw_id = raw_id if isinstance(raw_id, str) else None
    try:
        claim = Claim.model_validate(document.data)
    except ValidationError as error:
        loaded.problems.extend(_located(document, schema_problems(error, Claim)))
        return loaded
    structural = [Problem(message, path, code="LOAD004") for path, message in structure_problems(claim)]
    if structural:
        loaded.problems.extend(_located(document, structural))
        return loaded
    loaded.claim = claim
    loaded.attachments = _resolve_attachments(claim, base_dir)
    return loaded


def _resolve_attachments(claim: Claim, base_dir: Path | None) -> dict[tuple[int, int], str | None]:
    """Look up each attachment file once, here at the edge, so the rules need no file system."""
    found: dict[tuple[int, int], str | None] = {}
    for e, expense in enumerate(claim.expenses):
        for a, attachment in enumerate(expense.attachments):
            if attachment.file is None:
                continue
            target = Path(attachment.file)
            if base_dir is not None and not target.is_absolute():
                target = base_dir / target
            try:
                found[(e, a)] = str(target.resolve()) if target.is_file() else None
            except (OSError, RuntimeError):
                found[(e, a)] = None
    return found


def _located(document: Document, problems) -> list[Problem]:
    located = []
    for problem in problems:
        at = document.locate_key(problem.path) if problem.key else document.locate(problem.path)
        located.append(Problem(problem.message, problem.path, code="LOAD004", at=at))
    return located


def _kind_of(value: object) -> str:
    return "list" if isinstance(value, list) else "single value"


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


__all__ = ["LoadedClaim", "load_claim_file", "load_claim_bytes", "DEFAULT_MAX_FILE_SIZE"]
