"""A cache of validated rate sheets, so that light commands start without pydantic or YAML.

A sheet file is validated once; the resulting `RateSheet` (plain dataclasses) is pickled together
with the file's bytes, under a name made of this version of expensecli and the bytes' length
and CRC-32, in `$EXPENSECLI_CACHE_DIR`, else `$XDG_CACHE_HOME/expensecli`, else
`~/.cache/expensecli`. An entry is used only when the stored bytes equal the file's bytes,
so a changed file is always validated again. The cache is only an optimisation: when the folder cannot
be written or an entry cannot be read, the sheet is simply validated. Set
`EXPENSECLI_CACHE_DIR` to an empty value to turn it off. An entry is unpickled only when it
belongs to the current user and no one else may write it; the folder is created private.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from expensecli import __version__
from expensecli.models.rates import RateSheet


def cache_dir() -> Path | None:
    configured = os.environ.get("EXPENSECLI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "expensecli"


def _entry(data: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"sheet-{__version__}-{len(data)}-{zlib.crc32(data):08x}.pickle"


def cached_sheet(data: bytes) -> RateSheet | None:
    entry = _entry(data)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            source, sheet = pickle.load(handle)
    except Exception:  # missing, unreadable or stale entries are simply validated again
        return None
    return sheet if source == data and isinstance(sheet, RateSheet) else None


def _trusted(info: os.stat_result) -> bool:
    """Only our own entries, which no one else may have written."""
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def remember_sheet(data: bytes, sheet: RateSheet) -> None:
    entry = _entry(data)
    if entry is None:
        return
    import tempfile

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".sheet-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump((data, sheet), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except OSError:
        pass
