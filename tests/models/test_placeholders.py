"""Template placeholders are found in every value, also when the file spells the mark in escapes,
and the shortcut for files without the mark finds exactly what looking at every value finds."""

from __future__ import annotations

import textwrap

import pytest
from conftest import CLEAN, EXAMPLES, REPO

from expensecli.load.claims import load_claim_bytes
from expensecli.load.textfiles import decode
from expensecli.load.yaml import parse_document
from expensecli.models.claim import CostAllocation
from expensecli.models.claim_validator import validate_claim
from expensecli.models.placeholders import placeholder_problems

TEMPLATES = sorted((REPO / "expensecli" / "render" / "claim_templates").glob("claim-*.yaml"))


def problems(text: str) -> list[str]:
    loaded = load_claim_bytes(textwrap.dedent(text).encode(), "claim.yaml", None)
    return [problem.message for problem in loaded.problems]


def test_the_mark_written_in_escapes_of_a_quoted_string_is_found():
    escaped = CLEAN.replace("name: Kari Nordmann", 'name: "CHANGE\\x2dME"')
    assert problems(escaped) == ["claimant.name: 'CHANGE-ME' is a placeholder of the claim template; fill it in"]


def test_zero_codes_are_found_without_the_mark_in_the_file():
    zeros = CLEAN.replace('work_order: "81234501"', 'work_order: "00000000"\n  cost_centre: "000"')
    assert problems(zeros) == [
        "cost_allocation.work_order: '00000000' is a placeholder of the claim template, not a real work order; fill"
        " it in",
        "cost_allocation.cost_centre: '000' is a placeholder of the claim template, not a real cost centre; fill it"
        " in"]


@pytest.mark.parametrize("path", [*TEMPLATES, *sorted(EXAMPLES.rglob("*.yaml"))], ids=lambda path: path.name)
def test_the_shortcut_finds_what_looking_at_every_value_finds(path):
    text = decode(path.read_bytes()).replace("YYYY-MM-DD", "2024-03-01")  # a template's dates filled in
    loaded = load_claim_bytes(text.encode(), path.name, path.parent)
    claim = loaded.claim
    if claim is None:
        from expensecli.load.yaml.tree import YamlProblem

        try:
            claim = validate_claim(parse_document(text).data)
        except (ValueError, YamlProblem):
            pytest.skip("not a claim")
    data = parse_document(text).data
    zeroed = validate_claim({**data, "cost_allocation": {**(data.get("cost_allocation") or {}),
                                                         "work_order": "0000", "cost_centre": " 00 "}})
    assert type(zeroed.cost_allocation) is CostAllocation
    if path in TEMPLATES:
        assert any("CHANGE-ME" in message for _path, message in placeholder_problems(claim, text))
    for model in (claim, zeroed):
        assert list(placeholder_problems(model, text)) == list(placeholder_problems(model))
