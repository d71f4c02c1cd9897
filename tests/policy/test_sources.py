"""Every policy sentence a rule cites stands word for word in the page it names."""

import re

import pytest
from conftest import REPO

from expensecli.policy import registry, sources

SHARED = REPO.parent / "shared"
PAGES = {
    sources.BETALMEG: "seeds/000_*.txt",
    sources.REIMBURSEMENT: "seeds/001_*.txt",
    sources.CATERING: "seeds/002_*.txt",
    sources.CLAIM_FORMAT: "spec/claim-format.md",
    sources.RATES_FORMAT: "spec/rates-format.md",
    sources.RULE_CATALOG: "spec/rules.md",
}


def cited() -> list[sources.Source]:
    found = {value for value in vars(sources).values() if isinstance(value, sources.Source)}
    found |= {rule.source for rule in registry.all_rules().values()}
    return sorted(found, key=lambda source: (source.page, source.quote))


def plain(text: str) -> str:
    """Whitespace folded and Markdown code marks dropped, as a reader sees the sentence."""
    return re.sub(r"\s+", " ", text.replace("`", "")).strip()


@pytest.mark.parametrize("source", cited(), ids=lambda source: source.quote[:40])
def test_quote_stands_in_its_page(source):
    assert source.page in PAGES, f"unknown page {source.page!r}"
    files = sorted(SHARED.glob(PAGES[source.page]))
    if not files:
        pytest.skip("the policy pages and the spec live beside the repository and are not here")
    assert plain(source.quote) in plain(files[0].read_text(encoding="utf-8"))


def test_the_nynorsk_page_is_always_given_an_english_rendering():
    assert all(source.english for source in cited() if source.page == sources.CATERING)
