"""`expensecli schema claim|rates`: a valid draft 2020-12 schema that accepts what users write.

Files are validated as an editor sees them: the YAML language server reads YAML 1.2, where
unquoted 199.00 is a number, 6 an integer and 2024-03-14 or "10:00" text.
"""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from conftest import CLEAN, EXAMPLES, REPO
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.core.values import PlainScalar
from expensecli.load.claims import load_claim_bytes
from expensecli.load.yaml import parse_document
from expensecli.models.schemas import claim_schema, rates_schema
from expensecli.report.rule_examples import claim_files, example_codes, load_example

_register()

INT = re.compile(r"[-+]?[0-9]+")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def editor_view(value):
    """The data as YAML 1.2 (core schema) types it: unquoted numbers become numbers."""
    if isinstance(value, dict):
        return {key: editor_view(item) for key, item in value.items()}
    if isinstance(value, list):
        return [editor_view(item) for item in value]
    if isinstance(value, PlainScalar):
        if INT.fullmatch(value):
            return int(value)
        if FLOAT.fullmatch(value):
            return float(value)
        return str(value)
    return value


def as_editor_sees(text: str):
    return editor_view(parse_document(textwrap.dedent(text)).data)


CLAIMS = Draft202012Validator(claim_schema())
SHEETS = Draft202012Validator(rates_schema())


def part(name: str) -> Draft202012Validator:
    """A validator for one definition of the claim schema, e.g. Event."""
    schema = claim_schema()
    return Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})


def problems(validator, data) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.validator}" for e in validator.iter_errors(data))


def test_schemas_are_draft_2020_12_with_descriptions():
    for schema in (claim_schema(), rates_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
    claim = claim_schema()
    assert claim["title"] == "expensecli claim file (v2)"
    assert claim["description"] == "One expense claim (expensecli claim format v2)."
    expense = claim["$defs"]["Expense"]["properties"]
    assert expense["amount"]["description"].startswith("Amount incl. VAT, above 0")
    assert claim["$defs"]["Kind"]["enum"] == ["travel", "reimbursement"]
    assert rates_schema()["$defs"]["CateringRates"]["properties"]["short"]["description"] == (
        "Under short_max_hours hours within ordinary working hours.")


def descriptions(schema) -> list[str]:
    """Every description in a JSON Schema, however deep."""
    if isinstance(schema, dict):
        found = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return found + [text for value in schema.values() for text in descriptions(value)]
    if isinstance(schema, list):
        return [text for value in schema for text in descriptions(value)]
    return []


def test_claim_descriptions_name_the_rate_sheet_keys_not_their_figures():
    """A factor or a period of the policy is the rate sheet's, chosen by date: the claim format,
    which holds for every year, names the sheet's key instead of stating one year's figure."""
    claim = claim_schema()
    assert [text for text in descriptions(claim) if re.search(r"\d+ ?%|\ba year\b|\bone month\b", text)] == []
    event = claim["$defs"]["Event"]["properties"]
    assert "representation.foreign_guests_factor" in event["foreign_guests"]["description"]
    assert "representation.abroad_factor" in event["abroad_justification"]["description"]
    assert "betalmeg.inactivity_days" in claim["$defs"]["Access"]["properties"]["last_active"]["description"]


def test_cli_prints_the_schemas_as_json():
    runner = CliRunner()
    for kind, schema in (("claim", claim_schema()), ("rates", rates_schema())):
        result = runner.invoke(app, ["schema", kind])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == schema
    bad = runner.invoke(app, ["schema", "claims"])
    assert bad.exit_code == 2


def test_every_example_that_loads_is_accepted():
    files = sorted(EXAMPLES.rglob("*.yaml")) + sorted(EXAMPLES.rglob("*.yml"))
    if not files:
        pytest.skip("no examples/ folder")
    accepted = 0
    for path in files:
        loaded = load_claim_bytes(path.read_bytes(), str(path), path.parent)
        if loaded.claim is None:
            continue
        assert problems(CLAIMS, editor_view(loaded.document.data)) == [], path
        accepted += 1
    assert accepted >= 3


def test_every_rule_example_that_loads_is_accepted():
    checked = 0
    for code in example_codes():
        example = load_example(code)
        for which in ("fail", "pass"):
            for name, data in claim_files(example, which):
                if load_claim_bytes(data, name, None).claim is None:
                    continue
                assert problems(CLAIMS, as_editor_sees(data.decode())) == [], (code, which)
                checked += 1
    assert checked >= 90


def test_values_are_accepted_as_users_write_them():
    text = CLEAN.replace("amount: 199.00", 'amount: "1 110,50"\n    tip: 0\n    rate: 1.0') \
                .replace("    attachments:", "    currency: NOK\n    attachments:")
    assert problems(CLAIMS, as_editor_sees(text)) == []
    event = as_editor_sees("""\
        type: meeting
        date: 2024-03-14
        start: "10:00"
        end: "14:30"
        hours: 4.5
        servings: 2
        participants: {internal: 6, external: 0, names: [Kari]}
        """)
    assert problems(part("Event"), event) == []


@pytest.mark.parametrize("change, where", [
    (("status: sent", "status: sendt"), "status: enum"),
    (("role: employee", "role: staff"), "claimant/role: enum"),
    (("category: equipment", "category: cables"), "expenses/0/category: enum"),
    (("- type: receipt", "- type: photo"), "expenses/0/attachments/0/type: enum"),
    (("kind: reimbursement", "kinds: reimbursement"), ": additionalProperties"),
    (("date: 2024-03-01", "date: 1 March 2024"), "expenses/0/date: pattern"),
    (("amount: 199.00", "amount: 1.110,50"), "expenses/0/amount: anyOf"),
])
def test_wrong_values_are_rejected(change, where):
    data = as_editor_sees(CLEAN.replace(*change))
    found = problems(CLAIMS, data)
    assert any(problem.endswith(where) for problem in found), found


def test_an_event_may_end_at_24_00_and_codes_may_be_lower_case():
    event = as_editor_sees("""\
        type: special
        date: 2024-01-12
        start: "19:00"
        end: "24:00"
        country: se
        participants: {internal: 2, names: [A, B]}
        """)
    assert problems(part("Event"), event) == []
    assert problems(part("Event"), {**event, "start": "24:00"}) == ["start: anyOf"]
    assert problems(part("Event"), {**event, "end": "24:30"}) == ["end: anyOf"]
    assert problems(part("Event"), {**event, "country": "Sweden"}) == ["country: pattern"]


def test_an_unquoted_time_is_rejected():
    event = as_editor_sees("type: meeting\ndate: 2024-03-14\nstart: 1030\nparticipants: {internal: 2}\n")
    found = problems(part("Event"), event)
    assert found == ["start: anyOf"]


def test_rate_sheets_are_accepted_and_broken_ones_rejected():
    sheet_text = (REPO / "rates" / "2024.yaml").read_text(encoding="utf-8")
    assert problems(SHEETS, as_editor_sees(sheet_text)) == []
    assert problems(SHEETS, as_editor_sees(sheet_text.replace("  long: 507", "  long: lots"))) == [
        "catering/long: anyOf"]
    assert problems(SHEETS, as_editor_sees(sheet_text.replace('{from: "01-01"', '{from: "1 Jan"'))) == [
        "working_hours/0/from: pattern"]
    assert problems(SHEETS, as_editor_sees(sheet_text.replace("special_events_per_semester: 2", ""))) == [
        ": required"]
