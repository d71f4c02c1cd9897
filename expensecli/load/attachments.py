"""Each attachment file a claim names, looked up once, at the edge, so the rules need no file system.

Only paths inside the claim's folder are looked up: an absolute path, or one that leaves the
folder (`../../etc/shadow`, or a link inside that leads out), is OUTSIDE and never opened, so a
claim cannot make the controller's machine say whether some file exists. A file is known by
its content when small (a copy or a hard link is the same receipt), else by its inode; the
ledger keeps the same SHA-256 (`run.ledger.facts`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from expensecli.load.sheetcache import digest_of
from expensecli.models.claim import Claim
from expensecli.models.claimfile import OUTSIDE

HASHED_UP_TO = 1024 * 1024  # attachments this small are known by their content, larger ones by inode


def resolve_attachments(claim: Claim, base_dir: str | Path | None) -> dict[tuple[int, int], str | None]:
    """(expense index, attachment index) -> `attachment_identity` of each `file` the claim names,
    relative to the folder of the claim (`base_dir`, else the current one)."""
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
    name = on_disk(name)
    try:
        real, info = _plain_inside(folder, name)
        if real is None:  # a link on the way, or `.`/`..` in it: resolved as a whole
            real = os.path.realpath(os.path.join(folder, name))
            if not inside(real, folder):
                return OUTSIDE
        return _identity(real, info)
    except (OSError, ValueError, RuntimeError):
        return None


def on_disk(name: str) -> str:
    """An attachment's name as the file system holds it: UTF-8, as the claim is, whatever
    encoding the locale gives file names (under `LC_ALL=C` "ø" would name no file)."""
    return name if name.isascii() else os.fsdecode(name.encode())


def inside(real: str, folder: str) -> bool:
    """Whether the real path `real` lies inside the real path `folder` (and is not the folder)."""
    return real.startswith(os.path.join(folder, ""))


def _plain_inside(folder: str, name: str) -> tuple[str | None, os.stat_result | None]:
    """The real path of `name` in the real `folder`, and what `lstat` says of it, when no part
    of it is a link, `.` or `..` (the usual `receipts/taxi.pdf`): two `lstat` calls instead of one
    for every folder from the root up, as `realpath` makes. (None, None) when it must be resolved
    as a whole; OSError when a part of it does not exist (there is nothing to identify)."""
    parts = name.split(os.sep)
    if os.altsep and os.altsep in name or any(part in ("", os.curdir, os.pardir) for part in parts):
        return None, None
    path = folder
    for part in parts:
        path = os.path.join(path, part)
        info = os.lstat(path)
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
                    return "sha256:" + digest_of(os.read(handle, HASHED_UP_TO + 1))
            finally:
                os.close(handle)
        except OSError:
            pass
    return f"inode:{info.st_dev}:{info.st_ino}"
