"""Where a finding points: a path into the claim's data and a line and column in its file.

A `Path` names a value by keys and list indexes (`("expenses", 2, "amount")`); a `Mark` is a
1-based line and column. The loader maps paths to marks; the engine and the rules speak of
paths only, so they never see a parser.
"""

from __future__ import annotations

from typing import Protocol

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column


class Locator(Protocol):
    """Where the values and keys of one file stand (the loader's document implements it)."""

    def locate(self, path: Path) -> Mark:
        """Position of the value at `path`, or of its nearest ancestor present in the file."""

    def locate_key(self, path: Path) -> Mark:
        """Position of the key of `path` (its value's when it has no key)."""


def path_text(path: Path) -> str:
    """('expenses', 2, 'amount') -> 'expenses[2].amount'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
