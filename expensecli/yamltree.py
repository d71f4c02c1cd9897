"""Safe YAML reading that keeps where every key and value stood.

The tree is built from the parser's events rather than from PyYAML's constructor, so that:
nothing is ever constructed from a tag (no code can run), anchors and aliases are refused
before anything is expanded (no "billion laughs"), duplicate keys are caught, nesting depth
is bounded without recursion, and scalars follow YAML 1.2: only true/false are booleans,
so `country: NO` is the text "NO". Every scalar other than null and booleans stays text;
the models read numbers and dates from that text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .values import PlainScalar

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: the event path alone
    CParser = None

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column

MAX_DEPTH = 64
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}


class YamlProblem(Exception):
    """A file that is not acceptable YAML; `code` is LOAD002 or LOAD003."""

    def __init__(self, code: str, message: str, mark: Mark):
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


@dataclass
class Document:
    """The plain data of a file plus the position of each value and each mapping key."""

    data: Any
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def locate(self, path: Path) -> Mark:
        """Position of `path`, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def locate_key(self, path: Path) -> Mark:
        return self.keys.get(path) or self.locate(path)


def _mark(event: yaml.Event) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = None if event.tag == "!" else event.tag
    if tag is not None and tag not in _STR_TAGS:
        raise YamlProblem("LOAD002", f"tag {tag} is not allowed; remove it", _mark(event))
    return _plain_value(event.value) if event.style in (None, "") and event.implicit[0] and tag is None \
        else event.value


def _plain_value(text: str) -> Any:
    """YAML 1.2 core schema for an unquoted scalar: null, true/false, else text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    return PlainScalar(text)


class _Frame:
    __slots__ = ("container", "path", "key", "is_map")

    def __init__(self, container: Any, path: Path):
        self.container, self.path, self.key = container, path, None
        self.is_map = isinstance(container, dict)


def parse_document(text: str, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document; raise YamlProblem for anything refused.

    Most files take the fast path: libyaml composes the nodes in C and they are walked here.
    libyaml composes recursively, so that path is taken only when the text cannot nest
    deeper than FAST_PATH_LIMIT (each level needs one of `[ { - : ?`) and cannot hold an
    anchor or alias (`&`, `*`); anything else, and any error, goes through the event path,
    which gives the same answer for every input.
    """
    if CParser is not None and _shallow_and_plain(text):
        try:
            return _from_nodes(text, max_depth)
        except yaml.YAMLError:
            pass  # the event path says exactly what and where
    return _from_events(text, max_depth)


FAST_PATH_LIMIT = 1000


def _shallow_and_plain(text: str) -> bool:
    if "&" in text or "*" in text:
        return False
    indicators = text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?")
    return indicators < FAST_PATH_LIMIT


if CParser is not None:
    class _Composer(CParser):
        """libyaml's composer with a resolver that only marks implicit tags, so explicit ones show."""

        def resolve(self, kind, value, implicit):
            return "?"

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass


def _from_nodes(text: str, max_depth: int) -> Document:
    root = _Composer(text).get_single_node()
    doc = Document(data=None)
    if root is None:
        return doc
    stack: list[tuple[Any, Path, int, Any, Any]] = [(root, (), 0, None, None)]
    while stack:
        node, path, depth, parent, key = stack.pop()
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag != "?" and tag not in _STR_TAGS:
                raise YamlProblem("LOAD002", f"tag {tag} is not allowed; remove it", mark)
            value = _plain_value(node.value) if tag == "?" and node.style in (None, "") else node.value
        else:
            if tag != "?" and tag not in _COLLECTION_TAGS:
                raise YamlProblem("LOAD002", f"tag {tag} is not allowed; remove it", mark)
            if depth >= max_depth:
                raise YamlProblem("LOAD002", f"nesting deeper than {max_depth} levels", mark)
            value = {} if isinstance(node, yaml.MappingNode) else []
        doc.values[path] = mark
        if parent is None:
            doc.data = value
        elif key is None:
            parent.append(value)
        else:
            parent[key] = value
        if isinstance(node, yaml.MappingNode):
            children = []
            for key_node, value_node in node.value:
                key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ("?", *_STR_TAGS):
                    raise YamlProblem("LOAD002", "a mapping key must be plain text", key_mark)
                name = key_node.value
                if name in value:
                    line, column = doc.keys[path + (name,)]
                    raise YamlProblem("LOAD003", _duplicate(name, line, column), key_mark)
                value[name] = None
                doc.keys[path + (name,)] = key_mark
                children.append((value_node, path + (name,), depth + 1, value, name))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(item, path + (i,), depth + 1, value, None) for i, item in enumerate(node.value)]))
    return doc


def _duplicate(key: str, line: int, column: int) -> str:
    return (f"key '{key}' appears twice (first at line {line}, column {column});"
            " the later value would silently replace the first")


def _from_events(text: str, max_depth: int) -> Document:
    doc = Document(data=None)
    stack: list[_Frame] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem("LOAD002", "more than one YAML document in the file (a second '---');"
                                      " put one claim in each file", _mark(event))
                continue
            if kind is yaml.AliasEvent:
                raise YamlProblem("LOAD002", f"alias *{event.anchor} is not allowed; write the value out",
                                  _mark(event))
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            if event.anchor is not None:
                raise YamlProblem("LOAD002", f"anchor &{event.anchor} is not allowed; write the value out",
                                  _mark(event))
            parent = stack[-1] if stack else None
            if parent is not None and parent.is_map and parent.key is None:
                _take_key(doc, parent, event)
                continue
            if kind is yaml.ScalarEvent:
                value = _scalar(event)
            else:
                if event.tag is not None and event.tag not in _COLLECTION_TAGS:
                    raise YamlProblem("LOAD002", f"tag {event.tag} is not allowed; remove it", _mark(event))
                value = {} if kind is yaml.MappingStartEvent else []
            path = _place(doc, parent, value)
            doc.values[path] = _mark(event)
            if kind is not yaml.ScalarEvent:
                if len(stack) >= max_depth:
                    raise YamlProblem("LOAD002", f"nesting deeper than {max_depth} levels", _mark(event))
                stack.append(_Frame(value, path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        raise YamlProblem("LOAD002", f"YAML syntax error: {reason}", where) from None
    except yaml.YAMLError as error:
        raise YamlProblem("LOAD002", f"YAML error: {error}", (1, 1)) from None
    return doc


def _take_key(doc: Document, frame: _Frame, event: yaml.Event) -> None:
    if type(event) is not yaml.ScalarEvent:
        raise YamlProblem("LOAD002", "a mapping key must be plain text", _mark(event))
    if event.tag not in (None, *_STR_TAGS):
        raise YamlProblem("LOAD002", "a mapping key must be plain text", _mark(event))
    key = event.value
    path = frame.path + (key,)
    if key in frame.container:
        line, column = doc.keys[path]
        raise YamlProblem("LOAD003", _duplicate(key, line, column), _mark(event))
    frame.key = key
    frame.container[key] = None
    doc.keys[path] = _mark(event)


def _place(doc: Document, parent: _Frame | None, value: Any) -> Path:
    if parent is None:
        doc.data = value
        return ()
    if parent.is_map:
        key, parent.key = parent.key, None
        parent.container[key] = value
        return parent.path + (key,)
    parent.container.append(value)
    return parent.path + (len(parent.container) - 1,)
