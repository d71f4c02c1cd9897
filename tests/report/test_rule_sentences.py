"""The rule catalogue's sentences that the catalog translates but the code does not pass to `tr()`
as text: every rule's title, what it checks and its example's description, as they are looked up."""

from __future__ import annotations

from io import BytesIO

from expensecli.policy.registry import all_rules
from expensecli.report.explain import what_it_checks
from expensecli.report.rule_examples import load_example
from expensecli.report.rule_sentences import extract, rule_sentences


def test_every_rule_gives_its_title_what_it_checks_and_its_examples_description():
    sentences = list(rule_sentences())
    for code, rule in all_rules().items():
        example = load_example(code)
        assert (rule.title, f"{code} title") in sentences
        assert (what_it_checks(rule, example), f"{code} what it checks") in sentences
        assert example is not None and (example.about, f"{code} example") in sentences
    assert len(sentences) == 3 * len(all_rules())


def test_what_it_checks_is_given_as_rules_explain_shows_it():
    checks = dict((where, sentence) for sentence, where in rule_sentences())
    assert checks["MX005 what it checks"] == (
        "`tip` and `extras` are parts of `amount`, so neither, nor both together, can be larger than it"
        " (the cost per participant would be negative, and its limit is then not judged).")
    assert checks["LOAD002 what it checks"] == (
        "The file must be one YAML document without syntax errors, anchors, aliases or tags other than !!str.")
    assert all("\n" not in sentence and "  " not in sentence for sentence in checks.values())


def test_the_extraction_method_yields_them_as_babel_expects():
    found = list(extract(BytesIO(b""), {}, [], {}))
    assert [message for _line, _function, message, _comments in found] == [s for s, _ in rule_sentences()]
    assert found[0] == (1, None, "Catering above the limit per participant", ["CA001 title"])
