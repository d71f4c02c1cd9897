"""Whether a rate sheet read back from the cache has what validation would have given it.

A cache entry is made only from a validated sheet, in a private folder, so it is trusted to be
that sheet; yet an entry its owner edited, or one damaged on disk, may still be valid JSON. Made
into dataclasses without their checks, a limit that is text, `NaN` or out of its sanity bounds
would fail later, in a rule or the money arithmetic. Each value is therefore compared with its
field's declared type and the bounds the field carries (`Within`, non-empty text and lists, the
patterns of codes), which is all the rules rely on; an entry that does not conform is dropped,
and the sheet is validated again from its file.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import fields, is_dataclass
from decimal import Decimal
from functools import cache

from expensecli.models.fieldtypes import Checked, NonEmpty, Within


def conforms(value: object) -> bool:
    """Whether the dataclass `value` (and every dataclass within it) holds values of its fields'
    types, within their bounds."""
    hints = _hints(type(value))
    return all(_fits(getattr(value, f.name), hints[f.name]) for f in fields(value))


@cache
def _hints(cls: type) -> dict[str, object]:
    """Each field's type, as the dataclass holds it: the sheet's module keeps its annotations as
    objects (no postponed evaluation, which would cost about 1 ms a run to evaluate here; a text
    annotation fits nothing, and the cache would go unused)."""
    return {f.name: f.type for f in fields(cls)}


def _fits(value: object, hint: object) -> bool:
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *marks = typing.get_args(hint)
        return _fits(value, base) and all(_meets(value, mark) for mark in marks)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(_fits(k, key) and _fits(v, item) for k, v in value.items())
    if hint is type(None):
        return value is None
    if hint is Decimal:
        return isinstance(value, Decimal) and value.is_finite()
    if hint is int:
        return type(value) is int  # a bool is no count
    if hint in (str, bool, dt.date, dt.time):
        return type(value) is hint
    if is_dataclass(hint):
        return type(value) is hint and conforms(value)
    return False  # a type no sheet field has


def _meets(value: object, mark: object) -> bool:
    if isinstance(mark, Within):
        return mark.low <= value <= mark.high
    if isinstance(mark, NonEmpty):
        return len(value) > 0
    if isinstance(mark, Checked) and isinstance(value, str):
        limits = mark.constraints
        return len(value) >= limits.get("min_length", 0) and (
            "pattern" not in limits or re.search(limits["pattern"], value) is not None)
    return True  # how a value is read from YAML, or shown in a schema: nothing to check here
