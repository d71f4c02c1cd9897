"""Read a claim file into a `Claim`, or into the LOAD findings that say why it could not be.

Load errors are kept apart from rule findings: a file with any LOAD problem gets no other
findings, because its claim could not be built. Nothing a file holds makes this module
raise: every problem is a located LOAD finding. A hostile file stays cheap to report: at
most MAX_LOAD_FINDINGS schema problems are listed (then one finding counts the rest), and
a message quoting a huge key or value is cut to MAX_MESSAGE characters, with control
characters written as \\xNN so a key holding a newline cannot forge a line of the output.
"""

from __future__ import annotations

import os
from itertools import chain, islice
from pathlib import Path

from expensecli.core.findings import Problem
from expensecli.core.i18n import ntr, tr
from expensecli.core.locations import path_text
from expensecli.core.text import printable
from expensecli.load.attachments import resolve_attachments
from expensecli.load.schema_errors import schema_problems
from expensecli.load.textfiles import DEFAULT_MAX_FILE_SIZE, ReadProblem, decode, over_the_limit, read_limited
from expensecli.load.yaml import Document, YamlProblem, parse_document
from expensecli.models.claim_validator import ValidationError, validate_claim
from expensecli.models.claimfile import LoadedClaim
from expensecli.models.placeholders import placeholder_problems
from expensecli.models.structure import structure_problems, unvalidated_problems

MAX_LOAD_FINDINGS = 50
MAX_MESSAGE = 1000


def load_claim_file(path: Path, display: str | None = None,
                    max_size: int = DEFAULT_MAX_FILE_SIZE) -> LoadedClaim:
    display = display if display is not None else str(path)
    data = read_claim_file(path, display, max_size)
    return data if isinstance(data, LoadedClaim) else load_claim_bytes(data, display, folder_of(path))


def read_claim_file(path: str | Path, display: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | LoadedClaim:
    """The bytes of a claim file, or, when it cannot be read, its LOAD001 finding as a `LoadedClaim`."""
    try:
        return read_limited(path, max_size)
    except ReadProblem as problem:
        return LoadedClaim(display, folder_of(path), problems=[Problem(problem.message, code="LOAD001", at=problem.at)])


def folder_of(path: str | Path) -> str:
    """The folder of a file's path, as text (a `Path` and its `parent` cost a claim 3 µs)."""
    return os.path.dirname(path) or "."


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
        claim = validate_claim(document.data)
    except ValidationError as error:
        from expensecli.models.claim_format import Claim  # the models name the fields a hint offers

        also = [Problem(message, path) for path, message in unvalidated_problems(document.data)]
        problems = (_flow_comma_hint(problem, document, text) for problem in schema_problems(error, Claim))
        loaded.problems.extend(_located(document, chain(problems, also), error.error_count() + len(also)))
        return loaded
    structural = [Problem(message, path, code="LOAD004")
                  for problems in (structure_problems(claim), placeholder_problems(claim, text))
                  for path, message in problems]
    if structural:
        loaded.problems.extend(_located(document, structural, len(structural)))
        return loaded
    loaded.claim = claim
    loaded.attachments = resolve_attachments(claim, base_dir)
    return loaded


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
        located.append(Problem(_printable(problem.message), problem.path, code="LOAD004", key=problem.key, at=at))
    return located


def _printable(message: str) -> str:
    return printable(message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + "…")


def _not_a_mapping(data: object) -> str:
    if data is None:
        return tr("the file is empty; a claim starts with 'id:', 'kind:', ...")
    if isinstance(data, list):
        return tr("the file is a list, not a mapping of fields; a claim starts with 'id:', 'kind:', ...")
    return tr("the file is a single value, not a mapping of fields; a claim starts with 'id:', 'kind:', ...")
