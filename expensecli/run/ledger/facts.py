"""What a ledger records of one claim, collected in the worker process that checks it.

The run's claims are checked in worker processes; the files (the claim and its attachments)
are read again there, right after loading, while they are in the page cache, so the parent
does no file work of its own. Only plain values leave the worker: content hashes (SHA-256),
the expense keys and the locations a cross-run finding will point at. The claimant's name
travels normalised as MX004 compares names (`comparable_name`) and is replaced by a keyed hash in the parent,
which holds the ledger's secret; as written, it is used only to take it out of the finding
messages the ledger keeps. No other personal data is taken.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from expensecli.core.text import folded, storable
from expensecli.core.values import money_text
from expensecli.load.attachments import inside, on_disk
from expensecli.models.claimfile import OUTSIDE, LoadedClaim
from expensecli.policy.rules.money import comparable_name

CHUNK = 1 << 20


class ExpenseKey(NamedTuple):
    """Named tuples, as the engine's `BatchItem`: a claim makes a few, and they are made and
    pickled at a third of a frozen dataclass's cost."""

    index: int
    date: str  # ISO date
    amount: str  # two decimals
    currency: str
    at: tuple[int, int] | None  # line, column of the expense (see `collect`)


class Receipt(NamedTuple):
    expense: int
    attachment: int
    name: str  # the `file` as the claim gives it
    sha256: str
    at: tuple[int, int] | None


@dataclass(frozen=True)
class ClaimFacts:
    """What the ledger records of a claim, collected where the claim is checked."""

    location: str  # the file's absolute path (`storable`): which file this is, whatever folder the run started in
    sha256: str | None  # of the file's bytes; None when it could not be read
    id_key: str | None  # the claim id trimmed and case-folded, as ids are compared
    claimant: str | None  # the claimant's name trimmed and case-folded (hashed before it is stored)
    expenses: tuple[ExpenseKey, ...] = ()
    receipts: tuple[Receipt, ...] = ()
    id_at: tuple[int, int] | None = None
    name: str | None = None  # as written (spaces kept): only to keep it out of the messages the ledger stores
    path: str | None = None  # the file's own path, when its location had to be escaped to be stored


def collect(display: str, path: str | Path | None, data: bytes | None, loaded: LoadedClaim,
            checked: bytes | None = None) -> ClaimFacts:
    """The facts of one input: a file (`path`) or bytes already read (standard input, `data`).
    `checked` is the bytes the claim was loaded from, whose hash is the content's: the content
    recorded is the one checked, even should the file change meanwhile, and the file is not read
    again (a file that could not be read, or was too large to load, is hashed from the file)."""
    real = os.path.abspath(path if path is not None else display)
    location = storable(real)
    kept = real if location != real else None
    content = checked if checked is not None else data
    digest = hashlib.sha256(content).hexdigest() if content is not None else file_sha256(path)
    claim = loaded.claim
    raw_id = claim.id if claim is not None else loaded.raw_id
    id_key = folded(str(raw_id)) if raw_id else None
    if claim is None:
        return ClaimFacts(location, digest, id_key, None, path=kept)
    # Positions are looked up here only for standard input; a file is read again in the parent
    # for the few claims a cross-run finding points into (`history.positions`), which is
    # cheaper than locating every expense and attachment of every claim.
    locate = loaded.document.locate if data is not None else _nowhere
    expenses, receipts = [], []
    for i, expense in enumerate(claim.expenses):
        expenses.append(ExpenseKey(i, expense.date.isoformat(), money_text(expense.amount), expense.currency.upper(),
                                   locate(("expenses", i))))
        for j, attachment in enumerate(expense.attachments):
            content = receipt_sha256(loaded, attachment.file, loaded.attachments.get((i, j)))
            if content:
                receipts.append(Receipt(i, j, attachment.file or "", content,
                                        locate(("expenses", i, "attachments", j, "file"))))
    return ClaimFacts(location, digest, id_key, comparable_name(claim.claimant.name), tuple(expenses),
                      tuple(receipts), locate(("id",)), claim.claimant.name if claim.claimant.name.strip() else None,
                      kept)


def receipt_sha256(loaded: LoadedClaim, name: str | None, identity: str | None) -> str | None:
    """The SHA-256 of an attachment: the loader's own for a small file ("sha256:..."); a larger
    one, which the loader knows by its inode, is hashed here, from inside the claim's folder
    only (the loader has already refused paths that leave it: OUTSIDE)."""
    if not identity or identity == OUTSIDE or not name:
        return None
    if identity.startswith("sha256:"):
        return identity.removeprefix("sha256:")
    folder = os.path.realpath(loaded.base_dir if loaded.base_dir is not None else ".")
    real = os.path.realpath(os.path.join(folder, on_disk(name)))
    return file_sha256(real) if inside(real, folder) else None


def _nowhere(path) -> None:
    return None


def file_sha256(path: str | Path | None) -> str | None:
    """SHA-256 of a regular file's bytes, read in chunks; None for anything else (a missing file,
    a folder, a FIFO or device, which is never opened) or a file that cannot be read. Plain
    `os` calls: a run hashes tens of thousands of files, and pathlib costs more than the hash."""
    if path is None:
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # never blocks, should a FIFO replace it
    except (OSError, ValueError):  # ValueError: a name the file system's encoding cannot hold
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        digest = hashlib.sha256()
        while block := os.read(handle, CHUNK):
            digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(handle)
