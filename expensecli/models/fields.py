"""Annotated field types that read exact values from YAML text (see `values`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Callable

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from .. import values


def _checked(parser: Callable[..., Any], **kwargs: Any) -> BeforeValidator:
    def validate(value: Any) -> Any:
        try:
            return parser(value, **kwargs)
        except values.ValueProblem as problem:
            raise values.pydantic_error(problem) from None

    return BeforeValidator(validate)


def _positive(number: Decimal) -> Decimal:
    if number <= 0:
        raise values.ValueProblem(f"must be greater than 0, got {number}")
    return number


def _not_negative(number: Decimal) -> Decimal:
    if number < 0:
        raise values.ValueProblem(f"must not be negative, got {number}")
    return number


def _then(first: Callable[..., Any], second: Callable[[Any], Any], value: Any, **kwargs: Any) -> Any:
    return second(first(value, **kwargs))


Amount = Annotated[Decimal, _checked(partial(_then, values.parse_money, _positive), what="amount")]
Money = Annotated[Decimal, _checked(partial(_then, values.parse_money, _not_negative), what="amount")]
Rate = Annotated[Decimal, _checked(partial(_then, values.parse_decimal, _positive), places=6, what="rate")]
Factor = Annotated[Decimal, _checked(partial(_then, values.parse_decimal, _positive), places=6, what="factor")]
Hours = Annotated[Decimal, _checked(partial(_then, values.parse_decimal, _positive), places=2, what="hours")]
Date = Annotated[dt.date, _checked(values.parse_date)]
Time = Annotated[dt.time, _checked(values.parse_time)]
Count = Annotated[int, _checked(values.parse_count)]
Bool = StrictBool
Text = Annotated[str, Field(min_length=1)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]


class Frozen(BaseModel):
    """Base of every file model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
