"""The validator a run uses (pydantic-core with the generated core schema, into the plain classes
of models.claim) is the pydantic models' own: the generated file is what the models give, and
both validate every example, template and broken claim alike, field by field and error by error."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pydantic
import pytest
from conftest import CLEAN, EXAMPLES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from expensecli.load.textfiles import decode
from expensecli.load.yaml import YamlProblem, parse_document
from expensecli.models import claim, claim_core_schema, claim_format, claim_validator
from expensecli.models.claim_validator import ValidationError, field_types, validate_claim
from expensecli.models.core_schema_source import source

TEMPLATES = sorted((REPO / "expensecli" / "render" / "claim_templates").glob("claim-*.yaml"))
FILES = [*TEMPLATES, *sorted(EXAMPLES.rglob("*.yaml"))]


@pytest.mark.skipif(pydantic.VERSION != claim_core_schema.PYDANTIC,
                    reason="the file is generated with the locked pydantic, whose schema it holds")
def test_the_generated_file_is_what_the_models_give():
    path = Path(claim_core_schema.__file__)
    assert path.read_text(encoding="utf-8") == source(), "run `make core-schema` and commit the file"


def _plain(value: object) -> object:
    """A claim of either kind as (class name, fields), to compare a model with a record."""
    if isinstance(value, (pydantic.BaseModel, claim.Record)):
        return type(value).__name__, {name: _plain(item) for name, item in vars(value).items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _both(data: object) -> tuple[object, object]:
    """(what the record validator gives, what the pydantic model gives): a claim, or the errors."""
    results = []
    for validate in (validate_claim, claim_format.Claim.model_validate):
        try:
            results.append(_plain(validate(data)))
        except ValidationError as error:
            results.append(error.errors(include_url=False))
    return results[0], results[1]


def _data(path: Path) -> object:
    text = decode(path.read_bytes()).replace("YYYY-MM-DD", "2024-03-01")  # a template's dates filled in
    try:
        return parse_document(text).data
    except YamlProblem:
        pytest.skip("not YAML")


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_records_and_models_validate_every_example_alike(path):
    record, model = _both(_data(path))
    assert record == model


BROKEN = {
    "an unknown field": ("claimant:\n  name: Kari Nordmann", "claimant:\n  nmae: x\n  name: Kari Nordmann"),
    "a bad amount": ("amount: 199.00", "amount: 19,9,9"),
    "an unknown category": ("category: equipment", "category: equipmnet"),
    "no expenses": None,
    "a date that is no date": ("submitted: 2024-03-05", "submitted: 2024-02-31"),
    "a wrong type": ("status: sent", "status: [sent]"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_records_and_models_refuse_broken_claims_alike(case):
    data = parse_document(CLEAN).data
    if BROKEN[case] is None:
        data = {**data, "expenses": []}
    else:
        old, new = BROKEN[case]
        assert old in CLEAN
        data = parse_document(CLEAN.replace(old, new)).data
    record, model = _both(data)
    assert isinstance(record, list) and record, record
    assert record == model


def _paths(value: object, here: tuple = ()):
    """Every path into a claim's data, its own included."""
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


def _changed(data: object, path: tuple, new: object) -> object:
    """`data` with the value at `path` replaced by `new` (removed when `new` is REMOVED)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        changed = {**data, head: _changed(data[head], rest, new) if head in data else new}
        return {key: value for key, value in changed.items() if value is not REMOVED}
    copy = list(data)
    copy[head] = _changed(data[head], rest, new)
    return [item for item in copy if item is not REMOVED]


def _at(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]
    return data


REMOVED = object()
FIELDS = sorted({name for model in vars(claim_format).values() if isinstance(model, type)
                 and issubclass(model, pydantic.BaseModel) for name in model.model_fields})
RICH = parse_document((EXAMPLES / "catering" / "board-lunch.yaml").read_text(encoding="utf-8")).data
VALUES = st.one_of(st.just(REMOVED), st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(
    ["", " ", "0", "1.5", "1 110,50", "2024-02-30", "2024-05-01", "12:00", "24:00", "no", "NOK", "nb", "x" * 3,
     "meeting", "receipt", "external", "CHANGE-ME"]), st.lists(st.just("a"), max_size=2),
    st.dictionaries(st.sampled_from(["a", "type", "date"]), st.just("1"), max_size=2))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_records_and_models_agree_on_any_change_to_a_claim(data):
    claim_data = data.draw(st.sampled_from([parse_document(CLEAN).data, RICH]))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(claim_data))))
        if isinstance(_at(claim_data, path), dict) and data.draw(st.booleans()):  # a field set, or added
            path = (*path, data.draw(st.sampled_from(FIELDS)))
        claim_data = _changed(claim_data, path, data.draw(VALUES))
        if claim_data is REMOVED:
            return
    record, model = _both(claim_data)
    assert record == model


def test_a_record_is_of_the_plain_class_of_its_name_with_the_models_behaviour():
    loaded = validate_claim(parse_document(CLEAN).data)
    assert type(loaded) is claim.Claim and type(loaded.expenses[0]) is claim.Expense
    assert list(vars(loaded)) == list(claim_format.Claim.model_fields)  # the format's order
    assert loaded.submitted_on == loaded.submitted
    assert claim_format.Claim.submitted_on is claim.Claim.submitted_on
    assert claim_format.Participants.total is claim.Participants.total
    assert loaded.expenses[0].amount == Decimal("199.00")


def test_a_record_is_frozen_compares_by_value_and_pickles():
    loaded = validate_claim(parse_document(CLEAN).data)
    with pytest.raises(AttributeError, match="frozen"):
        loaded.id = "other"
    with pytest.raises(AttributeError, match="frozen"):
        del loaded.expenses[0].amount
    again = pickle.loads(pickle.dumps(loaded, pickle.HIGHEST_PROTOCOL))
    assert again == loaded and again is not loaded and type(again) is claim.Claim
    assert again != validate_claim(parse_document(CLEAN.replace("R-2024-0001", "R-2024-0002")).data)
    assert hash(loaded.claimant) == hash(again.claimant)  # no list in it: hashable, as a frozen model
    with pytest.raises(TypeError):
        hash(loaded)  # its expenses are a list
    assert repr(loaded.claimant).startswith("Claimant(name='Kari Nordmann', role=<Role.employee")


def test_field_types_name_each_fields_nested_classes_in_order():
    fields = dict(field_types(claim.Claim))
    assert list(fields) == list(claim_format.Claim.model_fields)
    assert fields["claimant"] == {claim.Claimant} and fields["expenses"] == {claim.Expense}
    assert fields["id"] == frozenset()
    assert dict(field_types(claim.Claimant))["access"] == {claim.Access}
    assert dict(field_types(claim.Expense))["attachments"] == {claim.Attachment}


def test_every_model_has_its_record_and_no_field_an_alias():
    models = {model.__name__ for model in vars(claim_format).values()
              if isinstance(model, type) and issubclass(model, pydantic.BaseModel) and model is not claim_format.Frozen}
    assert models == set(claim.RECORDS)
    for name in models:
        assert all(field.alias is None for field in getattr(claim_format, name).model_fields.values())


def test_a_schema_the_installed_pydantic_core_refuses_is_made_by_the_installed_pydantic(monkeypatch):
    monkeypatch.setattr(claim_core_schema, "SCHEMA", {"type": "no such schema type"})
    claim_validator._validators.cache_clear()
    try:
        assert validate_claim(parse_document(CLEAN).data).id == "R-2024-0001"
    finally:
        claim_validator._validators.cache_clear()


CHECK = textwrap.dedent("""
    import sys
    import expensecli.cli.entry
    sys.argv = ["expensecli", "check", sys.argv[1], "--as-of", "2024-05-01", "-f", "json"]
    try:
        expensecli.cli.entry.run()
    except SystemExit:
        pass
    print(sorted(name for name in sys.modules if name.split(".")[0] == "pydantic" and name != "pydantic.plugin._loader"))
""")


@pytest.mark.parametrize(("name", "imported"), [("employee-equipment.yaml", "[]"), ("typos.yaml", "pydantic")])
def test_a_valid_claim_is_checked_without_importing_pydantic(tmp_path, name, imported):
    path = EXAMPLES / "claims" / name
    environment = {**os.environ, "EXPENSECLI_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the rate sheets' cache, which needs pydantic
        result = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True,
                                env=environment, check=True)
    assert '"file":' in result.stdout
    assert (result.stdout.splitlines()[-1] == "[]") is (imported == "[]")
    assert imported in result.stdout.splitlines()[-1]
