"""The rule catalogue's sentences that are not `tr()` calls in the code, for the translators.

A rule's title (the third argument of `claim_rule`/`batch_rule`/`waiver_rule`), what it checks
(its function's docstring, or the example file's `checks` for the loader's codes) and what its
failing example does wrong (the example file's `about`) are looked up in the catalog where they
are shown (`tr(rule.title)`). Babel's Python extractor cannot see them, so `extract` is an
extraction method of its own, registered in babel.cfg, that yields each one exactly as it is
looked up: the docstring with its whitespace run together, as `rules explain` shows it.

This module must hold no `tr()` call itself: babel.cfg hands it to `extract`, not to the
Python extractor.
"""

from __future__ import annotations

from collections.abc import Iterator


def rule_sentences() -> Iterator[tuple[str, str]]:
    """(sentence, where it comes from, e.g. "CA001 title") for every rule, in code order."""
    from expensecli.policy.registry import all_rules
    from expensecli.report.explain import what_it_checks
    from expensecli.report.rule_examples import load_example

    for code, rule in all_rules().items():
        example = load_example(code)
        yield rule.title, f"{code} title"
        checks = what_it_checks(rule, example)
        if checks:
            yield checks, f"{code} what it checks"
        if example is not None:
            yield example.about, f"{code} example"


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method: the sentences of `rule_sentences`, whatever file it is given
    (babel.cfg maps it to this module's own file, so they are extracted once)."""
    for number, (sentence, where) in enumerate(rule_sentences(), start=1):
        yield number, None, sentence, [where]
