"""The safe YAML reader: YAML 1.2 scalars, refusals, and positions."""

import pytest
import yaml

from expensecli.core.values import PlainScalar
from expensecli.load.yaml import YamlProblem, events, parse_document


def test_yaml_12_scalars_norway_is_text():
    doc = parse_document("country: NO\na: yes\nb: on\nc: true\nd: False\ne: ~\nf:\ng: 012\nh: '10:30'\n")
    assert doc.data == {"country": "NO", "a": "yes", "b": "on", "c": True, "d": False, "e": None, "f": None,
                        "g": "012", "h": "10:30"}
    assert isinstance(doc.data["g"], PlainScalar)
    assert not isinstance(doc.data["h"], PlainScalar)


def test_positions_of_values_and_keys():
    doc = parse_document("id: X\nexpenses:\n  - date: 2024-01-01\n    amount: 12\n")
    assert doc.locate(("expenses", 0, "amount")) == (4, 13)
    assert doc.locate_key(("expenses", 0, "amount")) == (4, 5)
    assert doc.locate(("expenses", 0, "missing")) == (3, 5)  # nearest ancestor: the mapping
    assert doc.locate(("nothing",)) == (1, 1)


@pytest.mark.parametrize("text, code, fragment, line", [
    ("a: 1\nb: 2\na: 3\n", "LOAD003", "key 'a' appears twice (first at line 1", 3),
    ("a: &x 1\nb: 2\n", "LOAD002", "anchor &x", 1),
    ("a: 1\nb: *x\n", "LOAD002", "", 2),
    ("a: !!python/object/apply:os.system ['true']\n", "LOAD002", "tag", 1),
    ("a: !custom 1\n", "LOAD002", "tag !custom", 1),
    ("a: 1\n---\nb: 2\n", "LOAD002", "more than one YAML document", 2),
    ("a: [1, 2\nb: 3\n", "LOAD002", "syntax error", 2),
    ("? [a]\n: 1\n", "LOAD002", "mapping key must be plain text", 1),
])
def test_refusals(text, code, fragment, line):
    with pytest.raises(YamlProblem) as raised:
        parse_document(text)
    assert raised.value.code == code
    assert fragment in raised.value.message
    assert raised.value.mark[0] == line


def test_billion_laughs_is_refused_at_the_first_anchor_without_expansion():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    with pytest.raises(YamlProblem) as raised:
        parse_document("\n".join(lines))
    # refused where the first anchor stands: nothing after it was read, let alone expanded
    assert (raised.value.code, raised.value.message, raised.value.mark) == (
        "LOAD002", "anchor &a is not allowed; write the value out", (1, 4))


def test_deep_nesting_is_refused_without_recursion_error():
    with pytest.raises(YamlProblem, match="nesting deeper than"):
        parse_document("[" * 20000 + "]" * 20000)


class _StingyLibyaml(events.Loader):
    """A libyaml that stops at 10 nesting levels by itself, as some versions stop at 1 000."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def get_event(self):
        event = super().get_event()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.depth += 1
            if self.depth > 10:
                raise yaml.scanner.ScannerError("while increasing flow level", None,
                                                "exceeded maximum nesting depth", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.depth -= 1
        return event


@pytest.mark.parametrize("text, where", [
    ("[" * 20_000 + "]" * 20_000, (1, 65)),
    ("".join(" " * level + "k:\n" for level in range(200)), (65, 65)),
])
def test_our_nesting_answer_when_libyaml_gives_up_first(monkeypatch, text, where):
    monkeypatch.setattr(events, "Loader", _StingyLibyaml)
    with pytest.raises(YamlProblem) as raised:
        parse_document(text)
    assert (raised.value.code, raised.value.message, raised.value.mark) == (
        "LOAD002", "nesting deeper than 64 levels", where)


def test_libyaml_giving_up_early_does_not_refuse_a_file_within_our_limits(monkeypatch):
    monkeypatch.setattr(events, "Loader", _StingyLibyaml)
    text = "".join("  " * level + "k:\n" for level in range(30)) + "  " * 30 + "v\n"
    doc = events.from_events(text)  # the event path, where the limit is met
    data = doc.data
    for _ in range(30):
        data = data["k"]
    assert data == "v"
    assert doc.locate(("k",) * 30) == (31, 61)


def test_str_tag_is_allowed():
    assert parse_document("a: !!str 12\n").data == {"a": "12"}


def test_ordinary_claims_take_the_fast_path_and_locate_lazily():
    from conftest import CLEAN

    from expensecli.load.yaml.nodes import CParser, NodeDocument

    doc = parse_document(CLEAN)
    assert isinstance(doc, NodeDocument) == (CParser is not None)
    assert doc.locate(("expenses", 0, "amount")) == (14, 13)
    assert doc.locate_key(("expenses", 0, "amount")) == (14, 5)
    assert doc.locate(("expenses", 3, "amount")) == (11, 3)  # no such item: the list itself
    assert doc.locate(("claimant", "nope")) == (6, 3)


@pytest.mark.parametrize("text", ["a: 1\nb: [x, {c: d}]\n", "a: 'open\n", "a: 1\n---\nb: 2\n", "[a, b\n"])
def test_the_fast_path_leaves_pyyaml_s_own_c_loader_as_it_was(text):
    """The fast path composes with node classes of its own while it reads a text, read, refused
    or broken off by libyaml; after it, PyYAML's C loader makes its own nodes and data again."""
    from expensecli.load.yaml import nodes

    if nodes.CParser is None:
        pytest.skip("PyYAML without libyaml has only the event path")
    assert nodes.fast_path_safe(text)
    try:
        parse_document(text)
    except YamlProblem:
        pass
    assert (nodes.libyaml.ScalarNode, nodes.libyaml.SequenceNode, nodes.libyaml.MappingNode) == (
        yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)
    assert yaml.load("a: 1\nb: [x, {c: 2024-05-01}]\n", Loader=yaml.CSafeLoader) == {
        "a": 1, "b": ["x", {"c": __import__("datetime").date(2024, 5, 1)}]}
    node = yaml.compose("a: [1]\n", Loader=yaml.CSafeLoader)
    assert type(node) is yaml.MappingNode and node.value[0][1].start_mark.line == 0


def test_unusual_documents_are_answered_by_the_event_path():
    doc = parse_document("a: !!str 1\nb: [x]\n")
    assert doc.data == {"a": "1", "b": ["x"]}
    with pytest.raises(YamlProblem, match="key 'a' appears twice"):
        parse_document("a: 1\nb: 2\na: 3\n")
