"""The claim as a run holds it: plain, frozen objects, made without pydantic.

The claim format is defined once, as pydantic models (`models.claim_format`), but a run never
imports them: importing pydantic, defining the models and building their validator is about
60 ms, most of a single-claim check. A claim file is validated instead by pydantic-core with
the core schema generated from those models (`models.claim_validator`), which makes these
classes, one per model and of the same name: each object holds its fields in its `__dict__`,
in the order the format lists them, and shares the models' behaviour (the properties below
are the models' too). Like the models, they are immutable, compare equal field by field and
pickle (reports travel between processes with their claims).

The enumerations are re-exported, so a rule imports everything about a claim from here.
"""

from __future__ import annotations

import datetime as dt

from expensecli.models.enums import (  # noqa: F401 (re-exported)
    EVENT_CATEGORIES,
    TRAVEL_CATEGORIES,
    Accommodation,
    AttachmentType,
    Category,
    EventType,
    Kind,
    Occasion,
    RepresentationKind,
    Role,
    Status,
    Venue,
)


def empty_list() -> list:
    """The default of a list field. A function of ours rather than `list`: pydantic reads the
    signature of every default factory when it builds the validator, and a built-in's signature
    is parsed from its text (with the tokenizer), several milliseconds of every start."""
    return []


class Record:
    """Base of the claim's objects. pydantic-core sets `__dict__` (the fields) and its own three
    attributes directly, as for a pydantic model; nothing else may set anything."""

    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:  # as a frozen pydantic model's: of its values (a list field makes it unhashable)
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    def __getstate__(self) -> dict:
        return self.__dict__

    def __setstate__(self, state: dict) -> None:
        object.__setattr__(self, "__dict__", state)


class Contract(Record):
    __slots__ = ()


class Access(Record):
    __slots__ = ()


class Claimant(Record):
    __slots__ = ()


class HistoryEntry(Record):
    __slots__ = ()


class PreApproval(Record):
    __slots__ = ()


class Trip(Record):
    __slots__ = ()


class CostAllocation(Record):
    __slots__ = ()


class Waiver(Record):
    __slots__ = ()


class Attachment(Record):
    __slots__ = ()


class Participants(Record):
    __slots__ = ()

    @property
    def total(self) -> int:
        return self.internal + self.external


class Approval(Record):
    __slots__ = ()


class ExtendedRate(Record):
    __slots__ = ()


class Order(Record):
    __slots__ = ()


class Event(Record):
    __slots__ = ()


class Expense(Record):
    __slots__ = ()


class Claim(Record):
    __slots__ = ()

    @property
    def submitted_on(self) -> dt.date | None:
        """`submitted`, else the date of the first `sent` in history."""
        if self.submitted is not None:
            return self.submitted
        return next((h.date for h in self.history if h.status is Status.sent), None)


RECORDS: dict[str, type[Record]] = {cls.__name__: cls for cls in Record.__subclasses__()}
