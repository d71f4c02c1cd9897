"""Safe YAML reading that keeps where every key and value stood.

The tree is built from the parser's events rather than from PyYAML's constructor, so that:
nothing is ever constructed from a tag (no code can run), anchors and aliases are refused
before anything is expanded (no "billion laughs"), duplicate keys are caught, nesting depth
(MAX_DEPTH) and the number of values (MAX_VALUES) are bounded without recursion, and
scalars follow YAML 1.2: only true/false are booleans, so `country: NO` is the text "NO".
Every scalar other than null and booleans stays text; the models read numbers and dates
from that text exactly.

Two paths build the same tree. The fast one (`yamlnodes`) lets libyaml compose the nodes in
C and builds the data from them, for small texts that cannot nest deeply and hold no anchor
or alias; it hands anything unusual to the event path here, which walks the parser's events
and leaves every refusal to `_Tree`. So both accept the same files, build the same data and
positions, and refuse the first problem with the same message; tests/test_property_loader.py
checks that on generated YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

from .textfiles import unprintable_at
from .values import PlainScalar

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column

MAX_DEPTH = 64
MAX_VALUES = 100_000  # a real claim has a few hundred; this bounds time and memory per file
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_COLLECTION_TAGS = {"!"}  # the non-specific tag only: `!!map`, `!!seq` and the rest are refused like any tag


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


def parse_document(text: str, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document; raise YamlProblem for anything refused."""
    from . import yamlnodes

    if yamlnodes.fast_path_safe(text):
        try:
            return yamlnodes.from_nodes(text, max_depth)
        except (yaml.YAMLError, yamlnodes.Unusual):
            pass  # the event path says exactly what and where
    return _from_events(text, max_depth)


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
