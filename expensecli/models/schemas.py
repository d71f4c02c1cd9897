"""JSON Schema (draft 2020-12) of the claim and rate-sheet files, built from the pydantic models.

Editors (the YAML language server: `# yaml-language-server: $schema=claim.schema.json`) read a
file as YAML 1.2, so the schema describes values as they are written there, not as the models
hold them after reading: amounts as a number or text such as "1 110,50", dates as "YYYY-MM-DD"
text, times as "HH:MM" text. The models read those forms with before-validators, which a plain
`model_json_schema()` cannot see; the generator below says what they accept.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The spellings values.parse_decimal accepts: 199, 199.5, "199,50", "1 110,50" (plain, no-break,
# narrow no-break or thin spaces between groups of three).
DECIMAL_TEXT = r"^\s*[+-]?(\d+|\d{1,3}([ \u00a0\u202f\u2009]\d{3})+)([.,]\d+)?\s*$"
DATE_TEXT = r"^\d{4}-\d{2}-\d{2}$"
TIME_TEXT = r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$"


class FileJsonSchema(GenerateJsonSchema):
    """Describe what may be written in the YAML file for each value the models read."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_TEXT}]}

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DATE_TEXT}

    def time_schema(self, schema: core_schema.TimeSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": TIME_TEXT}

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return {"minimum": 0, **super().int_schema(schema)}  # every whole number in the files is a count

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # the field name says it; descriptions carry the meaning



def claim_schema() -> dict[str, Any]:
    from expensecli.models.claim_format import Claim

    return _titled(Claim.model_json_schema(schema_generator=FileJsonSchema), "expensecli claim file (v2)")


def rates_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from expensecli.models.rates import RateSheet

    schema = TypeAdapter(RateSheet).json_schema(schema_generator=FileJsonSchema)
    return _titled(schema, "expensecli rate sheet (v2)")


def _titled(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}


SCHEMAS = {"claim": claim_schema, "rates": rates_schema}
