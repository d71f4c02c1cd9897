"""The base of the claim models; the field types themselves live in `fieldtypes`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .fieldtypes import (Amount, Bool, Count, CountryCode, CurrencyCode, Date, Factor, Hours,  # noqa: F401
                         LanguageCode, Money, Rate, Text, Time)


class Frozen(BaseModel):
    """Base of every claim model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
