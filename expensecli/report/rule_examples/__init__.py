"""A failing and a passing claim for every rule code, kept as data beside this module.

`rules explain` shows them and runs the failing one, and a test runs every one through the
engine, so an example can never drift from what its rule really does. Each `<CODE>.yaml` has:

- `about`: one line saying what the failing claim does wrong;
- `fail`, `pass`: a claim as YAML text, or a list of claims checked together (batch rules);
- `as_of`: the date they are checked on (default 2024-05-01);
- `sheet`: figures changed from the bundled sheets, by dotted path, for rules whose list is
  empty in the 2024 sheet (blocked SMS countries, agreement suppliers, kostsats abroad);
- `fail_encoding`: how the failing text is saved (LOAD001 shows a file that is not UTF-8);
- `checks`: what the code checks, for the codes the loader emits (they have no rule function);
- `controllers`: the configured controllers' names, for the rules that depend on them (WV002).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from expensecli.load.yaml import parse_document

if TYPE_CHECKING:
    from expensecli.models.ratebook import RateBook
    from expensecli.policy.engine import ClaimResult

FOLDER = Path(__file__).resolve().parent
DEFAULT_AS_OF = dt.date(2024, 5, 1)


@dataclass(frozen=True)
class RuleExample:
    """A claim that fails a rule and claims that pass it, for `rules explain`, the rules' documentation
    and their tests."""

    code: str
    about: str
    fail: tuple[str, ...]
    passes: tuple[str, ...]
    as_of: dt.date = DEFAULT_AS_OF
    sheet: tuple[tuple[str, Any], ...] = ()  # (dotted path, value) changed from the bundled sheets
    fail_encoding: str = "utf-8"
    checks: str = ""
    controllers: tuple[str, ...] = ()

    @property
    def batch(self) -> bool:
        return len(self.fail) > 1 or len(self.passes) > 1


def example_codes() -> list[str]:
    """The codes that have an example file, sorted."""
    return sorted(path.stem for path in FOLDER.glob("*.yaml"))


def load_example(code: str) -> RuleExample | None:
    path = FOLDER / f"{code}.yaml"
    if not path.is_file():
        return None
    data = parse_document(path.read_text(encoding="utf-8")).data
    as_of = data.get("as_of")
    return RuleExample(
        code=code,
        about=str(data["about"]),
        fail=_claims(data["fail"]),
        passes=_claims(data["pass"]),
        as_of=dt.date.fromisoformat(as_of) if as_of else DEFAULT_AS_OF,
        sheet=tuple((data.get("sheet") or {}).items()),
        fail_encoding=data.get("fail_encoding") or "utf-8",
        checks=" ".join(str(data.get("checks") or "").split()),
        controllers=tuple(data.get("controllers") or ()),
    )


def _claims(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def adjusted_book(book: RateBook, changes: tuple[tuple[str, Any], ...]) -> RateBook:
    """`book` with the example's figures changed in every sheet (validated like a sheet file)."""
    if not changes:
        return book
    from expensecli.load.ratebook import sheet_from_data
    from expensecli.load.yaml import parse_document
    from expensecli.models.ratebook import RateBook

    sheets = []
    for file in book.files:
        data = parse_document(Path(file).read_text(encoding="utf-8")).data
        for dotted, value in changes:
            *parents, last = dotted.split(".")
            target = data
            for part in parents:
                target = target[part]
            target[last] = value
        sheets.append(sheet_from_data(data))
    return RateBook(tuple(sheets), book.files)


def claim_files(example: RuleExample, which: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the failing or passing claims, named as `rules explain` shows them."""
    texts = example.fail if which == "fail" else example.passes
    encoding = example.fail_encoding if which == "fail" else "utf-8"
    if len(texts) == 1:
        return [(f"{which}.yaml", texts[0].encode(encoding))]
    return [(f"{which}-{n}.yaml", text.encode(encoding)) for n, text in enumerate(texts, start=1)]


def example_reports(example: RuleExample, book: RateBook, which: str) -> list[ClaimResult]:
    """Check the failing or passing claims of `example` together, on its as-of date."""
    from expensecli.core.text import folded
    from expensecli.load.claims import load_claim_bytes
    from expensecli.policy.engine import check

    loaded = [load_claim_bytes(data, name, None) for name, data in claim_files(example, which)]
    controllers = frozenset(map(folded, example.controllers)) if example.controllers else None
    return check(loaded, adjusted_book(book, example.sheet), example.as_of, controllers=controllers)
