"""The text `rules explain` printed before, kept so that the same question is answered without
importing the engine, pydantic and the claim models to check the rule's examples again.

An entry is used only when everything its text depends on is the same: this version of
expensecli and the files of the installed package (their number, sizes and latest change, so a
changed checkout or a reinstall of the same version is not answered from an older entry), the
code, the language, the format, the day (which picks the current sheet), and the name and the
SHA-256 of every rate-sheet file, the chosen ones (`--rates`) and the bundled ones the examples
are written for. It lives beside the validated sheets (`load.sheetcache`: the same folder, the
same rules of trust) and holds plain JSON text; entries of other days are removed when one is
written. Anything unusual (a sheet that cannot be read, a damaged entry) means the rule is
simply explained again: the cache never decides what is printed, only whether it is recomputed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from expensecli import __version__
from expensecli.core.i18n import language
from expensecli.load.sheetcache import cache_dir, digest_of, read_entry, write_entry

PREFIX = "explain-"


def explanation_key(code: str, form: str, rates: Path | None, today: dt.date) -> str | None:
    """The key of an explanation, or None when it cannot be made (then nothing is cached)."""
    from expensecli.load.ratebook import MAX_SHEET_SIZE, RateSheetError, bundled_rates_dir, sheet_files
    from expensecli.load.textfiles import ReadProblem, read_limited

    if cache_dir() is None:
        return None
    try:
        bundled = bundled_rates_dir()
        sheets = {}
        for source in (rates or bundled, bundled):
            sheets[str(source)] = [[str(path), digest_of(read_limited(path, MAX_SHEET_SIZE))]
                                   for path in sheet_files(source)]
        package = _fingerprint(Path(__file__).resolve().parent.parent)
    except (RateSheetError, ReadProblem, OSError):
        return None
    return json.dumps([__version__, package, code.strip().upper(), language(), form, today.isoformat(),
                       sheets, str(rates) if rates is not None else None])


def cached_explanation(key: str, today: dt.date) -> str | None:
    found = read_entry(_name(key, today))
    if found is None:
        return None
    try:
        stored = json.loads(found)
    except ValueError:
        return None
    if not isinstance(stored, dict) or stored.get("key") != key or not isinstance(stored.get("text"), str):
        return None
    return stored["text"]


def remember_explanation(key: str, today: dt.date, text: str) -> None:
    folder = cache_dir()
    if folder is None:
        return
    current = f"{PREFIX}{__version__}-{today.isoformat()}-"
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(PREFIX) and not entry.name.startswith(current):
                os.unlink(entry.path)
    except OSError:
        pass
    write_entry(_name(key, today), json.dumps({"key": key, "text": text}))


def _name(key: str, today: dt.date) -> str:
    return f"{PREFIX}{__version__}-{today.isoformat()}-{digest_of(key.encode())}.json"


def _fingerprint(folder: Path) -> list[int]:
    """The number of files below `folder` (compiled files aside), their total size and the latest
    time one changed."""
    count = size = latest = 0
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                    continue
                info = entry.stat(follow_symlinks=False)
                count, size, latest = count + 1, size + info.st_size, max(latest, info.st_mtime_ns)
    return [count, size, latest]
