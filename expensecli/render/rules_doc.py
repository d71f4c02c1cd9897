"""docs/rules.md, the rules reference, built from the rule registry so it cannot drift from the code.

Rebuild it with `python -m expensecli.render.rules_doc > docs/rules.md`; tests/render/test_rules_doc.py fails while the
committed file differs from what this module produces.
"""

from __future__ import annotations

from expensecli.policy.registry import all_rules
from expensecli.report.explain import what_it_checks
from expensecli.report.rule_examples import load_example

INTRO = """\
# Rule reference

Every code expensecli reports: its default severity, what it checks and the policy sentence it
rests on. `expensecli rules explain CODE` shows the same with the figures of the current rate
sheet and a failing and a passing example claim. Severities are defaults: `--select`,
`--ignore` and a claim's `waivers:` change what is reported, never what is computed.

This file is rebuilt from the rule registry with `python -m expensecli.render.rules_doc > docs/rules.md`.
"""


def rules_markdown() -> str:
    rules = list(all_rules().values())
    parts = [INTRO, "\n| code | severity | title |\n|---|---|---|\n"]
    parts += [f"| [{rule.code}](#{rule.code.lower()}) | {rule.severity.value} | {_cell(rule.title)} |\n" for rule in rules]
    for rule in rules:
        source = rule.source
        parts += [f"\n## {rule.code}\n\n", f"**{rule.title}** ({rule.severity.value})\n\n"]
        parts.append(f"{what_it_checks(rule, load_example(rule.code))}\n\n")
        parts.append(f"Source: {source.page}\n\n> {source.quote}\n")
        if source.english:
            parts.append(f"\nEnglish: {source.english}\n")
    return "".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
