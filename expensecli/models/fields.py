"""The base of the claim models (the field types live in `fieldtypes`, free of pydantic)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Base of every claim model: immutable, and unknown keys are errors.

    The validators are built when first used (`defer_build`), not as the classes are defined:
    only `Claim`'s schema is ever made (it holds the nested models), to generate the claim
    validator's core schema or the JSON Schema, so the nested models' own validators, which
    nothing calls, are never built."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)
