"""The values a claim template (`expensecli new claim`) leaves for the claimant to fill in.

A template marks what only the claimant can know with CHANGE-ME (the name, e-mail, the people
at NTNU, the receipt's file) and the accounting codes with zeros (`cost_centre: "00000"`,
`work_order: "00000000"`, which are no real codes). A claim that still holds one is not ready:
each placeholder is a LOAD004 naming its field, at its line, so a template checked as it is
never passes. Example values that could be true (an amount, a date) are not placeholders.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from expensecli.core.i18n import tr
from expensecli.core.locations import Path, path_text
from expensecli.core.values import shown

MARK = "CHANGE-ME"
ZERO_CODES = ("cost_centre", "work_order")


def placeholder_problems(claim: BaseModel) -> Iterator[tuple[Path, str]]:
    for path, value in _texts(claim, ()):
        if MARK.casefold() in value.casefold():
            yield path, tr("{where}: {value} is a placeholder of the claim template; fill it in",
                           where=path_text(path), value=repr(shown(value)))
        elif path[-1] == "cost_centre" and value.strip().strip("0") == "":
            yield path, tr("{where}: {value} is a placeholder of the claim template, not a real cost centre; fill it"
                           " in", where=path_text(path), value=repr(shown(value)))
        elif path[-1] == "work_order" and value.strip().strip("0") == "":
            yield path, tr("{where}: {value} is a placeholder of the claim template, not a real work order; fill it"
                           " in", where=path_text(path), value=repr(shown(value)))


def _texts(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text value of a model, with its path as the file writes it."""
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _texts(getattr(value, name), path + (field.alias or name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
    elif isinstance(value, str) and not hasattr(type(value), "__members__"):
        yield path, value
