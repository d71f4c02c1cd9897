"""Shared test helpers: check an inline YAML claim and look at what came out."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import textwrap
from pathlib import Path

import pytest

from expensecli.load.claims import load_claim_bytes
from expensecli.load.ratebook import load_ratebook
from expensecli.models.ratebook import RateBook
from expensecli.policy.engine import ClaimResult, check

# Validated rate sheets are cached per user; the tests (and the commands they run) use their own cache.
os.environ["EXPENSECLI_CACHE_DIR"] = tempfile.mkdtemp(prefix="expensecli-cache-")
# Tables are drawn at the width COLUMNS gives; the tests that need one set it themselves.
os.environ.pop("COLUMNS", None)

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# A claim that passes every rule: an employee's reimbursement with a receipt and a work order.
CLEAN = """\
id: R-2024-0001
kind: reimbursement
status: sent
submitted: 2024-03-05
claimant:
  name: Kari Nordmann
  role: employee
cost_allocation:
  work_order: "81234501"
expenses:
  - date: 2024-03-01
    category: equipment
    description: USB-C cable
    amount: 199.00
    attachments:
      - type: receipt
"""

# CLEAN with one warning: DOC005, its receipt names a file that is not there.
WARN = CLEAN.replace("id: R-2024-0001", "id: R-2024-0003").replace("199.00", "299.00").replace(
    "      - type: receipt\n", "      - {type: receipt, file: gone.pdf}\n")


@pytest.fixture
def claims_here(tmp_path, monkeypatch) -> Path:
    """A folder holding claims/clean.yaml (CLEAN) and claims/warn.yaml (WARN), made the current folder."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "clean.yaml").write_text(CLEAN)
    (tmp_path / "claims" / "warn.yaml").write_text(WARN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def book() -> RateBook:
    return load_ratebook()


def run_check(text: str, *, as_of: str = "2024-05-01", book: RateBook | None = None,
              name: str = "claim.yaml", base_dir: Path | None = None) -> ClaimResult:
    """Check one inline claim (dedented) and return its report."""
    loaded = load_claim_bytes(textwrap.dedent(text).encode(), name, base_dir)
    return check([loaded], book or _default_book(), dt.date.fromisoformat(as_of))[0]


def run_batch(texts: dict[str, str], *, as_of: str = "2024-05-01") -> list[ClaimResult]:
    loaded = [load_claim_bytes(textwrap.dedent(t).encode(), name, None) for name, t in texts.items()]
    return check(loaded, _default_book(), dt.date.fromisoformat(as_of))


def codes(report: ClaimResult) -> list[str]:
    return [f.code for f in report.findings]


def only(report: ClaimResult, code: str):
    """The findings of one code."""
    return [f for f in report.findings if f.code == code]


_BOOK: list[RateBook] = []


def _default_book() -> RateBook:
    if not _BOOK:
        _BOOK.append(load_ratebook())
    return _BOOK[0]


# An external claimant's travel claim (Betalmeg), the base of the deadline and non-employee tests.
ACCESS_ORDER = """\
  access:
    ordered_by: Ola Hansen
    purpose: Guest lecture
    date_of_birth: 1980-04-02
    unit: Department of Mechanical and Industrial Engineering
    cost_centre: "68123"
"""
_EXTERNAL_TRAVEL = """\
id: {id}
kind: travel
status: sent
submitted: {submitted}
claimant:
  name: Ingrid Berg
  role: external
  email: ingrid.berg@example.org
{claimant}{access}pre_approval: {{by: Ola Hansen, date: {approved}}}
trip: {{start: {start}, end: {end}, accommodation: hotel}}
cost_allocation: {{work_order: "81234501"}}
expenses:
  - date: {start}
    category: public_transport
    amount: 199.00
    attachments: [{{type: receipt}}]
"""


def external_travel(id: str, submitted: str, approved: str, start: str, end: str, *, claimant: str = "",
                    access: str = ACCESS_ORDER) -> str:
    """An external's sent travel claim, pre-approved on `approved`, one ticket on the first day."""
    return _EXTERNAL_TRAVEL.format(id=id, submitted=submitted, approved=approved, start=start, end=end,
                                   claimant=claimant, access=access)


@pytest.fixture(scope="session")
def many_claims(tmp_path_factory):
    """400 generated claims (benchmarks/generate.py), for runs long enough to interrupt."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = tmp_path_factory.mktemp("many")
    generate.generate(folder / "claims", 400)
    return folder / "claims"


# The output's language follows the locale (issue: bokmål output); the tests expect English
# unless they choose bokmål, here and in the commands they start.
os.environ["LC_ALL"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """The tests name the examples as a person in the repository would (`examples/claims/...`), and
    the paths shown in the output with them: each test starts there, whichever folder pytest was
    started from. A test that needs another folder changes to it itself."""
    monkeypatch.chdir(REPO)


@pytest.fixture(autouse=True)
def no_ledger_from_the_environment(monkeypatch):
    """A controller's shell may name a ledger and the controllers (EXPENSECLI_LEDGER,
    EXPENSECLI_CONTROLLERS): a test's run records in no ledger and trusts no controller it does
    not name itself."""
    monkeypatch.delenv("EXPENSECLI_LEDGER", raising=False)
    monkeypatch.delenv("EXPENSECLI_CONTROLLERS", raising=False)


@pytest.fixture(autouse=True)
def english_output():
    from expensecli.core import i18n

    i18n.use("en")
    yield
    i18n.use("en")
