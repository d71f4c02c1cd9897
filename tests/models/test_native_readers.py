"""The native readers (`models.native_readers`): a value the native check takes is read as the
Python reader reads it, with the same value of the same type, and any other value goes to the
reader; so the claim validated with them is the claim the readers give, and a claim they refuse
is one the readers refuse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import SchemaValidator, ValidationError

from expensecli.core.values import PlainScalar
from expensecli.load.textfiles import decode
from expensecli.load.yaml import YamlProblem, parse_document
from expensecli.models import claim, claim_validator
from expensecli.models import fieldtypes as f
from expensecli.models.claim_core_schema import SCHEMA
from expensecli.models.claim_validator import validate_claim
from expensecli.models.native_readers import PYTHON_WHITESPACE, native_schema


def test_the_white_space_listed_is_all_python_strips():
    assert set(PYTHON_WHITESPACE) == {character for character in map(chr, range(0x110000)) if character.isspace()}
    assert len(PYTHON_WHITESPACE) == len(set(PYTHON_WHITESPACE))


def _reader(name: str, inner: dict) -> dict:
    return {"type": "function-before", "function": {"type": "no-info", "function": getattr(f, name).read},
            "schema": inner}


CODE2, CODE3 = {"type": "str", "pattern": "^[A-Za-z]{2}$"}, {"type": "str", "pattern": "^[A-Za-z]{3}$"}
READERS = {
    "date": _reader("READ_DATE", {"type": "date"}),
    "amount": _reader("READ_AMOUNT", {"type": "decimal"}),
    "money": _reader("READ_MONEY", {"type": "decimal"}),
    "country": _reader("READ_UPPER_CODE", CODE2),
    "currency": _reader("READ_UPPER_CODE", CODE3),
    "language": _reader("READ_LOWER_CODE", CODE2),
    "optional text": _reader("READ_OPTIONAL", {"type": "nullable", "schema": {"type": "str"}}),
    "optional country": _reader("READ_OPTIONAL", {"type": "nullable", "schema": _reader("READ_UPPER_CODE", CODE2)}),
}
VALIDATORS = {name: (SchemaValidator(schema), SchemaValidator(native_schema(schema)))
              for name, schema in READERS.items()}


def test_each_reader_of_a_claim_is_tried_after_its_native_check():
    for schema in READERS.values():
        union = native_schema(schema)
        assert union["type"] == "union" and union["mode"] == "left_to_right"
        assert union["choices"][1] is schema and "function" not in repr(union["choices"][0])
    tried_first = []

    def unions(schema):
        if isinstance(schema, dict):
            if schema.get("type") == "union" and schema.get("mode") == "left_to_right":
                tried_first.append(schema["choices"][1]["function"]["function"])
            for value in schema.values():
                unions(value)
        elif isinstance(schema, list):
            for value in schema:
                unions(value)

    unions(native_schema(SCHEMA))
    assert set(tried_first) == {f.READ_DATE.read, f.READ_AMOUNT.read, f.READ_MONEY.read, f.READ_UPPER_CODE.read,
                                f.READ_LOWER_CODE.read, f.READ_OPTIONAL.read}
    # 14 dates, an amount, 2 sums of money, 3 upper-case codes (the optional country code is within
    # its optional text's union), a language, 27 optional texts
    assert len(tried_first) == 14 + 1 + 2 + 3 + 1 + 27


def _outcome(validator: SchemaValidator, value: object):
    try:
        result = validator.validate_python(value)
    except ValidationError:
        return None
    return type(result), repr(result)


def _same_either_way(name: str, value: object) -> bool:
    """Whether the native check itself takes `value`; either way, the union reads it as the reader does."""
    full, native = VALIDATORS[name]
    assert _outcome(native, value) == _outcome(full, value), (name, value)
    alone = SchemaValidator(native_schema(READERS[name])["choices"][0])
    taken = _outcome(alone, value)
    if taken is not None:
        assert taken == _outcome(full, value), (name, value)
    return taken is not None


EXAMPLES_OF = {
    "date": ["2024-03-17", "2024-02-29", "2023-02-29", "2024-02-30", "0000-01-01", "9999-12-31", " 2024-03-17",
             "2024-03-17\n", "2024-3-7", "17.03.2024", "２０２４-03-17", "2024-03-17T00:00"],
    "amount": ["1760", "2343.01", "0012.50", "0.10", "0", "0.00", "12,50", "1 110,50", "1e3", "+5", "-5", "1.234",
               "999999999999", "1000000000000", "999999999999.99", "٣", " 7"],
    "country": ["no", "NO", "Se", "ıt", "ß", "K\u212a", "NOR", " no", "n0"],
    "currency": ["nok", "NOK", "sek", "ﬀx", "NO", "NOKK"],
    "language": ["nb", "EN", "Nn", "\u212ab", "İi", "nbn"],
    "optional text": ["Lunch", " ", "", "\u00a0", "\u200b", "\u3000x", "\x1c", "\u2028\t", "a b"],
    "optional country": ["no", " ", "", "SE", "ß", "\u00a0"],
}
EXAMPLES_OF["money"] = EXAMPLES_OF["amount"]


@pytest.mark.parametrize("name", READERS)
def test_a_value_is_read_as_the_reader_reads_it_natively_or_not(name):
    taken = [text for text in EXAMPLES_OF[name] for value in (text, PlainScalar(text)) if _same_either_way(name, value)]
    assert taken and len(taken) < 2 * len(EXAMPLES_OF[name])  # the plain way natively, the others by the reader
    assert _same_either_way(name, None) is (name.startswith("optional"))


ALPHABETS = {
    "date": "0123456789-/. T\t\u00a0٣２",
    "amount": "0123456789.,+- eE\u00a0٣",
    "country": "abnoNOSEıßKﬀİ\u212a 0",
    "currency": "abnoNOSEıßKﬀİ\u212a 0",
    "language": "abnoNOSEıßKﬀİ\u212a 0",
    "optional text": PYTHON_WHITESPACE + "ab\u200b\u00ad",
    "optional country": PYTHON_WHITESPACE + "noNOSEß",
}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(READERS)).flatmap(
    lambda name: st.tuples(st.just(name), st.text(alphabet=ALPHABETS[name.replace("money", "amount")], max_size=16),
                           st.booleans())))
def test_any_text_is_read_as_the_reader_reads_it(case):
    name, text, plain = case
    _same_either_way(name, PlainScalar(text) if plain else text)


def _typed(value: object) -> object:
    """A claim as nested (type, value) pairs, leaves by `repr`: 12.5 and 12.50 differ here."""
    if isinstance(value, claim.Record):
        return type(value).__name__, {name: _typed(item) for name, item in vars(value).items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return type(value).__name__, repr(value)


def _claim_both_ways(data: object) -> tuple[object, object]:
    fast, full = claim_validator._validators()
    assert fast is not None
    try:
        first = _typed(fast.validate_python(data))
    except ValidationError:
        first = None
    try:
        second = _typed(full.validate_python(data))
    except ValidationError as error:
        second = error.errors(include_url=False)
    try:
        given_back = _typed(validate_claim(data))
    except ValidationError as error:
        given_back = error.errors(include_url=False)
    assert given_back == second
    return first, second


FILES = [*sorted((REPO / "expensecli" / "render" / "claim_templates").glob("claim-*.yaml")),
         *sorted(EXAMPLES.rglob("*.yaml"))]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_example_is_the_same_claim_either_way(path: Path):
    text = decode(path.read_bytes()).replace("YYYY-MM-DD", "2024-03-01")
    try:
        data = parse_document(text).data
    except YamlProblem:
        pytest.skip("not YAML")
    fast, full = _claim_both_ways(data)
    assert fast == full or (fast is None and isinstance(full, list))


PLAIN = parse_document((EXAMPLES / "catering" / "board-lunch.yaml").read_text(encoding="utf-8")).data
VALUE_FIELDS = {"date": "2024-03-01", "submitted": "2024-03-05", "amount": "450.00", "tip": "0", "currency": "nok",
                "phone_country": "no", "language": "en", "description": "Lunch", "unit": "IE-IDI"}
TEXTS = st.text(alphabet="0123456789.,- \u00a0\u3000abnoNOß\u212a\t", max_size=12)


def _set_everywhere(data: object, field: str, value: object) -> object:
    if isinstance(data, dict):
        return {key: value if key == field else _set_everywhere(item, field, value) for key, item in data.items()}
    if isinstance(data, list):
        return [_set_everywhere(item, field, value) for item in data]
    return data


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(VALUE_FIELDS)), st.one_of(TEXTS, st.builds(PlainScalar, TEXTS))),
                max_size=3))
def test_a_claim_with_any_values_written_anyhow_is_the_same_claim_either_way(changes):
    data = PLAIN
    for field, value in changes:
        data = _set_everywhere(data, field, value)
    fast, full = _claim_both_ways(data)
    assert fast == full or (fast is None and isinstance(full, list))


def test_a_claim_is_read_the_same_whether_its_amounts_are_written_plainly_or_not():
    fast, _ = claim_validator._validators()
    grouped = fast.validate_python(PLAIN)  # "2 640.00", with a space between the thousands: by the reader
    plain = fast.validate_python(_set_everywhere(PLAIN, "amount", "2640.00"))  # natively
    assert grouped.expenses[0].amount == plain.expenses[0].amount == Decimal("2640.00")
    assert repr(grouped.expenses[0].amount) == repr(plain.expenses[0].amount)
    assert grouped.expenses[0].date == dt.date(2024, 3, 5) and grouped == validate_claim(PLAIN)
