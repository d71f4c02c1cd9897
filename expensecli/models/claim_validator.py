"""Validate a claim file's data into the plain objects of `models.claim`, with pydantic-core alone.

The validator is compiled from the core schema generated from the pydantic models
(`models.claim_core_schema`), so a run imports neither pydantic nor the models and builds no
schema: it validates exactly as `claim_format.Claim.model_validate` would, with the same
errors (tests/models/test_claim_validator.py compares both on every example and template).
A claim is validated with its commonest value readers tried natively first, by pydantic-core
itself (`native_readers`), for the values they read exactly as the readers do; a claim that
schema refuses (one with a schema problem) is validated again with the readers alone, whose
errors are the ones reported. A pydantic-core that refuses the
generated schema (another version than the one it was generated with, whose schema format
changed) gets the schema made by the installed pydantic instead. pydantic plugins are not
asked about this validator: it is pydantic-core's own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from expensecli.models.claim import Claim, Record
from expensecli.models.compiled_core import SchemaError, SchemaValidator, ValidationError

__all__ = ["ValidationError", "field_types", "validate_claim"]


def validate_claim(data: Any) -> Claim:
    """The claim of `data` (a file's values); raises `ValidationError` as the models would.

    Validated with the commonest readers tried natively first (`native_readers`), which gives
    the same claim; one it refuses is validated again with the readers alone, for the errors
    exactly as the models word them."""
    fast, full = _validators()
    if fast is not None:
        try:
            return fast.validate_python(data)
        except ValidationError:
            pass
    return full.validate_python(data)


@cache
def _validators() -> tuple[SchemaValidator | None, SchemaValidator]:
    """(the validator with native readers, if the installed pydantic-core takes it; the validator
    with the readers)."""
    from expensecli.models.claim_core_schema import SCHEMA
    from expensecli.models.native_readers import native_schema

    schema = SCHEMA
    try:
        full = SchemaValidator(schema)
    except SchemaError:
        from expensecli.models.core_schema_source import runtime_schema

        schema = runtime_schema()
        full = SchemaValidator(schema)
    try:
        fast = SchemaValidator(native_schema(schema))
    except SchemaError:
        fast = None
    return fast, full


def field_types(cls: type[Record]) -> tuple[tuple[str, frozenset[type[Record]]], ...]:
    """The fields of `cls` in the format's order, each with the classes its value may hold (a
    nested object, or the items of a list of them), read from the core schema."""
    return _field_types()[cls]


@cache
def _field_types() -> dict[type[Record], tuple[tuple[str, frozenset[type[Record]]], ...]]:
    """`field_types` of every class, from one walk of the schema (a walk a class cost 3 ms a run)."""
    from expensecli.models.claim_core_schema import SCHEMA

    definitions = {item["ref"]: item for item in SCHEMA.get("definitions", ()) if "ref" in item}
    return {model["cls"]: tuple((name, frozenset(found["cls"] for found in _models(field["schema"], definitions,
                                                                                set(), shallow=True)))
                                for name, field in model["schema"]["fields"].items())
            for model in _models(SCHEMA, definitions, set())}


def _models(schema: Any, definitions: dict, seen: set, shallow: bool = False):
    """The model schemas within `schema` (with `shallow`, not those inside another model)."""
    if isinstance(schema, dict):
        if schema.get("type") == "definition-ref":
            ref = schema["schema_ref"]
            if ref not in seen:
                seen.add(ref)
                yield from _models(definitions[ref], definitions, seen, shallow)
            return
        if schema.get("type") == "model":
            yield schema
            if shallow:
                return
        for key, value in schema.items():
            if key != "definitions":
                yield from _models(value, definitions, seen, shallow)
        if "definitions" in schema and not shallow:
            for value in schema["definitions"]:
                yield from _models(value, definitions, seen, shallow)
    elif isinstance(schema, (list, tuple)):
        for value in schema:
            yield from _models(value, definitions, seen, shallow)
