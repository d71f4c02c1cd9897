"""Field types of both file formats, importable without pydantic.

Each type is `Annotated[python type, marker]`; the markers tell pydantic, when it validates,
how to read the value from YAML text (see `values`). Nothing here imports pydantic, so the
rate-sheet dataclasses built on these types load (and unpickle) without it: `catering quote`
starts as fast as a bare Typer program.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Callable

from expensecli.core import values
from expensecli.core.i18n import tr


class ReadFrom:
    """Before validation, read the value with `parser` (a `values` function) and report its problem.

    `read` is what pydantic calls per field: a plain function (no bound method, no `partial`
    frame). The claim validator's generated core schema (`models.claim_core_schema`) names each
    reader by the module-level name it has here, so every reader of a claim field is a constant
    below."""

    def __init__(self, parser: Callable[..., Any], **kwargs: Any):
        parser = partial(parser, **kwargs) if kwargs else parser

        def read(value: Any) -> Any:
            try:
                return parser(value)
            except values.ValueProblem as problem:
                raise values.pydantic_error(problem) from None

        self.read = read

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.read, handler(source))


class Checked:
    """A plain core schema with constraints: strict booleans, non-empty or patterned text."""

    def __init__(self, kind: str, **constraints: Any):
        self.kind, self.constraints = kind, constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return getattr(core_schema, f"{self.kind}_schema")(**self.constraints)


class TextPattern:
    """How an editor's schema shows the value: text matching `pattern` (`expensecli schema`)."""

    def __init__(self, pattern: str):
        self.pattern = pattern

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return {"type": "string", "pattern": self.pattern}


class NonEmpty:
    """At least one item (a list whose items keep their own schema)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), "min_length": 1}


class Within:
    """A sanity bound on a rate-sheet figure (after it is read): a typo such as 999999999999 months
    is refused where it stands, with the range, instead of reaching the date and money arithmetic.
    The bounds are far outside any real figure; the figures themselves come from the sheet."""

    def __init__(self, low: Any, high: Any):
        self.low, self.high = low, high

    def __call__(self, value: Any) -> Any:
        if not self.low <= value <= self.high:
            raise values.pydantic_error(values.ValueProblem(tr(
                "must be from {low} to {high} (a sanity bound for a rate sheet), got {value}", low=self.low,
                high=self.high, value=values.shown(value))))
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self, handler(source))


def _positive(number: Decimal) -> Decimal:
    if number <= 0:
        raise values.ValueProblem(tr("must be greater than 0, got {value}", value=number))
    return number


def _not_negative(number: Decimal) -> Decimal:
    if number < 0:
        raise values.ValueProblem(tr("must not be negative, got {value}", value=number))
    return number


def _then(first: Callable[..., Any], second: Callable[[Any], Any], value: Any, **kwargs: Any) -> Any:
    return second(first(value, **kwargs))


READ_AMOUNT = ReadFrom(partial(_then, values.parse_money, _positive), what="amount")
READ_MONEY = ReadFrom(partial(_then, values.parse_money, _not_negative), what="amount")
READ_RATE = ReadFrom(partial(_then, values.parse_decimal, _positive), places=6, what="rate")
READ_FACTOR = ReadFrom(partial(_then, values.parse_decimal, _positive), places=6, what="factor")
READ_HOURS = ReadFrom(partial(_then, values.parse_decimal, _positive), places=2, what="hours")
READ_DATE = ReadFrom(values.parse_date)
READ_TIME = ReadFrom(values.parse_time)
READ_END_TIME = ReadFrom(values.parse_end_time)
READ_COUNT = ReadFrom(values.parse_count)
READ_UPPER_CODE = ReadFrom(values.code_case, upper=True)
READ_LOWER_CODE = ReadFrom(values.code_case, upper=False)
READ_OPTIONAL = ReadFrom(values.blank_as_none)

Amount = Annotated[Decimal, READ_AMOUNT]
Money = Annotated[Decimal, READ_MONEY]
Rate = Annotated[Decimal, READ_RATE]
Factor = Annotated[Decimal, READ_FACTOR]
Hours = Annotated[Decimal, READ_HOURS]
Date = Annotated[dt.date, READ_DATE]
Time = Annotated[dt.time, READ_TIME]
EndTime = Annotated[dt.time, READ_END_TIME, TextPattern(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$|^\s*24:00\s*$")]
Count = Annotated[int, READ_COUNT]
Bool = Annotated[bool, Checked("bool", strict=True)]
Text = Annotated[str, Checked("str", min_length=1)]
# Codes in any letter case, held in their usual case (the pattern says what editors may accept).
CountryCode = Annotated[str, Checked("str", pattern=r"^[A-Za-z]{2}$"), READ_UPPER_CODE]
CurrencyCode = Annotated[str, Checked("str", pattern=r"^[A-Za-z]{3}$"), READ_UPPER_CODE]
LanguageCode = Annotated[str, Checked("str", pattern=r"^[A-Za-z]{2}$"), READ_LOWER_CODE]
# Optional text: an empty or blank value is absent (None), so the rule about the missing value reports it.
OptionalText = Annotated[str | None, READ_OPTIONAL]
OptionalCountryCode = Annotated[CountryCode | None, READ_OPTIONAL]
MonthDay = Annotated[str, Checked("str", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
