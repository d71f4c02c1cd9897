"""The values a claim template (`expensecli new claim`) leaves for the claimant to fill in.

A template marks what only the claimant can know with CHANGE-ME (the name, e-mail, the people
at NTNU, the receipt's file) and the accounting codes with zeros (`cost_centre: "00000"`,
`work_order: "00000000"`, which are no real codes). A claim that still holds one is not ready:
each placeholder is a LOAD004 naming its field, at its line, so a template checked as it is
never passes. Example values that could be true (an amount, a date) are not placeholders.

Every text of a claim is looked at only when the file's text holds the mark (or a backslash,
with which a quoted YAML string can spell it in escapes); otherwise only the fields that can
hold an accounting code are, along the fields that lead to them (found once per model class).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from expensecli.core.i18n import tr
from expensecli.core.locations import Path, path_text
from expensecli.core.values import shown
from expensecli.models.claim import Record
from expensecli.models.claim_validator import field_types

MARK = "CHANGE-ME"
ZERO_CODES = ("cost_centre", "work_order")


def placeholder_problems(claim: Record, text: str | None = None) -> Iterator[tuple[Path, str]]:
    """The placeholders left in `claim`; `text`, the file's text, when known, spares looking at
    every value of a claim whose file cannot hold the mark."""
    marked = text is None or "\\" in text or MARK.casefold() in text.casefold()
    for path, value in _texts(claim, (), everything=marked):
        if MARK.casefold() in value.casefold():
            yield path, tr("{where}: {value} is a placeholder of the claim template; fill it in",
                           where=path_text(path), value=repr(shown(value)))
        elif path[-1] == "cost_centre" and value.strip().strip("0") == "":
            yield path, tr("{where}: {value} is a placeholder of the claim template, not a real cost centre; fill it"
                           " in", where=path_text(path), value=repr(shown(value)))
        elif path[-1] == "work_order" and value.strip().strip("0") == "":
            yield path, tr("{where}: {value} is a placeholder of the claim template, not a real work order; fill it"
                           " in", where=path_text(path), value=repr(shown(value)))


def _texts(value: object, path: Path, everything: bool = True) -> Iterator[tuple[Path, str]]:
    """Every text value of a claim's object (or, not `everything`, those of the accounting-code
    fields), with its path as the file writes it."""
    if isinstance(value, Record):
        fields = value.__dict__
        for name in _fields(type(value), everything):
            item = fields[name]
            if item is not None:
                yield from _texts(item, path + (name,), everything)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,), everything)
    elif isinstance(value, str) and not hasattr(type(value), "__members__"):
        yield path, value


@cache
def _fields(cls: type[Record], everything: bool) -> tuple[str, ...]:
    """The fields of `cls` to look into (each is its key in the file: the format has no aliases)."""
    return tuple(name for name, holds in field_types(cls)
                 if everything or name in ZERO_CODES or any(_leads_to_codes(inner) for inner in holds))


@cache
def _leads_to_codes(cls: type[Record]) -> bool:
    """Whether an object of `cls` can hold, at any depth, an accounting-code field."""
    return any(name in ZERO_CODES or any(_leads_to_codes(inner) for inner in holds) for name, holds in field_types(cls))
