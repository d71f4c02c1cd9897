"""One input file as the engine receives it: the claim when it loaded, else why it did not.

The loader fills it; the engine reads it. Positions come through the `Locator` interface, so
the engine never sees the parser that found them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from expensecli.core.findings import Problem
from expensecli.core.locations import Locator
from expensecli.models.claim import Claim

OUTSIDE = "\0outside"  # an attachment path that is absolute or leaves the claim's folder


@dataclass
class LoadedClaim:
    """One input file: its claim when it loaded, else its LOAD problems."""

    file: str  # the path as the user named it (shown in every output)
    base_dir: str | Path | None  # the folder attachment paths are resolved from
    claim: Claim | None = None
    document: Locator | None = None  # where each value of the claim stands in the file
    problems: list[Problem] = field(default_factory=list)
    raw_id: str | None = None  # the id field when the file parsed but did not validate
    # (expense index, attachment index) -> the attachment file's identity (see `load.attachments._identity`),
    # None when it does not exist, OUTSIDE when its path leaves the claim's folder (it is then not looked up)
    attachments: dict[tuple[int, int], str | None] = field(default_factory=dict)
