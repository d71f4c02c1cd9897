"""A cache of validated rate sheets, so that light commands start without pydantic or YAML.

A sheet file is validated once; the resulting `RateSheet` (plain dataclasses) is stored as JSON
of plain data, with the SHA-256 of the file's bytes, under a name made of this version of
expensecli and that hash, in `$EXPENSECLI_CACHE_DIR`, else `$XDG_CACHE_HOME/expensecli`, else
`~/.cache/expensecli`. An entry is used only when its hash is the file's, so a changed file
is always validated again. Set `EXPENSECLI_CACHE_DIR` to an empty value to turn it off.

The cache is only an optimisation, and a shared or hostile machine must not turn it into a way
in: nothing in an entry can run (JSON, decoded into the known dataclasses only, never pickle);
the folder is used only when it is a real folder (not a link) owned by the current user that no
one else may write, and it is created private; an entry is opened with O_NOFOLLOW and
O_NONBLOCK (a link, a FIFO or a device at its name is passed by, never waited on), must be a
regular file of ours that no one else may write, and is read up to MAX_ENTRY bytes. Whatever is
wrong, the sheet is simply validated: an entry that is not JSON, or whose values are not of
their fields' types and within their bounds (`sheet_shape`), is not used. What validation
checks across fields (the seasons covering the year, the year against the dates) and the
holidays an entry names are trusted as written: only the owner of the private folder can write
them. An entry also holds the public holidays of the sheet's years (`models.holidays`), named
in every output language, so that a catering claim's working-hours check does not import the
`holidays` package on every run, whatever the language. Nothing else in an entry is a sentence:
messages about a sheet are made when it is validated and never cached (only good sheets are),
so they follow the language of the run that reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path

from expensecli import __version__
from expensecli.core.i18n import LANGUAGES
from expensecli.load.sheet_shape import conforms
from expensecli.models import holidays, rates

try:  # the SHA-256 module alone: hashlib loads OpenSSL, a few milliseconds of every light command
    from _sha256 import sha256 as _sha256  # CPython 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # CPython 3.12 and newer
    except ImportError:
        from hashlib import sha256 as _sha256

MAX_ENTRY = 1024 * 1024
_CLASSES = {cls.__name__: cls for cls in (rates.RateSheet, rates.CateringRates, rates.RepresentationRates,
                                         rates.Deadlines, rates.Betalmeg, rates.WorkingHours)}


def cache_dir() -> Path | None:
    configured = os.environ.get("EXPENSECLI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "expensecli"


def _entry_name(digest: str) -> str:
    return f"sheet-{__version__}-{digest}.json"


OPENSSL_AFTER = 1 << 20  # bytes hashed by the built-in module before a run turns to OpenSSL's
_hashed = 0
_openssl_sha256 = None


def digest_of(data: bytes) -> str:
    """The SHA-256 of `data` in hex (a rate sheet's text, an attachment's bytes): by Python's own
    module while a run has hashed little (importing hashlib loads OpenSSL, about 2 ms), by
    OpenSSL's, five times faster a byte, once it has hashed more than OPENSSL_AFTER bytes (a
    batch of receipts) or for data that large at once. The digest is the same either way."""
    global _hashed, _openssl_sha256
    if _openssl_sha256 is None:
        _hashed += len(data)
        if _hashed <= OPENSSL_AFTER:
            return _sha256(data).hexdigest()
        from hashlib import sha256

        _openssl_sha256 = sha256
    return _openssl_sha256(data).hexdigest()


def _trusted(info: os.stat_result, kind) -> bool:
    """Ours, of the expected kind, and no one else may write it."""
    return kind(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def read_entry(name: str) -> bytes | None:
    """The bytes of the cache entry `name` (at most MAX_ENTRY), when the folder and the entry are
    ours and no one else may write them; else None (as for a missing entry)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if not _trusted(os.lstat(folder), stat.S_ISDIR):
            return None
        handle = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not _trusted(os.fstat(handle), stat.S_ISREG):
            return None
        return os.read(handle, MAX_ENTRY + 1)[:MAX_ENTRY]
    except OSError:
        return None
    finally:
        os.close(handle)


def write_entry(name: str, text: str) -> None:
    """Store `text` as the cache entry `name` (written whole to a temp file, then renamed), in a
    private folder made when missing (with its parent, nothing above); nothing is stored when
    that fails."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        # The folder and its parent (`~/.cache`) are made when missing, nothing above them: a
        # home folder that does not exist is not made, and nothing is cached.
        if not folder.parent.is_dir():
            folder.parent.mkdir(mode=0o700)
        folder.mkdir(mode=0o700, exist_ok=True)
        if not _trusted(os.lstat(folder), stat.S_ISDIR):
            return
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temp, folder / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def cached_sheet(data: bytes) -> rates.RateSheet | None:
    digest = _sha256(data).hexdigest()
    found = read_entry(_entry_name(digest))
    if found is None:
        return None
    try:
        stored = json.loads(found)
        sheet = _decoded(stored["sheet"]) if stored.get("sha256") == digest else None
        known = {(str(lang), int(year)): {dt.date.fromisoformat(day): str(name) for day, name in days}
                 for lang, years in stored["holiday_names"].items() for year, days in years.items()}
    except Exception:  # a damaged, foreign or older entry is simply validated again
        return None
    if not isinstance(sheet, rates.RateSheet) or not conforms(sheet):
        return None
    for (lang, year), days in known.items():
        holidays.remember(year, days, lang)
    return sheet


def remember_sheet(data: bytes, sheet: rates.RateSheet) -> None:
    if cache_dir() is None:
        return
    digest = _sha256(data).hexdigest()
    try:
        text = json.dumps({"sha256": digest, "sheet": _encoded(sheet), "holiday_names": _holidays_of(sheet)})
    except (TypeError, ValueError):
        return
    write_entry(_entry_name(digest), text)


def _holidays_of(sheet: rates.RateSheet) -> dict[str, dict[str, list[list[str]]]]:
    """The public holidays of the sheet's years, named in every output language (a name is shown in
    messages, so an entry must not keep the language of the run that wrote it), which the
    working-hours check would otherwise import the `holidays` package for on every run."""
    years = range(sheet.valid_from.year, sheet.valid_to.year + 1)
    return {lang: {str(year): [[day.isoformat(), name] for day, name in holidays.public_holidays(year, lang).items()]
                   for year in years}
            for lang in LANGUAGES}


def _encoded(value):
    """Plain JSON data: dataclasses, decimals, dates and times tagged by a one-key object."""
    if is_dataclass(value):
        return {"$class": type(value).__name__, **{f.name: _encoded(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dict):
        return {"$dict": [[key, _encoded(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_encoded(item) for item in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decoded(value):
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$class" in value:  # made as validated, without running its checks again (__post_init__)
        cls = _CLASSES[value["$class"]]
        made = object.__new__(cls)
        for f in fields(cls):
            object.__setattr__(made, f.name, _decoded(value[f.name]))
        return made
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$time" in value:
        return dt.time.fromisoformat(value["$time"])
    return {key: _decoded(item) for key, item in value["$dict"]}
