"""Properties of the reader, tried on generated input: exact money, a loader that never raises,
two YAML paths that always agree, and a seeded fuzz run over mutated example claims."""

import ast
import datetime as dt
import random
from decimal import Decimal
from unittest import mock

import pytest
import yaml
from conftest import EXAMPLES, REPO, _default_book
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from expensecli.core.values import ValueProblem, money_display, parse_decimal, parse_money
from expensecli.load import yaml as yamltree
from expensecli.load.claims import load_claim_bytes
from expensecli.load.yaml import YamlProblem, events, tree
from expensecli.load.yaml import nodes as yamlnodes
from expensecli.policy.engine import check

FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
LOAD_CODES = {"LOAD001", "LOAD002", "LOAD003", "LOAD004"}

# --- money -----------------------------------------------------------------------------------

cents = st.integers(min_value=-(10 ** 14) + 1, max_value=10 ** 14 - 1)  # up to 12 integer digits


def spellings(amount: Decimal, rng: random.Random) -> list[str]:
    """Every accepted way to write `amount` (two decimals): dot, comma, grouped thousands."""
    plain = f"{amount:.2f}"
    grouped = money_display(abs(amount)).replace(" ", rng.choice([" ", "\u00a0", "\u202f", "\u2009"]))
    sign = "-" if amount < 0 else ""
    return [plain, plain.replace(".", ","), sign + grouped, sign + grouped.replace(".", ",")]


@FAST
@given(cents, st.randoms(use_true_random=False))
def test_every_accepted_spelling_reads_back_the_exact_amount(number, rng):
    amount = Decimal(number).scaleb(-2)
    for text in spellings(amount, rng):
        read = parse_money(text)
        assert read == amount and read.as_tuple() == amount.as_tuple(), text  # trailing zeros kept: no float


@FAST
@given(st.integers(min_value=0, max_value=10 ** 12 - 1), st.integers(min_value=0, max_value=10 ** 6 - 1))
def test_six_decimal_rates_are_exact_where_a_float_is_not(whole, fraction):
    text = f"{whole}.{fraction:06d}"
    assert parse_decimal(text, places=6, what="rate") == Decimal(text)
    assert str(parse_decimal(text, places=6, what="rate")) == text


@FAST
@given(st.one_of(st.text(max_size=30),
                 st.from_regex(r"[+-]?[0-9 ,.\u00a0eE]{0,30}", fullmatch=True),
                 st.sampled_from([".nan", "-.inf", "1e3", "1.110,50", "1,110.50", "9" * 5000, "1." + "0" * 5000])))
def test_any_text_is_an_exact_amount_or_a_value_problem(text):
    try:
        amount = parse_money(text)
    except ValueProblem as problem:
        assert len(str(problem)) < 200  # a long input is cut in the message
        return
    assert amount.is_finite() and -amount.as_tuple().exponent <= 2
    assert amount.adjusted() < 12


def test_amounts_never_go_through_float():
    """No `float(...)` call and no float literal anywhere in the package: money stays Decimal."""
    offenders = []
    for path in sorted((REPO / "expensecli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
    assert parse_money("0.10") + parse_money("0.20") == Decimal("0.30")
    assert str(parse_money("999999999999.99")) == "999999999999.99"  # 14 digits, exact


# --- the loader never raises -----------------------------------------------------------------

def assert_load_answer(data: bytes):
    loaded = load_claim_bytes(data, "fuzz.yaml", None)
    if loaded.claim is None:
        assert loaded.problems, "a claim that did not load must say why"
    assert {problem.code for problem in loaded.problems} <= LOAD_CODES
    for problem in loaded.problems:
        assert problem.at[0] >= 1 and problem.at[1] >= 1
    return loaded


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_give_a_load_answer(data):
    assert_load_answer(data)


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},?&*!|>'\"#%@`\n\t\r\\~0123.\u00e6\u0085\ufeff")), max_size=120))
def test_random_yaml_like_text_gives_a_load_answer(text):
    assert_load_answer(text.encode("utf-8", "surrogatepass"))


# --- the fast path and the event path agree --------------------------------------------------

# A small YAML grammar: trees of (tag, kind, content) emitted in block or flow style, with
# few key names (so duplicates happen), explicit and non-specific tags, and quoting styles.
WORDS = ["a", "b", "id", "", "~", "null", "true", "False", "NO", "yes", "12", "1e3", "10:30", "x y", "1 110,50"]
TAGS = [""] * 40 + ["! ", "!", "!!str ", "!!int ", "!!map ", "!!seq ", "!x ", "!!python/object:os.system "]
scalar_nodes = st.tuples(st.sampled_from(TAGS), st.just("scalar"),
                         st.tuples(st.sampled_from(["plain", "plain", "'", '"']), st.sampled_from(WORDS)))
plain_keys = st.tuples(st.just(""), st.just("scalar"), st.tuples(st.just("plain"), st.sampled_from(["a", "b", "c"])))
nodes = st.recursive(scalar_nodes, lambda inner: st.one_of(
    st.tuples(st.sampled_from(TAGS), st.just("seq"), st.lists(inner, max_size=3)),
    st.tuples(st.sampled_from(TAGS), st.just("map"),
              st.lists(st.tuples(st.integers(0, 5).flatmap(lambda i: plain_keys if i else inner), inner), max_size=4))),
    max_leaves=12)


def flow(node) -> str:
    tag, kind, content = node
    if kind == "scalar":
        style, word = content
        return tag + (word if style == "plain" else f"{style}{word}{style}")
    if kind == "seq":
        return tag + "[" + ", ".join(flow(item) for item in content) + "]"
    return tag + "{" + ", ".join(f"{flow(key)}: {flow(value)}" for key, value in content) + "}"


def block(node, indent: int = 0) -> str:
    tag, kind, content = node
    pad = " " * indent
    if kind == "scalar" or not content:
        return pad + flow(node) + "\n"
    lines = [pad + tag.strip() + "\n"] if tag.strip() else []
    for entry in content:
        key, value = entry if kind == "map" else (None, entry)
        if key is None:
            head = pad + "-"
        else:
            head = pad + (flow(key) if key[1] == "scalar" else "? " + flow(key) + "\n" + pad) + ":"
        if value[1] == "scalar" or not value[2]:
            lines.append(f"{head} {flow(value)}\n")
        else:
            lines.append(head.rstrip() + "\n" + block(value, indent + 2))
    return "".join(lines)


@st.composite
def yaml_texts(draw):
    """A random tree written in block or flow style (or dumped by PyYAML), then a few random
    insertions and deletions."""
    if draw(st.booleans()):
        tree = draw(nodes)
        text = block(tree) if draw(st.booleans()) else flow(tree) + "\n"
    else:
        text = yaml.safe_dump(draw(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6)),
                                                lambda inner: st.lists(inner, max_size=3)
                                                | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                                                max_leaves=12)),
                              default_flow_style=draw(st.sampled_from([None, True, False])),
                              default_style=draw(st.sampled_from([None, '"', "'"])), allow_unicode=True,
                              sort_keys=False, explicit_start=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 4)):]
    return text


TOKENS = ["!", "! ", "!!str ", "!x ", "---\n", "...\n", "? ", "- ", ": ", "{", "}", "[", "]", ",", "#", "\t", "\n",
          "  ", "'", '"', "|", ">", "%YAML 1.2\n", "\\", "a: 1\n", "a: 2\n", "\x07", "\ufeff", "\r\n", "\r", "<<: ",
          "\x85", "\u2028", "~", "''"]


def typed(value):
    """The data with each scalar's type, so "12" (quoted) and PlainScalar("12") differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, value


def outcome(parse, text: str):
    try:
        document = parse(text)
    except YamlProblem as problem:
        return "refused", problem.code, problem.message, problem.mark
    return "read", typed(document.data), document.values, document.keys


def fast_path(depth: int):
    """What parse_document does with a text it sends down the fast path (the callers make sure
    it does): libyaml's nodes, handing anything unusual to the event path."""
    def parse(text):
        assert yamlnodes.fast_path_safe(text)
        return yamltree.parse_document(text, depth)
    return parse


@pytest.mark.skipif(yamlnodes.CParser is None, reason="PyYAML without libyaml has only the event path")
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_texts(), st.integers(1, 6), st.integers(3, 40))
def test_fast_path_and_event_path_give_the_same_data_marks_and_errors(text, depth, budget):
    assume(yamlnodes.fast_path_safe(text))
    with mock.patch.object(tree, "MAX_VALUES", budget):
        assert outcome(fast_path(depth), text) == outcome(lambda t: events.from_events(t, depth), text)


@pytest.mark.skipif(yamlnodes.CParser is None, reason="PyYAML without libyaml has only the event path")
@pytest.mark.parametrize("text", [
    "! true\n", "!\n", "a: !\n", "a: ! 12\n", "! [1]\n", "'a': 1\n", "a: !!str 1\nb: !!int 2\n", "! 'true'\n",
    'a: ! "~"\n', "!!int 1: x\n", "!x a: 1\n", "!!str a: 1\n", "! a: 1\n", "{[a]: 1}\n", "a: 1\n? a\n",
    "a: !!python/name:os.system\na: 2\n",  # the tag comes first in the document, so it is the answer
    "a:\n  b:\n    c: [[1]]\n", "- - - 1\n", "? a\n: 1\n", "a: 1\n---\nb: 2\n",
])
def test_the_paths_agree_on_corner_cases(text):
    for depth in (2, 3, 64):
        assert outcome(fast_path(depth), text) == outcome(lambda t: events.from_events(t, depth), text)


def test_the_first_refusal_in_document_order_wins():
    with pytest.raises(YamlProblem) as raised:
        yamltree.parse_document("a: !!python/name:os.system\na: 2\n")
    assert (raised.value.code, raised.value.mark) == ("LOAD002", (1, 4))


# --- a fuzz run over the examples, seeded ----------------------------------------------------

SEEDS = sorted(path.read_bytes() for path in EXAMPLES.rglob("*.yaml"))
SPLICES = [b"!!python/object/apply:os.system ['true']", b"&a ", b"*a", b"\x00", b"\xff", b"\xc3", b"\n---\n",
           b"[", b"{", b"- ", b": ", b"? ", b"'", b'"', b"\t", b"\r\n", b"1e3", b".nan", b"-1", b"0", b"2024-02-30",
           b"25:00", b"10:30", b"1.110,50", b"1 110,50", b"9" * 40, b"x" * 2000, b"\xef\xbb\xbf", b"~", b"[" * 100]


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        choice = rng.random()
        if choice < 0.35:
            data = data[:at] + rng.choice(SPLICES) + data[at:]
        elif choice < 0.55:
            data = data[:at] + data[at + rng.randint(1, 20):]
        elif choice < 0.75 and data:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif choice < 0.9:
            lines = data.split(b"\n")
            line = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[line])  # a repeated line: duplicate keys, items
            data = b"\n".join(lines)
        else:
            data = data[:at]  # truncated
    return data


def test_fuzz_mutated_examples_load_and_check_without_raising():
    """400 random mutations of the example claims, the same ones on every run and machine: each
    gives LOAD findings or a checked claim; the rules never raise on whatever loads."""
    rng = random.Random(20240501)
    book, as_of = _default_book(), dt.date(2024, 5, 1)
    runs, loaded_ok = 0, 0
    for _ in range(400):
        data = mutate(rng.choice(SEEDS), rng)
        try:
            loaded = assert_load_answer(data)
            report = check([loaded], book, as_of)[0]
        except Exception as error:  # show the input that broke it
            raise AssertionError(f"{type(error).__name__}: {error} on input {data!r}") from error
        assert all(finding.line >= 1 for finding in report.findings)
        runs += 1
        loaded_ok += loaded.claim is not None
    assert runs == 400 and loaded_ok > 20  # the run did real work on both sides
