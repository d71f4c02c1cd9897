"""Read a claim file into a `Claim`, or into the LOAD findings that say why it could not be.

Load errors are kept apart from rule findings: a file with any LOAD problem gets no other
findings, because its claim could not be built. Nothing a file holds makes this module
raise: every problem is a located LOAD finding. A hostile file stays cheap to report: at
most MAX_LOAD_FINDINGS schema problems are listed (then one finding counts the rest), and
a message quoting a huge key or value is cut to MAX_MESSAGE characters, with control
characters written as \\xNN so a key holding a newline cannot forge a line of the output.
"""

from __future__ import annotations

import hashlib
import os
import stat
from itertools import islice
from pathlib import Path

from pydantic import ValidationError

from expensecli.core.findings import Problem
from expensecli.core.i18n import ntr, tr
from expensecli.core.locations import path_text
from expensecli.core.text import printable
from expensecli.load.schema_errors import schema_problems
from expensecli.load.textfiles import DEFAULT_MAX_FILE_SIZE, ReadProblem, decode, over_the_limit, read_limited
from expensecli.load.yaml import Document, YamlProblem, parse_document
from expensecli.models.claim import Claim
from expensecli.models.claimfile import OUTSIDE, LoadedClaim
from expensecli.models.placeholders import placeholder_problems
from expensecli.models.structure import structure_problems

MAX_LOAD_FINDINGS = 50
MAX_MESSAGE = 1000


def load_claim_file(path: Path, display: str | None = None,
                    max_size: int = DEFAULT_MAX_FILE_SIZE) -> LoadedClaim:
    display = display if display is not None else str(path)
    data = read_claim_file(path, display, max_size)
    return data if isinstance(data, LoadedClaim) else load_claim_bytes(data, display, path.parent)


def read_claim_file(path: Path, display: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | LoadedClaim:
    """The bytes of a claim file, or, when it cannot be read, its LOAD001 finding as a `LoadedClaim`."""
    try:
        return read_limited(path, max_size)
    except ReadProblem as problem:
        return LoadedClaim(display, path.parent, problems=[Problem(problem.message, code="LOAD001", at=problem.at)])


def unreadable(display: str, message: str) -> LoadedClaim:
    """An input reported as LOAD001 without being read (a link leaving the folders, a folder unread)."""
    return LoadedClaim(display, None, problems=[Problem(message, code="LOAD001", at=(1, 1))])


def load_claim_bytes(data: bytes, display: str, base_dir: Path | None,
                     max_size: int | None = None) -> LoadedClaim:
    """Load bytes already read; with `max_size` (standard input read up to the limit + 1 byte),
    more bytes than the limit are LOAD001 like an oversized file."""
    loaded = LoadedClaim(display, base_dir)
    if max_size is not None and len(data) > max_size:
        loaded.problems.append(Problem(over_the_limit(max_size), code="LOAD001", at=(1, 1)))
        return loaded
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
        loaded.problems.append(Problem(_not_a_mapping(document.data), code="LOAD004", at=document.locate(())))
        return loaded
    raw_id = document.data.get("id")
    loaded.raw_id = raw_id if isinstance(raw_id, str) else None
    try:
        claim = Claim.model_validate(document.data)
    except ValidationError as error:
        problems = (_flow_comma_hint(problem, document, text) for problem in schema_problems(error, Claim))
        loaded.problems.extend(_located(document, problems, error.error_count()))
        return loaded
    structural = [Problem(message, path, code="LOAD004")
                  for problems in (structure_problems(claim), placeholder_problems(claim, text))
                  for path, message in problems]
    if structural:
        loaded.problems.extend(_located(document, structural, len(structural)))
        return loaded
    loaded.claim = claim
    loaded.attachments = _resolve_attachments(claim, base_dir)
    return loaded


HASHED_UP_TO = 1024 * 1024  # attachments this small are known by their content, larger ones by inode


def _resolve_attachments(claim: Claim, base_dir: Path | None) -> dict[tuple[int, int], str | None]:
    """Look up each attachment file once, here at the edge, so the rules need no file system.

    Only paths inside the claim's folder are looked up: an absolute path or one that leaves the
    folder (`../../etc/shadow`, or a link inside that leads out) is OUTSIDE, so a claim cannot
    make the controller's machine say whether some file exists."""
    found: dict[tuple[int, int], str | None] = {}
    folder = None
    for e, expense in enumerate(claim.expenses):
        for a, attachment in enumerate(expense.attachments):
            if attachment.file is None:
                continue
            if folder is None:  # looked up once, and only for a claim that names a file
                folder = os.path.realpath(base_dir if base_dir is not None else ".")
            found[(e, a)] = attachment_identity(folder, attachment.file)
    return found


def attachment_identity(folder: str, name: str) -> str | None:
    """OUTSIDE for a path that is absolute or leaves the real `folder` (also through a link), else
    the identity of the file (`_identity`), or None when there is none."""
    if os.path.isabs(name) or "\0" in name or os.path.normpath(name).split(os.sep)[0] == os.pardir:
        return OUTSIDE
    try:
        real, info = _plain_inside(folder, name)
        if real is None:  # a link on the way, or `.`/`..` in it: resolved as a whole
            real = os.path.realpath(os.path.join(folder, name))
            if not real.startswith(folder.rstrip(os.sep) + os.sep):
                return OUTSIDE
        return _identity(real, info)
    except (OSError, ValueError, RuntimeError):
        return None


def _plain_inside(folder: str, name: str) -> tuple[str | None, os.stat_result | None]:
    """The real path of `name` in the real `folder`, and what `lstat` says of it, when no part
    of it is a link, `.` or `..` (the usual `receipts/taxi.pdf`): two `lstat` calls instead of one
    for every folder from the root up, as `realpath` makes. (None, None) when it must be resolved
    as a whole; (path, None) when a part of it does not exist (nothing to identify)."""
    parts = name.split(os.sep)
    if os.altsep and os.altsep in name or any(part in ("", os.curdir, os.pardir) for part in parts):
        return None, None
    path = folder
    for part in parts:
        path = os.path.join(path, part)
        try:
            info = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return path, None
        if stat.S_ISLNK(info.st_mode):
            return None, None
    return path, info


def _identity(real: str, info: os.stat_result | None = None) -> str | None:
    """What makes two attachments the same file: the content's hash for a small regular file (so
    a copy or a hard link is the same receipt), else the device and inode; None when missing.
    `info`: what `lstat` said of `real` when it is known to be no link."""
    try:
        info = info or os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size <= HASHED_UP_TO:
        try:
            handle = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            try:
                if stat.S_ISREG(os.fstat(handle).st_mode):
                    return "sha256:" + hashlib.sha256(os.read(handle, HASHED_UP_TO + 1)).hexdigest()
            finally:
                os.close(handle)
        except OSError:
            pass
    return f"inode:{info.st_dev}:{info.st_ino}"


def _flow_comma_hint(problem: Problem, document: Document, text: str) -> Problem:
    """An unknown field that is a bare word after a comma inside `{ }` is most likely the rest of
    the value before it (`{description: Hotel, 3 nights}`): say so, and how to quote it."""
    path = problem.path
    if not (problem.key and path):  # an unknown field: the only schema problem placed at its key
        return problem
    parent = _value_at(document.data, path[:-1])
    line, column = document.locate_key(path)
    lines = text.splitlines()
    before = lines[line - 1][:column - 1].rstrip() if 0 < line <= len(lines) else ""
    if not isinstance(parent, dict) or parent.get(path[-1]) is not None or not before.endswith(","):
        return problem
    keys = list(parent)
    previous = keys[keys.index(path[-1]) - 1] if keys.index(path[-1]) > 0 else None
    if previous is None or not isinstance(parent[previous], str):
        return problem
    quoted = f'{previous}: "{parent[previous]}, {path[-1]}"'
    inside = path_text(path[:-1])
    if inside:
        message = tr("unknown field '{field}' in {parent}: inside {{ }} a comma ends a value; if '{field}' belongs"
                     " to {previous}, quote the whole value ({quoted})", field=path[-1], parent=inside,
                     previous=previous, quoted=quoted)
    else:
        message = tr("unknown field '{field}': inside {{ }} a comma ends a value; if '{field}' belongs to"
                     " {previous}, quote the whole value ({quoted})", field=path[-1], previous=previous,
                     quoted=quoted)
    return Problem(message, path, key=True)


def _value_at(data: object, path: tuple) -> object:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _located(document: Document, problems, total: int) -> list[Problem]:
    """The first MAX_LOAD_FINDINGS problems at their lines, then one finding for the rest."""
    located = []
    for problem in islice(problems, MAX_LOAD_FINDINGS + 1):
        at = document.locate_key(problem.path) if problem.key else document.locate(problem.path)
        if len(located) == MAX_LOAD_FINDINGS:
            more = ntr("{count} more schema problems in this file are not listed (at most {limit} are); fix these"
                       " first", "{count} more schema problems in this file are not listed (at most {limit} are);"
                       " fix these first", total - MAX_LOAD_FINDINGS, limit=MAX_LOAD_FINDINGS)
            located.append(Problem(more, problem.path, code="LOAD004", at=at))
            break
        located.append(Problem(_printable(problem.message), problem.path, code="LOAD004", at=at))
    return located


def _printable(message: str) -> str:
    return printable(message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "…")


def _not_a_mapping(data: object) -> str:
    if data is None:
        return tr("the file is empty; a claim starts with 'id:', 'kind:', ...")
    if isinstance(data, list):
        return tr("the file is a list, not a mapping of fields; a claim starts with 'id:', 'kind:', ...")
    return tr("the file is a single value, not a mapping of fields; a claim starts with 'id:', 'kind:', ...")
