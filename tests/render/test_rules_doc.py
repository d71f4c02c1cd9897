"""docs/rules.md is the registry's rules reference, and stays so."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from expensecli.policy.registry import all_rules
from expensecli.render.rules_doc import rules_markdown

DOCS = REPO / "docs" / "rules.md"


def test_committed_rules_reference_is_up_to_date():
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run  python -m expensecli.render.rules_doc > docs/rules.md")


def test_reference_has_a_section_per_rule_with_its_source():
    text = rules_markdown()
    for code, rule in all_rules().items():
        assert f"| [{code}](#{code.lower()}) | {rule.severity.value} | {rule.title} |\n" in text
        section = text[text.index(f"\n## {code}\n"):]
        assert section.split("\n## ")[1].startswith(f"{code}\n\n**{rule.title}** ({rule.severity.value})\n")
        assert f"> {rule.source.quote}\n" in section
        if rule.source.english:
            assert f"English: {rule.source.english}\n" in section


def test_reference_says_what_each_rule_checks():
    text = rules_markdown()
    assert ("## DOC003\n\n**Unreadable attachment** (error)\n\n"
            "An attachment marked `readable: false` cannot document anything.\n\n"
            "Source: NTNU: Reimbursement of personal expenses\n\n> All receipts must be readable.\n") in text
    assert "## LOAD003\n\n**Duplicate key** (error)\n\nA mapping key may appear only once" in text


def test_module_prints_the_reference():
    done = subprocess.run([sys.executable, "-m", "expensecli.render.rules_doc"], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout == rules_markdown()


def test_the_v2_codes_are_in_the_committed_reference():
    text = DOCS.read_text(encoding="utf-8")
    for code, title in (("CA011", "Two servings on an event that is not long"),
                        ("MX006", "Claim id used by another claim of the batch"),
                        ("WV001", "Stale or unknown waiver")):
        assert f"\n## {code}\n\n**{title}**" in text
    dl002 = text[text.index("\n## DL002\n"):text.index("\n## DL003\n")]
    assert "Source: expensecli rule catalog v2\n\n> No seed page sets this deadline: it is a local setting" in dl002
