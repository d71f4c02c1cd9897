"""The claim schema with its commonest value readers tried natively first, by pydantic-core
itself: a claim whose values are written the usual way is read without a Python call for them.

A claim's dates, amounts, country and currency codes and optional texts are read by the
Python functions of `fieldtypes` (about a third of a claim's validation, some 20 calls).
Most values are written the one plain way: `2024-03-17`, `1760` or `2343.01`, `NO`, a text
with something in it. For those, pydantic-core's own date, decimal and text checks give
exactly what the readers give, so `native_schema` puts before each reader a native check that
accepts only that plain way: a date `YYYY-MM-DD`, an amount in digits with at most two
decimals (and at most the integer digits the reader allows), a code in ASCII letters, an
optional text holding a character Python does not count as white space. A value written any
other way (`12,50`, `1 110.50`, a date with spaces around it, a blank optional text) fails that
check and goes to the reader, as before. So the schema gives what the readers give, for every
value (tests/models/test_native_readers.py holds both to that, value by value and claim by
claim); a claim it refuses is validated again with the readers alone, whose errors are the
ones reported. Any other reader, and any shape not recognised here, is kept as it is.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from expensecli.core.values import MAX_INTEGER_DIGITS
from expensecli.models import fieldtypes as f

# Every character `str.strip()` removes (Python's white space; a test holds the list complete).
PYTHON_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                     "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# pydantic-core searches a pattern anywhere in the text: this one finds a character that is not
# white space, so a text it accepts is one `blank_as_none` keeps as it is.
NOT_BLANK = "[^" + "".join(f"\\u{ord(character):04x}" for character in PYTHON_WHITESPACE) + "]"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
AMOUNT = rf"^[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,2}})?$"
LETTER_CODES = {r"^[A-Za-z]{2}$", r"^[A-Za-z]{3}$"}  # the codes' own patterns: ASCII letters only

_DECIMAL_BOUND = {id(f.READ_AMOUNT.read): "gt", id(f.READ_MONEY.read): "ge"}  # > 0, >= 0
_CASE = {id(f.READ_UPPER_CODE.read): "to_upper", id(f.READ_LOWER_CODE.read): "to_lower"}


def native_schema(schema: Any) -> Any:
    """`schema` (a claim's core schema) with the readers above tried natively first: each becomes
    a union whose first choice is the native check and whose second is the reader itself, for a
    value written any other way (`1 110,50`); the first choice that takes the value gives it."""
    if isinstance(schema, list):
        return [native_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "function-before":
        native = _native_reader(schema)
        if native is not None:
            return {"type": "union", "choices": [native, schema], "mode": "left_to_right"}
    return {key: native_schema(value) for key, value in schema.items()}


def _native_reader(schema: dict) -> dict | None:
    """The native check for one `function-before` reader, or None to keep it."""
    reader = schema["function"].get("function")
    inner = schema["schema"]
    if reader is f.READ_DATE.read and inner == {"type": "date"}:
        return _chain({"type": "str", "pattern": DATE}, inner)
    if id(reader) in _DECIMAL_BOUND and inner == {"type": "decimal"}:
        return _chain({"type": "str", "pattern": AMOUNT}, {"type": "decimal", _DECIMAL_BOUND[id(reader)]: Decimal(0)})
    if id(reader) in _CASE and _letter_code(inner):
        return _chain(inner, {"type": "str", _CASE[id(reader)]: True})  # letters checked first, then their case
    if reader is f.READ_OPTIONAL.read and inner.get("type") == "nullable" and set(inner) == {"type", "schema"}:
        value = inner["schema"]
        if value == {"type": "str"}:
            return {"type": "nullable", "schema": {"type": "str", "pattern": NOT_BLANK}}
        code = _native_reader(value) if value.get("type") == "function-before" else None
        if code is not None and code["type"] == "chain" and _letter_code(code["steps"][0]):  # a code: never blank
            return {"type": "nullable", "schema": code}
    return None


def _letter_code(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.keys() == {"type", "pattern"} and schema["type"] == "str" \
        and schema["pattern"] in LETTER_CODES


def _chain(*steps: dict) -> dict:
    return {"type": "chain", "steps": list(steps)}
