"""Safe YAML reading that keeps where every key and value stood.

The tree is built from the parser's events rather than from PyYAML's constructor, so that:
nothing is ever constructed from a tag (no code can run), anchors and aliases are refused
before anything is expanded (no "billion laughs"), duplicate keys are caught, nesting depth
(MAX_DEPTH) and the number of values (MAX_VALUES) are bounded without recursion, and
scalars follow YAML 1.2: only true/false are booleans, so `country: NO` is the text "NO".
Every scalar other than null and booleans stays text; the models read numbers and dates
from that text exactly.

Two paths build the same tree. The fast one lets libyaml compose the nodes in C and walks
them here; the event path walks the parser's events. libyaml composes recursively (about
200 000 nested levels crash the process) and composes a whole large file before any check,
so the fast path is taken only for small texts that cannot nest deeply and hold no anchor
or alias. Both paths visit keys and values in document order and leave every refusal to
`_Tree` (the fast path only inlines the plain, untagged cases), so they accept the same
files, build the same data and marks, and refuse the first problem with the same message;
tests/test_property_loader.py checks that on generated YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

from .textfiles import unprintable_at
from .values import PlainScalar

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: the event path alone
    CParser = None

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column

MAX_DEPTH = 64
MAX_VALUES = 100_000  # a real claim has a few hundred; this bounds time and memory per file
FAST_PATH_LIMIT = 1000  # nesting indicators (`[ { - : ?`) a text may hold to take the fast path
FAST_PATH_MAX_CHARS = 64 * 1024
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}


class YamlProblem(Exception):
    """A file that is not acceptable YAML; `code` is LOAD002 or LOAD003 (LOAD001: unprintable text)."""

    def __init__(self, code: str, message: str, mark: Mark):
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


class Document:
    """The plain data of a file plus the position of each value and each mapping key."""

    def __init__(self, data: Any = None, values: dict[Path, Mark] | None = None,
                 keys: dict[Path, Mark] | None = None):
        self.data = data
        self.values: dict[Path, Mark] = {} if values is None else values
        self.keys: dict[Path, Mark] = {} if keys is None else keys

    def locate(self, path: Path) -> Mark:
        """Position of `path`, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def locate_key(self, path: Path) -> Mark:
        return self.keys.get(path) or self.locate(path)


class NodeDocument(Document):
    """A document read on the fast path: the data and libyaml's node tree, in which a position
    is looked up only when a finding asks for it (most values are never located)."""

    def __init__(self, data: Any, root: Any):
        self.data, self.root = data, root

    def locate(self, path: Path) -> Mark:
        node = self.root
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child[1]
        return _node_mark(node) if node is not None else (1, 1)

    def locate_key(self, path: Path) -> Mark:
        parent = self.root
        for part in path[:-1]:
            child = _child(parent, part)
            if child is None:
                return self.locate(path)
            parent = child[1]
        child = _child(parent, path[-1]) if path else None
        return _node_mark(child[0]) if child and child[0] is not None else self.locate(path)

    @property
    def values(self) -> dict[Path, Mark]:  # the whole map, as the event path builds it
        return {path: _node_mark(node) for path, _, node in _walk(self.root)}

    @property
    def keys(self) -> dict[Path, Mark]:
        return {path: _node_mark(key) for path, key, _ in _walk(self.root) if key is not None}


def _node_mark(node: Any) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    """(key node or None, value node) of `part` under `node`, or None."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next(((key, value) for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _walk(root: Any):
    """(path, key node or None, value node) for every node, in document order."""
    if root is None:
        return
    stack = [((), None, root)]
    while stack:
        path, key, node = stack.pop()
        yield path, key, node
        if isinstance(node, yaml.MappingNode):
            stack.extend((path + (k.value,), k, v) for k, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((path + (i,), None, v) for i, v in reversed(list(enumerate(node.value))))


def parse_document(text: str, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document; raise YamlProblem for anything refused."""
    if CParser is not None and _fast_path_safe(text):
        try:
            return _from_nodes(text, max_depth)
        except (yaml.YAMLError, _Unusual):
            pass  # the event path says exactly what and where
    return _from_events(text, max_depth)


def _fast_path_safe(text: str) -> bool:
    if len(text) > FAST_PATH_MAX_CHARS or "&" in text or "*" in text:
        return False
    indicators = text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?")
    return indicators < FAST_PATH_LIMIT


class _Tree:
    """The document being built and every refusal; both paths call it in document order."""

    def __init__(self, max_depth: int):
        self.doc = Document(data=None)
        self.max_depth = max_depth
        self.count = 0

    def key(self, mapping: dict, path: Path, scalar: bool, tag: str | None, name: str, mark: Mark) -> Path:
        if not scalar or tag not in (None, *_STR_TAGS):
            raise YamlProblem("LOAD002", "a mapping key must be plain text", mark)
        here = path + (name,)
        if name in mapping:
            line, column = self.doc.keys[here]
            raise YamlProblem("LOAD003", f"key '{name}' appears twice (first at line {line}, column {column});"
                              " the later value would silently replace the first", mark)
        mapping[name] = None
        self.doc.keys[here] = mark
        return here

    def scalar(self, tag: str | None, plain: bool, text: str, mark: Mark) -> Any:
        if tag not in (None, *_STR_TAGS):
            raise YamlProblem("LOAD002", f"tag {tag} is not allowed; remove it", mark)
        return _plain_value(text) if plain else text

    def collection(self, tag: str | None, mapping: bool, depth: int, mark: Mark) -> dict | list:
        if tag not in (None, *_COLLECTION_TAGS):
            raise YamlProblem("LOAD002", f"tag {tag} is not allowed; remove it", mark)
        if depth >= self.max_depth:
            raise YamlProblem("LOAD002", f"nesting deeper than {self.max_depth} levels", mark)
        return {} if mapping else []

    def place(self, parent: dict | list | None, path: Path, value: Any, mark: Mark) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _too_many(mark)
        self.doc.values[path] = mark
        if parent is None:
            self.doc.data = value
        elif isinstance(parent, list):
            parent.append(value)
        else:
            parent[path[-1]] = value


def _too_many(mark: Mark) -> YamlProblem:
    return YamlProblem("LOAD002", f"more than {MAX_VALUES} values in one file; a claim has far fewer", mark)


def _plain_value(text: str) -> Any:
    """YAML 1.2 core schema for an unquoted scalar: null, true/false, else text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    return PlainScalar(text)


if CParser is not None:
    class _Composer(CParser):
        """libyaml's composer with a resolver that only records whether a scalar is plain-implicit."""

        def resolve(self, kind, value, implicit, scalar=yaml.ScalarNode):
            return "?" if kind is not scalar or implicit[0] else "!"

        # libyaml calls these for every node; nothing needs to happen, so they are C builtins
        # that accept the same arguments and take no Python frame.
        descend_resolver = staticmethod(slice)  # (current_node, current_index)
        ascend_resolver = staticmethod(tuple)  # ()


class _Unusual(Exception):
    """Something the fast path does not decide: the event path will say what and where."""


def _from_nodes(text: str, max_depth: int) -> Document:
    """Build the data from libyaml's nodes. Only the ordinary cases are handled here (plain or
    quoted scalars, `!!str`, untagged collections, plain distinct keys, not too deep, not too
    many values); anything else is left to the event path, so refusals are worded and placed
    by one piece of code."""
    root = _Composer(text).get_single_node()
    if root is None:
        return NodeDocument(None, None)
    budget = [MAX_VALUES]
    return NodeDocument(_value(root, 0, max_depth, budget), root)


_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode
_PLAIN_KEY_TAGS = {"?", *_STR_TAGS}
_FAST_COLLECTION_TAGS = {"?", *_COLLECTION_TAGS}


def _value(node: Any, depth: int, max_depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _Unusual
    kind, tag = type(node), node.tag
    if kind is _SCALAR:
        if tag == "?":
            return _plain_value(node.value) if node.style in (None, "") else node.value
        if tag in _STR_TAGS:
            return node.value
        raise _Unusual
    if tag not in _FAST_COLLECTION_TAGS or depth >= max_depth:
        raise _Unusual
    depth += 1
    if kind is _MAPPING:
        mapping: dict[str, Any] = {}
        for key, item in node.value:
            if type(key) is not _SCALAR or key.tag not in _PLAIN_KEY_TAGS or key.value in mapping:
                raise _Unusual
            mapping[key.value] = _value(item, depth, max_depth, budget)
        return mapping
    return [_value(item, depth, max_depth, budget) for item in node.value]


class _Frame:
    __slots__ = ("container", "path", "key")

    def __init__(self, container: Any, path: Path):
        self.container, self.path, self.key = container, path, None


def _event_mark(event: yaml.Event) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _from_events(text: str, max_depth: int) -> Document:
    tree = _Tree(max_depth)
    stack: list[_Frame] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem("LOAD002", "more than one YAML document in the file (a second '---');"
                                      " put one claim in each file", _event_mark(event))
                continue
            if kind is yaml.AliasEvent:
                raise YamlProblem("LOAD002", f"alias *{event.anchor} is not allowed; write the value out",
                                  _event_mark(event))
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            mark = _event_mark(event)
            if event.anchor is not None:
                raise YamlProblem("LOAD002", f"anchor &{event.anchor} is not allowed; write the value out", mark)
            frame = stack[-1] if stack else None
            tag = None if event.tag == "!" and kind is not yaml.ScalarEvent else event.tag
            if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                frame.key = tree.key(frame.container, frame.path, kind is yaml.ScalarEvent, tag,
                                     getattr(event, "value", ""), mark)
                continue
            if frame is None:
                path: Path = ()
            elif frame.key is not None:
                path, frame.key = frame.key, None
            else:
                path = frame.path + (len(frame.container),)
            parent = frame.container if frame is not None else None
            if kind is yaml.ScalarEvent:
                plain = event.implicit[0] and event.style in (None, "") and event.tag in (None, "!")
                tree.place(parent, path, tree.scalar(None if plain else tag, plain, event.value, mark), mark)
                continue
            value = tree.collection(tag, kind is yaml.MappingStartEvent, len(stack), mark)
            tree.place(parent, path, value, mark)
            stack.append(_Frame(value, path))
    except yaml.reader.ReaderError as error:
        found = unprintable_at(text)
        character, where = found if found else (chr(error.character), (1, 1))
        raise YamlProblem("LOAD001", f"not a text file: control character U+{ord(character):04X} at line"
                          f" {where[0]}, column {where[1]}", where) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        raise YamlProblem("LOAD002", f"YAML syntax error: {reason}", where) from None
    except yaml.YAMLError as error:
        raise YamlProblem("LOAD002", f"YAML error: {error}", (1, 1)) from None
    return tree.doc
