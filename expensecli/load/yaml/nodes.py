"""The fast path of `parse_document`: libyaml composes the nodes in C, and the data
is built from them here; positions are looked up in the nodes only when a finding needs one.

libyaml composes recursively (about 200 000 nested levels crash the process) and composes a
whole file before any check, so this path is taken only for small texts that cannot nest
deeply and hold no anchor or alias (`fast_path_safe`). It handles only the ordinary cases and
raises `Unusual` for anything else, which `parse_document` then hands to the event path, so
every refusal is worded and placed by one piece of code.
"""

from __future__ import annotations

from typing import Any

from expensecli.core.locations import Mark, Path
from expensecli.load.yaml import tree
from expensecli.load.yaml.tree import COLLECTION_TAGS, STR_TAGS, Document, plain_value

try:
    from yaml import _yaml as libyaml
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: the event path alone
    libyaml = CParser = None

FAST_PATH_LIMIT = 1000  # nesting indicators (`[ { - : ?`) a text may hold to take the fast path
FAST_PATH_MAX_CHARS = 64 * 1024


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
    start = node.args[_START]
    return (start.line + 1, start.column + 1)


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    """(key node or None, value node) of `part` under `node`, or None."""
    kind = type(part)
    if kind is str and type(node) is _Mapping:
        for key, value in node.args[_VALUE]:
            if key.args[_VALUE] == part:
                return key, value
        return None
    items = node.args[_VALUE]
    if kind is int and type(node) is _Sequence and 0 <= part < len(items):
        return None, items[part]
    return None


def _walk(root: Any):
    """(path, key node or None, value node) for every node, in document order."""
    if root is None:
        return
    stack = [((), None, root)]
    while stack:
        path, key, node = stack.pop()
        yield path, key, node
        kind, items = type(node), node.args[_VALUE]
        if kind is _Mapping:
            stack.extend((path + (k.args[_VALUE],), k, v) for k, v in reversed(items))
        elif kind is _Sequence:
            stack.extend((path + (i,), None, v) for i, v in reversed(list(enumerate(items))))


def fast_path_safe(text: str) -> bool:
    """Small, with no anchor or alias, and unable to nest deeper than FAST_PATH_LIMIT levels."""
    if CParser is None:
        return False
    if len(text) > FAST_PATH_MAX_CHARS or "&" in text or "*" in text:
        return False
    indicators = text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?")
    return indicators < FAST_PATH_LIMIT


class _Node(BaseException):
    """A node as libyaml's composer makes it here: its constructor's arguments, kept in `args` by
    the C code of `BaseException`, where PyYAML's node classes run a Python `__init__` for each
    node (a claim has about 90). Never raised. `args` is (tag, value, start mark, end mark,
    style); the value of a sequence is its list of nodes, of a mapping its (key, value) pairs."""

    __slots__ = ()

    @property
    def start_mark(self):  # what the composer itself reads of a node, to word a refusal
        return self.args[_START]


class _Scalar(_Node):
    __slots__ = ()


class _Sequence(_Node):
    __slots__ = ("end_mark",)  # set by the composer once the last item is read


class _Mapping(_Node):
    __slots__ = ("end_mark",)


_VALUE, _START = 1, 2  # in a node's `args`
_NODE_CLASSES = {"ScalarNode": _Scalar, "SequenceNode": _Sequence, "MappingNode": _Mapping}


if CParser is not None:
    class _Composer(CParser):
        """libyaml's composer with a resolver that only records whether a scalar is plain-implicit."""

        def resolve(self, kind, value, implicit, scalar=_Scalar):
            return "?" if kind is not scalar or implicit[0] else "!"

        # libyaml calls these for every node; nothing needs to happen, so they are C builtins
        # that accept the same arguments and take no Python frame.
        descend_resolver = staticmethod(slice)  # (current_node, current_index)
        ascend_resolver = staticmethod(tuple)  # ()


class Unusual(Exception):
    """Something the fast path does not decide: the event path will say what and where."""


def from_nodes(text: str, max_depth: int) -> Document:
    """Build the data from libyaml's nodes. Only the ordinary cases are handled here (plain or
    quoted scalars, `!!str`, untagged collections, plain distinct keys, not too deep, not too
    many values); anything else is left to the event path, so refusals are worded and placed
    by one piece of code."""
    root = _composed(text)
    if root is None:
        return NodeDocument(None, None)
    budget = [tree.MAX_VALUES]
    return NodeDocument(_value(root, 0, max_depth, budget), root)


def _composed(text: str) -> Any:
    """libyaml's node tree of `text`, made of this module's node classes. The C composer takes
    its node classes from its module's names when it makes each node, so they are this module's
    for the time it composes (one thread checks claims; the names are PyYAML's again after, so
    its own C loaders are left as they were)."""
    names = libyaml.__dict__
    kept = {name: names[name] for name in _NODE_CLASSES}
    names.update(_NODE_CLASSES)
    try:
        return _Composer(text).get_single_node()
    finally:
        names.update(kept)


_PLAIN_KEY_TAGS = {"?", *STR_TAGS}
_FASTCOLLECTION_TAGS = {"?", *COLLECTION_TAGS}


def _value(node: Any, depth: int, max_depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise Unusual
    kind = type(node)
    tag, value, _, _, style = node.args
    if kind is _Scalar:
        if tag == "?":
            return plain_value(value) if style in (None, "") else value
        if tag in STR_TAGS:
            return value
        raise Unusual
    if tag not in _FASTCOLLECTION_TAGS or depth >= max_depth:
        raise Unusual
    depth += 1
    if kind is _Mapping:
        mapping: dict[str, Any] = {}
        for key, item in value:
            key_tag, name, _, _, _ = key.args
            if type(key) is not _Scalar or key_tag not in _PLAIN_KEY_TAGS or name in mapping:
                raise Unusual
            if type(item) is _Scalar:  # most values: a plain or quoted scalar, read here
                item_tag, text, _, _, item_style = item.args
                if item_tag == "?":
                    budget[0] -= 1
                    mapping[name] = plain_value(text) if item_style in (None, "") else text
                    continue
            mapping[name] = _value(item, depth, max_depth, budget)
        if budget[0] < 0:
            raise Unusual
        return mapping
    return [_value(item, depth, max_depth, budget) for item in value]
